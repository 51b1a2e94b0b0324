// SPDX-License-Identifier: MIT
/*
 * coh-closemap: closing a second mapping of a page-table-tracked coherent
 * buffer (review finding 5 of issue 11).  Its PTEs, and the dirty bits of
 * what it wrote since the last scan, go before the kernel hears of the
 * close, so the kernel marks what that mapping could have written dirty.
 * It must mark no more than that: nothing for a read-only mapping, the
 * mapped pages only for a partial one; and lose nothing: writes through a
 * mapping closed or made read-only before the next GPU use, or through
 * a forked child's copy, must reach the GPU.  Upload bytes are the
 * kernel's own count (debugfs vmwgfx_coherency).  The tracking method is
 * forced to page-table scanning (debugfs vmwgfx_dirty_method), or the
 * buffer could switch to write faults, where closing marks nothing.
 * Prints TAP.
 */
#define _GNU_SOURCE
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUF_PAGES 16u
#define BUF_BYTES (BUF_PAGES * COH_PAGE)

static struct coh_env env;
static struct coh_surf coh, helper;
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
 * A second mapping of the first @pages pages of the buffer (a DRM mmap
 * offset must be the buffer's start).
 */
static uint8_t *map_again(int prot, unsigned int pages)
{
	uint8_t *p = mmap(NULL, (size_t)pages * COH_PAGE, prot, MAP_SHARED,
			  env.fd, (off_t)coh.s.map_handle);

	if (p == MAP_FAILED)
		tap_bail("mmap of %u pages: %s", pages, strerror(errno));
	return p;
}

/*
 * The next GPU use: checks that the device sees @want and returns the
 * bytes the kernel uploaded for it.
 */
static long long gpu_read_uploads(const char *what, bool *ok)
{
	long long k0[COH_K_NUM], k1[COH_K_NUM];
	size_t first;
	int ret;

	if (coh_kstats_read(k0) != COH_K_NUM)
		tap_bail("cannot read %s/vmwgfx_coherency", coh_debugfs_dir());
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	if (coh_kstats_read(k1) != COH_K_NUM)
		tap_bail("cannot read %s/vmwgfx_coherency", coh_debugfs_dir());
	*ok = !ret && coh_diff(helper.map, want, BUF_BYTES, &first) == 0;
	if (!*ok) {
		tap_diag("%s: GPU read ret %d", what, ret);
		coh_diag_diff(what, helper.map, want, BUF_BYTES);
	}
	return k1[COH_K_UPLOAD_BYTES] - k0[COH_K_UPLOAD_BYTES];
}

static void read_only_mapping(void)
{
	volatile uint8_t sink;
	uint8_t *p = map_again(PROT_READ, BUF_PAGES);
	long long up;
	bool ok;

	for (unsigned int i = 0; i < BUF_PAGES; i++)
		sink = p[i * COH_PAGE];
	(void)sink;
	munmap(p, BUF_BYTES);
	up = gpu_read_uploads("read-only mapping", &ok);
	tap_ok(ok && up == 0,
	       "a read-only mapping read and closed: %lld bytes uploaded (0 expected)",
	       up);
}

static void partial_mapping(void)
{
	uint8_t *p = map_again(PROT_READ | PROT_WRITE, 2);
	long long up;
	bool ok;

	coh_fill(p + COH_PAGE, COH_PAGE, COH_PAGE, 21);
	coh_fill(want + COH_PAGE, COH_PAGE, COH_PAGE, 21);
	munmap(p, 2 * COH_PAGE);
	up = gpu_read_uploads("partial mapping", &ok);
	tap_ok(ok && up >= COH_PAGE && up <= 2 * COH_PAGE,
	       "a 2-page mapping wrote a page and closed: %lld bytes uploaded (%u-%u expected)",
	       up, COH_PAGE, 2 * COH_PAGE);
}

static void mprotected_mapping(void)
{
	uint8_t *p = map_again(PROT_READ | PROT_WRITE, 4);
	long long up;
	bool ok;

	coh_fill(p + 2 * COH_PAGE, 2 * COH_PAGE, 100, 22);
	coh_fill(want + 2 * COH_PAGE, 2 * COH_PAGE, 100, 22);
	if (mprotect(p, 4 * COH_PAGE, PROT_READ))
		tap_bail("mprotect: %s", strerror(errno));
	munmap(p, 4 * COH_PAGE);
	up = gpu_read_uploads("write-protected mapping", &ok);
	tap_ok(ok && up >= 100 && up <= 4 * COH_PAGE,
	       "a 4-page mapping wrote, became read-only and closed: the write arrives (%lld bytes uploaded)",
	       up);
}

static void forked_child(void)
{
	long long up;
	pid_t pid;
	int status;
	bool ok;

	pid = fork();
	if (pid < 0)
		tap_bail("fork: %s", strerror(errno));
	if (pid == 0) {
		coh_fill(coh.map + 13 * COH_PAGE, 13 * COH_PAGE, 64, 23);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		tap_bail("child did not exit");
	coh_fill(want + 13 * COH_PAGE, 13 * COH_PAGE, 64, 23);
	up = gpu_read_uploads("forked child", &ok);
	tap_ok(ok, "a forked child wrote and exited: the write arrives (%lld bytes uploaded)",
	       up);
}

int main(void)
{
	const struct vmw_surface_desc desc =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 BUF_BYTES, 1, 1, 1, 0);
	bool ok;
	int ret;

	tap_plan(4);
	coh_env_init(&env);
	if (!coh_debugfs_dir())
		tap_bail("no vmwgfx debugfs directory");
	snprintf(knob, sizeof(knob), "%s/vmwgfx_dirty_method", coh_debugfs_dir());
	set_method("pagetable");
	ret = coh_pair_create(&env, &desc, &coh, &helper);
	if (ret)
		tap_bail("surfaces: ret %d", ret);
	/* The first GPU use moves the buffer into its MOB. */
	coh_fill(coh.map, 0, BUF_BYTES, 20);
	coh_fill(want, 0, BUF_BYTES, 20);
	gpu_read_uploads("first use", &ok);
	if (!ok)
		tap_bail("first GPU read");

	read_only_mapping();
	partial_mapping();
	mprotected_mapping();
	forked_child();

	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	set_method("auto");
	coh_env_fini(&env);
	return tap_finish();
}
