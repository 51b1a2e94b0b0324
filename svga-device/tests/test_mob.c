// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MOB page table walks at every depth, checked by moving data through a
 * buffer surface bound to the MOB; MOB error paths; command buffers held
 * in a MOB.
 */
#include "harness.h"

static struct svga_surface *host_surface(struct tdev *t, uint32_t sid)
{
	return svga_obj_get(&t->dev->om, SVGA_OBJ_SURFACE, sid);
}

static void roundtrip(uint32_t fmt, uint32_t npages, uint32_t tail)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m;
	uint32_t size = npages * PG - tail;
	uint8_t *pat = malloc(size), *back = malloc(size);
	struct svga_surface *s;
	SVGA3dCmdUpdateGBSurface up = { 1 };
	SVGA3dCmdReadbackGBSurface rb = { 1 };

	tdev_init(&t, 16);
	setup_otables(&t, 64);
	tmob_build(&t, c, &m, 3, size, fmt);
	define_surface(c, 1, SVGA3D_BUFFER, 0, size, 1, 1, 1, 0);
	bind_surface(c, 1, 3);
	run_ok(&t, c, "define mob + buffer");
	fill_pattern(pat, size, fmt * 7 + npages);
	tmob_write(&t, &m, 0, pat, size);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, up);
	run_ok(&t, c, "update");
	s = host_surface(&t, 1);
	CHECK(s && memcmp(s->data, pat, size) == 0);
	memset(back, 0, size);
	tmob_write(&t, &m, 0, back, size);
	CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE, rb);
	run_ok(&t, c, "readback");
	tmob_read(&t, &m, 0, back, size);
	CHECK(memcmp(back, pat, size) == 0);
	{
		struct svga_counter k;

		CHECK(svga_dev_get_counter(t.dev,
					   SVGA_3D_CMD_UPDATE_GB_SURFACE, &k));
		CHECK_EQ(k.count, 1);
		CHECK_EQ(k.bytes_to_host, size);
		CHECK(svga_dev_get_counter(t.dev,
					   SVGA_3D_CMD_READBACK_GB_SURFACE, &k));
		CHECK_EQ(k.bytes_to_guest, size);
	}
	CHECK_EQ(t.g.errors, 0);
	tmob_free(&m);
	free(pat);
	free(back);
	free(c);
	tdev_fini(&t);
}

static void test_depths(void)
{
	roundtrip(SVGA3D_MOBFMT_PT_0, 1, 0);
	roundtrip(SVGA3D_MOBFMT_PT64_0, 1, 100);
	roundtrip(SVGA3D_MOBFMT_PT_1, 7, 1);
	roundtrip(SVGA3D_MOBFMT_PT64_1, 512, 0);
	roundtrip(SVGA3D_MOBFMT_PT_1, 1024, 0);
	/* depth 2 with more than one level-1 page */
	roundtrip(SVGA3D_MOBFMT_PT64_2, 600, 3);
	roundtrip(SVGA3D_MOBFMT_PT_2, 1030, 0);
	roundtrip(SVGA3D_MOBFMT_RANGE, 9, 17);
}

static void test_errors(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m;
	struct svga_config cfg;

	svga_config_default(&cfg);
	cfg.mob_max_size = 64 * PG;
	tdev_init_cfg(&t, 16, &cfg);
	setup_otables(&t, 64);

	/* too many pages for the depth */
	tmob_build(&t, c, &m, 1, 2 * PG, SVGA3D_MOBFMT_PT64_0);
	run_err(&t, c, 0, "depth 0 with 2 pages");
	tmob_free(&m);
	/* beyond MOB_MAX_SIZE */
	tmob_build(&t, c, &m, 1, 65 * PG, SVGA3D_MOBFMT_PT64_1);
	run_err(&t, c, 0, "MOB_MAX_SIZE");
	tmob_free(&m);
	/* unknown page table format */
	{
		SVGA3dCmdDefineGBMob64 d = { 1, 99, 0x200, PG };

		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, d);
		run_err(&t, c, 0, "bad format");
	}
	/* page table root outside guest memory */
	{
		SVGA3dCmdDefineGBMob64 d = { 1, SVGA3D_MOBFMT_PT64_1,
					     0xfffffffffull, 3 * PG };

		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, d);
		run_err(&t, c, 0, "root outside");
		d.base = 1ull << 60;
		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, d);
		run_err(&t, c, 0, "root PPN overflow");
	}
	/* id beyond the MOB OTable (one page: 256 entries) */
	tmob_build(&t, c, &m, 256, PG, SVGA3D_MOBFMT_PT64_0);
	run_err(&t, c, 0, "id beyond otable");
	tmob_free(&m);
	/* duplicate id, then destroy twice */
	{
		struct tmob m2;
		SVGA3dCmdDestroyGBMob d = { 5 };

		tmob_build(&t, c, &m, 5, PG, SVGA3D_MOBFMT_PT64_0);
		run_ok(&t, c, "mob 5");
		tmob_build(&t, c, &m2, 5, PG, SVGA3D_MOBFMT_PT64_0);
		run_err(&t, c, 0, "duplicate");
		CMD(c, SVGA_3D_CMD_DESTROY_GB_MOB, d);
		CMD(c, SVGA_3D_CMD_DESTROY_GB_MOB, d);
		run_err(&t, c, 1, "double destroy");
		tmob_free(&m);
		tmob_free(&m2);
	}
	/* a data page outside guest memory: define works (PPN is valid),
	 * the transfer fails */
	{
		uint64_t pt = gm_alloc(&t.g, 1), bad = 0x7ffffff;
		SVGA3dCmdDefineGBMob64 d = { 6, SVGA3D_MOBFMT_PT64_1, pt / PG,
					     2 * PG };
		SVGA3dCmdUpdateGBSurface up = { 9 };

		memcpy(gm_ptr(&t.g, pt), &bad, 8);
		memcpy(gm_ptr(&t.g, pt) + 8, &bad, 8);
		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, d);
		define_surface(c, 9, SVGA3D_BUFFER, 0, 2 * PG, 1, 1, 1, 0);
		bind_surface(c, 9, 6);
		run_ok(&t, c, "mob with bad page");
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, up);
		run_err(&t, c, 0, "update from bad page");
	}
	/* EMPTY MOB: defined, but too small to back anything */
	{
		SVGA3dCmdDefineGBMob64 d = { 7, SVGA3D_MOBFMT_EMPTY, 0, 0 };

		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, d);
		define_surface(c, 10, SVGA3D_BUFFER, 0, 16, 1, 1, 1, 0);
		bind_surface(c, 10, 7);
		run_err(&t, c, 2, "bind to empty");
	}
	/* live MOB count */
	{
		struct svga_totals tot;

		svga_dev_get_totals(t.dev, &tot);
		CHECK_EQ(tot.mobs, 2); /* 6 and 7; 5 was destroyed */
	}
	free(c);
	tdev_fini(&t);
}

static void test_mob_page_limit(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m1, m2;
	struct svga_config cfg;

	svga_config_default(&cfg);
	cfg.max_mob_pages = 40;
	tdev_init_cfg(&t, 16, &cfg);
	setup_otables(&t, 4);   /* OTables use 1 page each: 6 pages */
	tmob_build(&t, c, &m1, 1, 30 * PG, SVGA3D_MOBFMT_PT64_1);
	run_ok(&t, c, "30 pages");
	tmob_build(&t, c, &m2, 2, 11 * PG, SVGA3D_MOBFMT_PT64_1);
	run_err(&t, c, 0, "over the page limit");
	tmob_free(&m2);
	{
		SVGA3dCmdDestroyGBMob d = { 1 };

		CMD(c, SVGA_3D_CMD_DESTROY_GB_MOB, d);
		tmob_build(&t, c, &m2, 2, 11 * PG, SVGA3D_MOBFMT_PT64_1);
		run_ok(&t, c, "after destroy");
	}
	tmob_free(&m1);
	tmob_free(&m2);
	free(c);
	tdev_fini(&t);
}

/* Command buffer whose commands live in a MOB (SVGA_CB_FLAG_MOB). */
static void test_cb_in_mob(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m;
	uint32_t fence[2] = { SVGA_CMD_FENCE, 42 };
	uint64_t hdr;
	SVGACBHeader h;

	tdev_init(&t, 16);
	setup_otables(&t, 16);
	tmob_build(&t, c, &m, 2, 3 * PG, SVGA3D_MOBFMT_PT64_1);
	run_ok(&t, c, "cmd mob");
	/* commands straddle a page boundary of the MOB */
	tmob_write(&t, &m, PG - 4, fence, sizeof(fence));
	hdr = gm_alloc(&t.g, 1);
	memset(&h, 0, sizeof(h));
	h.flags = SVGA_CB_FLAG_MOB;
	h.length = sizeof(fence);
	h.ptr.mob.mobid = 2;
	h.ptr.mob.mobOffset = PG - 4;
	memcpy(gm_ptr(&t.g, hdr), &h, sizeof(h));
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_HIGH, 0);
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW, (uint32_t)hdr);
	CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr), SVGA_CB_STATUS_COMPLETED);
	CHECK_EQ(svga_dev_reg_read(t.dev, SVGA_REG_FENCE), 42);
	/* offset beyond the MOB: header error */
	h.ptr.mob.mobOffset = 3 * PG - 4;
	memcpy(gm_ptr(&t.g, hdr), &h, sizeof(h));
	t.g.quiet = true;
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW, (uint32_t)hdr);
	CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr),
		 SVGA_CB_STATUS_CB_HEADER_ERROR);
	tmob_free(&m);
	free(c);
	tdev_fini(&t);
}

int main(void)
{
	test_depths();
	test_errors();
	test_mob_page_limit();
	test_cb_in_mob();
	return t_report("test_mob");
}
