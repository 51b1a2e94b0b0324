// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core: SVGA and SVGA3D command execution.
 *
 * Every handler receives the command body (already bounds-checked against
 * the size the descriptor table declares) and returns SVGA_OK or SVGA_ERR.
 * An error becomes SVGA_CB_STATUS_COMMAND_ERROR with the command's offset.
 */
#include "svga_int.h"

#include <stdlib.h>
#include <string.h>


typedef int (*cmd_fn)(struct svga_dev *dev, const uint8_t *body,
		      uint32_t size);

struct cmd_desc {
	const char *name;
	uint32_t min_size;
	cmd_fn fn;
};

#define BODY(T, v) T v; memcpy(&v, body, sizeof(v))

static int cmd_noop(struct svga_dev *dev, const uint8_t *body, uint32_t size)
{
	(void)dev;
	(void)body;
	(void)size;
	return SVGA_OK;
}

static int cmd_nop_error(struct svga_dev *dev, const uint8_t *body,
			 uint32_t size)
{
	(void)body;
	(void)size;
	svga_guest_error(dev, "NOP_ERROR command");
	return SVGA_ERR;
}

static struct svga_surface *get_surface(struct svga_dev *dev, uint32_t sid)
{
	struct svga_surface *s = svga_obj_get(dev, SVGA_OBJ_SURFACE, sid);

	if (!s)
		svga_guest_error(dev, "no surface %u", sid);
	return s;
}

static struct svga_mob *get_mob(struct svga_dev *dev, uint32_t mobid)
{
	struct svga_mob *m = svga_obj_get(dev, SVGA_OBJ_MOB, mobid);

	if (!m)
		svga_guest_error(dev, "no MOB %u", mobid);
	return m;
}

/* Check a MOB id argument: INVALID or an existing MOB. */
static int check_mob_or_invalid(struct svga_dev *dev, uint32_t mobid)
{
	if (mobid == SVGA3D_INVALID_ID)
		return SVGA_OK;
	return get_mob(dev, mobid) ? SVGA_OK : SVGA_ERR;
}

/* ---- object tables and MOBs -------------------------------------------- */

static int cmd_set_otable_base(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdSetOTableBase, c);
	(void)size;
	return svga_otable_set(dev, c.type, c.baseAddress, c.sizeInBytes,
			       c.validSizeInBytes, c.ptDepth, false);
}

static int cmd_set_otable_base64(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdSetOTableBase64, c);
	(void)size;
	return svga_otable_set(dev, c.type, c.baseAddress, c.sizeInBytes,
			       c.validSizeInBytes, c.ptDepth, false);
}

static int cmd_grow_otable(struct svga_dev *dev, const uint8_t *body,
			   uint32_t size)
{
	BODY(SVGA3dCmdGrowOTable, c);
	(void)size;
	return svga_otable_set(dev, c.type, c.baseAddress, c.sizeInBytes,
			       c.validSizeInBytes, c.ptDepth, true);
}

static int cmd_readback_otable(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdReadbackOTable, c);
	(void)size;
	/* Object state lives on the host; nothing needs to be written. */
	if ((uint32_t)c.type >= (uint32_t)SVGA_OBJ_MAX || !dev->ot[c.type].set) {
		svga_guest_error(dev, "READBACK_OTABLE of unset table %u",
				 c.type);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

static int cmd_define_gb_mob(struct svga_dev *dev, const uint8_t *body,
			     uint32_t size)
{
	BODY(SVGA3dCmdDefineGBMob, c);
	(void)size;
	return svga_mob_define(dev, c.mobid, c.ptDepth, c.base, c.sizeInBytes);
}

static int cmd_define_gb_mob64(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdDefineGBMob64, c);
	(void)size;
	return svga_mob_define(dev, c.mobid, c.ptDepth, c.base, c.sizeInBytes);
}

static int cmd_redefine_gb_mob64(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdDefineGBMob64, c);
	(void)size;
	if (!get_mob(dev, c.mobid))
		return SVGA_ERR;
	svga_obj_destroy(dev, SVGA_OBJ_MOB, c.mobid);
	return svga_mob_define(dev, c.mobid, c.ptDepth, c.base, c.sizeInBytes);
}

static int cmd_destroy_gb_mob(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdDestroyGBMob, c);
	(void)size;
	if (!get_mob(dev, c.mobid))
		return SVGA_ERR;
	svga_obj_destroy(dev, SVGA_OBJ_MOB, c.mobid);
	return SVGA_OK;
}

/* ---- surfaces -------------------------------------------------------- */

static int cmd_define_gb_surface(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdDefineGBSurface, c);
	(void)size;
	return svga_surface_define(dev, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   0);
}

static int cmd_define_gb_surface_v2(struct svga_dev *dev,
				    const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDefineGBSurface_v2, c);
	(void)size;
	return svga_surface_define(dev, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   c.arraySize);
}

static int cmd_define_gb_surface_v3(struct svga_dev *dev,
				    const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDefineGBSurface_v3, c);
	(void)size;
	return svga_surface_define(dev, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   c.arraySize);
}

static int cmd_define_gb_surface_v4(struct svga_dev *dev,
				    const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDefineGBSurface_v4, c);
	(void)size;
	return svga_surface_define(dev, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   c.arraySize);
}

static int cmd_destroy_gb_surface(struct svga_dev *dev, const uint8_t *body,
				  uint32_t size)
{
	BODY(SVGA3dCmdDestroyGBSurface, c);
	(void)size;
	if (!get_surface(dev, c.sid))
		return SVGA_ERR;
	svga_obj_destroy(dev, SVGA_OBJ_SURFACE, c.sid);
	return SVGA_OK;
}

static int bind_surface(struct svga_dev *dev, struct svga_surface *s,
			uint32_t mobid)
{
	struct svga_mob *m;

	if (mobid == SVGA3D_INVALID_ID) {
		s->mobid = mobid;
		return SVGA_OK;
	}
	m = get_mob(dev, mobid);
	if (!m)
		return SVGA_ERR;
	if (m->size < s->layout.total_bytes) {
		svga_guest_error(dev, "MOB %u (%u bytes) too small for surface "
				 "%u (%llu bytes)", mobid, m->size, s->sid,
				 (unsigned long long)s->layout.total_bytes);
		return SVGA_ERR;
	}
	s->mobid = mobid;
	return SVGA_OK;
}

static int cmd_bind_gb_surface(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdBindGBSurface, c);
	struct svga_surface *s = get_surface(dev, c.sid);

	(void)size;
	return s ? bind_surface(dev, s, c.mobid) : SVGA_ERR;
}

static int cmd_cond_bind_gb_surface(struct svga_dev *dev,
				    const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdCondBindGBSurface, c);
	struct svga_surface *s = get_surface(dev, c.sid);

	(void)size;
	if (!s)
		return SVGA_ERR;
	if (s->mobid != c.testMobid)
		return SVGA_OK;
	return bind_surface(dev, s, c.mobid);
}

static void box_from(struct svga_box *b, const SVGA3dBox *sb)
{
	*b = (struct svga_box){ sb->x, sb->y, sb->z, sb->w, sb->h, sb->d };
}

static int cmd_update_gb_image(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdUpdateGBImage, c);
	struct svga_surface *s = get_surface(dev, c.image.sid);
	struct svga_box b;

	(void)size;
	if (!s)
		return SVGA_ERR;
	box_from(&b, &c.box);
	return svga_surface_xfer_image(dev, s, c.image.face, c.image.mipmap, &b,
				       false, SVGA_XFER_TO_HOST);
}

static int cmd_update_gb_surface(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdUpdateGBSurface, c);
	struct svga_surface *s = get_surface(dev, c.sid);

	(void)size;
	return s ? svga_surface_xfer_all(dev, s, SVGA_XFER_TO_HOST) : SVGA_ERR;
}

static int cmd_readback_gb_image(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdReadbackGBImage, c);
	struct svga_surface *s = get_surface(dev, c.image.sid);

	(void)size;
	if (!s)
		return SVGA_ERR;
	return svga_surface_xfer_image(dev, s, c.image.face, c.image.mipmap,
				       NULL, false, SVGA_XFER_TO_GUEST);
}

static int cmd_readback_gb_surface(struct svga_dev *dev, const uint8_t *body,
				   uint32_t size)
{
	BODY(SVGA3dCmdReadbackGBSurface, c);
	struct svga_surface *s = get_surface(dev, c.sid);

	(void)size;
	return s ? svga_surface_xfer_all(dev, s, SVGA_XFER_TO_GUEST) : SVGA_ERR;
}

static int cmd_readback_gb_image_partial(struct svga_dev *dev,
					 const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdReadbackGBImagePartial, c);
	struct svga_surface *s = get_surface(dev, c.image.sid);
	struct svga_box b;

	(void)size;
	if (!s)
		return SVGA_ERR;
	box_from(&b, &c.box);
	return svga_surface_xfer_image(dev, s, c.image.face, c.image.mipmap, &b,
				       c.invertBox != 0, SVGA_XFER_TO_GUEST);
}

static int cmd_invalidate_gb_image(struct svga_dev *dev, const uint8_t *body,
				   uint32_t size)
{
	BODY(SVGA3dCmdInvalidateGBImage, c);
	struct svga_surface *s = get_surface(dev, c.image.sid);

	(void)size;
	/* Contents become undefined: keeping them is a valid choice. */
	return s ? svga_surface_check_image(dev, s, c.image.face,
					    c.image.mipmap) : SVGA_ERR;
}

static int cmd_invalidate_gb_image_partial(struct svga_dev *dev,
					   const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdInvalidateGBImagePartial, c);
	struct svga_surface *s = get_surface(dev, c.image.sid);
	const struct svga_mip_layout *m;

	(void)size;
	if (!s || svga_surface_check_image(dev, s, c.image.face,
					   c.image.mipmap))
		return SVGA_ERR;
	m = &s->layout.mip[c.image.mipmap];
	if ((uint64_t)c.box.x + c.box.w > m->w ||
	    (uint64_t)c.box.y + c.box.h > m->h ||
	    (uint64_t)c.box.z + c.box.d > m->d) {
		svga_guest_error(dev, "INVALIDATE_GB_IMAGE_PARTIAL: bad box");
		return SVGA_ERR;
	}
	return SVGA_OK;
}

static int cmd_invalidate_gb_surface(struct svga_dev *dev,
				     const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdInvalidateGBSurface, c);
	(void)size;
	return get_surface(dev, c.sid) ? SVGA_OK : SVGA_ERR;
}

static int cmd_surface_copy(struct svga_dev *dev, const uint8_t *body,
			    uint32_t size)
{
	BODY(SVGA3dCmdSurfaceCopy, c);
	struct svga_surface *src = get_surface(dev, c.src.sid);
	struct svga_surface *dst = get_surface(dev, c.dest.sid);
	uint32_t rest = size - sizeof(c);

	if (!src || !dst)
		return SVGA_ERR;
	if (rest % sizeof(SVGA3dCopyBox)) {
		svga_guest_error(dev, "SURFACE_COPY: ragged box list");
		return SVGA_ERR;
	}
	for (uint32_t i = 0; i < rest / sizeof(SVGA3dCopyBox); i++) {
		SVGA3dCopyBox cb;

		memcpy(&cb, body + sizeof(c) + i * sizeof(cb), sizeof(cb));
		if (svga_surface_copy_region(dev, dst, c.dest.face,
					     c.dest.mipmap, src, c.src.face,
					     c.src.mipmap, &cb))
			return SVGA_ERR;
	}
	return SVGA_OK;
}

static int cmd_intra_surface_copy(struct svga_dev *dev, const uint8_t *body,
				  uint32_t size)
{
	BODY(SVGA3dCmdIntraSurfaceCopy, c);
	struct svga_surface *s = get_surface(dev, c.surface.sid);

	(void)size;
	if (!s)
		return SVGA_ERR;
	return svga_surface_copy_region(dev, s, c.surface.face,
					c.surface.mipmap, s, c.surface.face,
					c.surface.mipmap, &c.box);
}

/* ---- GB contexts, shaders, queries ---------------------------------- */

static int cmd_define_gb_context(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdDefineGBContext, c);
	struct svga_gbctx *ctx;

	(void)size;
	if (svga_obj_check_new(dev, SVGA_OBJ_CONTEXT, c.cid))
		return SVGA_ERR;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return SVGA_ERR;
	ctx->cid = c.cid;
	ctx->mobid = SVGA3D_INVALID_ID;
	svga_obj_put(dev, SVGA_OBJ_CONTEXT, c.cid, ctx);
	return SVGA_OK;
}

static struct svga_gbctx *get_gbctx(struct svga_dev *dev, uint32_t cid)
{
	struct svga_gbctx *c = svga_obj_get(dev, SVGA_OBJ_CONTEXT, cid);

	if (!c)
		svga_guest_error(dev, "no context %u", cid);
	return c;
}

static int cmd_destroy_gb_context(struct svga_dev *dev, const uint8_t *body,
				  uint32_t size)
{
	BODY(SVGA3dCmdDestroyGBContext, c);
	(void)size;
	if (!get_gbctx(dev, c.cid))
		return SVGA_ERR;
	svga_obj_destroy(dev, SVGA_OBJ_CONTEXT, c.cid);
	return SVGA_OK;
}

static int cmd_bind_gb_context(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdBindGBContext, c);
	struct svga_gbctx *ctx = get_gbctx(dev, c.cid);

	(void)size;
	if (!ctx || check_mob_or_invalid(dev, c.mobid))
		return SVGA_ERR;
	ctx->mobid = c.mobid;
	return SVGA_OK;
}

/* READBACK_GB_CONTEXT / INVALIDATE_GB_CONTEXT: body is { uint32 cid } */
static int cmd_gb_context_op(struct svga_dev *dev, const uint8_t *body,
			     uint32_t size)
{
	BODY(SVGA3dCmdReadbackGBContext, c);
	(void)size;
	return get_gbctx(dev, c.cid) ? SVGA_OK : SVGA_ERR;
}

static int cmd_define_gb_shader(struct svga_dev *dev, const uint8_t *body,
				uint32_t size)
{
	BODY(SVGA3dCmdDefineGBShader, c);
	struct svga_shader *sh;

	(void)size;
	if (svga_obj_check_new(dev, SVGA_OBJ_SHADER, c.shid))
		return SVGA_ERR;
	sh = calloc(1, sizeof(*sh));
	if (!sh)
		return SVGA_ERR;
	sh->shid = c.shid;
	sh->type = c.type;
	sh->size = c.sizeInBytes;
	sh->mobid = SVGA3D_INVALID_ID;
	svga_obj_put(dev, SVGA_OBJ_SHADER, c.shid, sh);
	return SVGA_OK;
}

static int cmd_bind_gb_shader(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdBindGBShader, c);
	struct svga_shader *sh = svga_obj_get(dev, SVGA_OBJ_SHADER, c.shid);

	(void)size;
	if (!sh) {
		svga_guest_error(dev, "no shader %u", c.shid);
		return SVGA_ERR;
	}
	if (check_mob_or_invalid(dev, c.mobid))
		return SVGA_ERR;
	sh->mobid = c.mobid;
	sh->offset = c.offsetInBytes;
	return SVGA_OK;
}

static int cmd_destroy_gb_shader(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdDestroyGBShader, c);
	(void)size;
	if (!svga_obj_get(dev, SVGA_OBJ_SHADER, c.shid)) {
		svga_guest_error(dev, "no shader %u", c.shid);
		return SVGA_ERR;
	}
	svga_obj_destroy(dev, SVGA_OBJ_SHADER, c.shid);
	return SVGA_OK;
}

static int cmd_begin_gb_query(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdBeginGBQuery, c);
	(void)size;
	return get_gbctx(dev, c.cid) ? SVGA_OK : SVGA_ERR;
}

/*
 * END_GB_QUERY / WAIT_FOR_GB_QUERY: nothing is rendered, so every query
 * completes at once with a zero result, written where the guest asked.
 */
static int cmd_end_gb_query(struct svga_dev *dev, const uint8_t *body,
			    uint32_t size)
{
	BODY(SVGA3dCmdEndGBQuery, c);
	SVGA3dQueryResult r;
	struct svga_mob *m;

	(void)size;
	if (!get_gbctx(dev, c.cid))
		return SVGA_ERR;
	m = get_mob(dev, c.mobid);
	if (!m)
		return SVGA_ERR;
	memset(&r, 0, sizeof(r));
	r.totalSize = sizeof(r);
	r.state = SVGA3D_QUERYSTATE_SUCCEEDED;
	return svga_mob_write(dev, m, c.offset, &r, sizeof(r));
}

/* ---- screen targets ------------------------------------------------- */

static int cmd_define_gb_screentarget(struct svga_dev *dev,
				      const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDefineGBScreenTarget, c);
	struct svga_stdu *st;

	(void)size;
	if (c.width == 0 || c.height == 0 ||
	    c.width > dev->cfg.stdu_max_width ||
	    c.height > dev->cfg.stdu_max_height) {
		svga_guest_error(dev, "screen target %u: bad size %ux%u",
				 c.stid, c.width, c.height);
		return SVGA_ERR;
	}
	if (svga_obj_check_new(dev, SVGA_OBJ_SCREENTARGET, c.stid))
		return SVGA_ERR;
	st = calloc(1, sizeof(*st));
	if (!st)
		return SVGA_ERR;
	st->defined = true;
	st->width = c.width;
	st->height = c.height;
	st->x = c.xRoot;
	st->y = c.yRoot;
	st->flags = c.flags;
	st->image.sid = SVGA3D_INVALID_ID;
	svga_obj_put(dev, SVGA_OBJ_SCREENTARGET, c.stid, st);
	return SVGA_OK;
}

static struct svga_stdu *get_stdu(struct svga_dev *dev, uint32_t stid)
{
	struct svga_stdu *st = svga_obj_get(dev, SVGA_OBJ_SCREENTARGET, stid);

	if (!st)
		svga_guest_error(dev, "no screen target %u", stid);
	return st;
}

static int cmd_destroy_gb_screentarget(struct svga_dev *dev,
				       const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDestroyGBScreenTarget, c);
	(void)size;
	if (!get_stdu(dev, c.stid))
		return SVGA_ERR;
	svga_obj_destroy(dev, SVGA_OBJ_SCREENTARGET, c.stid);
	return SVGA_OK;
}

static int cmd_bind_gb_screentarget(struct svga_dev *dev,
				    const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdBindGBScreenTarget, c);
	struct svga_stdu *st = get_stdu(dev, c.stid);
	struct svga_surface *s;

	(void)size;
	if (!st)
		return SVGA_ERR;
	if (c.image.sid == SVGA3D_INVALID_ID) {
		st->image = c.image;
		return SVGA_OK;
	}
	s = get_surface(dev, c.image.sid);
	if (!s || svga_surface_check_image(dev, s, c.image.face,
					   c.image.mipmap))
		return SVGA_ERR;
	if (s->layout.fmt->block_w != 1 || s->layout.fmt->block_h != 1) {
		svga_guest_error(dev, "screen target %u: compressed surface",
				 c.stid);
		return SVGA_ERR;
	}
	st->image = c.image;
	return SVGA_OK;
}

static int update_stdu(struct svga_dev *dev, uint32_t stid,
		       const SVGA3dRect *r)
{
	struct svga_stdu *st = get_stdu(dev, stid);
	uint64_t x2, y2;

	if (!st)
		return SVGA_ERR;
	x2 = (uint64_t)r->x + r->w;
	y2 = (uint64_t)r->y + r->h;
	if (x2 > st->width)
		x2 = st->width;
	if (y2 > st->height)
		y2 = st->height;
	if (r->x >= x2 || r->y >= y2)
		return SVGA_OK;
	if (dev->cb.screen_update)
		dev->cb.screen_update(dev->opaque, stid, r->x, r->y,
				      (uint32_t)(x2 - r->x),
				      (uint32_t)(y2 - r->y));
	return SVGA_OK;
}

static int cmd_update_gb_screentarget(struct svga_dev *dev,
				      const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdUpdateGBScreenTarget, c);
	(void)size;
	return update_stdu(dev, c.stid, &c.rect);
}

/* ---- DX contexts and views ------------------------------------------ */

static struct svga_dxctx *get_dxctx(struct svga_dev *dev, uint32_t cid)
{
	struct svga_dxctx *c = svga_obj_get(dev, SVGA_OBJ_DXCONTEXT, cid);

	if (!c)
		svga_guest_error(dev, "no DX context %u", cid);
	return c;
}

static struct svga_dxctx *cur_dxctx(struct svga_dev *dev)
{
	if (dev->exec.dx_cid == SVGA3D_INVALID_ID) {
		svga_guest_error(dev, "DX command outside a DX context buffer");
		return NULL;
	}
	return get_dxctx(dev, dev->exec.dx_cid);
}

static int cmd_dx_define_context(struct svga_dev *dev, const uint8_t *body,
				 uint32_t size)
{
	BODY(SVGA3dCmdDXDefineContext, c);
	struct svga_dxctx *ctx;

	(void)size;
	if (svga_obj_check_new(dev, SVGA_OBJ_DXCONTEXT, c.cid))
		return SVGA_ERR;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return SVGA_ERR;
	ctx->cid = c.cid;
	ctx->mobid = SVGA3D_INVALID_ID;
	for (unsigned i = 0; i < SVGA_COTABLE_MAX; i++)
		ctx->cot[i].mobid = SVGA3D_INVALID_ID;
	svga_obj_put(dev, SVGA_OBJ_DXCONTEXT, c.cid, ctx);
	return SVGA_OK;
}

static int cmd_dx_destroy_context(struct svga_dev *dev, const uint8_t *body,
				  uint32_t size)
{
	BODY(SVGA3dCmdDXDestroyContext, c);
	(void)size;
	if (!get_dxctx(dev, c.cid))
		return SVGA_ERR;
	svga_obj_destroy(dev, SVGA_OBJ_DXCONTEXT, c.cid);
	return SVGA_OK;
}

static int cmd_dx_bind_context(struct svga_dev *dev, const uint8_t *body,
			       uint32_t size)
{
	BODY(SVGA3dCmdDXBindContext, c);
	struct svga_dxctx *ctx = get_dxctx(dev, c.cid);

	(void)size;
	if (!ctx || check_mob_or_invalid(dev, c.mobid))
		return SVGA_ERR;
	ctx->mobid = c.mobid;
	return SVGA_OK;
}

/* DX_READBACK_CONTEXT / DX_INVALIDATE_CONTEXT: body { uint32 cid } */
static int cmd_dx_context_op(struct svga_dev *dev, const uint8_t *body,
			     uint32_t size)
{
	BODY(SVGA3dCmdDXReadbackContext, c);
	(void)size;
	return get_dxctx(dev, c.cid) ? SVGA_OK : SVGA_ERR;
}

static uint32_t cotable_entry_size(uint32_t type)
{
	switch (type) {
	case SVGA_COTABLE_RTVIEW:
		return sizeof(SVGACOTableDXRTViewEntry);
	case SVGA_COTABLE_DSVIEW:
		return sizeof(SVGACOTableDXDSViewEntry);
	case SVGA_COTABLE_SRVIEW:
		return sizeof(SVGACOTableDXSRViewEntry);
	case SVGA_COTABLE_ELEMENTLAYOUT:
		return sizeof(SVGACOTableDXElementLayoutEntry);
	case SVGA_COTABLE_BLENDSTATE:
		return sizeof(SVGACOTableDXBlendStateEntry);
	case SVGA_COTABLE_DEPTHSTENCIL:
		return sizeof(SVGACOTableDXDepthStencilEntry);
	case SVGA_COTABLE_RASTERIZERSTATE:
		return sizeof(SVGACOTableDXRasterizerStateEntry);
	case SVGA_COTABLE_SAMPLER:
		return sizeof(SVGACOTableDXSamplerEntry);
	case SVGA_COTABLE_STREAMOUTPUT:
		return sizeof(SVGACOTableDXStreamOutputEntry);
	case SVGA_COTABLE_DXQUERY:
		return sizeof(SVGACOTableDXQueryEntry);
	case SVGA_COTABLE_DXSHADER:
		return sizeof(SVGACOTableDXShaderEntry);
	case SVGA_COTABLE_UAVIEW:
		return sizeof(SVGACOTableDXUAViewEntry);
	default:
		return 0;
	}
}

static bool cotable_has_views(uint32_t type)
{
	return type == SVGA_COTABLE_RTVIEW || type == SVGA_COTABLE_DSVIEW ||
	       type == SVGA_COTABLE_SRVIEW;
}

static int cmd_dx_set_cotable(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdDXSetCOTable, c);
	struct svga_dxctx *ctx = get_dxctx(dev, c.cid);
	struct svga_cotable *cot;
	uint32_t esize, entries = 0, valid;
	struct svga_mob *m = NULL;

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	esize = cotable_entry_size(c.type);
	if (!esize || c.type >= SVGA_COTABLE_MAX) {
		svga_guest_error(dev, "bad COTable type %u", c.type);
		return SVGA_ERR;
	}
	if (c.mobid != SVGA3D_INVALID_ID) {
		m = get_mob(dev, c.mobid);
		if (!m)
			return SVGA_ERR;
		if (c.validSizeInBytes > m->size) {
			svga_guest_error(dev, "COTable valid size %u > MOB "
					 "size %u", c.validSizeInBytes,
					 m->size);
			return SVGA_ERR;
		}
		entries = m->size / esize;
		if (entries > SVGA_COTABLE_MAX_IDS)
			entries = SVGA_COTABLE_MAX_IDS;
	}
	cot = &ctx->cot[c.type];
	valid = c.validSizeInBytes / esize;
	if (valid > entries)
		valid = entries;
	if (cotable_has_views(c.type)) {
		struct svga_view *nv = NULL;
		uint32_t keep = valid < cot->entries ? valid : cot->entries;

		if (entries) {
			nv = calloc(entries, sizeof(*nv));
			if (!nv)
				return SVGA_ERR;
			if (cot->views && keep)
				memcpy(nv, cot->views, keep * sizeof(*nv));
		}
		free(cot->views);
		cot->views = nv;
	}
	cot->mobid = c.mobid;
	cot->entries = entries;
	return SVGA_OK;
}

static int cmd_dx_readback_cotable(struct svga_dev *dev, const uint8_t *body,
				   uint32_t size)
{
	BODY(SVGA3dCmdDXReadbackCOTable, c);
	struct svga_dxctx *ctx = get_dxctx(dev, c.cid);

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	if (c.type >= SVGA_COTABLE_MAX) {
		svga_guest_error(dev, "bad COTable type %u", c.type);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

static struct svga_view *view_slot(struct svga_dev *dev, uint32_t type,
				   uint32_t id)
{
	struct svga_dxctx *ctx = cur_dxctx(dev);
	struct svga_cotable *cot;

	if (!ctx)
		return NULL;
	cot = &ctx->cot[type];
	if (id >= cot->entries || !cot->views) {
		svga_guest_error(dev, "view id %u beyond COTable %u (%u)", id,
				 type, cot->entries);
		return NULL;
	}
	return &cot->views[id];
}

static int define_view(struct svga_dev *dev, uint32_t type, uint32_t id,
		       uint32_t sid, uint32_t format, uint32_t dim,
		       uint32_t a, uint32_t b, uint32_t c)
{
	struct svga_view *v = view_slot(dev, type, id);
	struct svga_surface *s;
	const struct svga_format_info *f;

	if (!v)
		return SVGA_ERR;
	s = get_surface(dev, sid);
	if (!s)
		return SVGA_ERR;
	f = svga_format_get(format);
	if (!f || f->bytes_per_block != s->layout.fmt->bytes_per_block) {
		svga_guest_error(dev, "view format %u incompatible with "
				 "surface %u", format, sid);
		return SVGA_ERR;
	}
	if (dim < SVGA3D_RESOURCE_TYPE_MIN || dim >= SVGA3D_RESOURCE_TYPE_MAX) {
		svga_guest_error(dev, "bad view dimension %u", dim);
		return SVGA_ERR;
	}
	*v = (struct svga_view){ true, sid, format, dim, a, b, c };
	return SVGA_OK;
}

static int destroy_view(struct svga_dev *dev, uint32_t type, uint32_t id)
{
	struct svga_view *v = view_slot(dev, type, id);

	if (!v)
		return SVGA_ERR;
	if (!v->defined) {
		svga_guest_error(dev, "view %u of type %u not defined", id,
				 type);
		return SVGA_ERR;
	}
	v->defined = false;
	return SVGA_OK;
}

static int cmd_dx_define_rtv(struct svga_dev *dev, const uint8_t *body,
			     uint32_t size)
{
	BODY(SVGA3dCmdDXDefineRenderTargetView, c);
	(void)size;
	return define_view(dev, SVGA_COTABLE_RTVIEW, c.renderTargetViewId,
			   c.sid, c.format, c.resourceDimension,
			   c.desc.tex.mipSlice, c.desc.tex.firstArraySlice,
			   c.desc.tex.arraySize);
}

static int cmd_dx_destroy_rtv(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdDXDestroyRenderTargetView, c);
	(void)size;
	return destroy_view(dev, SVGA_COTABLE_RTVIEW, c.renderTargetViewId);
}

static int cmd_dx_define_srv(struct svga_dev *dev, const uint8_t *body,
			     uint32_t size)
{
	BODY(SVGA3dCmdDXDefineShaderResourceView, c);
	(void)size;
	return define_view(dev, SVGA_COTABLE_SRVIEW, c.shaderResourceViewId,
			   c.sid, c.format, c.resourceDimension,
			   c.desc.tex.mostDetailedMip,
			   c.desc.tex.firstArraySlice, c.desc.tex.mipLevels);
}

static int cmd_dx_destroy_srv(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdDXDestroyShaderResourceView, c);
	(void)size;
	return destroy_view(dev, SVGA_COTABLE_SRVIEW, c.shaderResourceViewId);
}

static int cmd_dx_define_dsv(struct svga_dev *dev, const uint8_t *body,
			     uint32_t size)
{
	BODY(SVGA3dCmdDXDefineDepthStencilView, c);
	(void)size;
	return define_view(dev, SVGA_COTABLE_DSVIEW, c.depthStencilViewId,
			   c.sid, c.format, c.resourceDimension, c.mipSlice,
			   c.firstArraySlice, c.arraySize);
}

static int cmd_dx_destroy_dsv(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdDXDestroyDepthStencilView, c);
	(void)size;
	return destroy_view(dev, SVGA_COTABLE_DSVIEW, c.depthStencilViewId);
}

static int cmd_dx_clear_rtv(struct svga_dev *dev, const uint8_t *body,
			    uint32_t size)
{
	BODY(SVGA3dCmdDXClearRenderTargetView, c);
	struct svga_view *v = view_slot(dev, SVGA_COTABLE_RTVIEW,
					c.renderTargetViewId);
	struct svga_surface *s;
	float rgba[4] = { c.rgba.r, c.rgba.g, c.rgba.b, c.rgba.a };

	(void)size;
	if (!v)
		return SVGA_ERR;
	if (!v->defined) {
		svga_guest_error(dev, "clear of undefined RTV %u",
				 c.renderTargetViewId);
		return SVGA_ERR;
	}
	s = get_surface(dev, v->sid);
	if (!s)
		return SVGA_ERR;
	return svga_surface_clear_view(dev, s, v, rgba);
}

static int cmd_dx_clear_dsv(struct svga_dev *dev, const uint8_t *body,
			    uint32_t size)
{
	BODY(SVGA3dCmdDXClearDepthStencilView, c);
	struct svga_view *v = view_slot(dev, SVGA_COTABLE_DSVIEW,
					c.depthStencilViewId);

	struct svga_surface *s;

	(void)size;
	if (!v || !v->defined) {
		svga_guest_error(dev, "clear of undefined DSV %u",
				 c.depthStencilViewId);
		return SVGA_ERR;
	}
	s = get_surface(dev, v->sid);
	if (!s)
		return SVGA_ERR;
	return svga_surface_clear_depth_stencil(dev, s, v, c.flags, c.depth,
						(uint8_t)c.stencil);
}

/* ---- DX transfers and copies ----------------------------------------- */

static int subres(struct svga_dev *dev, struct svga_surface *s, uint32_t sub,
		  uint32_t *layer, uint32_t *mip)
{
	*layer = sub / s->layout.num_mips;
	*mip = sub % s->layout.num_mips;
	return svga_surface_check_image(dev, s, *layer, *mip);
}

static int cmd_dx_update_subresource(struct svga_dev *dev,
				     const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDXUpdateSubResource, c);
	struct svga_surface *s = get_surface(dev, c.sid);
	uint32_t layer, mip;
	struct svga_box b;

	(void)size;
	if (!s || subres(dev, s, c.subResource, &layer, &mip))
		return SVGA_ERR;
	box_from(&b, &c.box);
	return svga_surface_xfer_image(dev, s, layer, mip, &b, false,
				       SVGA_XFER_TO_HOST);
}

static int cmd_dx_readback_subresource(struct svga_dev *dev,
				       const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDXReadbackSubResource, c);
	struct svga_surface *s = get_surface(dev, c.sid);
	uint32_t layer, mip;

	(void)size;
	if (!s || subres(dev, s, c.subResource, &layer, &mip))
		return SVGA_ERR;
	return svga_surface_xfer_image(dev, s, layer, mip, NULL, false,
				       SVGA_XFER_TO_GUEST);
}

static int cmd_dx_invalidate_subresource(struct svga_dev *dev,
					 const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDXInvalidateSubResource, c);
	struct svga_surface *s = get_surface(dev, c.sid);
	uint32_t layer, mip;

	(void)size;
	if (!s || subres(dev, s, c.subResource, &layer, &mip))
		return SVGA_ERR;
	return SVGA_OK;
}

static int cmd_dx_pred_copy_region(struct svga_dev *dev,
				   const uint8_t *body, uint32_t size)
{
	BODY(SVGA3dCmdDXPredCopyRegion, c);
	struct svga_surface *d = get_surface(dev, c.dstSid);
	struct svga_surface *s = get_surface(dev, c.srcSid);
	uint32_t dl, dm, sl, sm;

	(void)size;
	if (!d || !s || subres(dev, d, c.dstSubResource, &dl, &dm) ||
	    subres(dev, s, c.srcSubResource, &sl, &sm))
		return SVGA_ERR;
	return svga_surface_copy_region(dev, d, dl, dm, s, sl, sm, &c.box);
}

static int cmd_dx_pred_copy(struct svga_dev *dev, const uint8_t *body,
			    uint32_t size)
{
	BODY(SVGA3dCmdDXPredCopy, c);
	struct svga_surface *d = get_surface(dev, c.dstSid);
	struct svga_surface *s = get_surface(dev, c.srcSid);

	(void)size;
	if (!d || !s)
		return SVGA_ERR;
	if (d->layout.total_bytes != s->layout.total_bytes ||
	    d->layout.num_mips != s->layout.num_mips ||
	    d->layout.num_layers != s->layout.num_layers ||
	    d->width != s->width || d->height != s->height ||
	    d->depth != s->depth ||
	    d->layout.fmt->bytes_per_block != s->layout.fmt->bytes_per_block ||
	    d->layout.fmt->block_w != s->layout.fmt->block_w) {
		svga_guest_error(dev, "DX_PRED_COPY between different "
				 "surfaces %u and %u", c.srcSid, c.dstSid);
		return SVGA_ERR;
	}
	if (d != s)
		memcpy(d->data, s->data, d->layout.total_bytes);
	return SVGA_OK;
}

static int cmd_dx_buffer_copy(struct svga_dev *dev, const uint8_t *body,
			      uint32_t size)
{
	BODY(SVGA3dCmdDXBufferCopy, c);
	struct svga_surface *d = get_surface(dev, c.dest);
	struct svga_surface *s = get_surface(dev, c.src);

	(void)size;
	if (!d || !s)
		return SVGA_ERR;
	if ((uint64_t)c.destX + c.width > d->layout.total_bytes ||
	    (uint64_t)c.srcX + c.width > s->layout.total_bytes) {
		svga_guest_error(dev, "DX_BUFFER_COPY out of range");
		return SVGA_ERR;
	}
	memmove(d->data + c.destX, s->data + c.srcX, c.width);
	return SVGA_OK;
}

/* ---- descriptor table ------------------------------------------------ */

#define C3(id, T, fn) [SVGA_3D_CMD_##id - SVGA_3D_CMD_BASE] = \
	{ #id, sizeof(T), fn }
#define N3(id) [SVGA_3D_CMD_##id - SVGA_3D_CMD_BASE] = { #id, 0, cmd_noop }

static const struct cmd_desc cmds3d[SVGA_3D_CMD_MAX - SVGA_3D_CMD_BASE] = {
	C3(SURFACE_COPY, SVGA3dCmdSurfaceCopy, cmd_surface_copy),
	C3(SET_OTABLE_BASE, SVGA3dCmdSetOTableBase, cmd_set_otable_base),
	C3(READBACK_OTABLE, SVGA3dCmdReadbackOTable, cmd_readback_otable),
	C3(DEFINE_GB_MOB, SVGA3dCmdDefineGBMob, cmd_define_gb_mob),
	C3(DESTROY_GB_MOB, SVGA3dCmdDestroyGBMob, cmd_destroy_gb_mob),
	C3(DEFINE_GB_SURFACE, SVGA3dCmdDefineGBSurface, cmd_define_gb_surface),
	C3(DESTROY_GB_SURFACE, SVGA3dCmdDestroyGBSurface,
	   cmd_destroy_gb_surface),
	C3(BIND_GB_SURFACE, SVGA3dCmdBindGBSurface, cmd_bind_gb_surface),
	C3(COND_BIND_GB_SURFACE, SVGA3dCmdCondBindGBSurface,
	   cmd_cond_bind_gb_surface),
	C3(UPDATE_GB_IMAGE, SVGA3dCmdUpdateGBImage, cmd_update_gb_image),
	C3(UPDATE_GB_SURFACE, SVGA3dCmdUpdateGBSurface, cmd_update_gb_surface),
	C3(READBACK_GB_IMAGE, SVGA3dCmdReadbackGBImage, cmd_readback_gb_image),
	C3(READBACK_GB_SURFACE, SVGA3dCmdReadbackGBSurface,
	   cmd_readback_gb_surface),
	C3(INVALIDATE_GB_IMAGE, SVGA3dCmdInvalidateGBImage,
	   cmd_invalidate_gb_image),
	C3(INVALIDATE_GB_SURFACE, SVGA3dCmdInvalidateGBSurface,
	   cmd_invalidate_gb_surface),
	C3(DEFINE_GB_CONTEXT, SVGA3dCmdDefineGBContext, cmd_define_gb_context),
	C3(DESTROY_GB_CONTEXT, SVGA3dCmdDestroyGBContext,
	   cmd_destroy_gb_context),
	C3(BIND_GB_CONTEXT, SVGA3dCmdBindGBContext, cmd_bind_gb_context),
	C3(READBACK_GB_CONTEXT, SVGA3dCmdReadbackGBContext, cmd_gb_context_op),
	C3(INVALIDATE_GB_CONTEXT, SVGA3dCmdInvalidateGBContext,
	   cmd_gb_context_op),
	C3(DEFINE_GB_SHADER, SVGA3dCmdDefineGBShader, cmd_define_gb_shader),
	C3(DESTROY_GB_SHADER, SVGA3dCmdDestroyGBShader, cmd_destroy_gb_shader),
	C3(BIND_GB_SHADER, SVGA3dCmdBindGBShader, cmd_bind_gb_shader),
	C3(SET_OTABLE_BASE64, SVGA3dCmdSetOTableBase64, cmd_set_otable_base64),
	C3(BEGIN_GB_QUERY, SVGA3dCmdBeginGBQuery, cmd_begin_gb_query),
	C3(END_GB_QUERY, SVGA3dCmdEndGBQuery, cmd_end_gb_query),
	C3(WAIT_FOR_GB_QUERY, SVGA3dCmdWaitForGBQuery, cmd_end_gb_query),
	N3(NOP),
	C3(DEFINE_GB_SCREENTARGET, SVGA3dCmdDefineGBScreenTarget,
	   cmd_define_gb_screentarget),
	C3(DESTROY_GB_SCREENTARGET, SVGA3dCmdDestroyGBScreenTarget,
	   cmd_destroy_gb_screentarget),
	C3(BIND_GB_SCREENTARGET, SVGA3dCmdBindGBScreenTarget,
	   cmd_bind_gb_screentarget),
	C3(UPDATE_GB_SCREENTARGET, SVGA3dCmdUpdateGBScreenTarget,
	   cmd_update_gb_screentarget),
	C3(READBACK_GB_IMAGE_PARTIAL, SVGA3dCmdReadbackGBImagePartial,
	   cmd_readback_gb_image_partial),
	C3(INVALIDATE_GB_IMAGE_PARTIAL, SVGA3dCmdInvalidateGBImagePartial,
	   cmd_invalidate_gb_image_partial),
	C3(DEFINE_GB_SURFACE_V2, SVGA3dCmdDefineGBSurface_v2,
	   cmd_define_gb_surface_v2),
	C3(DEFINE_GB_MOB64, SVGA3dCmdDefineGBMob64, cmd_define_gb_mob64),
	C3(REDEFINE_GB_MOB64, SVGA3dCmdDefineGBMob64, cmd_redefine_gb_mob64),
	C3(DX_DEFINE_CONTEXT, SVGA3dCmdDXDefineContext, cmd_dx_define_context),
	C3(DX_DESTROY_CONTEXT, SVGA3dCmdDXDestroyContext,
	   cmd_dx_destroy_context),
	C3(DX_BIND_CONTEXT, SVGA3dCmdDXBindContext, cmd_dx_bind_context),
	C3(DX_READBACK_CONTEXT, SVGA3dCmdDXReadbackContext, cmd_dx_context_op),
	C3(DX_INVALIDATE_CONTEXT, SVGA3dCmdDXInvalidateContext,
	   cmd_dx_context_op),
	N3(DX_SET_SINGLE_CONSTANT_BUFFER),
	N3(DX_SET_SHADER_RESOURCES),
	N3(DX_SET_SHADER),
	N3(DX_SET_SAMPLERS),
	N3(DX_DRAW),
	N3(DX_DRAW_INDEXED),
	N3(DX_DRAW_INSTANCED),
	N3(DX_DRAW_INDEXED_INSTANCED),
	N3(DX_DRAW_AUTO),
	N3(DX_SET_INPUT_LAYOUT),
	N3(DX_SET_VERTEX_BUFFERS),
	N3(DX_SET_INDEX_BUFFER),
	N3(DX_SET_TOPOLOGY),
	N3(DX_SET_RENDERTARGETS),
	N3(DX_SET_BLEND_STATE),
	N3(DX_SET_DEPTHSTENCIL_STATE),
	N3(DX_SET_RASTERIZER_STATE),
	N3(DX_DEFINE_QUERY),
	N3(DX_DESTROY_QUERY),
	N3(DX_BIND_QUERY),
	N3(DX_SET_QUERY_OFFSET),
	N3(DX_BEGIN_QUERY),
	N3(DX_END_QUERY),
	N3(DX_READBACK_QUERY),
	N3(DX_SET_PREDICATION),
	N3(DX_SET_SOTARGETS),
	N3(DX_SET_VIEWPORTS),
	N3(DX_SET_SCISSORRECTS),
	C3(DX_CLEAR_RENDERTARGET_VIEW, SVGA3dCmdDXClearRenderTargetView,
	   cmd_dx_clear_rtv),
	C3(DX_CLEAR_DEPTHSTENCIL_VIEW, SVGA3dCmdDXClearDepthStencilView,
	   cmd_dx_clear_dsv),
	C3(DX_PRED_COPY_REGION, SVGA3dCmdDXPredCopyRegion,
	   cmd_dx_pred_copy_region),
	C3(DX_PRED_COPY, SVGA3dCmdDXPredCopy, cmd_dx_pred_copy),
	N3(DX_PRESENTBLT),
	N3(DX_GENMIPS),
	C3(DX_UPDATE_SUBRESOURCE, SVGA3dCmdDXUpdateSubResource,
	   cmd_dx_update_subresource),
	C3(DX_READBACK_SUBRESOURCE, SVGA3dCmdDXReadbackSubResource,
	   cmd_dx_readback_subresource),
	C3(DX_INVALIDATE_SUBRESOURCE, SVGA3dCmdDXInvalidateSubResource,
	   cmd_dx_invalidate_subresource),
	C3(DX_DEFINE_SHADERRESOURCE_VIEW, SVGA3dCmdDXDefineShaderResourceView,
	   cmd_dx_define_srv),
	C3(DX_DESTROY_SHADERRESOURCE_VIEW,
	   SVGA3dCmdDXDestroyShaderResourceView, cmd_dx_destroy_srv),
	C3(DX_DEFINE_RENDERTARGET_VIEW, SVGA3dCmdDXDefineRenderTargetView,
	   cmd_dx_define_rtv),
	C3(DX_DESTROY_RENDERTARGET_VIEW, SVGA3dCmdDXDestroyRenderTargetView,
	   cmd_dx_destroy_rtv),
	C3(DX_DEFINE_DEPTHSTENCIL_VIEW, SVGA3dCmdDXDefineDepthStencilView,
	   cmd_dx_define_dsv),
	C3(DX_DESTROY_DEPTHSTENCIL_VIEW, SVGA3dCmdDXDestroyDepthStencilView,
	   cmd_dx_destroy_dsv),
	N3(DX_DEFINE_ELEMENTLAYOUT),
	N3(DX_DESTROY_ELEMENTLAYOUT),
	N3(DX_DEFINE_BLEND_STATE),
	N3(DX_DESTROY_BLEND_STATE),
	N3(DX_DEFINE_DEPTHSTENCIL_STATE),
	N3(DX_DESTROY_DEPTHSTENCIL_STATE),
	N3(DX_DEFINE_RASTERIZER_STATE),
	N3(DX_DESTROY_RASTERIZER_STATE),
	N3(DX_DEFINE_SAMPLER_STATE),
	N3(DX_DESTROY_SAMPLER_STATE),
	N3(DX_DEFINE_SHADER),
	N3(DX_DESTROY_SHADER),
	N3(DX_BIND_SHADER),
	N3(DX_DEFINE_STREAMOUTPUT),
	N3(DX_DESTROY_STREAMOUTPUT),
	N3(DX_SET_STREAMOUTPUT),
	C3(DX_SET_COTABLE, SVGA3dCmdDXSetCOTable, cmd_dx_set_cotable),
	C3(DX_READBACK_COTABLE, SVGA3dCmdDXReadbackCOTable,
	   cmd_dx_readback_cotable),
	C3(DX_BUFFER_COPY, SVGA3dCmdDXBufferCopy, cmd_dx_buffer_copy),
	N3(DX_MOVE_QUERY),
	N3(DX_BIND_ALL_QUERY),
	N3(DX_READBACK_ALL_QUERY),
	N3(DX_BIND_ALL_SHADER),
	N3(DX_HINT),
	N3(DX_SET_VS_CONSTANT_BUFFER_OFFSET),
	N3(DX_SET_PS_CONSTANT_BUFFER_OFFSET),
	N3(DX_SET_GS_CONSTANT_BUFFER_OFFSET),
	N3(DX_COND_BIND_ALL_SHADER),
	C3(GROW_OTABLE, SVGA3dCmdGrowOTable, cmd_grow_otable),
	C3(DX_GROW_COTABLE, SVGA3dCmdDXGrowCOTable, cmd_dx_set_cotable),
	C3(INTRA_SURFACE_COPY, SVGA3dCmdIntraSurfaceCopy,
	   cmd_intra_surface_copy),
	C3(DEFINE_GB_SURFACE_V3, SVGA3dCmdDefineGBSurface_v3,
	   cmd_define_gb_surface_v3),
	C3(DEFINE_GB_SURFACE_V4, SVGA3dCmdDefineGBSurface_v4,
	   cmd_define_gb_surface_v4),
	C3(UPDATE_GB_SCREENTARGET_V2, SVGA3dCmdUpdateGBScreenTarget_v2,
	   cmd_update_gb_screentarget),
	C3(DX_DEFINE_DEPTHSTENCIL_VIEW_V2, SVGA3dCmdDXDefineDepthStencilView_v2,
	   cmd_dx_define_dsv),
	N3(DX_DEFINE_RASTERIZER_STATE_V2),
	N3(DX_SET_VERTEX_BUFFERS_V2),
	N3(DX_SET_INDEX_BUFFER_V2),
	N3(DX_SET_VERTEX_BUFFERS_OFFSET_AND_SIZE),
	N3(DX_SET_INDEX_BUFFER_OFFSET_AND_SIZE),
	N3(DX_SET_MIN_LOD),
};

static const struct cmd_desc *lookup3d(uint32_t id)
{
	const struct cmd_desc *d;

	if (id < SVGA_3D_CMD_BASE || id >= SVGA_3D_CMD_MAX)
		return NULL;
	if (id == SVGA_3D_CMD_NOP_ERROR) {
		static const struct cmd_desc nop_error = {
			"NOP_ERROR", 0, cmd_nop_error
		};
		return &nop_error;
	}
	d = &cmds3d[id - SVGA_3D_CMD_BASE];
	return d->fn ? d : NULL;
}

static const char *const names2d[SVGA_CMD_MAX] = {
	[SVGA_CMD_UPDATE] = "UPDATE",
	[SVGA_CMD_DEFINE_ALPHA_CURSOR] = "DEFINE_ALPHA_CURSOR",
	[SVGA_CMD_FENCE] = "FENCE",
	[SVGA_CMD_ESCAPE] = "ESCAPE",
	[SVGA_CMD_NOP] = "NOP",
	[SVGA_CMD_NOP_ERROR] = "NOP_ERROR",
};

const char *svga_cmd_name(uint32_t id)
{
	const struct cmd_desc *d;

	if (id < SVGA_CMD_MAX)
		return names2d[id];
	d = lookup3d(id);
	return d ? d->name : NULL;
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static int exec2d(struct svga_dev *dev, uint32_t id, const uint8_t *buf,
		  uint32_t len, uint32_t *used)
{
	switch (id) {
	case SVGA_CMD_NOP:
		*used = 4;
		return SVGA_OK;
	case SVGA_CMD_FENCE:
		if (len < 8)
			break;
		*used = 8;
		svga_fence_signal(dev, rd32(buf + 4));
		return SVGA_OK;
	case SVGA_CMD_UPDATE:
		if (len < 4 + sizeof(SVGAFifoCmdUpdate))
			break;
		*used = 4 + sizeof(SVGAFifoCmdUpdate);
		return SVGA_OK;
	case SVGA_CMD_ESCAPE: {
		uint32_t sz;

		if (len < 4 + sizeof(SVGAFifoCmdEscape))
			break;
		sz = rd32(buf + 8);
		if (sz > len - 4 - sizeof(SVGAFifoCmdEscape))
			break;
		*used = 4 + sizeof(SVGAFifoCmdEscape) + sz;
		return SVGA_OK;
	}
	case SVGA_CMD_DEFINE_ALPHA_CURSOR: {
		SVGAFifoCmdDefineAlphaCursor c;
		uint64_t img;

		if (len < 4 + sizeof(c))
			break;
		memcpy(&c, buf + 4, sizeof(c));
		if (c.width > SVGA_MAX_CURSOR_CMD_DIMENSION ||
		    c.height > SVGA_MAX_CURSOR_CMD_DIMENSION) {
			svga_guest_error(dev, "cursor %ux%u too large",
					 c.width, c.height);
			return SVGA_ERR;
		}
		img = (uint64_t)c.width * c.height * 4;
		if (img > len - 4 - sizeof(c))
			break;
		*used = 4 + sizeof(c) + (uint32_t)img;
		return SVGA_OK;
	}
	case SVGA_CMD_NOP_ERROR:
		svga_guest_error(dev, "NOP_ERROR command");
		return SVGA_ERR;
	default:
		svga_guest_error(dev, "unsupported SVGA command %u", id);
		return SVGA_ERR;
	}
	svga_guest_error(dev, "truncated SVGA command %u", id);
	return SVGA_ERR;
}

int svga_cmd_exec(struct svga_dev *dev, const uint8_t *buf, uint32_t len,
		  uint32_t *used)
{
	const struct cmd_desc *d;
	uint32_t id, size;
	int rc;

	if (len < 4) {
		svga_guest_error(dev, "truncated command header");
		return SVGA_ERR;
	}
	id = rd32(buf);
	dev->exec.cmd_id = id;
	if (id < SVGA_CMD_MAX) {
		rc = exec2d(dev, id, buf, len, used);
	} else {
		if (len < sizeof(SVGA3dCmdHeader)) {
			svga_guest_error(dev, "truncated 3D command header");
			return SVGA_ERR;
		}
		size = rd32(buf + 4);
		if (size > len - sizeof(SVGA3dCmdHeader)) {
			svga_guest_error(dev, "command %u size %u exceeds the "
					 "buffer", id, size);
			return SVGA_ERR;
		}
		*used = sizeof(SVGA3dCmdHeader) + size;
		d = lookup3d(id);
		if (!d) {
			svga_guest_error(dev, "unsupported SVGA3D command %u",
					 id);
			rc = SVGA_ERR;
		} else if (size < d->min_size) {
			svga_guest_error(dev, "command %s: body %u < %u",
					 d->name, size, d->min_size);
			rc = SVGA_ERR;
		} else {
			svga_trace(dev, "cmd %s size %u", d->name, size);
			rc = d->fn(dev, buf + sizeof(SVGA3dCmdHeader), size);
		}
	}
	if (rc == SVGA_OK) {
		if (id < SVGA_COUNTER_SLOTS)
			dev->counters[id].count++;
		dev->totals.all.count++;
	} else {
		dev->totals.cmd_errors++;
	}
	return rc;
}
