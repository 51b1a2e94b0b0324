/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga tests: the fixture of the test_backend_* tests that draw
 * and check the result pixel by pixel.  A device with the renderer
 * attached and one DX context; a W x H RGBA8 render target (also a
 * shader resource), a vertex buffer and optionally a constant buffer,
 * each a surface bound to a MOB of its own; a MOB for the shaders.  The
 * ids are fixed (DRAW_SID_*, DRAW_MOB_*); a test numbers its other
 * objects around them.
 */
#ifndef SVGA_TEST_DRAW_FIXTURE_H
#define SVGA_TEST_DRAW_FIXTURE_H

#include "backend_harness.h"

enum { DRAW_SID_RT = 1, DRAW_SID_VB = 2, DRAW_SID_CB = 3 };
enum { DRAW_MOB_RT = 20, DRAW_MOB_VB = 21, DRAW_MOB_CB = 22, DRAW_MOB_SH = 23 };

struct draw_fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob rt, vb, cb, sh;
	struct svga_backend *be;
};

/*
 * The device, the renderer and context `cid` with `entries` entries per
 * context object table.  Returns 0, or what main() must return: 77 when
 * no Vulkan device exists (backend_attach_or_skip), 1 on another failure.
 */
static inline int draw_fixture_open(struct draw_fixture *f, const char *test,
				    uint32_t cid, uint32_t entries)
{
	int rc;

	memset(f, 0, sizeof(*f));
	f->c = calloc(1, sizeof(*f->c));
	tdev_init(&f->t, 64);
	rc = backend_attach_or_skip(&f->t, &f->be, test);
	if (rc)
		return rc;
	setup_otables(&f->t, 64);
	dx_setup(&f->t, f->c, cid, entries, f->cot);
	return 0;
}

/*
 * The render target (w x h), a one-page vertex buffer, a constant buffer
 * of cb_size bytes (none when 0; at most a page) and sh_pages pages of
 * shader MOB.  The MOBs' page tables are written once and then left out
 * of the guest-memory allocator's reuse, as the tests expect.
 */
static inline void draw_fixture_buffers(struct draw_fixture *f, unsigned w,
					unsigned h, uint32_t cb_size,
					unsigned sh_pages)
{
	struct cbuf *c = f->c;
	uint64_t keep;

	tmob_build(&f->t, c, &f->rt, DRAW_MOB_RT, w * h * 4, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->vb, DRAW_MOB_VB, PG, SVGA3D_MOBFMT_PT64_0);
	if (cb_size)
		tmob_build(&f->t, c, &f->cb, DRAW_MOB_CB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->sh, DRAW_MOB_SH, sh_pages * PG,
		   sh_pages > 1 ? SVGA3D_MOBFMT_PT64_1 : SVGA3D_MOBFMT_PT64_0);
	keep = f->t.g.next;
	run_ok(&f->t, c, "MOBs");
	f->t.g.next = keep;

	define_surface(c, DRAW_SID_RT, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET |
		       SVGA3D_SURFACE_BIND_SHADER_RESOURCE, w, h, 1, 1, 1);
	define_surface(c, DRAW_SID_VB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, PG, 1, 1, 1, 1);
	bind_surface(c, DRAW_SID_RT, DRAW_MOB_RT);
	bind_surface(c, DRAW_SID_VB, DRAW_MOB_VB);
	if (cb_size) {
		define_surface(c, DRAW_SID_CB, SVGA3D_BUFFER,
			       SVGA3D_SURFACE_BIND_CONSTANT_BUFFER, cb_size,
			       1, 1, 1, 1);
		bind_surface(c, DRAW_SID_CB, DRAW_MOB_CB);
	}
	run_ok(&f->t, c, "surfaces");
}

static inline void draw_fixture_close(struct draw_fixture *f)
{
	svga_backend_detach(f->be);
	dx_cot_free(f->cot);
	tmob_free(&f->rt);
	tmob_free(&f->vb);
	tmob_free(&f->cb);
	tmob_free(&f->sh);
	free(f->c);
	tdev_fini(&f->t);
}

#endif
