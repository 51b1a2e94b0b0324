// SPDX-License-Identifier: MIT
/*
 * coh-swapout: CPU writes to a coherent buffer must reach the GPU when TTM
 * swaps the buffer out, or moves it out of its MOB, between the write and
 * the next GPU use (review finding 1 of issue 11).  TTM unmaps the
 * buffer's CPU mappings before any vmwgfx callback runs, and with
 * page-table dirty tracking the dirty bits of the writes since the last
 * scan go with those PTEs.
 *
 * The swapout is forced through TTM's own debugfs file ttm/tt_shrink:
 * each read swaps out the first swappable buffer of the LRUs
 * (ttm_global_swapout()); the test reads it until nothing is left to swap.
 * A buffer in its MOB is first moved to system memory there, through the
 * same ttm_bo_handle_move_mem() as an eviction, so the second and third
 * cases cover a move out of the MOB as well.  The device's copy is read
 * by a GPU copy into a non-coherent helper and an explicit READBACK.
 *
 * Cases:
 * 1. page-table tracking, the CPU writes the whole buffer before its first
 *    GPU use, swapout, GPU read;
 * 2. page-table tracking, after a first GPU use (bound in its MOB) the CPU
 *    writes three pages, swapout, GPU read;
 * 3. as 2 with write-fault tracking, whose dirty pages are recorded at
 *    the fault and so survive the unmap: it fails only if the unbind that
 *    the move out of the MOB does loses the resource's dirty state.
 * Prints TAP.
 */
#define _GNU_SOURCE
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF_PAGES 16u
#define BUF_BYTES (BUF_PAGES * COH_PAGE)
#define SHRINK_FILE "/sys/kernel/debug/ttm/tt_shrink"
/* Reads of tt_shrink before giving up: each swaps out one buffer. */
#define SHRINK_MAX_READS 100000

static struct coh_env env;
static uint8_t want[BUF_BYTES];
static char knob[512];

static void set_method(const char *method)
{
	int fd = open(knob, O_WRONLY);

	if (fd < 0 || write(fd, method, strlen(method)) < 0)
		tap_bail("%s: %s", knob, strerror(errno));
	close(fd);
}

/*
 * Swap out every buffer TTM can swap out; returns the pages swapped.
 * tt_shrink prints what one ttm_global_swapout() returned: the pages it
 * swapped out, 0 or a negative errno when nothing was left.
 */
static long long swap_out_everything(void)
{
	long long total = 0;
	int reads;

	for (reads = 0; reads < SHRINK_MAX_READS; reads++) {
		char buf[32];
		ssize_t n;
		long got;
		int fd = open(SHRINK_FILE, O_RDONLY);

		if (fd < 0)
			tap_bail("%s: %s", SHRINK_FILE, strerror(errno));
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			tap_bail("read %s: %s", SHRINK_FILE,
				 n < 0 ? strerror(errno) : "empty");
		buf[n] = '\0';
		got = strtol(buf, NULL, 10);
		if (got <= 0)
			break;
		total += got;
	}
	if (reads == SHRINK_MAX_READS)
		tap_bail("%s still swapping after %d reads", SHRINK_FILE,
			 reads);
	return total;
}

/* The GPU reads the coherent buffer; true if it saw @want. */
static bool gpu_sees_want(const char *what, struct coh_surf *coh,
			  struct coh_surf *helper)
{
	size_t first;
	int ret = coh_gpu_read(&env, COH_COPY_BUFFER, coh, helper);
	size_t bad = ret ? BUF_BYTES :
		coh_diff(helper->map, want, BUF_BYTES, &first);

	if (bad) {
		tap_diag("%s: GPU read ret %d, %zu of %u bytes wrong", what,
			 ret, bad, BUF_BYTES);
		coh_diag_diff(what, helper->map, want, BUF_BYTES);
	}
	return !bad;
}

static void pair(const char *method, struct coh_surf *coh,
		 struct coh_surf *helper)
{
	const struct vmw_surface_desc desc =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 BUF_BYTES, 1, 1, 1, 0);
	int ret;

	/* The method is chosen when the buffer's tracker is made. */
	set_method(method);
	ret = coh_pair_create(&env, &desc, coh, helper);
	if (ret)
		tap_bail("surfaces: ret %d", ret);
}

static void before_first_use(void)
{
	struct coh_surf coh, helper;
	long long swapped;

	pair("pagetable", &coh, &helper);
	coh_fill(coh.map, 0, BUF_BYTES, 30);
	coh_fill(want, 0, BUF_BYTES, 30);
	swapped = swap_out_everything();
	tap_ok(gpu_sees_want("before first use", &coh, &helper),
	       "page-table tracking, written before the first GPU use, swapped out (%lld pages): the GPU sees the writes",
	       swapped);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

static void after_first_use(const char *method)
{
	struct coh_surf coh, helper;
	long long swapped;

	pair(method, &coh, &helper);
	coh_fill(coh.map, 0, BUF_BYTES, 31);
	coh_fill(want, 0, BUF_BYTES, 31);
	/* The first GPU use moves the buffer into its MOB and binds it. */
	if (!gpu_sees_want("first use", &coh, &helper))
		tap_bail("first GPU read (%s)", method);
	coh_fill(coh.map + 5 * COH_PAGE, 5 * COH_PAGE, 3 * COH_PAGE, 32);
	coh_fill(want + 5 * COH_PAGE, 5 * COH_PAGE, 3 * COH_PAGE, 32);
	swapped = swap_out_everything();
	tap_ok(gpu_sees_want(method, &coh, &helper),
	       "%s tracking, written after the first GPU use, moved out of the MOB and swapped out (%lld pages): the GPU sees the writes",
	       method, swapped);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	tap_plan(3);
	coh_env_init(&env);
	if (!coh_debugfs_dir())
		tap_bail("no vmwgfx debugfs directory");
	if (access(SHRINK_FILE, R_OK))
		tap_bail("%s: %s", SHRINK_FILE, strerror(errno));
	snprintf(knob, sizeof(knob), "%s/vmwgfx_dirty_method",
		 coh_debugfs_dir());

	before_first_use();
	after_first_use("pagetable");
	after_first_use("mkwrite");

	set_method("auto");
	coh_env_fini(&env);
	return tap_finish();
}
