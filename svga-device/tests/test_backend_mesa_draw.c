// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: Mesa's own draw, replayed on the renderer.  The
 * shaders are the VGPU10 tokens Mesa 25.0.7's svga driver sent for
 * piglit's vbo-bufferdata (mesa_shaders.h), the state is what it sent
 * (traced with -trace 'svga3_*'): a TRIANGLESTRIP of 4 vertices from a
 * stride-12 buffer with a one-element R32G32B32_FLOAT layout (w defaults
 * to 1), one constant buffer surface holding the pixel shader's colour at
 * offset 0 (16 bytes) and the vertex shader's constants at offset 256
 * (112 bytes: the modelview-projection by columns, Mesa's prescale scale
 * and translate, one spare vector), all 16 viewports set with 15 of them
 * 0x0, 16 scissor rectangles with scissoring off, no cull.
 *
 * Checked, pixel by pixel on the READBACK of the target:
 *  - the quad is drawn at all (before render_draw.c skipped only empty
 *    viewports, Mesa's 15 empty ones dropped every draw: 0 pixels drawn);
 *  - draw 1 sees the constants it was given even though a second
 *    submission rewrites them (UPDATE_GB_IMAGE) before the batch holding
 *    draw 1 reaches the GPU: draw 1 white, draw 2 red.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "draw_fixture.h"
#include "mesa_shaders.h"

#define CID 2
#define ENTRIES 8
#define W 32
#define H 32
#define RTV 1
#define VS_ID 1
#define PS_ID 0
#define CB_SIZE 512
#define VS_CB_OFFSET 256
#define VS_CB_SIZE 112

/* GL window coordinates (y up) of the two quads: x0, y0, x1, y1 */
static const float quad[2][4] = { { 4, 2, 14, 30 }, { 18, 2, 28, 30 } };
static const float clear_color[4] = { 0.0f, 0.0f, 0.0f, 0.0f };
static const float white[4] = { 1.0f, 1.0f, 1.0f, 1.0f };
static const float red[4] = { 1.0f, 0.0f, 0.0f, 1.0f };

/* The vertex shader's constants, laid out as Mesa's
 * svga_state_constants.c does: cb0[0..3] the modelview-projection by
 * columns (here piglit_ortho_projection(W, H): window coordinates to
 * clip space), cb0[4] and cb0[5] the prescale, which flips y for a render
 * target as Mesa does (GL's row 0 is the surface's first row). */
static void vs_constants(float c[VS_CB_SIZE / 4])
{
	static const float k[VS_CB_SIZE / 4] = {
		2.0f / W, 0, 0, 0,
		0, 2.0f / H, 0, 0,
		0, 0, -1, 0,
		-1, -1, 0, 1,
		1, -1, 1, 1,          /* prescale scale */
		0, 0, 0, 0,           /* prescale translate */
		0, 0, 0, 0,
	};

	memcpy(c, k, sizeof(k));
}

static void setup(struct draw_fixture *f)
{
	struct cbuf *c = f->c;
	float verts[8][3];
	float vsc[VS_CB_SIZE / 4];
	SVGA3dCmdUpdateGBImage upv = { { DRAW_SID_VB, 0, 0 },
				       { 0, 0, 0, sizeof(verts), 1, 1 } };
	SVGA3dCmdUpdateGBImage upc = { { DRAW_SID_CB, 0, 0 },
				       { 0, 0, 0, CB_SIZE, 1, 1 } };

	draw_fixture_buffers(f, W, H, CB_SIZE, 2);

	/* two strips: (x0,y0) (x1,y0) (x0,y1) (x1,y1) */
	for (int q = 0; q < 2; q++) {
		const float *r = quad[q];
		float v[4][3] = { { r[0], r[1], 0 }, { r[2], r[1], 0 },
				  { r[0], r[3], 0 }, { r[2], r[3], 0 } };

		memcpy(verts[4 * q], v, sizeof(v));
	}
	tmob_write(&f->t, &f->vb, 0, verts, sizeof(verts));
	vs_constants(vsc);
	tmob_write(&f->t, &f->cb, 0, white, sizeof(white));
	tmob_write(&f->t, &f->cb, VS_CB_OFFSET, vsc, sizeof(vsc));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upv);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upc);
	run_ok(&f->t, c, "vertex and constant data");

	dx_define_rtv_2d(c, RTV, DRAW_SID_RT, SVGA3D_R8G8B8A8_UNORM);
	dx_ok(&f->t, c, CID, "render target view");
}

static void define_shader(struct draw_fixture *f, uint32_t id, uint32_t type,
			  const uint32_t *code, size_t size, uint32_t off)
{
	dx_define_shader_in_mob(&f->t, f->c, CID, id, type, &f->sh, off,
				code, size);
}

/* The state of vbo-bufferdata's draw, as Mesa set it. */
static void set_state(struct draw_fixture *f)
{
	struct cbuf *c = f->c;
	struct {
		SVGA3dCmdDXDefineElementLayout h;
		SVGA3dInputElementDesc e[1];
	} el = { { 5 }, { { 0, 0, SVGA3D_R32G32B32_FLOAT,
			    SVGA3D_INPUT_PER_VERTEX_DATA, 0, 0 } } };
	SVGA3dCmdDXDefineRasterizerState_v2 rs;
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { 5 };
	struct {
		SVGA3dCmdDXSetVertexBuffers h;
		SVGA3dVertexBuffer vb[1];
	} vbs = { { 0 }, { { DRAW_SID_VB, 12, 0 } } };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLESTRIP };
	SVGA3dCmdDXSetRasterizerState srs = { 6 };
	SVGA3dCmdDXSetSingleConstantBuffer vcb = {
		0, SVGA3D_SHADERTYPE_VS, DRAW_SID_CB, VS_CB_OFFSET, VS_CB_SIZE };
	SVGA3dCmdDXSetSingleConstantBuffer pcb = {
		0, SVGA3D_SHADERTYPE_PS, DRAW_SID_CB, 0, 16 };
	struct {
		SVGA3dCmdDXSetViewports h;
		SVGA3dViewport vp[SVGA3D_DX_MAX_VIEWPORTS];
	} vps;
	struct {
		SVGA3dCmdDXSetScissorRects h;
		SVGASignedRect r[SVGA3D_DX_MAX_VIEWPORTS];
	} scs;

	/* Mesa's emit_viewport: every viewport, the unused ones 0x0 */
	memset(&vps, 0, sizeof(vps));
	vps.vp[0] = (SVGA3dViewport){ 0, 0, W, H, 0.0f, 1.0f };
	for (unsigned i = 1; i < SVGA3D_DX_MAX_VIEWPORTS; i++)
		vps.vp[i].maxDepth = 1.0f;
	memset(&scs, 0, sizeof(scs));
	memset(&rs, 0, sizeof(rs));
	rs.rasterizerId = 6;
	rs.fillMode = SVGA3D_FILLMODE_FILL;
	rs.cullMode = SVGA3D_CULL_NONE;
	rs.depthClipEnable = 1;
	rs.lineWidth = 1.0f;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, el);
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE_V2, rs);
	CMD(c, SVGA_3D_CMD_DX_SET_SCISSORRECTS, scs);
	CMD(c, SVGA_3D_CMD_DX_SET_VIEWPORTS, vps);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, vcb);
	CMD(c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, pcb);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	CMD(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS, vbs);
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	dx_set_render_target(c, RTV, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	dx_ok(&f->t, c, CID, "Mesa's draw state");
}

static uint8_t unorm8(float v)
{
	return (uint8_t)(v * 255.0f + 0.5f);
}

/* What pixel (x, y) of the surface must hold: y is GL's window y too,
 * since the prescale flips (row 0 is GL's bottom row). */
static const float *expected(unsigned x, unsigned y)
{
	float px = (float)x + 0.5f, py = (float)y + 0.5f;

	for (int q = 0; q < 2; q++)
		if (px > quad[q][0] && px < quad[q][2] &&
		    py > quad[q][1] && py < quad[q][3])
			return q == 0 ? white : red;
	return clear_color;
}

int main(void)
{
	struct draw_fixture f;
	struct svga_backend_stats st;
	SVGA3dCmdDXClearRenderTargetView clr;
	SVGA3dCmdDXDraw draw1 = { 4, 0 }, draw2 = { 4, 4 };
	SVGA3dCmdUpdateGBImage upc = { { DRAW_SID_CB, 0, 0 },
				       { 0, 0, 0, 16, 1, 1 } };
	SVGA3dCmdReadbackGBImage rb = { { DRAW_SID_RT, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned counts[3] = { 0 }, bad = 0;
	int rc;

	rc = draw_fixture_open(&f, "test_backend_mesa_draw", CID, ENTRIES);
	if (rc)
		return rc;
	setup(&f);
	define_shader(&f, VS_ID, SVGA3D_SHADERTYPE_VS, mesa_vbo_vs,
		      sizeof(mesa_vbo_vs), 0);
	define_shader(&f, PS_ID, SVGA3D_SHADERTYPE_PS, mesa_vbo_ps,
		      sizeof(mesa_vbo_ps), PG);
	set_state(&f);

	/* submission 1: clear, draw 1 with the white constant */
	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	memcpy(clr.rgba.value, clear_color, sizeof(clear_color));
	CMD(f.c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	CMD(f.c, SVGA_3D_CMD_DX_DRAW, draw1);
	dx_ok(&f.t, f.c, CID, "draw 1");
	/* submission 2: the constant becomes red (draw 1 is still only
	 * recorded), draw 2, then the readback */
	tmob_write(&f.t, &f.cb, 0, red, sizeof(red));
	CMD(f.c, SVGA_3D_CMD_UPDATE_GB_IMAGE, upc);
	CMD(f.c, SVGA_3D_CMD_DX_DRAW, draw2);
	CMD(f.c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f.t, f.c, CID, "draw 2 and readback");

	tmob_read(&f.t, &f.rt, 0, px, sizeof(px));
	for (unsigned y = 0; y < H; y++) {
		for (unsigned x = 0; x < W; x++) {
			const uint8_t *p = px + (y * W + x) * 4;
			const float *e = expected(x, y);

			counts[e == white ? 0 : e == red ? 1 : 2]++;
			for (int k = 0; k < 4; k++) {
				if (abs((int)p[k] - unorm8(e[k])) <= 1)
					continue;
				if (bad++ < 8)
					fprintf(stderr, "pixel (%u,%u): "
						"%u,%u,%u,%u, expected "
						"%u,%u,%u,%u\n", x, y, p[0],
						p[1], p[2], p[3],
						unorm8(e[0]), unorm8(e[1]),
						unorm8(e[2]), unorm8(e[3]));
				break;
			}
		}
	}
	printf("Mesa's vbo-bufferdata draw: %u white, %u red, %u clear "
	       "pixels compared, %u wrong\n", counts[0], counts[1],
	       counts[2], bad);
	CHECK(counts[0] >= 200);
	CHECK(counts[1] >= 200);
	CHECK(counts[2] >= 200);
	CHECK_EQ(bad, 0);
	svga_backend_get_stats(f.be, &st);
	CHECK_EQ(st.draws, 2);
	CHECK_EQ(st.translations, 2);
	CHECK_EQ(st.translation_failures, 0);

	draw_fixture_close(&f);
	return t_report("test_backend_mesa_draw");
}
