// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core: surfaces in host storage.
 *
 * Guest data enters a surface only through UPDATE commands and leaves only
 * through READBACK commands (svga_surface_xfer_*).  Copies and clears act
 * on host storage only.
 */
#include "svga_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t div_up(uint32_t a, uint32_t b)
{
	return a / b + (a % b != 0);
}

int svga_surface_define(struct svga_dev *dev, uint32_t sid, uint64_t flags,
			uint32_t format, uint32_t num_mips, uint32_t samples,
			uint32_t w, uint32_t h, uint32_t d,
			uint32_t array_size)
{
	const struct svga_format_info *f = svga_format_get(format);
	struct svga_surface *s;
	uint32_t layers;
	uint64_t need;

	if (svga_obj_check_new(dev, SVGA_OBJ_SURFACE, sid))
		return SVGA_ERR;
	if (!f) {
		svga_guest_error(dev, "surface %u: unsupported format %u", sid,
				 format);
		return SVGA_ERR;
	}
	if ((flags & SVGA3D_SURFACE_MULTISAMPLE) && samples > 1) {
		svga_guest_error(dev, "surface %u: multisampling (%u) is not "
				 "supported", sid, samples);
		return SVGA_ERR;
	}
	if (array_size > SVGA3D_MAX_SURFACE_ARRAYSIZE) {
		svga_guest_error(dev, "surface %u: array size %u", sid,
				 array_size);
		return SVGA_ERR;
	}
	layers = array_size ? array_size :
		 (flags & SVGA3D_SURFACE_CUBEMAP) ? SVGA3D_MAX_SURFACE_FACES : 1;
	if (num_mips == 0)
		num_mips = 1;
	if (format == SVGA3D_BUFFER) {
		if (h != 1 || d != 1 || w == 0) {
			svga_guest_error(dev, "buffer %u: bad size %ux%ux%u",
					 sid, w, h, d);
			return SVGA_ERR;
		}
	} else if (w > dev->cfg.max_texture_size ||
		   h > dev->cfg.max_texture_size || d > 2048) {
		svga_guest_error(dev, "surface %u: size %ux%ux%u too large",
				 sid, w, h, d);
		return SVGA_ERR;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return SVGA_ERR;
	if (svga_layout_compute(&s->layout, format, w, h, d, num_mips,
				layers)) {
		svga_guest_error(dev, "surface %u: invalid layout (fmt %u "
				 "%ux%ux%u mips %u layers %u)", sid, format, w,
				 h, d, num_mips, layers);
		free(s);
		return SVGA_ERR;
	}
	need = s->layout.total_bytes;
	if (dev->storage + need > dev->cfg.max_host_storage) {
		svga_guest_error(dev, "surface %u: host storage limit (%llu + "
				 "%llu > %llu)", sid,
				 (unsigned long long)dev->storage,
				 (unsigned long long)need,
				 (unsigned long long)dev->cfg.max_host_storage);
		free(s);
		return SVGA_ERR;
	}
	s->data = calloc(1, need);
	if (!s->data) {
		svga_guest_error(dev, "surface %u: out of host memory", sid);
		free(s);
		return SVGA_ERR;
	}
	s->sid = sid;
	s->format = format;
	s->flags = flags;
	s->width = w;
	s->height = h;
	s->depth = d;
	s->array_size = array_size;
	s->samples = 1;
	s->backup_size = need;
	if (flags & SVGA3D_SURFACE_BIND_STREAM_OUTPUT)
		s->backup_size += sizeof(SVGA3dDXSOState);
	s->mobid = SVGA3D_INVALID_ID;
	dev->storage += need;
	dev->totals.host_storage = dev->storage;
	svga_obj_put(dev, SVGA_OBJ_SURFACE, sid, s);
	return SVGA_OK;
}

void svga_surface_free(struct svga_dev *dev, struct svga_surface *s)
{
	if (!s)
		return;
	dev->storage -= s->layout.total_bytes;
	dev->totals.host_storage = dev->storage;
	free(s->data);
	free(s);
}

int svga_surface_check_image(struct svga_dev *dev, struct svga_surface *s,
			     uint32_t layer, uint32_t mip)
{
	if (layer >= s->layout.num_layers || mip >= s->layout.num_mips) {
		svga_guest_error(dev, "surface %u: image layer %u mip %u out of "
				 "range (%u layers, %u mips)", s->sid, layer,
				 mip, s->layout.num_layers, s->layout.num_mips);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

static struct svga_mob *backing(struct svga_dev *dev, struct svga_surface *s)
{
	struct svga_mob *mob = svga_obj_get(dev, SVGA_OBJ_MOB, s->mobid);

	if (!mob)
		svga_guest_error(dev, "surface %u has no backing MOB (%u)",
				 s->sid, s->mobid);
	return mob;
}

/* A region of one mip image in blocks: [x0,x1) x [y0,y1) x [z0,z1). */
struct blk_region {
	uint32_t x0, x1, y0, y1, z0, z1;
};

static int box_to_blocks(struct svga_dev *dev, const struct svga_surface *s,
			 const struct svga_mip_layout *m,
			 const struct svga_box *b, struct blk_region *r)
{
	const struct svga_format_info *f = s->layout.fmt;
	uint64_t xe = (uint64_t)b->x + b->w, ye = (uint64_t)b->y + b->h;
	uint64_t ze = (uint64_t)b->z + b->d;

	if (xe > m->w || ye > m->h || ze > m->d) {
		svga_guest_error(dev, "surface %u: box (%u,%u,%u %ux%ux%u) "
				 "outside mip %ux%ux%u", s->sid, b->x, b->y,
				 b->z, b->w, b->h, b->d, m->w, m->h, m->d);
		return SVGA_ERR;
	}
	r->x0 = b->x / f->block_w;
	r->y0 = b->y / f->block_h;
	r->z0 = b->z / f->block_d;
	r->x1 = div_up((uint32_t)xe, f->block_w);
	r->y1 = div_up((uint32_t)ye, f->block_h);
	r->z1 = div_up((uint32_t)ze, f->block_d);
	if (b->w == 0 || b->h == 0 || b->d == 0)
		r->x1 = r->x0; /* empty */
	return SVGA_OK;
}

/* Fault injection (svga_config.drop_updates / drop_readbacks). */
static bool svga_xfer_dropped(const struct svga_dev *dev,
			      enum svga_xfer_dir dir)
{
	return dir == SVGA_XFER_TO_HOST ? dev->cfg.drop_updates :
					  dev->cfg.drop_readbacks;
}

static int xfer_region(struct svga_dev *dev, struct svga_surface *s,
		       struct svga_mob *mob, uint64_t base,
		       const struct svga_mip_layout *m,
		       const struct blk_region *r, enum svga_xfer_dir dir)
{
	uint32_t bpb = s->layout.fmt->bytes_per_block;
	uint64_t row_len = (uint64_t)(r->x1 - r->x0) * bpb;
	uint64_t moved = 0;

	if (r->x1 <= r->x0 || r->y1 <= r->y0 || r->z1 <= r->z0)
		return SVGA_OK;
	if (svga_xfer_dropped(dev, dir))
		return SVGA_OK;
	for (uint32_t z = r->z0; z < r->z1; z++) {
		uint32_t y = r->y0;

		while (y < r->y1) {
			uint64_t off = base + z * m->img_stride +
				       y * m->row_stride +
				       (uint64_t)r->x0 * bpb;
			uint64_t len = row_len;
			uint32_t rows = 1;
			int rc;

			/* full-width rows are contiguous */
			if (r->x0 == 0 && r->x1 == m->bw) {
				rows = r->y1 - y;
				len = rows * m->row_stride;
			}
			if (dir == SVGA_XFER_TO_HOST)
				rc = svga_mob_read(dev, mob, off,
						   s->data + off, len);
			else
				rc = svga_mob_write(dev, mob, off,
						    s->data + off, len);
			if (rc)
				return SVGA_ERR;
			moved += len;
			y += rows;
		}
	}
	svga_count_bytes(dev, dir == SVGA_XFER_TO_HOST, moved);
	return SVGA_OK;
}

int svga_surface_xfer_image(struct svga_dev *dev, struct svga_surface *s,
			    uint32_t layer, uint32_t mip,
			    const struct svga_box *box, bool invert,
			    enum svga_xfer_dir dir)
{
	const struct svga_mip_layout *m;
	struct blk_region r, parts[6];
	struct svga_mob *mob;
	unsigned n = 0;
	uint64_t base;

	if (svga_surface_check_image(dev, s, layer, mip))
		return SVGA_ERR;
	m = &s->layout.mip[mip];
	mob = backing(dev, s);
	if (!mob)
		return SVGA_ERR;
	base = (uint64_t)layer * s->layout.mip_chain_bytes + m->offset;
	if (!box) {
		r = (struct blk_region){ 0, m->bw, 0, m->bh, 0, m->bd };
		parts[n++] = r;
	} else {
		if (box_to_blocks(dev, s, m, box, &r))
			return SVGA_ERR;
		if (!invert) {
			parts[n++] = r;
		} else if (r.x1 <= r.x0 || r.y1 <= r.y0 || r.z1 <= r.z0) {
			/* inverted empty box: the whole image */
			parts[n++] = (struct blk_region){ 0, m->bw, 0, m->bh,
							  0, m->bd };
		} else {
			/* the complement of the box, as up to six slabs */
			parts[n++] = (struct blk_region){ 0, m->bw, 0, m->bh,
							  0, r.z0 };
			parts[n++] = (struct blk_region){ 0, m->bw, 0, m->bh,
							  r.z1, m->bd };
			parts[n++] = (struct blk_region){ 0, m->bw, 0, r.y0,
							  r.z0, r.z1 };
			parts[n++] = (struct blk_region){ 0, m->bw, r.y1, m->bh,
							  r.z0, r.z1 };
			parts[n++] = (struct blk_region){ 0, r.x0, r.y0, r.y1,
							  r.z0, r.z1 };
			parts[n++] = (struct blk_region){ r.x1, m->bw, r.y0,
							  r.y1, r.z0, r.z1 };
		}
	}
	for (unsigned i = 0; i < n; i++)
		if (xfer_region(dev, s, mob, base, m, &parts[i], dir))
			return SVGA_ERR;
	return SVGA_OK;
}

int svga_surface_xfer_all(struct svga_dev *dev, struct svga_surface *s,
			  enum svga_xfer_dir dir)
{
	struct svga_mob *mob = backing(dev, s);
	uint64_t len = s->layout.total_bytes;
	int rc;

	if (!mob)
		return SVGA_ERR;
	if (svga_xfer_dropped(dev, dir))
		return SVGA_OK;
	if (dir == SVGA_XFER_TO_HOST)
		rc = svga_mob_read(dev, mob, 0, s->data, len);
	else
		rc = svga_mob_write(dev, mob, 0, s->data, len);
	if (rc)
		return SVGA_ERR;
	svga_count_bytes(dev, dir == SVGA_XFER_TO_HOST, len);
	return SVGA_OK;
}

int svga_surface_copy_region(struct svga_dev *dev, struct svga_surface *dst,
			     uint32_t dlayer, uint32_t dmip,
			     struct svga_surface *src, uint32_t slayer,
			     uint32_t smip, const SVGA3dCopyBox *cb)
{
	const struct svga_format_info *df, *sf;
	const struct svga_mip_layout *dm, *sm;
	struct blk_region sr, dr;
	struct svga_box sbox, dbox;
	uint32_t nbx, nby, nbz, bpb;
	uint64_t sbase, dbase, row;
	uint8_t *tmp = NULL;

	if (svga_surface_check_image(dev, dst, dlayer, dmip) ||
	    svga_surface_check_image(dev, src, slayer, smip))
		return SVGA_ERR;
	df = dst->layout.fmt;
	sf = src->layout.fmt;
	if (df->bytes_per_block != sf->bytes_per_block ||
	    df->block_w != sf->block_w || df->block_h != sf->block_h ||
	    df->block_d != sf->block_d) {
		svga_guest_error(dev, "copy between incompatible formats %u "
				 "and %u", src->format, dst->format);
		return SVGA_ERR;
	}
	dm = &dst->layout.mip[dmip];
	sm = &src->layout.mip[smip];
	sbox = (struct svga_box){ cb->srcx, cb->srcy, cb->srcz,
				  cb->w, cb->h, cb->d };
	dbox = (struct svga_box){ cb->x, cb->y, cb->z, cb->w, cb->h, cb->d };
	if (box_to_blocks(dev, src, sm, &sbox, &sr) ||
	    box_to_blocks(dev, dst, dm, &dbox, &dr))
		return SVGA_ERR;
	nbx = sr.x1 - sr.x0;
	nby = sr.y1 - sr.y0;
	nbz = sr.z1 - sr.z0;
	if (sr.x1 <= sr.x0 || nby == 0 || nbz == 0)
		return SVGA_OK;
	/* a partial edge block of the source must land on the edge of
	 * the destination mip */
	if (dr.x0 + nbx > dm->bw || dr.y0 + nby > dm->bh ||
	    dr.z0 + nbz > dm->bd) {
		svga_guest_error(dev, "copy box does not fit the destination");
		return SVGA_ERR;
	}
	bpb = df->bytes_per_block;
	row = (uint64_t)nbx * bpb;
	sbase = (uint64_t)slayer * src->layout.mip_chain_bytes + sm->offset;
	dbase = (uint64_t)dlayer * dst->layout.mip_chain_bytes + dm->offset;
	if (src == dst) {
		/* possibly overlapping: stage the source region */
		tmp = malloc(row * nby * nbz);
		if (!tmp)
			return SVGA_ERR;
		for (uint32_t z = 0; z < nbz; z++)
			for (uint32_t y = 0; y < nby; y++)
				memcpy(tmp + (z * (uint64_t)nby + y) * row,
				       src->data + sbase +
				       (sr.z0 + z) * sm->img_stride +
				       (sr.y0 + y) * sm->row_stride +
				       (uint64_t)sr.x0 * bpb, row);
	}
	for (uint32_t z = 0; z < nbz; z++) {
		for (uint32_t y = 0; y < nby; y++) {
			uint8_t *d = dst->data + dbase +
				     (dr.z0 + z) * dm->img_stride +
				     (dr.y0 + y) * dm->row_stride +
				     (uint64_t)dr.x0 * bpb;
			const uint8_t *s = tmp ?
				tmp + (z * (uint64_t)nby + y) * row :
				src->data + sbase +
				(sr.z0 + z) * sm->img_stride +
				(sr.y0 + y) * sm->row_stride +
				(uint64_t)sr.x0 * bpb;

			memcpy(d, s, row);
		}
	}
	free(tmp);
	return SVGA_OK;
}

/* ---- clears ---------------------------------------------------------- */

static float clampf(float v, float lo, float hi)
{
	if (!(v >= lo)) /* also catches NaN */
		return lo;
	return v > hi ? hi : v;
}

static uint32_t unorm(float v, unsigned bits)
{
	uint32_t max = (1u << bits) - 1;

	return (uint32_t)(clampf(v, 0.0f, 1.0f) * (float)max + 0.5f);
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

/* Encode rgba into px; returns the number of bytes, 0 if unsupported. */
static unsigned encode_clear(unsigned kind, const float c[4], uint8_t *px)
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
clear_format(struct svga_dev *dev, struct svga_surface *s,
	     const struct svga_view *v)
{
	const struct svga_format_info *vf = svga_format_get(v->format);

	if (!vf || vf->bytes_per_block != s->layout.fmt->bytes_per_block ||
	    vf->block_w != 1 || vf->block_h != 1) {
		svga_guest_error(dev, "clear: view format %u not usable on "
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

int svga_surface_clear_view(struct svga_dev *dev, struct svga_surface *s,
			    const struct svga_view *v, const float rgba[4])
{
	const struct svga_format_info *vf = clear_format(dev, s, v);
	static const uint8_t all[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					 0xff, 0xff, 0xff, 0xff };
	uint8_t px[16];
	unsigned bpp;

	if (!vf)
		return SVGA_ERR;
	bpp = encode_clear(vf->clear, rgba, px);
	if (!bpp) {
		/* Valid request the device cannot render yet: not a guest
		 * error, but visible in the log. */
		svga_trace(dev, "clear of format %s not implemented", vf->name);
		return SVGA_OK;
	}
	if (fill_view(s, v, px, all, bpp)) {
		svga_guest_error(dev, "clear: view outside surface %u", s->sid);
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

int svga_surface_clear_depth_stencil(struct svga_dev *dev,
				     struct svga_surface *s,
				     const struct svga_view *v, uint32_t flags,
				     float depth, uint8_t stencil)
{
	const struct svga_format_info *vf = clear_format(dev, s, v);
	uint8_t px[8], mask[8];
	unsigned bpp;

	if (!vf)
		return SVGA_ERR;
	bpp = encode_depth_stencil(v->format, flags, depth, stencil, px, mask);
	if (!bpp) {
		svga_guest_error(dev, "clear: DSV format %s is not a depth format",
				 vf->name);
		return SVGA_ERR;
	}
	if (fill_view(s, v, px, mask, bpp)) {
		svga_guest_error(dev, "clear: view outside surface %u", s->sid);
		return SVGA_ERR;
	}
	return SVGA_OK;
}
