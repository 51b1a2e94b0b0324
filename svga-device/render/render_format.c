// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: SVGA3dSurfaceFormat -> VkFormat.
 *
 * Host storage keeps the D3D byte layout of every format; a mapping is
 * listed only when the Vulkan format has the same bytes (packed formats
 * are matched bit for bit).  Typeless formats take a typed format of the
 * same layout, created mutable so views can reinterpret them; the
 * typeless formats D3D uses for sampled depth buffers have a depth-stencil
 * mapping as well (vk_ds), used when the image is a depth-stencil target.
 * What Vulkan cannot express is listed with the reason, so the device can
 * keep its devcaps truthful.  Whether the chosen Vulkan device supports a
 * mapped format is asked at run time (svga_render_format_caps).
 */
#include "render_int.h"

#include "svga3d_types.h"
#include "svga3d_devcaps.h"

#define SW_IDENTITY { 0, 0, 0, 0 }
#define SW_ONE_ALPHA { VK_COMPONENT_SWIZZLE_IDENTITY, \
		       VK_COMPONENT_SWIZZLE_IDENTITY, \
		       VK_COMPONENT_SWIZZLE_IDENTITY, VK_COMPONENT_SWIZZLE_ONE }
#define SW_ALPHA_FROM_R { VK_COMPONENT_SWIZZLE_ZERO, VK_COMPONENT_SWIZZLE_ZERO, \
			  VK_COMPONENT_SWIZZLE_ZERO, VK_COMPONENT_SWIZZLE_R }

#define F(s, v, bytes) \
	{ SVGA3D_##s, #s, VK_FORMAT_##v, VK_FORMAT_UNDEFINED, SW_IDENTITY, \
	  1, 1, bytes, 0, NULL }
/* typeless with a depth-stencil reading */
#define FDS(s, v, ds, bytes) \
	{ SVGA3D_##s, #s, VK_FORMAT_##v, VK_FORMAT_##ds, SW_IDENTITY, \
	  1, 1, bytes, 0, NULL }
/* X channel: sampled alpha reads 1 */
#define FX(s, v, bytes) \
	{ SVGA3D_##s, #s, VK_FORMAT_##v, VK_FORMAT_UNDEFINED, SW_ONE_ALPHA, \
	  1, 1, bytes, 0, NULL }
#define BC(s, v, bytes) \
	{ SVGA3D_##s, #s, VK_FORMAT_##v, VK_FORMAT_UNDEFINED, SW_IDENTITY, \
	  4, 4, bytes, 0, NULL }

static const struct render_format formats[] = {
	/* pre-DX formats vmwgfx uses for screen targets and cursors */
	FX(X8R8G8B8, B8G8R8A8_UNORM, 4),
	F(A8R8G8B8, B8G8R8A8_UNORM, 4),
	F(R5G6B5, R5G6B5_UNORM_PACK16, 2),
	FX(X1R5G5B5, A1R5G5B5_UNORM_PACK16, 2),
	F(A1R5G5B5, A1R5G5B5_UNORM_PACK16, 2),
	F(Z_D16, D16_UNORM, 2),
	F(Z_D24S8, D24_UNORM_S8_UINT, 4),
	BC(DXT1, BC1_RGBA_UNORM_BLOCK, 8),
	BC(DXT3, BC2_UNORM_BLOCK, 16),
	BC(DXT5, BC3_UNORM_BLOCK, 16),
	{ SVGA3D_BUFFER, "BUFFER", VK_FORMAT_UNDEFINED, VK_FORMAT_UNDEFINED,
	  SW_IDENTITY, 1, 1, 1, 0,
	  "a buffer, not an image: use svga_render_buffer_new" },
	/* 128 bit */
	F(R32G32B32A32_TYPELESS, R32G32B32A32_UINT, 16),
	F(R32G32B32A32_FLOAT, R32G32B32A32_SFLOAT, 16),
	F(R32G32B32A32_UINT, R32G32B32A32_UINT, 16),
	F(R32G32B32A32_SINT, R32G32B32A32_SINT, 16),
	/* 96 bit */
	F(R32G32B32_TYPELESS, R32G32B32_UINT, 12),
	F(R32G32B32_FLOAT, R32G32B32_SFLOAT, 12),
	F(R32G32B32_UINT, R32G32B32_UINT, 12),
	F(R32G32B32_SINT, R32G32B32_SINT, 12),
	/* 64 bit */
	F(R16G16B16A16_TYPELESS, R16G16B16A16_UINT, 8),
	F(R16G16B16A16_FLOAT, R16G16B16A16_SFLOAT, 8),
	F(R16G16B16A16_UNORM, R16G16B16A16_UNORM, 8),
	F(R16G16B16A16_UINT, R16G16B16A16_UINT, 8),
	F(R16G16B16A16_SNORM, R16G16B16A16_SNORM, 8),
	F(R16G16B16A16_SINT, R16G16B16A16_SINT, 8),
	F(R32G32_TYPELESS, R32G32_UINT, 8),
	F(R32G32_FLOAT, R32G32_SFLOAT, 8),
	F(R32G32_UINT, R32G32_UINT, 8),
	F(R32G32_SINT, R32G32_SINT, 8),
	F(R32G8X24_TYPELESS, D32_SFLOAT_S8_UINT, 8),
	F(D32_FLOAT_S8X24_UINT, D32_SFLOAT_S8_UINT, 8),
	F(R32_FLOAT_X8X24, D32_SFLOAT_S8_UINT, 8),
	F(X32_G8X24_UINT, D32_SFLOAT_S8_UINT, 8),
	/* 32 bit */
	F(R10G10B10A2_TYPELESS, A2B10G10R10_UINT_PACK32, 4),
	F(R10G10B10A2_UNORM, A2B10G10R10_UNORM_PACK32, 4),
	F(R10G10B10A2_UINT, A2B10G10R10_UINT_PACK32, 4),
	F(R11G11B10_FLOAT, B10G11R11_UFLOAT_PACK32, 4),
	F(R8G8B8A8_TYPELESS, R8G8B8A8_UINT, 4),
	F(R8G8B8A8_UNORM, R8G8B8A8_UNORM, 4),
	F(R8G8B8A8_UNORM_SRGB, R8G8B8A8_SRGB, 4),
	F(R8G8B8A8_UINT, R8G8B8A8_UINT, 4),
	F(R8G8B8A8_SNORM, R8G8B8A8_SNORM, 4),
	F(R8G8B8A8_SINT, R8G8B8A8_SINT, 4),
	F(B8G8R8A8_TYPELESS, B8G8R8A8_UNORM, 4),
	F(B8G8R8A8_UNORM, B8G8R8A8_UNORM, 4),
	F(B8G8R8A8_UNORM_SRGB, B8G8R8A8_SRGB, 4),
	FX(B8G8R8X8_TYPELESS, B8G8R8A8_UNORM, 4),
	FX(B8G8R8X8_UNORM, B8G8R8A8_UNORM, 4),
	FX(B8G8R8X8_UNORM_SRGB, B8G8R8A8_SRGB, 4),
	F(R16G16_TYPELESS, R16G16_UINT, 4),
	F(R16G16_FLOAT, R16G16_SFLOAT, 4),
	F(R16G16_UNORM, R16G16_UNORM, 4),
	F(R16G16_UINT, R16G16_UINT, 4),
	F(R16G16_SNORM, R16G16_SNORM, 4),
	F(R16G16_SINT, R16G16_SINT, 4),
	FDS(R32_TYPELESS, R32_UINT, D32_SFLOAT, 4),
	F(R32_FLOAT, R32_SFLOAT, 4),
	F(R32_UINT, R32_UINT, 4),
	F(R32_SINT, R32_SINT, 4),
	F(D32_FLOAT, D32_SFLOAT, 4),
	F(R24G8_TYPELESS, D24_UNORM_S8_UINT, 4),
	F(D24_UNORM_S8_UINT, D24_UNORM_S8_UINT, 4),
	F(R24_UNORM_X8, D24_UNORM_S8_UINT, 4),
	F(X24_G8_UINT, D24_UNORM_S8_UINT, 4),
	F(R9G9B9E5_SHAREDEXP, E5B9G9R9_UFLOAT_PACK32, 4),
	/* 16 bit */
	F(R8G8_TYPELESS, R8G8_UINT, 2),
	F(R8G8_UNORM, R8G8_UNORM, 2),
	F(R8G8_UINT, R8G8_UINT, 2),
	F(R8G8_SNORM, R8G8_SNORM, 2),
	F(R8G8_SINT, R8G8_SINT, 2),
	FDS(R16_TYPELESS, R16_UINT, D16_UNORM, 2),
	F(R16_FLOAT, R16_SFLOAT, 2),
	F(R16_UNORM, R16_UNORM, 2),
	F(R16_UINT, R16_UINT, 2),
	F(R16_SNORM, R16_SNORM, 2),
	F(R16_SINT, R16_SINT, 2),
	F(D16_UNORM, D16_UNORM, 2),
	F(B5G6R5_UNORM, R5G6B5_UNORM_PACK16, 2),
	F(B5G5R5A1_UNORM, A1R5G5B5_UNORM_PACK16, 2),
	/* D3D's B4G4R4A4 bit layout (A in the top nibble) */
	F(A4R4G4B4, A4R4G4B4_UNORM_PACK16, 2),
	/* 8 bit */
	F(R8_TYPELESS, R8_UINT, 1),
	F(R8_UNORM, R8_UNORM, 1),
	F(R8_UINT, R8_UINT, 1),
	F(R8_SNORM, R8_SNORM, 1),
	F(R8_SINT, R8_SINT, 1),
	/* Vulkan 1.3 has no A8: R8 with alpha read from R when sampling;
	 * rendering would need the pixel shader's output moved to .r */
	{ SVGA3D_A8_UNORM, "A8_UNORM", VK_FORMAT_R8_UNORM, VK_FORMAT_UNDEFINED,
	  SW_ALPHA_FROM_R, 1, 1, 1, 1,
	  "Vulkan 1.3 has no A8 format: stored as R8, sampled with a swizzle, "
	  "not renderable" },
	/* block compressed */
	BC(BC1_TYPELESS, BC1_RGBA_UNORM_BLOCK, 8),
	BC(BC1_UNORM, BC1_RGBA_UNORM_BLOCK, 8),
	BC(BC1_UNORM_SRGB, BC1_RGBA_SRGB_BLOCK, 8),
	BC(BC2_TYPELESS, BC2_UNORM_BLOCK, 16),
	BC(BC2_UNORM, BC2_UNORM_BLOCK, 16),
	BC(BC2_UNORM_SRGB, BC2_SRGB_BLOCK, 16),
	BC(BC3_TYPELESS, BC3_UNORM_BLOCK, 16),
	BC(BC3_UNORM, BC3_UNORM_BLOCK, 16),
	BC(BC3_UNORM_SRGB, BC3_SRGB_BLOCK, 16),
	BC(BC4_TYPELESS, BC4_UNORM_BLOCK, 8),
	BC(BC4_UNORM, BC4_UNORM_BLOCK, 8),
	BC(BC4_SNORM, BC4_SNORM_BLOCK, 8),
	BC(BC5_TYPELESS, BC5_UNORM_BLOCK, 16),
	BC(BC5_UNORM, BC5_UNORM_BLOCK, 16),
	BC(BC5_SNORM, BC5_SNORM_BLOCK, 16),
	BC(BC6H_TYPELESS, BC6H_UFLOAT_BLOCK, 16),
	BC(BC6H_UF16, BC6H_UFLOAT_BLOCK, 16),
	BC(BC6H_SF16, BC6H_SFLOAT_BLOCK, 16),
	BC(BC7_TYPELESS, BC7_UNORM_BLOCK, 16),
	BC(BC7_UNORM, BC7_UNORM_BLOCK, 16),
	BC(BC7_UNORM_SRGB, BC7_SRGB_BLOCK, 16),
};

#define NUM_FORMATS (sizeof(formats) / sizeof(formats[0]))

const struct render_format *render_format_get(uint32_t svga)
{
	for (unsigned i = 0; i < NUM_FORMATS; i++)
		if (formats[i].svga == svga)
			return &formats[i];
	return NULL;
}

VkImageAspectFlags render_format_aspects(VkFormat f)
{
	switch (f) {
	case VK_FORMAT_D16_UNORM:
	case VK_FORMAT_D32_SFLOAT:
	case VK_FORMAT_X8_D24_UNORM_PACK32:
		return VK_IMAGE_ASPECT_DEPTH_BIT;
	case VK_FORMAT_D24_UNORM_S8_UINT:
	case VK_FORMAT_D32_SFLOAT_S8_UINT:
	case VK_FORMAT_D16_UNORM_S8_UINT:
		return VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT;
	case VK_FORMAT_S8_UINT:
		return VK_IMAGE_ASPECT_STENCIL_BIT;
	default:
		return VK_IMAGE_ASPECT_COLOR_BIT;
	}
}

uint32_t render_aspect_bytes(VkFormat f, VkImageAspectFlagBits aspect)
{
	if (aspect == VK_IMAGE_ASPECT_STENCIL_BIT)
		return 1;
	switch (f) {
	case VK_FORMAT_D16_UNORM:
		return 2;
	case VK_FORMAT_D24_UNORM_S8_UINT:
	case VK_FORMAT_D32_SFLOAT:
	case VK_FORMAT_D32_SFLOAT_S8_UINT:
		return 4;
	default:
		return 0;       /* color: the format's own block size */
	}
}

const char *svga_render_format_unsupported_reason(uint32_t svga_format)
{
	const struct render_format *f = render_format_get(svga_format);

	if (!f)
		return "no Vulkan mapping for this SVGA format";
	if (f->vk == VK_FORMAT_UNDEFINED)
		return f->why;
	return NULL;
}

uint32_t svga_render_format_caps(const struct svga_render *r,
				 uint32_t svga_format, const char **why)
{
	const struct render_format *f = render_format_get(svga_format);
	VkFormatProperties p;
	VkFormatFeatureFlags t, b;
	uint32_t caps = 0;

	if (why)
		*why = NULL;
	if (!f || f->vk == VK_FORMAT_UNDEFINED) {
		if (why)
			*why = svga_render_format_unsupported_reason(svga_format);
		return 0;
	}
	vkGetPhysicalDeviceFormatProperties(r->phys, f->vk, &p);
	t = p.optimalTilingFeatures;
	b = p.bufferFeatures;
	if ((t & VK_FORMAT_FEATURE_TRANSFER_SRC_BIT) &&
	    (t & VK_FORMAT_FEATURE_TRANSFER_DST_BIT))
		caps |= SVGA_RENDER_FMT_TRANSFER;
	if (t & VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT)
		caps |= SVGA_RENDER_FMT_SAMPLE;
	if ((t & VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT) && !f->no_render)
		caps |= SVGA_RENDER_FMT_RENDER;
	if ((t & VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BLEND_BIT) &&
	    !f->no_render)
		caps |= SVGA_RENDER_FMT_BLEND;
	if (t & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT)
		caps |= SVGA_RENDER_FMT_DEPTH;
	if (b & VK_FORMAT_FEATURE_VERTEX_BUFFER_BIT)
		caps |= SVGA_RENDER_FMT_VERTEX;
	if (why && f->no_render)
		*why = f->why;
	else if (why && !(caps & SVGA_RENDER_FMT_TRANSFER))
		*why = "the Vulkan device cannot copy this format";
	return caps;
}

int render_format_class(VkFormat f)
{
	switch (f) {
	case VK_FORMAT_R32G32B32A32_UINT: case VK_FORMAT_R32G32B32A32_SINT:
	case VK_FORMAT_R32G32B32_UINT: case VK_FORMAT_R32G32B32_SINT:
	case VK_FORMAT_R16G16B16A16_UINT: case VK_FORMAT_R16G16B16A16_SINT:
	case VK_FORMAT_R32G32_UINT: case VK_FORMAT_R32G32_SINT:
	case VK_FORMAT_A2B10G10R10_UINT_PACK32:
	case VK_FORMAT_R8G8B8A8_UINT: case VK_FORMAT_R8G8B8A8_SINT:
	case VK_FORMAT_R16G16_UINT: case VK_FORMAT_R16G16_SINT:
	case VK_FORMAT_R32_UINT: case VK_FORMAT_R32_SINT:
	case VK_FORMAT_R8G8_UINT: case VK_FORMAT_R8G8_SINT:
	case VK_FORMAT_R16_UINT: case VK_FORMAT_R16_SINT:
	case VK_FORMAT_R8_UINT: case VK_FORMAT_R8_SINT:
	case VK_FORMAT_S8_UINT:
		return RENDER_CLASS_INT;
	default:
		return RENDER_CLASS_FLOAT;
	}
}

bool svga_render_format_can_be_depth(const struct svga_render *r,
				     uint32_t svga_format)
{
	const struct render_format *f = render_format_get(svga_format);
	VkFormatProperties p;

	if (!f || f->vk == VK_FORMAT_UNDEFINED)
		return false;
	vkGetPhysicalDeviceFormatProperties(r->phys, f->vk_ds !=
					    VK_FORMAT_UNDEFINED ? f->vk_ds :
					    f->vk, &p);
	return p.optimalTilingFeatures &
	       VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT;
}

/* Whether an optimal-tiling image of f can have this type and samples. */
static bool image_ok(const struct svga_render *r, VkFormat f,
		     VkImageType type, VkImageUsageFlags usage,
		     VkSampleCountFlagBits samples)
{
	VkImageFormatProperties p;

	if (vkGetPhysicalDeviceImageFormatProperties(r->phys, f, type,
						     VK_IMAGE_TILING_OPTIMAL,
						     usage, 0, &p) != VK_SUCCESS)
		return false;
	return (p.sampleCounts & samples) && p.maxMipLevels > 1 &&
	       p.maxArrayLayers > 1;
}

uint32_t svga_render_dxfmt_caps(const struct svga_render *r,
				uint32_t svga_format)
{
	const struct render_format *f = render_format_get(svga_format);
	uint32_t caps = svga_render_format_caps(r, svga_format, NULL);
	VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
				  VK_IMAGE_USAGE_TRANSFER_DST_BIT;
	uint32_t dx = 0;

	if (!(caps & SVGA_RENDER_FMT_TRANSFER))
		return 0;
	dx |= SVGA3D_DXFMT_SUPPORTED;
	if (caps & SVGA_RENDER_FMT_SAMPLE) {
		dx |= SVGA3D_DXFMT_SHADER_SAMPLE;
		usage |= VK_IMAGE_USAGE_SAMPLED_BIT;
	}
	if (caps & SVGA_RENDER_FMT_RENDER)
		dx |= SVGA3D_DXFMT_COLOR_RENDERTARGET;
	if (caps & SVGA_RENDER_FMT_BLEND)
		dx |= SVGA3D_DXFMT_BLENDABLE;
	if (caps & SVGA_RENDER_FMT_DEPTH)
		dx |= SVGA3D_DXFMT_DEPTH_RENDERTARGET;
	if (caps & SVGA_RENDER_FMT_VERTEX)
		dx |= SVGA3D_DXFMT_DX_VERTEX_BUFFER;
	if (image_ok(r, f->vk, VK_IMAGE_TYPE_2D, usage, VK_SAMPLE_COUNT_1_BIT))
		dx |= SVGA3D_DXFMT_MIPS | SVGA3D_DXFMT_ARRAY;
	/* depth formats have no 3D images in Vulkan */
	if (render_format_aspects(f->vk) == VK_IMAGE_ASPECT_COLOR_BIT &&
	    vkGetPhysicalDeviceImageFormatProperties(r->phys, f->vk,
		VK_IMAGE_TYPE_3D, VK_IMAGE_TILING_OPTIMAL, usage, 0,
		&(VkImageFormatProperties){ 0 }) == VK_SUCCESS)
		dx |= SVGA3D_DXFMT_VOLUME;
	if ((caps & (SVGA_RENDER_FMT_RENDER | SVGA_RENDER_FMT_DEPTH)) &&
	    image_ok(r, f->vk, VK_IMAGE_TYPE_2D,
		     usage | ((caps & SVGA_RENDER_FMT_DEPTH) ?
			      VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT :
			      VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT),
		     VK_SAMPLE_COUNT_4_BIT))
		dx |= SVGA3D_DXFMT_MULTISAMPLE;
	return dx;
}
