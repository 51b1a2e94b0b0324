// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: DX_CLEAR_RENDERTARGET_VIEW and
 * DX_CLEAR_DEPTHSTENCIL_VIEW on the GPU copy (svga_storage_ops.clear).
 *
 * Taken when the surface has a GPU image, or is bound as a render or
 * depth-stencil target (the GPU will draw on it next): the view's
 * subresources are cleared on the GPU and only their host storage becomes
 * stale.  A clear that replaces whole subresources (colour; depth and
 * stencil both, or depth of a format without stencil) needs nothing
 * uploaded first; a clear of one aspect of a depth-stencil format keeps
 * the other, so those subresources are brought up to date first.
 * What this glue cannot express on the image (a view format that reads
 * the image's bytes differently, part of a 3D mip, buffers) is left to
 * the core's CPU clear, which the newest-copy rule keeps correct.
 */
#include "backend_int.h"

#include <string.h>

/* D3D's float -> integer conversion of clear values: NaN is 0, clamped. */
static uint32_t to_uint(float f)
{
	if (!(f > 0.0f))
		return 0;
	return f >= 4294967295.0f ? UINT32_MAX : (uint32_t)f;
}

static int32_t to_sint(float f)
{
	if (f != f)
		return 0;
	if (f <= -2147483648.0f)
		return INT32_MIN;
	return f >= 2147483647.0f ? INT32_MAX : (int32_t)f;
}

/* The clear colour as the image's Vulkan format takes it; false when the
 * view reads the image's bytes in a way a plain clear cannot express. */
static bool color_value(const struct svga_surface *s, const struct svga_view *v,
			const float rgba[4], union svga_render_color *out)
{
	const struct svga_format_info *vf = svga_format_get(v->format);
	uint8_t px[16];

	if (!vf)
		return false;
	if (v->format == s->format) {
		switch (backend_format_class(v->format)) {
		case SVGA_SHADER_CLASS_UINT:
			for (int i = 0; i < 4; i++)
				out->u[i] = to_uint(rgba[i]);
			break;
		case SVGA_SHADER_CLASS_SINT:
			for (int i = 0; i < 4; i++)
				out->i[i] = to_sint(rgba[i]);
			break;
		default:
			memcpy(out->f, rgba, sizeof(out->f));
			/* as the CPU clear stores an X channel */
			if (vf->clear == SVGA_CLEAR_BGRX8)
				out->f[3] = 1.0f;
			break;
		}
		return true;
	}
	/* Typeless surfaces (Mesa's sRGB textures) with a typed view: the
	 * texel encoded as the view reads it, cleared as the image's own
	 * format's value of the same bytes (render_format.c's mapping). */
	switch (s->format) {
	case SVGA3D_R8G8B8A8_TYPELESS:            /* R8G8B8A8_UINT */
		if (vf->clear != SVGA_CLEAR_RGBA8 &&
		    vf->clear != SVGA_CLEAR_RGBA8_SRGB)
			return false;
		svga_pixel_encode(vf->clear, rgba, px);
		for (int i = 0; i < 4; i++)
			out->u[i] = px[i];
		return true;
	case SVGA3D_B8G8R8A8_TYPELESS:            /* B8G8R8A8_UNORM */
	case SVGA3D_B8G8R8X8_TYPELESS:
		if (vf->clear != SVGA_CLEAR_BGRA8 &&
		    vf->clear != SVGA_CLEAR_BGRX8 &&
		    vf->clear != SVGA_CLEAR_BGRA8_SRGB)
			return false;
		svga_pixel_encode(vf->clear, rgba, px);
		/* bytes B, G, R, A; k / 255 converts back to k exactly */
		out->f[0] = px[2] / 255.0f;
		out->f[1] = px[1] / 255.0f;
		out->f[2] = px[0] / 255.0f;
		out->f[3] = px[3] / 255.0f;
		return true;
	default:
		return false;
	}
}

/* The view's subresources (r) and the renderer's view of them (rv);
 * false when the renderer cannot clear them as one range. */
static bool view_range(const struct svga_surface *s, const struct svga_view *v,
		       struct svga_subres *r, struct svga_render_view *rv)
{
	uint32_t mip = v->a, first = v->b, count = v->c;

	if (mip >= s->layout.num_mips)
		return false;
	if (v->dim == SVGA3D_RESOURCE_TEXTURE3D) {
		uint32_t d = s->layout.mip[mip].d;

		/* the renderer clears whole 3D mips only */
		if (first != 0 || (count != 0 && count < d))
			return false;
		*r = (struct svga_subres){ mip, 1, 0, 1, 0, 0 };
		*rv = (struct svga_render_view){ mip, 0, d };
		return true;
	}
	if (first >= s->layout.num_layers)
		return false;
	if (count == 0 || count > s->layout.num_layers - first)
		count = s->layout.num_layers - first;
	*r = (struct svga_subres){ mip, 1, first, count, 0, 0 };
	*rv = (struct svga_render_view){ mip, first, count };
	return true;
}

static bool has_stencil(uint32_t view_format)
{
	return view_format == SVGA3D_D24_UNORM_S8_UINT ||
	       view_format == SVGA3D_D32_FLOAT_S8X24_UINT;
}

int backend_clear(void *opaque, struct svga_surface *s,
		  const struct svga_view *v, const struct svga_clear_req *c)
{
	struct svga_backend *b = opaque;
	const struct svga_subres none = { 0, 0, 0, 0, 0, 0 };
	struct svga_render_image *img;
	struct svga_render_view rv;
	union svga_render_color col;
	struct svga_subres r;
	uint32_t flags = 0, all;
	bool whole = true;
	float depth = c->depth;
	int rc;

	/* a multisampled surface is cleared here or not at all (the CPU
	 * clear refuses it: host storage holds no samples) */
	if (s->format == SVGA3D_BUFFER || v->dim == SVGA3D_RESOURCE_BUFFER)
		return 0;
	if (!backend_surface_has_image(s) &&
	    (!(s->flags & (SVGA3D_SURFACE_BIND_RENDER_TARGET |
			   SVGA3D_SURFACE_BIND_DEPTH_STENCIL)) ||
	     !(svga_render_format_caps(b->r, s->format, NULL) &
	       SVGA_RENDER_FMT_TRANSFER)))
		return 0;          /* not a GPU surface: the CPU clear */
	if (!view_range(s, v, &r, &rv))
		return 0;
	if (c->depth_stencil) {
		all = SVGA_RENDER_CLEAR_DEPTH |
		      (has_stencil(v->format) ? SVGA_RENDER_CLEAR_STENCIL : 0);
		if (c->flags & SVGA3D_CLEAR_DEPTH)
			flags |= SVGA_RENDER_CLEAR_DEPTH;
		if (c->flags & SVGA3D_CLEAR_STENCIL)
			flags |= SVGA_RENDER_CLEAR_STENCIL;
		flags &= all;
		if (!flags)
			return 1;          /* nothing of this view to clear */
		whole = flags == all;
		/* as the CPU clear stores it (NaN: 0) */
		if (!(depth >= 0.0f))
			depth = 0.0f;
		else if (depth > 1.0f)
			depth = 1.0f;
	} else if (!color_value(s, v, c->rgba, &col)) {
		return 0;
	}
	if (backend_surface_image_prepare(b, s, whole ? &none : &r, &img))
		return SVGA_ERR;
	rc = c->depth_stencil ?
	     svga_render_clear_depth_stencil(b->r, img, &rv, NULL, flags,
					     depth, c->stencil) :
	     svga_render_clear_color(b->r, img, &rv, NULL, &col);
	if (rc) {
		svga_trace(b->log, "surface %u: clear on the GPU refused (%s): "
			   "cleared on host storage", s->sid,
			   svga_render_last_error(b->r));
		return 0;
	}
	backend_surface_gpu_wrote_range(b, s, &r);
	b->gpu_clears++;
	return 1;
}
