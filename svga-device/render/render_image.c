// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: images for SVGA surfaces (creation in device
 * memory within the budget, and their views).
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

static int check_desc(struct svga_render *r,
		      const struct svga_render_image_desc *d,
		      const struct render_format *f)
{
	uint32_t maxdim;

	if (!f)
		return render_error(r, "image format %u is unknown", d->format);
	if (f->vk == VK_FORMAT_UNDEFINED)
		return render_error(r, "image format %s unsupported: %s",
				    f->name, f->why);
	if (!d->width || !d->height || !d->depth || !d->mips || !d->layers)
		return render_error(r, "image %s %ux%ux%u, %u mips, %u layers: "
				    "zero size", f->name, d->width, d->height,
				    d->depth, d->mips, d->layers);
	if (d->depth > 1 && d->layers > 1)
		return render_error(r, "3D image with %u layers", d->layers);
	if ((d->usage & SVGA_RENDER_USAGE_CUBE) &&
	    (d->layers % 6 || d->width != d->height || d->depth > 1))
		return render_error(r, "cube image %ux%u with %u layers",
				    d->width, d->height, d->layers);
	if (d->samples != 1 && d->samples != 4)
		return render_error(r, "%u samples (1 or 4)", d->samples);
	if (d->samples > 1 && (d->mips > 1 || d->depth > 1))
		return render_error(r, "multisampled images have one mip and "
				    "are 2D");
	if ((d->usage & SVGA_RENDER_USAGE_RENDER_TARGET) && f->no_render)
		return render_error(r, "%s cannot be a render target: %s",
				    f->name, f->why);
	maxdim = d->width > d->height ? d->width : d->height;
	maxdim = maxdim > d->depth ? maxdim : d->depth;
	if (d->mips > 32 || (maxdim >> (d->mips - 1)) == 0)
		return render_error(r, "%u mips for a %ux%ux%u image", d->mips,
				    d->width, d->height, d->depth);
	return 0;
}

int svga_render_image_new(struct svga_render *r,
			  const struct svga_render_image_desc *desc,
			  struct svga_render_image **out)
{
	const struct render_format *f = render_format_get(desc->format);
	VkImageCreateInfo ici = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
		.mipLevels = desc->mips,
		.arrayLayers = desc->layers,
		.samples = (VkSampleCountFlagBits)desc->samples,
		.tiling = VK_IMAGE_TILING_OPTIMAL,
		.usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
			 VK_IMAGE_USAGE_TRANSFER_DST_BIT,
		.sharingMode = VK_SHARING_MODE_EXCLUSIVE,
		.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
	};
	VkImageFormatProperties ifp;
	VkMemoryRequirements req;
	struct svga_render_image *img;
	VkImageAspectFlags aspects;
	VkResult res;

	*out = NULL;
	if (check_desc(r, desc, f))
		return -1;
	ici.format = f->vk;
	if ((desc->usage & SVGA_RENDER_USAGE_DEPTH_STENCIL) &&
	    f->vk_ds != VK_FORMAT_UNDEFINED)
		ici.format = f->vk_ds;
	aspects = render_format_aspects(ici.format);
	ici.imageType = desc->depth > 1 ? VK_IMAGE_TYPE_3D : VK_IMAGE_TYPE_2D;
	if (desc->usage & SVGA_RENDER_USAGE_1D) {
		if (desc->height != 1 || desc->depth != 1 ||
		    (desc->usage & SVGA_RENDER_USAGE_CUBE))
			return render_error(r, "1D image %ux%ux%u", desc->width,
					    desc->height, desc->depth);
		ici.imageType = VK_IMAGE_TYPE_1D;
	}
	ici.extent = (VkExtent3D){ desc->width, desc->height, desc->depth };
	if (desc->usage & SVGA_RENDER_USAGE_SAMPLED)
		ici.usage |= VK_IMAGE_USAGE_SAMPLED_BIT;
	if (desc->usage & SVGA_RENDER_USAGE_RENDER_TARGET)
		ici.usage |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
	if (desc->usage & SVGA_RENDER_USAGE_DEPTH_STENCIL)
		ici.usage |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
	if ((ici.usage & VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) &&
	    aspects == VK_IMAGE_ASPECT_COLOR_BIT)
		return render_error(r, "%s cannot be a depth-stencil target",
				    f->name);
	if ((ici.usage & VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT) &&
	    aspects != VK_IMAGE_ASPECT_COLOR_BIT)
		return render_error(r, "%s cannot be a color render target",
				    f->name);
	/* views may reinterpret color formats of the same size (D3D's
	 * typeless families, SRGB/UNORM pairs) */
	if (aspects == VK_IMAGE_ASPECT_COLOR_BIT && f->block_w == 1)
		ici.flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
	if (desc->usage & SVGA_RENDER_USAGE_CUBE)
		ici.flags |= VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT;
	/* render targets on slices of a 3D image are 2D array views */
	if (ici.imageType == VK_IMAGE_TYPE_3D &&
	    (desc->usage & SVGA_RENDER_USAGE_RENDER_TARGET))
		ici.flags |= VK_IMAGE_CREATE_2D_ARRAY_COMPATIBLE_BIT;
	res = vkGetPhysicalDeviceImageFormatProperties(r->phys, ici.format,
						       ici.imageType,
						       ici.tiling, ici.usage,
						       ici.flags, &ifp);
	if (res != VK_SUCCESS)
		return render_error(r, "Vulkan device '%s' cannot make a %s "
				    "image with usage 0x%x: %s", r->name,
				    f->name, desc->usage,
				    render_vk_result(res));
	if (desc->width > ifp.maxExtent.width ||
	    desc->height > ifp.maxExtent.height ||
	    desc->depth > ifp.maxExtent.depth ||
	    desc->mips > ifp.maxMipLevels ||
	    desc->layers > ifp.maxArrayLayers ||
	    !(ifp.sampleCounts & ici.samples))
		return render_error(r, "%s image %ux%ux%u, %u mips, %u layers, "
				    "%u samples exceeds the device's limits",
				    f->name, desc->width, desc->height,
				    desc->depth, desc->mips, desc->layers,
				    desc->samples);
	img = calloc(1, sizeof(*img));
	if (!img)
		return render_error(r, "out of memory");
	img->desc = *desc;
	img->fmt = f;
	img->vk = ici.format;
	img->aspects = aspects;
	img->type = ici.imageType;
	res = vkCreateImage(r->dev, &ici, NULL, &img->image);
	if (res != VK_SUCCESS) {
		free(img);
		return render_error(r, "vkCreateImage %s: %s", f->name,
				    render_vk_result(res));
	}
	vkGetImageMemoryRequirements(r->dev, img->image, &req);
	if (render_alloc(r, &req, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
			 &img->mem)) {
		vkDestroyImage(r->dev, img->image, NULL);
		free(img);
		return -1;
	}
	img->mem_size = req.size;
	vkBindImageMemory(r->dev, img->image, img->mem, 0);
	/* GENERAL for the image's whole life: see render_batch.c */
	{
		VkImageMemoryBarrier b = {
			.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
			.dstAccessMask = VK_ACCESS_MEMORY_READ_BIT |
					 VK_ACCESS_MEMORY_WRITE_BIT,
			.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
			.newLayout = VK_IMAGE_LAYOUT_GENERAL,
			.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
			.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
			.image = img->image,
			.subresourceRange = { aspects, 0, VK_REMAINING_MIP_LEVELS,
					      0, VK_REMAINING_ARRAY_LAYERS },
		};
		vkCmdPipelineBarrier(render_cmd(r),
				     VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
				     VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0,
				     NULL, 0, NULL, 1, &b);
	}
	*out = img;
	return 0;
}

void svga_render_image_free(struct svga_render *r,
			    struct svga_render_image *img)
{
	if (!img)
		return;
	/* the batch may still use it */
	svga_render_flush(r);
	while (img->views) {
		struct render_view_entry *v = img->views;

		img->views = v->next;
		vkDestroyImageView(r->dev, v->view, NULL);
		free(v);
		r->stats.views--;
	}
	vkDestroyImage(r->dev, img->image, NULL);
	render_free_mem(r, img->mem, img->mem_size);
	free(img);
}

int render_check_view(struct svga_render *r, struct svga_render_image *img,
		      const struct svga_render_view *v)
{
	uint32_t layers = img->type == VK_IMAGE_TYPE_3D ?
		(img->desc.depth >> v->mip ? img->desc.depth >> v->mip : 1) :
		img->desc.layers;

	if (v->mip >= img->desc.mips || !v->layers || v->layer >= layers ||
	    v->layers > layers - v->layer)
		return render_error(r, "view mip %u layers %u+%u outside %s "
				    "image of %u mips, %u layers", v->mip,
				    v->layer, v->layers, img->fmt->name,
				    img->desc.mips, layers);
	return 0;
}

VkImageView render_image_view(struct svga_render *r,
			      struct svga_render_image *img, VkFormat format,
			      VkImageViewType type, VkImageAspectFlags aspects,
			      uint32_t mip, uint32_t mips, uint32_t layer,
			      uint32_t layers, bool sampled)
{
	struct render_view_entry *v;
	VkImageViewCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
		.image = img->image,
		.viewType = type,
		.format = format,
		.subresourceRange = { aspects, mip, mips, layer, layers },
	};
	VkResult res;

	for (struct render_view_entry **p = &img->views; *p; p = &(*p)->next) {
		v = *p;
		if (v->format == format && v->type == type &&
		    v->aspects == aspects && v->mip == mip && v->mips == mips &&
		    v->layer == layer && v->layers == layers &&
		    v->sampled == sampled) {
			/* most recently used first */
			*p = v->next;
			v->next = img->views;
			img->views = v;
			return v->view;
		}
	}
	if (img->num_views >= RENDER_MAX_VIEWS_PER_OBJECT) {
		/* the least recently used goes; the batch may still use it */
		struct render_view_entry **p = &img->views;

		while ((*p)->next)
			p = &(*p)->next;
		render_defer_view(r, (*p)->view, VK_NULL_HANDLE);
		free(*p);
		*p = NULL;
		img->num_views--;
		r->stats.views--;
	}
	/* sampled views take the format's swizzle (X channels, A8) */
	if (sampled && aspects == VK_IMAGE_ASPECT_COLOR_BIT &&
	    format == img->vk)
		ci.components = img->fmt->swizzle;
	v = calloc(1, sizeof(*v));
	if (!v) {
		render_error(r, "out of memory");
		return VK_NULL_HANDLE;
	}
	res = vkCreateImageView(r->dev, &ci, NULL, &v->view);
	if (res != VK_SUCCESS) {
		free(v);
		render_error(r, "vkCreateImageView (%s): %s", img->fmt->name,
			     render_vk_result(res));
		return VK_NULL_HANDLE;
	}
	v->format = format;
	v->type = type;
	v->aspects = aspects;
	v->mip = mip;
	v->mips = mips;
	v->layer = layer;
	v->layers = layers;
	v->sampled = sampled;
	v->next = img->views;
	img->views = v;
	img->num_views++;
	r->stats.views++;
	return v->view;
}
