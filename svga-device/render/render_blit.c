// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: scaled blits, mip generation and multisample
 * resolves (vkCmdBlitImage / vkCmdResolveImage), with the guest's boxes
 * checked against the subresources.
 */
#include "render_int.h"

static uint32_t mip_dim(uint32_t d, uint32_t mip)
{
	return d >> mip ? d >> mip : 1;
}

static int check_corners(struct svga_render *r, struct svga_render_image *img,
			 uint32_t mip, uint32_t layer,
			 const struct svga_render_blit_box *b, VkOffset3D o[2])
{
	int64_t w, h, d;

	if (mip >= img->desc.mips || layer >= img->desc.layers)
		return render_error(r, "blit: %s mip %u layer %u out of range",
				    img->fmt->name, mip, layer);
	w = mip_dim(img->desc.width, mip);
	h = mip_dim(img->desc.height, mip);
	d = mip_dim(img->desc.depth, mip);
	if (b->x0 < 0 || b->x1 < 0 || b->y0 < 0 || b->y1 < 0 || b->z0 < 0 ||
	    b->z1 < 0 || b->x0 > w || b->x1 > w || b->y0 > h || b->y1 > h ||
	    b->z0 > d || b->z1 > d)
		return render_error(r, "blit box (%d,%d,%d)-(%d,%d,%d) outside "
				    "%s mip %u of %lldx%lldx%lld", b->x0, b->y0,
				    b->z0, b->x1, b->y1, b->z1, img->fmt->name,
				    mip, (long long)w, (long long)h,
				    (long long)d);
	o[0] = (VkOffset3D){ b->x0, b->y0, b->z0 };
	o[1] = (VkOffset3D){ b->x1, b->y1, b->z1 };
	return 0;
}

static bool can_blit(struct svga_render *r, const struct svga_render_image *img,
		     VkFormatFeatureFlags need)
{
	VkFormatProperties p;

	vkGetPhysicalDeviceFormatProperties(r->phys, img->vk, &p);
	return (p.optimalTilingFeatures & need) == need;
}

int svga_render_image_blit(struct svga_render *r,
			   struct svga_render_image *dst, uint32_t dst_mip,
			   uint32_t dst_layer,
			   const struct svga_render_blit_box *dst_box,
			   struct svga_render_image *src, uint32_t src_mip,
			   uint32_t src_layer,
			   const struct svga_render_blit_box *src_box,
			   int linear)
{
	VkImageBlit b;

	if (check_corners(r, src, src_mip, src_layer, src_box, b.srcOffsets) ||
	    check_corners(r, dst, dst_mip, dst_layer, dst_box, b.dstOffsets))
		return -1;
	if (src->desc.samples > 1 || dst->desc.samples > 1)
		return render_error(r, "blit of multisampled images");
	if (src->aspects != dst->aspects ||
	    (src->aspects != VK_IMAGE_ASPECT_COLOR_BIT && src->vk != dst->vk) ||
	    (src->aspects != VK_IMAGE_ASPECT_COLOR_BIT && linear) ||
	    render_format_class(src->vk) != render_format_class(dst->vk) ||
	    (render_format_class(src->vk) == RENDER_CLASS_INT && linear))
		return render_error(r, "blit %s -> %s (%s): incompatible",
				    src->fmt->name, dst->fmt->name,
				    linear ? "linear" : "nearest");
	if (!can_blit(r, src, VK_FORMAT_FEATURE_BLIT_SRC_BIT |
		      (linear ? VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT :
				0)) ||
	    !can_blit(r, dst, VK_FORMAT_FEATURE_BLIT_DST_BIT))
		return render_error(r, "Vulkan device cannot blit %s -> %s",
				    src->fmt->name, dst->fmt->name);
	/* an empty box blits nothing */
	if (b.srcOffsets[0].x == b.srcOffsets[1].x ||
	    b.srcOffsets[0].y == b.srcOffsets[1].y ||
	    b.dstOffsets[0].x == b.dstOffsets[1].x ||
	    b.dstOffsets[0].y == b.dstOffsets[1].y)
		return 0;
	/* 2D images: one slice */
	if (src->type != VK_IMAGE_TYPE_3D && b.srcOffsets[0].z == b.srcOffsets[1].z)
		b.srcOffsets[1].z = b.srcOffsets[0].z + 1;
	if (dst->type != VK_IMAGE_TYPE_3D && b.dstOffsets[0].z == b.dstOffsets[1].z)
		b.dstOffsets[1].z = b.dstOffsets[0].z + 1;
	if ((src->type != VK_IMAGE_TYPE_3D &&
	     (b.srcOffsets[0].z != 0 || b.srcOffsets[1].z != 1)) ||
	    (dst->type != VK_IMAGE_TYPE_3D &&
	     (b.dstOffsets[0].z != 0 || b.dstOffsets[1].z != 1)) ||
	    b.srcOffsets[0].z == b.srcOffsets[1].z ||
	    b.dstOffsets[0].z == b.dstOffsets[1].z)
		return render_error(r, "blit: depth range invalid");
	b.srcSubresource = (VkImageSubresourceLayers){ src->aspects, src_mip,
		src->type == VK_IMAGE_TYPE_3D ? 0 : src_layer, 1 };
	b.dstSubresource = (VkImageSubresourceLayers){ dst->aspects, dst_mip,
		dst->type == VK_IMAGE_TYPE_3D ? 0 : dst_layer, 1 };
	vkCmdBlitImage(render_cmd(r), src->image, VK_IMAGE_LAYOUT_GENERAL,
		       dst->image, VK_IMAGE_LAYOUT_GENERAL, 1, &b,
		       linear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST);
	return 0;
}

int svga_render_image_gen_mips(struct svga_render *r,
			       struct svga_render_image *img,
			       const struct svga_render_view *view)
{
	if (render_check_view(r, img, view))
		return -1;
	if (img->aspects != VK_IMAGE_ASPECT_COLOR_BIT || img->fmt->block_w != 1 ||
	    render_format_class(img->vk) == RENDER_CLASS_INT ||
	    !can_blit(r, img, VK_FORMAT_FEATURE_BLIT_SRC_BIT |
		      VK_FORMAT_FEATURE_BLIT_DST_BIT |
		      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT))
		return render_error(r, "cannot generate mips of %s",
				    img->fmt->name);
	for (uint32_t l = view->layer; l < view->layer + view->layers; l++)
		for (uint32_t m = view->mip + 1; m < img->desc.mips; m++) {
			struct svga_render_blit_box s = { 0, 0, 0,
				(int32_t)mip_dim(img->desc.width, m - 1),
				(int32_t)mip_dim(img->desc.height, m - 1),
				(int32_t)mip_dim(img->desc.depth, m - 1) };
			struct svga_render_blit_box d = { 0, 0, 0,
				(int32_t)mip_dim(img->desc.width, m),
				(int32_t)mip_dim(img->desc.height, m),
				(int32_t)mip_dim(img->desc.depth, m) };
			uint32_t layer = img->type == VK_IMAGE_TYPE_3D ? 0 : l;

			if (svga_render_image_blit(r, img, m, layer, &d, img,
						   m - 1, layer, &s, 1))
				return -1;
		}
	return 0;
}

int svga_render_image_resolve(struct svga_render *r,
			      struct svga_render_image *dst, uint32_t dst_mip,
			      uint32_t dst_layer,
			      struct svga_render_image *src, uint32_t src_layer)
{
	VkImageResolve res;

	if (src->desc.samples < 2 || dst->desc.samples != 1 ||
	    src_layer >= src->desc.layers || dst_mip >= dst->desc.mips ||
	    dst_layer >= dst->desc.layers ||
	    src->aspects != VK_IMAGE_ASPECT_COLOR_BIT ||
	    dst->aspects != VK_IMAGE_ASPECT_COLOR_BIT ||
	    src->vk != dst->vk ||
	    mip_dim(dst->desc.width, dst_mip) != src->desc.width ||
	    mip_dim(dst->desc.height, dst_mip) != src->desc.height)
		return render_error(r, "resolve %s (%u samples) -> %s mip %u: "
				    "incompatible", src->fmt->name,
				    src->desc.samples, dst->fmt->name, dst_mip);
	res = (VkImageResolve){
		.srcSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, src_layer, 1 },
		.dstSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, dst_mip,
				    dst_layer, 1 },
		.extent = { src->desc.width, src->desc.height, 1 },
	};
	vkCmdResolveImage(render_cmd(r), src->image, VK_IMAGE_LAYOUT_GENERAL,
			  dst->image, VK_IMAGE_LAYOUT_GENERAL, 1, &res);
	return 0;
}
