// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: draws.  A draw names its whole state (D3D's
 * bound state): pipeline state, targets, viewports, buffers and the
 * per-stage resources; it is validated, the pipeline comes from the cache,
 * and the draw is recorded as one dynamic-rendering pass.
 */
#include "render_int.h"

#include <string.h>

#include "svga3d_types.h"

static uint32_t mip_dim(uint32_t d, uint32_t mip)
{
	return d >> mip ? d >> mip : 1;
}

/* A target view's attachment, checked against the pipeline's format. */
static int target_view(struct svga_render *r, struct svga_render_image *img,
		       const struct svga_render_view *v, uint32_t svga_format,
		       bool depth, uint32_t samples, VkImageView *out,
		       VkExtent2D *area, uint32_t *layers)
{
	const struct render_format *f = render_format_get(svga_format);
	VkFormat vkf;

	if (render_check_view(r, img, v))
		return -1;
	if (!(img->desc.usage & (depth ? SVGA_RENDER_USAGE_DEPTH_STENCIL :
					 SVGA_RENDER_USAGE_RENDER_TARGET)))
		return render_error(r, "%s image bound as a %s target without "
				    "that usage", img->fmt->name,
				    depth ? "depth-stencil" : "render");
	if (img->desc.samples != samples)
		return render_error(r, "target of %u samples, pipeline of %u",
				    img->desc.samples, samples);
	if (depth) {
		vkf = img->vk;
		if (!f || (f->vk != vkf && f->vk_ds != vkf))
			return render_error(r, "depth-stencil view format %u on "
					    "a %s image", svga_format,
					    img->fmt->name);
	} else {
		vkf = f ? f->vk : VK_FORMAT_UNDEFINED;
		if (!f || f->bytes != img->fmt->bytes || f->block_w != 1 ||
		    img->aspects != VK_IMAGE_ASPECT_COLOR_BIT)
			return render_error(r, "render target view format %u on "
					    "a %s image", svga_format,
					    img->fmt->name);
	}
	*out = render_image_view(r, img, vkf,
				 img->type == VK_IMAGE_TYPE_1D ?
				 VK_IMAGE_VIEW_TYPE_1D_ARRAY :
				 VK_IMAGE_VIEW_TYPE_2D_ARRAY,
				 img->aspects, v->mip, 1, v->layer, v->layers,
				 false);
	if (!*out)
		return -1;
	if (mip_dim(img->desc.width, v->mip) < area->width)
		area->width = mip_dim(img->desc.width, v->mip);
	if (mip_dim(img->desc.height, v->mip) < area->height)
		area->height = mip_dim(img->desc.height, v->mip);
	if (v->layers < *layers)
		*layers = v->layers;
	return 0;
}

static int alloc_sets(struct svga_render *r,
		      const struct svga_render_pipeline_desc *p,
		      VkDescriptorSet sets[SVGA_RENDER_NUM_STAGES])
{
	for (int attempt = 0; attempt < 2; attempt++) {
		unsigned st;

		for (st = 0; st < SVGA_RENDER_NUM_STAGES; st++) {
			sets[st] = VK_NULL_HANDLE;
			if (p->shaders[st]) {
				sets[st] = render_alloc_set(r, st);
				if (!sets[st])
					break;
			}
		}
		if (st == SVGA_RENDER_NUM_STAGES)
			return 0;
		/* this batch's pool is used up: submit it, which resets it */
		if (svga_render_flush(r))
			return -1;
	}
	return render_error(r, "cannot allocate descriptor sets");
}

static void set_viewports(struct svga_render *r, VkCommandBuffer cmd,
			  const struct svga_render_draw *d, VkExtent2D area)
{
	VkViewport vp[SVGA_RENDER_MAX_VIEWPORTS];
	VkRect2D sc[SVGA_RENDER_MAX_VIEWPORTS];
	float maxw = (float)r->props.limits.maxViewportDimensions[0];
	float maxh = (float)r->props.limits.maxViewportDimensions[1];
	float lo = r->props.limits.viewportBoundsRange[0];
	float hi = r->props.limits.viewportBoundsRange[1];

	for (uint32_t i = 0; i < d->num_viewports; i++) {
		const struct svga_render_viewport *v = &d->viewports[i];
		float mind = v->min_depth, maxd = v->max_depth;

		if (!(v->w > 0.0f && v->h > 0.0f && v->w <= maxw &&
		      v->h <= maxh && v->x >= lo && v->y >= lo &&
		      v->x + v->w <= hi && v->y + v->h <= hi)) {
			/* Empty or absurd: what D3D routes to this viewport
			 * (SV_ViewportArrayIndex) draws nothing, the other
			 * viewports still draw.  Mesa sends all 16 viewports
			 * with the unused ones 0x0, so refusing the whole
			 * draw here drew nothing of any GL program.  A valid
			 * 1x1 viewport with an empty scissor stands in. */
			vp[i] = (VkViewport){ 0.0f, 1.0f, 1.0f, -1.0f, 0.0f,
					      1.0f };
			sc[i] = (VkRect2D){ { 0, 0 }, { 0, 0 } };
			continue;
		}
		mind = mind < 0.0f ? 0.0f : mind > 1.0f ? 1.0f : mind;
		maxd = maxd < 0.0f ? 0.0f : maxd > 1.0f ? 1.0f : maxd;
		if (!(mind == mind))
			mind = 0.0f;
		if (!(maxd == maxd))
			maxd = 1.0f;
		/* D3D's NDC +y is up: flip with a negative height */
		vp[i] = (VkViewport){ v->x, v->y + v->h, v->w, -v->h, mind,
				      maxd };
		sc[i] = (VkRect2D){ { 0, 0 }, area };
		if (d->scissor_enable) {
			const struct svga_render_rect *s = &d->scissors[i];
			int64_t x0 = s->x < 0 ? 0 : s->x;
			int64_t y0 = s->y < 0 ? 0 : s->y;
			int64_t x1 = (int64_t)s->x + s->w;
			int64_t y1 = (int64_t)s->y + s->h;

			x1 = x1 > area.width ? area.width : x1;
			y1 = y1 > area.height ? area.height : y1;
			if (x1 < x0)
				x1 = x0;
			if (y1 < y0)
				y1 = y0;
			if (x0 > area.width)
				x0 = x1 = area.width;
			if (y0 > area.height)
				y0 = y1 = area.height;
			sc[i] = (VkRect2D){ { (int32_t)x0, (int32_t)y0 },
					    { (uint32_t)(x1 - x0),
					      (uint32_t)(y1 - y0) } };
		}
	}
	vkCmdSetViewportWithCount(cmd, d->num_viewports, vp);
	vkCmdSetScissorWithCount(cmd, d->num_viewports, sc);
}

static void bind_vertex_buffers(struct svga_render *r, VkCommandBuffer cmd,
				const struct svga_render_draw *d)
{
	VkBuffer bufs[SVGA_RENDER_MAX_VBUFS];
	VkDeviceSize offs[SVGA_RENDER_MAX_VBUFS], strides[SVGA_RENDER_MAX_VBUFS];

	for (uint32_t i = 0; i < SVGA_RENDER_MAX_VBUFS; i++) {
		const struct svga_render_vbuf *v = &d->vbufs[i];
		bool ok = v->buffer && (v->buffer->usage & SVGA_RENDER_BUF_VERTEX) &&
			  v->offset < v->buffer->size;

		/* an unbound or out-of-range buffer reads zeros */
		bufs[i] = ok ? v->buffer->buf : r->zero_vb->buf;
		offs[i] = ok ? v->offset : 0;
		strides[i] = ok && v->stride <=
			     r->props.limits.maxVertexInputBindingStride ?
			     v->stride : 0;
	}
	vkCmdBindVertexBuffers2(cmd, 0, SVGA_RENDER_MAX_VBUFS, bufs, offs, NULL,
				strides);
}

/* Stream-output targets: validate, and set the filled size of those
 * given an explicit offset (outside the rendering pass).  Returns the
 * number of bound targets, or -1. */
static int prepare_so(struct svga_render *r, const struct svga_render_draw *d)
{
	int n = 0;

	for (uint32_t i = 0; i < SVGA_RENDER_MAX_SO; i++) {
		const struct svga_render_so *so = &d->so[i];

		if (!so->buffer)
			continue;
		if (!(so->buffer->usage & SVGA_RENDER_BUF_STREAM_OUTPUT))
			return render_error(r, "stream-output target %u is not "
					    "a stream-output buffer", i);
		if (so->end > so->buffer->size ||
		    (so->offset != SVGA_RENDER_SO_APPEND &&
		     (so->offset > so->buffer->size || so->offset % 4 ||
		      (so->end && so->offset > so->end))))
			return render_error(r, "stream-output target %u: offset "
					    "%llu invalid", i,
					    (unsigned long long)so->offset);
		n++;
	}
	for (uint32_t i = 0; n && i < SVGA_RENDER_MAX_SO; i++) {
		const struct svga_render_so *so = &d->so[i];

		if (so->buffer && so->offset != SVGA_RENDER_SO_APPEND)
			vkCmdFillBuffer(render_cmd(r), so->buffer->buf,
					so->buffer->counter_offset, 4,
					(uint32_t)so->offset);
	}
	return n;
}

static void begin_so(struct svga_render *r, VkCommandBuffer cmd,
		     const struct svga_render_draw *d, VkBuffer counters[],
		     VkDeviceSize counter_offs[])
{
	for (uint32_t i = 0; i < SVGA_RENDER_MAX_SO; i++) {
		struct svga_render_buffer *b = d->so[i].buffer;
		VkDeviceSize zero = 0, size;

		counters[i] = b ? b->buf : VK_NULL_HANDLE;
		counter_offs[i] = b ? b->counter_offset : 0;
		if (!b)
			continue;
		/* the data only (up to the target's end): the counter after
		 * it stays intact */
		size = d->so[i].end ? d->so[i].end : b->size;
		r->bind_xfb(cmd, i, 1, &b->buf, &zero, &size);
	}
	r->begin_xfb(cmd, 0, SVGA_RENDER_MAX_SO, counters, counter_offs);
}

int svga_render_draw(struct svga_render *r, const struct svga_render_draw *d)
{
	const struct svga_render_pipeline_desc *p = d->pipeline;
	VkRenderingAttachmentInfo colors[SVGA_RENDER_MAX_RTS], ds;
	VkDescriptorSet sets[SVGA_RENDER_NUM_STAGES];
	VkExtent2D area = { r->props.limits.maxFramebufferWidth,
			    r->props.limits.maxFramebufferHeight };
	uint32_t layers = r->props.limits.maxFramebufferLayers;
	uint32_t count = d->count, instances = d->instances ? d->instances : 1;
	bool has_ds = false;
	VkBuffer so_counters[SVGA_RENDER_MAX_SO];
	VkDeviceSize so_offs[SVGA_RENDER_MAX_SO];
	int num_so;
	VkBuffer pred = VK_NULL_HANDLE;
	VkPipeline pipe;
	VkCommandBuffer cmd;

	if (!p)
		return render_error(r, "draw without pipeline state");
	if (!d->num_viewports || d->num_viewports > SVGA_RENDER_MAX_VIEWPORTS)
		return render_error(r, "draw with %u viewports",
				    d->num_viewports);
	if (p->num_rts > SVGA_RENDER_MAX_RTS)
		return render_error(r, "%u render targets", p->num_rts);
	memset(colors, 0, sizeof(colors));
	memset(&ds, 0, sizeof(ds));
	for (uint32_t i = 0; i < p->num_rts; i++) {
		colors[i] = (VkRenderingAttachmentInfo){
			.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
			.imageLayout = VK_IMAGE_LAYOUT_GENERAL,
			.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD,
			.storeOp = VK_ATTACHMENT_STORE_OP_STORE,
		};
		if (!d->rt[i] || !p->rt_formats[i])
			continue;
		if (target_view(r, d->rt[i], &d->rt_view[i], p->rt_formats[i],
				false, p->samples, &colors[i].imageView, &area,
				&layers))
			return -1;
	}
	if (d->ds && p->ds_format) {
		ds = (VkRenderingAttachmentInfo){
			.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
			.imageLayout = VK_IMAGE_LAYOUT_GENERAL,
			.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD,
			.storeOp = VK_ATTACHMENT_STORE_OP_STORE,
		};
		if (target_view(r, d->ds, &d->ds_view, p->ds_format, true,
				p->samples, &ds.imageView, &area, &layers))
			return -1;
		has_ds = true;
	} else if (p->ds_format) {
		return render_error(r, "pipeline with a depth-stencil format "
				    "but no depth-stencil target");
	}
	/* before any early return: a draw that draws nothing still sets
	 * the targets' explicit offsets (the core turns them into APPEND
	 * after it) */
	num_so = prepare_so(r, d);
	if (num_so < 0)
		return -1;
	if (d->indexed) {
		const struct svga_render_buffer *ib = d->index_buffer;
		uint64_t avail;

		if (!ib || !(ib->usage & SVGA_RENDER_BUF_INDEX) ||
		    (d->index_size != 2 && d->index_size != 4) ||
		    d->index_offset % d->index_size ||
		    d->index_offset >= ib->size)
			return render_error(r, "indexed draw: index buffer, size "
					    "%u or offset %llu invalid",
					    d->index_size,
					    (unsigned long long)d->index_offset);
		/* indices past the buffer's end are not drawn */
		avail = (ib->size - d->index_offset) / d->index_size;
		if (d->first >= avail)
			return 0;
		if (count > avail - d->first)
			count = (uint32_t)(avail - d->first);
	}
	if (d->draw_auto) {
		const struct svga_render_vbuf *vb = &d->vbufs[0];

		if (d->indexed || !vb->buffer ||
		    !(vb->buffer->usage & SVGA_RENDER_BUF_STREAM_OUTPUT) ||
		    vb->offset > UINT32_MAX)
			return render_error(r, "DrawAuto needs a stream-output "
					    "buffer in vertex slot 0");
		if (!vb->stride || vb->stride >
		    r->xfb_max_stride)
			return 0;
		count = 1;      /* from the counter, at draw time */
	}
	if (!count)
		return 0;
	pipe = render_pipeline_get(r, p);
	if (!pipe)
		return -1;
	if (alloc_sets(r, p, sets))
		return -1;
	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		if (sets[st] &&
		    render_write_stage_set(r, sets[st], &d->stage[st]))
			return -1;

	if (d->predicate && render_query_predicate(r, d->predicate, &pred))
		return -1;
	cmd = render_cmd(r);
	if (d->predicate) {
		VkConditionalRenderingBeginInfoEXT cb = {
			.sType = VK_STRUCTURE_TYPE_CONDITIONAL_RENDERING_BEGIN_INFO_EXT,
			.buffer = pred,
			/* value 1: skip when samples passed */
			.flags = d->predicate_value ?
				 VK_CONDITIONAL_RENDERING_INVERTED_BIT_EXT : 0,
		};

		r->begin_cond(cmd, &cb);
	}
	VkRenderingInfo ri = {
		.sType = VK_STRUCTURE_TYPE_RENDERING_INFO,
		.renderArea = { { 0, 0 }, area },
		.layerCount = layers,
		.colorAttachmentCount = p->num_rts,
		.pColorAttachments = colors,
		.pDepthAttachment = has_ds && (d->ds->aspects &
				    VK_IMAGE_ASPECT_DEPTH_BIT) ? &ds : NULL,
		.pStencilAttachment = has_ds && (d->ds->aspects &
				      VK_IMAGE_ASPECT_STENCIL_BIT) ? &ds : NULL,
	};
	vkCmdBeginRendering(cmd, &ri);
	vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipe);
	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		if (sets[st])
			vkCmdBindDescriptorSets(cmd,
						VK_PIPELINE_BIND_POINT_GRAPHICS,
						r->pipeline_layout, st, 1,
						&sets[st], 0, NULL);
	set_viewports(r, cmd, d, area);
	bind_vertex_buffers(r, cmd, d);
	vkCmdSetStencilReference(cmd, VK_STENCIL_FACE_FRONT_AND_BACK,
				 d->stencil_ref & 0xff);
	vkCmdSetBlendConstants(cmd, d->blend_factor);
	if (num_so)
		begin_so(r, cmd, d, so_counters, so_offs);
	if (d->draw_auto) {
		const struct svga_render_vbuf *vb = &d->vbufs[0];

		r->draw_byte_count(cmd, instances, d->first_instance,
				   vb->buffer->buf, vb->buffer->counter_offset,
				   (uint32_t)vb->offset, vb->stride);
	} else if (d->indexed) {
		vkCmdBindIndexBuffer(cmd, d->index_buffer->buf, d->index_offset,
				     d->index_size == 2 ? VK_INDEX_TYPE_UINT16 :
							  VK_INDEX_TYPE_UINT32);
		vkCmdDrawIndexed(cmd, count, instances, d->first,
				 d->base_vertex, d->first_instance);
	} else {
		vkCmdDraw(cmd, count, instances, d->first, d->first_instance);
	}
	if (num_so)
		r->end_xfb(cmd, 0, SVGA_RENDER_MAX_SO, so_counters, so_offs);
	vkCmdEndRendering(cmd);
	if (d->predicate)
		r->end_cond(cmd);
	r->stats.draws++;
	return 0;
}
