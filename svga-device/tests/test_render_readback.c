// SPDX-License-Identifier: MIT
/*
 * Renderer readbacks (render/render_readback.c): the GPU copy straight
 * into host memory (VK_EXT_external_memory_host) and the staging buffer
 * the renderer keeps between readbacks.  Every readback must land
 * byte-exact in its rows and touch no byte outside them (row and slice
 * gaps, guard bytes around the destination); the renderer's counters
 * tell which path ran.  The kept staging buffer must grow only, stay
 * within its bound, give way when the device-memory budget is short, and
 * serve correct data again afterwards.
 */
#include "render_test.h"

#include "svga_objects.h"

#define GUARD 0xa5

static struct svga_render_image *mk(struct svga_render *r, uint32_t fmt,
				    uint32_t w, uint32_t h, uint32_t d)
{
	struct svga_render_image_desc desc = { fmt, w, h, d, 1, 1, 1, 0 };
	struct svga_render_image *img = NULL;

	ROK(r, svga_render_image_new(r, &desc, &img));
	return img;
}

static void pattern(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rt_rand(&seed);
}

/* Reads img's w x h x d box into a guarded buffer at byte `off` with the
 * given pitches; returns the bytes that differ from `model` (tight
 * rows) inside the rows, plus every byte outside them that changed. */
static size_t readback_wrong(struct svga_render *r,
			     struct svga_render_image *img, uint32_t bpp,
			     uint32_t w, uint32_t h, uint32_t d,
			     uint32_t row_pitch, uint32_t slice_pitch,
			     size_t off, const uint8_t *model)
{
	struct svga_render_box box = { 0, 0, 0, w, h, d };
	size_t span = (size_t)(d - 1) * slice_pitch +
		      (size_t)(h - 1) * row_pitch + (size_t)w * bpp;
	size_t total = (off + span + 64 + 4095) & ~(size_t)4095;
	uint8_t *buf = aligned_alloc(4096, total);
	size_t wrong = 0;

	if (!buf)
		return SIZE_MAX;
	memset(buf, GUARD, total);
	ROK(r, svga_render_image_readback(r, img, 0, 0, &box, buf + off,
					  row_pitch, slice_pitch));
	for (size_t i = 0; i < total; i++) {
		uint8_t want = GUARD;

		if (i >= off && i < off + span) {
			size_t rel = i - off, in_slice = rel, z = 0, y, x;

			if (d > 1) {
				z = rel / slice_pitch;
				in_slice = rel % slice_pitch;
			}
			y = in_slice / row_pitch;
			x = in_slice % row_pitch;
			if (z < d && y < h && x < (size_t)w * bpp)
				want = model[((z * h + y) * w) * bpp + x];
		}
		wrong += buf[i] != want;
	}
	free(buf);
	return wrong;
}

/* An image filled with a pattern through an upload with tight pitches. */
static struct svga_render_image *filled(struct svga_render *r, uint32_t fmt,
					uint32_t bpp, uint32_t w, uint32_t h,
					uint32_t d, uint8_t **model)
{
	struct svga_render_image *img = mk(r, fmt, w, h, d);
	struct svga_render_box box = { 0, 0, 0, w, h, d };
	size_t n = (size_t)w * h * d * bpp;

	*model = malloc(n);
	if (!img || !*model)
		return img;
	pattern(*model, n, 0x1234567u + w * 31 + h * 7 + d);
	ROK(r, svga_render_image_upload(r, img, 0, 0, &box, *model, w * bpp,
					w * bpp * h));
	return img;
}

static uint64_t imports(struct svga_render *r)
{
	struct svga_render_stats st;

	svga_render_get_stats(r, &st);
	return st.readback_imports;
}

static uint64_t kept(struct svga_render *r)
{
	struct svga_render_stats st;

	svga_render_get_stats(r, &st);
	return st.kept_staging_bytes;
}

/* One readback case: its wrong bytes, and whether it was imported. */
static void expect(struct svga_render *r, const char *what,
		   struct svga_render_image *img, uint32_t bpp, uint32_t w,
		   uint32_t h, uint32_t d, uint32_t row_pitch,
		   uint32_t slice_pitch, size_t off, const uint8_t *model,
		   int want_import)
{
	uint64_t before = imports(r);
	size_t wrong = readback_wrong(r, img, bpp, w, h, d, row_pitch,
				      slice_pitch, off, model);

	RCHECK(wrong == 0, "%s: %zu wrong bytes", what, wrong);
	if (want_import >= 0)
		RCHECK((imports(r) - before == 1) == (want_import == 1),
		       "%s: %s expected", what,
		       want_import ? "a host import" : "staging");
}

/* The default renderer: color readbacks import host memory where the
 * device can (lavapipe can: required there), others stage. */
static void test_direct(void)
{
	struct svga_render *r = rt_open(NULL);
	bool lvp = strstr(svga_render_device_name(r), "llvmpipe") != NULL;
	int imp = lvp ? 1 : -1;
	struct svga_render_image *a, *v, *ds;
	struct svga_render_buffer *b = NULL;
	uint8_t *ma = NULL, *mv = NULL, *mds = NULL;
	uint8_t data[10000], *out = aligned_alloc(4096, 8192);

	a = filled(r, SVGA3D_R8G8B8A8_UNORM, 4, 64, 32, 1, &ma);
	v = filled(r, SVGA3D_R8G8B8A8_UNORM, 4, 16, 8, 4, &mv);
	ds = filled(r, SVGA3D_D24_UNORM_S8_UINT, 4, 8, 8, 1, &mds);
	if (a && ma) {
		expect(r, "RGBA8 tight, page aligned", a, 4, 64, 32, 1, 256,
		       256 * 32, 0, ma, imp);
		expect(r, "RGBA8 row gaps, offset 100", a, 4, 64, 32, 1,
		       256 + 12, 0, 100, ma, imp);
		/* offset 2 is no whole RGBA8 texel from the page: stages */
		expect(r, "RGBA8 offset 2 (staged)", a, 4, 64, 32, 1, 256 + 4,
		       0, 2, ma, lvp ? 0 : -1);
		/* row pitch no multiple of the texel: stages */
		expect(r, "RGBA8 row pitch 258 (staged)", a, 4, 64, 32, 1,
		       258, 0, 8, ma, lvp ? 0 : -1);
	}
	if (v && mv) {
		expect(r, "3D RGBA8 slice gap of a row", v, 4, 16, 8, 4, 64,
		       64 * 9, 40, mv, imp);
		/* slice pitch no multiple of the row pitch: stages */
		expect(r, "3D RGBA8 slice gap of 4 bytes (staged)", v, 4, 16,
		       8, 4, 64, 64 * 8 + 4, 0, mv, lvp ? 0 : -1);
	}
	/* depth/stencil is split and reassembled: always staged */
	if (ds && mds)
		expect(r, "D24S8 (staged)", ds, 4, 8, 8, 1, 40, 0, 12, mds,
		       lvp ? 0 : -1);

	/* a buffer range into an unaligned destination */
	pattern(data, sizeof(data), 99);
	ROK(r, svga_render_buffer_new(r, sizeof(data), SVGA_RENDER_BUF_VERTEX,
				      &b));
	if (b && out) {
		uint64_t before = imports(r);
		size_t wrong = 0;

		ROK(r, svga_render_buffer_upload(r, b, 0, sizeof(data), data));
		memset(out, GUARD, 8192);
		ROK(r, svga_render_buffer_readback(r, b, 333, 5000, out + 7));
		for (size_t i = 0; i < 8192; i++)
			wrong += out[i] != (i >= 7 && i < 5007 ?
					    data[333 + i - 7] : GUARD);
		RCHECK(wrong == 0, "buffer range: %zu wrong bytes", wrong);
		if (lvp)
			RCHECK(imports(r) - before == 1,
			       "buffer readback not imported");
		svga_render_buffer_free(r, b);
	}
	printf("# host imports: %llu\n", (unsigned long long)imports(r));
	svga_render_image_free(r, a);
	svga_render_image_free(r, v);
	svga_render_image_free(r, ds);
	free(ma);
	free(mv);
	free(mds);
	free(out);
	svga_render_free(r);
}

/* Staging only: the kept buffer grows, is reused by smaller readbacks,
 * and is bypassed (not grown) by a readback beyond its bound. */
static void test_kept_staging(void)
{
	struct svga_render_config cfg = { .no_host_import = true };
	struct svga_render *r = rt_open(&cfg);
	struct svga_render_image *big, *small, *ds;
	struct svga_render_buffer *huge = NULL;
	uint8_t *mbig = NULL, *msmall = NULL, *mds = NULL;
	uint64_t k;
	size_t huge_size = (64u << 20) + 4096;

	big = filled(r, SVGA3D_R8G8B8A8_UNORM, 4, 128, 64, 1, &mbig);
	small = filled(r, SVGA3D_R8G8B8A8_UNORM, 4, 16, 8, 4, &msmall);
	ds = filled(r, SVGA3D_D24_UNORM_S8_UINT, 4, 8, 8, 1, &mds);
	RCHECK(kept(r) == 0, "a staging buffer kept before any readback");
	if (big && mbig)
		expect(r, "staged RGBA8 128x64 tight", big, 4, 128, 64, 1,
		       512, 0, 0, mbig, 0);
	k = kept(r);
	RCHECK(k >= 128 * 64 * 4, "kept staging %llu bytes after a 32 KiB "
	       "readback", (unsigned long long)k);
	if (small && msmall) {
		expect(r, "staged 3D after a larger one, tight", small, 4, 16,
		       8, 4, 64, 512, 0, msmall, 0);
		expect(r, "staged 3D, row gaps", small, 4, 16, 8, 4, 72,
		       72 * 8, 3, msmall, 0);
		expect(r, "staged 3D, slice gaps", small, 4, 16, 8, 4, 64,
		       64 * 8 + 4, 5, msmall, 0);
	}
	if (ds && mds)
		expect(r, "staged D24S8 after RGBA8", ds, 4, 8, 8, 1, 32, 0, 0,
		       mds, 0);
	RCHECK(kept(r) == k, "kept staging changed to %llu from %llu for "
	       "smaller readbacks", (unsigned long long)kept(r),
	       (unsigned long long)k);

	/* beyond RENDER_MAX_KEPT_STAGING (64 MiB): a buffer of its own */
	ROK(r, svga_render_buffer_new(r, huge_size, SVGA_RENDER_BUF_VERTEX,
				      &huge));
	if (huge) {
		uint8_t *in = malloc(huge_size), *out = malloc(huge_size);

		if (in && out) {
			pattern(in, huge_size, 7);
			ROK(r, svga_render_buffer_upload(r, huge, 0, huge_size,
							 in));
			ROK(r, svga_render_buffer_readback(r, huge, 0,
							   huge_size, out));
			RCHECK(!memcmp(in, out, huge_size),
			       "64 MiB + 4 KiB buffer readback differs");
		}
		RCHECK(kept(r) == k, "kept staging grew to %llu past its "
		       "bound", (unsigned long long)kept(r));
		free(in);
		free(out);
		svga_render_buffer_free(r, huge);
	}
	svga_render_image_free(r, big);
	svga_render_image_free(r, small);
	svga_render_image_free(r, ds);
	free(mbig);
	free(msmall);
	free(mds);
	svga_render_free(r);
}

/* The kept buffer gives way to an allocation the budget could not hold
 * otherwise; a readback afterwards stages again, correctly. */
static void test_budget(void)
{
	struct svga_render_config cfg = { .max_memory = 8u << 20,
					  .no_host_import = true };
	struct svga_render *r = rt_open(&cfg);
	struct svga_render_image *img;
	struct svga_render_buffer *fill = NULL;
	struct svga_render_stats st;
	uint8_t *model = NULL;
	uint64_t need;

	img = filled(r, SVGA3D_R8G8B8A8_UNORM, 4, 512, 512, 1, &model);
	if (!img || !model)
		goto out;
	expect(r, "budget: first readback", img, 4, 512, 512, 1, 2048, 0, 0,
	       model, 0);
	svga_render_get_stats(r, &st);
	RCHECK(st.kept_staging_bytes >= (1u << 20), "no 1 MiB kept staging");
	/* more than is left, less than is left with the kept buffer gone */
	need = cfg.max_memory - st.memory_used +
	       st.kept_staging_bytes / 2;
	ROK(r, svga_render_buffer_new(r, need, SVGA_RENDER_BUF_VERTEX, &fill));
	RCHECK(kept(r) == 0, "kept staging (%llu bytes) not released for an "
	       "allocation", (unsigned long long)kept(r));
	if (fill)
		svga_render_buffer_free(r, fill);
	expect(r, "budget: readback after the release", img, 4, 512, 512, 1,
	       2048 + 16, 0, 4, model, 0);
	RCHECK(kept(r) >= (1u << 20), "kept staging not re-created");
out:
	svga_render_image_free(r, img);
	free(model);
	svga_render_free(r);
}

int main(void)
{
	test_direct();
	test_kept_staging();
	test_budget();
	return rt_report("test_render_readback");
}
