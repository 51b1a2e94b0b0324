// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: the entries of a DX context's
 * COTables other than views (element layouts, blend / depth-stencil /
 * rasterizer / sampler states, DX shaders, stream-output declarations,
 * queries), and the context's bound state.
 *
 * Entries are kept on the host in the guest's entry format; an id is valid
 * while it is below the number of entries the guest's COTable MOB holds.
 * A resize (SET_COTABLE, GROW_COTABLE) keeps the entries below the valid
 * size the guest gives, as a VMware host reloads them from the MOB
 * (svga_dxctx_set_cotable).
 */
#include "svga_dxstate.h"

#include <stdlib.h>
#include <string.h>

static const char *const cotable_names[SVGA_COTABLE_MAX] = {
	[SVGA_COTABLE_RTVIEW] = "render target view",
	[SVGA_COTABLE_DSVIEW] = "depth-stencil view",
	[SVGA_COTABLE_SRVIEW] = "shader resource view",
	[SVGA_COTABLE_ELEMENTLAYOUT] = "element layout",
	[SVGA_COTABLE_BLENDSTATE] = "blend state",
	[SVGA_COTABLE_DEPTHSTENCIL] = "depth-stencil state",
	[SVGA_COTABLE_RASTERIZERSTATE] = "rasterizer state",
	[SVGA_COTABLE_SAMPLER] = "sampler state",
	[SVGA_COTABLE_STREAMOUTPUT] = "stream output",
	[SVGA_COTABLE_DXQUERY] = "query",
	[SVGA_COTABLE_DXSHADER] = "shader",
	[SVGA_COTABLE_UAVIEW] = "UA view",
};

void svga_dx_bound_reset(struct svga_dx_bound *b)
{
	memset(b, 0, sizeof(*b));
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++) {
		b->shader[s] = SVGA3D_INVALID_ID;
		for (unsigned i = 0; i < SVGA3D_DX_MAX_CONSTBUFFERS; i++)
			b->cb[s][i].sid = SVGA3D_INVALID_ID;
		for (unsigned i = 0; i < SVGA3D_DX_MAX_SRVIEWS; i++)
			b->srv[s][i] = SVGA3D_INVALID_ID;
		for (unsigned i = 0; i < SVGA3D_DX_MAX_SAMPLERS; i++)
			b->sampler[s][i] = SVGA3D_INVALID_ID;
	}
	b->element_layout = SVGA3D_INVALID_ID;
	for (unsigned i = 0; i < SVGA3D_DX_MAX_VERTEXBUFFERS; i++)
		b->vbuf[i].sid = SVGA3D_INVALID_ID;
	b->ibuf.sid = SVGA3D_INVALID_ID;
	b->topology = SVGA3D_PRIMITIVE_INVALID;
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++)
		b->rtv[i] = SVGA3D_INVALID_ID;
	b->dsv = SVGA3D_INVALID_ID;
	b->blend = SVGA3D_INVALID_ID;
	b->sample_mask = 0xffffffffu;
	b->depth_stencil = SVGA3D_INVALID_ID;
	b->rasterizer = SVGA3D_INVALID_ID;
	b->pred_query = SVGA3D_INVALID_ID;
	for (unsigned i = 0; i < SVGA3D_DX_MAX_SOTARGETS; i++)
		b->so[i].sid = SVGA3D_INVALID_ID;
	b->streamoutput = SVGA3D_INVALID_ID;
}

uint32_t svga_dxobj_size(uint32_t type)
{
	/* Views keep their own host state (svga_context.c); shaders keep
	 * their bytecode beside the guest's entry. */
	switch (type) {
	case SVGA_COTABLE_RTVIEW:
	case SVGA_COTABLE_DSVIEW:
	case SVGA_COTABLE_SRVIEW:
	case SVGA_COTABLE_UAVIEW:
		return 0;
	case SVGA_COTABLE_DXSHADER:
		return sizeof(struct svga_dxshader);
	default:
		return svga_cotable_entry_size(type);
	}
}

static void entry_release(struct svga_objects *om, struct svga_cotable *cot,
			  uint32_t type, uint32_t id)
{
	if (type == SVGA_COTABLE_DXSHADER && cot->live[id])
		svga_dxshader_unbind(om, (struct svga_dxshader *)
				     (cot->objs + (size_t)id *
				      sizeof(struct svga_dxshader)));
	cot->live[id] = 0;
}

int svga_dxobjs_resize(struct svga_objects *om, struct svga_cotable *cot,
		       uint32_t type, uint32_t old_entries,
		       uint32_t new_entries, uint32_t keep)
{
	uint32_t esize = svga_dxobj_size(type);
	uint8_t *objs = NULL, *live = NULL;

	if (!esize)
		return SVGA_OK;       /* UA views: not supported, no entries */
	if (keep > old_entries)
		keep = old_entries;
	if (keep > new_entries)
		keep = new_entries;
	/* one guest MOB may back any number of COTables: bound the host
	 * memory they cost together */
	if ((uint64_t)new_entries * esize >
	    SVGA_DX_COTABLE_BYTES_MAX - (om->dx_cotable_bytes -
					 (uint64_t)old_entries * esize)) {
		svga_guest_error(om->log, "%u %s entries exceed the host's DX "
				 "COTable budget (%u MiB)", new_entries,
				 cotable_names[type],
				 SVGA_DX_COTABLE_BYTES_MAX >> 20);
		return SVGA_ERR;
	}
	if (new_entries) {
		objs = calloc(new_entries, esize);
		live = calloc(new_entries, 1);
		if (!objs || !live) {
			free(objs);
			free(live);
			svga_guest_error(om->log, "no host memory for %u %s "
					 "entries", new_entries,
					 cotable_names[type]);
			return SVGA_ERR;
		}
	}
	for (uint32_t i = keep; i < old_entries && cot->live; i++)
		entry_release(om, cot, type, i);
	if (keep) {
		memcpy(objs, cot->objs, (size_t)keep * esize);
		memcpy(live, cot->live, keep);
	}
	free(cot->objs);
	free(cot->live);
	om->dx_cotable_bytes -= (uint64_t)old_entries * esize;
	om->dx_cotable_bytes += (uint64_t)new_entries * esize;
	cot->objs = objs;
	cot->live = live;
	return SVGA_OK;
}

void svga_dxobjs_free(struct svga_objects *om, struct svga_cotable *cot,
		      uint32_t type)
{
	svga_dxobjs_resize(om, cot, type, cot->held, 0, 0);
	cot->entries = 0;
	cot->held = 0;
}

static void *slot(struct svga_dxctx *ctx, uint32_t type, uint32_t id)
{
	return ctx->cot[type].objs + (size_t)id * svga_dxobj_size(type);
}

static bool in_table(struct svga_objects *om, struct svga_dxctx *ctx,
		     uint32_t type, uint32_t id, const char *cmd)
{
	struct svga_cotable *cot = &ctx->cot[type];

	if (id >= cot->entries || !cot->objs) {
		svga_guest_error(om->log, "%s: %s id %u beyond its COTable "
				 "(%u entries)", cmd, cotable_names[type], id,
				 cot->entries);
		return false;
	}
	return true;
}

void *svga_dxobj_new(struct svga_objects *om, struct svga_dxctx *ctx,
		     uint32_t type, uint32_t id, const char *cmd)
{
	if (!in_table(om, ctx, type, id, cmd))
		return NULL;
	if (ctx->cot[type].live[id]) {
		svga_guest_error(om->log, "%s: %s id %u already defined", cmd,
				 cotable_names[type], id);
		return NULL;
	}
	memset(slot(ctx, type, id), 0, svga_dxobj_size(type));
	return slot(ctx, type, id);
}

void svga_dxobj_commit(struct svga_dxctx *ctx, uint32_t type, uint32_t id)
{
	ctx->cot[type].live[id] = 1;
}

void *svga_dxobj_peek(struct svga_dxctx *ctx, uint32_t type, uint32_t id)
{
	struct svga_cotable *cot = &ctx->cot[type];

	if (id >= cot->entries || !cot->objs || !cot->live[id])
		return NULL;
	return slot(ctx, type, id);
}

void *svga_dxobj_get(struct svga_objects *om, struct svga_dxctx *ctx,
		     uint32_t type, uint32_t id, const char *cmd)
{
	if (!in_table(om, ctx, type, id, cmd))
		return NULL;
	if (!ctx->cot[type].live[id]) {
		svga_guest_error(om->log, "%s: %s id %u not defined", cmd,
				 cotable_names[type], id);
		return NULL;
	}
	return slot(ctx, type, id);
}

int svga_dxobj_destroy(struct svga_objects *om, struct svga_dxctx *ctx,
		       uint32_t type, uint32_t id, const char *cmd)
{
	if (!svga_dxobj_get(om, ctx, type, id, cmd))
		return SVGA_ERR;
	entry_release(om, &ctx->cot[type], type, id);
	return SVGA_OK;
}
