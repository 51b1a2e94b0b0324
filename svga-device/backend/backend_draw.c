// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: the DX draw hook.  A validated snapshot
 * (commands/svga_dx_draw.h, which lists the field map) becomes the
 * renderer's pipeline description and draw: enumerations are translated
 * here, surfaces become images and buffers (backend_surface.c), shaders
 * become cached variants (backend_shader.c).  What the renderer cannot do
 * yet is a guest error naming it, never a silent no-op.
 */
#include "backend_int.h"

#include <stdlib.h>

static const uint8_t topology_map[] = {
	[SVGA3D_PRIMITIVE_TRIANGLELIST] = SVGA_RENDER_TOPO_TRIANGLE_LIST,
	[SVGA3D_PRIMITIVE_POINTLIST] = SVGA_RENDER_TOPO_POINT_LIST,
	[SVGA3D_PRIMITIVE_LINELIST] = SVGA_RENDER_TOPO_LINE_LIST,
	[SVGA3D_PRIMITIVE_LINESTRIP] = SVGA_RENDER_TOPO_LINE_STRIP,
	[SVGA3D_PRIMITIVE_TRIANGLESTRIP] = SVGA_RENDER_TOPO_TRIANGLE_STRIP,
	[SVGA3D_PRIMITIVE_TRIANGLEFAN] = SVGA_RENDER_TOPO_TRIANGLE_FAN,
	[SVGA3D_PRIMITIVE_LINELIST_ADJ] = SVGA_RENDER_TOPO_LINE_LIST_ADJ,
	[SVGA3D_PRIMITIVE_LINESTRIP_ADJ] = SVGA_RENDER_TOPO_LINE_STRIP_ADJ,
	[SVGA3D_PRIMITIVE_TRIANGLELIST_ADJ] =
		SVGA_RENDER_TOPO_TRIANGLE_LIST_ADJ,
	[SVGA3D_PRIMITIVE_TRIANGLESTRIP_ADJ] =
		SVGA_RENDER_TOPO_TRIANGLE_STRIP_ADJ,
};

/* SVGA3D_BLENDOP_* (1..19) -> enum svga_render_blend_factor */
static const uint8_t blend_map[] = {
	[SVGA3D_BLENDOP_ZERO] = SVGA_RENDER_BF_ZERO,
	[SVGA3D_BLENDOP_ONE] = SVGA_RENDER_BF_ONE,
	[SVGA3D_BLENDOP_SRCCOLOR] = SVGA_RENDER_BF_SRC_COLOR,
	[SVGA3D_BLENDOP_INVSRCCOLOR] = SVGA_RENDER_BF_INV_SRC_COLOR,
	[SVGA3D_BLENDOP_SRCALPHA] = SVGA_RENDER_BF_SRC_ALPHA,
	[SVGA3D_BLENDOP_INVSRCALPHA] = SVGA_RENDER_BF_INV_SRC_ALPHA,
	[SVGA3D_BLENDOP_DESTALPHA] = SVGA_RENDER_BF_DST_ALPHA,
	[SVGA3D_BLENDOP_INVDESTALPHA] = SVGA_RENDER_BF_INV_DST_ALPHA,
	[SVGA3D_BLENDOP_DESTCOLOR] = SVGA_RENDER_BF_DST_COLOR,
	[SVGA3D_BLENDOP_INVDESTCOLOR] = SVGA_RENDER_BF_INV_DST_COLOR,
	[SVGA3D_BLENDOP_SRCALPHASAT] = SVGA_RENDER_BF_SRC_ALPHA_SAT,
	[SVGA3D_BLENDOP_BLENDFACTOR] = SVGA_RENDER_BF_CONST_COLOR,
	[SVGA3D_BLENDOP_INVBLENDFACTOR] = SVGA_RENDER_BF_INV_CONST_COLOR,
	[SVGA3D_BLENDOP_SRC1COLOR] = SVGA_RENDER_BF_SRC1_COLOR,
	[SVGA3D_BLENDOP_INVSRC1COLOR] = SVGA_RENDER_BF_INV_SRC1_COLOR,
	[SVGA3D_BLENDOP_SRC1ALPHA] = SVGA_RENDER_BF_SRC1_ALPHA,
	[SVGA3D_BLENDOP_INVSRC1ALPHA] = SVGA_RENDER_BF_INV_SRC1_ALPHA,
	[SVGA3D_BLENDOP_BLENDFACTORALPHA] = SVGA_RENDER_BF_CONST_ALPHA,
	[SVGA3D_BLENDOP_INVBLENDFACTORALPHA] =
		SVGA_RENDER_BF_INV_CONST_ALPHA,
};

/* Enumerations validated by the command layer start at 1 where the
 * renderer's start at 0. */
static uint8_t from1(uint32_t v)
{
	return v ? (uint8_t)(v - 1) : 0;
}

static uint8_t blend_factor(uint8_t v)
{
	return v < sizeof(blend_map) ? blend_map[v] : SVGA_RENDER_BF_ONE;
}

static void map_input_layout(const struct svga_dx_draw_pipeline *p,
			     struct svga_render_pipeline_desc *pd)
{
	uint32_t next[SVGA3D_DX_MAX_VERTEXBUFFERS] = { 0 };

	pd->num_elements = p->num_elements;
	for (uint32_t i = 0; i < p->num_elements &&
	     i < SVGA_RENDER_MAX_ELEMENTS; i++) {
		const SVGA3dInputElementDesc *e = &p->elements[i];
		const struct svga_format_info *f = svga_format_get(e->format);
		uint32_t slot = e->inputSlot % SVGA_RENDER_MAX_VBUFS;
		uint32_t off = e->alignedByteOffset;

		/* D3D's APPEND_ALIGNED: right after the slot's last element */
		if (off == ~0u)
			off = next[slot];
		next[slot] = off + (f ? f->bytes_per_block : 0);
		pd->elements[i] = (struct svga_render_vertex_element){
			e->inputRegister, slot, e->format, off };
		pd->bindings[slot].per_instance =
			e->inputSlotClass == SVGA3D_INPUT_PER_INSTANCE_DATA;
		pd->bindings[slot].divisor = e->instanceDataStepRate;
	}
}

static void map_rasterizer(const struct svga_dx_draw_pipeline *p,
			   struct svga_render_pipeline_desc *pd)
{
	const SVGACOTableDXRasterizerStateEntry *rs = &p->rs;

	if (p->rasterizer == SVGA3D_INVALID_ID) {
		/* D3D10's default rasterizer state */
		pd->cull = SVGA_RENDER_CULL_BACK;
		return;
	}
	pd->fill = rs->fillMode == SVGA3D_FILLMODE_FILL ?
		   SVGA_RENDER_FILL_SOLID : SVGA_RENDER_FILL_WIREFRAME;
	pd->cull = rs->cullMode == SVGA3D_CULL_FRONT ? SVGA_RENDER_CULL_FRONT :
		   rs->cullMode == SVGA3D_CULL_BACK ? SVGA_RENDER_CULL_BACK :
		   SVGA_RENDER_CULL_NONE;
	pd->front_ccw = rs->frontCounterClockwise != 0;
	pd->depth_clip_enable = rs->depthClipEnable != 0;
	pd->provoking_last = rs->provokingVertexLast != 0;
	pd->depth_bias = rs->depthBias;
	pd->depth_bias_clamp = rs->depthBiasClamp;
	pd->slope_scaled_depth_bias = rs->slopeScaledDepthBias;
}

static void stencil_face(struct svga_render_stencil_face *f, uint32_t fail,
			 uint32_t dfail, uint32_t pass, uint32_t func)
{
	f->fail_op = from1(fail);
	f->depth_fail_op = from1(dfail);
	f->pass_op = from1(pass);
	f->func = from1(func);
}

static void map_depth_stencil(const struct svga_dx_draw_pipeline *p,
			      struct svga_render_pipeline_desc *pd)
{
	const SVGACOTableDXDepthStencilEntry *ds = &p->ds;

	if (p->depth_stencil == SVGA3D_INVALID_ID)
		return;             /* desc_init holds D3D10's defaults */
	pd->depth_enable = ds->depthEnable != 0;
	pd->depth_write = ds->depthWriteMask == SVGA3D_DEPTH_WRITE_MASK_ALL;
	pd->depth_func = from1(ds->depthFunc);
	pd->stencil_enable = ds->stencilEnable != 0;
	pd->stencil_read_mask = ds->stencilReadMask;
	pd->stencil_write_mask = ds->stencilWriteMask;
	stencil_face(&pd->front, ds->frontStencilFailOp,
		     ds->frontStencilDepthFailOp, ds->frontStencilPassOp,
		     ds->frontStencilFunc);
	stencil_face(&pd->back, ds->backStencilFailOp,
		     ds->backStencilDepthFailOp, ds->backStencilPassOp,
		     ds->backStencilFunc);
}

static void map_blend(const struct svga_dx_draw_pipeline *p,
		      struct svga_render_pipeline_desc *pd)
{
	if (p->blend == SVGA3D_INVALID_ID)
		return;
	pd->alpha_to_coverage = p->bs.alphaToCoverageEnable != 0;
	for (unsigned i = 0; i < SVGA_RENDER_MAX_RTS; i++) {
		const SVGA3dDXBlendStatePerRT *rt = &p->bs.perRT[i];

		pd->blend[i] = (struct svga_render_blend_rt){
			rt->blendEnable != 0,
			blend_factor(rt->srcBlend), blend_factor(rt->destBlend),
			from1(rt->blendOp),
			blend_factor(rt->srcBlendAlpha),
			blend_factor(rt->destBlendAlpha),
			from1(rt->blendOpAlpha),
			rt->renderTargetWriteMask & 0xf,
		};
	}
}

static bool is_src1_factor(uint8_t f)
{
	return f >= SVGA_RENDER_BF_SRC1_COLOR &&
	       f <= SVGA_RENDER_BF_INV_SRC1_ALPHA;
}

/* D3D10.1 dual-source blending: only render target 0 may use the SRC1
 * factors, which read the pixel shader's o1 (the renderer refuses them on
 * other targets). */
static bool blends_dual_source(const struct svga_render_blend_rt *bl)
{
	return bl->enable && (is_src1_factor(bl->src) ||
			      is_src1_factor(bl->dst) ||
			      is_src1_factor(bl->src_a) ||
			      is_src1_factor(bl->dst_a));
}

static int map_pipeline(struct svga_backend *b, const struct svga_dx_draw *d,
			struct svga_render_pipeline_desc *pd,
			struct svga_shader_resources *res)
{
	const struct svga_dx_draw_pipeline *p = &d->pipeline;
	struct svga_shader_key key[SVGA_DX_NUM_STAGES];

	svga_render_pipeline_desc_init(pd);
	/* Every entry from TRIANGLELIST (1) to TRIANGLESTRIP_ADJ is set;
	 * POINT_LIST is 0 in the renderer's numbering, so test the range. */
	if (p->topology < SVGA3D_PRIMITIVE_TRIANGLELIST ||
	    p->topology >= sizeof(topology_map)) {
		svga_guest_error(b->log, "draw: topology %u is not rendered",
				 p->topology);
		return SVGA_ERR;
	}
	pd->topology = topology_map[p->topology];
	/* D3D10 cuts every indexed strip at the all-ones index of the index
	 * format (0xffff, 0xffffffff), with no state to turn that off;
	 * Mesa's svga driver sends GL's primitive restart at that index as
	 * is.  Vulkan restarts at the same values when asked, and only in
	 * indexed draws. */
	pd->primitive_restart = 1;
	map_input_layout(p, pd);
	map_rasterizer(p, pd);
	map_depth_stencil(p, pd);
	map_blend(p, pd);
	pd->num_rts = p->num_rts;
	for (unsigned i = 0; i < SVGA_RENDER_MAX_RTS; i++)
		pd->rt_formats[i] = p->rt_formats[i];
	pd->ds_format = p->ds_format;
	pd->samples = p->samples ? p->samples : 1;
	pd->sample_mask = p->sample_mask;
	if (p->so_decl && p->so_decl->rasterizedStream ==
	    SVGA3D_DX_SO_NO_RASTERIZED_STREAM)
		pd->rasterizer_discard = 1;

	/* shader variants: keyed on what their signatures depend on */
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++)
		svga_shader_key_init(&key[s]);
	for (uint32_t i = 0; i < p->num_elements; i++) {
		uint32_t reg = p->elements[i].inputRegister;

		if (reg < SVGA_SHADER_KEY_VS_INPUTS)
			key[SVGA_DX_STAGE_VS].vs_input_class[reg] =
				backend_format_class(p->elements[i].format);
	}
	for (unsigned i = 0; i < SVGA_SHADER_KEY_PS_OUTPUTS; i++)
		if (p->rt_formats[i])
			key[SVGA_DX_STAGE_PS].ps_output_class[i] =
				backend_format_class(p->rt_formats[i]);
	/* sample_pos reads the pattern of the targets' sample count */
	if (pd->samples > 1)
		key[SVGA_DX_STAGE_PS].ps_samples = pd->samples;
	/* o1 is the second blend source, compiled as Location 0 Index 1 */
	if (blends_dual_source(&pd->blend[0]))
		key[SVGA_DX_STAGE_PS].ps_dual_source = 1;
	/* stream output: the last stage before the rasterizer writes it */
	if (backend_so_key(b, d, &key[backend_so_stage(d)]))
		return SVGA_ERR;
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++) {
		const struct svga_dx_draw_shader *sh = &p->shader[s];

		memset(&res[s], 0, sizeof(res[s]));
		if (sh->id == SVGA3D_INVALID_ID || !sh->code)
			continue;
		if (backend_shader_get(b, sh, &key[s], &pd->shaders[s],
				       &res[s]))
			return SVGA_ERR;
	}
	return SVGA_OK;
}

static struct svga_surface *surface(struct svga_backend *b, uint32_t sid)
{
	return svga_obj_lookup(b->om, SVGA_OBJ_SURFACE, sid);
}

static int map_buffer(struct svga_backend *b, uint32_t sid,
		      struct svga_render_buffer **out)
{
	struct svga_surface *s;

	*out = NULL;
	if (sid == SVGA3D_INVALID_ID)
		return SVGA_OK;
	s = surface(b, sid);
	if (!s)
		return SVGA_ERR;
	return backend_surface_buffer(b, s, out);
}

static int map_view(struct svga_backend *b, const struct svga_dx_draw_view *v,
		    struct svga_render_image **img,
		    struct svga_render_view *rv)
{
	struct svga_surface *s = surface(b, v->sid);

	if (!s)
		return SVGA_ERR;
	if (v->dim == SVGA3D_RESOURCE_BUFFER) {
		svga_guest_error(b->log, "view %u: buffer views are not "
				 "rendered yet", v->id);
		return SVGA_ERR;
	}
	*rv = (struct svga_render_view){ v->a, v->b, v->c ? v->c : 1 };
	return backend_surface_image(b, s, img);
}

/* What this glue does not execute yet: a guest error naming it. */
static int check_supported(struct svga_backend *b, const struct svga_dx_draw *d)
{
	struct svga_render_limits lim;

	svga_render_get_limits(b->r, &lim);
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++) {
		if (d->pipeline.shader[s].id == SVGA3D_INVALID_ID)
			continue;
		for (unsigned i = lim.max_constant_buffers;
		     i < SVGA3D_DX_MAX_CONSTBUFFERS; i++)
			if (d->stage[s].cb[i].sid != SVGA3D_INVALID_ID) {
				svga_guest_error(b->log, "constant buffer "
						 "slot %u: the Vulkan device "
						 "backs %u (maxPerStage"
						 "DescriptorUniformBuffers)",
						 i, lim.max_constant_buffers);
				return SVGA_ERR;
			}
	}
	return SVGA_OK;
}

static const char *const stage_names[SVGA_DX_NUM_STAGES] = { "VS", "GS",
							      "PS" };

static int map_draw(struct svga_backend *b, const struct svga_dx_draw *d,
		    const struct svga_shader_resources *res,
		    struct svga_render_draw *rd)
{
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS &&
	     i < SVGA_RENDER_MAX_RTS; i++)
		if (d->rt[i].id != SVGA3D_INVALID_ID &&
		    map_view(b, &d->rt[i], &rd->rt[i], &rd->rt_view[i]))
			return SVGA_ERR;
	if (d->ds.id != SVGA3D_INVALID_ID &&
	    map_view(b, &d->ds, &rd->ds, &rd->ds_view))
		return SVGA_ERR;
	rd->num_viewports = d->num_viewports < SVGA_RENDER_MAX_VIEWPORTS ?
			    d->num_viewports : SVGA_RENDER_MAX_VIEWPORTS;
	for (uint32_t i = 0; i < rd->num_viewports; i++) {
		const SVGA3dViewport *v = &d->viewports[i];

		rd->viewports[i] = (struct svga_render_viewport){
			v->x, v->y, v->width, v->height, v->minDepth,
			v->maxDepth };
	}
	rd->scissor_enable = d->scissor_enable;
	for (uint32_t i = 0; i < d->num_scissors &&
	     i < SVGA_RENDER_MAX_VIEWPORTS; i++) {
		const SVGASignedRect *s = &d->scissors[i];

		rd->scissors[i] = (struct svga_render_rect){
			s->left, s->top,
			s->right > s->left ? (uint32_t)(s->right - s->left) : 0,
			s->bottom > s->top ? (uint32_t)(s->bottom - s->top) : 0,
		};
	}
	for (unsigned i = 0; i < SVGA3D_DX_MAX_VERTEXBUFFERS &&
	     i < SVGA_RENDER_MAX_VBUFS; i++) {
		if (map_buffer(b, d->vbufs[i].sid, &rd->vbufs[i].buffer))
			return SVGA_ERR;
		rd->vbufs[i].offset = d->vbufs[i].offset;
		rd->vbufs[i].stride = d->vbufs[i].stride;
	}
	if (d->kind == SVGA_DX_DRAW_INDEXED) {
		if (map_buffer(b, d->index_buffer.sid, &rd->index_buffer))
			return SVGA_ERR;
		rd->index_offset = d->index_buffer.offset;
		rd->index_size = d->index_size;
		rd->indexed = 1;
	}
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++)
		for (unsigned i = 0; i < SVGA_RENDER_MAX_CBS; i++) {
			const struct svga_dx_draw_buffer *cb =
				&d->stage[s].cb[i];

			if (map_buffer(b, cb->sid, &rd->stage[s].cb[i].buffer))
				return SVGA_ERR;
			rd->stage[s].cb[i].offset = cb->offset;
			rd->stage[s].cb[i].size = cb->size;
		}
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++)
		if (d->pipeline.shader[s].id != SVGA3D_INVALID_ID &&
		    backend_map_stage_resources(b, d, &d->stage[s], &res[s],
						stage_names[s], &rd->stage[s]))
			return SVGA_ERR;
	memcpy(rd->blend_factor, d->blend_factor, sizeof(rd->blend_factor));
	rd->stencil_ref = d->stencil_ref;
	rd->count = d->count;
	rd->instances = d->instances;
	rd->first = d->first;
	rd->base_vertex = d->base_vertex;
	rd->first_instance = d->first_instance;
	/* DX_DRAW_AUTO: the vertex count is what stream output wrote into
	 * vertex buffer 0, counted on the GPU (vkCmdDrawIndirectByteCountEXT
	 * from the buffer's filled size, minus its offset, over its stride) */
	rd->draw_auto = d->kind == SVGA_DX_DRAW_AUTO;
	if (backend_so_targets(b, d, rd))
		return SVGA_ERR;
	return backend_query_predicate(b, d, rd);
}

/* One trace line per draw: what a wrong picture is usually due to. */
static void trace_draw(struct svga_backend *b, const struct svga_dx_draw *d)
{
	const struct svga_dx_draw_pipeline *p = &d->pipeline;
	const SVGA3dViewport *vp = &d->viewports[0];
	const SVGASignedRect *sc = &d->scissors[0];

	svga_trace(b->log, "draw kind %u count %u inst %u first %u base %d topo %u vs %u gs %u ps %u rt0 %u (sid %u fmt %u) ds %u (fmt %u) vp %u [%g %g %g %g %g %g] sc %u/%u [%d %d %d %d]",
		   d->kind, d->count, d->instances, d->first, d->base_vertex,
		   p->topology, p->shader[SVGA_DX_STAGE_VS].id,
		   p->shader[SVGA_DX_STAGE_GS].id,
		   p->shader[SVGA_DX_STAGE_PS].id, d->rt[0].id, d->rt[0].sid,
		   d->rt[0].format, d->ds.id, d->ds.format,
		   d->num_viewports, vp->x, vp->y, vp->width, vp->height,
		   vp->minDepth, vp->maxDepth, d->scissor_enable,
		   d->num_scissors, sc->left, sc->top, sc->right, sc->bottom);
	svga_trace(b->log, "draw state rs %u cull %u fill %u dclip %u ds %u depth %u/%u func %u blend %u en %u mask 0x%x smask 0x%x vb0 sid %u off %u stride %u layout %u n %u",
		   p->rasterizer, p->rs.cullMode, p->rs.fillMode,
		   p->rs.depthClipEnable, p->depth_stencil,
		   p->ds.depthEnable, p->ds.depthWriteMask, p->ds.depthFunc,
		   p->blend, p->bs.perRT[0].blendEnable,
		   p->bs.perRT[0].renderTargetWriteMask, p->sample_mask,
		   d->vbufs[0].sid, d->vbufs[0].offset, d->vbufs[0].stride,
		   p->element_layout, p->num_elements);
	for (unsigned st = 0; st < SVGA_DX_NUM_STAGES; st++)
		for (unsigned i = 0; i < 4; i++)
			if (d->stage[st].cb[i].sid != SVGA3D_INVALID_ID)
				svga_trace(b->log, "draw stage %u cb%u sid %u off %u size %u",
					   st, i, d->stage[st].cb[i].sid,
					   d->stage[st].cb[i].offset,
					   d->stage[st].cb[i].size);
}

/* Only the view's subresources of its surface are newer on the GPU. */
static void wrote_view(struct svga_backend *b, const struct svga_dx_draw_view *v)
{
	backend_surface_gpu_wrote_view(b, surface(b, v->sid), v->dim, v->a,
				       v->b, v->c);
}

int backend_draw(void *opaque, const struct svga_dx_draw *d)
{
	struct svga_backend *b = opaque;
	struct svga_render_pipeline_desc pd;
	struct svga_shader_resources res[SVGA_DX_NUM_STAGES];
	struct svga_render_draw *rd;
	int rc = SVGA_ERR;

	trace_draw(b, d);
	if (check_supported(b, d) || map_pipeline(b, d, &pd, res))
		return SVGA_ERR;
	rd = calloc(1, sizeof(*rd));     /* large: ~20 KiB of bindings */
	if (!rd) {
		svga_guest_error(b->log, "draw: out of host memory");
		return SVGA_ERR;
	}
	rd->pipeline = &pd;
	if (map_draw(b, d, res, rd))
		goto out;
	if (svga_render_draw(b->r, rd)) {
		svga_guest_error(b->log, "draw: %s",
				 svga_render_last_error(b->r));
		goto out;
	}
	b->st.draws++;
	/* what the GPU wrote: host storage is stale until read back */
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++)
		if (d->rt[i].id != SVGA3D_INVALID_ID)
			wrote_view(b, &d->rt[i]);
	if (d->ds.id != SVGA3D_INVALID_ID &&
	    (pd.depth_write || pd.stencil_enable))
		wrote_view(b, &d->ds);
	backend_so_wrote(b, d, rd);
	rc = SVGA_OK;
out:
	free(rd);
	return rc;
}
