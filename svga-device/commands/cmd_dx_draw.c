// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX draws, PRESENTBLT and
 * GENMIPS.
 *
 * A draw checks that the context's bound state is complete and consistent
 * (a vertex shader with bytecode, a topology, every bound view, state and
 * surface still defined, an index buffer for indexed draws), then builds a
 * struct svga_dx_draw snapshot (svga_dx_draw.h) and hands it to the
 * renderer's draw hook.  No renderer: draws are validated, not executed
 * (counted in svga_cmd_ctx.dx_draws_validated, the snapshot discarded).
 *
 * PRESENTBLT is validated here and routed to the renderer's hook; without
 * a renderer it is a command error.  GENMIPS runs on host storage
 * (objects/svga_genmips.c), with or without a renderer: the view's format
 * may differ from the surface's, which a Vulkan blit cannot filter in.
 */
#include "svga_dx_draw.h"

#include <stdlib.h>

void svga_cmd_set_dx_hooks(struct svga_cmd_ctx *cx,
			   const struct svga_dx_hooks *hooks, void *opaque)
{
	cx->dx_hooks = hooks;
	cx->dx_hooks_opaque = opaque;
}

static const char *const stage_names[SVGA_DX_NUM_STAGES] = { "VS", "GS",
							      "PS" };

/* A bound buffer range, clamped to its surface; false: sid is gone. */
static bool draw_buffer(struct svga_cmd_ctx *cx, const char *cmd,
			const char *what, struct svga_dx_draw_buffer *out,
			uint32_t sid, uint32_t offset, uint32_t size,
			uint32_t stride)
{
	struct svga_surface *s;
	uint64_t total, avail;

	*out = (struct svga_dx_draw_buffer){ sid, offset, 0, stride };
	if (sid == SVGA3D_INVALID_ID)
		return true;
	s = svga_obj_get(cx->om, SVGA_OBJ_SURFACE, sid);
	if (!s) {
		svga_guest_error(cx->log, "%s: %s surface %u no longer exists",
				 cmd, what, sid);
		return false;
	}
	total = s->layout.total_bytes;
	avail = total > offset ? total - offset : 0;
	/* D3D: reads beyond the buffer return 0, so a range past its end
	 * is clamped, not an error */
	if (size == 0 || size > avail)
		size = (uint32_t)(avail > UINT32_MAX ? UINT32_MAX : avail);
	out->size = size;
	return true;
}

static bool draw_view(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
		      const char *cmd, uint32_t type, uint32_t id,
		      struct svga_dx_draw_view *out)
{
	struct svga_view *v;

	*out = (struct svga_dx_draw_view){ .id = id,
					   .sid = SVGA3D_INVALID_ID };
	if (id == SVGA3D_INVALID_ID)
		return true;
	v = svga_dxctx_view(cx->om, ctx, type, id);
	if (!v)
		return false;
	if (!v->defined || !svga_obj_get(cx->om, SVGA_OBJ_SURFACE, v->sid)) {
		svga_guest_error(cx->log, "%s: view %u (COTable %u) is not "
				 "defined", cmd, id, type);
		return false;
	}
	*out = (struct svga_dx_draw_view){ id, v->sid, v->format, v->dim,
					   v->a, v->b, v->c, v->d };
	return true;
}

/* A bound state entry copied into dst; INVALID leaves dst zero. */
static bool draw_state(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
		       const char *cmd, uint32_t type, uint32_t id, void *dst,
		       size_t len)
{
	const void *e;

	memset(dst, 0, len);
	if (id == SVGA3D_INVALID_ID)
		return true;
	e = svga_dxobj_peek(ctx, type, id);
	if (!e) {
		svga_guest_error(cx->log, "%s: bound state %u (COTable %u) "
				 "no longer defined", cmd, id, type);
		return false;
	}
	memcpy(dst, e, len);
	return true;
}

static bool draw_shaders(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
			 const char *cmd, struct svga_dx_draw_pipeline *p)
{
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++) {
		uint32_t id = ctx->bound->shader[s];
		struct svga_dxshader *sh;

		p->shader[s] = (struct svga_dx_draw_shader){ id, 0, NULL, 0 };
		if (id == SVGA3D_INVALID_ID) {
			if (s != SVGA_DX_STAGE_VS)
				continue;
			svga_guest_error(cx->log, "%s: no vertex shader bound",
					 cmd);
			return false;
		}
		sh = svga_dxobj_peek(ctx, SVGA_COTABLE_DXSHADER, id);
		if (!sh || !sh->code) {
			svga_guest_error(cx->log, "%s: %s shader %u %s", cmd,
					 stage_names[s], id,
					 sh ? "has no bytecode bound"
					    : "no longer defined");
			return false;
		}
		p->shader[s] = (struct svga_dx_draw_shader){
			id, sh->e.type, sh->code, sh->e.sizeInBytes };
	}
	return true;
}

static bool draw_pipeline(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
			  const char *cmd, struct svga_dx_draw *d)
{
	const struct svga_dx_bound *b = ctx->bound;
	struct svga_dx_draw_pipeline *p = &d->pipeline;

	if (!draw_shaders(cx, ctx, cmd, p))
		return false;
	if (b->topology == SVGA3D_PRIMITIVE_INVALID) {
		svga_guest_error(cx->log, "%s: no topology set", cmd);
		return false;
	}
	p->topology = b->topology;
	p->element_layout = b->element_layout;
	if (b->element_layout != SVGA3D_INVALID_ID) {
		const SVGACOTableDXElementLayoutEntry *el = svga_dxobj_peek(
			ctx, SVGA_COTABLE_ELEMENTLAYOUT, b->element_layout);

		if (!el) {
			svga_guest_error(cx->log, "%s: element layout %u no "
					 "longer defined", cmd,
					 b->element_layout);
			return false;
		}
		p->num_elements = el->numDescs;
		memcpy(p->elements, el->descs,
		       el->numDescs * sizeof(el->descs[0]));
	}
	p->rasterizer = b->rasterizer;
	p->depth_stencil = b->depth_stencil;
	p->blend = b->blend;
	if (!draw_state(cx, ctx, cmd, SVGA_COTABLE_RASTERIZERSTATE,
			b->rasterizer, &p->rs, sizeof(p->rs)) ||
	    !draw_state(cx, ctx, cmd, SVGA_COTABLE_DEPTHSTENCIL,
			b->depth_stencil, &p->ds, sizeof(p->ds)) ||
	    !draw_state(cx, ctx, cmd, SVGA_COTABLE_BLENDSTATE, b->blend,
			&p->bs, sizeof(p->bs)))
		return false;
	if (b->blend != SVGA3D_INVALID_ID && !p->bs.independentBlendEnable)
		for (unsigned i = 1; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++)
			p->bs.perRT[i] = p->bs.perRT[0];
	p->streamoutput = b->streamoutput;
	if (b->streamoutput != SVGA3D_INVALID_ID) {
		p->so_decl = svga_dxobj_peek(ctx, SVGA_COTABLE_STREAMOUTPUT,
					     b->streamoutput);
		if (!p->so_decl) {
			svga_guest_error(cx->log, "%s: stream output %u no "
					 "longer defined", cmd,
					 b->streamoutput);
			return false;
		}
	}
	p->samples = 1;       /* the bound targets' (draw_targets) */
	p->sample_mask = b->sample_mask;
	return true;
}

/* The draw's sample count: that of every bound target (D3D requires
 * them equal; a mismatch is a guest error), 1 with none bound. */
static bool target_samples(struct svga_cmd_ctx *cx, const char *cmd,
			   struct svga_dx_draw *d)
{
	uint32_t samples = 0;

	for (unsigned i = 0; i <= SVGA3D_DX_MAX_RENDER_TARGETS; i++) {
		const struct svga_dx_draw_view *v =
			i < SVGA3D_DX_MAX_RENDER_TARGETS ? &d->rt[i] : &d->ds;
		const struct svga_surface *s;

		if (v->id == SVGA3D_INVALID_ID)
			continue;
		s = svga_obj_get(cx->om, SVGA_OBJ_SURFACE, v->sid);
		if (!s)
			continue;      /* draw_view checked it */
		if (samples && s->samples != samples) {
			svga_guest_error(cx->log, "%s: bound targets have "
					 "different sample counts (%u and %u, "
					 "surface %u)", cmd, samples,
					 s->samples, v->sid);
			return false;
		}
		samples = s->samples;
	}
	d->pipeline.samples = samples ? samples : 1;
	return true;
}

static bool draw_targets(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
			 const char *cmd, struct svga_dx_draw *d)
{
	const struct svga_dx_bound *b = ctx->bound;

	d->pipeline.num_rts = b->num_rts;
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++) {
		if (!draw_view(cx, ctx, cmd, SVGA_COTABLE_RTVIEW, b->rtv[i],
			       &d->rt[i]))
			return false;
		d->pipeline.rt_formats[i] = b->rtv[i] == SVGA3D_INVALID_ID ?
					    0 : d->rt[i].format;
	}
	if (!draw_view(cx, ctx, cmd, SVGA_COTABLE_DSVIEW, b->dsv, &d->ds))
		return false;
	d->pipeline.ds_format = b->dsv == SVGA3D_INVALID_ID ? 0 : d->ds.format;
	return target_samples(cx, cmd, d);
}

static bool draw_stage(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
		       const char *cmd, unsigned s, struct svga_dx_draw *d)
{
	const struct svga_dx_bound *b = ctx->bound;
	struct svga_dx_draw_stage *st = &d->stage[s];

	for (unsigned i = 0; i < SVGA3D_DX_MAX_CONSTBUFFERS; i++)
		if (!draw_buffer(cx, cmd, "constant buffer", &st->cb[i],
				 b->cb[s][i].sid, b->cb[s][i].offset,
				 b->cb[s][i].size, 0))
			return false;
	for (unsigned i = 0; i < SVGA3D_DX_MAX_SAMPLERS; i++) {
		st->sampler_id[i] = b->sampler[s][i];
		if (!draw_state(cx, ctx, cmd, SVGA_COTABLE_SAMPLER,
				b->sampler[s][i], &st->sampler[i],
				sizeof(st->sampler[i])))
			return false;
	}
	for (unsigned i = 0; i < SVGA3D_DX_MAX_SRVIEWS; i++)
		if (!draw_view(cx, ctx, cmd, SVGA_COTABLE_SRVIEW, b->srv[s][i],
			       &st->srv[i]))
			return false;
	return true;
}

static bool draw_inputs(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
			const char *cmd, struct svga_dx_draw *d)
{
	const struct svga_dx_bound *b = ctx->bound;

	for (unsigned i = 0; i < SVGA3D_DX_MAX_VERTEXBUFFERS; i++)
		if (!draw_buffer(cx, cmd, "vertex buffer", &d->vbufs[i],
				 b->vbuf[i].sid, b->vbuf[i].offset,
				 b->vbuf[i].size, b->vbuf[i].stride))
			return false;
	if (d->kind == SVGA_DX_DRAW_INDEXED) {
		if (b->ibuf.sid == SVGA3D_INVALID_ID) {
			svga_guest_error(cx->log, "%s: no index buffer bound",
					 cmd);
			return false;
		}
		if (!draw_buffer(cx, cmd, "index buffer", &d->index_buffer,
				 b->ibuf.sid, b->ibuf.offset, b->ibuf.size, 0))
			return false;
		d->index_size = b->ib_format == SVGA3D_R16_UINT ? 2 : 4;
	} else {
		d->index_buffer = (struct svga_dx_draw_buffer){
			SVGA3D_INVALID_ID, 0, 0, 0 };
	}
	if (d->kind == SVGA_DX_DRAW_AUTO &&
	    b->vbuf[0].sid == SVGA3D_INVALID_ID) {
		svga_guest_error(cx->log, "%s: no vertex buffer 0 to draw from",
				 cmd);
		return false;
	}
	for (unsigned i = 0; i < SVGA3D_DX_MAX_SOTARGETS; i++)
		if (b->so[i].sid != SVGA3D_INVALID_ID &&
		    !svga_obj_get(cx->om, SVGA_OBJ_SURFACE, b->so[i].sid)) {
			svga_guest_error(cx->log, "%s: stream-output surface "
					 "%u no longer exists", cmd,
					 b->so[i].sid);
			return false;
		}
	return true;
}

static int run_draw(struct svga_cmd_ctx *cx, const char *cmd,
		    struct svga_dx_draw *d)
{
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	const struct svga_dx_bound *b;
	int rc = SVGA_ERR;

	if (!ctx)
		goto out;
	b = ctx->bound;
	d->cid = ctx->cid;
	if (!draw_pipeline(cx, ctx, cmd, d) || !draw_targets(cx, ctx, cmd, d) ||
	    !draw_inputs(cx, ctx, cmd, d))
		goto out;
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++)
		if (!draw_stage(cx, ctx, cmd, s, d))
			goto out;
	d->num_viewports = b->num_viewports;
	memcpy(d->viewports, b->viewport, sizeof(d->viewports));
	d->scissor_enable = d->pipeline.rs.scissorEnable;
	d->num_scissors = b->num_scissors;
	memcpy(d->scissors, b->scissor, sizeof(d->scissors));
	memcpy(d->blend_factor, b->blend_factor, sizeof(d->blend_factor));
	d->stencil_ref = b->stencil_ref;
	d->num_so = b->num_so;
	memcpy(d->so, b->so, sizeof(d->so));
	d->pred_query = b->pred_query;
	d->pred_value = b->pred_value;
	cx->dx_draws_validated++;
	rc = SVGA_OK;
	if (cx->dx_hooks && cx->dx_hooks->draw &&
	    cx->dx_hooks->draw(cx->dx_hooks_opaque, d)) {
		svga_guest_error(cx->log, "%s: the renderer failed the draw",
				 cmd);
		rc = SVGA_ERR;
	} else if (cx->dx_hooks && cx->dx_hooks->draw &&
		   d->pipeline.so_decl &&
		   d->pipeline.so_decl->numOutputStreamEntries) {
		/* D3D: the offsets of DX_SET_SOTARGETS apply to the first
		 * draw after it; later draws go on where it stopped (Mesa
		 * sets the targets once per glBeginTransformFeedback) */
		for (unsigned i = 0; i < SVGA3D_DX_MAX_SOTARGETS; i++)
			if (ctx->bound->so[i].sid != SVGA3D_INVALID_ID)
				ctx->bound->so[i].offset =
					SVGA3D_DX_SO_OFFSET_APPEND;
	}
out:
	free(d);
	return rc;
}

static struct svga_dx_draw *new_draw(struct svga_cmd_ctx *cx,
				     enum svga_dx_draw_kind kind)
{
	struct svga_dx_draw *d = calloc(1, sizeof(*d));

	if (!d)
		svga_guest_error(cx->log, "no host memory for a draw");
	else
		d->kind = kind;
	return d;
}

SVGA_CMD(svga_cmd_dx_draw)
{
	SVGA_BODY(SVGA3dCmdDXDraw, c);
	struct svga_dx_draw *d = new_draw(cx, SVGA_DX_DRAW_PLAIN);

	(void)size;
	if (!d)
		return SVGA_ERR;
	d->count = c.vertexCount;
	d->first = c.startVertexLocation;
	d->instances = 1;
	return run_draw(cx, "DX_DRAW", d);
}

SVGA_CMD(svga_cmd_dx_draw_indexed)
{
	SVGA_BODY(SVGA3dCmdDXDrawIndexed, c);
	struct svga_dx_draw *d = new_draw(cx, SVGA_DX_DRAW_INDEXED);

	(void)size;
	if (!d)
		return SVGA_ERR;
	d->count = c.indexCount;
	d->first = c.startIndexLocation;
	d->base_vertex = c.baseVertexLocation;
	d->instances = 1;
	return run_draw(cx, "DX_DRAW_INDEXED", d);
}

SVGA_CMD(svga_cmd_dx_draw_instanced)
{
	SVGA_BODY(SVGA3dCmdDXDrawInstanced, c);
	struct svga_dx_draw *d = new_draw(cx, SVGA_DX_DRAW_PLAIN);

	(void)size;
	if (!d)
		return SVGA_ERR;
	d->count = c.vertexCountPerInstance;
	d->instances = c.instanceCount;
	d->first = c.startVertexLocation;
	d->first_instance = c.startInstanceLocation;
	return run_draw(cx, "DX_DRAW_INSTANCED", d);
}

SVGA_CMD(svga_cmd_dx_draw_indexed_instanced)
{
	SVGA_BODY(SVGA3dCmdDXDrawIndexedInstanced, c);
	struct svga_dx_draw *d = new_draw(cx, SVGA_DX_DRAW_INDEXED);

	(void)size;
	if (!d)
		return SVGA_ERR;
	d->count = c.indexCountPerInstance;
	d->instances = c.instanceCount;
	d->first = c.startIndexLocation;
	d->base_vertex = c.baseVertexLocation;
	d->first_instance = c.startInstanceLocation;
	return run_draw(cx, "DX_DRAW_INDEXED_INSTANCED", d);
}

SVGA_CMD(svga_cmd_dx_draw_auto)
{
	struct svga_dx_draw *d = new_draw(cx, SVGA_DX_DRAW_AUTO);

	(void)body;
	(void)size;
	if (!d)
		return SVGA_ERR;
	d->instances = 1;
	return run_draw(cx, "DX_DRAW_AUTO", d);
}

SVGA_CMD(svga_cmd_dx_present_blt)
{
	SVGA_BODY(SVGA3dCmdDXPresentBlt, c);
	struct svga_surface *src, *dst;

	(void)size;
	src = svga_cmd_surface(cx, c.srcSid);
	dst = svga_cmd_surface(cx, c.dstSid);
	if (!src || !dst)
		return SVGA_ERR;
	if (c.mode & ~(SVGADX_PRESENTBLT_MODE_MAX - 1)) {
		svga_guest_error(cx->log, "DX_PRESENTBLT: bad mode 0x%x",
				 c.mode);
		return SVGA_ERR;
	}
	if (c.srcSubResource >= src->layout.num_mips * src->layout.num_layers ||
	    c.destSubResource >= dst->layout.num_mips * dst->layout.num_layers) {
		svga_guest_error(cx->log, "DX_PRESENTBLT: bad subresource");
		return SVGA_ERR;
	}
	if (cx->dx_hooks && cx->dx_hooks->present_blt)
		return cx->dx_hooks->present_blt(cx->dx_hooks_opaque, &c) ?
		       SVGA_ERR : SVGA_OK;
	/* a scaled, format-converting blit: only the renderer does it */
	svga_guest_error(cx->log, "DX_PRESENTBLT: not executed without the "
			 "renderer");
	return SVGA_ERR;
}

SVGA_CMD(svga_cmd_dx_gen_mips)
{
	SVGA_BODY(SVGA3dCmdDXGenMips, c);
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	struct svga_dx_draw_view v;
	struct svga_surface *s;

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	if (c.shaderResourceViewId == SVGA3D_INVALID_ID) {
		svga_guest_error(cx->log, "DX_GENMIPS: no view");
		return SVGA_ERR;
	}
	if (!draw_view(cx, ctx, "DX_GENMIPS", SVGA_COTABLE_SRVIEW,
		       c.shaderResourceViewId, &v))
		return SVGA_ERR;
	s = svga_cmd_surface(cx, v.sid);
	if (!s)
		return SVGA_ERR;
	if (v.dim == SVGA3D_RESOURCE_BUFFER || v.dim == SVGA3D_RESOURCE_BUFFEREX) {
		svga_guest_error(cx->log, "DX_GENMIPS: view %u is a buffer view",
				 c.shaderResourceViewId);
		return SVGA_ERR;
	}
	/* the SRV's desc: a = mostDetailedMip, b = firstArraySlice,
	 * c = mipLevels (the view's arraySize is not kept: layers from b to
	 * the surface's last) */
	return svga_surface_gen_mips(cx->om, s, v.format, v.a, v.c, v.b);
}
