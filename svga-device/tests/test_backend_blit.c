// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: DX_PRESENTBLT on the renderer, and GENMIPS after
 * it (the newest-copy rule).  An 8x8 RGBA8 pattern enters by
 * UPDATE_GB_SURFACE, is blitted (nearest, 2x) into mip 0 of a 16x16
 * surface with 3 mips on the GPU, GENMIPS then filters on host storage,
 * and READBACK_GB_SURFACE must return: mip 0 texel (x,y) = source
 * (x/2,y/2) exactly, mips 1 and 2 the averages of their parents (±1).
 * If GENMIPS read host storage without first reading back what the GPU
 * wrote, mip 1 would be filtered from stale bytes.  Then: a new UPDATE of
 * the source reaches the GPU before the next blit; a box outside its
 * subresource blits nothing and is no error; FORCE_SRC_SRGB is a command
 * error naming PRESENTBLT.  Exit 77 (skip) only when no Vulkan device.
 */
#include "backend_harness.h"

#include <math.h>
#if defined(__SANITIZE_ADDRESS__)
#endif

#define CID 2
#define SRC 1
#define DST 2
#define MOB_SRC 20
#define MOB_DST 21
#define SRV 4
#define DST_BYTES ((16 * 16 + 8 * 8 + 4 * 4) * 4)

static struct tdev t;
static struct cbuf *c;
static struct tmob msrc, mdst;
static uint8_t src[8 * 8 * 4];

static void upload_src(uint32_t salt)
{
	SVGA3dCmdUpdateGBSurface up = { SRC };

	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 37 + salt);
	tmob_write(&t, &msrc, 0, src, sizeof(src));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, up);
	run_ok(&t, c, "upload source");
}

static void blit(uint32_t mode)
{
	SVGA3dCmdDXPresentBlt pb = { SRC, 0, DST, 0, { 0, 0, 0, 8, 8, 1 },
				     { 0, 0, 0, 16, 16, 1 }, mode };

	CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
}

static void readback(uint8_t *out)
{
	SVGA3dCmdReadbackGBSurface rb = { DST };

	CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE, rb);
	run_ok(&t, c, "readback");
	tmob_read(&t, &mdst, 0, out, DST_BYTES);
}

/* Mip 0 is the 2x nearest blit of src. */
static unsigned check_blit(const uint8_t *out)
{
	unsigned bad = 0;

	for (uint32_t y = 0; y < 16; y++)
		for (uint32_t x = 0; x < 16; x++)
			bad += memcmp(out + (y * 16 + x) * 4,
				      src + ((y / 2) * 8 + x / 2) * 4, 4) != 0;
	return bad;
}

/* Mip of size n (at off) against its parent (size 2n at poff). */
static unsigned check_avg(const uint8_t *out, uint32_t poff, uint32_t off,
			  uint32_t n)
{
	unsigned bad = 0;

	for (uint32_t y = 0; y < n; y++)
		for (uint32_t x = 0; x < n; x++)
			for (int k = 0; k < 4; k++) {
				float s = 0;

				for (int i = 0; i < 4; i++)
					s += out[poff + (((2 * y + i / 2) * 2 * n) +
						 2 * x + i % 2) * 4 + k];
				s /= 4;
				bad += fabsf(out[off + (y * n + x) * 4 + k] - s) >
				       1.01f;
			}
	return bad;
}

static void setup(void)
{
	struct tmob cot[SVGA_COTABLE_MAX];
	SVGA3dCmdDXDefineShaderResourceView srv;

	setup_otables(&t, 16);
	dx_setup(&t, c, CID, 8, cot);
	tmob_build(&t, c, &msrc, MOB_SRC, sizeof(src), SVGA3D_MOBFMT_PT64_0);
	tmob_build(&t, c, &mdst, MOB_DST, DST_BYTES, SVGA3D_MOBFMT_PT64_1);
	define_surface(c, SRC, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_SHADER_RESOURCE, 8, 8, 1, 1, 0);
	define_surface(c, DST, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_SHADER_RESOURCE |
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, 16, 16, 1, 3, 0);
	bind_surface(c, SRC, MOB_SRC);
	bind_surface(c, DST, MOB_DST);
	run_ok(&t, c, "surfaces");
	memset(&srv, 0, sizeof(srv));
	srv.shaderResourceViewId = SRV;
	srv.sid = DST;
	srv.format = SVGA3D_R8G8B8A8_UNORM;
	srv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	srv.desc.tex.mipLevels = 3;
	srv.desc.tex.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, srv);
	dx_ok(&t, c, CID, "view");
	dx_cot_free(cot);
}

int main(void)
{
	struct svga_backend *be;
	uint8_t out[DST_BYTES];
	int rc;

	c = calloc(1, sizeof(*c));
	tdev_init(&t, 64);
	rc = backend_attach_or_skip(&t, &be, "test_backend_blit");
	if (rc)
		return rc;
	setup();
	upload_src(0);
	blit(0);
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, ((SVGA3dCmdDXGenMips){ SRV }));
	dx_ok(&t, c, CID, "PRESENTBLT, GENMIPS");
	readback(out);
	CHECK_EQ(check_blit(out), 0);
	CHECK_EQ(check_avg(out, 0, 16 * 16 * 4, 8), 0);
	CHECK_EQ(check_avg(out, 16 * 16 * 4, (16 * 16 + 8 * 8) * 4, 4), 0);

	/* a new source upload reaches the GPU before the next blit */
	upload_src(101);
	blit(SVGADX_PRESENTBLT_LINEAR);   /* 2x linear: not exact, so ... */
	blit(0);                          /* ... nearest over it */
	dx_ok(&t, c, CID, "blits of the new source");
	readback(out);
	CHECK_EQ(check_blit(out), 0);

	/* tolerated: a box outside the source; refused: FORCE_SRC_SRGB */
	{
		SVGA3dCmdDXPresentBlt pb = { SRC, 0, DST, 0,
			{ 4, 4, 0, 8, 8, 1 }, { 0, 0, 0, 4, 4, 1 }, 0 };

		CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
		dx_ok(&t, c, CID, "box outside the source: nothing blitted");
		readback(out);
		CHECK_EQ(check_blit(out), 0);
	}
	blit(SVGADX_PRESENTBLT_FORCE_SRC_SRGB);
	dx_err(&t, c, CID, 0, "DX_PRESENTBLT", "FORCE_SRC_SRGB");

	svga_backend_detach(be);
	tmob_free(&msrc);
	tmob_free(&mdst);
	tdev_fini(&t);
	free(c);
	return t_report("test_backend_blit");
}
