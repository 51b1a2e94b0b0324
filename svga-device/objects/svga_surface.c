// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: surfaces in host storage.
 *
 * Guest data enters a surface only through UPDATE commands and leaves only
 * through READBACK commands (svga_surface_xfer_*).  Copies and clears act
 * on host storage only.
 */
#include "svga_objects.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static uint32_t div_up(uint32_t a, uint32_t b)
{
	return a / b + (a % b != 0);
}

/*
 * A multisampled surface: 4 samples only (what DEVCAP_MULTISAMPLE_4X
 * promises; 2X and 8X stay 0), of a format whose DXFMT devcap has the
 * MULTISAMPLE bit, one mip of a 2D image (arrays allowed: Texture2DMSArray).
 * Its host storage is sized as vmwgfx sizes its guest backing (the
 * single-sampled layout times the sample count) but holds no samples:
 * the samples live in the renderer's image only, so every CPU access is
 * refused (svga_surface_ms_refused).
 */
static int check_multisample(struct svga_objects *om, uint32_t sid,
			     uint64_t flags, uint32_t format,
			     uint32_t num_mips, uint32_t samples, uint32_t d)
{
	const uint32_t *caps = om->limits.devcaps;
	uint32_t dxcap = svga_format_dxfmt_devcap(format);
	const char *why = NULL;

	if (samples != 4 || !caps || !caps[SVGA3D_DEVCAP_MULTISAMPLE_4X])
		why = "sample count not advertised (4 with MULTISAMPLE_4X "
		      "only)";
	else if (format == SVGA3D_BUFFER)
		why = "a buffer";
	else if (dxcap == ~0u || !(caps[dxcap] & SVGA3D_DXFMT_MULTISAMPLE))
		why = "format has no DXFMT_MULTISAMPLE devcap";
	else if (num_mips > 1)
		why = "more than one mip";
	else if (d > 1)
		why = "a volume";
	else if (flags & (SVGA3D_SURFACE_CUBEMAP | SVGA3D_SURFACE_1D))
		why = "a cube map or 1D surface";
	if (!why)
		return SVGA_OK;
	svga_guest_error(om->log, "surface %u: multisampled (%u samples, "
			 "format %u): %s", sid, samples, format, why);
	return SVGA_ERR;
}

int svga_surface_ms_refused(struct svga_objects *om,
			    const struct svga_surface *s)
{
	svga_guest_error(om->log, "surface %u: multisampled (%u samples): "
			 "its host storage holds no samples, so UPDATE, "
			 "READBACK and CPU copies of it are not done",
			 s->sid, s->samples);
	return SVGA_ERR;
}

int svga_surface_define(struct svga_objects *om, uint32_t sid, uint64_t flags,
			uint32_t format, uint32_t num_mips, uint32_t samples,
			uint32_t w, uint32_t h, uint32_t d,
			uint32_t array_size)
{
	const struct svga_format_info *f = svga_format_get(format);
	struct svga_surface *s;
	uint32_t layers;
	uint64_t need;

	if (svga_obj_check_new(om, SVGA_OBJ_SURFACE, sid))
		return SVGA_ERR;
	if (!f) {
		svga_guest_error(om->log, "surface %u: unsupported format %u",
				 sid, format);
		return SVGA_ERR;
	}
	if (samples <= 1)
		samples = 1;      /* 0 and 1: single-sampled (Mesa sends 0) */
	else if (check_multisample(om, sid, flags, format, num_mips, samples,
				   d))
		return SVGA_ERR;
	if (array_size > om->limits.max_array_layers) {
		svga_guest_error(om->log, "surface %u: array size %u (at most "
				 "%u)", sid, array_size,
				 om->limits.max_array_layers);
		return SVGA_ERR;
	}
	layers = array_size ? array_size :
		 (flags & SVGA3D_SURFACE_CUBEMAP) ? SVGA3D_MAX_SURFACE_FACES : 1;
	if (num_mips == 0)
		num_mips = 1;
	if (format == SVGA3D_BUFFER) {
		if (h != 1 || d != 1 || w == 0) {
			svga_guest_error(om->log,
					 "buffer %u: bad size %ux%ux%u", sid, w,
					 h, d);
			return SVGA_ERR;
		}
	} else if (d > 1 ? (w > om->limits.max_volume_extent ||
			    h > om->limits.max_volume_extent ||
			    d > om->limits.max_volume_extent) :
		   (w > om->limits.max_texture_size ||
		    h > om->limits.max_texture_size)) {
		svga_guest_error(om->log, "surface %u: size %ux%ux%u too large "
				 "(devcaps: %u, volumes %u)", sid, w, h, d,
				 om->limits.max_texture_size,
				 om->limits.max_volume_extent);
		return SVGA_ERR;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return SVGA_ERR;
	if (svga_layout_compute(&s->layout, format, w, h, d, num_mips,
				layers)) {
		svga_guest_error(om->log, "surface %u: invalid layout (fmt %u "
				 "%ux%ux%u mips %u layers %u)", sid, format, w,
				 h, d, num_mips, layers);
		free(s);
		return SVGA_ERR;
	}
	need = s->layout.total_bytes * samples;
	if (om->storage + need > om->cfg->max_host_storage) {
		svga_guest_error(om->log,
				 "surface %u: host storage limit (%llu + "
				 "%llu > %llu)",
				 sid, (unsigned long long)om->storage,
				 (unsigned long long)need,
				 (unsigned long long)om->cfg->max_host_storage);
		free(s);
		return SVGA_ERR;
	}
	s->data = calloc(1, need);
	if (!s->data) {
		svga_guest_error(om->log, "surface %u: out of host memory",
				 sid);
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
	s->samples = samples;
	s->backup_size = need;
	if (flags & SVGA3D_SURFACE_BIND_STREAM_OUTPUT)
		s->backup_size += sizeof(SVGA3dDXSOState);
	s->mobid = SVGA3D_INVALID_ID;
	om->storage += need;
	svga_obj_put(om, SVGA_OBJ_SURFACE, sid, s);
	return SVGA_OK;
}

void svga_surface_free(struct svga_objects *om, struct svga_surface *s)
{
	if (!s)
		return;
	if (om->storage_ops && om->storage_ops->freed)
		om->storage_ops->freed(om->storage_opaque, s);
	om->storage -= s->layout.total_bytes * s->samples;
	free(s->data);
	free(s);
}

bool svga_surface_has_image(const struct svga_surface *s, uint32_t layer,
			    uint32_t mip)
{
	return layer < s->layout.num_layers && mip < s->layout.num_mips;
}

int svga_surface_check_image(struct svga_objects *om, struct svga_surface *s,
			     uint32_t layer, uint32_t mip)
{
	if (!svga_surface_has_image(s, layer, mip)) {
		svga_guest_error(om->log,
				 "surface %u: image layer %u mip %u out of "
				 "range (%u layers, %u mips)",
				 s->sid, layer, mip, s->layout.num_layers,
				 s->layout.num_mips);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

static struct svga_mob *backing(struct svga_objects *om, struct svga_surface *s)
{
	struct svga_mob *mob = svga_obj_get(om, SVGA_OBJ_MOB, s->mobid);

	if (!mob)
		svga_guest_error(om->log, "surface %u has no backing MOB (%u)",
				 s->sid, s->mobid);
	return mob;
}

int svga_surface_bind(struct svga_objects *om, struct svga_surface *s,
		      uint32_t mobid)
{
	struct svga_mob *m;

	if (mobid == SVGA3D_INVALID_ID) {
		s->mobid = mobid;
		return SVGA_OK;
	}
	m = svga_obj_lookup(om, SVGA_OBJ_MOB, mobid);
	if (!m)
		return SVGA_ERR;
	if (m->size < s->layout.total_bytes * s->samples) {
		svga_guest_error(om->log, "MOB %u (%u bytes) too small for "
				 "surface %u (%llu bytes)", mobid, m->size,
				 s->sid,
				 (unsigned long long)(s->layout.total_bytes *
						      s->samples));
		return SVGA_ERR;
	}
	s->mobid = mobid;
	return SVGA_OK;
}

bool svga_surface_copy_compatible(const struct svga_surface *a,
				  const struct svga_surface *b)
{
	const struct svga_format_info *fa = a->layout.fmt, *fb = b->layout.fmt;

	return fa->bytes_per_block == fb->bytes_per_block &&
	       fa->block_w == fb->block_w && fa->block_h == fb->block_h &&
	       fa->block_d == fb->block_d;
}

/* A region of one mip image in blocks: [x0,x1) x [y0,y1) x [z0,z1). */
struct blk_region {
	uint32_t x0, x1, y0, y1, z0, z1;
};

static int box_to_blocks(struct svga_objects *om, const struct svga_surface *s,
			 const struct svga_mip_layout *m,
			 const struct svga_box *b, struct blk_region *r)
{
	const struct svga_format_info *f = s->layout.fmt;
	uint64_t xe = (uint64_t)b->x + b->w, ye = (uint64_t)b->y + b->h;
	uint64_t ze = (uint64_t)b->z + b->d;

	if (xe > m->w || ye > m->h || ze > m->d) {
		svga_guest_error(om->log, "surface %u: box (%u,%u,%u %ux%ux%u) "
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
static bool svga_xfer_dropped(const struct svga_objects *om,
			      enum svga_xfer_dir dir)
{
	return dir == SVGA_XFER_TO_HOST ? om->cfg->drop_updates :
					  om->cfg->drop_readbacks;
}

static int xfer_region(struct svga_objects *om, struct svga_surface *s,
		       struct svga_mob *mob, uint64_t base,
		       const struct svga_mip_layout *m,
		       const struct blk_region *r, enum svga_xfer_dir dir)
{
	uint32_t bpb = s->layout.fmt->bytes_per_block;
	uint64_t row_len = (uint64_t)(r->x1 - r->x0) * bpb;
	uint64_t moved = 0;

	if (r->x1 <= r->x0 || r->y1 <= r->y0 || r->z1 <= r->z0)
		return SVGA_OK;
	if (svga_xfer_dropped(om, dir))
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
				rc = svga_mob_read(om, mob, off,
						   s->data + off, len);
			else
				rc = svga_mob_write(om, mob, off,
						    s->data + off, len);
			if (rc)
				return SVGA_ERR;
			moved += len;
			y += rows;
		}
	}
	svga_stats_bytes(om->log, dir == SVGA_XFER_TO_HOST, moved);
	return SVGA_OK;
}

/* The renderer's turn before a transfer: only this subresource moves
 * between its copies, and of a buffer only the bytes the regions span. */
static int xfer_access(struct svga_objects *om, struct svga_surface *s,
		       uint32_t layer, uint32_t mip,
		       const struct blk_region *parts, unsigned n,
		       enum svga_xfer_dir dir)
{
	enum svga_storage_access a = dir == SVGA_XFER_TO_HOST ?
				     SVGA_STORAGE_WRITE : SVGA_STORAGE_READ;
	const struct svga_mip_layout *m = &s->layout.mip[mip];
	uint64_t bpb = s->layout.fmt->bytes_per_block;
	uint64_t base = (uint64_t)layer * s->layout.mip_chain_bytes + m->offset;
	uint64_t lo = UINT64_MAX, hi = 0;

	if (s->format != SVGA3D_BUFFER)
		return svga_surface_access_sub(om, s, a, layer, mip);
	for (unsigned i = 0; i < n; i++) {
		const struct blk_region *p = &parts[i];
		uint64_t first, end;

		if (p->x1 <= p->x0 || p->y1 <= p->y0 || p->z1 <= p->z0)
			continue;
		/* the span from the region's first byte to its last */
		first = base + p->z0 * m->img_stride + p->y0 * m->row_stride +
			p->x0 * bpb;
		end = base + (p->z1 - 1) * m->img_stride +
		      (p->y1 - 1) * m->row_stride + p->x1 * bpb;
		lo = first < lo ? first : lo;
		hi = end > hi ? end : hi;
	}
	if (hi <= lo)
		return SVGA_OK;          /* nothing moves */
	return svga_surface_access_bytes(om, s, a, lo, hi - lo);
}

int svga_surface_xfer_image(struct svga_objects *om, struct svga_surface *s,
			    uint32_t layer, uint32_t mip,
			    const struct svga_box *box, bool invert,
			    enum svga_xfer_dir dir)
{
	const struct svga_mip_layout *m;
	struct blk_region r, parts[6];
	struct svga_mob *mob;
	unsigned n = 0;
	uint64_t base;

	if (svga_surface_check_image(om, s, layer, mip))
		return SVGA_ERR;
	m = &s->layout.mip[mip];
	mob = backing(om, s);
	if (!mob)
		return SVGA_ERR;
	base = (uint64_t)layer * s->layout.mip_chain_bytes + m->offset;
	if (!box) {
		r = (struct blk_region){ 0, m->bw, 0, m->bh, 0, m->bd };
		parts[n++] = r;
	} else {
		struct svga_box cb = *box;

		/* A box reaching outside the image is clipped to it (and an
		 * empty one moves nothing), as a VMware host does. */
		svga_box_clip(m, &cb);
		if (memcmp(&cb, box, sizeof(cb)))
			svga_trace(om->log,
				   "surface %u: box (%u,%u,%u %ux%ux%u) "
				   "clipped to %ux%ux%u",
				   s->sid, box->x, box->y, box->z, box->w,
				   box->h, box->d, cb.w, cb.h, cb.d);
		if (box_to_blocks(om, s, m, &cb, &r))
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
	if (xfer_access(om, s, layer, mip, parts, n, dir))
		return SVGA_ERR;
	for (unsigned i = 0; i < n; i++)
		if (xfer_region(om, s, mob, base, m, &parts[i], dir))
			return SVGA_ERR;
	return SVGA_OK;
}

int svga_surface_xfer_all(struct svga_objects *om, struct svga_surface *s,
			  enum svga_xfer_dir dir)
{
	struct svga_mob *mob = backing(om, s);
	uint64_t len = s->layout.total_bytes;
	int rc;

	if (!mob)
		return SVGA_ERR;
	if (svga_xfer_dropped(om, dir))
		return SVGA_OK;
	if (svga_surface_access(om, s, dir == SVGA_XFER_TO_HOST ?
				SVGA_STORAGE_WRITE : SVGA_STORAGE_READ))
		return SVGA_ERR;
	if (dir == SVGA_XFER_TO_HOST)
		rc = svga_mob_read(om, mob, 0, s->data, len);
	else
		rc = svga_mob_write(om, mob, 0, s->data, len);
	if (rc)
		return SVGA_ERR;
	svga_stats_bytes(om->log, dir == SVGA_XFER_TO_HOST, len);
	return SVGA_OK;
}

int svga_surface_copy_region(struct svga_objects *om, struct svga_surface *dst,
			     uint32_t dlayer, uint32_t dmip,
			     struct svga_surface *src, uint32_t slayer,
			     uint32_t smip, const SVGA3dCopyBox *cb)
{
	const struct svga_format_info *df;
	const struct svga_mip_layout *dm, *sm;
	SVGA3dCopyBox clip;
	struct blk_region sr, dr;
	struct svga_box sbox, dbox;
	uint32_t nbx, nby, nbz, bpb;
	uint64_t sbase, dbase, row;
	uint8_t *tmp = NULL;

	if (svga_surface_check_image(om, dst, dlayer, dmip) ||
	    svga_surface_check_image(om, src, slayer, smip))
		return SVGA_ERR;
	df = dst->layout.fmt;
	if (!svga_surface_copy_compatible(dst, src)) {
		svga_guest_error(om->log,
				 "copy between incompatible formats %u "
				 "and %u",
				 src->format, dst->format);
		return SVGA_ERR;
	}
	dm = &dst->layout.mip[dmip];
	sm = &src->layout.mip[smip];
	/* Clipped to both images; nothing left is a no-op (VMware, and
	 * VirtualBox's VMSVGA, do the same). */
	clip = *cb;
	if (!svga_copy_box_clip(sm, dm, &clip)) {
		svga_trace(om->log, "copy %u -> %u: box outside, skipped",
			   src->sid, dst->sid);
		return SVGA_OK;
	}
	sbox = (struct svga_box){ clip.srcx, clip.srcy, clip.srcz,
				  clip.w, clip.h, clip.d };
	dbox = (struct svga_box){ clip.x, clip.y, clip.z, clip.w, clip.h,
				  clip.d };
	if (box_to_blocks(om, src, sm, &sbox, &sr) ||
	    box_to_blocks(om, dst, dm, &dbox, &dr))
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
		svga_guest_error(om->log,
				 "copy box does not fit the destination");
		return SVGA_ERR;
	}
	if (src->samples > 1 || dst->samples > 1) {
		if (src->samples != dst->samples) {
			svga_guest_error(om->log, "copy %u -> %u between "
					 "sample counts %u and %u", src->sid,
					 dst->sid, src->samples, dst->samples);
			return SVGA_ERR;
		}
		/* the samples are on the GPU only: copied there, or the
		 * access below refuses */
		if (om->storage_ops && om->storage_ops->copy_ms)
			return om->storage_ops->copy_ms(om->storage_opaque,
							dst, dlayer, dmip, src,
							slayer, smip, &clip);
	}
	if (svga_surface_access_sub(om, src, SVGA_STORAGE_READ, slayer, smip) ||
	    svga_surface_access_sub(om, dst, SVGA_STORAGE_WRITE, dlayer, dmip))
		return SVGA_ERR;
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

/*
 * DX_TRANSFER_FROM_BUFFER: the box of one subresource of dst filled from
 * the buffer surface src, row of blocks y of slice z starting at
 * src_off + z * slice_pitch + y * pitch.  The box is clipped to the image
 * as UPDATE's is; the rows it then needs must lie in the buffer, and a
 * pitch must not make rows overlap (D3D's UpdateSubresource rule):
 * anything else is an error, with dst unchanged.
 */
int svga_surface_copy_from_buffer(struct svga_objects *om,
				  struct svga_surface *dst, uint32_t layer,
				  uint32_t mip, const struct svga_box *box,
				  struct svga_surface *src, uint32_t src_off,
				  uint32_t pitch, uint32_t slice_pitch)
{
	const struct svga_mip_layout *m;
	struct svga_box cb = *box;
	struct blk_region r;
	uint64_t row, nby, nbz, last, base;

	if (svga_surface_check_image(om, dst, layer, mip))
		return SVGA_ERR;
	if (src->format != SVGA3D_BUFFER) {
		svga_guest_error(om->log, "transfer from surface %u into %u: "
				 "the source is not a buffer", src->sid,
				 dst->sid);
		return SVGA_ERR;
	}
	m = &dst->layout.mip[mip];
	svga_box_clip(m, &cb);
	if (box_to_blocks(om, dst, m, &cb, &r))
		return SVGA_ERR;
	if (r.x1 <= r.x0 || r.y1 <= r.y0 || r.z1 <= r.z0)
		return SVGA_OK;
	row = (uint64_t)(r.x1 - r.x0) * dst->layout.fmt->bytes_per_block;
	nby = r.y1 - r.y0;
	nbz = r.z1 - r.z0;
	/* 64-bit arithmetic: the 32-bit fields cannot wrap it */
	last = (uint64_t)src_off + (nbz - 1) * slice_pitch +
	       (nby - 1) * pitch + row;
	if ((nby > 1 && pitch < row) ||
	    (nbz > 1 && slice_pitch < (nby - 1) * pitch + row) ||
	    last > src->layout.total_bytes) {
		svga_guest_error(om->log, "transfer from buffer %u (%" PRIu64
				 " bytes) at %u, pitch %u, slice pitch %u: "
				 "%" PRIu64 "x%" PRIu64 " rows of %" PRIu64
				 " bytes do not fit", src->sid,
				 src->layout.total_bytes, src_off, pitch,
				 slice_pitch, nby, nbz, row);
		return SVGA_ERR;
	}
	if (svga_surface_access_bytes(om, src, SVGA_STORAGE_READ, src_off,
				      last - src_off) ||
	    svga_surface_access_sub(om, dst, SVGA_STORAGE_WRITE, layer, mip))
		return SVGA_ERR;
	base = (uint64_t)layer * dst->layout.mip_chain_bytes + m->offset;
	for (uint64_t z = 0; z < nbz; z++)
		for (uint64_t y = 0; y < nby; y++)
			memcpy(dst->data + base + (r.z0 + z) * m->img_stride +
			       (r.y0 + y) * m->row_stride +
			       (uint64_t)r.x0 * dst->layout.fmt->bytes_per_block,
			       src->data + src_off + z * slice_pitch +
			       y * pitch, row);
	return SVGA_OK;
}
