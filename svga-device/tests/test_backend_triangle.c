// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: a triangle drawn through the device core on the
 * renderer (backend/ + render/ + shader/ + vkd3d-shader, on lavapipe
 * here).  Command buffers in the form Mesa's svga driver sends them: a DX
 * context with its COTables, a render target surface cleared by
 * DX_CLEAR_RENDERTARGET_VIEW, an element layout, hand-written VGPU10
 * shaders, a vertex buffer filled by UPDATE_GB_IMAGE, a draw; the result
 * leaves through READBACK_GB_IMAGE into the fake guest memory and is
 * compared pixel by pixel with a CPU rasterisation (barycentric colour
 * interpolation) away from the triangle's edges, and with the clear
 * colour outside.  Then: a second draw translates nothing (cache hits), a
 * malformed pixel shader is a command error whose failed translation is
 * cached, and the device keeps drawing.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "backend_harness.h"
#include "shader_asm.h"

#include <math.h>

#define CID 2
#define ENTRIES 8
#define W 32
#define H 32
#define SID_RT 1
#define SID_VB 2
#define SID_COPY 3
#define MOB_COPY 23
#define SID_IB 4
#define MOB_IB 24
#define MOB_RT 20
#define MOB_VB 21
#define MOB_SH 22
#define RTV 3
#define VS_ID 6
#define PS_ID 7
#define PS_BAD_ID 5

struct vertex {
	float pos[4];
	float color[4];
};

/* Clockwise in D3D's screen space (y down), so culling cannot hide it
 * whichever way a state sets the front face. */
static const struct vertex tri[3] = {
	{ { -0.75f, -0.8f, 0.0f, 1.0f }, { 1.0f, 0.0f, 0.0f, 1.0f } },
	{ { 0.0f, 0.85f, 0.0f, 1.0f }, { 0.0f, 1.0f, 0.0f, 0.5f } },
	{ { 0.8f, -0.6f, 0.0f, 1.0f }, { 0.0f, 0.25f, 1.0f, 0.0f } },
};
static const float clear_color[4] = { 0.125f, 0.25f, 0.5f, 1.0f };

static uint8_t unorm8(float v)
{
	v = v < 0 ? 0 : v > 1 ? 1 : v;
	return (uint8_t)lrintf(v * 255.0f);
}

/*
 * The CPU reference of pixel (x, y): its centre in NDC, barycentric
 * weights of the three vertices.  Returns 1 inside, 0 outside, -1 within
 * `margin` pixels of an edge (not compared: rasterisation rules).
 */
static int reference(unsigned x, unsigned y, uint8_t out[4])
{
	const float margin = 1.5f;
	float px = ((float)x + 0.5f) / W * 2.0f - 1.0f;
	float py = 1.0f - ((float)y + 0.5f) / H * 2.0f;
	float l[3], area, mind = 1e9f;

	area = (tri[1].pos[0] - tri[0].pos[0]) * (tri[2].pos[1] - tri[0].pos[1]) -
	       (tri[2].pos[0] - tri[0].pos[0]) * (tri[1].pos[1] - tri[0].pos[1]);
	for (int i = 0; i < 3; i++) {
		const float *a = tri[(i + 1) % 3].pos, *b = tri[(i + 2) % 3].pos;
		float e = (b[0] - a[0]) * (py - a[1]) - (px - a[0]) * (b[1] - a[1]);
		/* distance to the edge in pixels (NDC -> pixels: W/2) */
		float len = sqrtf((b[0] - a[0]) * (b[0] - a[0]) +
				  (b[1] - a[1]) * (b[1] - a[1]));
		float d = fabsf(e) / len * (W / 2.0f);

		l[i] = e / area;
		if (d < mind)
			mind = d;
	}
	if (mind < margin)
		return -1;
	if (l[0] < 0 || l[1] < 0 || l[2] < 0) {
		for (int c = 0; c < 4; c++)
			out[c] = unorm8(clear_color[c]);
		return 0;
	}
	for (int c = 0; c < 4; c++)
		out[c] = unorm8(l[0] * tri[0].color[c] + l[1] * tri[1].color[c] +
				l[2] * tri[2].color[c]);
	return 1;
}

struct fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob rt, vb, sh, copy, ib;
	struct svga_backend *be;
};

static void build_mobs(struct fixture *f)
{
	uint64_t keep;

	tmob_build(&f->t, f->c, &f->rt, MOB_RT, W * H * 4, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, f->c, &f->vb, MOB_VB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, f->c, &f->sh, MOB_SH, 3 * PG, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, f->c, &f->copy, MOB_COPY, W * H * 4,
		   SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, f->c, &f->ib, MOB_IB, PG, SVGA3D_MOBFMT_PT64_0);
	keep = f->t.g.next;
	run_ok(&f->t, f->c, "MOBs");
	f->t.g.next = keep;
}

static void define_resources(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
				      { 0, 0, 0, sizeof(tri), 1, 1 } };

	define_surface(c, SID_RT, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET |
		       SVGA3D_SURFACE_BIND_SHADER_RESOURCE, W, H, 1, 1, 1);
	define_surface(c, SID_VB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, PG, 1, 1, 1, 1);
	define_surface(c, SID_COPY, SVGA3D_R8G8B8A8_UNORM, 0, W, H, 1, 1, 1);
	define_surface(c, SID_IB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_INDEX_BUFFER, PG, 1, 1, 1, 1);
	bind_surface(c, SID_IB, MOB_IB);
	bind_surface(c, SID_COPY, MOB_COPY);
	bind_surface(c, SID_RT, MOB_RT);
	bind_surface(c, SID_VB, MOB_VB);
	run_ok(&f->t, c, "surfaces");
	tmob_write(&f->t, &f->vb, 0, tri, sizeof(tri));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
	{
		/* a junk first index (skipped by startIndexLocation), then
		 * the triangle rotated: same winding, same pixels; from
		 * index 4 a strip of the triangle, a cut, and the triangle
		 * again */
		static const uint16_t idx[11] = { 0xffff, 1, 2, 0,
						  0, 1, 2, 0xffff, 1, 2, 0 };
		SVGA3dCmdUpdateGBImage upi = { { SID_IB, 0, 0 },
					       { 0, 0, 0, sizeof(idx), 1, 1 } };

		tmob_write(&f->t, &f->ib, 0, idx, sizeof(idx));
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upi);
	}
	run_ok(&f->t, c, "vertex data");

	dx_define_rtv_2d(c, RTV, SID_RT, SVGA3D_R8G8B8A8_UNORM);
	dx_ok(&f->t, c, CID, "render target view");
}

static void define_shader(struct fixture *f, uint32_t id, uint32_t type,
			  const struct asm_buf *code, size_t size, uint32_t off)
{
	dx_define_shader_in_mob(&f->t, f->c, CID, id, type, &f->sh, off,
				code->t, size);
}

static void define_and_set_state(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	SVGA3dCmdDXSetRasterizerState srs = { 1 };

	dx_define_layout_two_float4(c, 1);
	dx_define_rasterizer_no_cull(c, 1);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	dx_set_vertex_buffer(c, SID_VB, sizeof(struct vertex));
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	dx_set_render_target(c, RTV, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	dx_set_single_viewport(c, W, H);
	dx_ok(&f->t, c, CID, "state");
}

/*
 * Clear, draw, READBACK_GB_IMAGE; compares the guest's copy.  via_copy:
 * SURFACE_COPY the target to another surface first (a CPU copy of host
 * storage, which must see what the GPU drew) and read that one back.
 */
enum draw_kind { DRAW_LIST, DRAW_INDEXED_LIST, DRAW_INDEXED_STRIP_CUT };

/*
 * DRAW_INDEXED_STRIP_CUT: a triangle strip whose index 0xffff cuts it in
 * two, each the triangle.  D3D10 (and so VGPU10) always cuts strips at the
 * all-ones index of the index format; drawn through without the cut, the
 * strip makes three more triangles with the vertex at 0xffff (outside the
 * vertex buffer), whose pixels differ from the triangle's.  Mesa's svga
 * driver relies on the cut for GL's primitive restart at that index
 * (piglit's end-primitive draws its reference that way).
 */
static void draw_and_compare(struct fixture *f, const char *what,
			     bool via_copy, enum draw_kind kind)
{
	SVGA3dCmdDXSetIndexBuffer sib = { SID_IB, SVGA3D_R16_UINT, 0 };
	SVGA3dCmdDXDrawIndexed dri = { 3, 1, 0 };
	SVGA3dCmdDXDrawIndexed dri_strip = { 7, 4, 0 };
	SVGA3dCmdDXSetTopology strip = { SVGA3D_PRIMITIVE_TRIANGLESTRIP };
	SVGA3dCmdDXSetTopology list = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	struct cbuf *c = f->c;
	SVGA3dCmdDXClearRenderTargetView clr;
	SVGA3dCmdDXDraw dr = { 3, 0 };
	SVGA3dCmdReadbackGBImage rb = { { via_copy ? SID_COPY : SID_RT, 0, 0 } };
	struct {
		SVGA3dCmdSurfaceCopy h;
		SVGA3dCopyBox b;
	} cp = { { { SID_RT, 0, 0 }, { SID_COPY, 0, 0 } },
		 { 0, 0, 0, W, H, 1, 0, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned compared_in = 0, compared_out = 0, bad = 0;

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	memcpy(clr.rgba.value, clear_color, sizeof(clear_color));
	CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	if (kind == DRAW_INDEXED_LIST) {
		CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER, sib);
		CMD(c, SVGA_3D_CMD_DX_DRAW_INDEXED, dri);
	} else if (kind == DRAW_INDEXED_STRIP_CUT) {
		CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER, sib);
		CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, strip);
		CMD(c, SVGA_3D_CMD_DX_DRAW_INDEXED, dri_strip);
		CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, list);
	} else {
		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
	}
	if (via_copy)
		CMD(c, SVGA_3D_CMD_SURFACE_COPY, cp);
	CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, c, CID, what);

	memset(px, 0, sizeof(px));
	tmob_read(&f->t, via_copy ? &f->copy : &f->rt, 0, px, sizeof(px));
	for (unsigned y = 0; y < H; y++) {
		for (unsigned x = 0; x < W; x++) {
			const uint8_t *p = px + (y * W + x) * 4;
			uint8_t ref[4];
			int in = reference(x, y, ref);

			if (in < 0)
				continue;
			in ? compared_in++ : compared_out++;
			for (int k = 0; k < 4; k++) {
				if (abs((int)p[k] - (int)ref[k]) <= 1)
					continue;
				if (bad++ < 8)
					fprintf(stderr, "%s: pixel (%u,%u) %s: "
						"%u,%u,%u,%u, expected "
						"%u,%u,%u,%u\n", what, x, y,
						in ? "inside" : "outside",
						p[0], p[1], p[2], p[3], ref[0],
						ref[1], ref[2], ref[3]);
				break;
			}
		}
	}
	printf("%s: %u pixels inside and %u outside compared, %u wrong\n",
	       what, compared_in, compared_out, bad);
	CHECK(compared_in > 150);
	CHECK(compared_out > 150);
	CHECK_EQ(bad, 0);
}

int main(void)
{
	struct fixture f;
	struct asm_buf vs, ps, bad;
	size_t vs_size, ps_size, bad_size;
	struct svga_backend_stats st;
	int rc;

	memset(&f, 0, sizeof(f));
	f.c = calloc(1, sizeof(*f.c));
	tdev_init(&f.t, 64);
	rc = backend_attach_or_skip(&f.t, &f.be, "test_backend_triangle");
	if (rc)
		return rc;
	printf("renderer on %s\n", svga_backend_device_name(f.be));
	setup_otables(&f.t, 64);
	dx_setup(&f.t, f.c, CID, ENTRIES, f.cot);
	build_mobs(&f);
	define_resources(&f);
	vs_size = asm_vs_position_color(&vs);
	ps_size = asm_ps_color_from_v1(&ps);
	define_shader(&f, VS_ID, SVGA3D_SHADERTYPE_VS, &vs, vs_size, 0);
	define_shader(&f, PS_ID, SVGA3D_SHADERTYPE_PS, &ps, ps_size, PG);
	define_and_set_state(&f);

	draw_and_compare(&f, "triangle", false, DRAW_LIST);
	svga_backend_get_stats(f.be, &st);
	CHECK_EQ(st.draws, 1);
	CHECK_EQ(st.translations, 2);
	CHECK_EQ(st.translation_failures, 0);
	/* only the vertex buffer went up (the target is cleared on the
	 * GPU), the target came back once for READBACK_GB_IMAGE */
	CHECK_EQ(st.upload_bytes, PG);
	CHECK_EQ(svga_backend_gpu_clears(f.be), 1);
	CHECK_EQ(st.readback_bytes, W * H * 4);

	/* the same frame again: nothing translated, both shaders hit */
	draw_and_compare(&f, "triangle again", false, DRAW_LIST);
	svga_backend_get_stats(f.be, &st);
	CHECK_EQ(st.draws, 2);
	CHECK_EQ(st.translations, 2);
	CHECK_EQ(st.shader_cache_hits, 2);

	/* a pixel shader reading an undeclared input: a command error
	 * naming the shader, translated once, then refused from the cache */
	bad = ps;
	bad_size = ps_size;
	bad.t[bad_size / 4 - 2] = 5;                 /* mov's source: v5 */
	define_shader(&f, PS_BAD_ID, SVGA3D_SHADERTYPE_PS, &bad, bad_size, 2 * PG);
	for (int i = 0; i < 2; i++) {
		SVGA3dCmdDXSetShader sps = { PS_BAD_ID, SVGA3D_SHADERTYPE_PS };
		SVGA3dCmdDXDraw dr = { 3, 0 };

		CMD(f.c, SVGA_3D_CMD_DX_SET_SHADER, sps);
		CMD(f.c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_err(&f.t, f.c, CID, 1, "DX_DRAW", "malformed pixel shader");
		/* the cause, logged before the command layer's line */
		if (!strstr(f.t.g.prev_error, "shader 5: ")) {
			fprintf(stderr, "no guest error naming shader 5 "
				"(got \"%s\")\n", f.t.g.prev_error);
			CHECK(0);
		} else if (i == 0) {
			printf("malformed shader: \"%s\"\n", f.t.g.prev_error);
		}
	}
	svga_backend_get_stats(f.be, &st);
	CHECK_EQ(st.translation_failures, 1);
	CHECK_EQ(st.draws, 2);

	/* and the good pipeline still draws */
	{
		SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };

		CMD(f.c, SVGA_3D_CMD_DX_SET_SHADER, sps);
		dx_ok(&f.t, f.c, CID, "good shader again");
	}
	draw_and_compare(&f, "triangle after the error", false, DRAW_LIST);
	/* a CPU-side copy reads what the GPU drew */
	draw_and_compare(&f, "triangle copied by SURFACE_COPY", true, DRAW_LIST);
	/* indexed: R16 indices from startIndexLocation 1 */
	draw_and_compare(&f, "indexed triangle", false, DRAW_INDEXED_LIST);
	/* a strip cut at index 0xffff */
	draw_and_compare(&f, "indexed strip cut at 0xffff", false,
			 DRAW_INDEXED_STRIP_CUT);
	/* Mesa's svga driver sets all 16 viewports, the unused ones 0x0
	 * (svga_state_framebuffer.c emit_viewport): viewport 0 still draws.
	 * Before render_draw.c skipped only empty viewports, any empty one
	 * dropped the whole draw and every GL draw in the guest was lost. */
	{
		struct {
			SVGA3dCmdDXSetViewports h;
			SVGA3dViewport vp[SVGA3D_DX_MAX_VIEWPORTS];
		} vps;

		memset(&vps, 0, sizeof(vps));
		vps.vp[0] = (SVGA3dViewport){ 0, 0, W, H, 0.0f, 1.0f };
		for (unsigned i = 1; i < SVGA3D_DX_MAX_VIEWPORTS; i++)
			vps.vp[i].maxDepth = 1.0f;
		CMD(f.c, SVGA_3D_CMD_DX_SET_VIEWPORTS, vps);
		dx_ok(&f.t, f.c, CID, "Mesa's 16 viewports");
	}
	draw_and_compare(&f, "triangle with Mesa's 16 viewports", false, DRAW_LIST);
	/* an UPDATE of the vertex bytes alone: only those go up again (the
	 * buffer is a page), the target is cleared on the GPU and read
	 * back once */
	{
		SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
					      { 0, 0, 0, sizeof(tri), 1, 1 } };
		struct svga_backend_stats s0;

		svga_backend_get_stats(f.be, &s0);
		CMD(f.c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
		dx_ok(&f.t, f.c, CID, "vertex update");
		draw_and_compare(&f, "triangle after a vertex update", false,
				 DRAW_LIST);
		svga_backend_get_stats(f.be, &st);
		printf("frame after a vertex update: %llu bytes uploaded, "
		       "%llu read back\n",
		       (unsigned long long)(st.upload_bytes - s0.upload_bytes),
		       (unsigned long long)(st.readback_bytes -
					    s0.readback_bytes));
		CHECK_EQ(st.upload_bytes - s0.upload_bytes, sizeof(tri));
		CHECK_EQ(st.readback_bytes - s0.readback_bytes, W * H * 4);
	}
	svga_backend_get_stats(f.be, &st);
	printf("stats: draws %llu, translations %llu (failed %llu), shader "
	       "cache hits %llu, images %llu, buffers %llu, uploaded %llu "
	       "bytes, read back %llu bytes\n",
	       (unsigned long long)st.draws,
	       (unsigned long long)st.translations,
	       (unsigned long long)st.translation_failures,
	       (unsigned long long)st.shader_cache_hits,
	       (unsigned long long)st.images, (unsigned long long)st.buffers,
	       (unsigned long long)st.upload_bytes,
	       (unsigned long long)st.readback_bytes);

	svga_backend_detach(f.be);
	dx_cot_free(f.cot);
	tmob_free(&f.rt);
	tmob_free(&f.vb);
	tmob_free(&f.sh);
	tmob_free(&f.copy);
	tmob_free(&f.ib);
	free(f.c);
	tdev_fini(&f.t);
	return t_report("test_backend_triangle");
}
