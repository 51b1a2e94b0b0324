// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: DX_GENMIPS on host storage.
 *
 * D3D's GenerateMips filters each mip from the one above it through the
 * shader resource view's format.  The view's format may differ from the
 * surface's (Mesa defines typeless surfaces and typed views), which a
 * Vulkan blit cannot express (it filters in the image's own format), so
 * the mips are made here, on the CPU, for the formats whose texels the
 * core can decode and encode (the clearable ones, svga_clear.c): each
 * texel the average of its 2x2 (3D: 2x2x2) parents, in linear space for
 * sRGB, rounded to nearest.  With a renderer attached, the storage hook
 * first reads back what only the GPU has of the mips read and written,
 * and marks the written ones stale in the GPU copy, so the newest copy
 * wins either way.
 */
#include "svga_objects.h"

#include <math.h>
#include <string.h>

static float from_srgb(float v)
{
	return v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
}

static float from_half(uint16_t h)
{
	uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1f;
	uint32_t mant = h & 0x3ff, x;
	float f;

	if (exp == 0) {                       /* zero or subnormal */
		f = (float)mant / 16777216.0f;    /* mant * 2^-24 */
		return sign ? -f : f;
	}
	if (exp == 31)
		x = sign | 0x7f800000 | (mant << 13);
	else
		x = sign | ((exp + 112) << 23) | (mant << 13);
	memcpy(&f, &x, 4);
	return f;
}

static uint32_t get(const uint8_t *p, unsigned n)
{
	uint32_t v = 0;

	memcpy(&v, p, n);
	return v;
}

static float un(uint32_t v, unsigned bits)
{
	return (float)v / (float)((1u << bits) - 1);
}

/* The inverse of svga_pixel_encode; false when the kind has none. */
static bool decode(unsigned kind, const uint8_t *px, float c[4])
{
	c[0] = c[1] = c[2] = 0.0f;
	c[3] = 1.0f;
	switch (kind) {
	case SVGA_CLEAR_RGBA8:
	case SVGA_CLEAR_RGBA8_SRGB:
		for (int i = 0; i < 4; i++)
			c[i] = un(px[i], 8);
		break;
	case SVGA_CLEAR_BGRA8:
	case SVGA_CLEAR_BGRX8:
	case SVGA_CLEAR_BGRA8_SRGB:
		c[0] = un(px[2], 8);
		c[1] = un(px[1], 8);
		c[2] = un(px[0], 8);
		c[3] = un(px[3], 8);
		break;
	case SVGA_CLEAR_R8:
		c[0] = un(px[0], 8);
		break;
	case SVGA_CLEAR_RG8:
		c[0] = un(px[0], 8);
		c[1] = un(px[1], 8);
		break;
	case SVGA_CLEAR_R16F:
	case SVGA_CLEAR_RG16F:
	case SVGA_CLEAR_RGBA16F: {
		unsigned n = kind == SVGA_CLEAR_R16F ? 1 :
			     kind == SVGA_CLEAR_RG16F ? 2 : 4;

		for (unsigned i = 0; i < n; i++)
			c[i] = from_half((uint16_t)get(px + 2 * i, 2));
		break;
	}
	case SVGA_CLEAR_R32F:
		memcpy(c, px, 4);
		break;
	case SVGA_CLEAR_RG32F:
		memcpy(c, px, 8);
		break;
	case SVGA_CLEAR_RGBA32F:
		memcpy(c, px, 16);
		break;
	case SVGA_CLEAR_RGBA16_UNORM:
		for (int i = 0; i < 4; i++)
			c[i] = un(get(px + 2 * i, 2), 16);
		break;
	case SVGA_CLEAR_R16_UNORM:
		c[0] = un(get(px, 2), 16);
		break;
	case SVGA_CLEAR_RGB10A2: {
		uint32_t v = get(px, 4);

		c[0] = un(v & 0x3ff, 10);
		c[1] = un((v >> 10) & 0x3ff, 10);
		c[2] = un((v >> 20) & 0x3ff, 10);
		c[3] = un(v >> 30, 2);
		break;
	}
	case SVGA_CLEAR_B5G6R5: {
		uint32_t v = get(px, 2);

		c[2] = un(v & 0x1f, 5);
		c[1] = un((v >> 5) & 0x3f, 6);
		c[0] = un(v >> 11, 5);
		break;
	}
	default:
		return false;
	}
	if (kind == SVGA_CLEAR_RGBA8_SRGB || kind == SVGA_CLEAR_BGRA8_SRGB)
		for (int i = 0; i < 3; i++)
			c[i] = from_srgb(c[i]);
	return true;
}

static uint32_t parent(uint32_t x, uint32_t k, uint32_t n)
{
	uint32_t p = 2 * x + k;

	return p < n ? p : n - 1;
}

/* One mip of one layer from the mip above it. */
static void filter_mip(const struct svga_layout *l, uint8_t *chain,
		       uint32_t mip, unsigned kind, unsigned bpp)
{
	const struct svga_mip_layout *s = &l->mip[mip - 1], *d = &l->mip[mip];
	uint32_t kz = s->d > 1 ? 2 : 1, ky = s->h > 1 ? 2 : 1;
	uint32_t kx = s->w > 1 ? 2 : 1;

	for (uint32_t z = 0; z < d->d; z++)
		for (uint32_t y = 0; y < d->h; y++)
			for (uint32_t x = 0; x < d->w; x++) {
				float sum[4] = { 0 }, c[4];
				uint8_t *out;

				for (uint32_t i = 0; i < kz * ky * kx; i++) {
					uint64_t off = s->offset +
						parent(z, i / (ky * kx), s->d) *
						s->img_stride +
						parent(y, (i / kx) % ky, s->h) *
						s->row_stride +
						(uint64_t)parent(x, i % kx, s->w) *
						bpp;

					decode(kind, chain + off, c);
					for (int k = 0; k < 4; k++)
						sum[k] += c[k];
				}
				for (int k = 0; k < 4; k++)
					sum[k] /= (float)(kz * ky * kx);
				out = chain + d->offset + z * d->img_stride +
				      y * d->row_stride + (uint64_t)x * bpp;
				svga_pixel_encode(kind, sum, out);
			}
}

int svga_surface_gen_mips(struct svga_objects *om, struct svga_surface *s,
			  uint32_t view_format, uint32_t first_mip,
			  uint32_t mip_count, uint32_t first_layer)
{
	const struct svga_format_info *vf = svga_format_get(view_format);
	const struct svga_layout *l = &s->layout;
	uint8_t probe[16];
	float zero[4] = { 0 };
	struct svga_subres read, written;
	uint32_t end;

	if (!vf || vf->block_w != 1 || vf->block_h != 1 ||
	    vf->bytes_per_block != l->fmt->bytes_per_block ||
	    l->fmt->block_w != 1 || l->fmt->block_h != 1) {
		svga_guest_error(om->log, "DX_GENMIPS: surface %u (%s): view "
				 "format %u does not fit its texels", s->sid,
				 l->fmt->name, view_format);
		return SVGA_ERR;
	}
	if (svga_pixel_encode(vf->clear, zero, probe) != vf->bytes_per_block) {
		svga_guest_error(om->log, "DX_GENMIPS: surface %u: mips of "
				 "format %s are not generated by this device",
				 s->sid, vf->name);
		return SVGA_ERR;
	}
	if (first_mip >= l->num_mips || first_layer >= l->num_layers) {
		svga_guest_error(om->log, "DX_GENMIPS: surface %u: mip %u layer "
				 "%u out of range", s->sid, first_mip,
				 first_layer);
		return SVGA_ERR;
	}
	end = mip_count > l->num_mips - first_mip ? l->num_mips :
	      first_mip + mip_count;
	if (end <= first_mip + 1)
		return SVGA_OK;          /* one mip: nothing below it */
	/* reads first_mip, writes the mips below it, of these layers */
	read = (struct svga_subres){ first_mip, 1, first_layer,
				     l->num_layers - first_layer, 0, 0 };
	written = read;
	written.mip = first_mip + 1;
	written.mips = end - first_mip - 1;
	if (svga_surface_access_range(om, s, SVGA_STORAGE_READ, &read) ||
	    svga_surface_access_range(om, s, SVGA_STORAGE_WRITE, &written))
		return SVGA_ERR;
	for (uint32_t layer = first_layer; layer < l->num_layers; layer++)
		for (uint32_t m = first_mip + 1; m < end; m++)
			filter_mip(l, s->data + (uint64_t)layer *
				   l->mip_chain_bytes, m, vf->clear,
				   vf->bytes_per_block);
	return SVGA_OK;
}
