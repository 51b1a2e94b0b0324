// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Update / readback round trips (whole, partial, inverted, DX
 * subresources) for mips, array layers, cube faces, volumes and BC
 * formats; GPU-side copies; RTV and DSV clears; counters; error paths.  The test
 * keeps its own model of host storage and guest backing and compares both
 * byte for byte after each command.
 */
#include "harness.h"

struct model {
	struct svga_layout l;   /* verified independently by test_layout */
	uint8_t *host, *guest;
	struct tmob m;
	uint32_t sid;
};

static void blk_apply(const struct model *md, uint8_t *dst,
		      const uint8_t *src, uint32_t layer, uint32_t mip,
		      const SVGA3dBox *b, bool invert)
{
	const struct svga_mip_layout *m = &md->l.mip[mip];
	const struct svga_format_info *f = md->l.fmt;
	uint32_t x0 = b->x / f->block_w, y0 = b->y / f->block_h, z0 = b->z;
	uint32_t x1 = (b->x + b->w + f->block_w - 1) / f->block_w;
	uint32_t y1 = (b->y + b->h + f->block_h - 1) / f->block_h;
	uint32_t z1 = b->z + b->d;
	uint64_t base = layer * md->l.mip_chain_bytes + m->offset;
	bool empty = !b->w || !b->h || !b->d;

	for (uint32_t z = 0; z < m->bd; z++)
		for (uint32_t y = 0; y < m->bh; y++)
			for (uint32_t x = 0; x < m->bw; x++) {
				bool in = !empty && x >= x0 && x < x1 &&
					  y >= y0 && y < y1 && z >= z0 &&
					  z < z1;
				uint64_t o = base + z * m->img_stride +
					     y * m->row_stride +
					     (uint64_t)x * f->bytes_per_block;

				if (in != invert)
					memcpy(dst + o, src + o,
					       f->bytes_per_block);
			}
}

static void model_init(struct tdev *t, struct cbuf *c, struct model *md,
		       uint32_t sid, uint32_t mobid, uint32_t fmt,
		       uint64_t flags, uint32_t w, uint32_t h, uint32_t d,
		       uint32_t mips, uint32_t array)
{
	uint32_t layers = array ? array :
			  (flags & SVGA3D_SURFACE_CUBEMAP) ? 6 : 1;

	memset(md, 0, sizeof(*md));
	CHECK(svga_layout_compute(&md->l, fmt, w, h, d, mips, layers) == 0);
	md->sid = sid;
	md->host = calloc(1, md->l.total_bytes);
	md->guest = calloc(1, md->l.total_bytes);
	define_surface(c, sid, fmt, flags, w, h, d, mips, array);
	tmob_build(t, c, &md->m, mobid, (uint32_t)md->l.total_bytes,
		   SVGA3D_MOBFMT_PT64_2);
	bind_surface(c, sid, mobid);
	run_ok(t, c, "model_init");
}

static void model_fini(struct model *md)
{
	free(md->host);
	free(md->guest);
	tmob_free(&md->m);
}

/* New random guest contents. */
static void model_scribble(struct tdev *t, struct model *md, uint32_t seed)
{
	fill_pattern(md->guest, md->l.total_bytes, seed);
	tmob_write(t, &md->m, 0, md->guest, md->l.total_bytes);
}

static void model_check(struct tdev *t, struct model *md, const char *what)
{
	struct svga_surface *s = svga_obj_get(&t->dev->om, SVGA_OBJ_SURFACE,
					      md->sid);
	uint8_t *g = malloc(md->l.total_bytes);

	tmob_read(t, &md->m, 0, g, md->l.total_bytes);
	t_checks += 2;
	if (!s || memcmp(s->data, md->host, md->l.total_bytes)) {
		t_failures++;
		fprintf(stderr, "%s: host storage differs from model\n", what);
	}
	if (memcmp(g, md->guest, md->l.total_bytes)) {
		t_failures++;
		fprintf(stderr, "%s: guest backing differs from model\n", what);
	}
	free(g);
}

static void test_roundtrips(void)
{
	static const struct {
		uint32_t fmt, w, h, d, mips, array;
		uint64_t flags;
	} cases[] = {
		{ SVGA3D_B8G8R8A8_UNORM, 37, 21, 1, 6, 0, 0 },
		{ SVGA3D_BC1_UNORM, 30, 18, 1, 5, 0, 0 },
		{ SVGA3D_BC3_UNORM, 16, 16, 1, 5, 0, SVGA3D_SURFACE_CUBEMAP },
		{ SVGA3D_R16G16B16A16_FLOAT, 9, 7, 5, 3, 0,
		  SVGA3D_SURFACE_VOLUME },
		{ SVGA3D_R8_UNORM, 11, 5, 1, 2, 4, SVGA3D_SURFACE_ARRAY },
		{ SVGA3D_BUFFER, 1000, 1, 1, 1, 0, 0 },
	};
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	uint64_t expected_errors = 0;

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct model md;
		uint32_t sid = 1 + i, seed = 100 * i;

		model_init(&t, c, &md, sid, 10 + i, cases[i].fmt,
			   cases[i].flags, cases[i].w, cases[i].h, cases[i].d,
			   cases[i].mips, cases[i].array);
		/* whole surface up */
		model_scribble(&t, &md, seed++);
		{
			SVGA3dCmdUpdateGBSurface u = { sid };

			CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u);
			run_ok(&t, c, "update surface");
			memcpy(md.host, md.guest, md.l.total_bytes);
			model_check(&t, &md, "update surface");
		}
		for (uint32_t layer = 0; layer < md.l.num_layers; layer++) {
			for (uint32_t mip = 0; mip < md.l.num_mips; mip++) {
				const struct svga_mip_layout *m =
					&md.l.mip[mip];
				const struct svga_format_info *f = md.l.fmt;
				SVGA3dBox box = {
					/* block aligned start, odd size */
					(m->w / 3) / f->block_w * f->block_w,
					(m->h / 2) / f->block_h * f->block_h,
					m->d / 2, 0, 0, 0
				};
				SVGA3dCmdUpdateGBImage u;
				SVGA3dCmdReadbackGBImagePartial rp;
				SVGA3dCmdDXUpdateSubResource dxu;
				SVGA3dCmdDXReadbackSubResource dxr;
				SVGA3dCmdReadbackGBImage rb;

				box.w = m->w - box.x > 1 ? m->w - box.x - 1 :
					m->w - box.x;
				box.h = m->h - box.y;
				box.d = m->d - box.z;
				u.image = (SVGA3dSurfaceImageId){ sid, layer,
								  mip };
				u.box = box;
				rp.image = u.image;
				rp.box = box;
				rp.invertBox = 0;
				rb.image = u.image;
				if (cases[i].array && layer > 0) {
					/* GB-image commands do not address DX
					 * array layers: refused */
					CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
					run_err(&t, c, 0, "update image, layer");
					CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL,
					    rp);
					run_err(&t, c, 0, "readback partial, layer");
					CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
					run_err(&t, c, 0, "readback image, layer");
					expected_errors += 3;
					model_check(&t, &md, "refused, layer");
					goto dx;
				}
				/* partial image update */
				model_scribble(&t, &md, seed++);
				CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
				run_ok(&t, c, "update image");
				blk_apply(&md, md.host, md.guest, layer, mip,
					  &box, false);
				model_check(&t, &md, "update image");
				/* partial readback and inverted readback */
				model_scribble(&t, &md, seed++);
				CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL,
				    rp);
				run_ok(&t, c, "readback partial");
				blk_apply(&md, md.guest, md.host, layer, mip,
					  &box, false);
				model_check(&t, &md, "readback partial");
				rp.invertBox = 1;
				CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL,
				    rp);
				run_ok(&t, c, "readback inverted");
				blk_apply(&md, md.guest, md.host, layer, mip,
					  &box, true);
				model_check(&t, &md, "readback inverted");
dx:
				/* DX subresource update / readback */
				model_scribble(&t, &md, seed++);
				dxu.sid = sid;
				dxu.subResource = layer * md.l.num_mips + mip;
				dxu.box = (SVGA3dBox){ 0, 0, 0, m->w, 1, 1 };
				CMD(c, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, dxu);
				run_ok(&t, c, "dx update");
				blk_apply(&md, md.host, md.guest, layer, mip,
					  &dxu.box, false);
				model_check(&t, &md, "dx update");
				model_scribble(&t, &md, seed++);
				dxr.sid = sid;
				dxr.subResource = dxu.subResource;
				CMD(c, SVGA_3D_CMD_DX_READBACK_SUBRESOURCE, dxr);
				run_ok(&t, c, "dx readback");
				box = (SVGA3dBox){ 0, 0, 0, m->w, m->h, m->d };
				blk_apply(&md, md.guest, md.host, layer, mip,
					  &box, false);
				model_check(&t, &md, "dx readback");
				if (cases[i].array && layer > 0)
					continue;
				CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
				run_ok(&t, c, "readback image");
				model_check(&t, &md, "readback image");
			}
		}
		{
			SVGA3dCmdReadbackGBSurface r = { sid };

			model_scribble(&t, &md, seed++);
			CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE, r);
			run_ok(&t, c, "readback surface");
			memcpy(md.guest, md.host, md.l.total_bytes);
			model_check(&t, &md, "readback surface");
		}
		model_fini(&md);
	}
	CHECK_EQ(t.g.errors, expected_errors);
	free(c);
	tdev_fini(&t);
}

static void test_counters(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model md;
	struct svga_counter k;
	struct svga_totals tot;
	SVGA3dCmdUpdateGBImage u = { { 1, 0, 0 }, { 2, 1, 0, 3, 2, 1 } };
	SVGA3dCmdReadbackGBImagePartial rp = { { 1, 0, 0 },
					       { 0, 0, 0, 4, 4, 1 }, 1 };

	tdev_init(&t, 16);
	setup_otables(&t, 16);
	model_init(&t, c, &md, 1, 1, SVGA3D_R8G8B8A8_UNORM, 0, 8, 8, 1, 1, 0);
	svga_dev_reset_counters(t.dev);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
	CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL, rp);
	run_ok(&t, c, "counted");
	CHECK(svga_dev_get_counter(t.dev, SVGA_3D_CMD_UPDATE_GB_IMAGE, &k));
	CHECK_EQ(k.count, 2);
	CHECK_EQ(k.bytes_to_host, 2 * 3 * 2 * 4);
	CHECK_EQ(k.bytes_to_guest, 0);
	CHECK(svga_dev_get_counter(t.dev, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL,
				   &k));
	CHECK_EQ(k.count, 1);
	CHECK_EQ(k.bytes_to_guest, (64 - 16) * 4);
	svga_dev_get_totals(t.dev, &tot);
	CHECK_EQ(tot.all.count, 3);
	CHECK_EQ(tot.all.bytes_to_host, 48);
	CHECK_EQ(tot.all.bytes_to_guest, 192);
	CHECK_EQ(tot.surfaces, 1);
	CHECK_EQ(tot.host_storage, 256);
	/* the same through the guest-visible window */
	svga_dev_reg_write(t.dev, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
			   SVGA_3D_CMD_UPDATE_GB_IMAGE);
	CHECK_EQ(svga_dev_reg_read(t.dev, SVGA_CSTATS_BASE +
				   SVGA_CSTATS_TO_HOST_LO), 48);
	svga_dev_reg_write(t.dev, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
			   SVGA_CSTATS_SELECT_TOTALS);
	CHECK_EQ(svga_dev_reg_read(t.dev, SVGA_CSTATS_BASE +
				   SVGA_CSTATS_TO_GUEST_LO), 192);
	CHECK(!svga_dev_get_counter(t.dev, SVGA_COUNTER_SLOTS, &k));
	model_fini(&md);
	free(c);
	tdev_fini(&t);
}

static struct svga_surface *hs(struct tdev *t, uint32_t sid)
{
	return svga_obj_get(&t->dev->om, SVGA_OBJ_SURFACE, sid);
}

static void test_copies(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model a, b, bc, bb;

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	model_init(&t, c, &a, 1, 1, SVGA3D_R8G8B8A8_UNORM, 0, 16, 16, 1, 2, 2);
	model_init(&t, c, &b, 2, 2, SVGA3D_R8G8B8A8_UINT, 0, 16, 16, 1, 2, 2);
	model_init(&t, c, &bc, 3, 3, SVGA3D_BC1_UNORM, 0, 16, 12, 1, 1, 0);
	model_init(&t, c, &bb, 4, 4, SVGA3D_BUFFER, 0, 256, 1, 1, 1, 0);
	model_scribble(&t, &a, 1);
	model_scribble(&t, &bc, 2);
	model_scribble(&t, &bb, 3);
	{
		SVGA3dCmdUpdateGBSurface u1 = { 1 }, u3 = { 3 }, u4 = { 4 };

		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u1);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u3);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u4);
		run_ok(&t, c, "uploads");
	}
	/* SURFACE_COPY with two boxes: a layer 1 mip 0 -> b layer 0 mip 0 */
	{
		struct {
			SVGA3dCmdSurfaceCopy c;
			SVGA3dCopyBox b[2];
		} sc = {
			{ { 1, 1, 0 }, { 2, 0, 0 } },
			{ { 1, 2, 0, 3, 4, 1, 5, 6, 0 },
			  { 10, 10, 0, 5, 5, 1, 0, 0, 0 } }
		};
		const struct svga_mip_layout *m = &a.l.mip[0];

		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
		run_ok(&t, c, "surface copy");
		for (unsigned k = 0; k < 2; k++)
			for (uint32_t y = 0; y < sc.b[k].h; y++)
				CHECK(memcmp(hs(&t, 2)->data +
					     (sc.b[k].y + y) * m->row_stride +
					     sc.b[k].x * 4,
					     hs(&t, 1)->data +
					     a.l.mip_chain_bytes +
					     (sc.b[k].srcy + y) *
					     m->row_stride + sc.b[k].srcx * 4,
					     sc.b[k].w * 4) == 0);
	}
	/* DX_PRED_COPY_REGION into mip 1 of layer 1 */
	{
		SVGA3dCmdDXPredCopyRegion pc = {
			2, 1 * 2 + 1, 1, 0, { 1, 1, 0, 7, 7, 1, 0, 0, 0 }
		};
		const struct svga_mip_layout *m1 = &b.l.mip[1];

		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pc);
		run_ok(&t, c, "pred copy region");
		for (uint32_t y = 0; y < 7; y++)
			CHECK(memcmp(hs(&t, 2)->data + b.l.mip_chain_bytes +
				     m1->offset + (1 + y) * m1->row_stride + 4,
				     hs(&t, 1)->data + y * a.l.mip[0].row_stride,
				     7 * 4) == 0);
		/* a subresource the destination lacks */
		pc.dstSubResource = 2 * 2;
		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pc);
		run_err(&t, c, 0, "pred copy region: no subresource");
	}
	/* whole-surface copy */
	{
		SVGA3dCmdDXPredCopy p = { 2, 1 };

		CMD(c, SVGA_3D_CMD_DX_PRED_COPY, p);
		run_ok(&t, c, "pred copy");
		CHECK(memcmp(hs(&t, 2)->data, hs(&t, 1)->data,
			     a.l.total_bytes) == 0);
		p.srcSid = 3;
		CMD(c, SVGA_3D_CMD_DX_PRED_COPY, p);
		run_err(&t, c, 0, "pred copy mismatch");
	}
	/* overlapping intra-surface copy (BC1 blocks, edge block) */
	{
		SVGA3dCmdIntraSurfaceCopy ic = {
			{ 3, 0, 0 }, { 4, 4, 0, 12, 8, 1, 0, 0, 0 }
		};
		uint8_t *before = malloc(bc.l.total_bytes);
		const struct svga_mip_layout *m = &bc.l.mip[0];

		memcpy(before, hs(&t, 3)->data, bc.l.total_bytes);
		CMD(c, SVGA_3D_CMD_INTRA_SURFACE_COPY, ic);
		run_ok(&t, c, "intra copy");
		for (uint32_t y = 0; y < 2; y++)
			CHECK(memcmp(hs(&t, 3)->data + (1 + y) * m->row_stride +
				     8, before + y * m->row_stride,
				     3 * 8) == 0);
		free(before);
		/* incompatible formats */
		{
			struct {
				SVGA3dCmdSurfaceCopy c;
				SVGA3dCopyBox b;
			} sc = { { { 3, 0, 0 }, { 1, 0, 0 } },
				 { 0, 0, 0, 4, 4, 1, 0, 0, 0 } };

			SVGA3dCmdDXPredCopyRegion pr = {
				1, 0, 3, 0, { 0, 0, 0, 4, 4, 1, 0, 0, 0 }
			};
			uint8_t *was = malloc(a.l.total_bytes);

			/* SURFACE_COPY: a no-op, as IGT's
			 * test_invalid_copies_3d expects */
			memcpy(was, hs(&t, 1)->data, a.l.total_bytes);
			CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
			run_ok(&t, c, "bc1 to rgba8");
			CHECK(memcmp(was, hs(&t, 1)->data,
				     a.l.total_bytes) == 0);
			free(was);
			/* DX_PRED_COPY_REGION: an error */
			CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pr);
			run_err(&t, c, 0, "pred copy region bc1 to rgba8");
		}
	}
	/* buffer copy, overlapping */
	{
		SVGA3dCmdDXBufferCopy bcp = { 4, 4, 10, 0, 100 };
		uint8_t ref[256];

		memcpy(ref, hs(&t, 4)->data, 256);
		memmove(ref + 10, ref, 100);
		CMD(c, SVGA_3D_CMD_DX_BUFFER_COPY, bcp);
		run_ok(&t, c, "buffer copy");
		CHECK(memcmp(hs(&t, 4)->data, ref, 256) == 0);
		/* clipped to the destination: 56 of 100 bytes */
		bcp.destX = 200;
		memmove(ref + 200, ref + 0, 56);
		CMD(c, SVGA_3D_CMD_DX_BUFFER_COPY, bcp);
		run_ok(&t, c, "buffer copy clipped");
		CHECK(memcmp(hs(&t, 4)->data, ref, 256) == 0);
		/* wholly outside the source: nothing */
		bcp.destX = 0;
		bcp.srcX = 256;
		CMD(c, SVGA_3D_CMD_DX_BUFFER_COPY, bcp);
		run_ok(&t, c, "buffer copy outside");
		CHECK(memcmp(hs(&t, 4)->data, ref, 256) == 0);
		/* a buffer that does not exist */
		bcp.src = 9;
		CMD(c, SVGA_3D_CMD_DX_BUFFER_COPY, bcp);
		run_err(&t, c, 0, "buffer copy no source");
	}
	model_fini(&a);
	model_fini(&b);
	model_fini(&bc);
	model_fini(&bb);
	free(c);
	tdev_fini(&t);
}

/*
 * DX_TRANSFER_FROM_BUFFER: rows of a buffer surface (srcOffset, srcPitch,
 * srcSlicePitch) into a box of a subresource, what Mesa's svga driver
 * sends for a texture upload through its upload buffer.
 */
static void check_rows_from_buffer(struct tdev *t, uint32_t dsid,
				   uint64_t dst_off, uint64_t dst_pitch,
				   uint32_t bsid, uint64_t src_off,
				   uint64_t src_pitch, uint32_t rows,
				   uint64_t row_bytes)
{
	for (uint32_t y = 0; y < rows; y++)
		CHECK(memcmp(hs(t, dsid)->data + dst_off + y * dst_pitch,
			     hs(t, bsid)->data + src_off + y * src_pitch,
			     row_bytes) == 0);
}

static void test_transfer_from_buffer(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model a, bc, bb;
	uint8_t *was;

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	model_init(&t, c, &a, 1, 1, SVGA3D_R8G8B8A8_UNORM, 0, 16, 16, 1, 2, 2);
	model_init(&t, c, &bc, 3, 3, SVGA3D_BC1_UNORM, 0, 16, 12, 1, 1, 0);
	model_init(&t, c, &bb, 4, 4, SVGA3D_BUFFER, 0, 1024, 1, 1, 1, 0);
	model_scribble(&t, &bb, 5);
	{
		SVGA3dCmdUpdateGBSurface u4 = { 4 };

		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u4);
		run_ok(&t, c, "upload the buffer");
	}
	was = malloc(a.l.total_bytes);
	/* 5x4 texels into layer 1, mip 1 (8x8) at (2,3); pitch wider
	 * than a row, so a copy that ignores the pitch is seen */
	{
		SVGA3dCmdDXTransferFromBuffer tb = {
			4, 16, 40, 0, 1, 1 * 2 + 1, { 2, 3, 0, 5, 4, 1 }
		};
		const struct svga_mip_layout *m1 = &a.l.mip[1];
		uint64_t base = a.l.mip_chain_bytes + m1->offset;

		memcpy(was, hs(&t, 1)->data, a.l.total_bytes);
		CMD(c, SVGA_3D_CMD_DX_TRANSFER_FROM_BUFFER, tb);
		run_ok(&t, c, "transfer from buffer");
		check_rows_from_buffer(&t, 1, base + 3 * m1->row_stride + 2 * 4,
				       m1->row_stride, 4, 16, 40, 4, 5 * 4);
		/* nothing outside the box changed */
		for (uint32_t y = 0; y < 4; y++)
			memcpy(was + base + (3 + y) * m1->row_stride + 2 * 4,
			       hs(&t, 1)->data + base +
			       (3 + y) * m1->row_stride + 2 * 4, 5 * 4);
		CHECK(memcmp(was, hs(&t, 1)->data, a.l.total_bytes) == 0);
	}
	/* a box reaching past the mip is clipped to it: 2 of 5 columns */
	{
		SVGA3dCmdDXTransferFromBuffer tb = {
			4, 100, 20, 0, 1, 1, { 6, 0, 0, 5, 2, 1 }
		};
		const struct svga_mip_layout *m1 = &a.l.mip[1];

		CMD(c, SVGA_3D_CMD_DX_TRANSFER_FROM_BUFFER, tb);
		run_ok(&t, c, "transfer from buffer clipped");
		check_rows_from_buffer(&t, 1, m1->offset + 6 * 4,
				       m1->row_stride, 4, 100, 20, 2, 2 * 4);
	}
	/* BC1: the pitch counts rows of blocks; 8x8 texels = 2x2 blocks */
	{
		SVGA3dCmdDXTransferFromBuffer tb = {
			4, 512, 24, 0, 3, 0, { 4, 4, 0, 8, 8, 1 }
		};
		const struct svga_mip_layout *m = &bc.l.mip[0];

		CMD(c, SVGA_3D_CMD_DX_TRANSFER_FROM_BUFFER, tb);
		run_ok(&t, c, "transfer from buffer bc1");
		check_rows_from_buffer(&t, 3, m->row_stride + 8, m->row_stride,
				       4, 512, 24, 2, 2 * 8);
	}
	/* bad input: an error, the destination untouched */
	{
		static const SVGA3dCmdDXTransferFromBuffer bad[] = {
			/* the source is not a buffer */
			{ 1, 0, 64, 0, 3, 0, { 0, 0, 0, 4, 4, 1 } },
			/* rows past the end of the buffer */
			{ 4, 1000, 64, 0, 1, 0, { 0, 0, 0, 4, 4, 1 } },
			/* an offset that wraps 32 bits with the rows */
			{ 4, 0xfffffff0u, 64, 0, 1, 0, { 0, 0, 0, 4, 4, 1 } },
			/* a pitch shorter than a row */
			{ 4, 0, 8, 0, 1, 0, { 0, 0, 0, 4, 4, 1 } },
			/* a subresource the destination lacks */
			{ 4, 0, 64, 0, 1, 2 * 2, { 0, 0, 0, 4, 4, 1 } },
			/* no such source */
			{ 9, 0, 64, 0, 1, 0, { 0, 0, 0, 4, 4, 1 } },
		};

		memcpy(was, hs(&t, 1)->data, a.l.total_bytes);
		for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			CMD(c, SVGA_3D_CMD_DX_TRANSFER_FROM_BUFFER, bad[i]);
			run_err(&t, c, 0, "transfer from buffer: bad input");
		}
		CHECK(memcmp(was, hs(&t, 1)->data, a.l.total_bytes) == 0);
	}
	free(was);
	model_fini(&a);
	model_fini(&bc);
	model_fini(&bb);
	free(c);
	tdev_fini(&t);
}

/* A DX context cid whose COTable of the given type lives in MOB 20. */
static void define_dx_context(struct tdev *t, struct cbuf *c, uint32_t cid,
			      SVGACOTableType type, struct tmob *cot)
{
	SVGA3dCmdDXDefineContext d = { cid };
	SVGA3dCmdDXSetCOTable s = { cid, 20, type, 0 };

	CMD(c, SVGA_3D_CMD_DX_DEFINE_CONTEXT, d);
	tmob_build(t, c, cot, 20, PG, SVGA3D_MOBFMT_PT64_0);
	CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, s);
	run_ok(t, c, "dx context");
}

static void test_clear_rtv(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model a;
	struct tmob cot;
	const uint32_t cid = 3;

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	model_init(&t, c, &a, 1, 1, SVGA3D_R8G8B8A8_TYPELESS, 0, 8, 4, 1, 2,
		   3);
	define_dx_context(&t, c, cid, SVGA_COTABLE_RTVIEW, &cot);
	{
		SVGA3dCmdDXDefineRenderTargetView v;
		SVGA3dCmdDXClearRenderTargetView cl = { 5,
			{ { 1.0f, 0.5f, 0.0f, 0.25f } } };
		const struct svga_mip_layout *m1 = &a.l.mip[1];
		struct svga_surface *s;

		memset(&v, 0, sizeof(v));
		v.renderTargetViewId = 5;
		v.sid = 1;
		v.format = SVGA3D_B8G8R8A8_UNORM;
		v.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		v.desc.tex.mipSlice = 1;
		v.desc.tex.firstArraySlice = 1;
		v.desc.tex.arraySize = 2;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, v);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
		CHECK_EQ(submit_dx(&t, c, cid).status,
			 SVGA_CB_STATUS_COMPLETED);
		cb_reset(c);
		s = hs(&t, 1);
		for (uint32_t l = 0; l < 3; l++)
			for (uint32_t i = 0; i < m1->w * m1->h; i++) {
				const uint8_t *p = s->data +
					l * a.l.mip_chain_bytes + m1->offset +
					4 * i;
				bool in = l >= 1;

				CHECK(in ? (p[0] == 0 && p[1] == 128 &&
					    p[2] == 255 && p[3] == 64) :
				      (p[0] | p[1] | p[2] | p[3]) == 0);
			}
		/* mip 0 untouched */
		for (uint32_t i = 0; i < 32 * 4; i++)
			CHECK(s->data[i] == 0);
		/* float16 format, 1 x 1 */
		cl.rgba = (SVGA3dRGBAFloat){ { -2.0f, 65504.0f, 0.333f, 1.0f } };
		/* outside a DX context buffer: error */
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
		run_err(&t, c, 0, "clear without dx context");
		/* view id beyond the COTable */
		cl.renderTargetViewId = PG / sizeof(SVGACOTableDXRTViewEntry);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
		t.g.quiet = true;
		CHECK_EQ(submit_dx(&t, c, cid).status,
			 SVGA_CB_STATUS_COMMAND_ERROR);
		cb_reset(c);
		restart_ctx0(&t);
	}
	/* R16G16B16A16_FLOAT conversion */
	{
		struct model f;
		SVGA3dCmdDXDefineRenderTargetView v;
		SVGA3dCmdDXClearRenderTargetView cl = { 6,
			{ { -2.0f, 65504.0f, 0.333f, 1e-7f } } };
		uint16_t want[4] = { 0xc000, 0x7bff, 0x3554, 0x0002 };

		model_init(&t, c, &f, 2, 2, SVGA3D_R16G16B16A16_FLOAT, 0, 2, 2,
			   1, 1, 0);
		memset(&v, 0, sizeof(v));
		v.renderTargetViewId = 6;
		v.sid = 2;
		v.format = SVGA3D_R16G16B16A16_FLOAT;
		v.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		v.desc.tex.arraySize = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, v);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
		CHECK_EQ(submit_dx(&t, c, cid).status,
			 SVGA_CB_STATUS_COMPLETED);
		cb_reset(c);
		for (int i = 0; i < 4; i++)
			CHECK(memcmp(hs(&t, 2)->data + 8 * i, want, 8) == 0);
		model_fini(&f);
	}
	model_fini(&a);
	tmob_free(&cot);
	free(c);
	tdev_fini(&t);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* DSV clears: depth and stencil each written only when its flag is set,
 * in the layout of each DX depth format. */
static void test_clear_dsv(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model z24, z32;
	struct tmob cot;
	const uint32_t cid = 4;
	SVGA3dCmdDXDefineDepthStencilView v;
	SVGA3dCmdDXClearDepthStencilView cl;
	const uint8_t *p;

	tdev_init(&t, 32);
	setup_otables(&t, 64);
	model_init(&t, c, &z24, 1, 1, SVGA3D_D24_UNORM_S8_UINT, 0, 4, 4, 1, 1,
		   1);
	model_init(&t, c, &z32, 2, 2, SVGA3D_D32_FLOAT_S8X24_UINT, 0, 2, 2, 1,
		   1, 1);
	memset(hs(&t, 2)->data, 0xee, 32);
	define_dx_context(&t, c, cid, SVGA_COTABLE_DSVIEW, &cot);
	memset(&v, 0, sizeof(v));
	v.depthStencilViewId = 1;
	v.sid = 1;
	v.format = SVGA3D_D24_UNORM_S8_UINT;
	v.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	v.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, v);
	cl = (SVGA3dCmdDXClearDepthStencilView){ SVGA3D_CLEAR_DEPTH, 0x35, 1,
						 0.5f };
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cl);
	CHECK_EQ(submit_dx(&t, c, cid).status, SVGA_CB_STATUS_COMPLETED);
	cb_reset(c);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(get32(hs(&t, 1)->data + 4 * i), 0x00800000u);
	cl.flags = SVGA3D_CLEAR_STENCIL;
	cl.depth = 1.0f;
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cl);
	CHECK_EQ(submit_dx(&t, c, cid).status, SVGA_CB_STATUS_COMPLETED);
	cb_reset(c);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(get32(hs(&t, 1)->data + 4 * i), 0x35800000u);
	/* depth 1.0 is 0xffffff, the stencil byte untouched (a float
	 * rounding once made it 2^24, spilling into the stencil) */
	cl.flags = SVGA3D_CLEAR_DEPTH;
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cl);
	CHECK_EQ(submit_dx(&t, c, cid).status, SVGA_CB_STATUS_COMPLETED);
	cb_reset(c);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(get32(hs(&t, 1)->data + 4 * i), 0x35ffffffu);

	v.depthStencilViewId = 2;
	v.sid = 2;
	v.format = SVGA3D_D32_FLOAT_S8X24_UINT;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, v);
	cl = (SVGA3dCmdDXClearDepthStencilView){
		SVGA3D_CLEAR_DEPTH | SVGA3D_CLEAR_STENCIL, 7, 2, 0.25f };
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cl);
	CHECK_EQ(submit_dx(&t, c, cid).status, SVGA_CB_STATUS_COMPLETED);
	cb_reset(c);
	for (int i = 0; i < 4; i++) {
		float f;

		p = hs(&t, 2)->data + 8 * i;
		memcpy(&f, p, 4);
		CHECK(f == 0.25f);
		CHECK(p[4] == 7 && p[5] == 0xee && p[6] == 0xee &&
		      p[7] == 0xee);
	}

	/* a colour format through a DSV is a command error */
	v.depthStencilViewId = 3;
	v.sid = 1;
	v.format = SVGA3D_R32_UINT;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, v);
	cl.depthStencilViewId = 3;
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cl);
	t.g.quiet = true;
	CHECK_EQ(submit_dx(&t, c, cid).status, SVGA_CB_STATUS_COMMAND_ERROR);
	cb_reset(c);
	restart_ctx0(&t);
	t.g.quiet = false;
	model_fini(&z24);
	model_fini(&z32);
	tmob_free(&cot);
	free(c);
	tdev_fini(&t);
}

static void test_errors(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model a;
	struct svga_config cfg;

	svga_config_default(&cfg);
	cfg.max_host_storage = 1 << 20;
	tdev_init_cfg(&t, 16, &cfg);
	setup_otables(&t, 64);
	model_init(&t, c, &a, 1, 1, SVGA3D_BC1_UNORM, 0, 16, 16, 1, 2, 0);
	{
		SVGA3dCmdUpdateGBImage u = { { 1, 0, 0 }, { 0, 0, 0, 16, 16, 1 } };
		SVGA3dCmdUpdateGBImage bad = u;
		uint32_t nop = SVGA_CMD_NOP;

		/* the error offset is the failing command's */
		cb_raw(c, &nop, 4);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		bad.image.mipmap = 5;   /* 2 mips: stays an error */
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, bad);
		run_err(&t, c, 1, "error offset");
		bad = u;
		bad.image.mipmap = 2;
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, bad);
		run_err(&t, c, 0, "bad mip");
		bad = u;
		bad.image.face = 1;
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, bad);
		run_err(&t, c, 0, "bad face");
		bad = u;
		bad.image.sid = 77;
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, bad);
		run_err(&t, c, 0, "bad sid");
		/* a box reaching past the edge, or whose end overflows 32
		 * bits, is clipped (test_clip checks the bytes) */
		bad = u;
		bad.box.x = 1;
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, bad);
		bad.box.w = 0xffffffffu;
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, bad);
		run_ok(&t, c, "clipped boxes");
		/* truncated body */
		cb_3d(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, &u, sizeof(u) - 4);
		run_err(&t, c, 0, "short body");
		/* unknown and NOP_ERROR commands */
		cb_3d(c, SVGA_3D_CMD_NOP, NULL, 0);
		cb_3d(c, 2999, NULL, 0);
		run_err(&t, c, 1, "unknown 3d");
		cb_3d(c, SVGA_3D_CMD_NOP_ERROR, NULL, 0);
		run_err(&t, c, 0, "nop error");
		cb_3d(c, SVGA_3D_CMD_SURFACE_DEFINE, NULL, 0);
		run_err(&t, c, 0, "legacy surface define");
		/* size field larger than the buffer */
		{
			uint32_t h[2] = { SVGA_3D_CMD_NOP, 1000 };

			if (c->n < 256)
				c->offs[c->n++] = c->len;
			cb_raw(c, h, 8);
			run_err(&t, c, 0, "size beyond buffer");
		}
		/* unbound surface */
		{
			SVGA3dCmdUpdateGBSurface us = { 1 };

			bind_surface(c, 1, SVGA3D_INVALID_ID);
			CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, us);
			run_err(&t, c, 1, "unbound");
		}
	}
	/* surface definition errors */
	define_surface(c, 2, SVGA3D_NV12, 0, 16, 16, 1, 1, 0);
	run_err(&t, c, 0, "unsupported format");
	define_surface(c, 2, SVGA3D_R8_UNORM, 0, 16, 16, 1, 9, 0);
	run_err(&t, c, 0, "too many mips");
	define_surface(c, 2, SVGA3D_R8_UNORM, 0, 16385, 16, 1, 1, 0);
	run_err(&t, c, 0, "too wide");
	define_surface(c, 1, SVGA3D_R8_UNORM, 0, 16, 16, 1, 1, 0);
	run_err(&t, c, 0, "duplicate sid");
	define_surface(c, 4096, SVGA3D_R8_UNORM, 0, 16, 16, 1, 1, 0);
	run_err(&t, c, 0, "sid beyond otable");
	{
		SVGA3dCmdDefineGBSurface_v3 ms;

		memset(&ms, 0, sizeof(ms));
		ms.sid = 2;
		ms.surfaceFlags = SVGA3D_SURFACE_MULTISAMPLE;
		ms.format = SVGA3D_R8G8B8A8_UNORM;
		ms.numMipLevels = 1;
		ms.multisampleCount = 4;
		ms.size = (SVGA3dSize){ 4, 4, 1 };
		CMD(c, SVGA_3D_CMD_DEFINE_GB_SURFACE_V3, ms);
		run_err(&t, c, 0, "multisample");
	}
	/* host storage limit: 1 MiB */
	define_surface(c, 2, SVGA3D_R8G8B8A8_UNORM, 0, 384, 384, 1, 1, 0);
	define_surface(c, 3, SVGA3D_R8G8B8A8_UNORM, 0, 384, 384, 1, 1, 0);
	run_err(&t, c, 1, "storage limit");
	{
		SVGA3dCmdDestroyGBSurface d = { 2 };
		struct svga_totals tot;

		CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, d);
		define_surface(c, 3, SVGA3D_R8G8B8A8_UNORM, 0, 384, 384, 1, 1,
			       0);
		run_ok(&t, c, "storage freed");
		svga_dev_get_totals(t.dev, &tot);
		CHECK_EQ(tot.host_storage, 384 * 384 * 4 + a.l.total_bytes);
		CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, d);
		run_err(&t, c, 0, "destroy twice");
	}
	model_fini(&a);
	free(c);
	tdev_fini(&t);
}

static void test_screen_target(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct model a;
	struct svga_scanout so;

	tdev_init(&t, 32);
	setup_otables(&t, 8);
	model_init(&t, c, &a, 1, 1, SVGA3D_X8R8G8B8,
		   SVGA3D_SURFACE_SCREENTARGET, 640, 480, 1, 1, 0);
	{
		SVGA3dCmdDefineGBScreenTarget d = { 0, 640, 480, 0, 0,
						    SVGA_STFLAG_PRIMARY, 0 };
		SVGA3dCmdBindGBScreenTarget b = { 0, { 1, 0, 0 } };
		SVGA3dCmdUpdateGBScreenTarget u = { 0, { 0, 0, 640, 480 } };

		CMD(c, SVGA_3D_CMD_DEFINE_GB_SCREENTARGET, d);
		CMD(c, SVGA_3D_CMD_BIND_GB_SCREENTARGET, b);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET, u);
		run_ok(&t, c, "stdu");
		CHECK(svga_dev_get_scanout(t.dev, 0, &so));
		CHECK(so.data == hs(&t, 1)->data);
		CHECK_EQ(so.pitch, 640 * 4);
		CHECK_EQ(so.format, SVGA3D_X8R8G8B8);
		CHECK(!svga_dev_get_scanout(t.dev, 1, &so));
		d.width = 100000;
		d.stid = 1;
		CMD(c, SVGA_3D_CMD_DEFINE_GB_SCREENTARGET, d);
		run_err(&t, c, 0, "huge stdu");
	}
	model_fini(&a);
	free(c);
	tdev_fini(&t);
}

int main(void)
{
	test_roundtrips();
	test_counters();
	test_copies();
	test_transfer_from_buffer();
	test_clear_rtv();
	test_clear_dsv();
	test_errors();
	test_screen_target();
	return t_report("test_xfer");
}
