// SPDX-License-Identifier: MIT
/*
 * coh-badinput: the coherent paths must fail cleanly on bad input.
 *
 * Invalid layouts with drm_vmw_surface_flag_coherent must be refused with
 * an error (no surface, no dirty tracker left behind); mapping beyond a
 * buffer's end must fail or SIGBUS; a surface destroyed while mapped must
 * leave a usable mapping and be refused by execbuf.  scripts/vm fails the
 * run if the guest kernel logs a WARN or an oops meanwhile.
 */
#define _GNU_SOURCE
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static struct coh_env env;
static sigjmp_buf jump;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(jump, 1);
}

struct bad {
	const char *what;
	struct vmw_surface_desc d;
	const char *todo;
};

/* Linux 6.1 and 6.12 accept the zero and oversized cases below (they check
 * base_size only for scanout surfaces); kernel/patches 0006 refuses them. */
#define TODO_SIZE NULL

static void bad_layout(const struct bad *b)
{
	struct vmw_surface_desc d = b->d;
	struct vmw_surface s;
	int ret;

	d.drm_flags = drm_vmw_surface_flag_coherent | drm_vmw_surface_flag_create_buffer;
	ret = vmw_surface_create(env.fd, &d, &s);
	if (!ret) {
		tap_diag("%s: accepted, backup_size %u, buffer_size %u", b->what,
			 s.backup_size, s.buffer_size);
		vmw_surface_destroy(env.fd, s.handle);
		vmw_buffer_close(env.fd, s.buffer_handle);
	}
	tap_ok_todo(ret < 0, b->todo, "coherent surface with %s refused (ret %d %s)",
		    b->what, ret, ret < 0 ? strerror(-ret) : "");
}

int main(void)
{
	const uint64_t TEX = SVGA3D_SURFACE_HINT_TEXTURE;
	const struct bad bads[] = {
		{ "zero width", coh_desc(SVGA3D_A8R8G8B8, TEX, 0, 64, 1, 1, 0), TODO_SIZE },
		{ "zero height", coh_desc(SVGA3D_A8R8G8B8, TEX, 64, 0, 1, 1, 0), TODO_SIZE },
		{ "zero-size buffer", coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER, 0, 1, 1, 1, 0), TODO_SIZE },
		{ "huge 3D texture (65536^2 x 4096 RGBA32F)",
		  coh_desc(SVGA3D_R32G32B32A32_FLOAT, TEX | SVGA3D_SURFACE_VOLUME, 65536, 65536, 4096, 1, 0), TODO_SIZE },
		{ "huge 2D texture (65536^2 RGBA32F, > 32-bit size)",
		  coh_desc(SVGA3D_R32G32B32A32_FLOAT, TEX, 65536, 65536, 1, 1, 0), TODO_SIZE },
		/* sizes that wrapped past 32 bits in
		 * vmw_surface_get_serialized_size() (fixed by kernel/patches) */
		{ "RGBA32F 4096x4096 array of 17 layers (4.25 GiB)",
		  coh_desc(SVGA3D_R32G32B32A32_FLOAT, TEX | SVGA3D_SURFACE_ARRAY, 4096, 4096, 1, 1, 17), NULL },
		{ "RGBA32F 16384x14336 with 2 mips (4.4 GiB)",
		  coh_desc(SVGA3D_R32G32B32A32_FLOAT, TEX, 16384, 14336, 1, 2, 0), NULL },
		{ "25 mip levels (more than DRM_VMW_MAX_MIP_LEVELS)",
		  coh_desc(SVGA3D_A8R8G8B8, TEX, 64, 64, 1, 25, 0), NULL },
		{ "format 0 (SVGA3D_FORMAT_INVALID)", coh_desc(0, TEX, 64, 64, 1, 1, 0), NULL },
		{ "format 0xffff (no such format)", coh_desc(0xffff, TEX, 64, 64, 1, 1, 0), NULL },
		{ "array of 100000 layers", coh_desc(SVGA3D_R8G8B8A8_UNORM, TEX, 16, 16, 1, 1, 100000), NULL },
	};
	const int nbad = (int)(sizeof(bads) / sizeof(bads[0]));
	struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
					     8 * COH_PAGE, 1, 1, 1, 0);
	struct coh_surf c, h, big;
	struct svga_cmd_stream cs;
	struct sigaction sa;
	volatile int sigbus = 0;
	uint8_t *p;
	int ret;

	tap_plan(nbad + 6);
	coh_env_init(&env);
	for (int i = 0; i < nbad; i++)
		bad_layout(&bads[i]);

	/* coherent surface on a buffer that is too small for it */
	ret = coh_surf_create(&env, &d, true, VMW_INVALID_ID, &c);
	if (ret)
		tap_bail("8-page coherent buffer: ret %d", ret);
	{
		struct vmw_surface_desc bd = coh_desc(SVGA3D_BUFFER,
			SVGA3D_SURFACE_BIND_VERTEX_BUFFER, 64 * COH_PAGE, 1, 1, 1, 0);

		ret = coh_surf_create(&env, &bd, true, c.s.buffer_handle, &big);
		if (!ret)
			coh_surf_destroy(&env, &big);
		tap_ok(ret < 0, "coherent 64-page surface on an 8-page buffer refused (ret %d)", ret);
	}

	/* mappings beyond the end */
	p = mmap(NULL, c.map_size * 2, PROT_READ | PROT_WRITE, MAP_SHARED, env.fd,
		 (off_t)c.s.map_handle);
	tap_ok(p == MAP_FAILED, "mmap of twice the buffer's size refused (errno %d)",
	       p == MAP_FAILED ? errno : 0);
	if (p != MAP_FAILED)
		munmap(p, c.map_size * 2);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigaction(SIGBUS, &sa, NULL);
	p = mremap(c.map, c.map_size, c.map_size + COH_PAGE, MREMAP_MAYMOVE);
	if (p == MAP_FAILED) {
		tap_ok(true, "growing the mapping past the buffer refused by mremap (errno %d)", errno);
	} else {
		c.map = p;
		if (sigsetjmp(jump, 1) == 0)
			p[c.map_size] = 1;
		else
			sigbus = 1;
		tap_ok(sigbus, "write one page past the buffer's end through an mremap()ed mapping: SIGBUS (%d)",
		       sigbus);
		p = mremap(c.map, c.map_size + COH_PAGE, c.map_size, 0);
		if (p != MAP_FAILED)
			c.map = p;
	}

	/* use after destroy: the mapping keeps the buffer alive and usable;
	 * execbuf must refuse the dead surface id */
	ret = coh_surf_create(&env, &d, false, VMW_INVALID_ID, &h);
	if (ret)
		tap_bail("helper: ret %d", ret);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &c, &h);
	vmw_surface_destroy(env.fd, c.s.handle);
	vmw_buffer_close(env.fd, c.s.buffer_handle);
	memset(c.map, 0xab, c.size);
	tap_ok(!ret && c.map[c.size - 1] == 0xab && c.map[0] == 0xab,
	       "surface and buffer handle destroyed while mapped: the mapping stays readable and writable (ret %d)", ret);
	svga_cmd_init(&cs);
	coh_emit_copy(&cs, COH_COPY_BUFFER, &c, &h);
	ret = coh_submit(&env, &cs);
	tap_ok(ret < 0, "execbuf using the destroyed coherent surface refused (ret %d %s)",
	       ret, ret < 0 ? strerror(-ret) : "");
	svga_cmd_init(&cs);
	svga_cmd_readback_gb_surface(&cs, h.s.handle);
	ret = coh_submit(&env, &cs);
	tap_ok(ret == 0, "the device still works after that (ret %d)", ret);
	munmap(c.map, c.map_size);
	coh_surf_destroy(&env, &h);
	coh_env_fini(&env);
	return tap_finish();
}
