// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: the devcaps of a device that renders.
 *
 * The core's table (objects/svga_format.c) says what the core implements
 * on host storage and validates.  Once a renderer is attached, a format
 * or limit is advertised only when the Vulkan device can back it too:
 * each SVGA3D_DEVCAP_DXFMT_* value is the core's value narrowed to
 * svga_render_dxfmt_caps() (on lavapipe 22.3.6 that removes 16 claims:
 * SNORM blending, sRGB vertex data, A8 render targets, depth volumes),
 * each SURFACEFMT value loses the operations whose DX flag went, and the
 * MAX_* limits are clamped to the device's.  Multisampling: 4 samples
 * only (DEVCAP_MULTISAMPLE_4X; 2X and 8X stay 0: lavapipe has 1 and 4,
 * and 8X is SM5's), advertised when the Vulkan device has 4-sample color
 * and depth targets, and each format's DXFMT_MULTISAMPLE bit only where
 * the format renders (or is a depth target) with 4 samples there
 * (render_format.c), on top of what the core supports of the format.
 * DX_PROVOKING_VERTEX is 1: the renderer honours the rasterizer's
 * last-vertex bit (the core alone, which draws nothing, says 0).
 * Installed at attach, before the guest's first register access
 * (svga_dev_set_devcaps refuses later).
 */
#include "backend_int.h"

#include <stdio.h>
#include <string.h>

#define MS_DXFMT_BITS (SVGA3D_DXFMT_MULTISAMPLE)

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* The core's DXFMT value of one format, narrowed to the renderer's. */
static uint32_t narrow_dxfmt(struct svga_backend *b, uint32_t format,
			     uint32_t core, bool ms4)
{
	uint32_t can, ms;

	/* buffers are VkBuffers: the renderer requires vertex, index,
	 * constant and stream-output use of them at creation */
	if (format == SVGA3D_BUFFER)
		return core & ~MS_DXFMT_BITS;
	can = svga_render_dxfmt_caps(b->r, format);
	if (!(can & SVGA3D_DXFMT_SUPPORTED))
		return 0;
	/* the core's table has no MULTISAMPLE bit (host storage holds no
	 * samples): the renderer's decides (its Vulkan format renders, or
	 * is a depth target, with 4 samples).  Typeless formats count too:
	 * Mesa checks a depth texture's typed format (D24_UNORM_S8_UINT)
	 * and defines the surface typeless (R24G8_TYPELESS). */
	ms = ms4 && (core & SVGA3D_DXFMT_SUPPORTED) ? can & MS_DXFMT_BITS : 0;
	return (core & can & ~MS_DXFMT_BITS) | ms;
}

/* The pre-DX operations of a format, narrowed to what its DX value kept. */
static uint32_t narrow_surfacefmt(uint32_t ops, uint32_t dx)
{
	if (!(dx & SVGA3D_DXFMT_SUPPORTED))
		return 0;
	if (!(dx & SVGA3D_DXFMT_SHADER_SAMPLE))
		ops &= ~(SVGA3DFORMAT_OP_TEXTURE | SVGA3DFORMAT_OP_CUBETEXTURE |
			 SVGA3DFORMAT_OP_VOLUMETEXTURE);
	if (!(dx & SVGA3D_DXFMT_VOLUME))
		ops &= ~SVGA3DFORMAT_OP_VOLUMETEXTURE;
	if (!(dx & SVGA3D_DXFMT_COLOR_RENDERTARGET))
		ops &= ~(SVGA3DFORMAT_OP_OFFSCREEN_RENDERTARGET |
			 SVGA3DFORMAT_OP_SAME_FORMAT_RENDERTARGET);
	if (!(dx & SVGA3D_DXFMT_DEPTH_RENDERTARGET))
		ops &= ~(SVGA3DFORMAT_OP_ZSTENCIL |
			 SVGA3DFORMAT_OP_ZSTENCIL_WITH_ARBITRARY_COLOR_DEPTH);
	return ops;
}

/* 4-sample color and depth targets (sample_counts bit 2) */
static bool renderer_has_4x(const struct svga_render_limits *l)
{
	return (l->sample_counts & 4u) != 0;
}

static void clamp_limits(uint32_t *caps, const struct svga_render_limits *l)
{
	static const uint32_t size_caps[] = {
		SVGA3D_DEVCAP_MAX_TEXTURE_WIDTH,
		SVGA3D_DEVCAP_MAX_TEXTURE_HEIGHT,
		SVGA3D_DEVCAP_MAX_TEXTURE_REPEAT,
		SVGA3D_DEVCAP_MAX_TEXTURE_ASPECT_RATIO,
	};
	static const uint32_t ms_caps[] = {
		SVGA3D_DEVCAP_MULTISAMPLE_2X, SVGA3D_DEVCAP_MULTISAMPLE_4X,
		SVGA3D_DEVCAP_MULTISAMPLE_8X, SVGA3D_DEVCAP_MS_FULL_QUALITY,
		SVGA3D_DEVCAP_MAX_FORCED_SAMPLE_COUNT,
		SVGA3D_DEVCAP_DEAD4, SVGA3D_DEVCAP_DEAD5,
	};
	float pt;

	for (unsigned i = 0; i < sizeof(size_caps) / sizeof(size_caps[0]); i++)
		caps[size_caps[i]] = min_u32(caps[size_caps[i]],
					     l->max_image_2d);
	caps[SVGA3D_DEVCAP_MAX_VOLUME_EXTENT] =
		min_u32(caps[SVGA3D_DEVCAP_MAX_VOLUME_EXTENT], l->max_image_3d);
	caps[SVGA3D_DEVCAP_MAX_RENDER_TARGETS] =
		min_u32(caps[SVGA3D_DEVCAP_MAX_RENDER_TARGETS],
			l->max_color_targets);
	caps[SVGA3D_DEVCAP_MAX_SIMULTANEOUS_RENDER_TARGETS] =
		min_u32(caps[SVGA3D_DEVCAP_MAX_SIMULTANEOUS_RENDER_TARGETS],
			l->max_color_targets);
	caps[SVGA3D_DEVCAP_MAX_TEXTURE_ANISOTROPY] =
		min_u32(caps[SVGA3D_DEVCAP_MAX_TEXTURE_ANISOTROPY],
			l->max_anisotropy);
	caps[SVGA3D_DEVCAP_DX_MAX_VERTEXBUFFERS] =
		min_u32(caps[SVGA3D_DEVCAP_DX_MAX_VERTEXBUFFERS],
			l->max_vertex_buffers);
	caps[SVGA3D_DEVCAP_DX_MAX_CONSTANT_BUFFERS] =
		min_u32(caps[SVGA3D_DEVCAP_DX_MAX_CONSTANT_BUFFERS],
			l->max_constant_buffers);
	memcpy(&pt, &caps[SVGA3D_DEVCAP_MAX_POINT_SIZE], sizeof(pt));
	if (l->max_point_size < pt)
		memcpy(&caps[SVGA3D_DEVCAP_MAX_POINT_SIZE], &l->max_point_size,
		       sizeof(pt));
	for (unsigned i = 0; i < sizeof(ms_caps) / sizeof(ms_caps[0]); i++)
		caps[ms_caps[i]] = 0;
	caps[SVGA3D_DEVCAP_MULTISAMPLE_4X] = renderer_has_4x(l);
}

int backend_devcaps_install(struct svga_backend *b, char *err, size_t errlen)
{
	uint32_t caps[SVGA_NUM_DEVCAPS];
	struct svga_render_limits l;

	svga_devcaps_init(caps, &b->dev->cfg);
	svga_render_get_limits(b->r, &l);
	for (unsigned i = 0; i < svga_format_count(); i++) {
		const struct svga_format_info *f = svga_format_at(i);
		uint32_t dxcap = svga_format_dxfmt_devcap(f->format);

		if (dxcap == ~0u)
			continue;
		caps[dxcap] = narrow_dxfmt(b, f->format, caps[dxcap],
					   renderer_has_4x(&l));
		if (f->devcap != dxcap && f->devcap < SVGA_NUM_DEVCAPS)
			caps[f->devcap] = narrow_surfacefmt(caps[f->devcap],
							    caps[dxcap]);
	}
	clamp_limits(caps, &l);
	/* The renderer draws with the rasterizer's provokingVertexLast
	 * (VK_EXT_provoking_vertex's last-vertex mode is a required
	 * feature, render_device.c).  Without this bit Mesa always sends
	 * first-vertex rasterizers and reorders indices instead, which
	 * cannot reach primitives a geometry shader makes (piglit's
	 * gl-3.2-adj-prims pv-last). */
	caps[SVGA3D_DEVCAP_DX_PROVOKING_VERTEX] = 1;
	if (svga_dev_set_devcaps(b->dev, caps, l.max_array_layers)) {
		snprintf(err, errlen, "the renderer must be attached before "
			 "the guest's first register access (devcaps are "
			 "read once, at probe)");
		return -1;
	}
	return 0;
}
