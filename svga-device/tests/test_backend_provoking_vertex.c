// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: the last-vertex provoking convention.  GL's
 * default is the last vertex; Mesa's svga driver sends it in the
 * rasterizer state (provokingVertexLast) only when the device sets
 * SVGA3D_DEVCAP_DX_PROVOKING_VERTEX, and otherwise reorders indices so
 * that the first vertex provokes, which cannot work once a geometry
 * shader makes the primitives (piglit's gl-3.2-adj-prims pv-last read
 * the first emitted vertex's colour).  Checked:
 *  - with the renderer attached, the devcap reads 1 as vmwgfx reads it
 *    (SVGA_REG_DEV_CAP);
 *  - the device honours the bit: a triangle strip of two triangles
 *    with a constant-interpolated (flat) colour per vertex, drawn once
 *    with provokingVertexLast 0 and once with 1, each READBACK to guest
 *    memory and checked pixel by pixel (first: vertices 0 and 1 colour
 *    the triangles, last: vertices 2 and 3).
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
#define RS_FIRST 6
#define RS_LAST 7
#define VS_ID 1
#define PS_ID 2

/* A strip covering the viewport: triangle 0 is vertices 0 1 2 (the lower
 * left half), triangle 1 is vertices 1 3 2 (the upper right). */
static const float verts[4][8] = {
	{ -1, -1, 0, 1, 1, 0, 0, 1 },   /* red */
	{ 1, -1, 0, 1, 0, 1, 0, 1 },    /* green */
	{ -1, 1, 0, 1, 0, 0, 1, 1 },    /* blue */
	{ 1, 1, 0, 1, 1, 1, 1, 1 },     /* white */
};

static uint32_t devcap(struct tdev *t, uint32_t i)
{
	svga_dev_reg_write(t->dev, SVGA_REG_DEV_CAP, i);
	return svga_dev_reg_read(t->dev, SVGA_REG_DEV_CAP);
}

/* ps_4_0: o0 = v1, v1 declared constant (GL's flat) */
static size_t asm_ps_flat_color(struct asm_buf *b)
{
	asm_begin(b, 0 /* pixel */, 4, 0);
	asm_op(b, 98, 1); dst(b, T_INPUT, 0xf, 1);      /* dcl_input_ps constant v1 */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);    /* dcl_output o0 */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 1);  /* mov */
	asm_op(b, 62, 0);                               /* ret */
	return asm_finish(b);
}

static void define_rasterizer(struct cbuf *c, uint32_t id, uint8_t last)
{
	SVGA3dCmdDXDefineRasterizerState_v2 rs;

	memset(&rs, 0, sizeof(rs));
	rs.rasterizerId = id;
	rs.fillMode = SVGA3D_FILLMODE_FILL;
	rs.cullMode = SVGA3D_CULL_NONE;
	rs.depthClipEnable = 1;
	rs.lineWidth = 1.0f;
	rs.provokingVertexLast = last;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE_V2, rs);
}

static void setup(struct draw_fixture *f)
{
	struct cbuf *c = f->c;
	struct asm_buf b;
	size_t size;
	SVGA3dCmdUpdateGBImage upv = { { DRAW_SID_VB, 0, 0 },
				       { 0, 0, 0, sizeof(verts), 1, 1 } };
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { LAYOUT };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLESTRIP };

	draw_fixture_buffers(f, W, H, 0, 2);
	tmob_write(&f->t, &f->vb, 0, verts, sizeof(verts));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upv);
	run_ok(&f->t, c, "vertex data");

	size = asm_vs_position_color(&b);
	dx_define_shader_in_mob(&f->t, c, CID, VS_ID, SVGA3D_SHADERTYPE_VS,
				&f->sh, 0, b.t, size);
	size = asm_ps_flat_color(&b);
	dx_define_shader_in_mob(&f->t, c, CID, PS_ID, SVGA3D_SHADERTYPE_PS,
				&f->sh, PG, b.t, size);

	dx_define_rtv_2d(c, RTV, DRAW_SID_RT, SVGA3D_R8G8B8A8_UNORM);
	dx_define_layout_two_float4(c, LAYOUT);
	define_rasterizer(c, RS_FIRST, 0);
	define_rasterizer(c, RS_LAST, 1);
	dx_set_single_viewport(c, W, H);
	dx_set_render_target(c, RTV, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	dx_set_vertex_buffer(c, DRAW_SID_VB, sizeof(verts[0]));
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	dx_ok(&f->t, c, CID, "state");
}

/* Draws the strip with rasterizer `rs` and checks each pixel off the
 * diagonal (which the edge rule decides) against the colour of vertex
 * `tri0` (lower left triangle) or `tri1`. */
static void draw_and_check(struct draw_fixture *f, uint32_t rs, unsigned tri0,
			   unsigned tri1, const char *what)
{
	SVGA3dCmdDXSetRasterizerState srs = { rs };
	SVGA3dCmdDXClearRenderTargetView clr;
	SVGA3dCmdDXDraw draw = { 4, 0 };
	SVGA3dCmdReadbackGBImage rb = { { DRAW_SID_RT, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned checked = 0, wrong = 0;

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	CMD(f->c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	CMD(f->c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	CMD(f->c, SVGA_3D_CMD_DX_DRAW, draw);
	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, what);
	tmob_read(&f->t, &f->rt, 0, px, sizeof(px));

	for (unsigned y = 0; y < H; y++) {
		for (unsigned x = 0; x < W; x++) {
			/* row 0 is the top (clip y = +1): clip x + clip y
			 * = (x - y) / 16, negative (triangle 0) for x < y */
			const float *e;
			const uint8_t *p = px + (y * W + x) * 4;

			if (x == y)
				continue;
			e = verts[x < y ? tri0 : tri1] + 4;
			checked++;
			for (int k = 0; k < 4; k++) {
				if (p[k] == (uint8_t)(e[k] * 255.0f))
					continue;
				if (wrong++ < 8)
					fprintf(stderr, "%s: pixel (%u,%u) "
						"%u,%u,%u,%u, expected vertex "
						"%u's colour\n", what, x, y,
						p[0], p[1], p[2], p[3],
						x < y ? tri0 : tri1);
				break;
			}
		}
	}
	printf("%s: %u pixels checked, %u wrong\n", what, checked, wrong);
	CHECK_EQ(checked, W * H - W);
	CHECK_EQ(wrong, 0);
}

int main(void)
{
	struct draw_fixture f;
	int rc;

	rc = draw_fixture_open(&f, "test_backend_provoking_vertex", CID, ENTRIES);
	if (rc)
		return rc;
	printf("SVGA3D_DEVCAP_DX_PROVOKING_VERTEX: %u\n",
	       devcap(&f.t, SVGA3D_DEVCAP_DX_PROVOKING_VERTEX));
	CHECK_EQ(devcap(&f.t, SVGA3D_DEVCAP_DX_PROVOKING_VERTEX), 1);
	setup(&f);

	draw_and_check(&f, RS_FIRST, 0, 1, "first vertex provokes");
	draw_and_check(&f, RS_LAST, 2, 3, "last vertex provokes");

	draw_fixture_close(&f);
	return t_report("test_backend_provoking_vertex");
}
