// SPDX-License-Identifier: MIT
/*
 * Renderer images: upload -> readback round trips (bytes exact) for every
 * format the device core advertises, box copies, color and depth-stencil
 * clears checked byte by byte, the memory budget, and device selection.
 */
#include "render_test.h"
#include "render_roundtrip.h"

#include "svga_objects.h"

#include <math.h>

/* A sub-box upload lands exactly there and nowhere else. */
static void roundtrip_box(struct svga_render *r, struct svga_render_image *img,
			  const struct svga_format_info *f, uint32_t w,
			  uint32_t h)
{
	uint32_t bw = div_up(w, f->block_w), bh = div_up(h, f->block_h);
	uint32_t pitch = bw * f->bytes_per_block, bpb = f->bytes_per_block;
	uint8_t *model = malloc((size_t)pitch * bh), *out = malloc((size_t)pitch * bh);
	uint8_t sub[4 * 2 * 16];
	struct svga_render_box all = { 0, 0, 0, w, h, 1 };
	struct svga_render_box box = { 1 * f->block_w, 1 * f->block_h, 0,
				       3 * f->block_w, 2 * f->block_h, 1 };

	fill(f->format, model, (size_t)bw * bh, bpb);
	ROK(r, svga_render_image_upload(r, img, 0, 1, &all, model, pitch,
					pitch * bh));
	fill(f->format, sub, 6, bpb);
	ROK(r, svga_render_image_upload(r, img, 0, 1, &box, sub, 3 * bpb,
					6 * bpb));
	for (uint32_t y = 0; y < 2; y++)
		memcpy(model + (size_t)(1 + y) * pitch + 1 * bpb,
		       sub + y * 3 * bpb, 3 * bpb);
	ROK(r, svga_render_image_readback(r, img, 0, 1, &all, out, pitch,
					  pitch * bh));
	RCHECK(!memcmp(out, model, (size_t)pitch * bh),
	       "%s: sub-box upload differs", f->name);
	free(model);
	free(out);
}

static void test_formats(struct svga_render *r)
{
	unsigned n = svga_format_count(), ok = 0, unsupported = 0;

	for (unsigned i = 0; i < n; i++) {
		const struct svga_format_info *f = svga_format_at(i);
		const char *why = NULL;
		uint32_t caps = svga_render_format_caps(r, f->format, &why);
		struct svga_render_image_desc d = {
			f->format, 20, 12, 1, 2, 3, 1, 0 };
		struct svga_render_image *img;
		int before = rt_failures;

		if (!(caps & SVGA_RENDER_FMT_TRANSFER)) {
			/* an honest "unsupported" needs a reason */
			RCHECK(why != NULL, "%s unsupported without a reason",
			       f->name);
			printf("unsupported %-24s %s\n", f->name,
			       why ? why : "?");
			unsupported++;
			continue;
		}
		if (svga_render_image_new(r, &d, &img)) {
			RCHECK(0, "%s: image_new: %s", f->name,
			       svga_render_last_error(r));
			continue;
		}
		roundtrip_full(r, img, f, 20, 12, 0, 0);
		roundtrip_full(r, img, f, 20, 12, 1, 2);
		roundtrip_box(r, img, f, 20, 12);
		svga_render_image_free(r, img);
		printf("%s %-24s caps%s%s%s%s%s%s%s%s\n",
		       rt_failures == before ? "ok" : "FAILED", f->name,
		       caps & SVGA_RENDER_FMT_SAMPLE ? " sample" : "",
		       caps & SVGA_RENDER_FMT_RENDER ? " render" : "",
		       caps & SVGA_RENDER_FMT_BLEND ? " blend" : "",
		       caps & SVGA_RENDER_FMT_DEPTH ? " depth" : "",
		       caps & SVGA_RENDER_FMT_VERTEX ? " vertex" : "",
		       caps & SVGA_RENDER_FMT_TRANSFER ? " transfer" : "",
		       why ? " -- " : "", why ? why : "");
		ok += rt_failures == before;
	}
	printf("# formats: %u advertised by the core, %u round-tripped, %u "
	       "reported unsupported\n", n, ok, unsupported);
	/* What the core's devcaps claim beyond what this Vulkan device can
	 * back (information for wiring devcaps to svga_render_dxfmt_caps);
	 * and svga_render_dxfmt_caps agrees with svga_render_format_caps. */
	for (unsigned i = 0; i < n; i++) {
		const struct svga_format_info *f = svga_format_at(i);
		uint32_t caps = svga_render_format_caps(r, f->format, NULL);
		uint32_t can = svga_render_dxfmt_caps(r, f->format);
		uint32_t dx = f->devcap >= SVGA3D_DEVCAP_DXFMT_X8R8G8B8 &&
			      f->devcap < SVGA3D_DEVCAP_MAX ? f->devcap_value : 0;

		RCHECK(!!(can & SVGA3D_DXFMT_COLOR_RENDERTARGET) ==
		       !!(caps & SVGA_RENDER_FMT_RENDER) &&
		       !!(can & SVGA3D_DXFMT_SHADER_SAMPLE) ==
		       !!(caps & SVGA_RENDER_FMT_SAMPLE) &&
		       !!(can & SVGA3D_DXFMT_SUPPORTED) ==
		       !!(caps & SVGA_RENDER_FMT_TRANSFER),
		       "%s: dxfmt caps 0x%x vs caps 0x%x", f->name, can, caps);
		if (dx & ~can)
			printf("# devcaps of %s: 0x%x advertised, 0x%x backed "
			       "here (missing 0x%x)\n", f->name, dx, can,
			       dx & ~can);
	}
	RCHECK(ok + unsupported == n, "every advertised format is covered");
}

/* 3D image: a box spanning slices. */
static void test_volume(struct svga_render *r)
{
	struct svga_render_image_desc d = { SVGA3D_R8G8B8A8_UNORM, 8, 8, 4, 1,
					    1, 1, SVGA_RENDER_USAGE_SAMPLED };
	struct svga_render_box box = { 1, 2, 1, 5, 3, 2 };
	uint8_t in[5 * 3 * 2 * 4], out[sizeof(in)];
	struct svga_render_image *img;

	ROK(r, svga_render_image_new(r, &d, &img));
	if (!img)
		return;
	fill(d.format, in, 30, 4);
	ROK(r, svga_render_image_upload(r, img, 0, 0, &box, in, 20, 60));
	ROK(r, svga_render_image_readback(r, img, 0, 0, &box, out, 20, 60));
	RCHECK(!memcmp(in, out, sizeof(in)), "3D box round trip");
	box.z = 3;  /* z 3..4 of depth 4 */
	RCHECK(svga_render_image_upload(r, img, 0, 0, &box, in, 20, 60) != 0,
	       "box past the last slice is refused");
	svga_render_image_free(r, img);
}

static struct svga_render_image *mk(struct svga_render *r, uint32_t fmt,
				    uint32_t w, uint32_t h, uint32_t layers,
				    uint32_t usage)
{
	struct svga_render_image_desc d = { fmt, w, h, 1, 1, layers, 1, usage };
	struct svga_render_image *img = NULL;

	ROK(r, svga_render_image_new(r, &d, &img));
	return img;
}

static void test_copies(struct svga_render *r)
{
	struct svga_render_image *a = mk(r, SVGA3D_R8G8B8A8_UNORM, 16, 16, 1, 0);
	struct svga_render_image *b = mk(r, SVGA3D_R8G8B8A8_UNORM, 16, 16, 1, 0);
	struct svga_render_box all = { 0, 0, 0, 16, 16, 1 };
	struct svga_render_box box = { 2, 3, 0, 5, 4, 1 };
	uint8_t ia[16 * 16 * 4], ib[sizeof(ia)], out[sizeof(ia)];

	if (!a || !b)
		return;
	fill(0, ia, 256, 4);
	fill(0, ib, 256, 4);
	ROK(r, svga_render_image_upload(r, a, 0, 0, &all, ia, 64, 1024));
	ROK(r, svga_render_image_upload(r, b, 0, 0, &all, ib, 64, 1024));
	ROK(r, svga_render_image_copy(r, b, 0, 0, 9, 8, 0, a, 0, 0, &box));
	for (int y = 0; y < 4; y++)
		memcpy(ib + (8 + y) * 64 + 9 * 4, ia + (3 + y) * 64 + 2 * 4, 20);
	ROK(r, svga_render_image_readback(r, b, 0, 0, &all, out, 64, 1024));
	RCHECK(!memcmp(out, ib, sizeof(ib)), "RGBA8 box copy");
	/* refused: overlapping copy within one subresource, box outside */
	RCHECK(svga_render_image_copy(r, a, 0, 0, 3, 3, 0, a, 0, 0, &box) != 0,
	       "overlapping copy refused");
	box.x = 12;
	RCHECK(svga_render_image_copy(r, b, 0, 0, 0, 0, 0, a, 0, 0, &box) != 0,
	       "copy box outside the source refused");
	svga_render_image_free(r, a);
	svga_render_image_free(r, b);

	/* compressed -> uncompressed of the same block size */
	a = mk(r, SVGA3D_BC1_UNORM, 16, 16, 1, 0);
	b = mk(r, SVGA3D_R32G32_UINT, 4, 4, 1, 0);
	if (a && b) {
		struct svga_render_box bc = { 0, 0, 0, 16, 16, 1 };
		struct svga_render_box rg = { 0, 0, 0, 4, 4, 1 };
		uint8_t blocks[16 * 8], got[16 * 8];

		fill(0, blocks, 16, 8);
		ROK(r, svga_render_image_upload(r, a, 0, 0, &bc, blocks, 32, 128));
		ROK(r, svga_render_image_copy(r, b, 0, 0, 0, 0, 0, a, 0, 0, &bc));
		ROK(r, svga_render_image_readback(r, b, 0, 0, &rg, got, 32, 128));
		RCHECK(!memcmp(blocks, got, sizeof(got)), "BC1 -> R32G32_UINT copy");
	}
	svga_render_image_free(r, a);
	svga_render_image_free(r, b);

	/* depth + stencil together */
	a = mk(r, SVGA3D_D24_UNORM_S8_UINT, 8, 8, 1, 0);
	b = mk(r, SVGA3D_D24_UNORM_S8_UINT, 8, 8, 1, 0);
	if (a && b) {
		struct svga_render_box ds = { 0, 0, 0, 8, 8, 1 };
		uint8_t in[256], got[256];

		fill(0, in, 64, 4);
		ROK(r, svga_render_image_upload(r, a, 0, 0, &ds, in, 32, 256));
		ROK(r, svga_render_image_copy(r, b, 0, 0, 0, 0, 0, a, 0, 0, &ds));
		ROK(r, svga_render_image_readback(r, b, 0, 0, &ds, got, 32, 256));
		RCHECK(!memcmp(in, got, sizeof(got)), "D24S8 copy");
	}
	svga_render_image_free(r, a);
	svga_render_image_free(r, b);
}

/* Reads a whole 1-mip image layer and checks each texel against the
 * expected bytes inside rect (x0,y0)-(x1,y1) and outside it. */
static void expect_rect(struct svga_render *r, struct svga_render_image *img,
			uint32_t layer, uint32_t w, uint32_t h, uint32_t bpp,
			int x0, int y0, int x1, int y1, const void *in,
			const void *outside, const char *what)
{
	uint8_t *buf = malloc((size_t)w * h * bpp);
	struct svga_render_box all = { 0, 0, 0, w, h, 1 };
	int bad = 0;

	ROK(r, svga_render_image_readback(r, img, 0, layer, &all, buf, w * bpp,
					  w * h * bpp));
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			bool inside = (int)x >= x0 && (int)x < x1 &&
				      (int)y >= y0 && (int)y < y1;
			const void *want = inside ? in : outside;

			if (want && memcmp(buf + ((size_t)y * w + x) * bpp, want,
					   bpp))
				bad++;
		}
	RCHECK(bad == 0, "%s: %d texels differ", what, bad);
	free(buf);
}

static void test_clears(struct svga_render *r)
{
	struct svga_render_view v = { 0, 0, 1 };
	struct svga_render_rect rect = { 2, 2, 3, 3 };
	struct svga_render_image *img;
	union svga_render_color c;

	img = mk(r, SVGA3D_R8G8B8A8_UNORM, 8, 8, 2,
		 SVGA_RENDER_USAGE_RENDER_TARGET);
	if (img) {
		const uint8_t green[4] = { 0, 255, 128, 51 }, red[4] = { 255, 0, 0, 255 };
		const uint8_t zero[4] = { 0, 0, 0, 0 };
		struct svga_render_view l0 = { 0, 0, 1 }, l1 = { 0, 1, 1 };
		struct svga_render_rect neg = { -2, -2, 4, 4 };

		c = (union svga_render_color){ .f = { 0, 0, 0, 0 } };
		v = (struct svga_render_view){ 0, 0, 2 };
		ROK(r, svga_render_clear_color(r, img, &v, NULL, &c));
		c = (union svga_render_color){ .f = { 0.0f, 1.0f, 0.5f, 0.2f } };
		ROK(r, svga_render_clear_color(r, img, &l1, NULL, &c));
		expect_rect(r, img, 1, 8, 8, 4, 0, 0, 8, 8, green, NULL,
			    "RGBA8 whole clear");
		expect_rect(r, img, 0, 8, 8, 4, 0, 0, 0, 0, NULL, zero,
			    "RGBA8 clear left the other layer");
		c = (union svga_render_color){ .f = { 1.0f, 0.0f, 0.0f, 1.0f } };
		ROK(r, svga_render_clear_color(r, img, &l1, &rect, &c));
		expect_rect(r, img, 1, 8, 8, 4, 2, 2, 5, 5, red, green,
			    "RGBA8 rect clear");
		ROK(r, svga_render_clear_color(r, img, &l0, &neg, &c));
		expect_rect(r, img, 0, 8, 8, 4, 0, 0, 2, 2, red, zero,
			    "RGBA8 rect clipped to the image");
		svga_render_image_free(r, img);
	}
	v = (struct svga_render_view){ 0, 0, 1 };
	img = mk(r, SVGA3D_B8G8R8A8_UNORM, 4, 4, 1, 0);
	if (img) {
		const uint8_t want[4] = { 0, 128, 255, 255 };

		c = (union svga_render_color){ .f = { 1.0f, 0.5f, 0.0f, 1.0f } };
		ROK(r, svga_render_clear_color(r, img, &v, NULL, &c));
		expect_rect(r, img, 0, 4, 4, 4, 0, 0, 4, 4, want, NULL,
			    "BGRA8 clear");
		svga_render_image_free(r, img);
	}
	img = mk(r, SVGA3D_R32G32B32A32_FLOAT, 4, 4, 1, 0);
	if (img) {
		const float want[4] = { 1.5f, -2.0f, 0.25f, 1e6f };

		memcpy(c.f, want, sizeof(want));
		ROK(r, svga_render_clear_color(r, img, &v, NULL, &c));
		expect_rect(r, img, 0, 4, 4, 16, 0, 0, 4, 4, want, NULL,
			    "RGBA32F clear");
		svga_render_image_free(r, img);
	}
	img = mk(r, SVGA3D_R32_UINT, 4, 4, 1, 0);
	if (img) {
		const uint32_t want = 0xdeadbeef;

		c = (union svga_render_color){ .u = { want, 1, 2, 3 } };
		ROK(r, svga_render_clear_color(r, img, &v, NULL, &c));
		expect_rect(r, img, 0, 4, 4, 4, 0, 0, 4, 4, &want, NULL,
			    "R32_UINT clear");
		svga_render_image_free(r, img);
	}
	img = mk(r, SVGA3D_R16G16_SINT, 4, 4, 1, 0);
	if (img) {
		const int16_t want[2] = { -5, 1234 };

		c = (union svga_render_color){ .i = { -5, 1234, 0, 0 } };
		ROK(r, svga_render_clear_color(r, img, &v, NULL, &c));
		expect_rect(r, img, 0, 4, 4, 4, 0, 0, 4, 4, want, NULL,
			    "R16G16_SINT clear");
		svga_render_image_free(r, img);
	}
	img = mk(r, SVGA3D_D32_FLOAT, 8, 8, 1, SVGA_RENDER_USAGE_DEPTH_STENCIL);
	if (img) {
		const float quarter = 0.25f, three = 0.75f;

		ROK(r, svga_render_clear_depth_stencil(r, img, &v, NULL,
				SVGA_RENDER_CLEAR_DEPTH, 0.25f, 0));
		ROK(r, svga_render_clear_depth_stencil(r, img, &v, &rect,
				SVGA_RENDER_CLEAR_DEPTH, 0.75f, 0));
		expect_rect(r, img, 0, 8, 8, 4, 2, 2, 5, 5, &three, &quarter,
			    "D32 clears");
		RCHECK(svga_render_clear_depth_stencil(r, img, &v, NULL,
				SVGA_RENDER_CLEAR_DEPTH, 2.0f, 0) != 0,
		       "depth clear value 2.0 refused");
		svga_render_image_free(r, img);
	}
	img = mk(r, SVGA3D_D24_UNORM_S8_UINT, 4, 4, 1,
		 SVGA_RENDER_USAGE_DEPTH_STENCIL);
	if (img) {
		const uint32_t a = 0x5affffff, b = 0x11ffffff;

		ROK(r, svga_render_clear_depth_stencil(r, img, &v, NULL,
				SVGA_RENDER_CLEAR_DEPTH | SVGA_RENDER_CLEAR_STENCIL,
				1.0f, 0x5a));
		expect_rect(r, img, 0, 4, 4, 4, 0, 0, 4, 4, &a, NULL,
			    "D24S8 depth+stencil clear");
		ROK(r, svga_render_clear_depth_stencil(r, img, &v, NULL,
				SVGA_RENDER_CLEAR_STENCIL, 0.0f, 0x11));
		expect_rect(r, img, 0, 4, 4, 4, 0, 0, 4, 4, &b, NULL,
			    "D24S8 stencil-only clear keeps depth");
		svga_render_image_free(r, img);
	}
	/* a color clear of a depth image is refused */
	img = mk(r, SVGA3D_D16_UNORM, 4, 4, 1, 0);
	if (img) {
		RCHECK(svga_render_clear_color(r, img, &v, NULL, &c) != 0,
		       "color clear of D16 refused");
		svga_render_image_free(r, img);
	}
}

static void test_blits(struct svga_render *r)
{
	struct svga_render_image *a = mk(r, SVGA3D_R8G8B8A8_UNORM, 4, 4, 1, 0);
	struct svga_render_image *b = mk(r, SVGA3D_R8G8B8A8_UNORM, 8, 8, 1, 0);
	struct svga_render_box a_all = { 0, 0, 0, 4, 4, 1 }, b_all = { 0, 0, 0, 8, 8, 1 };
	struct svga_render_blit_box s4 = { 0, 0, 0, 4, 4, 1 }, d8 = { 0, 0, 0, 8, 8, 1 };
	struct svga_render_blit_box mirror = { 4, 0, 0, 0, 4, 1 };
	uint32_t src[16], out[64], out4[16];
	int bad = 0;

	if (!a || !b)
		return;
	fill(0, (uint8_t *)src, 16, 4);
	ROK(r, svga_render_image_upload(r, a, 0, 0, &a_all, src, 16, 64));
	ROK(r, svga_render_image_blit(r, b, 0, 0, &d8, a, 0, 0, &s4, 0));
	ROK(r, svga_render_image_readback(r, b, 0, 0, &b_all, out, 32, 256));
	for (int y = 0; y < 8; y++)
		for (int x = 0; x < 8; x++)
			bad += out[y * 8 + x] != src[(y / 2) * 4 + x / 2];
	RCHECK(bad == 0, "2x nearest blit: %d texels differ", bad);
	ROK(r, svga_render_image_blit(r, b, 0, 0, &s4, a, 0, 0, &mirror, 0));
	ROK(r, svga_render_image_readback(r, b, 0, 0, &a_all, out4, 16, 64));
	bad = 0;
	for (int y = 0; y < 4; y++)
		for (int x = 0; x < 4; x++)
			bad += out4[y * 4 + x] != src[y * 4 + 3 - x];
	RCHECK(bad == 0, "mirrored blit: %d texels differ", bad);
	mirror.x0 = 9;
	RCHECK(svga_render_image_blit(r, b, 0, 0, &s4, a, 0, 0, &mirror, 0) != 0,
	       "blit box outside the source refused");
	svga_render_image_free(r, a);
	svga_render_image_free(r, b);

	/* GENMIPS: a 2x2 pattern averages to its mean in mip 1 */
	{
		struct svga_render_image_desc d = { SVGA3D_R8G8B8A8_UNORM, 2, 2, 1,
						    2, 2, 1, SVGA_RENDER_USAGE_SAMPLED };
		const uint8_t px[16] = { 0, 0, 0, 0, 200, 200, 200, 200,
					 100, 40, 0, 255, 100, 160, 0, 255 };
		struct svga_render_box two = { 0, 0, 0, 2, 2, 1 }, one = { 0, 0, 0, 1, 1, 1 };
		struct svga_render_view v = { 0, 1, 1 };
		struct svga_render_image *m;
		uint8_t got[4], other[4];

		ROK(r, svga_render_image_new(r, &d, &m));
		if (m) {
			ROK(r, svga_render_image_upload(r, m, 0, 1, &two, px, 8, 16));
			ROK(r, svga_render_image_upload(r, m, 1, 0, &one,
							"\x11\x22\x33\x44", 4, 4));
			ROK(r, svga_render_image_gen_mips(r, m, &v));
			ROK(r, svga_render_image_readback(r, m, 1, 1, &one, got, 4, 4));
			RCHECK(abs(got[0] - 100) <= 1 && abs(got[1] - 100) <= 1 &&
			       abs(got[2] - 50) <= 1 && abs(got[3] - 178) <= 1,
			       "generated mip: %u,%u,%u,%u", got[0], got[1],
			       got[2], got[3]);
			ROK(r, svga_render_image_readback(r, m, 1, 0, &one, other, 4, 4));
			RCHECK(!memcmp(other, "\x11\x22\x33\x44", 4),
			       "other layer's mip untouched");
			svga_render_image_free(r, m);
		}
	}

	/* resolve of a cleared 4-sample target */
	{
		struct svga_render_image_desc d = { SVGA3D_R8G8B8A8_UNORM, 8, 8, 1,
			1, 1, 4, SVGA_RENDER_USAGE_RENDER_TARGET };
		struct svga_render_view v = { 0, 0, 1 };
		union svga_render_color c = { .f = { 0.2f, 0.4f, 0.6f, 0.8f } };
		const uint8_t want[4] = { 51, 102, 153, 204 };
		struct svga_render_image *ms, *ss = mk(r, SVGA3D_R8G8B8A8_UNORM,
						       8, 8, 1, 0);

		ROK(r, svga_render_image_new(r, &d, &ms));
		if (ms && ss) {
			ROK(r, svga_render_clear_color(r, ms, &v, NULL, &c));
			ROK(r, svga_render_image_resolve(r, ss, 0, 0, ms, 0));
			expect_rect(r, ss, 0, 8, 8, 4, 0, 0, 8, 8, want, NULL,
				    "resolved clear");
			RCHECK(svga_render_image_readback(r, ms, 0, 0, &b_all,
				out, 32, 256) != 0, "readback of 4 samples refused");
		}
		svga_render_image_free(r, ms);
		svga_render_image_free(r, ss);
	}
}

static void test_budget_and_selection(const char *name)
{
	struct svga_render_config cfg = { .max_memory = 1u << 20 };
	struct svga_render_image_desc big = { SVGA3D_R8G8B8A8_UNORM, 1024, 1024,
					      1, 1, 1, 1, 0 };
	struct svga_render_image_desc small = { SVGA3D_R8G8B8A8_UNORM, 64, 64,
						1, 1, 1, 1, 0 };
	struct svga_render_image *img;
	struct svga_render_stats st;
	struct svga_render *r;
	char err[512], sub[8];

	struct svga_render_stats st0;

	r = rt_open(&cfg);
	/* what the renderer keeps for itself (its zero vertex buffer) */
	svga_render_get_stats(r, &st0);
	RCHECK(svga_render_image_new(r, &big, &img) != 0 && !img,
	       "4 MiB image within a 1 MiB budget refused");
	RCHECK(strstr(svga_render_last_error(r), "budget") != NULL,
	       "budget error says so: %s", svga_render_last_error(r));
	ROK(r, svga_render_image_new(r, &small, &img));
	svga_render_get_stats(r, &st);
	RCHECK(st.memory_used >= st0.memory_used + 64 * 64 * 4,
	       "memory accounted: %llu", (unsigned long long)st.memory_used);
	svga_render_image_free(r, img);
	svga_render_get_stats(r, &st);
	RCHECK(st.memory_used == st0.memory_used, "memory returned: %llu",
	       (unsigned long long)st.memory_used);
	svga_render_free(r);

	cfg = (struct svga_render_config){ .device = "no-such-gpu-xyz" };
	RCHECK(svga_render_new(&cfg, &r, err, sizeof(err)) == -1 && !r,
	       "unknown device refused");
	RCHECK(strstr(err, "no-such-gpu-xyz") != NULL, "error names it: %s", err);
	cfg.device = "0";
	RCHECK(svga_render_new(&cfg, &r, err, sizeof(err)) == 0,
	       "device by index: %s", err);
	svga_render_free(r);
	snprintf(sub, sizeof(sub), "%.5s", name);
	cfg.device = sub;
	RCHECK(svga_render_new(&cfg, &r, err, sizeof(err)) == 0,
	       "device by name '%s': %s", sub, err);
	svga_render_free(r);
}

int main(void)
{
	struct svga_render *r = rt_open(NULL);
	char name[256];

	snprintf(name, sizeof(name), "%s", svga_render_device_name(r));
	test_formats(r);
	test_volume(r);
	test_copies(r);
	test_clears(r);
	test_blits(r);
	svga_render_free(r);
	test_budget_and_selection(name);
	return rt_report("test_render_image");
}
