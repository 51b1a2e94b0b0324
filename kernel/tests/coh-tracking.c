// SPDX-License-Identifier: MIT
/*
 * coh-tracking: both dirty-tracking methods and the switches between them.
 *
 * vmwgfx tracks CPU writes to a coherent buffer either by write-protecting
 * its PTEs and recording mkwrite faults, or by scanning PTE dirty bits;
 * buffers below 512 pages start with scanning, larger ones with mkwrite
 * (vmw_bo_dirty_add).  At each validation it rescans and may switch: on
 * Linux 6.1 by fixed thresholds (more than 1% of the pages written:
 * page-table; no page written on three consecutive scans: mkwrite), on
 * 6.12 by the costs the driver observes on the machine it runs on
 * (0033).  What holds either way, and what this test checks: an idle
 * buffer ends up on write faults (nothing to catch costs nothing then),
 * a buffer with 30% of its pages written every round on page-table
 * scanning, and the method the kernel reports (its switch counters in
 * debugfs) is the method userspace sees.  The phases below drive a small
 * and a large buffer through sparse (under 1% of the pages), idle and
 * dense rounds, and check the GPU's copy after every round.  Which method
 * a sparse phase uses is the cost model's choice on 6.12 and is reported,
 * not expected.
 *
 * The active method is visible from userspace: under mkwrite every first
 * write to a page after a scan is a (minor) fault, under page-table
 * scanning writes to mapped pages do not fault.  We count minor faults
 * around the CPU writes of the last round of each sparse phase, which
 * rewrites the pages of the round before (a page write-protected under
 * mkwrite stays so after a switch until its next write).  The kernel's
 * method is its starting one toggled by every switch it counted: the
 * suite's buffer is the only coherent one.
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct coh_env env;

enum kind { SPARSE, DENSE, IDLE };
struct phase {
	const char *name;
	enum kind kind;
	int rounds;
};

/* Phase order; each idle phase must end on write faults ('M'), each
 * dense one on page-table scanning ('P'). */
static const struct phase phases[] = {
	{ "sparse", SPARSE, 4 },
	{ "idle (no writes)", IDLE, 4 },
	{ "sparse after idle", SPARSE, 4 },
	{ "dense (30% of pages)", DENSE, 4 },
	{ "sparse after dense", SPARSE, 3 },
	{ "idle again", IDLE, 4 },
	{ "sparse after idle again", SPARSE, 3 },
};
#define NPHASES (int)(sizeof(phases) / sizeof(phases[0]))

/*
 * The method the kernel uses now for the suite's one coherent buffer,
 * which started with @start: 'M' or 'P', '?' if its switch counters since
 * @k0 do not alternate.
 */
static char kernel_method(char start, const long long k0[COH_K_NUM])
{
	long long k[COH_K_NUM];
	long long to_m, to_p;

	if (!coh_kstats_read(k))
		return '?';
	to_m = k[COH_K_TO_MKWRITE] - k0[COH_K_TO_MKWRITE];
	to_p = k[COH_K_TO_PAGETABLE] - k0[COH_K_TO_PAGETABLE];
	if (start == 'P')
		return to_m == to_p ? 'P' : to_m == to_p + 1 ? 'M' : '?';
	return to_p == to_m ? 'M' : to_p == to_m + 1 ? 'P' : '?';
}

static void run(const char *name, size_t size, char start, uint32_t seed)
{
	struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER,
					     SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
					     (uint32_t)size, 1, 1, 1, 0);
	struct coh_surf coh, helper;
	uint32_t rng = seed;
	/* per sparse phase: the method its faults showed, and the kernel's;
	 * per idle or dense phase: the kernel's at its end, and the rule's */
	char seen[NPHASES + 1], kernel[NPHASES + 1];
	char ends[NPHASES + 1], rule[NPHASES + 1];
	long long k0[COH_K_NUM];
	uint8_t *shadow;
	size_t pages = size / COH_PAGE;
	int ret, si = 0, ei = 0;

	if (!coh_kstats_read(k0))
		tap_bail("no coherency statistics in debugfs: not our kernel?");
	ret = coh_pair_create(&env, &d, &coh, &helper);
	if (ret) {
		for (int i = 0; i <= NPHASES + 1; i++)
			tap_ok(false, "%s: surfaces (ret %d)", name, ret);
		return;
	}
	shadow = malloc(size);
	if (!shadow)
		tap_bail("out of memory");
	/* Start with a GPU write of everything, then read it all: the buffer
	 * is in its MOB and every page is mapped before the first round. */
	coh_fill(helper.map, 0, size, seed);
	memcpy(shadow, helper.map, size);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &helper, &coh);
	if (ret || memcmp(coh.map, shadow, size))
		tap_diag("%s: initial GPU write not read back correctly (ret %d)", name, ret);

	for (int p = 0; p < NPHASES; p++) {
		const struct phase *ph = &phases[p];
		int bad = -1, errs = 0;
		uint64_t faults = 0, written = 0;
		struct coh_meas m;

		coh_meas_begin(&env, &m);
		for (int r = 0; r < ph->rounds; r++) {
			/* sparse: under 1% of the pages, one at least */
			size_t sparse = pages / 200 ? pages / 200 : 1;
			size_t n = ph->kind == SPARSE ? sparse :
				   ph->kind == DENSE ? pages * 3 / 10 : 0;
			uint64_t f0, w0 = written;

			/* the method in effect for the last round's writes */
			if (ph->kind == SPARSE && r == ph->rounds - 1)
				kernel[si] = kernel_method(start, k0);
			f0 = coh_minflt();
			for (size_t i = 0; i < n; i++) {
				/* sparse rounds rewrite the same pages, so that
				 * the last round's faults show the method and
				 * not pages still write-protected from earlier */
				size_t pg = ph->kind == SPARSE ?
					    (p * 7 + i * pages / 3) % pages :
					    coh_rand(&rng) % pages;
				size_t off = pg * COH_PAGE + 8 * (coh_rand(&rng) % 500);

				coh_fill(shadow + off, off, 32, seed + (uint32_t)(p * 100 + r));
				memcpy(coh.map + off, shadow + off, 32);
				coh_meas_wrote(&m, off, 32);
				written++;
			}
			/* only the last round of a phase decides its method */
			if (r == ph->rounds - 1)
				faults = coh_minflt() - f0, written -= w0;
			errs += coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper) != 0;
			if (bad < 0 && memcmp(helper.map, shadow, size)) {
				bad = r;
				coh_diag_diff(ph->name, helper.map, shadow, size);
			}
		}
		if (ph->kind == SPARSE) {
			/* >= half a fault per written page: mkwrite */
			seen[si] = faults * 2 >= written ? 'M' : 'P';
			tap_diag("%s, %s: last round %llu writes, %llu faults -> %s (kernel: %c)",
				 name, ph->name, (unsigned long long)written,
				 (unsigned long long)faults,
				 seen[si] == 'M' ? "mkwrite" : "page-table scan",
				 kernel[si]);
			si++;
		} else {
			ends[ei] = kernel_method(start, k0);
			rule[ei++] = ph->kind == IDLE ? 'M' : 'P';
		}
		tap_ok(bad < 0 && !errs, "%s, phase '%s': %d rounds, GPU copy right every round (first bad %d, errors %d)",
		       name, ph->name, ph->rounds, bad, errs);
		coh_meas_end(&env, &m, ph->name);
	}
	seen[si] = kernel[si] = 0;
	ends[ei] = rule[ei] = 0;
	tap_ok(!strcmp(ends, rule),
	       "%s: method at the end of the idle and dense phases %s, expected %s (M mkwrite, P page-table scan)",
	       name, ends, rule);
	tap_ok(!strcmp(seen, kernel),
	       "%s: method in the sparse phases by their faults %s, by the kernel's switch counts %s",
	       name, seen, kernel);
	free(shadow);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	tap_plan(2 * (NPHASES + 2));
	coh_env_init(&env);
	/* below 512 pages a buffer starts with page-table scanning */
	run("small buffer (128 pages)", 128 * COH_PAGE, 'P', 0x4000);
	run("large buffer (640 pages)", 640 * COH_PAGE, 'M', 0x4100);
	coh_env_fini(&env);
	return tap_finish();
}
