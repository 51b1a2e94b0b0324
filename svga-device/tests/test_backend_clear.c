// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: clears on the GPU copy and per-subresource
 * transfers (backend_clear.c, backend_surface.c), observed through
 * READBACK to guest memory and the backend's byte counters.
 *
 * - every advertised colour format the core can encode (float, unorm,
 *   sRGB, packed) cleared by DX_CLEAR_RENDERTARGET_VIEW on the GPU reads
 *   back byte for byte what the CPU encoder (svga_pixel_encode) stores;
 *   uint and sint formats read back the integers D3D converts the clear
 *   floats to; typeless surfaces with a typed view (Mesa's sRGB form);
 * - depth-stencil formats (and Mesa's R24G8_TYPELESS, R16_TYPELESS and
 *   R32_TYPELESS with depth views)
 *   cleared with CLEAR_DEPTH, then CLEAR_STENCIL, then both, over a known
 *   pattern: each flag leaves the other aspect's bytes alone;
 * - a view of mip 1, layer 1 cleared: the other subresources keep their
 *   bytes, and only that subresource is read back;
 * - byte counters: a one-subresource UPDATE uploads only it, a
 *   one-subresource READBACK reads back only it.
 * Each clear must have run on the GPU (gpu_clears).  Exit 77 (skip) only
 * when no Vulkan device exists.
 */
#include "backend_harness.h"

#if defined(__SANITIZE_ADDRESS__)
#endif

#define CID 2
#define SID 1
#define SID_DST 2
#define MOB 20
#define MOB_DST 21
#define RTV 3
#define DSV 4
#define N 4                     /* 4x4 surfaces for the format cases */

static struct tdev t;
static struct cbuf *c;
static struct tmob mob, mob_dst;
static struct svga_backend *be;

static struct svga_backend_stats stats(void)
{
	struct svga_backend_stats st;

	svga_backend_get_stats(be, &st);
	return st;
}

/* A 4x4 surface of format sfmt with a known pattern in host storage. */
static void new_surface(uint32_t sfmt, uint64_t flags, unsigned bpp)
{
	uint8_t fill[N * N * 16];

	memset(fill, 0xa5, sizeof(fill));
	tmob_write(&t, &mob, 0, fill, (uint64_t)N * N * bpp);
	define_surface(c, SID, sfmt, flags, N, N, 1, 1, 1);
	bind_surface(c, SID, MOB);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, ((SVGA3dCmdUpdateGBSurface){ SID }));
	run_ok(&t, c, "surface");
}

static void drop_surface(uint32_t view_cmd, uint32_t view)
{
	uint32_t id = view;

	cb_3d(c, view_cmd, &id, sizeof(id));
	dx_ok(&t, c, CID, "destroy view");
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE,
	    ((SVGA3dCmdDestroyGBSurface){ SID }));
	run_ok(&t, c, "destroy surface");
}

static void define_rtv(uint32_t sid, uint32_t fmt, uint32_t mip,
		       uint32_t first, uint32_t size)
{
	dx_define_rtv(c, RTV, sid, fmt, mip, first, size);
}

static void clear_rtv(const float rgba[4])
{
	SVGA3dCmdDXClearRenderTargetView cl;

	memset(&cl, 0, sizeof(cl));
	cl.renderTargetViewId = RTV;
	memcpy(cl.rgba.value, rgba, 16);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
}

/* Texels of the 4x4 surface (read back whole) differing from px in the
 * bytes of cmp (bpp bytes each, cmp NULL: all). */
static unsigned wrong_texels(const uint8_t *px, const uint8_t *cmp,
			     unsigned bpp)
{
	uint8_t out[N * N * 16];
	unsigned bad = 0;

	CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE,
	    ((SVGA3dCmdReadbackGBSurface){ SID }));
	run_ok(&t, c, "readback");
	tmob_read(&t, &mob, 0, out, (uint64_t)N * N * bpp);
	for (unsigned i = 0; i < N * N; i++)
		for (unsigned b = 0; b < bpp; b++)
			if ((!cmp || cmp[b]) && out[i * bpp + b] != px[b]) {
				bad++;
				break;
			}
	return bad;
}

/* One colour clear of a view of format vfmt on a surface of format sfmt
 * must read back px (bpp bytes) in every texel, cleared on the GPU. */
static unsigned color_case(const char *name, uint32_t sfmt, uint32_t vfmt,
			   const float rgba[4], const uint8_t *px,
			   unsigned bpp)
{
	uint64_t clears = svga_backend_gpu_clears(be);
	unsigned bad;

	new_surface(sfmt, SVGA3D_SURFACE_BIND_RENDER_TARGET |
		    SVGA3D_SURFACE_BIND_SHADER_RESOURCE, bpp);
	define_rtv(SID, vfmt, 0, 0, 1);
	clear_rtv(rgba);
	dx_ok(&t, c, CID, name);
	bad = wrong_texels(px, NULL, bpp);
	if (bad || svga_backend_gpu_clears(be) != clears + 1)
		fprintf(stderr, "%s: %u of %u texels wrong, %llu GPU clears\n",
			name, bad, N * N,
			(unsigned long long)(svga_backend_gpu_clears(be) - clears));
	CHECK_EQ(svga_backend_gpu_clears(be), clears + 1);
	drop_surface(SVGA_3D_CMD_DX_DESTROY_RENDERTARGET_VIEW, RTV);
	return bad;
}

/* Every advertised colour format with a CPU encoding. */
static void float_formats(void)
{
	static const float rgba[4] = { 0.25f, 0.5f, 1.0f, 0.75f };
	unsigned n = 0, bad = 0;

	for (unsigned i = 0; i < svga_format_count(); i++) {
		const struct svga_format_info *f = svga_format_at(i);
		uint8_t px[16];
		unsigned bpp;

		if (f->depth || f->block_w != 1 || f->block_h != 1)
			continue;
		bpp = svga_pixel_encode(f->clear, rgba, px);
		if (!bpp)
			continue;
		bad += color_case(f->name, f->format, f->format, rgba, px, bpp);
		n++;
	}
	printf("float/unorm colour formats: %u cleared, %u wrong texels\n",
	       n, bad);
	CHECK(n >= 15);
	CHECK_EQ(bad, 0);
}

/* Values packed LSB first, bits[i] bits each. */
static unsigned pack(const unsigned *bits, unsigned n, const int64_t *v,
		     uint8_t *px)
{
	unsigned pos = 0;

	memset(px, 0, 16);
	for (unsigned i = 0; i < n; i++)
		for (unsigned b = 0; b < bits[i]; b++, pos++)
			if (((uint64_t)v[i] >> b) & 1)
				px[pos / 8] |= (uint8_t)(1u << (pos % 8));
	return pos / 8;
}

static void int_formats(void)
{
	static const struct {
		uint32_t fmt;
		const char *name;
		unsigned n, bits[4];
		int64_t v[4];
	} cases[] = {
		{ SVGA3D_R8G8B8A8_UINT, "R8G8B8A8_UINT", 4, { 8, 8, 8, 8 },
		  { 1, 2, 3, 250 } },
		{ SVGA3D_R8G8B8A8_SINT, "R8G8B8A8_SINT", 4, { 8, 8, 8, 8 },
		  { -1, 2, -3, 100 } },
		{ SVGA3D_R8_UINT, "R8_UINT", 1, { 8 }, { 200 } },
		{ SVGA3D_R16G16_UINT, "R16G16_UINT", 2, { 16, 16 },
		  { 1000, 65535 } },
		{ SVGA3D_R16G16_SINT, "R16G16_SINT", 2, { 16, 16 },
		  { -1000, 30000 } },
		{ SVGA3D_R16G16B16A16_UINT, "R16G16B16A16_UINT", 4,
		  { 16, 16, 16, 16 }, { 1, 2, 3, 40000 } },
		{ SVGA3D_R32_UINT, "R32_UINT", 1, { 32 }, { 123456 } },
		{ SVGA3D_R32_SINT, "R32_SINT", 1, { 32 }, { -123456 } },
		{ SVGA3D_R32G32B32A32_SINT, "R32G32B32A32_SINT", 4,
		  { 32, 32, 32, 32 }, { -1, 2, -3, 16777216 } },
		{ SVGA3D_R10G10B10A2_UINT, "R10G10B10A2_UINT", 4,
		  { 10, 10, 10, 2 }, { 1023, 0, 512, 3 } },
	};
	unsigned bad = 0;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		float rgba[4] = { 0, 0, 0, 0 };
		uint8_t px[16];
		unsigned bpp;

		for (unsigned k = 0; k < cases[i].n; k++)
			rgba[k] = (float)cases[i].v[k];   /* Mesa sends floats */
		bpp = pack(cases[i].bits, cases[i].n, cases[i].v, px);
		bad += color_case(cases[i].name, cases[i].fmt, cases[i].fmt,
				  rgba, px, bpp);
	}
	printf("uint/sint colour formats: %zu cleared, %u wrong texels\n",
	       sizeof(cases) / sizeof(cases[0]), bad);
	CHECK_EQ(bad, 0);
}

/* Mesa's sRGB render targets: a typeless surface, a typed view. */
static void typeless_formats(void)
{
	static const float rgba[4] = { 0.25f, 0.5f, 1.0f, 0.75f };
	static const struct { uint32_t s, v; const char *name; } cases[] = {
		{ SVGA3D_R8G8B8A8_TYPELESS, SVGA3D_R8G8B8A8_UNORM_SRGB,
		  "R8G8B8A8_TYPELESS as UNORM_SRGB" },
		{ SVGA3D_R8G8B8A8_TYPELESS, SVGA3D_R8G8B8A8_UNORM,
		  "R8G8B8A8_TYPELESS as UNORM" },
		{ SVGA3D_B8G8R8A8_TYPELESS, SVGA3D_B8G8R8A8_UNORM_SRGB,
		  "B8G8R8A8_TYPELESS as UNORM_SRGB" },
		{ SVGA3D_B8G8R8X8_TYPELESS, SVGA3D_B8G8R8X8_UNORM,
		  "B8G8R8X8_TYPELESS as UNORM" },
	};
	unsigned bad = 0;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t px[16];
		unsigned bpp = svga_pixel_encode(
			svga_format_get(cases[i].v)->clear, rgba, px);

		bad += color_case(cases[i].name, cases[i].s, cases[i].v, rgba,
				  px, bpp);
	}
	printf("typeless surfaces with typed views: %u wrong texels\n", bad);
	CHECK_EQ(bad, 0);
}

static void clear_dsv(uint16_t flags, float depth, uint8_t stencil)
{
	SVGA3dCmdDXClearDepthStencilView cl = { flags, stencil, DSV, depth };

	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cl);
	dx_ok(&t, c, CID, "clear DSV");
}

/* Depth d and stencil s as format f stores them (bytes of px). */
static void encode_ds(uint32_t f, uint32_t d_bits, float d, uint8_t s,
		      uint8_t *px)
{
	memset(px, 0, 8);
	switch (f) {
	case SVGA3D_D16_UNORM: {
		uint16_t v = (uint16_t)(d * 65535.0 + 0.5);

		memcpy(px, &v, 2);
		break;
	}
	case SVGA3D_D24_UNORM_S8_UINT: {
		uint32_t v = (uint32_t)(d * 16777215.0 + 0.5) |
			     (uint32_t)s << 24;

		memcpy(px, &v, 4);
		break;
	}
	default:          /* D32_FLOAT, D32_FLOAT_S8X24_UINT */
		memcpy(px, &d, 4);
		px[4] = s;
		break;
	}
	(void)d_bits;
}

static void depth_formats(void)
{
	static const struct {
		uint32_t s, v;
		const char *name;
		unsigned bpp;
		uint8_t depth_bytes[8], stencil_bytes[8];
	} cases[] = {
		{ SVGA3D_D16_UNORM, SVGA3D_D16_UNORM, "D16_UNORM", 2,
		  { 1, 1 }, { 0 } },
		{ SVGA3D_D32_FLOAT, SVGA3D_D32_FLOAT, "D32_FLOAT", 4,
		  { 1, 1, 1, 1 }, { 0 } },
		{ SVGA3D_D24_UNORM_S8_UINT, SVGA3D_D24_UNORM_S8_UINT,
		  "D24_UNORM_S8_UINT", 4, { 1, 1, 1, 0 }, { 0, 0, 0, 1 } },
		{ SVGA3D_R24G8_TYPELESS, SVGA3D_D24_UNORM_S8_UINT,
		  "R24G8_TYPELESS as D24_UNORM_S8_UINT", 4, { 1, 1, 1, 0 },
		  { 0, 0, 0, 1 } },
		{ SVGA3D_D32_FLOAT_S8X24_UINT, SVGA3D_D32_FLOAT_S8X24_UINT,
		  "D32_FLOAT_S8X24_UINT", 8, { 1, 1, 1, 1 },
		  { 0, 0, 0, 0, 1 } },
		/* Mesa's depth textures without stencil */
		{ SVGA3D_R16_TYPELESS, SVGA3D_D16_UNORM,
		  "R16_TYPELESS as D16_UNORM", 2, { 1, 1 }, { 0 } },
		{ SVGA3D_R32_TYPELESS, SVGA3D_D32_FLOAT,
		  "R32_TYPELESS as D32_FLOAT", 4, { 1, 1, 1, 1 }, { 0 } },
	};
	unsigned bad_total = 0;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		SVGA3dCmdDXDefineDepthStencilView v;
		uint64_t clears = svga_backend_gpu_clears(be);
		bool st = cases[i].stencil_bytes[3] || cases[i].stencil_bytes[4];
		uint8_t px[8], a5[8];
		unsigned bad = 0;

		memset(a5, 0xa5, sizeof(a5));
		new_surface(cases[i].s, SVGA3D_SURFACE_BIND_DEPTH_STENCIL |
			    SVGA3D_SURFACE_BIND_SHADER_RESOURCE, cases[i].bpp);
		memset(&v, 0, sizeof(v));
		v.depthStencilViewId = DSV;
		v.sid = SID;
		v.format = cases[i].v;
		v.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		v.arraySize = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, v);
		dx_ok(&t, c, CID, "DSV");

		/* depth only: the stencil keeps the pattern */
		clear_dsv(SVGA3D_CLEAR_DEPTH, 0.5f, 7);
		encode_ds(cases[i].v, 0, 0.5f, 0, px);
		bad += wrong_texels(px, cases[i].depth_bytes, cases[i].bpp);
		if (st)
			bad += wrong_texels(a5, cases[i].stencil_bytes,
					    cases[i].bpp);
		/* stencil only: the depth keeps 0.5 */
		clear_dsv(SVGA3D_CLEAR_STENCIL, 0.25f, 0x3c);
		encode_ds(cases[i].v, 0, 0.5f, 0x3c, px);
		bad += wrong_texels(px, cases[i].depth_bytes, cases[i].bpp);
		if (st)
			bad += wrong_texels(px, cases[i].stencil_bytes,
					    cases[i].bpp);
		/* both */
		clear_dsv(SVGA3D_CLEAR_DEPTH | SVGA3D_CLEAR_STENCIL, 1.0f,
			  0x81);
		encode_ds(cases[i].v, 0, 1.0f, 0x81, px);
		bad += wrong_texels(px, cases[i].depth_bytes, cases[i].bpp);
		if (st)
			bad += wrong_texels(px, cases[i].stencil_bytes,
					    cases[i].bpp);
		printf("%s: %u wrong texels over 3 clears, %llu on the GPU\n",
		       cases[i].name, bad,
		       (unsigned long long)(svga_backend_gpu_clears(be) - clears));
		/* a stencil clear of a format without stencil: nothing */
		CHECK_EQ(svga_backend_gpu_clears(be), clears + (st ? 3 : 2));
		bad_total += bad;
		drop_surface(SVGA_3D_CMD_DX_DESTROY_DEPTHSTENCIL_VIEW, DSV);
	}
	CHECK_EQ(bad_total, 0);
}

/*
 * An 8x8 RGBA8 surface with 2 mips and 2 layers (layer chain 320 bytes:
 * mip 0 256, mip 1 64), and an 8x8 target for PRESENTBLT.
 */
#define CHAIN 320
#define SUB_OFF(layer, mip) ((layer) * CHAIN + ((mip) ? 256 : 0))

static void subresources(void)
{
	static const float red[4] = { 1, 0, 0, 1 };
	static const uint8_t red_px[4] = { 0xff, 0, 0, 0xff };
	uint8_t pat[2 * CHAIN], out[2 * CHAIN], d[256];
	struct svga_backend_stats s0, s1;
	SVGA3dCmdDXPresentBlt pb = { SID, 0, SID_DST, 0,
				     { 0, 0, 0, 8, 8, 1 },
				     { 0, 0, 0, 8, 8, 1 }, 0 };
	unsigned bad = 0;

	fill_pattern(pat, sizeof(pat), 7);
	tmob_write(&t, &mob, 0, pat, sizeof(pat));
	define_surface(c, SID, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET |
		       SVGA3D_SURFACE_BIND_SHADER_RESOURCE, 8, 8, 1, 2, 2);
	define_surface(c, SID_DST, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, 8, 8, 1, 1, 1);
	bind_surface(c, SID, MOB);
	bind_surface(c, SID_DST, MOB_DST);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, ((SVGA3dCmdUpdateGBSurface){ SID }));
	run_ok(&t, c, "surfaces");

	/* a view of mip 1, layer 1: that subresource alone changes, and
	 * only it is read back (nothing is uploaded) */
	s0 = stats();
	define_rtv(SID, SVGA3D_R8G8B8A8_UNORM, 1, 1, 1);
	clear_rtv(red);
	dx_ok(&t, c, CID, "clear mip 1 layer 1");
	CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE,
	    ((SVGA3dCmdReadbackGBSurface){ SID }));
	run_ok(&t, c, "readback");
	tmob_read(&t, &mob, 0, out, sizeof(out));
	for (unsigned i = 0; i < sizeof(out); i += 4) {
		bool in = i >= SUB_OFF(1, 1) && i < SUB_OFF(1, 1) + 64;

		bad += memcmp(out + i, in ? red_px : pat + i, 4) != 0;
	}
	s1 = stats();
	printf("mip 1 layer 1 clear: %u of 160 texels wrong, %llu bytes "
	       "read back, %llu uploaded\n", bad,
	       (unsigned long long)(s1.readback_bytes - s0.readback_bytes),
	       (unsigned long long)(s1.upload_bytes - s0.upload_bytes));
	CHECK_EQ(bad, 0);
	CHECK_EQ(s1.readback_bytes - s0.readback_bytes, 64);
	CHECK_EQ(s1.upload_bytes - s0.upload_bytes, 0);
	memcpy(pat + SUB_OFF(1, 1), out + SUB_OFF(1, 1), 64);

	/* PRESENTBLT brings the whole source up (the other three
	 * subresources, 576 bytes) and the destination (256) */
	CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
	dx_ok(&t, c, CID, "blit");
	s0 = stats();
	CHECK_EQ(s0.upload_bytes - s1.upload_bytes, 576 + 256);

	/* DX_UPDATE_SUBRESOURCE of layer 1 mip 1 (subresource 1 * 2 + 1;
	 * GB-image commands do not name array layers): only its 64 bytes
	 * go up at the next GPU use */
	fill_pattern(pat + SUB_OFF(1, 1), 64, 9);
	tmob_write(&t, &mob, SUB_OFF(1, 1), pat + SUB_OFF(1, 1), 64);
	CMD(c, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE,
	    ((SVGA3dCmdDXUpdateSubResource){ SID, 3, { 0, 0, 0, 4, 4, 1 } }));
	run_ok(&t, c, "update layer 1 mip 1");
	CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
	dx_ok(&t, c, CID, "blit again");
	s1 = stats();
	printf("one-subresource update: %llu bytes uploaded, %llu read back\n",
	       (unsigned long long)(s1.upload_bytes - s0.upload_bytes),
	       (unsigned long long)(s1.readback_bytes - s0.readback_bytes));
	CHECK_EQ(s1.upload_bytes - s0.upload_bytes, 64);
	CHECK_EQ(s1.readback_bytes - s0.readback_bytes, 0);

	/* the blit's destination: layer 0 mip 0 of the source */
	CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE,
	    ((SVGA3dCmdReadbackGBImage){ { SID_DST, 0, 0 } }));
	run_ok(&t, c, "readback blit");
	tmob_read(&t, &mob_dst, 0, d, sizeof(d));
	CHECK(!memcmp(d, pat, sizeof(d)));

	/* clear mip 0 of both layers on the GPU, then read back layer 1
	 * alone: 256 bytes; then the whole surface: the other 256 */
	CMD(c, SVGA_3D_CMD_DX_DESTROY_RENDERTARGET_VIEW,
	    ((SVGA3dCmdDXDestroyRenderTargetView){ RTV }));
	define_rtv(SID, SVGA3D_R8G8B8A8_UNORM, 0, 0, 2);
	clear_rtv(red);
	dx_ok(&t, c, CID, "clear mip 0");
	s0 = stats();
	CMD(c, SVGA_3D_CMD_DX_READBACK_SUBRESOURCE,
	    ((SVGA3dCmdDXReadbackSubResource){ SID, 2 }));
	run_ok(&t, c, "readback layer 1 mip 0");
	s1 = stats();
	printf("one-subresource readback: %llu bytes read back, %llu "
	       "uploaded\n",
	       (unsigned long long)(s1.readback_bytes - s0.readback_bytes),
	       (unsigned long long)(s1.upload_bytes - s0.upload_bytes));
	CHECK_EQ(s1.readback_bytes - s0.readback_bytes, 256);
	CHECK_EQ(s1.upload_bytes - s0.upload_bytes, 0);
	tmob_read(&t, &mob, 0, out, sizeof(out));
	bad = 0;
	for (unsigned i = 0; i < 256; i += 4)
		bad += memcmp(out + SUB_OFF(1, 0) + i, red_px, 4) != 0;
	CHECK_EQ(bad, 0);
	CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE,
	    ((SVGA3dCmdReadbackGBSurface){ SID }));
	run_ok(&t, c, "readback all");
	s0 = stats();
	CHECK_EQ(s0.readback_bytes - s1.readback_bytes, 256);
	tmob_read(&t, &mob, 0, out, sizeof(out));
	bad = 0;
	for (unsigned i = 0; i < sizeof(out); i += 4) {
		bool mip0 = (i % CHAIN) < 256;

		bad += memcmp(out + i, mip0 ? red_px : pat + i, 4) != 0;
	}
	printf("after the mip 0 clear: %u of 160 texels wrong\n", bad);
	CHECK_EQ(bad, 0);
}

int main(void)
{
	struct tmob cot[SVGA_COTABLE_MAX];
	int rc;

	c = calloc(1, sizeof(*c));
	tdev_init(&t, 64);
	rc = backend_attach_or_skip(&t, &be, "test_backend_clear");
	if (rc)
		return rc;
	setup_otables(&t, 16);
	dx_setup(&t, c, CID, 8, cot);
	tmob_build(&t, c, &mob, MOB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&t, c, &mob_dst, MOB_DST, PG, SVGA3D_MOBFMT_PT64_0);
	run_ok(&t, c, "MOBs");
	dx_cot_free(cot);

	float_formats();
	int_formats();
	typeless_formats();
	depth_formats();
	subresources();

	svga_backend_detach(be);
	tmob_free(&mob);
	tmob_free(&mob_dst);
	tdev_fini(&t);
	free(c);
	return t_report("test_backend_clear");
}
