// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: GB contexts, GB shaders, and DX
 * contexts with their COTables and the views kept in them.
 *
 * COTable guest pages are never read: the device keeps the state of every
 * entry on the host, and the MOB only bounds how many entries there are.
 * A SET_COTABLE or GROW_COTABLE keeps the entries below its valid size;
 * one to SVGA3D_INVALID_ID (vmwgfx's scrub) keeps them all, unreachable,
 * for the next SET_COTABLE to restore up to its valid size.
 */
#include "svga_objects.h"
#include "svga_dxstate.h"

#include <stdlib.h>
#include <string.h>

int svga_gbctx_define(struct svga_objects *om, uint32_t cid)
{
	struct svga_gbctx *ctx;

	if (svga_obj_check_new(om, SVGA_OBJ_CONTEXT, cid))
		return SVGA_ERR;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return SVGA_ERR;
	ctx->cid = cid;
	ctx->mobid = SVGA3D_INVALID_ID;
	svga_obj_put(om, SVGA_OBJ_CONTEXT, cid, ctx);
	return SVGA_OK;
}

int svga_shader_define(struct svga_objects *om, uint32_t shid, uint32_t type,
		       uint32_t size)
{
	struct svga_shader *sh;

	if (svga_obj_check_new(om, SVGA_OBJ_SHADER, shid))
		return SVGA_ERR;
	sh = calloc(1, sizeof(*sh));
	if (!sh)
		return SVGA_ERR;
	sh->shid = shid;
	sh->type = type;
	sh->size = size;
	sh->mobid = SVGA3D_INVALID_ID;
	svga_obj_put(om, SVGA_OBJ_SHADER, shid, sh);
	return SVGA_OK;
}

int svga_dxctx_define(struct svga_objects *om, uint32_t cid)
{
	struct svga_dxctx *ctx;

	if (svga_obj_check_new(om, SVGA_OBJ_DXCONTEXT, cid))
		return SVGA_ERR;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return SVGA_ERR;
	ctx->bound = malloc(sizeof(*ctx->bound));
	if (!ctx->bound) {
		free(ctx);
		return SVGA_ERR;
	}
	svga_dx_bound_reset(ctx->bound);
	ctx->cid = cid;
	ctx->mobid = SVGA3D_INVALID_ID;
	for (unsigned i = 0; i < SVGA_COTABLE_MAX; i++)
		ctx->cot[i].mobid = SVGA3D_INVALID_ID;
	svga_obj_put(om, SVGA_OBJ_DXCONTEXT, cid, ctx);
	return SVGA_OK;
}

uint32_t svga_cotable_entry_size(uint32_t type)
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

bool svga_cotable_type_valid(uint32_t type)
{
	return type < SVGA_COTABLE_MAX && svga_cotable_entry_size(type) != 0;
}

static bool cotable_has_views(uint32_t type)
{
	return type == SVGA_COTABLE_RTVIEW || type == SVGA_COTABLE_DSVIEW ||
	       type == SVGA_COTABLE_SRVIEW;
}

int svga_dxctx_set_cotable(struct svga_objects *om, struct svga_dxctx *ctx,
			   uint32_t type, uint32_t mobid, uint32_t valid_size)
{
	struct svga_cotable *cot;
	uint32_t esize, entries = 0, valid, keep;
	struct svga_mob *m;

	if (!svga_cotable_type_valid(type)) {
		svga_guest_error(om->log, "bad COTable type %u", type);
		return SVGA_ERR;
	}
	esize = svga_cotable_entry_size(type);
	if (mobid != SVGA3D_INVALID_ID) {
		m = svga_obj_lookup(om, SVGA_OBJ_MOB, mobid);
		if (!m)
			return SVGA_ERR;
		if (valid_size > m->size) {
			svga_guest_error(om->log, "COTable valid size %u > MOB "
					 "size %u", valid_size, m->size);
			return SVGA_ERR;
		}
		entries = m->size / esize;
		if (entries > SVGA_COTABLE_MAX_IDS)
			entries = SVGA_COTABLE_MAX_IDS;
	}
	cot = &ctx->cot[type];
	if (mobid == SVGA3D_INVALID_ID) {
		/* vmwgfx scrubs a COTable this way when it unbinds its
		 * context (after a READBACK_COTABLE when it means to restore
		 * it): the host keeps the entries, out of reach until a MOB is
		 * set again with a valid size that covers them. */
		cot->mobid = mobid;
		cot->entries = 0;
		return SVGA_OK;
	}
	valid = valid_size / esize;
	if (valid > entries)
		valid = entries;
	keep = valid < cot->held ? valid : cot->held;
	if (cotable_has_views(type)) {
		struct svga_view *nv = NULL;

		if (entries) {
			nv = calloc(entries, sizeof(*nv));
			if (!nv)
				return SVGA_ERR;
			if (cot->views && keep)
				memcpy(nv, cot->views, keep * sizeof(*nv));
		}
		free(cot->views);
		cot->views = nv;
	} else if (svga_dxobjs_resize(om, cot, type, cot->held, entries,
				      keep)) {
		return SVGA_ERR;
	}
	cot->mobid = mobid;
	cot->entries = entries;
	cot->held = entries;
	return SVGA_OK;
}

void svga_dxctx_free(struct svga_objects *om, struct svga_dxctx *ctx)
{
	for (unsigned i = 0; i < SVGA_COTABLE_MAX; i++) {
		free(ctx->cot[i].views);
		svga_dxobjs_free(om, &ctx->cot[i], i);
	}
	free(ctx->bound);
	free(ctx);
}

struct svga_view *svga_dxctx_view(struct svga_objects *om,
				  struct svga_dxctx *ctx, uint32_t type,
				  uint32_t id)
{
	struct svga_cotable *cot = &ctx->cot[type];

	if (id >= cot->entries || !cot->views) {
		svga_guest_error(om->log, "view id %u beyond COTable %u (%u)",
				 id, type, cot->entries);
		return NULL;
	}
	return &cot->views[id];
}

int svga_view_define(struct svga_objects *om, struct svga_view *v,
		     uint32_t sid, uint32_t format, uint32_t dim, uint32_t a,
		     uint32_t b, uint32_t c)
{
	struct svga_surface *s = svga_obj_lookup(om, SVGA_OBJ_SURFACE, sid);
	const struct svga_format_info *f;

	if (!s)
		return SVGA_ERR;
	f = svga_format_get(format);
	/* a view of a buffer names its element format (texture buffers);
	 * a view of an image reinterprets blocks of the same size */
	if (!f || (s->format == SVGA3D_BUFFER ? format == SVGA3D_BUFFER :
		   f->bytes_per_block != s->layout.fmt->bytes_per_block)) {
		svga_guest_error(om->log, "view format %u incompatible with "
				 "surface %u", format, sid);
		return SVGA_ERR;
	}
	if (dim < SVGA3D_RESOURCE_TYPE_MIN || dim >= SVGA3D_RESOURCE_TYPE_MAX) {
		svga_guest_error(om->log, "bad view dimension %u", dim);
		return SVGA_ERR;
	}
	*v = (struct svga_view){ true, sid, format, dim, a, b, c, 0 };
	return SVGA_OK;
}
