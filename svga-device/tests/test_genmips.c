// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: DX_GENMIPS by its pixels.  A surface's mips are
 * uploaded (UPDATE_GB_SURFACE), a shader resource view defined, GENMIPS
 * sent, and the surface read back (READBACK_GB_SURFACE): every texel of a
 * generated mip must be the average of its 2x2 (3D: 2x2x2) parents as read
 * back, within 1 in the format's last bit (sRGB averaged in linear space),
 * and every mip or layer outside the view must keep its bytes.  Formats:
 * RGBA8 (array, and a view starting at mip 1 with 2 levels), BGRA8 sRGB,
 * a typeless surface with a typed view (Mesa's form), R32F volumes.  A
 * format the device cannot filter is a command error naming GENMIPS.
 * PRESENT, PRESENT_READBACK and BLIT_SURFACE_TO_SCREEN (screen objects,
 * which this device does not offer) are command errors naming them.
 */
#include "dx_harness.h"

#include <math.h>

#define CID 3
#define SID 1
static uint32_t mob_id = 30;    /* a new MOB per surface */
#define SRV 2

static struct tdev t;
static struct cbuf *c;
static uint32_t seed = 99;

static uint32_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

static float lin(uint8_t v)
{
	float f = v / 255.0f;

	return f <= 0.04045f ? f / 12.92f : powf((f + 0.055f) / 1.055f, 2.4f);
}

static float enc_srgb(float v)
{
	v = v <= 0.0031308f ? v * 12.92f : 1.055f * powf(v, 1.0f / 2.4f) - 0.055f;
	return v * 255.0f;
}

struct img {
	uint32_t fmt, view_fmt, w, h, d, mips, layers, bpp;
	bool srgb, f32;
};

static uint32_t dim(uint32_t v, uint32_t m)
{
	return v >> m ? v >> m : 1;
}

static uint64_t mip_off(const struct img *im, uint32_t layer, uint32_t mip)
{
	uint64_t chain = 0, off = 0;

	for (uint32_t m = 0; m < im->mips; m++) {
		uint64_t n = (uint64_t)dim(im->w, m) * dim(im->h, m) *
			     dim(im->d, m) * im->bpp;

		if (m < mip)
			off += n;
		chain += n;
	}
	return layer * chain + off;
}

/* Texel (x,y,z) of mip m of layer l: channel k as a float (linear). */
static float texel(const struct img *im, const uint8_t *p, uint32_t l,
		   uint32_t m, uint32_t x, uint32_t y, uint32_t z, int k)
{
	const uint8_t *q = p + mip_off(im, l, m) +
		(((uint64_t)z * dim(im->h, m) + y) * dim(im->w, m) + x) * im->bpp;
	float f;

	if (im->f32) {
		memcpy(&f, q, 4);
		return f;
	}
	if (im->srgb && k != 3)
		return lin(q[k]);
	return (float)q[k];
}

/* Mip m (of every layer from l0) against its parents; returns bad texels. */
static unsigned check_mip(const struct img *im, const uint8_t *p, uint32_t l,
			  uint32_t m)
{
	uint32_t pw = dim(im->w, m - 1), ph = dim(im->h, m - 1);
	uint32_t pd = dim(im->d, m - 1), bad = 0;
	int nch = im->f32 ? 1 : 4;

	for (uint32_t z = 0; z < dim(im->d, m); z++)
		for (uint32_t y = 0; y < dim(im->h, m); y++)
			for (uint32_t x = 0; x < dim(im->w, m); x++)
				for (int k = 0; k < nch; k++) {
					float s = 0, got, want;
					unsigned n = 0;

					for (uint32_t i = 0; i < 8; i++) {
						uint32_t px = 2 * x + (i & 1);
						uint32_t py = 2 * y + (i >> 1 & 1);
						uint32_t pz = 2 * z + (i >> 2);

						if ((i & 1 && pw == 1) ||
						    (i & 2 && ph == 1) ||
						    (i & 4 && pd == 1))
							continue;
						s += texel(im, p, l, m - 1,
							   px < pw ? px : pw - 1,
							   py < ph ? py : ph - 1,
							   pz < pd ? pz : pd - 1, k);
						n++;
					}
					want = s / n;
					got = texel(im, p, l, m, x, y, z, k);
					if (im->srgb && k != 3) {
						want = enc_srgb(want);
						got = enc_srgb(got);
					}
					if (im->f32 ? fabsf(got - want) >
						      1e-6f * (1 + fabsf(want)) :
					    fabsf(got - want) > 1.01f)
						bad++;
				}
	return bad;
}

static uint64_t total(const struct img *im)
{
	return mip_off(im, im->layers, 0);
}

/* Defines the surface and the view, uploads random bytes in every mip;
 * returns the bytes as uploaded. */
static uint8_t *setup(struct tmob *m, const struct img *im, uint32_t mip0,
		      uint32_t levels, uint32_t slice)
{
	uint64_t n = total(im);
	uint8_t *data = malloc(n);
	SVGA3dCmdDXDefineShaderResourceView srv;
	SVGA3dCmdUpdateGBSurface up = { SID };

	for (uint64_t i = 0; i < n; i++)
		data[i] = (uint8_t)rnd();
	if (im->f32)
		for (uint64_t i = 0; i < n; i += 4) {
			float f = (float)(rnd() % 100000) / 1000.0f;

			memcpy(data + i, &f, 4);
		}
	mob_id++;
	tmob_build(&t, c, m, mob_id, n, SVGA3D_MOBFMT_PT64_1);
	define_surface(c, SID, im->fmt, im->d > 1 ? SVGA3D_SURFACE_VOLUME : 0,
		       im->w, im->h, im->d, im->mips,
		       im->layers > 1 ? im->layers : 0);
	bind_surface(c, SID, mob_id);
	run_ok(&t, c, "surface");
	tmob_write(&t, m, 0, data, n);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, up);
	memset(&srv, 0, sizeof(srv));
	srv.shaderResourceViewId = SRV;
	srv.sid = SID;
	srv.format = im->view_fmt;
	srv.resourceDimension = im->d > 1 ? SVGA3D_RESOURCE_TEXTURE3D :
				SVGA3D_RESOURCE_TEXTURE2D;
	srv.desc.tex.mostDetailedMip = mip0;
	srv.desc.tex.mipLevels = levels;
	srv.desc.tex.firstArraySlice = slice;
	srv.desc.tex.arraySize = im->layers - slice;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, srv);
	dx_ok(&t, c, CID, "update, view");
	return data;
}

static void teardown(struct tmob *m)
{
	SVGA3dCmdDXDestroyShaderResourceView d = { SRV };
	SVGA3dCmdDestroyGBSurface s = { SID };

	CMD(c, SVGA_3D_CMD_DX_DESTROY_SHADERRESOURCE_VIEW, d);
	dx_ok(&t, c, CID, "destroy view");
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, s);
	run_ok(&t, c, "destroy surface");
	tmob_free(m);
}

static void genmips(const char *what, const struct img *im, uint32_t mip0,
		    uint32_t levels, uint32_t slice)
{
	struct tmob m;
	uint8_t *in = setup(&m, im, mip0, levels, slice), *out;
	uint64_t n = total(im);
	SVGA3dCmdDXGenMips g = { SRV };
	SVGA3dCmdReadbackGBSurface rb = { SID };
	uint32_t end = levels > im->mips - mip0 ? im->mips : mip0 + levels;
	unsigned bad = 0, kept = 0, mips = 0;

	CMD(c, SVGA_3D_CMD_DX_GENMIPS, g);
	dx_ok(&t, c, CID, what);
	CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE, rb);
	run_ok(&t, c, "readback");
	out = malloc(n);
	tmob_read(&t, &m, 0, out, n);
	for (uint32_t l = 0; l < im->layers; l++)
		for (uint32_t mip = 0; mip < im->mips; mip++) {
			uint64_t o = mip_off(im, l, mip);
			uint64_t sz = mip_off(im, l, mip + 1) - o;

			if (l >= slice && mip > mip0 && mip < end) {
				bad += check_mip(im, out, l, mip);
				mips++;
			} else {
				kept += memcmp(in + o, out + o, sz) != 0;
			}
		}
	printf("%s: %u mips generated, %u texel channels off, %u untouched "
	       "mips changed\n", what, mips, bad, kept);
	CHECK(mips > 0);
	CHECK_EQ(bad, 0);
	CHECK_EQ(kept, 0);
	free(in);
	free(out);
	teardown(&m);
}

int main(void)
{
	struct tmob cot[SVGA_COTABLE_MAX];
	struct img rgba = { SVGA3D_R8G8B8A8_UNORM, SVGA3D_R8G8B8A8_UNORM, 16,
			    8, 1, 4, 3, 4, false, false };
	struct img srgb = { SVGA3D_B8G8R8A8_UNORM_SRGB,
			    SVGA3D_B8G8R8A8_UNORM_SRGB, 13, 7, 1, 4, 1, 4,
			    true, false };
	struct img tl = { SVGA3D_R8G8B8A8_TYPELESS, SVGA3D_R8G8B8A8_UNORM,
			  8, 8, 1, 4, 1, 4, false, false };
	struct img vol = { SVGA3D_R32_FLOAT, SVGA3D_R32_FLOAT, 8, 4, 4, 3, 1,
			   4, false, true };
	struct img bad = { SVGA3D_R32G32B32A32_UINT, SVGA3D_R32G32B32A32_UINT,
			   4, 4, 1, 3, 1, 16, false, false };
	struct tmob m;

	c = calloc(1, sizeof(*c));
	tdev_init(&t, 64);
	setup_otables(&t, 16);
	dx_setup(&t, c, CID, 8, cot);
	genmips("RGBA8 array, slices 1-2", &rgba, 0, ~0u, 1);
	genmips("RGBA8 array, mips 1-2 of the view", &rgba, 1, 2, 0);
	genmips("BGRA8 sRGB 13x7", &srgb, 0, ~0u, 0);
	genmips("typeless surface, UNORM view", &tl, 0, ~0u, 0);
	genmips("R32F volume", &vol, 0, ~0u, 0);
	/* integer formats have no average: refused, named */
	free(setup(&m, &bad, 0, ~0u, 0));
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, ((SVGA3dCmdDXGenMips){ SRV }));
	dx_err(&t, c, CID, 0, "DX_GENMIPS", "GENMIPS of an integer format");
	teardown(&m);
	/* the screen-object presentation commands are refused by name */
	{
		SVGA3dCmdBlitSurfaceToScreen bs;
		uint32_t dummy = 0;

		memset(&bs, 0, sizeof(bs));
		CMD(c, SVGA_3D_CMD_PRESENT, ((SVGA3dCmdPresent){ SID }));
		dx_err(&t, c, CID, 0, "(PRESENT)", "PRESENT");
		cb_3d(c, SVGA_3D_CMD_PRESENT_READBACK, &dummy, 4);
		dx_err(&t, c, CID, 0, "(PRESENT_READBACK)", "PRESENT_READBACK");
		CMD(c, SVGA_3D_CMD_BLIT_SURFACE_TO_SCREEN, bs);
		dx_err(&t, c, CID, 0, "(BLIT_SURFACE_TO_SCREEN)",
		       "BLIT_SURFACE_TO_SCREEN");
	}
	dx_cot_free(cot);
	tdev_fini(&t);
	free(c);
	return t_report("test_genmips");
}
