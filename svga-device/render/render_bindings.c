// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: a draw's per-stage bindings written into its
 * descriptor set (constant buffers, samplers, shader resource views of
 * images and of buffers), each checked against the object it names.
 * Views come from the per-object caches (render_image.c,
 * render_buffer.c).  Unbound slots read zeros (null descriptors) or get
 * D3D's default sampler.
 */
#include "render_int.h"

#include <string.h>

#include "svga3d_types.h"

static VkImageView srv_view(struct svga_render *r,
			    const struct svga_render_srv *s)
{
	struct svga_render_image *img = s->image;
	VkImageAspectFlags aspect = img->aspects;
	VkFormat vkf = img->vk;
	uint32_t max_layers = img->type == VK_IMAGE_TYPE_3D ? 1 :
			      img->desc.layers;

	if (s->view_type > SVGA_RENDER_VIEW_CUBE_ARRAY || !s->mips ||
	    s->mip >= img->desc.mips || s->mips > img->desc.mips - s->mip ||
	    !s->layers || s->layer >= max_layers ||
	    s->layers > max_layers - s->layer)
		goto bad;
	if (aspect != VK_IMAGE_ASPECT_COLOR_BIT) {
		/* a depth-stencil image is sampled as depth or stencil */
		aspect = (s->format == SVGA3D_X24_G8_UINT ||
			  s->format == SVGA3D_X32_G8X24_UINT) ?
			 VK_IMAGE_ASPECT_STENCIL_BIT : VK_IMAGE_ASPECT_DEPTH_BIT;
		if (!(img->aspects & aspect))
			goto bad;
	} else if (s->format) {
		const struct render_format *f = render_format_get(s->format);

		if (!f || f->vk == VK_FORMAT_UNDEFINED ||
		    f->bytes != img->fmt->bytes ||
		    f->block_w != img->fmt->block_w ||
		    render_format_aspects(f->vk) != VK_IMAGE_ASPECT_COLOR_BIT ||
		    (f->block_w != 1 && f->vk != img->vk))
			goto bad;
		vkf = f->vk;
	}
	if ((s->view_type == SVGA_RENDER_VIEW_3D) !=
	    (img->type == VK_IMAGE_TYPE_3D) ||
	    ((s->view_type == SVGA_RENDER_VIEW_1D ||
	      s->view_type == SVGA_RENDER_VIEW_1D_ARRAY) !=
	     (img->type == VK_IMAGE_TYPE_1D)) ||
	    ((s->view_type == SVGA_RENDER_VIEW_CUBE ||
	      s->view_type == SVGA_RENDER_VIEW_CUBE_ARRAY) &&
	     (!(img->desc.usage & SVGA_RENDER_USAGE_CUBE) || s->layers % 6)) ||
	    ((s->view_type == SVGA_RENDER_VIEW_1D ||
	      s->view_type == SVGA_RENDER_VIEW_2D) && s->layers != 1) ||
	    (s->view_type == SVGA_RENDER_VIEW_CUBE && s->layers != 6) ||
	    !(img->desc.usage & SVGA_RENDER_USAGE_SAMPLED))
		goto bad;
	return render_image_view(r, img, vkf, (VkImageViewType)s->view_type,
				 aspect, s->mip, s->mips, s->layer, s->layers,
				 true);
bad:
	render_error(r, "shader resource view (type %u, format %u, mips "
		     "%u+%u, layers %u+%u) invalid for the %s image",
		     s->view_type, s->format, s->mip, s->mips, s->layer,
		     s->layers, img->fmt->name);
	return VK_NULL_HANDLE;
}

#define NUM_WRITES (SVGA_RENDER_MAX_CBS + SVGA_RENDER_MAX_SAMPLERS + \
		    SVGA_RENDER_MAX_IMAGE_SRVS + SVGA_RENDER_MAX_BUFFER_SRVS)

/* A texel-buffer view of a buffer SRV; VK_NULL_HANDLE with *err set
 * when invalid, or with *err clear when the range is past the buffer
 * (reads zeros, as D3D's out-of-range loads). */
static VkBufferView buffer_srv_view(struct svga_render *r, uint32_t slot,
				    const struct svga_render_srv *s, bool *err)
{
	const struct render_format *f = render_format_get(s->format);
	struct svga_render_buffer *b = s->buffer;
	VkFormatProperties fp;
	uint64_t offset, range, max;

	*err = true;
	if (slot >= SVGA_RENDER_MAX_BUFFER_SRVS) {
		render_error(r, "buffer shader resource view in slot %u: the "
			     "renderer binds buffers in slots 0-%u", slot,
			     SVGA_RENDER_MAX_BUFFER_SRVS - 1);
		return VK_NULL_HANDLE;
	}
	if (!(b->usage & SVGA_RENDER_BUF_SAMPLED)) {
		render_error(r, "SRV %u: buffer without shader-resource usage",
			     slot);
		return VK_NULL_HANDLE;
	}
	if (!f || f->vk == VK_FORMAT_UNDEFINED || f->block_w != 1 ||
	    render_format_aspects(f->vk) != VK_IMAGE_ASPECT_COLOR_BIT) {
		render_error(r, "SRV %u: format %u is no texel-buffer format",
			     slot, s->format);
		return VK_NULL_HANDLE;
	}
	vkGetPhysicalDeviceFormatProperties(r->phys, f->vk, &fp);
	if (!(fp.bufferFeatures & VK_FORMAT_FEATURE_UNIFORM_TEXEL_BUFFER_BIT)) {
		render_error(r, "SRV %u: Vulkan device '%s' cannot read %s "
			     "texel buffers", slot, r->name, f->name);
		return VK_NULL_HANDLE;
	}
	offset = (uint64_t)s->first_element * f->bytes;
	if (offset % r->props.limits.minTexelBufferOffsetAlignment) {
		render_error(r, "SRV %u: first element %u (byte %llu) is not "
			     "aligned to %llu bytes", slot, s->first_element,
			     (unsigned long long)offset,
			     (unsigned long long)
			     r->props.limits.minTexelBufferOffsetAlignment);
		return VK_NULL_HANDLE;
	}
	*err = false;
	if (offset >= b->size || !s->num_elements)
		return VK_NULL_HANDLE;
	/* elements past the buffer read zeros: the range is cut there */
	range = (uint64_t)s->num_elements * f->bytes;
	if (range > b->size - offset)
		range = (b->size - offset) / f->bytes * f->bytes;
	max = (uint64_t)r->props.limits.maxTexelBufferElements * f->bytes;
	if (range > max)
		range = max;
	if (!range)
		return VK_NULL_HANDLE;
	*err = true;
	return render_buffer_view(r, b, f->vk, offset, range);
}

int render_write_stage_set(struct svga_render *r, VkDescriptorSet set,
			   const struct svga_render_stage_bindings *b)
{
	VkDescriptorBufferInfo bufs[SVGA_RENDER_MAX_CBS];
	VkDescriptorImageInfo imgs[SVGA_RENDER_MAX_SAMPLERS +
				   SVGA_RENDER_MAX_IMAGE_SRVS];
	VkBufferView texels[SVGA_RENDER_MAX_BUFFER_SRVS];
	VkWriteDescriptorSet w[NUM_WRITES];
	uint64_t align = r->props.limits.minUniformBufferOffsetAlignment;
	uint32_t n = 0;

	memset(texels, 0, sizeof(texels));

	for (uint32_t i = r->num_cbs; i < SVGA_RENDER_MAX_CBS; i++)
		if (b->cb[i].buffer)
			return render_error(r, "constant buffer %u: the device "
					    "backs %u slots "
					    "(maxPerStageDescriptorUniformBuffers)",
					    i, r->num_cbs);
	for (uint32_t i = 0; i < r->num_cbs; i++) {
		const struct svga_render_cb *cb = &b->cb[i];

		bufs[i] = (VkDescriptorBufferInfo){ VK_NULL_HANDLE, 0,
						    VK_WHOLE_SIZE };
		if (cb->buffer) {
			uint64_t size = cb->size;

			if (!(cb->buffer->usage & SVGA_RENDER_BUF_CONSTANT) ||
			    cb->offset >= cb->buffer->size || cb->offset % align)
				return render_error(r, "constant buffer %u: "
						    "offset %llu invalid", i,
						    (unsigned long long)cb->offset);
			if (!size || size > cb->buffer->size - cb->offset)
				size = cb->buffer->size - cb->offset;
			if (size > r->props.limits.maxUniformBufferRange)
				size = r->props.limits.maxUniformBufferRange;
			bufs[i] = (VkDescriptorBufferInfo){ cb->buffer->buf,
							    cb->offset, size };
		}
		w[n++] = (VkWriteDescriptorSet){
			.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
			.dstSet = set, .dstBinding = SVGA_RENDER_BINDING_CB(i),
			.descriptorCount = 1,
			.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
			.pBufferInfo = &bufs[i],
		};
	}
	for (uint32_t i = 0; i < SVGA_RENDER_MAX_SAMPLERS; i++) {
		/* samplers have no null descriptor: an unbound slot gets
		 * D3D's default sampler */
		imgs[i] = (VkDescriptorImageInfo){
			b->sampler[i] ? b->sampler[i]->sampler :
					r->default_sampler,
			VK_NULL_HANDLE, VK_IMAGE_LAYOUT_UNDEFINED };
		w[n++] = (VkWriteDescriptorSet){
			.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
			.dstSet = set,
			.dstBinding = SVGA_RENDER_BINDING_SAMPLER(i),
			.descriptorCount = 1,
			.descriptorType = VK_DESCRIPTOR_TYPE_SAMPLER,
			.pImageInfo = &imgs[i],
		};
	}
	for (uint32_t i = 0; i < SVGA_RENDER_MAX_SRVS; i++) {
		VkDescriptorImageInfo *ii;

		if (i >= SVGA_RENDER_MAX_IMAGE_SRVS && b->srv[i].image)
			return render_error(r, "image shader resource view in "
					    "slot %u: the renderer binds images "
					    "in slots 0-%u", i,
					    SVGA_RENDER_MAX_IMAGE_SRVS - 1);
		if (b->srv[i].buffer && !b->srv[i].image) {
			bool err;
			VkBufferView bv = buffer_srv_view(r, i, &b->srv[i],
							  &err);

			if (!bv && err)
				return -1;
			if (i < SVGA_RENDER_MAX_BUFFER_SRVS)
				texels[i] = bv;
		}
		if (i >= SVGA_RENDER_MAX_IMAGE_SRVS)
			continue;
		ii = &imgs[SVGA_RENDER_MAX_SAMPLERS + i];
		*ii = (VkDescriptorImageInfo){ VK_NULL_HANDLE, VK_NULL_HANDLE,
					       VK_IMAGE_LAYOUT_GENERAL };
		if (b->srv[i].image) {
			ii->imageView = srv_view(r, &b->srv[i]);
			if (!ii->imageView)
				return -1;
		}
		w[n++] = (VkWriteDescriptorSet){
			.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
			.dstSet = set, .dstBinding = SVGA_RENDER_BINDING_SRV(i),
			.descriptorCount = 1,
			.descriptorType = VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE,
			.pImageInfo = ii,
		};
	}
	for (uint32_t i = 0; i < SVGA_RENDER_MAX_BUFFER_SRVS; i++) {
		w[n++] = (VkWriteDescriptorSet){
			.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
			.dstSet = set,
			.dstBinding = SVGA_RENDER_BINDING_BUFFER_SRV(i),
			.descriptorCount = 1,
			.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
			.pTexelBufferView = &texels[i],
		};
	}
	vkUpdateDescriptorSets(r->dev, n, w, 0, NULL);
	return 0;
}

