// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: dual-source blending (D3D10.1, GL 3.3's
 * ARB_blend_func_extended).  Mesa's svga driver declares the second
 * colour output (GLSL index 1) as o1 and blends render target 0 with the
 * SRC1 factors, which read o1.  vkd3d-shader writes o1 as an ordinary
 * Location 1 output unless it is told that the pixel shader feeds a
 * dual-source blend; the backend says so in the shader key when target 0
 * blends with a SRC1 factor (before, the renderer refused every such draw:
 * piglit's fbo-extended-blend_gles3 read its colours doubled).  Checked,
 * pixel by pixel on the READBACK of the target:
 *  - o0 = piglit's test colour, o1 = a second source with a different
 *    value per channel, blended SRC1_COLOR / INV_SRC1_COLOR (colour) and
 *    SRC1_ALPHA / INV_SRC1_ALPHA (alpha) over a cleared destination: every
 *    pixel is src * src1 + dst * (1 - src1);
 *  - the same shader with blending off writes o0 (the variant without
 *    the dual-source key still draws);
 *  - a pixel shader without o1 under a SRC1 factor is refused with a
 *    command error and a guest error (the second source would be
 *    undefined: Vulkan leaves it so, and lavapipe crashes on it).
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "draw_fixture.h"
#include "shader_asm.h"

#define CID 2
#define ENTRIES 8
#define W 32
#define H 32
#define RTV 1
#define LAYOUT 5
#define RS 6
#define BLEND_DUAL 3
#define BLEND_OFF 4
#define VS_ID 1
#define PS_DUAL 2
#define PS_ONE 3

/* fbo-extended-blend's colours (its src1 is 0.5 everywhere; here each
 * channel differs so that a swapped or missing factor shows) */
static const float dst_color[4] = { 0.75f, 0.25f, 0.25f, 0.5f };
static const float src0[4] = { 1.0f, 0.25f, 0.75f, 0.25f };
static const float src1[4] = { 0.5f, 0.25f, 1.0f, 0.75f };

/* a full-viewport strip; the colour column is unused by the shaders */
static const float verts[4][8] = {
	{ -1, -1, 0, 1, 0, 0, 0, 1 },
	{ 1, -1, 0, 1, 0, 0, 0, 1 },
	{ -1, 1, 0, 1, 0, 0, 0, 1 },
	{ 1, 1, 0, 1, 0, 0, 0, 1 },
};

static uint32_t fbits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

/* ps_4_0: o0 = src0 and, with `second`, o1 = src1 (what Mesa emits for a
 * GLSL output bound to index 1: dcl_output o1) */
static size_t asm_ps_sources(struct asm_buf *b, int second)
{
	asm_begin(b, 0 /* pixel */, 4, 0);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);    /* dcl_output o0 */
	if (second) {
		asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 1);    /* dcl_output o1 */
	}
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0);     /* mov o0, src0 */
	imm4(b, fbits(src0[0]), fbits(src0[1]), fbits(src0[2]), fbits(src0[3]));
	if (second) {
		asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 1);     /* mov o1, src1 */
		imm4(b, fbits(src1[0]), fbits(src1[1]), fbits(src1[2]),
		     fbits(src1[3]));
	}
	asm_op(b, 62, 0);                               /* ret */
	return asm_finish(b);
}

static void define_blend(struct cbuf *c, uint32_t id, int dual)
{
	SVGA3dCmdDXDefineBlendState bs;

	memset(&bs, 0, sizeof(bs));
	bs.blendId = id;
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++) {
		SVGA3dDXBlendStatePerRT *rt = &bs.perRT[i];

		rt->srcBlend = rt->srcBlendAlpha = SVGA3D_BLENDOP_ONE;
		rt->destBlend = rt->destBlendAlpha = SVGA3D_BLENDOP_ZERO;
		rt->blendOp = rt->blendOpAlpha = SVGA3D_BLENDEQ_ADD;
		rt->renderTargetWriteMask = 0xf;
	}
	if (dual) {
		SVGA3dDXBlendStatePerRT *rt = &bs.perRT[0];

		rt->blendEnable = 1;
		rt->srcBlend = SVGA3D_BLENDOP_SRC1COLOR;
		rt->destBlend = SVGA3D_BLENDOP_INVSRC1COLOR;
		rt->srcBlendAlpha = SVGA3D_BLENDOP_SRC1ALPHA;
		rt->destBlendAlpha = SVGA3D_BLENDOP_INVSRC1ALPHA;
	}
	CMD(c, SVGA_3D_CMD_DX_DEFINE_BLEND_STATE, bs);
}

static void set_blend(struct cbuf *c, uint32_t id)
{
	SVGA3dCmdDXSetBlendState sb;

	memset(&sb, 0, sizeof(sb));
	sb.blendId = id;
	sb.sampleMask = 0xffffffffu;
	CMD(c, SVGA_3D_CMD_DX_SET_BLEND_STATE, sb);
}

static void set_ps(struct cbuf *c, uint32_t id)
{
	SVGA3dCmdDXSetShader sps = { id, SVGA3D_SHADERTYPE_PS };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
}

static void setup(struct draw_fixture *f)
{
	struct cbuf *c = f->c;
	struct asm_buf b;
	size_t size;
	SVGA3dCmdUpdateGBImage upv = { { DRAW_SID_VB, 0, 0 },
				       { 0, 0, 0, sizeof(verts), 1, 1 } };
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetInputLayout il = { LAYOUT };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLESTRIP };
	SVGA3dCmdDXSetRasterizerState srs = { RS };

	draw_fixture_buffers(f, W, H, 0, 3);
	tmob_write(&f->t, &f->vb, 0, verts, sizeof(verts));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upv);
	run_ok(&f->t, c, "vertex data");

	size = asm_vs_position_color(&b);
	dx_define_shader_in_mob(&f->t, c, CID, VS_ID, SVGA3D_SHADERTYPE_VS,
				&f->sh, 0, b.t, size);
	size = asm_ps_sources(&b, 1);
	dx_define_shader_in_mob(&f->t, c, CID, PS_DUAL, SVGA3D_SHADERTYPE_PS,
				&f->sh, PG, b.t, size);
	size = asm_ps_sources(&b, 0);
	dx_define_shader_in_mob(&f->t, c, CID, PS_ONE, SVGA3D_SHADERTYPE_PS,
				&f->sh, 2 * PG, b.t, size);

	dx_define_rtv_2d(c, RTV, DRAW_SID_RT, SVGA3D_R8G8B8A8_UNORM);
	dx_define_layout_two_float4(c, LAYOUT);
	dx_define_rasterizer_no_cull(c, RS);
	define_blend(c, BLEND_DUAL, 1);
	define_blend(c, BLEND_OFF, 0);
	dx_set_single_viewport(c, W, H);
	dx_set_render_target(c, RTV, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	dx_set_vertex_buffer(c, DRAW_SID_VB, sizeof(verts[0]));
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	dx_ok(&f->t, c, CID, "state");
}

static void clear_dst(struct cbuf *c)
{
	SVGA3dCmdDXClearRenderTargetView clr;

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	memcpy(&clr.rgba, dst_color, sizeof(dst_color));
	CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
}

/* Draws with pixel shader `ps` and blend state `blend` over the cleared
 * destination, reads the target back and counts the pixels off `want`
 * (0..1 per channel) by more than one step of 8 bits. */
static void draw_and_check(struct draw_fixture *f, uint32_t ps,
			   uint32_t blend, const float want[4],
			   const char *what)
{
	SVGA3dCmdDXDraw draw = { 4, 0 };
	SVGA3dCmdReadbackGBImage rb = { { DRAW_SID_RT, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned wrong = 0;

	set_ps(f->c, ps);
	set_blend(f->c, blend);
	clear_dst(f->c);
	CMD(f->c, SVGA_3D_CMD_DX_DRAW, draw);
	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, what);
	tmob_read(&f->t, &f->rt, 0, px, sizeof(px));

	for (unsigned i = 0; i < W * H; i++) {
		const uint8_t *p = px + i * 4;

		for (int k = 0; k < 4; k++) {
			int e = (int)(want[k] * 255.0f + 0.5f);

			if (abs(p[k] - e) <= 1)
				continue;
			if (wrong++ < 4)
				fprintf(stderr, "%s: pixel %u: %u,%u,%u,%u, "
					"expected %.3f,%.3f,%.3f,%.3f\n", what,
					i, p[0], p[1], p[2], p[3], want[0],
					want[1], want[2], want[3]);
			break;
		}
	}
	printf("%s: %u pixels, %u wrong\n", what, W * H, wrong);
	CHECK_EQ(wrong, 0);
}

int main(void)
{
	struct draw_fixture f;
	float blended[4];
	int rc;

	rc = draw_fixture_open(&f, "test_backend_dual_source", CID, ENTRIES);
	if (rc)
		return rc;
	setup(&f);

	/* colour: src0 * src1 + dst * (1 - src1), per channel; alpha:
	 * src0.a * src1.a + dst.a * (1 - src1.a) */
	for (int k = 0; k < 3; k++)
		blended[k] = src0[k] * src1[k] + dst_color[k] * (1 - src1[k]);
	blended[3] = src0[3] * src1[3] + dst_color[3] * (1 - src1[3]);

	draw_and_check(&f, PS_DUAL, BLEND_DUAL, blended, "dual-source blend");
	draw_and_check(&f, PS_DUAL, BLEND_OFF, src0, "same shader, no blend");
	draw_and_check(&f, PS_DUAL, BLEND_DUAL, blended, "dual-source again");

	/* no o1: the second source would be undefined */
	{
		SVGA3dCmdDXDraw draw = { 4, 0 };

		set_ps(f.c, PS_ONE);
		set_blend(f.c, BLEND_DUAL);
		CMD(f.c, SVGA_3D_CMD_DX_DRAW, draw);
		dx_err(&f.t, f.c, CID, 2, "DX_DRAW", "SRC1 factor without o1");
		/* the renderer's reason comes just before the command's line */
		if (!strstr(f.t.g.prev_error, "second source"))
			fprintf(stderr, "reason logged: \"%s\"\n",
				f.t.g.prev_error);
		CHECK(strstr(f.t.g.prev_error, "second source") != NULL);
	}

	draw_fixture_close(&f);
	return t_report("test_backend_dual_source");
}
