// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: textured quads through the device core on the
 * renderer (backend/ + render/ + shader/ + vkd3d-shader, on lavapipe
 * here), with shader resource views and samplers defined and bound as
 * Mesa's svga driver does (DX_DEFINE_SHADER_RESOURCE_VIEW,
 * DX_DEFINE_SAMPLER_STATE, DX_SET_SHADER_RESOURCES, DX_SET_SAMPLERS) and
 * hand-written VGPU10 pixel shaders (sample, ld).  Each frame is read back
 * by READBACK_GB_IMAGE and compared pixel by pixel with a CPU reference:
 * nearest and linear (clamped) filtering of a 4x4 texture, mip 1 chosen
 * by the view's mip range, slice 1 of a 2D array chosen by the view's
 * first slice, a texture buffer read by ld from a buffer view at element
 * 4, a comparison sampler on a D32 texture, a texture drawn by the GPU
 * and then sampled (the GPU's pixels, not host storage's), a texture
 * sampled by a draw into itself (unbound: zeros, as D3D does), and a
 * texture updated after it was sampled (uploaded again).  Then the cache
 * bounds, and the bad combinations: each a command error with its
 * guest-error line, the device drawing correctly afterwards.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "backend_harness.h"
#include "texture_cmds.h"

#include <math.h>

#define CID 2
#define ENTRIES 16
#define W 32
#define H 32
#define TW 4                    /* the texture: 4x4, 2 mips, 2 slices */
#define T2W 8                   /* the GPU-drawn texture: 8x8 */
enum { SID_RT = 1, SID_VB, SID_TEX, SID_TBUF, SID_TEX2, SID_GONE, SID_DEPTH,
       SID_BIG };
enum { MOB_RT = 20, MOB_VB, MOB_SH, MOB_TEX, MOB_TBUF, MOB_TEX2, MOB_GONE,
       MOB_DEPTH };
enum { RTV = 1, RTV_TEX2 };
enum { SRV_TEX = 1, SRV_MIP1, SRV_LAYER1, SRV_BUF, SRV_TEX2, SRV_GONE,
       SRV_UINT, SRV_BADMIP, SRV_DEPTH, SRV_BIG };
enum { VS_ID = 1, PS_2D, PS_ARRAY, PS_BUF, PS_CMP };
enum { SAMP_POINT = 1, SAMP_LINEAR, SAMP_CMP, SAMP_VAR };

/* texels: slice 0 mip 0 (4x4), mip 1 (2x2), slice 1 mip 0; RGBA8 */
static uint8_t tex[2][TW * TW + 4][4];
static float tbuf[8][4];        /* the buffer's 8 RGBA32F elements */
static float depth[TW * TW];    /* a D32_FLOAT texture */
#define CMP_REF 0.5f

struct vertex {
	float pos[4];
	float uv[4];
};

/* a quad over the whole target, uv (0,0) at the top left */
static const struct vertex quad[6] = {
	{ { -1, 1, 0, 1 }, { 0, 0, 0, 0 } }, { { 1, 1, 0, 1 }, { 1, 0, 0, 0 } },
	{ { -1, -1, 0, 1 }, { 0, 1, 0, 0 } }, { { -1, -1, 0, 1 }, { 0, 1, 0, 0 } },
	{ { 1, 1, 0, 1 }, { 1, 0, 0, 0 } }, { { 1, -1, 0, 1 }, { 1, 1, 0, 0 } },
};

struct fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob rt, vb, sh, tx, tb, tx2, gone, dp;
	struct svga_backend *be;
};

static void make_texels(uint8_t salt)
{
	for (int s = 0; s < 2; s++)
		for (int i = 0; i < TW * TW + 4; i++) {
			tex[s][i][0] = (uint8_t)(i * 16 + 8 + salt);
			tex[s][i][1] = (uint8_t)(255 - i * 13 - s * 90);
			tex[s][i][2] = (uint8_t)((i & 1) ? 40 + s * 100 : 200);
			tex[s][i][3] = (uint8_t)(255 - salt);
		}
	for (int i = 0; i < 8; i++)
		for (int c = 0; c < 4; c++)
			tbuf[i][c] = (float)((i * 4 + c) % 7) / 6.0f;
	/* a checkerboard of depths either side of CMP_REF */
	for (int i = 0; i < TW * TW; i++)
		depth[i] = ((i + i / TW) & 1) ? 0.25f + i * 0.01f : 0.75f;
}

static void upload_texels(struct fixture *f)
{
	SVGA3dCmdUpdateGBSurface up = { SID_TEX };

	tmob_write(&f->t, &f->tx, 0, tex, sizeof(tex));
	CMD(f->c, SVGA_3D_CMD_UPDATE_GB_SURFACE, up);
}

static void define_resources(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdUpdateGBSurface upv = { SID_VB }, upb = { SID_TBUF };
	SVGA3dCmdDestroyGBSurface gone = { SID_GONE };
	uint64_t keep;
	const uint64_t tex_flags = SVGA3D_SURFACE_BIND_SHADER_RESOURCE;

	tmob_build(&f->t, c, &f->rt, MOB_RT, W * H * 4, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->vb, MOB_VB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->sh, MOB_SH, 8 * PG, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->tx, MOB_TEX, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->tb, MOB_TBUF, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->tx2, MOB_TEX2, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->gone, MOB_GONE, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->dp, MOB_DEPTH, PG, SVGA3D_MOBFMT_PT64_0);
	keep = f->t.g.next;
	run_ok(&f->t, c, "MOBs");
	f->t.g.next = keep;

	define_surface(c, SID_RT, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, W, H, 1, 1, 1);
	define_surface(c, SID_VB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, sizeof(quad), 1, 1,
		       1, 1);
	define_surface(c, SID_TEX, SVGA3D_R8G8B8A8_UNORM,
		       tex_flags | SVGA3D_SURFACE_ARRAY, TW, TW, 1, 2, 2);
	define_surface(c, SID_TBUF, SVGA3D_BUFFER, tex_flags, sizeof(tbuf),
		       1, 1, 1, 1);
	define_surface(c, SID_TEX2, SVGA3D_R8G8B8A8_UNORM,
		       tex_flags | SVGA3D_SURFACE_BIND_RENDER_TARGET, T2W, T2W,
		       1, 1, 1);
	define_surface(c, SID_GONE, SVGA3D_R8G8B8A8_UNORM, tex_flags, TW, TW,
		       1, 1, 1);
	bind_surface(c, SID_RT, MOB_RT);
	bind_surface(c, SID_VB, MOB_VB);
	bind_surface(c, SID_TEX, MOB_TEX);
	bind_surface(c, SID_TBUF, MOB_TBUF);
	bind_surface(c, SID_TEX2, MOB_TEX2);
	define_surface(c, SID_DEPTH, SVGA3D_D32_FLOAT,
		       tex_flags | SVGA3D_SURFACE_BIND_DEPTH_STENCIL, TW, TW, 1,
		       1, 1);
	/* 16x16, 5 mips, 8 slices: more distinct views than a cache holds */
	define_surface(c, SID_BIG, SVGA3D_R8G8B8A8_UNORM,
		       tex_flags | SVGA3D_SURFACE_ARRAY, 16, 16, 1, 5, 8);
	bind_surface(c, SID_GONE, MOB_GONE);
	bind_surface(c, SID_DEPTH, MOB_DEPTH);
	run_ok(&f->t, c, "surfaces");

	tmob_write(&f->t, &f->vb, 0, quad, sizeof(quad));
	tmob_write(&f->t, &f->tb, 0, tbuf, sizeof(tbuf));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, upv);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, upb);
	{
		SVGA3dCmdUpdateGBSurface upd = { SID_DEPTH };

		tmob_write(&f->t, &f->dp, 0, depth, sizeof(depth));
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, upd);
	}
	upload_texels(f);
	run_ok(&f->t, c, "texels");

	define_rtv(c, RTV, SID_RT);
	define_rtv(c, RTV_TEX2, SID_TEX2);
	define_view(c, SRV_TEX, SID_TEX, SVGA3D_R8G8B8A8_UNORM,
		    SVGA3D_RESOURCE_TEXTURE2D, 0, 0, 1, 1);
	define_view(c, SRV_MIP1, SID_TEX, SVGA3D_R8G8B8A8_UNORM,
		    SVGA3D_RESOURCE_TEXTURE2D, 1, 0, 1, 1);
	define_view(c, SRV_LAYER1, SID_TEX, SVGA3D_R8G8B8A8_UNORM,
		    SVGA3D_RESOURCE_TEXTURE2D, 0, 1, 1, 1);
	/* elements 4..7 (buffer views: a, b = first, count) */
	define_view(c, SRV_BUF, SID_TBUF, SVGA3D_R32G32B32A32_FLOAT,
		    SVGA3D_RESOURCE_BUFFER, 4, 4, 0, 0);
	define_view(c, SRV_TEX2, SID_TEX2, SVGA3D_R8G8B8A8_UNORM,
		    SVGA3D_RESOURCE_TEXTURE2D, 0, 0, 1, 1);
	define_view(c, SRV_GONE, SID_GONE, SVGA3D_R8G8B8A8_UNORM,
		    SVGA3D_RESOURCE_TEXTURE2D, 0, 0, 1, 1);
	define_view(c, SRV_UINT, SID_TEX, SVGA3D_R8G8B8A8_UINT,
		    SVGA3D_RESOURCE_TEXTURE2D, 0, 0, 1, 1);
	define_view(c, SRV_BADMIP, SID_TEX, SVGA3D_R8G8B8A8_UNORM,
		    SVGA3D_RESOURCE_TEXTURE2D, 3, 0, 1, 1);
	define_view(c, SRV_DEPTH, SID_DEPTH, SVGA3D_R32_FLOAT,
		    SVGA3D_RESOURCE_TEXTURE2D, 0, 0, 1, 1);
	define_sampler(c, SAMP_POINT, 0);
	define_sampler(c, SAMP_CMP, SVGA3D_FILTER_COMPARE);
	define_sampler(c, SAMP_LINEAR, SVGA3D_FILTER_MIN_LINEAR |
		       SVGA3D_FILTER_MAG_LINEAR);
	dx_ok(&f->t, c, CID, "views and samplers");
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, gone);
	run_ok(&f->t, c, "destroy surface");
}

static void define_shader(struct fixture *f, uint32_t id, uint32_t type,
			  const struct asm_buf *code, size_t size)
{
	dx_define_shader_in_mob(&f->t, f->c, CID, id, type, &f->sh, id * PG,
				code->t, size);
}

static void set_state(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	SVGA3dCmdDXSetRasterizerState srs = { 1 };

	dx_define_layout_two_float4(c, 1);
	dx_define_rasterizer_no_cull(c, 1);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	dx_set_vertex_buffer(c, SID_VB, sizeof(struct vertex));
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	set_target(c, RTV, W, H);
	dx_ok(&f->t, c, CID, "state");
}

enum ref_kind { REF_NEAREST, REF_LINEAR, REF_MIP1, REF_LAYER1, REF_BUFFER,
		REF_CMP };

static float texel(int slice, int level, int x, int y, int c)
{
	int n = level ? TW / 2 : TW;

	x = x < 0 ? 0 : x >= n ? n - 1 : x;      /* CLAMP */
	y = y < 0 ? 0 : y >= n ? n - 1 : y;
	return tex[slice][(level ? TW * TW : 0) + y * n + x][c];
}

static void reference(enum ref_kind k, unsigned x, unsigned y, int out[4])
{
	float u = ((float)x + 0.5f) / W, v = ((float)y + 0.5f) / H;

	for (int c = 0; c < 4; c++) {
		if (k == REF_CMP) {
			float d = depth[(int)(v * TW) * TW + (int)(u * TW)];

			out[c] = CMP_REF < d ? 255 : 0;
		} else if (k == REF_BUFFER) {
			float e = tbuf[4 + (int)(u * 4)][c];

			out[c] = (int)lrintf(e * 255.0f);
		} else if (k == REF_LINEAR) {
			float s = u * TW - 0.5f, t = v * TW - 0.5f;
			int i = (int)floorf(s), j = (int)floorf(t);
			float a = s - i, b = t - j;

			out[c] = (int)lrintf(
				(1 - a) * (1 - b) * texel(0, 0, i, j, c) +
				a * (1 - b) * texel(0, 0, i + 1, j, c) +
				(1 - a) * b * texel(0, 0, i, j + 1, c) +
				a * b * texel(0, 0, i + 1, j + 1, c));
		} else {
			int level = k == REF_MIP1, n = level ? TW / 2 : TW;

			out[c] = (int)texel(k == REF_LAYER1, level,
					    (int)(u * n), (int)(v * n), c);
		}
	}
}

/* Draws the quad into the main target, reads it back and compares;
 * returns the wrong pixels. */
static unsigned draw_compare(struct fixture *f, const char *what,
			     enum ref_kind k)
{
	SVGA3dCmdDXDraw dr = { 6, 0 };
	SVGA3dCmdReadbackGBImage rb = { { SID_RT, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned bad = 0;
	int tol = k == REF_LINEAR ? 3 : 1;

	CMD(f->c, SVGA_3D_CMD_DX_DRAW, dr);
	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, what);
	memset(px, 0, sizeof(px));
	tmob_read(&f->t, &f->rt, 0, px, sizeof(px));
	for (unsigned y = 0; y < H; y++)
		for (unsigned x = 0; x < W; x++) {
			const uint8_t *p = px + (y * W + x) * 4;
			int ref[4];

			reference(k, x, y, ref);
			for (int c = 0; c < 4; c++) {
				if (abs((int)p[c] - ref[c]) <= tol)
					continue;
				if (bad++ < 4)
					fprintf(stderr, "%s: pixel (%u,%u) "
						"%u,%u,%u,%u, expected "
						"%d,%d,%d,%d\n", what, x, y,
						p[0], p[1], p[2], p[3], ref[0],
						ref[1], ref[2], ref[3]);
				break;
			}
		}
	printf("%s: %u pixels compared, %u wrong\n", what, W * H, bad);
	CHECK_EQ(bad, 0);
	return bad;
}

/* A draw that must fail with a guest error containing `needle`. */
static void draw_refused(struct fixture *f, uint32_t ps, uint32_t srv,
			 const char *needle, const char *what)
{
	SVGA3dCmdDXDraw dr = { 6, 0 };

	bind(f->c, ps, srv, SAMP_POINT);
	CMD(f->c, SVGA_3D_CMD_DX_DRAW, dr);
	/* commands 0-2 bind, 3 draws; the cause precedes the command
	 * layer's line */
	dx_err(&f->t, f->c, CID, 3, "DX_DRAW", what);
	t_checks++;
	if (!strstr(f->t.g.prev_error, needle) &&
	    !strstr(f->t.g.last_error, needle)) {
		t_failures++;
		fprintf(stderr, "%s: no guest error naming \"%s\" (got "
			"\"%s\" / \"%s\")\n", what, needle, f->t.g.prev_error,
			f->t.g.last_error);
	} else {
		printf("%s: \"%s\"\n", what,
		       strstr(f->t.g.prev_error, needle) ? f->t.g.prev_error :
		       f->t.g.last_error);
	}
}

/* 75 distinct views of one surface and 300 distinct sampler states:
 * the caches stay within their bounds (64 views per object, 256
 * samplers), evicting while batches may still use what they evict. */
static void run_cache_bounds(struct fixture *f)
{
	SVGA3dCmdDXDraw dr = { 6, 0 };
	struct svga_backend_stats st;
	unsigned views = 0, max_views = 0, max_samplers = 0;

	for (uint32_t mip = 0; mip < 5; mip++)
		for (uint32_t first = 0; first < 8; first++)
			for (uint32_t count = 1; count <= 2; count++) {
				if (first + count > 8)
					continue;
				define_view(f->c, SRV_BIG, SID_BIG,
					    SVGA3D_R8G8B8A8_UNORM,
					    SVGA3D_RESOURCE_TEXTURE2D, mip,
					    first, 1, count);
				bind(f->c, PS_ARRAY, SRV_BIG, SAMP_POINT);
				CMD(f->c, SVGA_3D_CMD_DX_DRAW, dr);
				dx_ok(&f->t, f->c, CID, "many views");
				svga_backend_get_stats(f->be, &st);
				if (st.views > max_views)
					max_views = (unsigned)st.views;
				views++;
			}
	for (int i = 0; i < 300; i++) {
		SVGA3dCmdDXDefineSamplerState s;

		memset(&s, 0, sizeof(s));
		s.samplerId = SAMP_VAR;
		s.filter = SVGA3D_FILTER_MIN_LINEAR | SVGA3D_FILTER_MAG_LINEAR;
		s.addressU = s.addressV = s.addressW = SVGA3D_TEX_ADDRESS_CLAMP;
		s.mipLODBias = (float)i / 64.0f;
		s.maxLOD = 1000.0f;
		if (i) {
			SVGA3dCmdDXDestroySamplerState ds = { SAMP_VAR };

			CMD(f->c, SVGA_3D_CMD_DX_DESTROY_SAMPLER_STATE, ds);
		}
		CMD(f->c, SVGA_3D_CMD_DX_DEFINE_SAMPLER_STATE, s);
		bind(f->c, PS_2D, SRV_TEX, SAMP_VAR);
		CMD(f->c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_ok(&f->t, f->c, CID, "many samplers");
		svga_backend_get_stats(f->be, &st);
		if (st.samplers > max_samplers)
			max_samplers = (unsigned)st.samplers;
	}
	printf("cache bounds: %u distinct views of one surface, at most %u "
	       "views cached; 300 distinct samplers, at most %u cached\n",
	       views, max_views, max_samplers);
	CHECK(views > 64);
	/* 64 of SID_BIG plus the few views of the other surfaces */
	CHECK(max_views <= 64 + 16);
	CHECK(max_views >= 64);
	CHECK_EQ(max_samplers, 256);
}

static void run_errors(struct fixture *f)
{
	struct {
		SVGA3dCmdDXSetShaderResources h;
		uint32_t id[2];
	} sr = { { 127, SVGA3D_SHADERTYPE_PS }, { SRV_TEX, SRV_TEX } };

	draw_refused(f, PS_2D, SRV_GONE, "not defined",
		     "view of a destroyed surface");
	draw_refused(f, PS_2D, SRV_UINT, "the shader declares float",
		     "uint view where the shader reads float");
	draw_refused(f, PS_BUF, SRV_TEX, "declares a buffer",
		     "texture view where the shader declares a buffer");
	draw_refused(f, PS_2D, SRV_BUF, "declares dimension 3",
		     "buffer view where the shader declares Texture2D");
	draw_refused(f, PS_2D, SRV_BADMIP, "mips 3+1 outside",
		     "view of a mip the surface lacks");
	/* slots 127 and 128: past the 128 SRV slots */
	CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER_RESOURCES, sr);
	dx_err(&f->t, f->c, CID, 0, "DX_SET_SHADER_RESOURCES",
	       "shader resource slot out of range");
	printf("slot out of range: \"%s\"\n", f->t.g.last_error);
}

int main(void)
{
	struct fixture f;
	struct asm_buf vs, ps2d, psarr, psbuf, pscmp;
	size_t n;
	struct svga_backend_stats st;
	int rc;

	memset(&f, 0, sizeof(f));
	f.c = calloc(1, sizeof(*f.c));
	tdev_init(&f.t, 64);
	rc = backend_attach_or_skip(&f.t, &f.be, "test_backend_texture");
	if (rc)
		return rc;
	printf("renderer on %s\n", svga_backend_device_name(f.be));
	setup_otables(&f.t, 64);
	dx_setup(&f.t, f.c, CID, ENTRIES, f.cot);
	make_texels(0);
	define_resources(&f);
	n = build_vs(&vs);
	define_shader(&f, VS_ID, SVGA3D_SHADERTYPE_VS, &vs, n);
	n = build_ps_sample(&ps2d, 3);
	define_shader(&f, PS_2D, SVGA3D_SHADERTYPE_PS, &ps2d, n);
	n = build_ps_sample(&psarr, 8);
	define_shader(&f, PS_ARRAY, SVGA3D_SHADERTYPE_PS, &psarr, n);
	n = build_ps_buf(&psbuf);
	define_shader(&f, PS_BUF, SVGA3D_SHADERTYPE_PS, &psbuf, n);
	n = build_ps_cmp(&pscmp);
	define_shader(&f, PS_CMP, SVGA3D_SHADERTYPE_PS, &pscmp, n);
	set_state(&f);

	bind(f.c, PS_2D, SRV_TEX, SAMP_POINT);
	draw_compare(&f, "2D texture, nearest", REF_NEAREST);
	bind(f.c, PS_2D, SRV_TEX, SAMP_LINEAR);
	draw_compare(&f, "2D texture, linear, clamped", REF_LINEAR);
	bind(f.c, PS_2D, SRV_MIP1, SAMP_POINT);
	draw_compare(&f, "mip 1 chosen by the view", REF_MIP1);
	bind(f.c, PS_ARRAY, SRV_LAYER1, SAMP_POINT);
	draw_compare(&f, "2D array, slice 1 chosen by the view", REF_LAYER1);
	bind(f.c, PS_BUF, SRV_BUF, SVGA3D_INVALID_ID);
	draw_compare(&f, "texture buffer, ld from element 4", REF_BUFFER);
	bind(f.c, PS_CMP, SRV_DEPTH, SAMP_CMP);
	draw_compare(&f, "comparison sampler on a D32 texture", REF_CMP);

	/* drawn by the GPU into TEX2 (8x8), then sampled: the GPU's pixels */
	{
		SVGA3dCmdDXDraw dr = { 6, 0 };

		set_target(f.c, RTV_TEX2, T2W, T2W);
		bind(f.c, PS_2D, SRV_TEX, SAMP_POINT);
		CMD(f.c, SVGA_3D_CMD_DX_DRAW, dr);
		set_target(f.c, RTV, W, H);
		bind(f.c, PS_2D, SRV_TEX2, SAMP_POINT);
		draw_compare(&f, "render target drawn, then sampled",
			     REF_NEAREST);
	}
	/* TEX2 sampled while it is the draw's target: unbound, reads 0 */
	{
		SVGA3dCmdDXDraw dr = { 6, 0 };
		SVGA3dCmdReadbackGBImage rb = { { SID_TEX2, 0, 0 } };
		uint8_t px[T2W * T2W * 4];
		unsigned nonzero = 0;

		set_target(f.c, RTV_TEX2, T2W, T2W);
		bind(f.c, PS_2D, SRV_TEX2, SAMP_POINT);
		CMD(f.c, SVGA_3D_CMD_DX_DRAW, dr);
		CMD(f.c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
		set_target(f.c, RTV, W, H);
		dx_ok(&f.t, f.c, CID, "sampling the draw's own target");
		tmob_read(&f.t, &f.tx2, 0, px, sizeof(px));
		for (unsigned i = 0; i < sizeof(px); i++)
			nonzero += px[i] != 0;
		printf("target sampled by its own draw: %u of %u bytes "
		       "non-zero\n", nonzero, (unsigned)sizeof(px));
		CHECK_EQ(nonzero, 0);
	}
	/* UPDATE after the texture was sampled: uploaded again */
	make_texels(7);
	upload_texels(&f);
	bind(f.c, PS_2D, SRV_TEX, SAMP_POINT);
	draw_compare(&f, "texture updated after use", REF_NEAREST);

	run_cache_bounds(&f);
	run_errors(&f);
	bind(f.c, PS_2D, SRV_TEX, SAMP_LINEAR);
	draw_compare(&f, "linear again after the errors", REF_LINEAR);

	svga_backend_get_stats(f.be, &st);
	printf("stats: draws %llu, translations %llu (failed %llu), images "
	       "%llu, buffers %llu, uploaded %llu bytes, read back %llu\n",
	       (unsigned long long)st.draws,
	       (unsigned long long)st.translations,
	       (unsigned long long)st.translation_failures,
	       (unsigned long long)st.images, (unsigned long long)st.buffers,
	       (unsigned long long)st.upload_bytes,
	       (unsigned long long)st.readback_bytes);
	CHECK_EQ(st.draws, 11 + 75 + 300);
	CHECK_EQ(st.translations, 5);

	svga_backend_detach(f.be);
	dx_cot_free(f.cot);
	tmob_free(&f.rt);
	tmob_free(&f.vb);
	tmob_free(&f.sh);
	tmob_free(&f.tx);
	tmob_free(&f.tb);
	tmob_free(&f.tx2);
	tmob_free(&f.gone);
	tmob_free(&f.dp);
	free(f.c);
	tdev_fini(&f.t);
	return t_report("test_backend_texture");
}
