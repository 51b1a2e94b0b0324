// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: 4x multisampling through the device core on the
 * renderer (lavapipe here), as Mesa's svga driver uses it for GL.
 *
 * A white triangle is drawn into a 4-sample R8G8B8A8_UNORM target cleared
 * to black (DX_CLEAR_RENDERTARGET_VIEW on the multisampled view), resolved
 * by DX_RESOLVE_COPY into a single-sampled surface and read back with
 * READBACK_GB_IMAGE into guest memory.  The reference is computed on the
 * CPU from the standard 4x sample positions (D3D's and Vulkan's: (3/8,1/8)
 * (7/8,3/8) (1/8,5/8) (5/8,7/8)): each pixel is 255 * covered / 4 (+-1
 * for rounding), interior pixels exactly 255 and exterior 0; pixels with
 * a sample within 1/100 pixel of an edge are not compared (rasterisation
 * rules).  Then the blend state's sampleMask 0x1 keeps only sample 0:
 * the edge pixels change as computed.  Then a pixel shader reads each
 * sample k of the 4-sample surface through a Texture2DMS view (ld_ms,
 * translated by shader/ and vkd3d-shader) into a single-sampled target:
 * each pixel is white exactly where sample k is covered.  Then the
 * pixel shader writes sample_pos(k) + 0.5 (Mesa's gl_SamplePosition) into
 * the 4-sample target: the resolved pixels are D3D's 4x position of
 * sample k, not the pixel centre.  Then the
 * samples are copied by DX_PRED_COPY_REGION to another 4-sample surface,
 * the drawn one cleared, and the copy resolves to the same picture.  With
 * a 4-sample depth target (R24G8_TYPELESS, Mesa's depth textures, through
 * a D24_UNORM_S8_UINT view) cleared to 0 nothing is drawn, cleared to 1
 * the same picture.  Then what must fail does, with a
 * guest error, and the device keeps working: multisampled surface
 * definitions it cannot honour, UPDATE and READBACK of a multisampled
 * surface, DX_RESOLVE_COPY into a multisampled surface, between
 * different sizes, of a missing subresource; a draw whose targets differ
 * in sample count.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "backend_harness.h"
#include "shader_asm.h"

#include <math.h>

#define CID 2
#define ENTRIES 16
#define W 32
#define H 32
#define SID_MS 1
#define SID_VB 2
#define SID_RES 3
#define SID_SMALL 4
#define SID_MS2 5
#define SID_BAD 6
#define SID_DEPTH 7       /* 4-sample R24G8_TYPELESS, as Mesa's depth */
#define DSV_MS 1
#define MOB_RES 20
#define MOB_VB 21
#define MOB_SH 22
#define MOB_MS 23
#define MOB_TINY 24
#define RTV_MS 3
#define RTV_ONE 4
#define VS_ID 6
#define PS_ID 7
#define PS_LDMS_ID 8      /* .. 11: ld_ms of sample 0 .. 3 */
#define SRV_MS 1
#define PS_SPOS_ID 12     /* sample_pos of sample 0 .. 3: 12 .. 15 */

enum { NAME_POSITION = 1 };

struct vertex {
	float pos[4];
	float color[4];
};

/* A triangle covering the whole viewport (ld_ms passes). */
static const struct vertex full[3] = {
	{ { -1.0f, -1.0f, 0.0f, 1.0f }, { 0 } },
	{ { -1.0f, 3.0f, 0.0f, 1.0f }, { 0 } },
	{ { 3.0f, -1.0f, 0.0f, 1.0f }, { 0 } },
};

/* ps_4_1: o0 = t0.ld_ms(int2(v0.xy), sample), t0 a Texture2DMS<float4>
 * of 4 samples (Mesa's texelFetch on a sampler2DMS) */
static size_t build_ps_ld_ms(struct asm_buf *b, uint32_t sample)
{
	asm_begin(b, 0 /* pixel */, 4, 1);
	/* dcl_resource_texture2dms(4) t0, float x4 */
	asm_op(b, 88, 4 | 4u << 5); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	/* dcl_input_ps_siv linear noperspective v0.xy, position */
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, NAME_POSITION);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);          /* dcl_output o0 */
	asm_op(b, 104, 0); asm_dw(b, 1);                      /* dcl_temps 1 */
	asm_op(b, 27, 0); dst(b, T_TEMP, 0x3, 0);             /* ftoi r0.xy, v0 */
	src(b, T_INPUT, O_SWZ(0, 1, 0, 0), 0);
	asm_op(b, 54, 0); dst(b, T_TEMP, 0xc, 0); imm4(b, 0, 0, 0, 0);
	asm_op(b, 46, 0); dst(b, T_OUTPUT, 0xf, 0);           /* ld_ms */
	src(b, T_TEMP, SWZ_XYZW, 0); src(b, T_RESOURCE, SWZ_XYZW, 0);
	imm1(b, sample);
	asm_op(b, 62, 0);                                      /* ret */
	return asm_finish(b);
}

/* ps_4_1: o0 = (sample_pos(rasterizer, sample).xy + 0.5, 1, 1) */
static size_t build_ps_sample_pos(struct asm_buf *b, uint32_t sample)
{
	const uint32_t half = 0x3f000000u;

	asm_begin(b, 0 /* pixel */, 4, 1);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);          /* dcl_output o0 */
	asm_op(b, 104, 0); asm_dw(b, 1);                      /* dcl_temps 1 */
	asm_op(b, 110, 0); dst(b, T_TEMP, 0x3, 0);            /* sample_pos */
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(14 /* rasterizer */));
	imm1(b, sample);
	asm_op(b, 0, 0); dst(b, T_OUTPUT, 0x3, 0);            /* add */
	src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 0); imm4(b, half, half, half, half);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xc, 0); imm4(b, F1, F1, F1, F1);
	asm_op(b, 62, 0);                                      /* ret */
	return asm_finish(b);
}

/* edges at slopes no sample row or column lines up with */
static const struct vertex tri[3] = {
	{ { -0.83f, -0.71f, 0.0f, 1.0f }, { 1.0f, 1.0f, 1.0f, 1.0f } },
	{ { 0.11f, 0.87f, 0.0f, 1.0f }, { 1.0f, 1.0f, 1.0f, 1.0f } },
	{ { 0.79f, -0.53f, 0.0f, 1.0f }, { 1.0f, 1.0f, 1.0f, 1.0f } },
};

static const float sample_pos[4][2] = {
	{ 0.375f, 0.125f }, { 0.875f, 0.375f },
	{ 0.125f, 0.625f }, { 0.625f, 0.875f },
};

/*
 * Samples of pixel (x, y) inside the triangle, as a bit mask (bit i:
 * sample i); -1 when a sample lies within 1/100 pixel of an edge.
 */
static int coverage(unsigned x, unsigned y)
{
	float vx[3], vy[3];
	int mask = 0;

	for (int i = 0; i < 3; i++) {     /* NDC -> pixels, y down */
		vx[i] = (tri[i].pos[0] + 1.0f) * 0.5f * W;
		vy[i] = (1.0f - tri[i].pos[1]) * 0.5f * H;
	}
	for (int s = 0; s < 4; s++) {
		float px = (float)x + sample_pos[s][0];
		float py = (float)y + sample_pos[s][1];
		int pos = 0, neg = 0;

		for (int i = 0; i < 3; i++) {
			float ax = vx[i], ay = vy[i];
			float bx = vx[(i + 1) % 3], by = vy[(i + 1) % 3];
			float e = (bx - ax) * (py - ay) - (px - ax) * (by - ay);
			float len = sqrtf((bx - ax) * (bx - ax) +
					  (by - ay) * (by - ay));

			if (fabsf(e) / len < 0.01f)
				return -1;
			e > 0 ? pos++ : neg++;
		}
		if (pos == 3 || neg == 3)
			mask |= 1 << s;
	}
	return mask;
}

struct fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob res, vb, sh, ms, tiny;
	struct svga_backend *be;
};

static void define_ms(struct cbuf *c, uint32_t sid, uint32_t fmt,
		      uint64_t flags, uint32_t samples, uint32_t w, uint32_t h,
		      uint32_t d, uint32_t mips, uint32_t array)
{
	SVGA3dCmdDefineGBSurface_v3 s;

	memset(&s, 0, sizeof(s));
	s.sid = sid;
	s.surfaceFlags = flags | SVGA3D_SURFACE_MULTISAMPLE;
	s.format = fmt;
	s.numMipLevels = mips;
	s.multisampleCount = samples;
	s.multisamplePattern = SVGA3D_MS_PATTERN_STANDARD;
	s.size.width = w;
	s.size.height = h;
	s.size.depth = d;
	s.arraySize = array;
	CMD(c, SVGA_3D_CMD_DEFINE_GB_SURFACE_V3, s);
}

static void setup(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
				      { 0, 0, 0, sizeof(tri), 1, 1 } };
	uint64_t keep;

	tmob_build(&f->t, c, &f->res, MOB_RES, W * H * 4, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->vb, MOB_VB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->sh, MOB_SH, 10 * PG, SVGA3D_MOBFMT_PT64_1);
	/* vmwgfx's backing of a 4-sample surface: 4 x the layout */
	tmob_build(&f->t, c, &f->ms, MOB_MS, W * H * 4 * 4,
		   SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->tiny, MOB_TINY, W * H * 4,
		   SVGA3D_MOBFMT_PT64_1);
	keep = f->t.g.next;
	run_ok(&f->t, c, "MOBs");
	f->t.g.next = keep;

	define_ms(c, SID_MS, SVGA3D_R8G8B8A8_UNORM,
		  SVGA3D_SURFACE_BIND_RENDER_TARGET, 4, W, H, 1, 1, 1);
	bind_surface(c, SID_MS, MOB_MS);
	define_surface(c, SID_RES, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, W, H, 1, 1, 1);
	bind_surface(c, SID_RES, MOB_RES);
	define_surface(c, SID_SMALL, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, W / 2, H, 1, 1, 1);
	define_ms(c, SID_MS2, SVGA3D_R8G8B8A8_UNORM,
		  SVGA3D_SURFACE_BIND_RENDER_TARGET, 4, W, H, 1, 1, 1);
	define_ms(c, SID_DEPTH, SVGA3D_R24G8_TYPELESS,
		  SVGA3D_SURFACE_BIND_DEPTH_STENCIL |
		  SVGA3D_SURFACE_BIND_SHADER_RESOURCE, 4, W, H, 1, 1, 1);
	define_surface(c, SID_VB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, PG, 1, 1, 1, 1);
	bind_surface(c, SID_VB, MOB_VB);
	run_ok(&f->t, c, "surfaces");
	tmob_write(&f->t, &f->vb, 0, tri, sizeof(tri));
	tmob_write(&f->t, &f->vb, sizeof(tri), full, sizeof(full));
	up.box.w = sizeof(tri) + sizeof(full);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
	run_ok(&f->t, c, "vertex data");
}

static void setup_dx(struct fixture *f)
{
	struct cbuf *c = f->c;
	struct asm_buf vs, ps;
	size_t vs_size = asm_vs_position_color(&vs), ps_size = asm_ps_color_from_v1(&ps);
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	SVGA3dCmdDXSetRasterizerState srs = { 1 };

	dx_define_shader_in_mob(&f->t, c, CID, VS_ID, SVGA3D_SHADERTYPE_VS,
				&f->sh, 0, vs.t, vs_size);
	dx_define_shader_in_mob(&f->t, c, CID, PS_ID, SVGA3D_SHADERTYPE_PS,
				&f->sh, PG, ps.t, ps_size);
	for (uint32_t k = 0; k < 4; k++) {
		struct asm_buf ld;
		size_t n = build_ps_ld_ms(&ld, k);

		dx_define_shader_in_mob(&f->t, c, CID, PS_LDMS_ID + k,
					SVGA3D_SHADERTYPE_PS, &f->sh,
					(2 + k) * PG, ld.t, n);
		n = build_ps_sample_pos(&ld, k);
		dx_define_shader_in_mob(&f->t, c, CID, PS_SPOS_ID + k,
					SVGA3D_SHADERTYPE_PS, &f->sh,
					(6 + k) * PG, ld.t, n);
	}
	{
		SVGA3dCmdDXDefineShaderResourceView srv;

		memset(&srv, 0, sizeof(srv));
		srv.shaderResourceViewId = SRV_MS;
		srv.sid = SID_MS;
		srv.format = SVGA3D_R8G8B8A8_UNORM;
		srv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		srv.desc.tex.mipLevels = 1;
		srv.desc.tex.arraySize = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, srv);
	}
	{
		SVGA3dCmdDXDefineDepthStencilView dsv;

		memset(&dsv, 0, sizeof(dsv));
		dsv.depthStencilViewId = DSV_MS;
		dsv.sid = SID_DEPTH;
		dsv.format = SVGA3D_D24_UNORM_S8_UINT;
		dsv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		dsv.arraySize = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, dsv);
	}
	dx_define_rtv_2d(c, RTV_MS, SID_MS, SVGA3D_R8G8B8A8_UNORM);
	dx_define_rtv_2d(c, RTV_ONE, SID_RES, SVGA3D_R8G8B8A8_UNORM);
	dx_define_layout_two_float4(c, 1);
	dx_define_rasterizer_no_cull(c, 1);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	dx_set_vertex_buffer(c, SID_VB, sizeof(struct vertex));
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	dx_set_render_target(c, RTV_MS, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	dx_set_single_viewport(c, W, H);
	dx_ok(&f->t, c, CID, "state");
}

static void set_sample_mask(struct cbuf *c, uint32_t mask)
{
	SVGA3dCmdDXSetBlendState bs;

	memset(&bs, 0, sizeof(bs));
	bs.blendId = SVGA3D_INVALID_ID;
	bs.sampleMask = mask;
	CMD(c, SVGA_3D_CMD_DX_SET_BLEND_STATE, bs);
}

static void resolve_cmd(struct cbuf *c, uint32_t dst, uint32_t dsub,
			uint32_t src, uint32_t ssub)
{
	SVGA3dCmdDXResolveCopy r = { dst, dsub, src, ssub,
				     SVGA3D_R8G8B8A8_UNORM };

	CMD(c, SVGA_3D_CMD_DX_RESOLVE_COPY, r);
}

/*
 * Clear the 4-sample target to black, draw with sample mask `mask`,
 * resolve, read back; compare with the reference.  Returns the number of
 * partially covered pixels compared.
 */
/* depth: 0 none; else a 4-sample depth target cleared to depth - 1
 * (1: 0.0, every sample fails LESS; 2: 1.0, every sample passes) */
static unsigned draw_resolve_compare_ex(struct fixture *f, uint32_t mask,
					const char *what, bool via_copy,
					int depth)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXClearRenderTargetView clr;
	SVGA3dCmdDXDraw dr = { 3, 0 };
	SVGA3dCmdReadbackGBImage rb = { { SID_RES, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned inside = 0, outside = 0, partial = 0, skipped = 0, bad = 0;

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV_MS;
	CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	set_sample_mask(c, mask);
	if (depth) {
		SVGA3dCmdDXClearDepthStencilView cd = {
			SVGA3D_CLEAR_DEPTH | SVGA3D_CLEAR_STENCIL, 0, DSV_MS,
			depth == 1 ? 0.0f : 1.0f };

		dx_set_render_target(c, RTV_MS, DSV_MS);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cd);
	}
	CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
	if (depth)
		dx_set_render_target(c, RTV_MS, SVGA3D_INVALID_ID);
	if (via_copy) {
		/* the samples move to the other 4-sample surface, the drawn
		 * one is cleared: what resolves is what the copy moved */
		SVGA3dCmdDXPredCopyRegion cp = { SID_MS2, 0, SID_MS, 0,
			{ 0, 0, 0, W, H, 1, 0, 0, 0 } };

		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, cp);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	}
	resolve_cmd(c, SID_RES, 0, via_copy ? SID_MS2 : SID_MS, 0);
	CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, c, CID, what);

	memset(px, 0xa5, sizeof(px));
	tmob_read(&f->t, &f->res, 0, px, sizeof(px));
	for (unsigned y = 0; y < H; y++) {
		for (unsigned x = 0; x < W; x++) {
			const uint8_t *p = px + (y * W + x) * 4;
			int cov = coverage(x, y), n = 0;
			float expect;

			if (cov < 0) {
				skipped++;
				continue;
			}
			for (int s = 0; s < 4; s++)
				n += ((cov & (int)mask) >> s) & 1;
			if (depth == 1)
				n = 0;      /* the depth test failed */
			expect = 255.0f * (float)n / 4.0f;
			if (cov == 0xf)
				inside++;
			else if (cov == 0)
				outside++;
			else
				partial++;
			for (int k = 0; k < 4; k++) {
				float tol = (n == 0 || n == 4) ? 0.0f : 1.0f;

				if (fabsf((float)p[k] - expect) <= tol)
					continue;
				if (bad++ < 8)
					fprintf(stderr, "%s: pixel (%u,%u) "
						"coverage 0x%x: %u,%u,%u,%u, "
						"expected %.2f\n", what, x, y,
						cov, p[0], p[1], p[2], p[3],
						expect);
				break;
			}
		}
	}
	printf("%s: %u inside, %u outside, %u partially covered pixels "
	       "compared (%u skipped), %u wrong\n", what, inside, outside,
	       partial, skipped, bad);
	CHECK(inside > 40);
	CHECK(outside > 40);
	CHECK(partial > 10);
	CHECK_EQ(bad, 0);
	return partial;
}

static void set_ps_srv(struct cbuf *c, uint32_t ps, uint32_t srv_id)
{
	struct {
		SVGA3dCmdDXSetShaderResources h;
		uint32_t id[1];
	} srv = { { 0, SVGA3D_SHADERTYPE_PS }, { srv_id } };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER,
	    ((SVGA3dCmdDXSetShader){ ps, SVGA3D_SHADERTYPE_PS }));
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER_RESOURCES, srv);
}

/*
 * After a draw with every sample: sample k of each pixel, read by ld_ms
 * into the single-sampled target and read back, is white exactly where
 * the reference covers sample k.
 */
static void ld_ms_compare(struct fixture *f)
{
	struct cbuf *c = f->c;
	static uint8_t px[W * H * 4];

	for (uint32_t k = 0; k < 4; k++) {
		unsigned lit = 0, dark = 0, bad = 0;

		dx_set_render_target(c, RTV_ONE, SVGA3D_INVALID_ID);
		set_ps_srv(c, PS_LDMS_ID + k, SRV_MS);
		CMD(c, SVGA_3D_CMD_DX_DRAW, ((SVGA3dCmdDXDraw){ 3, 3 }));
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE,
		    ((SVGA3dCmdReadbackGBImage){ { SID_RES, 0, 0 } }));
		set_ps_srv(c, PS_ID, SVGA3D_INVALID_ID);
		dx_set_render_target(c, RTV_MS, SVGA3D_INVALID_ID);
		dx_ok(&f->t, c, CID, "ld_ms pass");
		memset(px, 0xa5, sizeof(px));
		tmob_read(&f->t, &f->res, 0, px, sizeof(px));
		for (unsigned y = 0; y < H; y++) {
			for (unsigned x = 0; x < W; x++) {
				const uint8_t *p = px + (y * W + x) * 4;
				int cov = coverage(x, y);
				uint8_t want;

				if (cov < 0)
					continue;
				want = (cov >> k) & 1 ? 255 : 0;
				want ? lit++ : dark++;
				if (p[0] == want && p[1] == want &&
				    p[2] == want && p[3] == want)
					continue;
				if (bad++ < 4)
					fprintf(stderr, "ld_ms sample %u: pixel "
						"(%u,%u) coverage 0x%x: %u,%u,"
						"%u,%u, expected %u\n", k, x,
						y, cov, p[0], p[1], p[2], p[3],
						want);
			}
		}
		printf("ld_ms sample %u: %u covered and %u uncovered pixels "
		       "compared, %u wrong\n", k, lit, dark, bad);
		CHECK(lit > 250);
		CHECK(dark > 500);
		CHECK_EQ(bad, 0);
	}
}

static unsigned draw_resolve_compare(struct fixture *f, uint32_t mask,
				     const char *what)
{
	return draw_resolve_compare_ex(f, mask, what, false, 0);
}

/* sample_pos k in a 4-sample target, resolved: D3D's standard 4x
 * position of sample k (in 1/16 pixel) + 0.5 in every pixel. */
static void sample_pos_compare(struct fixture *f)
{
	static const int pos16[4][2] = { { -2, -6 }, { 6, -2 }, { -6, 2 },
					 { 2, 6 } };
	struct cbuf *c = f->c;
	static uint8_t px[W * H * 4];

	for (uint32_t k = 0; k < 4; k++) {
		float want[2] = { (pos16[k][0] / 16.0f + 0.5f) * 255.0f,
				  (pos16[k][1] / 16.0f + 0.5f) * 255.0f };
		unsigned bad = 0;

		set_ps_srv(c, PS_SPOS_ID + k, SVGA3D_INVALID_ID);
		set_sample_mask(c, 0xffffffffu);
		CMD(c, SVGA_3D_CMD_DX_DRAW, ((SVGA3dCmdDXDraw){ 3, 3 }));
		resolve_cmd(c, SID_RES, 0, SID_MS, 0);
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE,
		    ((SVGA3dCmdReadbackGBImage){ { SID_RES, 0, 0 } }));
		set_ps_srv(c, PS_ID, SVGA3D_INVALID_ID);
		dx_ok(&f->t, c, CID, "sample_pos pass");
		memset(px, 0xa5, sizeof(px));
		tmob_read(&f->t, &f->res, 0, px, sizeof(px));
		for (unsigned i = 0; i < W * H; i++) {
			const uint8_t *p = px + i * 4;

			if (fabsf(p[0] - want[0]) <= 1.0f &&
			    fabsf(p[1] - want[1]) <= 1.0f && p[2] == 255 &&
			    p[3] == 255)
				continue;
			if (bad++ < 2)
				fprintf(stderr, "sample_pos %u: pixel %u: %u,%u,"
					"%u,%u, expected %.1f,%.1f,255,255\n",
					k, i, p[0], p[1], p[2], p[3], want[0],
					want[1]);
		}
		printf("sample_pos %u in a 4-sample target: %u of %u pixels "
		       "wrong\n", k, bad, W * H);
		CHECK_EQ(bad, 0);
	}
}

/* What the device refuses, each with a guest error; later work goes on. */
static void test_errors(struct fixture *f)
{
	struct cbuf *c = f->c;

	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM,
		  SVGA3D_SURFACE_BIND_RENDER_TARGET, 2, W, H, 1, 1, 1);
	run_err(&f->t, c, 0, "2 samples");
	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM,
		  SVGA3D_SURFACE_BIND_RENDER_TARGET, 8, W, H, 1, 1, 1);
	run_err(&f->t, c, 0, "8 samples");
	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM,
		  SVGA3D_SURFACE_BIND_RENDER_TARGET, 4, W, H, 1, 2, 1);
	run_err(&f->t, c, 0, "4 samples with 2 mips");
	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM, 0, 4, W, H, 4, 1, 1);
	run_err(&f->t, c, 0, "a 4-sample volume");
	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM, SVGA3D_SURFACE_CUBEMAP, 4,
		  W, W, 1, 1, 6);
	run_err(&f->t, c, 0, "a 4-sample cube map");
	define_ms(c, SID_BAD, SVGA3D_BC1_UNORM, 0, 4, W, H, 1, 1, 1);
	run_err(&f->t, c, 0, "a 4-sample BC1 surface (no DXFMT_MULTISAMPLE)");
	/* 1 and 0 are single-sampled; 4 with two layers is an MS array */
	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM, 0, 1, W, H, 1, 1, 1);
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE,
	    ((SVGA3dCmdDestroyGBSurface){ SID_BAD }));
	define_ms(c, SID_BAD, SVGA3D_R8G8B8A8_UNORM,
		  SVGA3D_SURFACE_BIND_RENDER_TARGET, 4, W, H, 1, 1, 2);
	run_ok(&f->t, c, "1 sample; a 4-sample array of 2");
	/* the backing is 4 x the layout, as vmwgfx sizes it */
	bind_surface(c, SID_BAD, MOB_TINY);
	run_err(&f->t, c, 0, "a 4-sample surface on a 1-sample-sized MOB");
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE,
	    ((SVGA3dCmdDestroyGBSurface){ SID_BAD }));
	run_ok(&f->t, c, "destroy");

	/* host storage holds no samples: no UPDATE or READBACK of them */
	CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE,
	    ((SVGA3dCmdReadbackGBImage){ { SID_MS, 0, 0 } }));
	dx_err(&f->t, c, CID, 0, "multisampled", "READBACK of a 4-sample "
	       "surface");
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE,
	    ((SVGA3dCmdUpdateGBImage){ { SID_MS, 0, 0 },
				       { 0, 0, 0, 1, 1, 1 } }));
	dx_err(&f->t, c, CID, 0, "multisampled", "UPDATE of a 4-sample "
	       "surface");

	resolve_cmd(c, SID_MS2, 0, SID_MS, 0);
	dx_err(&f->t, c, CID, 0, "destination is multisampled",
	       "RESOLVE_COPY into a 4-sample surface");
	resolve_cmd(c, SID_SMALL, 0, SID_MS, 0);
	dx_err(&f->t, c, CID, 0, "differ in size",
	       "RESOLVE_COPY between different sizes");
	resolve_cmd(c, SID_RES, 0, SID_MS, 1);
	dx_err(&f->t, c, CID, 0, "out of range",
	       "RESOLVE_COPY of a missing subresource");
	resolve_cmd(c, SID_MS, 0, SID_RES, 0);
	dx_err(&f->t, c, CID, 0, "not multisampled",
	       "RESOLVE_COPY from a single-sampled surface");
	CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION,
	    ((SVGA3dCmdDXPredCopyRegion){ SID_RES, 0, SID_MS, 0,
					  { 0, 0, 0, W, H, 1, 0, 0, 0 } }));
	dx_err(&f->t, c, CID, 0, "sample counts",
	       "COPY_REGION from 4 samples to 1");

	/* targets of 4 samples and of 1 in one draw */
	{
		struct {
			SVGA3dCmdDXSetRenderTargets h;
			uint32_t rtv[2];
		} rts = { { SVGA3D_INVALID_ID }, { RTV_MS, RTV_ONE } };

		CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, rts);
		CMD(c, SVGA_3D_CMD_DX_DRAW, ((SVGA3dCmdDXDraw){ 3, 0 }));
		dx_err(&f->t, c, CID, 1, "different sample counts",
		       "a draw into 4-sample and 1-sample targets");
		dx_set_render_target(c, RTV_MS, SVGA3D_INVALID_ID);
		dx_ok(&f->t, c, CID, "the 4-sample target alone");
	}
}

int main(void)
{
	struct fixture f;
	unsigned all, one;
	int rc;

	memset(&f, 0, sizeof(f));
	f.c = calloc(1, sizeof(*f.c));
	tdev_init(&f.t, 256);
	rc = backend_attach_or_skip(&f.t, &f.be, "test_backend_msaa");
	if (rc)
		return rc;
	printf("renderer on %s\n", svga_backend_device_name(f.be));
	setup_otables(&f.t, 64);
	dx_setup(&f.t, f.c, CID, ENTRIES, f.cot);
	setup(&f);
	setup_dx(&f);

	all = draw_resolve_compare(&f, 0xffffffffu, "4x, sample mask 0xf");
	ld_ms_compare(&f);
	sample_pos_compare(&f);
	one = draw_resolve_compare(&f, 0x1u, "4x, sample mask 0x1");
	CHECK_EQ(all, one);
	draw_resolve_compare_ex(&f, 0xfu, "4x, copied to another 4-sample "
				"surface by DX_PRED_COPY_REGION", true, 0);
	draw_resolve_compare_ex(&f, 0xfu, "4x with a 4-sample depth target "
				"cleared to 0 (LESS fails)", false, 1);
	draw_resolve_compare_ex(&f, 0xfu, "4x with a 4-sample depth target "
				"cleared to 1", false, 2);
	test_errors(&f);
	/* and the device still draws and resolves */
	draw_resolve_compare(&f, 0xfu, "4x after the errors");

	svga_backend_detach(f.be);
	dx_cot_free(f.cot);
	tmob_free(&f.res);
	tmob_free(&f.vb);
	tmob_free(&f.sh);
	tmob_free(&f.ms);
	tmob_free(&f.tiny);
	free(f.c);
	tdev_fini(&f.t);
	return t_report("test_backend_msaa");
}
