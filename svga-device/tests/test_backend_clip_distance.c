// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: clip distances written by Mesa's vertex shaders
 * (mesa_clip_shaders.h, captured from piglit's clipping tests) must clip.
 * Issue 13: the device drew the clipped parts, because the synthesized
 * output signature said no component of any output was written (DXBC
 * stores an output's "never written" mask where an input has its used
 * mask) and vkd3d-shader therefore stored 0.0 into gl_ClipDistance.
 *
 * Two passes, each a clear, the draws, a READBACK of the render target
 * to guest memory and a pixel-by-pixel comparison:
 *  - gl_ClipDistance (Mesa's CLIP_DISTANCE mode, one distance in o1.x):
 *    three 10x10 quads made from SV_VertexID alone, each with its own
 *    constant distance: -1 (must not be drawn), +1 and 0 (drawn: a
 *    distance of 0 is inside);
 *  - user clip planes against gl_Position (CLIP_LEGACY, four distances
 *    in o1.xyzw, computed by dp4 from the planes in cb0[4..7]): a quad
 *    covering the viewport, plane 0 keeping x >= 0 and plane 2 keeping
 *    y >= 0 in clip space, planes 1 and 3 keeping everything: only the
 *    upper right quarter (GL's window coordinates) may be drawn, so the
 *    clipping cuts primitives in the middle and every plane component
 *    counts.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "draw_fixture.h"
#include "mesa_clip_shaders.h"

#define CID 2
#define ENTRIES 8
#define W 32
#define H 32
#define RTV 1
#define LAYOUT_NONE 5
#define LAYOUT_POS 6
#define RS 7
#define VS_CLIPDIST 1
#define VS_CLIPPLANE 2
#define PS_RED 3
#define CB_BLOCK 256          /* each draw's constants at a multiple of it */
#define CLIPDIST_CB_SIZE 160  /* mesa_clipdist_vs: dcl_constantbuffer cb0[10] */
#define CLIPPLANE_CB_SIZE 128 /* mesa_clipplane_vs: cb0[8] */
#define CLIPPLANE_CB_OFFSET (3 * CB_BLOCK)

/* vs-clip-distance-primitives' quads: u_offset (GL window coordinates)
 * and u_clipdist */
static const struct {
	float x, y, dist;
} quads[3] = { { 2, 2, -1.0f }, { 18, 2, 1.0f }, { 2, 18, 0.0f } };

/* cb0[2..5] of mesa_clipdist_vs: piglit's `ortho` (window coordinates
 * to clip space) by columns; cb0[6], cb0[7]: Mesa's prescale, which
 * flips y for a render target (GL's row 0 is the surface's first row). */
static const float ortho_and_prescale[6][4] = {
	{ 2.0f / W, 0, 0, 0 },
	{ 0, 2.0f / H, 0, 0 },
	{ 0, 0, -1, 0 },
	{ -1, -1, 0, 1 },
	{ 1, -1, 1, 1 },
	{ 0, 0, 0, 0 },
};

static void clipdist_constants(unsigned q, float c[CLIPDIST_CB_SIZE / 4])
{
	memset(c, 0, CLIPDIST_CB_SIZE);
	c[0] = quads[q].x;                 /* cb0[0].xy u_offset */
	c[1] = quads[q].y;
	c[4] = quads[q].dist;              /* cb0[1].x u_clipdist */
	memcpy(c + 8, ortho_and_prescale, sizeof(ortho_and_prescale));
	/* cb0[8].x, the vertex id bias: 0 (the draws start at vertex 0) */
}

static void clipplane_constants(float c[CLIPPLANE_CB_SIZE / 4])
{
	static const float k[CLIPPLANE_CB_SIZE / 4] = {
		0, 0, 0, 0,            /* cb0[0].x: rotation, degrees */
		1, -1, 1, 1,           /* prescale scale */
		0, 0, 0, 0,            /* prescale translate */
		0, 0, 0, 0,
		1, 0, 0, 0,            /* plane 0: x >= 0 */
		0, 0, 0, 1,            /* plane 1: w >= 0, everything */
		0, 1, 0, 0,            /* plane 2: y >= 0 */
		0, 0, 0, 1,            /* plane 3: everything */
	};

	memcpy(c, k, sizeof(k));
}

static void setup(struct draw_fixture *f)
{
	struct cbuf *c = f->c;
	/* clip-space strip covering the viewport */
	static const float verts[4][4] = {
		{ -1, -1, 0, 1 }, { 1, -1, 0, 1 }, { -1, 1, 0, 1 }, { 1, 1, 0, 1 } };
	float consts[CLIPDIST_CB_SIZE / 4];
	SVGA3dCmdUpdateGBImage upv = { { DRAW_SID_VB, 0, 0 },
				       { 0, 0, 0, sizeof(verts), 1, 1 } };
	SVGA3dCmdUpdateGBImage upc = { { DRAW_SID_CB, 0, 0 },
				       { 0, 0, 0, 4 * CB_BLOCK, 1, 1 } };
	struct {
		SVGA3dCmdDXDefineElementLayout h;
		SVGA3dInputElementDesc e[1];
	} el = { { LAYOUT_POS }, { { 0, 0, SVGA3D_R32G32B32A32_FLOAT,
				     SVGA3D_INPUT_PER_VERTEX_DATA, 0, 0 } } };
	SVGA3dCmdDXDefineElementLayout none = { LAYOUT_NONE };
	SVGA3dCmdDXSetRasterizerState srs = { RS };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLESTRIP };
	SVGA3dCmdDXSetShader sps = { PS_RED, SVGA3D_SHADERTYPE_PS };

	draw_fixture_buffers(f, W, H, PG, 3);

	tmob_write(&f->t, &f->vb, 0, verts, sizeof(verts));
	for (unsigned q = 0; q < 3; q++) {
		clipdist_constants(q, consts);
		tmob_write(&f->t, &f->cb, q * CB_BLOCK, consts,
			   CLIPDIST_CB_SIZE);
	}
	clipplane_constants(consts);
	tmob_write(&f->t, &f->cb, CLIPPLANE_CB_OFFSET, consts,
		   CLIPPLANE_CB_SIZE);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upv);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upc);
	run_ok(&f->t, c, "vertex and constant data");

	dx_define_shader_in_mob(&f->t, c, CID, VS_CLIPDIST,
				SVGA3D_SHADERTYPE_VS, &f->sh, 0,
				mesa_clipdist_vs, sizeof(mesa_clipdist_vs));
	dx_define_shader_in_mob(&f->t, c, CID, VS_CLIPPLANE,
				SVGA3D_SHADERTYPE_VS, &f->sh, PG,
				mesa_clipplane_vs, sizeof(mesa_clipplane_vs));
	dx_define_shader_in_mob(&f->t, c, CID, PS_RED, SVGA3D_SHADERTYPE_PS,
				&f->sh, 2 * PG, mesa_red_ps,
				sizeof(mesa_red_ps));

	dx_define_rtv_2d(c, RTV, DRAW_SID_RT, SVGA3D_R8G8B8A8_UNORM);
	CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, el);
	CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, none);
	dx_define_rasterizer_no_cull(c, RS);
	dx_set_single_viewport(c, W, H);
	dx_set_render_target(c, RTV, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	dx_ok(&f->t, c, CID, "state");
}

static void set_vs_constants(struct cbuf *c, uint32_t offset, uint32_t size)
{
	SVGA3dCmdDXSetSingleConstantBuffer vcb = {
		0, SVGA3D_SHADERTYPE_VS, DRAW_SID_CB, offset, size };

	CMD(c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, vcb);
}

/* Clears, runs the pass's draws (appended by `draws`), reads the target
 * back into px. */
static void run_pass(struct draw_fixture *f, void (*draws)(struct cbuf *),
		     uint8_t px[W * H * 4], const char *what)
{
	SVGA3dCmdDXClearRenderTargetView clr;
	SVGA3dCmdReadbackGBImage rb = { { DRAW_SID_RT, 0, 0 } };

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	CMD(f->c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	draws(f->c);
	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, what);
	tmob_read(&f->t, &f->rt, 0, px, (size_t)W * H * 4);
}

static void clipdist_draws(struct cbuf *c)
{
	SVGA3dCmdDXSetShader svs = { VS_CLIPDIST, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetInputLayout il = { LAYOUT_NONE };
	SVGA3dCmdDXDraw draw = { 4, 0 };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	for (unsigned q = 0; q < 3; q++) {
		set_vs_constants(c, q * CB_BLOCK, CLIPDIST_CB_SIZE);
		CMD(c, SVGA_3D_CMD_DX_DRAW, draw);
	}
}

static void clipplane_draws(struct cbuf *c)
{
	SVGA3dCmdDXSetShader svs = { VS_CLIPPLANE, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetInputLayout il = { LAYOUT_POS };
	SVGA3dCmdDXDraw draw = { 4, 0 };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	dx_set_vertex_buffer(c, DRAW_SID_VB, 16);
	set_vs_constants(c, CLIPPLANE_CB_OFFSET, CLIPPLANE_CB_SIZE);
	CMD(c, SVGA_3D_CMD_DX_DRAW, draw);
}

/* Where pixel (x, y) (= GL window coordinates) lies: 1 inside a part
 * that must be drawn, -1 inside a part that must be clipped, 0
 * elsewhere (must stay clear). */
static int clipdist_region(unsigned x, unsigned y)
{
	float px = (float)x + 0.5f, py = (float)y + 0.5f;

	for (unsigned q = 0; q < 3; q++)
		if (px > quads[q].x && px < quads[q].x + 10 &&
		    py > quads[q].y && py < quads[q].y + 10)
			return quads[q].dist < 0 ? -1 : 1;
	return 0;
}

static int clipplane_region(unsigned x, unsigned y)
{
	return x >= W / 2 && y >= H / 2 ? 1 : -1;
}

/* Counts, for one pass: pixels that must be red and are, pixels drawn
 * that should have been clipped, and every other wrong pixel. */
static void check_pass(const uint8_t px[W * H * 4], int (*region)(unsigned, unsigned),
		       const char *what, unsigned min_drawn, unsigned min_clipped)
{
	unsigned drawn = 0, clipped = 0, leaked = 0, wrong = 0;

	for (unsigned y = 0; y < H; y++) {
		for (unsigned x = 0; x < W; x++) {
			const uint8_t *p = px + (y * W + x) * 4;
			bool red = p[0] == 255 && p[1] == 0 && p[2] == 0 && p[3] == 255;
			bool clear = !p[0] && !p[1] && !p[2] && !p[3];
			int r = region(x, y);

			if (r == 1 && red) {
				drawn++;
				continue;
			}
			if (r == -1)
				clipped++;
			if (r == -1 && red)
				leaked++;
			else if (!clear || r == 1)
				wrong++;
			else
				continue;
			if (leaked + wrong <= 8)
				fprintf(stderr, "%s: pixel (%u,%u) %u,%u,%u,%u, "
					"expected %s\n", what, x, y, p[0], p[1],
					p[2], p[3], r == 1 ? "red" : "clear");
		}
	}
	printf("%s: %u of %u pixels drawn as they must be, %u pixels drawn "
	       "that should be clipped (of %u), %u other pixels wrong\n",
	       what, drawn, min_drawn, leaked, min_clipped, wrong);
	CHECK_EQ(drawn, min_drawn);
	CHECK_EQ(clipped, min_clipped);
	CHECK_EQ(leaked, 0);
	CHECK_EQ(wrong, 0);
}

int main(void)
{
	struct draw_fixture f;
	struct svga_backend_stats st;
	static uint8_t px[W * H * 4];
	int rc;

	rc = draw_fixture_open(&f, "test_backend_clip_distance", CID, ENTRIES);
	if (rc)
		return rc;
	setup(&f);

	run_pass(&f, clipdist_draws, px, "gl_ClipDistance draws");
	/* two quads of 10 x 10 drawn, one clipped */
	check_pass(px, clipdist_region, "gl_ClipDistance (CLIP_DISTANCE)",
		   200, 100);
	run_pass(&f, clipplane_draws, px, "clip plane draw");
	/* a quarter drawn, three quarters clipped */
	check_pass(px, clipplane_region, "user clip planes (CLIP_LEGACY)",
		   W * H / 4, W * H * 3 / 4);

	svga_backend_get_stats(f.be, &st);
	CHECK_EQ(st.draws, 4);
	CHECK_EQ(st.translations, 3);
	CHECK_EQ(st.translation_failures, 0);

	draw_fixture_close(&f);
	return t_report("test_backend_clip_distance");
}
