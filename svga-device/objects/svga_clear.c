// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: clears of render-target and
 * depth-stencil views.  A renderer may take a clear (svga_storage_ops.
 * clear: its GPU copy is cleared, host storage of the view's subresources
 * becomes stale); otherwise, and without a renderer, it runs here on host
 * storage, after the renderer brought those subresources up to date.
 */
#include "svga_objects.h"

#include <math.h>
#include <string.h>

static float clampf(float v, float lo, float hi)
{
	if (!(v >= lo)) /* also catches NaN */
		return lo;
	return v > hi ? hi : v;
}

static uint32_t unorm(float v, unsigned bits)
{
	uint32_t max = (1u << bits) - 1;

	/* in double: 1.0 * 16777215 + 0.5 rounds to 2^24 in float, which
	 * overflowed a D24 depth of 1.0 into the stencil byte */
	return (uint32_t)((double)clampf(v, 0.0f, 1.0f) * max + 0.5);
}

static float to_srgb(float v)
{
	v = clampf(v, 0.0f, 1.0f);
	if (v <= 0.0031308f)
		return v * 12.92f;
	return 1.055f * powf(v, 1.0f / 2.4f) - 0.055f;
}

/* IEEE 754 binary32 -> binary16, round to nearest even. */
static uint16_t to_half(float f)
{
	uint32_t x, sign, exp, mant;

	memcpy(&x, &f, 4);
	sign = (x >> 16) & 0x8000;
	exp = (x >> 23) & 0xff;
	mant = x & 0x7fffff;
	if (exp == 0xff)
		return (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
	if (exp > 142) /* >= 2^16: overflow to infinity */
		return (uint16_t)(sign | 0x7c00);
	if (exp < 113) { /* subnormal or zero in half */
		uint32_t shift;
		uint32_t m, r;

		if (exp < 102)
			return (uint16_t)sign;
		m = mant | 0x800000;
		shift = 126 - exp; /* 14 .. 24 */
		r = m >> shift;
		if ((m & ((1u << shift) - 1)) > (1u << (shift - 1)) ||
		    ((m & ((1u << shift) - 1)) == (1u << (shift - 1)) &&
		     (r & 1)))
			r++;
		return (uint16_t)(sign | r);
	}
	{
		uint32_t h = ((exp - 112) << 10) | (mant >> 13);
		uint32_t rem = mant & 0x1fff;

		if (rem > 0x1000 || (rem == 0x1000 && (h & 1)))
			h++; /* may carry into the exponent: still correct */
		return (uint16_t)(sign | h);
	}
}

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/* Encode rgba into px; returns the number of bytes, 0 if unsupported.
 * Shared with GENMIPS (svga_genmips.c), which decodes the same kinds. */
unsigned svga_pixel_encode(unsigned kind, const float c[4], uint8_t *px)
{
	switch (kind) {
	case SVGA_CLEAR_RGBA8:
		for (int i = 0; i < 4; i++)
			px[i] = (uint8_t)unorm(c[i], 8);
		return 4;
	case SVGA_CLEAR_RGBA8_SRGB:
		for (int i = 0; i < 3; i++)
			px[i] = (uint8_t)unorm(to_srgb(c[i]), 8);
		px[3] = (uint8_t)unorm(c[3], 8);
		return 4;
	case SVGA_CLEAR_BGRA8:
	case SVGA_CLEAR_BGRX8:
		px[0] = (uint8_t)unorm(c[2], 8);
		px[1] = (uint8_t)unorm(c[1], 8);
		px[2] = (uint8_t)unorm(c[0], 8);
		px[3] = kind == SVGA_CLEAR_BGRX8 ? 0xff :
			(uint8_t)unorm(c[3], 8);
		return 4;
	case SVGA_CLEAR_BGRA8_SRGB:
		px[0] = (uint8_t)unorm(to_srgb(c[2]), 8);
		px[1] = (uint8_t)unorm(to_srgb(c[1]), 8);
		px[2] = (uint8_t)unorm(to_srgb(c[0]), 8);
		px[3] = (uint8_t)unorm(c[3], 8);
		return 4;
	case SVGA_CLEAR_R8:
		px[0] = (uint8_t)unorm(c[0], 8);
		return 1;
	case SVGA_CLEAR_RG8:
		px[0] = (uint8_t)unorm(c[0], 8);
		px[1] = (uint8_t)unorm(c[1], 8);
		return 2;
	case SVGA_CLEAR_R16F:
		put16(px, to_half(c[0]));
		return 2;
	case SVGA_CLEAR_RG16F:
		put16(px, to_half(c[0]));
		put16(px + 2, to_half(c[1]));
		return 4;
	case SVGA_CLEAR_RGBA16F:
		for (int i = 0; i < 4; i++)
			put16(px + 2 * i, to_half(c[i]));
		return 8;
	case SVGA_CLEAR_R32F:
		memcpy(px, c, 4);
		return 4;
	case SVGA_CLEAR_RG32F:
		memcpy(px, c, 8);
		return 8;
	case SVGA_CLEAR_RGBA32F:
		memcpy(px, c, 16);
		return 16;
	case SVGA_CLEAR_RGBA16_UNORM:
		for (int i = 0; i < 4; i++)
			put16(px + 2 * i, (uint16_t)unorm(c[i], 16));
		return 8;
	case SVGA_CLEAR_R16_UNORM:
		put16(px, (uint16_t)unorm(c[0], 16));
		return 2;
	case SVGA_CLEAR_RGB10A2:
		put32(px, unorm(c[0], 10) | unorm(c[1], 10) << 10 |
			  unorm(c[2], 10) << 20 | unorm(c[3], 2) << 30);
		return 4;
	case SVGA_CLEAR_B5G6R5:
		put16(px, (uint16_t)(unorm(c[2], 5) | unorm(c[1], 6) << 5 |
				     unorm(c[0], 5) << 11));
		return 2;
	default:
		return 0;
	}
}

/* Write px over n texels of bpp bytes; only the bits set in mask. */
static void fill(uint8_t *dst, uint64_t n, const uint8_t *px,
		 const uint8_t *mask, unsigned bpp)
{
	for (uint64_t i = 0; i < n; i++) {
		uint8_t *t = dst + i * bpp;

		for (unsigned b = 0; b < bpp; b++)
			t[b] = (uint8_t)((t[b] & ~mask[b]) | (px[b] & mask[b]));
	}
}

/* The view's format, if it can address s texel by texel. */
static const struct svga_format_info *
clear_format(struct svga_objects *om, struct svga_surface *s,
	     const struct svga_view *v)
{
	const struct svga_format_info *vf = svga_format_get(v->format);

	if (!vf || vf->bytes_per_block != s->layout.fmt->bytes_per_block ||
	    vf->block_w != 1 || vf->block_h != 1) {
		svga_guest_error(om->log, "clear: view format %u not usable on "
				 "surface %u", v->format, s->sid);
		return NULL;
	}
	return vf;
}

/* Fill every texel of the subresources view v selects. */
static int fill_view(struct svga_surface *s, const struct svga_view *v,
		     const uint8_t *px, const uint8_t *mask, unsigned bpp)
{
	uint32_t mip, first, count;

	if (v->dim == SVGA3D_RESOURCE_BUFFER) {
		uint64_t off = (uint64_t)v->a * bpp;
		uint64_t n = v->b;

		if (off > s->layout.total_bytes ||
		    n > (s->layout.total_bytes - off) / bpp)
			return SVGA_ERR;
		fill(s->data + off, n, px, mask, bpp);
		return SVGA_OK;
	}
	mip = v->a;
	first = v->b;
	count = v->c;
	if (mip >= s->layout.num_mips)
		return SVGA_ERR;
	if (v->dim == SVGA3D_RESOURCE_TEXTURE3D) {
		const struct svga_mip_layout *m = &s->layout.mip[mip];

		if (first >= m->d)
			return SVGA_ERR;
		if (count == 0 || count > m->d - first)
			count = m->d - first;
		fill(s->data + m->offset + first * m->img_stride,
		     (uint64_t)count * m->w * m->h, px, mask, bpp);
		return SVGA_OK;
	}
	if (first >= s->layout.num_layers)
		return SVGA_ERR;
	if (count == 0 || count > s->layout.num_layers - first)
		count = s->layout.num_layers - first;
	for (uint32_t l = first; l < first + count; l++) {
		const struct svga_mip_layout *m = &s->layout.mip[mip];

		fill(s->data + (uint64_t)l * s->layout.mip_chain_bytes +
		     m->offset, (uint64_t)m->w * m->h * m->d, px, mask, bpp);
	}
	return SVGA_OK;
}

/* The subresources view v selects (NULL for a buffer view: the whole
 * buffer); false when it names none of s. */
static bool view_subres(const struct svga_surface *s, const struct svga_view *v,
			struct svga_subres *r, const struct svga_subres **out)
{
	uint32_t count = v->c;

	*out = NULL;
	if (v->dim == SVGA3D_RESOURCE_BUFFER)
		return true;
	if (v->a >= s->layout.num_mips)
		return false;
	if (v->dim == SVGA3D_RESOURCE_TEXTURE3D) {
		/* W slices of one mip: one subresource */
		*r = (struct svga_subres){ v->a, 1, 0, 1, 0, 0 };
	} else {
		if (v->b >= s->layout.num_layers)
			return false;
		if (count == 0 || count > s->layout.num_layers - v->b)
			count = s->layout.num_layers - v->b;
		*r = (struct svga_subres){ v->a, 1, v->b, count, 0, 0 };
	}
	*out = r;
	return true;
}

/* Before the CPU path: the renderer's turn, then host storage up to
 * date for the view's subresources.  1: done by the renderer. */
static int clear_prepare(struct svga_objects *om, struct svga_surface *s,
			 const struct svga_view *v,
			 const struct svga_clear_req *req)
{
	const struct svga_subres *rp;
	struct svga_subres r;
	int rc;

	if (!view_subres(s, v, &r, &rp)) {
		svga_guest_error(om->log, "clear: view outside surface %u",
				 s->sid);
		return SVGA_ERR;
	}
	if (om->storage_ops && om->storage_ops->clear) {
		rc = om->storage_ops->clear(om->storage_opaque, s, v, req);
		if (rc)
			return rc;
	}
	return svga_surface_access_range(om, s, SVGA_STORAGE_WRITE, rp);
}

int svga_surface_clear_view(struct svga_objects *om, struct svga_surface *s,
			    const struct svga_view *v, const float rgba[4])
{
	struct svga_clear_req req = {
		.rgba = { rgba[0], rgba[1], rgba[2], rgba[3] },
	};
	int rc;
	const struct svga_format_info *vf = clear_format(om, s, v);
	static const uint8_t all[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					 0xff, 0xff, 0xff, 0xff };
	uint8_t px[16];
	unsigned bpp;

	if (!vf)
		return SVGA_ERR;
	rc = clear_prepare(om, s, v, &req);
	if (rc)
		return rc > 0 ? SVGA_OK : SVGA_ERR;
	bpp = svga_pixel_encode(vf->clear, rgba, px);
	if (!bpp) {
		/* Valid request the device cannot render yet: not a guest
		 * error, but visible in the log. */
		svga_trace(om->log, "clear of format %s not implemented",
			   vf->name);
		return SVGA_OK;
	}
	if (fill_view(s, v, px, all, bpp)) {
		svga_guest_error(om->log, "clear: view outside surface %u",
				 s->sid);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

/*
 * Depth and stencil as the DX depth formats store them: D16 unorm; D24
 * unorm in bits 0-23 with stencil in 24-31; D32 float; D32 float with
 * stencil in the next byte.  Returns the texel size, 0 if not a DX depth
 * format.  Only the parts named by flags get a mask.
 */
static unsigned encode_depth_stencil(uint32_t format, uint32_t flags,
				     float depth, uint8_t stencil,
				     uint8_t *px, uint8_t *mask)
{
	bool d = flags & SVGA3D_CLEAR_DEPTH, st = flags & SVGA3D_CLEAR_STENCIL;
	uint32_t w;

	memset(px, 0, 8);
	memset(mask, 0, 8);
	switch (format) {
	case SVGA3D_D16_UNORM:
		put16(px, (uint16_t)unorm(depth, 16));
		memset(mask, d ? 0xff : 0, 2);
		return 2;
	case SVGA3D_D24_UNORM_S8_UINT:
		w = unorm(depth, 24) | (uint32_t)stencil << 24;
		put32(px, w);
		memset(mask, d ? 0xff : 0, 3);
		mask[3] = st ? 0xff : 0;
		return 4;
	case SVGA3D_D32_FLOAT:
		depth = clampf(depth, 0.0f, 1.0f);
		memcpy(px, &depth, 4);
		memset(mask, d ? 0xff : 0, 4);
		return 4;
	case SVGA3D_D32_FLOAT_S8X24_UINT:
		depth = clampf(depth, 0.0f, 1.0f);
		memcpy(px, &depth, 4);
		px[4] = stencil;
		memset(mask, d ? 0xff : 0, 4);
		mask[4] = st ? 0xff : 0;
		return 8;
	default:
		return 0;
	}
}

int svga_surface_clear_depth_stencil(struct svga_objects *om,
				     struct svga_surface *s,
				     const struct svga_view *v, uint32_t flags,
				     float depth, uint8_t stencil)
{
	const struct svga_format_info *vf = clear_format(om, s, v);
	struct svga_clear_req req = {
		.depth_stencil = true, .flags = flags, .depth = depth,
		.stencil = stencil,
	};
	uint8_t px[8], mask[8];
	unsigned bpp;
	int rc;

	if (!vf)
		return SVGA_ERR;
	if (!encode_depth_stencil(v->format, flags, depth, stencil, px,
				  mask)) {
		svga_guest_error(om->log,
				 "clear: DSV format %s is not a depth format",
				 vf->name);
		return SVGA_ERR;
	}
	rc = clear_prepare(om, s, v, &req);
	if (rc)
		return rc > 0 ? SVGA_OK : SVGA_ERR;
	bpp = encode_depth_stencil(v->format, flags, depth, stencil, px, mask);
	if (!bpp) {
		svga_guest_error(om->log,
				 "clear: DSV format %s is not a depth format",
				 vf->name);
		return SVGA_ERR;
	}
	if (fill_view(s, v, px, mask, bpp)) {
		svga_guest_error(om->log, "clear: view outside surface %u",
				 s->sid);
		return SVGA_ERR;
	}
	return SVGA_OK;
}
