// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: color and depth-stencil clears of a view.
 *
 * A clear of whole subresources uses the transfer clears; a rectangle
 * (clipped to the mip, as D3D clips clear rectangles; an empty one clears
 * nothing) is cleared inside a dynamic rendering pass on the view, which
 * needs a render-target or depth-stencil image.
 */
#include "render_int.h"

#include <string.h>

static uint32_t mip_dim(uint32_t d, uint32_t mip)
{
	return d >> mip ? d >> mip : 1;
}

/* 1: whole mip, 0: partial (in *out), -1: empty. */
static int clip_rect(const struct svga_render_image *img, uint32_t mip,
		     const struct svga_render_rect *rect, VkRect2D *out)
{
	int64_t w = mip_dim(img->desc.width, mip);
	int64_t h = mip_dim(img->desc.height, mip);
	int64_t x0, y0, x1, y1;

	if (!rect)
		return 1;
	x0 = rect->x < 0 ? 0 : rect->x;
	y0 = rect->y < 0 ? 0 : rect->y;
	x1 = (int64_t)rect->x + rect->w;
	y1 = (int64_t)rect->y + rect->h;
	x1 = x1 > w ? w : x1;
	y1 = y1 > h ? h : y1;
	if (x0 >= x1 || y0 >= y1)
		return -1;
	if (x0 == 0 && y0 == 0 && x1 == w && y1 == h)
		return 1;
	*out = (VkRect2D){ { (int32_t)x0, (int32_t)y0 },
			   { (uint32_t)(x1 - x0), (uint32_t)(y1 - y0) } };
	return 0;
}

static VkImageViewType attachment_view_type(const struct svga_render_image *img)
{
	return img->type == VK_IMAGE_TYPE_1D ? VK_IMAGE_VIEW_TYPE_1D_ARRAY :
					       VK_IMAGE_VIEW_TYPE_2D_ARRAY;
}

static int clear_rect(struct svga_render *r, struct svga_render_image *img,
		      const struct svga_render_view *v, const VkRect2D *rect,
		      const VkClearAttachment *att)
{
	bool color = att->aspectMask == VK_IMAGE_ASPECT_COLOR_BIT;
	bool is3d = img->type == VK_IMAGE_TYPE_3D;
	VkImageView view;
	VkRenderingAttachmentInfo ai = {
		.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
		.imageLayout = VK_IMAGE_LAYOUT_GENERAL,
		.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD,
		.storeOp = VK_ATTACHMENT_STORE_OP_STORE,
	};
	VkRenderingInfo ri = {
		.sType = VK_STRUCTURE_TYPE_RENDERING_INFO,
		.renderArea = *rect,
		.layerCount = v->layers,
	};
	VkClearRect cr = { *rect, 0, v->layers };
	VkCommandBuffer cmd;

	if (!(img->desc.usage & (color ? SVGA_RENDER_USAGE_RENDER_TARGET :
					 SVGA_RENDER_USAGE_DEPTH_STENCIL)))
		return render_error(r, "%s image: a clear rectangle needs a %s "
				    "image", img->fmt->name,
				    color ? "render-target" : "depth-stencil");
	/* a 3D mip's slices are one view's layers (2D array view of 3D
	 * images needs a Vulkan 1.1 flag we do not set): whole depth only */
	if (is3d)
		return render_error(r, "clear rectangles of 3D images are not "
				    "supported");
	view = render_image_view(r, img, img->vk, attachment_view_type(img),
				 img->aspects, v->mip, 1, v->layer, v->layers,
				 false);
	if (!view)
		return -1;
	ai.imageView = view;
	if (color) {
		ri.colorAttachmentCount = 1;
		ri.pColorAttachments = &ai;
	} else {
		if (img->aspects & VK_IMAGE_ASPECT_DEPTH_BIT)
			ri.pDepthAttachment = &ai;
		if (img->aspects & VK_IMAGE_ASPECT_STENCIL_BIT)
			ri.pStencilAttachment = &ai;
	}
	cmd = render_cmd(r);
	vkCmdBeginRendering(cmd, &ri);
	vkCmdClearAttachments(cmd, 1, att, 1, &cr);
	vkCmdEndRendering(cmd);
	return 0;
}

int svga_render_clear_color(struct svga_render *r,
			    struct svga_render_image *img,
			    const struct svga_render_view *view,
			    const struct svga_render_rect *rect,
			    const union svga_render_color *color)
{
	VkClearColorValue c;
	VkRect2D area;
	int whole;

	if (img->aspects != VK_IMAGE_ASPECT_COLOR_BIT)
		return render_error(r, "color clear of %s image",
				    img->fmt->name);
	if (img->fmt->block_w != 1)
		return render_error(r, "color clear of compressed %s image",
				    img->fmt->name);
	if (render_check_view(r, img, view))
		return -1;
	memcpy(&c, color, sizeof(c));
	whole = clip_rect(img, view->mip, rect, &area);
	if (whole < 0)
		return 0;
	if (whole) {
		VkImageSubresourceRange range = {
			VK_IMAGE_ASPECT_COLOR_BIT, view->mip, 1,
			img->type == VK_IMAGE_TYPE_3D ? 0 : view->layer,
			img->type == VK_IMAGE_TYPE_3D ? 1 : view->layers,
		};

		if (img->type == VK_IMAGE_TYPE_3D &&
		    (view->layer != 0 || view->layers !=
		     mip_dim(img->desc.depth, view->mip)))
			return render_error(r, "clears of part of a 3D mip are "
					    "not supported");
		vkCmdClearColorImage(render_cmd(r), img->image,
				     VK_IMAGE_LAYOUT_GENERAL, &c, 1, &range);
		return 0;
	}
	{
		VkClearAttachment att = { VK_IMAGE_ASPECT_COLOR_BIT, 0,
					  { .color = c } };

		return clear_rect(r, img, view, &area, &att);
	}
}

int svga_render_clear_depth_stencil(struct svga_render *r,
				    struct svga_render_image *img,
				    const struct svga_render_view *view,
				    const struct svga_render_rect *rect,
				    uint32_t flags, float depth,
				    uint8_t stencil)
{
	VkImageAspectFlags aspects = 0;
	VkClearDepthStencilValue v = { depth, stencil };
	VkRect2D area;
	int whole;

	if (img->aspects == VK_IMAGE_ASPECT_COLOR_BIT)
		return render_error(r, "depth-stencil clear of %s image",
				    img->fmt->name);
	if (render_check_view(r, img, view))
		return -1;
	if (!(depth >= 0.0f && depth <= 1.0f))
		return render_error(r, "depth clear value outside [0,1]");
	if (flags & SVGA_RENDER_CLEAR_DEPTH)
		aspects |= VK_IMAGE_ASPECT_DEPTH_BIT;
	if (flags & SVGA_RENDER_CLEAR_STENCIL)
		aspects |= VK_IMAGE_ASPECT_STENCIL_BIT;
	aspects &= img->aspects;
	if (!aspects)
		return 0;
	whole = clip_rect(img, view->mip, rect, &area);
	if (whole < 0)
		return 0;
	if (whole) {
		VkImageSubresourceRange range = { aspects, view->mip, 1,
						  view->layer, view->layers };

		vkCmdClearDepthStencilImage(render_cmd(r), img->image,
					    VK_IMAGE_LAYOUT_GENERAL, &v, 1,
					    &range);
		return 0;
	}
	{
		VkClearAttachment att = { aspects, 0, { .depthStencil = v } };

		return clear_rect(r, img, view, &area, &att);
	}
}
