// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: the chosen device's limits, in the terms the
 * device's devcaps use (SVGA3D_DEVCAP_MAX_*).  The glue clamps the core's
 * own limits to these so that the guest is never promised an image or a
 * draw that Vulkan would refuse.
 */
#include "render_int.h"

void svga_render_get_limits(const struct svga_render *r,
			    struct svga_render_limits *l)
{
	const VkPhysicalDeviceLimits *p = &r->props.limits;
	VkSampleCountFlags s = p->framebufferColorSampleCounts &
			       p->framebufferDepthSampleCounts;

	l->max_image_2d = p->maxImageDimension2D < p->maxImageDimension1D ?
			  p->maxImageDimension2D : p->maxImageDimension1D;
	if (p->maxImageDimensionCube < l->max_image_2d)
		l->max_image_2d = p->maxImageDimensionCube;
	l->max_image_3d = p->maxImageDimension3D;
	l->max_array_layers = p->maxImageArrayLayers;
	l->max_color_targets = p->maxColorAttachments;
	l->max_anisotropy = (uint32_t)p->maxSamplerAnisotropy;
	l->max_vertex_buffers = p->maxVertexInputBindings;
	l->max_constant_buffers = r->num_cbs;
	l->max_point_size = p->pointSizeRange[1];
	l->max_so_stride = r->xfb_max_stride;
	/* VkSampleCountFlagBits are already "bit n = 2^n samples" */
	l->sample_counts = (uint32_t)s;
}
