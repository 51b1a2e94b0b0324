// SPDX-License-Identifier: MIT
/*
 * coh-sharing: one backing buffer, several users.
 *
 * Resources on one buffer: a large coherent buffer surface B (64 pages)
 * and a small one A (4 pages) created on B's buffer (buffer_handle).  The
 * uAPI (6.1, 6.12) places every surface at offset 0 of its buffer, so A's pages
 * are also B's first pages.  A CPU write must reach every surface that
 * covers it, whichever of them the GPU uses first.
 *
 * Several mappings: the same buffer mapped twice in one process, and in a
 * parent and a forked child; writes through each mapping must all reach
 * the GPU, and GPU writes must be visible through each.  A child that
 * writes and exits before the GPU uses the buffer must not take its
 * writes with it.
 */
#define _GNU_SOURCE
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (64 * COH_PAGE)
#define SMALL (4 * COH_PAGE)

static struct coh_env env;

static struct vmw_surface_desc buf_desc(size_t size)
{
	return coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			(uint32_t)size, 1, 1, 1, 0);
}

/* Compare [from, to) of a helper's copy with the shadow. */
static bool range_ok(const char *what, const struct coh_surf *h,
		     const uint8_t *shadow, size_t from, size_t to)
{
	coh_diag_diff(what, h->map + from, shadow + from, to - from);
	return !memcmp(h->map + from, shadow + from, to - from);
}

static void shared_buffer_cases(void)
{
	struct vmw_surface_desc db = buf_desc(BIG), da = buf_desc(SMALL);
	struct coh_surf b, a, hb, ha;
	uint8_t *shadow = malloc(BIG);
	int ret;

	if (!shadow)
		tap_bail("out of memory");
	ret = coh_surf_create(&env, &db, true, VMW_INVALID_ID, &b);
	if (!ret)
		ret = coh_surf_create(&env, &da, true, b.s.buffer_handle, &a);
	if (!ret)
		ret = coh_surf_create(&env, &db, false, VMW_INVALID_ID, &hb);
	if (!ret)
		ret = coh_surf_create(&env, &da, false, VMW_INVALID_ID, &ha);
	if (ret)
		tap_bail("shared-buffer surfaces: ret %d", ret);
	tap_diag("B: surface %u on buffer %u (%zu bytes); A: surface %u on buffer %u (%zu bytes)",
		 b.s.handle, b.s.buffer_handle, b.size, a.s.handle,
		 a.s.buffer_handle, a.size);

	/* both surfaces used once by the GPU: the buffer is in its MOB */
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &b, &hb);
	if (!ret)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &a, &ha);
	memcpy(shadow, b.map, BIG);

	/* 1: everything written; A used first, then B */
	coh_fill(shadow, 0, BIG, 0x5100);
	memcpy(b.map, shadow, BIG);
	if (!ret)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &a, &ha);
	tap_ok(!ret && range_ok("A after write-all", &ha, shadow, 0, SMALL),
	       "write everything, A used first: A's copy matches (ret %d)", ret);
	if (!ret)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &b, &hb);
	tap_ok(!ret && range_ok("B beyond A", &hb, shadow, SMALL, BIG),
	       "write everything, A used first, then B: B's pages beyond A's end reach B (ret %d)", ret);
	tap_ok(!ret && range_ok("B within A", &hb, shadow, 0, SMALL),
	       "write everything, A used first, then B: B's pages shared with A reach B too (ret %d)", ret);

	/* resync the device (not a case): B gets everything */
	memcpy(hb.map, shadow, BIG);
	if (!ret)
		ret = coh_gpu_write(&env, COH_COPY_BUFFER, &hb, &b);
	memcpy(ha.map, shadow, SMALL);
	if (!ret)
		ret = coh_gpu_write(&env, COH_COPY_BUFFER, &ha, &a);
	(void)b.map[0];  /* fault: the kernel reads back */

	/* 2: scattered pages (one in A, two only in B); B used first */
	for (size_t pg = 1; pg < 64; pg += 30) {
		coh_fill(shadow + pg * COH_PAGE, pg * COH_PAGE, 100, 0x5200);
		memcpy(b.map + pg * COH_PAGE, shadow + pg * COH_PAGE, 100);
	}
	if (!ret)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &b, &hb);
	tap_ok(!ret && range_ok("B scattered", &hb, shadow, 0, BIG),
	       "scattered pages, B used first: B's copy matches (ret %d)", ret);
	if (!ret)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &a, &ha);
	tap_ok(!ret && range_ok("A after B", &ha, shadow, 0, SMALL),
	       "scattered pages, B used first, then A: A's page reaches A too (ret %d)", ret);

	coh_surf_destroy(&env, &ha);
	coh_surf_destroy(&env, &hb);
	coh_surf_destroy(&env, &a);
	coh_surf_destroy(&env, &b);
	free(shadow);
}

/* Two mappings of one buffer in this process, writing alternately. */
static void two_mappings_case(size_t size, const char *name)
{
	struct vmw_surface_desc d = buf_desc(size);
	struct coh_surf c, h;
	uint8_t *m2, *shadow = malloc(size);
	size_t pages = size / COH_PAGE;
	int ret, bad = 0;

	if (!shadow)
		tap_bail("out of memory");
	ret = coh_pair_create(&env, &d, &c, &h);
	if (ret)
		tap_bail("two mappings: surfaces ret %d", ret);
	m2 = vmw_map(env.fd, c.s.map_handle, c.map_size);
	if (!m2)
		tap_bail("second mapping failed");
	/* GPU write first (a first move into the MOB lost page-table-tracked writes before kernel/patches 0007), read through both */
	coh_fill(h.map, 0, size, 0x6000);
	memcpy(shadow, h.map, size);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &h, &c);
	bad += memcmp(c.map, shadow, size) != 0;
	bad += memcmp(m2, shadow, size) != 0;
	for (int r = 0; r < 6 && !ret; r++) {
		/* even pages through one mapping, odd through the other, and
		 * one page written through both at different bytes */
		for (size_t pg = r % 2; pg < pages; pg += 5) {
			uint8_t *via = pg % 2 ? m2 : c.map;
			size_t off = pg * COH_PAGE + 64 * (size_t)r;

			coh_fill(shadow + off, off, 64, 0x6100 + (uint32_t)r);
			memcpy(via + off, shadow + off, 64);
		}
		coh_fill(shadow + 10, 10, 10, 0x6200 + (uint32_t)r);
		memcpy(c.map + 10, shadow + 10, 5);
		memcpy(m2 + 15, shadow + 15, 5);
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &c, &h);
		if (memcmp(h.map, shadow, size)) {
			bad++;
			coh_diag_diff(name, h.map, shadow, size);
		}
		/* GPU writes; both mappings must see it */
		coh_fill(h.map, 0, size, 0x6300 + (uint32_t)r);
		memcpy(shadow, h.map, size);
		if (!ret)
			ret = coh_gpu_write(&env, COH_COPY_BUFFER, &h, &c);
		bad += memcmp(m2, shadow, size) != 0;
		bad += memcmp(c.map, shadow, size) != 0;
	}
	tap_ok(!ret && !bad, "%s: same buffer mapped twice, 6 rounds of writes through both and GPU writes read through both (%d mismatches, ret %d)",
	       name, bad, ret);
	munmap(m2, c.map_size);
	coh_surf_destroy(&env, &h);
	coh_surf_destroy(&env, &c);
	free(shadow);
}

static int exited_writer_case(struct coh_surf *c, struct coh_surf *h,
			      uint8_t *shadow, const char *name);

/* Parent and forked child write their own pages; child reads GPU data. */
static void fork_case(void)
{
	const size_t size = 32 * COH_PAGE;
	struct vmw_surface_desc d = buf_desc(size);
	struct coh_surf c, h;
	uint8_t *shadow = malloc(size);
	int ret, status = 0, go[2], done[2];
	char token = 0;
	pid_t pid;

	if (!shadow || pipe(go) || pipe(done))
		tap_bail("setup failed");
	ret = coh_pair_create(&env, &d, &c, &h);
	if (ret)
		tap_bail("fork case: surfaces ret %d", ret);
	coh_fill(h.map, 0, size, 0x7000);
	memcpy(shadow, h.map, size);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &h, &c);

	pid = fork();
	if (pid == 0) {
		/* child: its own second mapping as well as the inherited one */
		uint8_t *own = vmw_map(env.fd, c.s.map_handle, c.map_size);
		int bad = !own;

		for (size_t pg = 1; own && pg < 32; pg += 2) {
			uint8_t *via = pg % 4 == 1 ? own : c.map;

			coh_fill(via + pg * COH_PAGE, pg * COH_PAGE, COH_PAGE, 0x7100);
		}
		if (write(done[1], "w", 1) != 1 || read(go[0], &token, 1) != 1)
			_exit(3);
		/* the parent had the GPU write everything: check both maps */
		for (size_t i = 0; own && i < size; i++)
			if (own[i] != coh_byte(0x7200, i) ||
			    c.map[i] != coh_byte(0x7200, i))
				bad = 1;
		_exit(bad ? 1 : 0);
	}
	/* parent: even pages */
	for (size_t pg = 0; pg < 32; pg += 2) {
		coh_fill(shadow + pg * COH_PAGE, pg * COH_PAGE, COH_PAGE, 0x7101);
		memcpy(c.map + pg * COH_PAGE, shadow + pg * COH_PAGE, COH_PAGE);
	}
	for (size_t pg = 1; pg < 32; pg += 2)
		coh_fill(shadow + pg * COH_PAGE, pg * COH_PAGE, COH_PAGE, 0x7100);
	if (pid < 0 || read(done[0], &token, 1) != 1)
		tap_bail("child did not write");
	if (!ret)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &c, &h);
	coh_diag_diff("parent + child writes", h.map, shadow, size);
	tap_ok(!ret && !memcmp(h.map, shadow, size),
	       "parent and forked child write through their mappings: every write reaches the GPU (ret %d)", ret);
	coh_fill(h.map, 0, size, 0x7200);
	if (!ret)
		ret = coh_gpu_write(&env, COH_COPY_BUFFER, &h, &c);
	if (write(go[1], "g", 1) != 1 || waitpid(pid, &status, 0) != pid)
		status = -1;
	tap_ok(!ret && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "GPU write then read through the child's two mappings: child saw it (status 0x%x)", status);
	(void)c.map[0];  /* fault: the kernel reads back what the GPU wrote */
	memcpy(shadow, h.map, size);
	ret = ret ? ret : exited_writer_case(&c, &h, shadow, "small buffer (page-table tracking)");
	coh_surf_destroy(&env, &h);
	coh_surf_destroy(&env, &c);
	free(shadow);
}

/* A child writes pages and exits before the GPU uses the buffer: its
 * writes must not go with its page tables. */
static int exited_writer_case(struct coh_surf *c, struct coh_surf *h,
			      uint8_t *shadow, const char *name)
{
	size_t size = c->size;
	int status = -1, ret;
	pid_t pid;

	for (size_t pg = 3; pg < size / COH_PAGE; pg += 7)
		coh_fill(shadow + pg * COH_PAGE, pg * COH_PAGE, 200, 0x7300);
	pid = fork();
	if (pid == 0) {
		for (size_t pg = 3; pg < size / COH_PAGE; pg += 7)
			memcpy(c->map + pg * COH_PAGE, shadow + pg * COH_PAGE, 200);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, c, h);
	coh_diag_diff(name, h->map, shadow, size);
	tap_ok(!ret && status == 0 && !memcmp(h->map, shadow, size),
	       "%s: a forked child writes and exits before the GPU copy: its writes reach the GPU (ret %d)",
	       name, ret);
	return ret;
}

static void exited_writer_large(void)
{
	const size_t size = 600 * COH_PAGE;
	struct vmw_surface_desc d = buf_desc(size);
	struct coh_surf c, h;
	uint8_t *shadow = malloc(size);
	int ret;

	if (!shadow)
		tap_bail("out of memory");
	ret = coh_pair_create(&env, &d, &c, &h);
	if (ret)
		tap_bail("surfaces ret %d", ret);
	coh_fill(h.map, 0, size, 0x7400);
	memcpy(shadow, h.map, size);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &h, &c);
	(void)c.map[0];
	if (ret)
		tap_diag("GPU write failed: %d", ret);
	exited_writer_case(&c, &h, shadow, "large buffer (mkwrite tracking)");
	coh_surf_destroy(&env, &h);
	coh_surf_destroy(&env, &c);
	free(shadow);
}

int main(void)
{
	tap_plan(5 + 2 + 3 + 1);
	coh_env_init(&env);
	shared_buffer_cases();
	two_mappings_case(48 * COH_PAGE, "small buffer");
	two_mappings_case(600 * COH_PAGE, "large buffer (mkwrite)");
	fork_case();
	exited_writer_large();
	coh_env_fini(&env);
	return tap_finish();
}
