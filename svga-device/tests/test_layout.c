// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Surface layout of every advertised format: block sizes against an
 * independent table written from the D3D/DXGI definitions and against the
 * kernel's g_SVGA3dSurfaceDescs (what vmwgfx computes backing sizes with);
 * the size of each mip / face / layer / depth slice against an independent
 * computation; and the device's surface size against a bound MOB.
 */
#include "harness.h"
#include "svga3d_surfacedefs.h"

struct expect { uint32_t fmt, bw, bpb; };

static const struct expect expected[] = {
	{ SVGA3D_X8R8G8B8, 1, 4 }, { SVGA3D_A8R8G8B8, 1, 4 },
	{ SVGA3D_R5G6B5, 1, 2 }, { SVGA3D_X1R5G5B5, 1, 2 },
	{ SVGA3D_A1R5G5B5, 1, 2 }, { SVGA3D_Z_D16, 1, 2 },
	{ SVGA3D_Z_D24S8, 1, 4 }, { SVGA3D_DXT1, 4, 8 }, { SVGA3D_DXT3, 4, 16 },
	{ SVGA3D_DXT5, 4, 16 }, { SVGA3D_BUFFER, 1, 1 },
	{ SVGA3D_R32G32B32A32_TYPELESS, 1, 16 },
	{ SVGA3D_R32G32B32A32_FLOAT, 1, 16 },
	{ SVGA3D_R32G32B32A32_UINT, 1, 16 },
	{ SVGA3D_R32G32B32A32_SINT, 1, 16 },
	{ SVGA3D_R16G16B16A16_TYPELESS, 1, 8 },
	{ SVGA3D_R16G16B16A16_FLOAT, 1, 8 },
	{ SVGA3D_R16G16B16A16_UNORM, 1, 8 },
	{ SVGA3D_R16G16B16A16_UINT, 1, 8 },
	{ SVGA3D_R16G16B16A16_SNORM, 1, 8 },
	{ SVGA3D_R16G16B16A16_SINT, 1, 8 },
	{ SVGA3D_R32G32B32_TYPELESS, 1, 12 }, { SVGA3D_R32G32B32_FLOAT, 1, 12 },
	{ SVGA3D_R32G32B32_UINT, 1, 12 }, { SVGA3D_R32G32B32_SINT, 1, 12 },
	{ SVGA3D_R32G32_TYPELESS, 1, 8 }, { SVGA3D_R32G32_FLOAT, 1, 8 },
	{ SVGA3D_R32G32_UINT, 1, 8 }, { SVGA3D_R32G32_SINT, 1, 8 },
	{ SVGA3D_R32G8X24_TYPELESS, 1, 8 },
	{ SVGA3D_D32_FLOAT_S8X24_UINT, 1, 8 },
	{ SVGA3D_R32_FLOAT_X8X24, 1, 8 }, { SVGA3D_X32_G8X24_UINT, 1, 8 },
	{ SVGA3D_R10G10B10A2_TYPELESS, 1, 4 },
	{ SVGA3D_R10G10B10A2_UNORM, 1, 4 }, { SVGA3D_R10G10B10A2_UINT, 1, 4 },
	{ SVGA3D_R11G11B10_FLOAT, 1, 4 },
	{ SVGA3D_R8G8B8A8_TYPELESS, 1, 4 }, { SVGA3D_R8G8B8A8_UNORM, 1, 4 },
	{ SVGA3D_R8G8B8A8_UNORM_SRGB, 1, 4 }, { SVGA3D_R8G8B8A8_UINT, 1, 4 },
	{ SVGA3D_R8G8B8A8_SNORM, 1, 4 }, { SVGA3D_R8G8B8A8_SINT, 1, 4 },
	{ SVGA3D_B8G8R8A8_TYPELESS, 1, 4 }, { SVGA3D_B8G8R8A8_UNORM, 1, 4 },
	{ SVGA3D_B8G8R8A8_UNORM_SRGB, 1, 4 },
	{ SVGA3D_B8G8R8X8_TYPELESS, 1, 4 }, { SVGA3D_B8G8R8X8_UNORM, 1, 4 },
	{ SVGA3D_B8G8R8X8_UNORM_SRGB, 1, 4 },
	{ SVGA3D_R16G16_TYPELESS, 1, 4 }, { SVGA3D_R16G16_FLOAT, 1, 4 },
	{ SVGA3D_R16G16_UNORM, 1, 4 }, { SVGA3D_R16G16_UINT, 1, 4 },
	{ SVGA3D_R16G16_SNORM, 1, 4 }, { SVGA3D_R16G16_SINT, 1, 4 },
	{ SVGA3D_R32_TYPELESS, 1, 4 }, { SVGA3D_R32_FLOAT, 1, 4 },
	{ SVGA3D_R32_UINT, 1, 4 }, { SVGA3D_R32_SINT, 1, 4 },
	{ SVGA3D_D32_FLOAT, 1, 4 }, { SVGA3D_R24G8_TYPELESS, 1, 4 },
	{ SVGA3D_D24_UNORM_S8_UINT, 1, 4 }, { SVGA3D_R24_UNORM_X8, 1, 4 },
	{ SVGA3D_X24_G8_UINT, 1, 4 }, { SVGA3D_R9G9B9E5_SHAREDEXP, 1, 4 },
	{ SVGA3D_A4R4G4B4, 1, 2 },
	{ SVGA3D_R8G8_TYPELESS, 1, 2 }, { SVGA3D_R8G8_UNORM, 1, 2 },
	{ SVGA3D_R8G8_UINT, 1, 2 }, { SVGA3D_R8G8_SNORM, 1, 2 },
	{ SVGA3D_R8G8_SINT, 1, 2 }, { SVGA3D_R16_TYPELESS, 1, 2 },
	{ SVGA3D_R16_FLOAT, 1, 2 }, { SVGA3D_R16_UNORM, 1, 2 },
	{ SVGA3D_R16_UINT, 1, 2 }, { SVGA3D_R16_SNORM, 1, 2 },
	{ SVGA3D_R16_SINT, 1, 2 }, { SVGA3D_D16_UNORM, 1, 2 },
	{ SVGA3D_B5G6R5_UNORM, 1, 2 }, { SVGA3D_B5G5R5A1_UNORM, 1, 2 },
	{ SVGA3D_R8_TYPELESS, 1, 1 }, { SVGA3D_R8_UNORM, 1, 1 },
	{ SVGA3D_R8_UINT, 1, 1 }, { SVGA3D_R8_SNORM, 1, 1 },
	{ SVGA3D_R8_SINT, 1, 1 }, { SVGA3D_A8_UNORM, 1, 1 },
	{ SVGA3D_BC1_TYPELESS, 4, 8 }, { SVGA3D_BC1_UNORM, 4, 8 },
	{ SVGA3D_BC1_UNORM_SRGB, 4, 8 }, { SVGA3D_BC2_TYPELESS, 4, 16 },
	{ SVGA3D_BC2_UNORM, 4, 16 }, { SVGA3D_BC2_UNORM_SRGB, 4, 16 },
	{ SVGA3D_BC3_TYPELESS, 4, 16 }, { SVGA3D_BC3_UNORM, 4, 16 },
	{ SVGA3D_BC3_UNORM_SRGB, 4, 16 }, { SVGA3D_BC4_TYPELESS, 4, 8 },
	{ SVGA3D_BC4_UNORM, 4, 8 }, { SVGA3D_BC4_SNORM, 4, 8 },
	{ SVGA3D_BC5_TYPELESS, 4, 16 }, { SVGA3D_BC5_UNORM, 4, 16 },
	{ SVGA3D_BC5_SNORM, 4, 16 }, { SVGA3D_BC6H_TYPELESS, 4, 16 },
	{ SVGA3D_BC6H_UF16, 4, 16 }, { SVGA3D_BC6H_SF16, 4, 16 },
	{ SVGA3D_BC7_TYPELESS, 4, 16 }, { SVGA3D_BC7_UNORM, 4, 16 },
	{ SVGA3D_BC7_UNORM_SRGB, 4, 16 },
};

#define NEXP (sizeof(expected) / sizeof(expected[0]))

static const struct expect *find(uint32_t fmt)
{
	for (unsigned i = 0; i < NEXP; i++)
		if (expected[i].fmt == fmt)
			return &expected[i];
	return NULL;
}

struct shape { uint32_t w, h, d, mips, layers; };

/* Independent size of a (w, h, d) image: ceil to blocks, times bpb. */
static uint64_t img_bytes(const struct expect *e, uint32_t w, uint32_t h,
			  uint32_t d)
{
	uint64_t bx = (w + e->bw - 1) / e->bw, by = (h + e->bw - 1) / e->bw;

	return bx * by * d * e->bpb;
}

static void check_shape(const struct svga_format_info *f,
			const struct expect *e, const struct shape *sh)
{
	struct svga_layout l;
	uint64_t chain = 0;

	if (svga_layout_compute(&l, f->format, sh->w, sh->h, sh->d, sh->mips,
				sh->layers)) {
		CHECK(!"layout failed");
		return;
	}
	for (uint32_t i = 0; i < sh->mips; i++) {
		uint32_t w = sh->w >> i, h = sh->h >> i, d = sh->d >> i;
		uint64_t b;

		w = w ? w : 1;
		h = h ? h : 1;
		d = d ? d : 1;
		b = img_bytes(e, w, h, d);
		CHECK_EQ(l.mip[i].w, w);
		CHECK_EQ(l.mip[i].h, h);
		CHECK_EQ(l.mip[i].d, d);
		CHECK_EQ(l.mip[i].bytes, b);
		CHECK_EQ(l.mip[i].offset, chain);
		CHECK_EQ(l.mip[i].row_stride,
			 (uint64_t)((w + e->bw - 1) / e->bw) * e->bpb);
		chain += b;
	}
	CHECK_EQ(l.mip_chain_bytes, chain);
	CHECK_EQ(l.total_bytes, chain * sh->layers);
}

static void test_formats(void)
{
	static const struct shape shapes[] = {
		{ 1, 1, 1, 1, 1 },
		{ 37, 19, 1, 6, 1 },     /* full chain of a NPOT 2D */
		{ 64, 64, 1, 7, 6 },     /* cube, all mips */
		{ 13, 7, 1, 3, 5 },      /* array */
		{ 9, 7, 5, 4, 1 },       /* volume */
		{ 4096, 3, 1, 13, 2 },
	};
	const SVGA3dSurfaceDesc *kd;

	CHECK_EQ(svga_format_count(), NEXP);
	for (unsigned i = 0; i < svga_format_count(); i++) {
		const struct svga_format_info *f = svga_format_at(i);
		const struct expect *e = find(f->format);

		CHECK(e != NULL);
		if (!e)
			continue;
		CHECK_EQ(f->bytes_per_block, e->bpb);
		CHECK_EQ(f->block_w, e->bw);
		CHECK_EQ(f->block_h, e->bw);
		/* the kernel's table: what vmwgfx sizes backing MOBs with */
		CHECK(f->format < sizeof(g_SVGA3dSurfaceDescs) /
				  sizeof(g_SVGA3dSurfaceDescs[0]));
		kd = &g_SVGA3dSurfaceDescs[f->format];
		CHECK_EQ(kd->format, f->format);
		CHECK_EQ(kd->bytesPerBlock, e->bpb);
		CHECK_EQ(kd->pitchBytesPerBlock, e->bpb);
		CHECK_EQ(kd->blockSize.width, e->bw);
		CHECK_EQ(kd->blockSize.height, e->bw);
		CHECK_EQ(kd->blockSize.depth, 1);
		for (unsigned s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
			if (f->format != SVGA3D_BUFFER || (shapes[s].h == 1 &&
							   shapes[s].d == 1))
				check_shape(f, e, &shapes[s]);
	}
}

static void test_layout_errors(void)
{
	struct svga_layout l;

	/* too many mips for the size */
	CHECK(svga_layout_compute(&l, SVGA3D_R8G8B8A8_UNORM, 8, 8, 1, 5, 1));
	CHECK(!svga_layout_compute(&l, SVGA3D_R8G8B8A8_UNORM, 8, 8, 1, 4, 1));
	CHECK(svga_layout_compute(&l, SVGA3D_R8G8B8A8_UNORM, 0, 8, 1, 1, 1));
	CHECK(svga_layout_compute(&l, SVGA3D_R8G8B8A8_UNORM, 8, 8, 1, 1, 0));
	CHECK(svga_layout_compute(&l, SVGA3D_NV12, 8, 8, 1, 1, 1));
	/* overflow of vmwgfx's 32 bit size */
	CHECK(svga_layout_compute(&l, SVGA3D_R32G32B32A32_FLOAT, 65536, 65536,
				  1, 1, 1));
	CHECK(svga_layout_compute(&l, SVGA3D_R32G32B32A32_FLOAT, 0xffffffffu,
				  0xffffffffu, 0xffffffffu, 1, 0xffffffffu));
}

/* The device's idea of a surface's size is what vmwgfx's backing holds:
 * a MOB of exactly that size binds, one byte less does not. */
static void test_device_sizes(void)
{
	static const struct {
		uint32_t fmt, w, h, d, mips, array;
		uint64_t flags;
	} cases[] = {
		{ SVGA3D_BC1_UNORM, 30, 18, 1, 5, 0, 0 },
		{ SVGA3D_R8G8B8A8_UNORM, 33, 17, 1, 6, 0,
		  SVGA3D_SURFACE_CUBEMAP },
		{ SVGA3D_BC7_UNORM, 64, 64, 1, 7, 3, SVGA3D_SURFACE_ARRAY },
		{ SVGA3D_R16G16B16A16_FLOAT, 17, 9, 6, 3, 0,
		  SVGA3D_SURFACE_VOLUME },
		{ SVGA3D_X8R8G8B8, 800, 600, 1, 1, 0,
		  SVGA3D_SURFACE_SCREENTARGET },
	};
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct expect *e = find(cases[i].fmt);
		uint32_t layers = cases[i].array ? cases[i].array :
			(cases[i].flags & SVGA3D_SURFACE_CUBEMAP) ? 6 : 1;
		uint64_t total = 0;
		struct tmob m1, m2;

		for (uint32_t mip = 0; mip < cases[i].mips; mip++) {
			uint32_t w = cases[i].w >> mip, h = cases[i].h >> mip;
			uint32_t d = cases[i].d >> mip;

			total += img_bytes(e, w ? w : 1, h ? h : 1, d ? d : 1);
		}
		total *= layers;
		define_surface(c, 20 + i, cases[i].fmt, cases[i].flags,
			       cases[i].w, cases[i].h, cases[i].d,
			       cases[i].mips, cases[i].array);
		tmob_build(&t, c, &m1, 2 * i + 1, (uint32_t)total,
			   SVGA3D_MOBFMT_PT64_1);
		tmob_build(&t, c, &m2, 2 * i + 2, (uint32_t)total - 1,
			   SVGA3D_MOBFMT_PT64_1);
		bind_surface(c, 20 + i, 2 * i + 1);
		run_ok(&t, c, "bind exact size");
		bind_surface(c, 20 + i, 2 * i + 2);
		run_err(&t, c, 0, "bind one byte short");
		tmob_free(&m1);
		tmob_free(&m2);
	}
	free(c);
	tdev_fini(&t);
}

int main(void)
{
	test_formats();
	test_layout_errors();
	test_device_sizes();
	return t_report("test_layout");
}
