// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: advertised surface formats, device
 * capabilities and the surface memory layout.
 *
 * The layout is the one vmwgfx assumes for a surface's backing MOB
 * (vmw_surface_cache.h): for each layer (array slice or cube face) a full
 * mip chain; each mip image is tightly packed in blocks, rows of blocks,
 * then slices.  Host storage uses exactly the same layout, so a byte offset
 * means the same thing on both sides.
 */
#include "svga_objects.h"

#include <string.h>

#define TEX_FLAGS (SVGA3D_DXFMT_SUPPORTED | SVGA3D_DXFMT_SHADER_SAMPLE | \
		   SVGA3D_DXFMT_MIPS | SVGA3D_DXFMT_ARRAY |                 \
		   SVGA3D_DXFMT_VOLUME)
#define RT_FLAGS (TEX_FLAGS | SVGA3D_DXFMT_COLOR_RENDERTARGET |          \
		  SVGA3D_DXFMT_BLENDABLE | SVGA3D_DXFMT_DX_VERTEX_BUFFER)
#define RTI_FLAGS (TEX_FLAGS | SVGA3D_DXFMT_COLOR_RENDERTARGET |         \
		   SVGA3D_DXFMT_DX_VERTEX_BUFFER)
#define TL_FLAGS (SVGA3D_DXFMT_SUPPORTED | SVGA3D_DXFMT_MIPS |            \
		  SVGA3D_DXFMT_ARRAY | SVGA3D_DXFMT_VOLUME)
#define BC_FLAGS (SVGA3D_DXFMT_SUPPORTED | SVGA3D_DXFMT_SHADER_SAMPLE |  \
		  SVGA3D_DXFMT_MIPS | SVGA3D_DXFMT_ARRAY)
#define DS_FLAGS (SVGA3D_DXFMT_SUPPORTED | SVGA3D_DXFMT_DEPTH_RENDERTARGET | \
		  SVGA3D_DXFMT_SHADER_SAMPLE | SVGA3D_DXFMT_MIPS |          \
		  SVGA3D_DXFMT_ARRAY)

#define OP_COLOR (SVGA3DFORMAT_OP_TEXTURE | SVGA3DFORMAT_OP_CUBETEXTURE |  \
		  SVGA3DFORMAT_OP_VOLUMETEXTURE |                           \
		  SVGA3DFORMAT_OP_OFFSCREEN_RENDERTARGET |                  \
		  SVGA3DFORMAT_OP_SAME_FORMAT_RENDERTARGET |                \
		  SVGA3DFORMAT_OP_DISPLAYMODE)
#define OP_DEPTH (SVGA3DFORMAT_OP_ZSTENCIL |                               \
		  SVGA3DFORMAT_OP_ZSTENCIL_WITH_ARBITRARY_COLOR_DEPTH |     \
		  SVGA3DFORMAT_OP_TEXTURE)
#define OP_BC (SVGA3DFORMAT_OP_TEXTURE | SVGA3DFORMAT_OP_CUBETEXTURE |     \
	       SVGA3DFORMAT_OP_VOLUMETEXTURE)

/* DX format with its SVGA3D_DEVCAP_DXFMT_<name> capability. */
#define DXF(n, bw, bh, bpb, fl, clr, dep)                                  \
	{ SVGA3D_##n, #n, bw, bh, 1, bpb, SVGA3D_DEVCAP_DXFMT_##n, fl, clr, dep }
/* Pre-DX format with its SVGA3D_DEVCAP_SURFACEFMT_<cap> capability. */
#define LGF(n, cap, bw, bh, bpb, op, clr, dep)                              \
	{ SVGA3D_##n, #n, bw, bh, 1, bpb, SVGA3D_DEVCAP_SURFACEFMT_##cap, op, \
	  clr, dep }

static const struct svga_format_info formats[] = {
	/* pre-DX formats vmwgfx uses for screen targets and cursors */
	LGF(X8R8G8B8, X8R8G8B8, 1, 1, 4, OP_COLOR, SVGA_CLEAR_BGRX8, 0),
	LGF(A8R8G8B8, A8R8G8B8, 1, 1, 4, OP_COLOR, SVGA_CLEAR_BGRA8, 0),
	LGF(R5G6B5, R5G6B5, 1, 1, 2, OP_COLOR, SVGA_CLEAR_B5G6R5, 0),
	LGF(X1R5G5B5, X1R5G5B5, 1, 1, 2, OP_COLOR, SVGA_CLEAR_NONE, 0),
	LGF(A1R5G5B5, A1R5G5B5, 1, 1, 2, OP_COLOR, SVGA_CLEAR_NONE, 0),
	LGF(Z_D16, Z_D16, 1, 1, 2, OP_DEPTH, SVGA_CLEAR_NONE, 1),
	LGF(Z_D24S8, Z_D24S8, 1, 1, 4, OP_DEPTH, SVGA_CLEAR_NONE, 1),
	LGF(DXT1, DXT1, 4, 4, 8, OP_BC, SVGA_CLEAR_NONE, 0),
	LGF(DXT3, DXT3, 4, 4, 16, OP_BC, SVGA_CLEAR_NONE, 0),
	LGF(DXT5, DXT5, 4, 4, 16, OP_BC, SVGA_CLEAR_NONE, 0),
	/* buffers */
	DXF(BUFFER, 1, 1, 1, SVGA3D_DXFMT_SUPPORTED |
	    SVGA3D_DXFMT_DX_VERTEX_BUFFER, SVGA_CLEAR_NONE, 0),
	/* 128 bit */
	DXF(R32G32B32A32_TYPELESS, 1, 1, 16, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32B32A32_FLOAT, 1, 1, 16, RT_FLAGS, SVGA_CLEAR_RGBA32F, 0),
	DXF(R32G32B32A32_UINT, 1, 1, 16, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32B32A32_SINT, 1, 1, 16, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	/* 64 bit */
	DXF(R16G16B16A16_TYPELESS, 1, 1, 8, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16B16A16_FLOAT, 1, 1, 8, RT_FLAGS, SVGA_CLEAR_RGBA16F, 0),
	DXF(R16G16B16A16_UNORM, 1, 1, 8, RT_FLAGS, SVGA_CLEAR_RGBA16_UNORM, 0),
	DXF(R16G16B16A16_UINT, 1, 1, 8, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16B16A16_SNORM, 1, 1, 8, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16B16A16_SINT, 1, 1, 8, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	/* 96 bit: sampled and vertex data only.  Mesa's svga driver takes
	 * every DX format as sampleable on a DX device, whatever its cap,
	 * so GL_RGB32F textures arrive here. */
	DXF(R32G32B32_TYPELESS, 1, 1, 12, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32B32_FLOAT, 1, 1, 12, TEX_FLAGS | SVGA3D_DXFMT_DX_VERTEX_BUFFER,
	    SVGA_CLEAR_NONE, 0),
	DXF(R32G32B32_UINT, 1, 1, 12, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32B32_SINT, 1, 1, 12, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32_TYPELESS, 1, 1, 8, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32_FLOAT, 1, 1, 8, RT_FLAGS, SVGA_CLEAR_RG32F, 0),
	DXF(R32G32_UINT, 1, 1, 8, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G32_SINT, 1, 1, 8, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32G8X24_TYPELESS, 1, 1, 8, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(D32_FLOAT_S8X24_UINT, 1, 1, 8, DS_FLAGS, SVGA_CLEAR_NONE, 1),
	/* the views that sample D32_FLOAT_S8X24_UINT's depth and stencil
	 * (Mesa's ARB_depth_buffer_float asks for the first) */
	DXF(R32_FLOAT_X8X24, 1, 1, 8, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(X32_G8X24_UINT, 1, 1, 8, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	/* 32 bit */
	DXF(R10G10B10A2_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R10G10B10A2_UNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_RGB10A2, 0),
	DXF(R10G10B10A2_UINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R11G11B10_FLOAT, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8B8A8_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8B8A8_UNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_RGBA8, 0),
	DXF(R8G8B8A8_UNORM_SRGB, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_RGBA8_SRGB, 0),
	DXF(R8G8B8A8_UINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8B8A8_SNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8B8A8_SINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(B8G8R8A8_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(B8G8R8A8_UNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_BGRA8, 0),
	DXF(B8G8R8A8_UNORM_SRGB, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_BGRA8_SRGB, 0),
	DXF(B8G8R8X8_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(B8G8R8X8_UNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_BGRX8, 0),
	DXF(B8G8R8X8_UNORM_SRGB, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16_FLOAT, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_RG16F, 0),
	DXF(R16G16_UNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16_UINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16_SNORM, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16G16_SINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32_FLOAT, 1, 1, 4, RT_FLAGS, SVGA_CLEAR_R32F, 0),
	DXF(R32_UINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R32_SINT, 1, 1, 4, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(D32_FLOAT, 1, 1, 4, DS_FLAGS, SVGA_CLEAR_NONE, 1),
	DXF(R24G8_TYPELESS, 1, 1, 4, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(D24_UNORM_S8_UINT, 1, 1, 4, DS_FLAGS, SVGA_CLEAR_NONE, 1),
	DXF(R24_UNORM_X8, 1, 1, 4, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(X24_G8_UINT, 1, 1, 4, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R9G9B9E5_SHAREDEXP, 1, 1, 4, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	/* 16 bit */
	DXF(R8G8_TYPELESS, 1, 1, 2, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8_UNORM, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_RG8, 0),
	DXF(R8G8_UINT, 1, 1, 2, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8_SNORM, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8G8_SINT, 1, 1, 2, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16_TYPELESS, 1, 1, 2, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16_FLOAT, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_R16F, 0),
	DXF(R16_UNORM, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_R16_UNORM, 0),
	DXF(R16_UINT, 1, 1, 2, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16_SNORM, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R16_SINT, 1, 1, 2, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(D16_UNORM, 1, 1, 2, DS_FLAGS, SVGA_CLEAR_NONE, 1),
	DXF(B5G6R5_UNORM, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_B5G6R5, 0),
	DXF(B5G5R5A1_UNORM, 1, 1, 2, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(A4R4G4B4, 1, 1, 2, TEX_FLAGS, SVGA_CLEAR_NONE, 0),
	/* 8 bit */
	DXF(R8_TYPELESS, 1, 1, 1, TL_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8_UNORM, 1, 1, 1, RT_FLAGS, SVGA_CLEAR_R8, 0),
	DXF(R8_UINT, 1, 1, 1, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8_SNORM, 1, 1, 1, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(R8_SINT, 1, 1, 1, RTI_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(A8_UNORM, 1, 1, 1, RT_FLAGS, SVGA_CLEAR_NONE, 0),
	/* block compressed */
	DXF(BC1_TYPELESS, 4, 4, 8, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC1_UNORM, 4, 4, 8, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC1_UNORM_SRGB, 4, 4, 8, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC2_TYPELESS, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC2_UNORM, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC2_UNORM_SRGB, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC3_TYPELESS, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC3_UNORM, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC3_UNORM_SRGB, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC4_TYPELESS, 4, 4, 8, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC4_UNORM, 4, 4, 8, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC4_SNORM, 4, 4, 8, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC5_TYPELESS, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC5_UNORM, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC5_SNORM, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC6H_TYPELESS, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC6H_UF16, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC6H_SF16, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC7_TYPELESS, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC7_UNORM, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
	DXF(BC7_UNORM_SRGB, 4, 4, 16, BC_FLAGS, SVGA_CLEAR_NONE, 0),
};

#define NUM_FORMATS (sizeof(formats) / sizeof(formats[0]))

const struct svga_format_info *svga_format_get(uint32_t format)
{
	for (unsigned i = 0; i < NUM_FORMATS; i++)
		if (formats[i].format == format)
			return &formats[i];
	return NULL;
}

unsigned svga_format_count(void)
{
	return NUM_FORMATS;
}

const struct svga_format_info *svga_format_at(unsigned i)
{
	return i < NUM_FORMATS ? &formats[i] : NULL;
}

/* The SVGA3D_DEVCAP_DXFMT_* value of the pre-DX formats (their table
 * entry carries the SURFACEFMT cap). */
static const struct {
	uint32_t format, devcap, value;
} legacy_dx[] = {
	{ SVGA3D_X8R8G8B8, SVGA3D_DEVCAP_DXFMT_X8R8G8B8, RT_FLAGS },
	{ SVGA3D_A8R8G8B8, SVGA3D_DEVCAP_DXFMT_A8R8G8B8, RT_FLAGS },
	{ SVGA3D_R5G6B5, SVGA3D_DEVCAP_DXFMT_R5G6B5, RT_FLAGS },
	{ SVGA3D_X1R5G5B5, SVGA3D_DEVCAP_DXFMT_X1R5G5B5, RT_FLAGS },
	{ SVGA3D_A1R5G5B5, SVGA3D_DEVCAP_DXFMT_A1R5G5B5, RT_FLAGS },
	{ SVGA3D_Z_D16, SVGA3D_DEVCAP_DXFMT_Z_D16, DS_FLAGS },
	{ SVGA3D_Z_D24S8, SVGA3D_DEVCAP_DXFMT_Z_D24S8, DS_FLAGS },
	{ SVGA3D_DXT1, SVGA3D_DEVCAP_DXFMT_DXT1, BC_FLAGS },
	{ SVGA3D_DXT3, SVGA3D_DEVCAP_DXFMT_DXT3, BC_FLAGS },
	{ SVGA3D_DXT5, SVGA3D_DEVCAP_DXFMT_DXT5, BC_FLAGS },
};
#define NUM_LEGACY_DX (sizeof(legacy_dx) / sizeof(legacy_dx[0]))

static uint32_t f2u(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

void svga_devcaps_init(uint32_t *caps, const struct svga_config *cfg)
{
	memset(caps, 0, sizeof(uint32_t) * SVGA_NUM_DEVCAPS);
	caps[SVGA3D_DEVCAP_3D] = 1;
	caps[SVGA3D_DEVCAP_MAX_LIGHTS] = 32;
	caps[SVGA3D_DEVCAP_MAX_TEXTURES] = 16;
	caps[SVGA3D_DEVCAP_MAX_CLIP_PLANES] = 6;
	caps[SVGA3D_DEVCAP_VERTEX_SHADER_VERSION] = 13; /* SVGA3DVSVERSION_30 */
	caps[SVGA3D_DEVCAP_VERTEX_SHADER] = 1;
	caps[SVGA3D_DEVCAP_FRAGMENT_SHADER_VERSION] = 13;
	caps[SVGA3D_DEVCAP_FRAGMENT_SHADER] = 1;
	caps[SVGA3D_DEVCAP_MAX_RENDER_TARGETS] = 8;
	caps[SVGA3D_DEVCAP_S23E8_TEXTURES] = 1;
	caps[SVGA3D_DEVCAP_S10E5_TEXTURES] = 1;
	caps[SVGA3D_DEVCAP_D16_BUFFER_FORMAT] = SVGA3D_Z_D16;
	caps[SVGA3D_DEVCAP_D24S8_BUFFER_FORMAT] = SVGA3D_Z_D24S8;
	caps[SVGA3D_DEVCAP_D24X8_BUFFER_FORMAT] = SVGA3D_Z_D24X8;
	caps[SVGA3D_DEVCAP_QUERY_TYPES] = 1;
	caps[SVGA3D_DEVCAP_TEXTURE_GRADIENT_SAMPLING] = 1;
	caps[SVGA3D_DEVCAP_MAX_POINT_SIZE] = f2u(64.0f);
	caps[SVGA3D_DEVCAP_MAX_SHADER_TEXTURES] = 16;
	caps[SVGA3D_DEVCAP_MAX_TEXTURE_WIDTH] = cfg->max_texture_size;
	caps[SVGA3D_DEVCAP_MAX_TEXTURE_HEIGHT] = cfg->max_texture_size;
	caps[SVGA3D_DEVCAP_MAX_VOLUME_EXTENT] = SVGA_MAX_VOLUME_EXTENT;
	caps[SVGA3D_DEVCAP_MAX_TEXTURE_REPEAT] = cfg->max_texture_size;
	caps[SVGA3D_DEVCAP_MAX_TEXTURE_ASPECT_RATIO] = cfg->max_texture_size;
	caps[SVGA3D_DEVCAP_MAX_TEXTURE_ANISOTROPY] = 16;
	caps[SVGA3D_DEVCAP_MAX_PRIMITIVE_COUNT] = 0xfffff;
	caps[SVGA3D_DEVCAP_MAX_VERTEX_INDEX] = 0xfffff;
	caps[SVGA3D_DEVCAP_MAX_VERTEX_SHADER_INSTRUCTIONS] = 512;
	caps[SVGA3D_DEVCAP_MAX_FRAGMENT_SHADER_INSTRUCTIONS] = 512;
	caps[SVGA3D_DEVCAP_MAX_VERTEX_SHADER_TEMPS] = 32;
	caps[SVGA3D_DEVCAP_MAX_FRAGMENT_SHADER_TEMPS] = 32;
	caps[SVGA3D_DEVCAP_MAX_VERTEX_SHADER_TEXTURES] = 4;
	caps[SVGA3D_DEVCAP_MAX_SIMULTANEOUS_RENDER_TARGETS] = 8;
	caps[SVGA3D_DEVCAP_MAX_CONTEXT_IDS] = 256;
	caps[SVGA3D_DEVCAP_MAX_SURFACE_IDS] = 32768;
	/* no renderer of ours draws antialiased lines (Mesa emulates them
	 * when this is 0) */
	caps[SVGA3D_DEVCAP_LINE_AA] = 0;
	caps[SVGA3D_DEVCAP_MAX_LINE_WIDTH] = f2u(1.0f);
	caps[SVGA3D_DEVCAP_MAX_AA_LINE_WIDTH] = f2u(1.0f);
	caps[SVGA3D_DEVCAP_DXCONTEXT] = 1;
	caps[SVGA3D_DEVCAP_DX_MAX_VERTEXBUFFERS] = SVGA3D_DX_MAX_VERTEXBUFFERS;
	/* the protocol's 16 slots; a renderer narrows this to what it
	 * backs (backend_caps.c; Mesa uses at most 15) */
	caps[SVGA3D_DEVCAP_DX_MAX_CONSTANT_BUFFERS] = SVGA3D_DX_MAX_CONSTBUFFERS;
	caps[SVGA3D_DEVCAP_DX_PROVOKING_VERTEX] = 0;
	caps[SVGA3D_DEVCAP_SM41] = 1;
	/* no multisampling on host storage (MULTISAMPLE_2X/4X/8X,
	 * MS_FULL_QUALITY, MAX_FORCED_SAMPLE_COUNT, the DEAD4/DEAD5 sample
	 * masks and every DXFMT MULTISAMPLE bit stay 0 here: only a renderer
	 * draws into samples, and backend_caps.c advertises 4x where its
	 * Vulkan device has it), no SM5 / GL43: not advertised */
	for (unsigned i = 0; i < NUM_FORMATS; i++) {
		const struct svga_format_info *f = &formats[i];

		if (f->devcap < SVGA_NUM_DEVCAPS)
			caps[f->devcap] = f->devcap_value;
	}
	/* pre-DX formats also have DX format caps vmwgfx/Mesa look at */
	for (unsigned i = 0; i < NUM_LEGACY_DX; i++)
		caps[legacy_dx[i].devcap] = legacy_dx[i].value;
}

uint32_t svga_format_dxfmt_devcap(uint32_t format)
{
	const struct svga_format_info *f = svga_format_get(format);

	for (unsigned i = 0; i < NUM_LEGACY_DX; i++)
		if (legacy_dx[i].format == format)
			return legacy_dx[i].devcap;
	if (f && f->devcap >= SVGA3D_DEVCAP_DXFMT_X8R8G8B8 &&
	    f->devcap < SVGA_NUM_DEVCAPS)
		return f->devcap;
	return ~0u;
}

void svga_limits_from_devcaps(struct svga_limits *l, const uint32_t *caps,
			      uint32_t max_array_layers)
{
	l->max_texture_size = caps[SVGA3D_DEVCAP_MAX_TEXTURE_WIDTH];
	if (caps[SVGA3D_DEVCAP_MAX_TEXTURE_HEIGHT] < l->max_texture_size)
		l->max_texture_size = caps[SVGA3D_DEVCAP_MAX_TEXTURE_HEIGHT];
	l->max_volume_extent = caps[SVGA3D_DEVCAP_MAX_VOLUME_EXTENT];
	l->devcaps = caps;
	l->max_array_layers = max_array_layers < SVGA3D_MAX_SURFACE_ARRAYSIZE ?
			      max_array_layers : SVGA3D_MAX_SURFACE_ARRAYSIZE;
}

static uint32_t div_up(uint32_t a, uint32_t b)
{
	return a / b + (a % b != 0);
}

int svga_layout_compute(struct svga_layout *l, uint32_t format, uint32_t w,
			uint32_t h, uint32_t d, uint32_t num_mips,
			uint32_t num_layers)
{
	const struct svga_format_info *f = svga_format_get(format);
	uint32_t maxdim;
	uint32_t full_chain = 1;

	memset(l, 0, sizeof(*l));
	if (!f || w == 0 || h == 0 || d == 0 || num_layers == 0 ||
	    num_mips == 0 || num_mips > SVGA_MAX_MIPS)
		return SVGA_ERR;
	maxdim = w > h ? w : h;
	maxdim = maxdim > d ? maxdim : d;
	while (maxdim > 1) {
		maxdim >>= 1;
		full_chain++;
	}
	if (num_mips > full_chain)
		return SVGA_ERR;
	l->fmt = f;
	l->num_mips = num_mips;
	l->num_layers = num_layers;
	for (uint32_t i = 0; i < num_mips; i++) {
		struct svga_mip_layout *m = &l->mip[i];

		m->w = w >> i ? w >> i : 1;
		m->h = h >> i ? h >> i : 1;
		m->d = d >> i ? d >> i : 1;
		m->bw = div_up(m->w, f->block_w);
		m->bh = div_up(m->h, f->block_h);
		m->bd = div_up(m->d, f->block_d);
		/* each factor < 2^32, so no product of two overflows */
		m->row_stride = (uint64_t)m->bw * f->bytes_per_block;
		m->img_stride = m->row_stride * m->bh;
		if (svga_mul_ovf(m->img_stride, m->bd, &m->bytes))
			return SVGA_ERR;
		m->offset = l->mip_chain_bytes;
		if (svga_add_ovf(l->mip_chain_bytes, m->bytes,
				 &l->mip_chain_bytes))
			return SVGA_ERR;
	}
	if (svga_mul_ovf(l->mip_chain_bytes, num_layers, &l->total_bytes))
		return SVGA_ERR;
	/* vmwgfx computes backing sizes in 32 bits */
	if (l->total_bytes > UINT32_MAX)
		return SVGA_ERR;
	return SVGA_OK;
}
