// SPDX-License-Identifier: MIT
/*
 * coh-dmabuf: dma-buf mappings of coherent buffers (review finding 6 of
 * issue 11).  A coherent buffer exported with DRM_IOCTL_PRIME_HANDLE_TO_FD
 * and mapped through the dma-buf fd must either be refused (mmap fails) or
 * be as coherent as the DRM mapping: CPU writes through it reach the GPU at
 * the next submission, also after the first one (when the kernel
 * write-protects or scans the PTEs it knows of), and CPU reads through it
 * see what the GPU wrote.  Checked for both tracking methods (a buffer
 * under and one over 512 pages), exported by buffer and by surface handle.
 * (Dumb buffers, also coherent on 6.12, are exported as GEM objects whose
 * dma-buf mmap uses vmwgfx's own fault handlers on the device's
 * address_space; a render client cannot name their surface, so they are
 * not tested here: see kernel/README, finding 6.)
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
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <drm/drm.h>

static struct coh_env env;
static uint8_t *want;

static int prime_export(int fd, uint32_t handle)
{
	struct drm_prime_handle arg = {
		.handle = handle,
		.flags = DRM_CLOEXEC | DRM_RDWR,
	};

	if (ioctl(fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &arg))
		return -errno;
	return arg.fd;
}

/*
 * The coherency rounds through @map, the dma-buf mapping of @coh's buffer:
 * everything written, then one page, then a GPU write read back by the CPU.
 * Returns true if every byte the device and the CPU saw was right.
 */
static bool dmabuf_rounds(const char *what, enum coh_copy how, uint8_t *map,
			  struct coh_surf *coh, struct coh_surf *helper)
{
	size_t n = coh->size, page = n > 4 * COH_PAGE ? 3 * COH_PAGE : 0;
	bool ok = true;
	int ret;

	coh_fill(map, 0, n, 11);
	coh_fill(want, 0, n, 11);
	ret = coh_gpu_read(&env, how, coh, helper);
	if (ret || coh_diff(helper->map, want, n, &(size_t){0})) {
		tap_diag("%s: first write everything: ret %d", what, ret);
		coh_diag_diff(what, helper->map, want, n);
		ok = false;
	}

	/* After the first use the kernel tracks the pages it knows of. */
	coh_fill(map + page, page, COH_PAGE, 12);
	coh_fill(want + page, page, COH_PAGE, 12);
	ret = coh_gpu_read(&env, how, coh, helper);
	if (ret || coh_diff(helper->map, want, n, &(size_t){0})) {
		tap_diag("%s: then one page at %zu: ret %d", what, page, ret);
		coh_diag_diff(what, helper->map, want, n);
		ok = false;
	}

	coh_fill(helper->map, 0, n, 13);
	coh_fill(want, 0, n, 13);
	ret = coh_gpu_write(&env, how, helper, coh);
	if (ret || coh_diff(map, want, n, &(size_t){0})) {
		tap_diag("%s: CPU read after a GPU write: ret %d", what, ret);
		coh_diag_diff(what, map, want, n);
		ok = false;
	}
	return ok;
}

/*
 * Exports the coherent buffer of @coh by @handle and maps the fd: one TAP
 * case, passing if the mmap is refused or if the mapping is coherent.
 */
static void check_export(const char *what, enum coh_copy how, uint32_t handle,
			 struct coh_surf *coh, struct coh_surf *helper)
{
	int fd = prime_export(env.fd, handle);
	uint8_t *map;

	if (fd < 0) {
		/* No dma-buf (6.1 exports surface handles only): no mapping. */
		tap_ok(dmabuf_rounds(what, how, coh->map, coh, helper),
		       "%s: export refused (%s), the DRM mapping stays coherent",
		       what, strerror(-fd));
		return;
	}
	map = mmap(NULL, coh->map_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		int err = errno;

		/* Refused: the buffer stays usable through its DRM mapping. */
		tap_ok(dmabuf_rounds(what, how, coh->map, coh, helper),
		       "%s: dma-buf mmap refused (%s), the DRM mapping stays coherent",
		       what, strerror(err));
	} else {
		tap_ok(dmabuf_rounds(what, how, map, coh, helper),
		       "%s: writes and reads through the dma-buf mapping are coherent",
		       what);
		munmap(map, coh->map_size);
	}
	close(fd);
}

static void check_buffer(size_t bytes, bool by_surface)
{
	const struct vmw_surface_desc desc =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 (uint32_t)bytes, 1, 1, 1, 0);
	struct coh_surf coh, helper;
	char what[96];
	int ret;

	snprintf(what, sizeof(what), "%zu KiB buffer (%s tracking), exported by %s handle",
		 bytes >> 10, bytes / COH_PAGE < COH_PAGETABLE_LIMIT ? "page-table" : "mkwrite",
		 by_surface ? "surface" : "buffer");
	ret = coh_pair_create(&env, &desc, &coh, &helper);
	if (ret)
		tap_bail("%s: surfaces: ret %d", what, ret);
	check_export(what, COH_COPY_BUFFER,
		     by_surface ? coh.s.handle : coh.s.buffer_handle, &coh, &helper);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	static const size_t sizes[] = { 64u << 10, 4u << 20 };

	tap_plan(4);
	coh_env_init(&env);
	want = malloc(4u << 20);
	if (!want)
		tap_bail("out of memory");
	for (unsigned int i = 0; i < 2; i++) {
		check_buffer(sizes[i], false);
		check_buffer(sizes[i], true);
	}
	free(want);
	coh_env_fini(&env);
	return tap_finish();
}
