// SPDX-License-Identifier: MIT
/*
 * coh-stress: several processes and threads write random pages of one
 * coherent buffer while the GPU keeps copying it out, for a bounded time
 * (default 20 s, argv[1] overrides).
 *
 * Each writer thread owns the pages p with p % WRITERS == its index, so
 * every page has one writer and a well-defined content.  A writer marks a
 * page's generation odd while writing it and even when done (a seqcount
 * in shared memory).  The checker records the generations before each
 * submission and after its fence: a page whose generation was even and
 * unchanged over that window was last written before the submission, so
 * the GPU's copy of it must be exact.  Pages written during the window
 * are racing the GPU by definition and are skipped that round.  After the
 * writers stop, a final quiescent round checks every page.
 */
#define _GNU_SOURCE
#include "coh_lib.h"
#include "tap.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROCS 3
#define THREADS 2
#define WRITERS (PROCS * THREADS)
#define PAGES 600   /* above 512: starts with mkwrite tracking */
#define SIZE ((size_t)PAGES * COH_PAGE)

struct shared {
	atomic_uint gen[PAGES];
	atomic_int stop;
	atomic_int stopped;   /* writer processes whose threads finished */
	atomic_int may_exit;  /* keep mappings alive until the final check */
	atomic_ullong writes[WRITERS];
};

static struct coh_env env;
static struct shared *sh;
static uint8_t *map;

static uint32_t seed_of(size_t page, unsigned gen)
{
	return (uint32_t)(page * 0x10001u) ^ (gen * 0x9e37u);
}

struct writer_arg { int id; };

static void *writer(void *p)
{
	int id = ((struct writer_arg *)p)->id;
	uint32_t rng = 0x1234567u + (uint32_t)id * 7919u;

	while (!atomic_load(&sh->stop)) {
		size_t page = (coh_rand(&rng) % (PAGES / WRITERS)) * WRITERS + (size_t)id;
		unsigned g = atomic_load(&sh->gen[page]) + 1;  /* odd: writing */

		atomic_store(&sh->gen[page], g);
		coh_fill(map + page * COH_PAGE, page * COH_PAGE, COH_PAGE,
			 seed_of(page, g + 1));
		atomic_store(&sh->gen[page], g + 1);            /* even: done */
		atomic_fetch_add(&sh->writes[id], 1);
		if (coh_rand(&rng) % 4 == 0)
			usleep(200);
	}
	return NULL;
}

static void writer_process(int proc)
{
	pthread_t t[THREADS];
	struct writer_arg a[THREADS];

	for (int i = 0; i < THREADS; i++) {
		a[i].id = proc * THREADS + i;
		if (pthread_create(&t[i], NULL, writer, &a[i]))
			_exit(2);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	/* Stay mapped until the final check: with page-table tracking, PTE
	 * dirty bits of an exiting process are lost (coh-sharing tests
	 * that separately). */
	atomic_fetch_add(&sh->stopped, 1);
	while (!atomic_load(&sh->may_exit))
		usleep(1000);
	_exit(0);
}

/* Check one GPU snapshot; returns mismatching stable pages. */
static size_t check(const uint8_t *copy, const unsigned *before,
		    const unsigned *after, size_t *stable)
{
	static uint8_t want[COH_PAGE];
	size_t bad = 0;

	*stable = 0;
	for (size_t p = 0; p < PAGES; p++) {
		if (before[p] != after[p] || before[p] % 2)
			continue;
		coh_fill(want, p * COH_PAGE, COH_PAGE, seed_of(p, before[p]));
		(*stable)++;
		if (memcmp(copy + p * COH_PAGE, want, COH_PAGE)) {
			if (!bad)
				tap_diag("page %zu (generation %u) differs in the GPU copy", p, before[p]);
			bad++;
		}
	}
	return bad;
}

int main(int argc, char **argv)
{
	struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER,
					     SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
					     (uint32_t)SIZE, 1, 1, 1, 0);
	static unsigned before[PAGES], after[PAGES];
	struct coh_surf coh, helper;
	double seconds = argc > 1 ? atof(argv[1]) : 20.0;
	unsigned long long rounds = 0, checked = 0, skipped = 0, bad = 0, writes = 0;
	struct timespec t0, t1;
	struct coh_meas m;
	pid_t pids[PROCS];
	int ret, errs = 0, exits_ok = 1;
	size_t stable, final_bad;

	tap_plan(4);
	coh_env_init(&env);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		tap_bail("shared memory");
	memset(sh, 0, sizeof(*sh));
	ret = coh_pair_create(&env, &d, &coh, &helper);
	if (ret)
		tap_bail("surfaces: ret %d", ret);
	map = coh.map;
	/* generation 0 everywhere, written by the GPU so that the buffer
	 * is in its MOB first (a first move into the MOB lost page-table-tracked writes before kernel/patches 0007) */
	for (size_t p = 0; p < PAGES; p++)
		coh_fill(helper.map + p * COH_PAGE, p * COH_PAGE, COH_PAGE, seed_of(p, 0));
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &helper, &coh);
	tap_ok(!ret && !memcmp(coh.map, helper.map, SIZE),
	       "initial GPU write read back through the mapping (ret %d)", ret);

	coh_meas_begin(&env, &m);
	for (int i = 0; i < PROCS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			writer_process(i);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		for (size_t p = 0; p < PAGES; p++)
			before[p] = atomic_load(&sh->gen[p]);
		errs += coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper) != 0;
		for (size_t p = 0; p < PAGES; p++)
			after[p] = atomic_load(&sh->gen[p]);
		bad += check(helper.map, before, after, &stable);
		checked += stable * COH_PAGE;
		skipped += PAGES - stable;
		rounds++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
	} while ((double)(t1.tv_sec - t0.tv_sec) +
		 (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 < seconds);
	atomic_store(&sh->stop, 1);
	while (atomic_load(&sh->stopped) < PROCS)
		usleep(1000);
	/* quiescent: every page must now be exact */
	for (size_t p = 0; p < PAGES; p++)
		before[p] = atomic_load(&sh->gen[p]);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	final_bad = check(helper.map, before, before, &stable);
	atomic_store(&sh->may_exit, 1);
	for (int i = 0; i < PROCS; i++) {
		int st = 0;

		if (pids[i] < 0 || waitpid(pids[i], &st, 0) != pids[i] ||
		    !WIFEXITED(st) || WEXITSTATUS(st))
			exits_ok = 0;
	}
	for (int i = 0; i < WRITERS; i++)
		writes += atomic_load(&sh->writes[i]);
	tap_diag("stress: %.0f s, %d processes x %d threads, %llu page writes, %llu GPU rounds, %llu bytes checked, %llu page checks skipped (racing)",
		 seconds, PROCS, THREADS, writes, rounds, checked, skipped);
	coh_meas_wrote(&m, 0, 0);
	m.dirtied = writes * COH_PAGE;
	coh_meas_end(&env, &m, "stress");
	tap_ok(exits_ok && writes > 0, "all %d writer processes ran and exited cleanly (%llu writes)",
	       PROCS, writes);
	tap_ok(!bad && !errs && rounds > 0,
	       "concurrent rounds: zero mismatches on stable pages (%llu rounds, %llu bytes checked, %llu mismatching pages, %d errors)",
	       rounds, checked, bad, errs);

	tap_ok(!ret && !final_bad && stable == PAGES,
	       "after the writers stopped: GPU copy of all %d pages exact (%zu bad, ret %d)",
	       PAGES, final_bad, ret);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	coh_env_fini(&env);
	return tap_finish();
}
