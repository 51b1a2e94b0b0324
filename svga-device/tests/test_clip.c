// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Boxes and rectangles that reach outside their images: clipped, skipped
 * or refused as README.md ("Boxes and rectangles") says a VMware host
 * does.  Each case checks the bytes of host storage or guest backing (what
 * moved and what did not), that a tolerated case logs no guest error, and
 * that what stays an error still fails the command.
 */
#include "harness.h"

#define W 128   /* IGT's vmw_surface_copy uses 128 x 128 A8R8G8B8 */

static struct svga_surface *hs(struct tdev *t, uint32_t sid)
{
	return svga_obj_get(&t->dev->om, SVGA_OBJ_SURFACE, sid);
}

/* A surface with a bound MOB holding pattern seed, uploaded. */
static void make_surface(struct tdev *t, struct cbuf *c, struct tmob *m,
			 uint32_t sid, uint32_t fmt, uint32_t w, uint32_t h,
			 uint32_t mips, uint32_t seed)
{
	struct svga_layout l;
	SVGA3dCmdUpdateGBSurface u = { sid };
	uint8_t *p;

	CHECK(svga_layout_compute(&l, fmt, w, h, 1, mips, 1) == 0);
	p = malloc(l.total_bytes);
	define_surface(c, sid, fmt, 0, w, h, 1, mips, 0);
	tmob_build(t, c, m, sid, (uint32_t)l.total_bytes,
		   SVGA3D_MOBFMT_PT64_2);
	bind_surface(c, sid, sid);
	fill_pattern(p, l.total_bytes, seed);
	tmob_write(t, m, 0, p, l.total_bytes);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u);
	run_ok(t, c, "make surface");
	free(p);
}

/* Copy a w x h rectangle of 4-byte texels between two row-major images. */
static void ref_copy(uint8_t *dst, uint32_t dpitch, uint32_t dx, uint32_t dy,
		     const uint8_t *src, uint32_t spitch, uint32_t sx,
		     uint32_t sy, uint32_t w, uint32_t h)
{
	for (uint32_t y = 0; y < h; y++)
		memmove(dst + (dy + y) * dpitch + dx * 4,
			src + (sy + y) * spitch + sx * 4, w * 4);
}

struct copy_case {
	const char *what;
	SVGA3dSurfaceImageId src, dst;
	SVGA3dCopyBox box;
	/* what must move: w == 0 for nothing */
	uint32_t sx, sy, dx, dy, w, h;
};

/*
 * IGT's test_invalid_copies, one command at a time, plus partly-outside
 * boxes whose clipped result is checked texel by texel.
 */
static void test_surface_copy(void)
{
	static const struct copy_case cases[] = {
		{ "valid 1x1", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 0, 0, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 1, 1 },
		{ "x past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 129, 0, 0, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "w past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 3, 0, 129, 1, 1, 0, 4, 0 }, 0, 4, 0, 3, W, 1 },
		{ "srcx past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 0, 0, 1, 1, 1, 129, 0, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "y past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 129, 0, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "h past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 5, 0, 0, 1, 129, 1, 6, 0, 0 }, 6, 0, 5, 0, 1, W },
		{ "srcy past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 0, 0, 1, 1, 1, 0, 129, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "z past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 0, 2, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "d past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 7, 7, 0, 1, 1, 2, 8, 8, 0 }, 8, 8, 7, 7, 1, 1 },
		{ "srcz past the edge", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 0, 0, 1, 1, 1, 0, 0, 2 }, 0, 0, 0, 0, 0, 0 },
		{ "corner of the destination", { 1, 0, 0 }, { 2, 0, 0 },
		  { 120, 125, 0, 20, 9, 1, 2, 100, 0 },
		  2, 100, 120, 125, 8, 3 },
		{ "corner of the source", { 1, 0, 0 }, { 2, 0, 0 },
		  { 0, 10, 0, 10, 6, 1, 125, 124, 0 }, 125, 124, 0, 10, 3, 4 },
		{ "source face 2", { 1, 2, 0 }, { 2, 0, 0 },
		  { 0, 0, 0, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "destination face 2", { 1, 0, 0 }, { 2, 2, 0 },
		  { 0, 0, 0, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 0, 0 },
		{ "source mip 1", { 1, 0, 1 }, { 2, 0, 0 },
		  { 0, 0, 0, 1, 1, 1, 0, 0, 0 }, 0, 0, 0, 0, 0, 0 },
	};
	const uint32_t pitch = W * 4, bytes = W * W * 4;
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m1, m2;
	uint8_t *expect = malloc(bytes);

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	make_surface(&t, c, &m1, 1, SVGA3D_A8R8G8B8, W, W, 1, 11);
	make_surface(&t, c, &m2, 2, SVGA3D_A8R8G8B8, W, W, 1, 22);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct copy_case *k = &cases[i];
		struct {
			SVGA3dCmdSurfaceCopy c;
			SVGA3dCopyBox b;
		} sc = { { k->src, k->dst }, k->box };
		unsigned errors = t.g.errors;

		memcpy(expect, hs(&t, 2)->data, bytes);
		ref_copy(expect, pitch, k->dx, k->dy, hs(&t, 1)->data, pitch,
			 k->sx, k->sy, k->w, k->h);
		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
		run_ok(&t, c, k->what);
		t_checks += 2;
		if (memcmp(hs(&t, 2)->data, expect, bytes)) {
			t_failures++;
			fprintf(stderr, "%s: destination differs\n", k->what);
		}
		if (t.g.errors != errors) {
			t_failures++;
			fprintf(stderr, "%s: guest error \"%s\"\n", k->what,
				t.g.last_error);
		}
	}
	/* what stays an error: a surface that does not exist */
	{
		struct {
			SVGA3dCmdSurfaceCopy c;
			SVGA3dCopyBox b;
		} sc = { { { 77, 0, 0 }, { 2, 0, 0 } },
			 { 0, 0, 0, 1, 1, 1, 0, 0, 0 } };

		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
		run_err(&t, c, 0, "copy from a surface that does not exist");
		CHECK(strstr(t.g.last_error, "no surface 77") != NULL);
		sc.c.src.sid = 1;
		sc.c.dest.sid = 77;
		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
		run_err(&t, c, 0, "copy to a surface that does not exist");
	}
	free(expect);
	tmob_free(&m1);
	tmob_free(&m2);
	free(c);
	tdev_fini(&t);
}

/* Bytes of texel (x, y) of mip 0 of an 8 x 8 RGBA8 image. */
#define PX(p, x, y) ((p) + ((y) * 8 + (x)) * 4)

static uint64_t to_host_bytes(struct tdev *t, uint32_t id)
{
	struct svga_counter k;

	CHECK(svga_dev_get_counter(t->dev, id, &k));
	return k.bytes_to_host;
}

/* UPDATE / READBACK / INVALIDATE with boxes partly or wholly outside. */
static void test_transfers(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m;
	struct svga_layout l;
	uint8_t *guest, *host, *g;
	unsigned errors;

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	CHECK(svga_layout_compute(&l, SVGA3D_R8G8B8A8_UNORM, 8, 8, 1, 2,
				  1) == 0);
	guest = malloc(l.total_bytes);
	host = calloc(1, l.total_bytes);
	g = malloc(l.total_bytes);
	define_surface(c, 3, SVGA3D_R8G8B8A8_UNORM, 0, 8, 8, 1, 2, 0);
	tmob_build(&t, c, &m, 3, (uint32_t)l.total_bytes,
		   SVGA3D_MOBFMT_PT64_2);
	bind_surface(c, 3, 3);
	run_ok(&t, c, "surface");
	fill_pattern(guest, l.total_bytes, 5);
	tmob_write(&t, &m, 0, guest, l.total_bytes);
	errors = t.g.errors;

	/* UPDATE_GB_IMAGE: 4x4 at (6,6) moves the 2x2 inside */
	{
		SVGA3dCmdUpdateGBImage u = { { 3, 0, 0 },
					     { 6, 6, 0, 4, 4, 1 } };

		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		run_ok(&t, c, "update corner");
		for (uint32_t y = 6; y < 8; y++)
			memcpy(PX(host, 6, y), PX(guest, 6, y), 8);
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		CHECK_EQ(to_host_bytes(&t, SVGA_3D_CMD_UPDATE_GB_IMAGE), 16);
		/* wholly outside: nothing moves, nothing is counted */
		u.box = (SVGA3dBox){ 8, 0, 0, 1, 1, 1 };
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		u.box = (SVGA3dBox){ 0, 0, 1, 8, 8, 1 };
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		run_ok(&t, c, "update outside");
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		CHECK_EQ(to_host_bytes(&t, SVGA_3D_CMD_UPDATE_GB_IMAGE), 16);
		/* a width whose end overflows 32 bits: row 0, whole */
		u.box = (SVGA3dBox){ 0, 0, 0, 0xffffffffu, 1, 1 };
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		run_ok(&t, c, "update overflowing width");
		memcpy(host, guest, 32);
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		CHECK_EQ(to_host_bytes(&t, SVGA_3D_CMD_UPDATE_GB_IMAGE), 48);
		CHECK_EQ(t.g.errors, errors);
		/* an image the surface lacks stays an error */
		u.image.mipmap = 2;
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		run_err(&t, c, 0, "update of mip 2");
	}
	/* DX_UPDATE_SUBRESOURCE: subresource 1 is mip 1 (4x4) */
	{
		SVGA3dCmdDXUpdateSubResource u = { 3, 1, { 2, 2, 0, 5, 5, 1 } };
		const struct svga_mip_layout *m1 = &l.mip[1];

		errors = t.g.errors;
		CMD(c, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, u);
		run_ok(&t, c, "dx update corner");
		for (uint32_t y = 2; y < 4; y++)
			memcpy(host + m1->offset + y * 16 + 8,
			       guest + m1->offset + y * 16 + 8, 8);
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		CHECK_EQ(t.g.errors, errors);
		u.subResource = 2;
		CMD(c, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, u);
		run_err(&t, c, 0, "dx update of subresource 2");
	}
	/* READBACK_GB_IMAGE_PARTIAL, with and without invertBox */
	{
		SVGA3dCmdUpdateGBSurface us = { 3 };
		SVGA3dCmdReadbackGBImagePartial r = {
			{ 3, 0, 0 }, { 6, 6, 0, 4, 4, 1 }, 0
		};

		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, us);
		run_ok(&t, c, "update all");
		memset(g, 0, l.total_bytes);
		tmob_write(&t, &m, 0, g, l.total_bytes);
		errors = t.g.errors;
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL, r);
		run_ok(&t, c, "readback corner");
		memset(host, 0, l.total_bytes);
		for (uint32_t y = 6; y < 8; y++)
			memcpy(PX(host, 6, y), PX(guest, 6, y), 8);
		tmob_read(&t, &m, 0, g, l.total_bytes);
		CHECK(memcmp(g, host, l.total_bytes) == 0);
		/* wholly outside: nothing; inverted: the whole image */
		r.box = (SVGA3dBox){ 9, 9, 0, 1, 1, 1 };
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL, r);
		run_ok(&t, c, "readback outside");
		tmob_read(&t, &m, 0, g, l.total_bytes);
		CHECK(memcmp(g, host, l.total_bytes) == 0);
		r.invertBox = 1;
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL, r);
		run_ok(&t, c, "readback inverted outside");
		memcpy(host, guest, l.mip[0].bytes);
		tmob_read(&t, &m, 0, g, l.total_bytes);
		CHECK(memcmp(g, host, l.total_bytes) == 0);
		CHECK_EQ(t.g.errors, errors);
	}
	/* INVALIDATE_GB_IMAGE_PARTIAL */
	{
		SVGA3dCmdInvalidateGBImagePartial iv = {
			{ 3, 0, 0 }, { 7, 7, 0, 100, 100, 100 }, 0
		};

		errors = t.g.errors;
		CMD(c, SVGA_3D_CMD_INVALIDATE_GB_IMAGE_PARTIAL, iv);
		iv.box.x = 1000;
		CMD(c, SVGA_3D_CMD_INVALIDATE_GB_IMAGE_PARTIAL, iv);
		run_ok(&t, c, "invalidate outside");
		CHECK_EQ(t.g.errors, errors);
		iv.image.face = 1;
		CMD(c, SVGA_3D_CMD_INVALIDATE_GB_IMAGE_PARTIAL, iv);
		run_err(&t, c, 0, "invalidate of face 1");
	}
	/* INTRA_SURFACE_COPY and DX_PRED_COPY_REGION (host storage = guest) */
	{
		SVGA3dCmdIntraSurfaceCopy ic = {
			{ 3, 0, 0 }, { 6, 0, 0, 4, 1, 1, 0, 1, 0 }
		};
		SVGA3dCmdDXPredCopyRegion pc = {
			3, 1, 3, 0, { 3, 3, 0, 4, 4, 1, 0, 0, 0 }
		};
		const struct svga_mip_layout *m1 = &l.mip[1];

		memcpy(host, hs(&t, 3)->data, l.total_bytes);
		errors = t.g.errors;
		CMD(c, SVGA_3D_CMD_INTRA_SURFACE_COPY, ic);
		run_ok(&t, c, "intra copy clipped");
		memcpy(PX(host, 6, 0), PX(host, 0, 1), 8);
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		ic.surface.face = 3;
		CMD(c, SVGA_3D_CMD_INTRA_SURFACE_COPY, ic);
		run_ok(&t, c, "intra copy of face 3");
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pc);
		run_ok(&t, c, "pred copy region clipped");
		memcpy(host + m1->offset + 3 * 16 + 12, PX(host, 0, 0), 4);
		CHECK(memcmp(hs(&t, 3)->data, host, l.total_bytes) == 0);
		CHECK_EQ(t.g.errors, errors);
		pc.srcSubResource = 5;
		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pc);
		run_err(&t, c, 0, "pred copy region of subresource 5");
	}
	free(guest);
	free(host);
	free(g);
	tmob_free(&m);
	free(c);
	tdev_fini(&t);
}

/* UPDATE_GB_SCREENTARGET: the rectangle is clipped to the target. */
static void test_screen_target(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	SVGA3dCmdDefineGBScreenTarget d = { 0, 64, 32, 0, 0, 0, 0 };
	SVGA3dCmdUpdateGBScreenTarget u = { 0, { 60, 30, 10, 10 } };
	unsigned errors;

	tdev_init(&t, 16);
	setup_otables(&t, 16);
	CMD(c, SVGA_3D_CMD_DEFINE_GB_SCREENTARGET, d);
	run_ok(&t, c, "screen target");
	errors = t.g.errors;
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET, u);
	run_ok(&t, c, "update corner");
	CHECK_EQ(t.g.screen_updates, 1);
	CHECK_EQ(t.g.last_screen[1], 60);
	CHECK_EQ(t.g.last_screen[2], 30);
	CHECK_EQ(t.g.last_screen[3], 4);
	CHECK_EQ(t.g.last_screen[4], 2);
	u.rect = (SVGA3dRect){ 64, 0, 1, 1 };
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET, u);
	run_ok(&t, c, "update outside");
	CHECK_EQ(t.g.screen_updates, 1);
	CHECK_EQ(t.g.errors, errors);
	u.stid = 5;
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET, u);
	run_err(&t, c, 0, "update of screen target 5");
	free(c);
	tdev_fini(&t);
}

int main(void)
{
	test_surface_copy();
	test_transfers();
	test_screen_target();
	return t_report("test_clip");
}
