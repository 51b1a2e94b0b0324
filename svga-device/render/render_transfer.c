// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: image uploads, readbacks and image-to-image
 * copies of boxes.
 *
 * Host memory keeps D3D's byte layout.  Vulkan copies depth and stencil
 * aspects separately (depth of D24S8 as 32-bit words whose top byte is
 * undefined, stencil as bytes), so a combined D3D texel is split on upload
 * and reassembled on readback:
 *   D24_UNORM_S8_UINT: bits 0-23 depth, bits 24-31 stencil
 *   D32_FLOAT_S8X24:   bytes 0-3 depth, byte 4 stencil, bytes 5-7 zero
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

struct xfer {
	uint32_t bw, bh, bd;          /* box size in blocks */
	uint32_t texel_bytes;         /* host bytes per block */
};

static uint32_t div_up(uint32_t a, uint32_t b)
{
	return a / b + (a % b != 0);
}

static uint32_t mip_dim(uint32_t d, uint32_t mip)
{
	return d >> mip ? d >> mip : 1;
}

static int check_box(struct svga_render *r, struct svga_render_image *img,
		     uint32_t mip, uint32_t layer,
		     const struct svga_render_box *b, struct xfer *x)
{
	const struct render_format *f = img->fmt;
	uint32_t w, h, d;

	if (mip >= img->desc.mips || layer >= img->desc.layers)
		return render_error(r, "%s image: mip %u layer %u out of range "
				    "(%u mips, %u layers)", f->name, mip, layer,
				    img->desc.mips, img->desc.layers);
	w = mip_dim(img->desc.width, mip);
	h = mip_dim(img->desc.height, mip);
	d = mip_dim(img->desc.depth, mip);
	if (!b->w || !b->h || !b->d || b->x > w || b->w > w - b->x ||
	    b->y > h || b->h > h - b->y || b->z > d || b->d > d - b->z)
		return render_error(r, "%s image: box (%u,%u,%u %ux%ux%u) "
				    "outside mip %u of %ux%ux%u", f->name, b->x,
				    b->y, b->z, b->w, b->h, b->d, mip, w, h,
				    d);
	if (b->x % f->block_w || b->y % f->block_h ||
	    ((b->x + b->w) % f->block_w && b->x + b->w != w) ||
	    ((b->y + b->h) % f->block_h && b->y + b->h != h))
		return render_error(r, "%s image: box (%u,%u %ux%u) not "
				    "aligned to %ux%u blocks", f->name, b->x,
				    b->y, b->w, b->h, f->block_w, f->block_h);
	x->bw = div_up(b->w, f->block_w);
	x->bh = div_up(b->h, f->block_h);
	x->bd = b->d;
	x->texel_bytes = f->bytes;
	return 0;
}

static int check_pitches(struct svga_render *r, const struct xfer *x,
			 uint32_t row_pitch, uint32_t slice_pitch)
{
	uint64_t row = (uint64_t)x->bw * x->texel_bytes;

	if (row_pitch < row ||
	    (x->bd > 1 && slice_pitch < (uint64_t)row_pitch * x->bh))
		return render_error(r, "pitches %u/%u too small for %u blocks "
				    "of %u bytes by %u rows", row_pitch,
				    slice_pitch, x->bw, x->texel_bytes, x->bh);
	return 0;
}

/* One aspect's part of a host texel: where it is and how many bytes the
 * Vulkan copy of that aspect takes per texel. */
struct aspect_part {
	VkImageAspectFlagBits aspect;
	uint32_t host_offset, host_bytes, vk_bytes;
};

static unsigned aspect_parts(const struct svga_render_image *img,
			     struct aspect_part p[2])
{
	if (img->aspects == VK_IMAGE_ASPECT_COLOR_BIT) {
		p[0] = (struct aspect_part){ VK_IMAGE_ASPECT_COLOR_BIT, 0,
					     img->fmt->bytes, img->fmt->bytes };
		return 1;
	}
	switch (img->vk) {
	case VK_FORMAT_D24_UNORM_S8_UINT:
		p[0] = (struct aspect_part){ VK_IMAGE_ASPECT_DEPTH_BIT, 0, 3, 4 };
		p[1] = (struct aspect_part){ VK_IMAGE_ASPECT_STENCIL_BIT, 3, 1, 1 };
		return 2;
	case VK_FORMAT_D32_SFLOAT_S8_UINT:
		p[0] = (struct aspect_part){ VK_IMAGE_ASPECT_DEPTH_BIT, 0, 4, 4 };
		p[1] = (struct aspect_part){ VK_IMAGE_ASPECT_STENCIL_BIT, 4, 1, 1 };
		return 2;
	default:
		p[0] = (struct aspect_part){ VK_IMAGE_ASPECT_DEPTH_BIT, 0,
					     img->fmt->bytes, img->fmt->bytes };
		return 1;
	}
}

static VkBufferImageCopy region(const struct svga_render_image *img,
				uint32_t mip, uint32_t layer,
				const struct svga_render_box *b,
				VkImageAspectFlagBits aspect, uint64_t offset)
{
	bool is3d = img->type == VK_IMAGE_TYPE_3D;

	return (VkBufferImageCopy){
		.bufferOffset = offset,
		.imageSubresource = { aspect, mip, is3d ? 0 : layer, 1 },
		.imageOffset = { (int32_t)b->x, (int32_t)b->y, (int32_t)b->z },
		.imageExtent = { b->w, b->h, b->d },
	};
}

/* Staging bytes of a transfer: each aspect part tightly packed, at
 * offs[i], 4-byte aligned as Vulkan wants each region. */
static uint64_t staging_layout(const struct aspect_part *p, unsigned n,
			       uint64_t texels, uint64_t offs[2])
{
	uint64_t offset = 0;

	for (unsigned i = 0; i < n; i++) {
		offs[i] = offset;
		offset += (texels * p[i].vk_bytes + 3) & ~3ull;
	}
	return offset;
}

/* Whole texels between host rows and packed staging: one memcpy per
 * contiguous run (the whole box when the pitches leave no gaps, else a
 * slice or a row). */
static void copy_whole(const struct xfer *x, uint8_t *dst, const uint8_t *src,
		       uint32_t row_pitch, uint32_t slice_pitch,
		       bool dst_is_host)
{
	size_t row = (size_t)x->bw * x->texel_bytes;
	uint32_t rows = row_pitch == row ? x->bh : 1;
	uint32_t slices = rows == x->bh &&
			  (x->bd == 1 ||
			   slice_pitch == (uint64_t)row * x->bh) ? x->bd : 1;
	size_t run = row * rows * slices;

	for (uint32_t z = 0; z < x->bd; z += slices)
		for (uint32_t y = 0; y < x->bh; y += rows) {
			uint64_t at = (uint64_t)z * slice_pitch +
				      (uint64_t)y * row_pitch;

			if (dst_is_host) {
				memcpy(dst + at, src, run);
				src += run;
			} else {
				memcpy(dst, src + at, run);
				dst += run;
			}
		}
}

/* Host rows <-> tightly packed staging, one aspect part. */
static void pack(const struct xfer *x, const struct aspect_part *p,
		 uint8_t *dst, const uint8_t *src, uint32_t row_pitch,
		 uint32_t slice_pitch)
{
	if (p->host_bytes == x->texel_bytes) {
		copy_whole(x, dst, src, row_pitch, slice_pitch, false);
		return;
	}
	for (uint32_t z = 0; z < x->bd; z++)
		for (uint32_t y = 0; y < x->bh; y++) {
			const uint8_t *s = src + (uint64_t)z * slice_pitch +
					   (uint64_t)y * row_pitch;

			for (uint32_t i = 0; i < x->bw; i++) {
				memset(dst, 0, p->vk_bytes);
				memcpy(dst, s + (size_t)i * x->texel_bytes +
					    p->host_offset, p->host_bytes);
				dst += p->vk_bytes;
			}
		}
}

static void unpack(const struct xfer *x, const struct aspect_part *p,
		   uint8_t *dst, const uint8_t *src, uint32_t row_pitch,
		   uint32_t slice_pitch)
{
	if (p->host_bytes == x->texel_bytes) {
		copy_whole(x, dst, src, row_pitch, slice_pitch, true);
		return;
	}
	for (uint32_t z = 0; z < x->bd; z++)
		for (uint32_t y = 0; y < x->bh; y++) {
			uint8_t *d = dst + (uint64_t)z * slice_pitch +
				     (uint64_t)y * row_pitch;

			for (uint32_t i = 0; i < x->bw; i++) {
				memcpy(d + (size_t)i * x->texel_bytes +
				       p->host_offset, src, p->host_bytes);
				src += p->vk_bytes;
			}
		}
}

int svga_render_image_upload(struct svga_render *r,
			     struct svga_render_image *img, uint32_t mip,
			     uint32_t layer, const struct svga_render_box *box,
			     const void *data, uint32_t row_pitch,
			     uint32_t slice_pitch)
{
	struct aspect_part parts[2];
	unsigned n = aspect_parts(img, parts);
	VkBufferImageCopy regions[2];
	struct render_staging *s;
	uint64_t offs[2], size;
	struct xfer x;

	if (check_box(r, img, mip, layer, box, &x) ||
	    check_pitches(r, &x, row_pitch, slice_pitch))
		return -1;
	if (img->desc.samples > 1)
		return render_error(r, "multisampled images take no uploads");
	size = staging_layout(parts, n, (uint64_t)x.bw * x.bh * x.bd, offs);
	if (render_staging_new(r, size, false, &s))
		return -1;
	for (unsigned i = 0; i < n; i++) {
		regions[i] = region(img, mip, layer, box, parts[i].aspect,
				    offs[i]);
		pack(&x, &parts[i], (uint8_t *)s->map + offs[i], data,
		     row_pitch, slice_pitch);
	}
	vkCmdCopyBufferToImage(render_cmd(r), s->buf, img->image,
			       VK_IMAGE_LAYOUT_GENERAL, n, regions);
	return 0;
}

/* The GPU copies straight into host memory (render_readback.c) when the
 * host layout is one Vulkan can describe: whole texels of one aspect,
 * pitches in whole texels and rows.  1: stage instead. */
static int readback_direct(struct svga_render *r,
			   struct svga_render_image *img, uint32_t mip,
			   uint32_t layer, const struct svga_render_box *box,
			   const struct xfer *x, void *data,
			   uint32_t row_pitch, uint32_t slice_pitch)
{
	const struct render_format *f = img->fmt;
	struct render_import im;
	VkBufferImageCopy reg;
	uint64_t span;
	int ret;

	if (img->aspects != VK_IMAGE_ASPECT_COLOR_BIT ||
	    row_pitch % x->texel_bytes ||
	    (x->bd > 1 && slice_pitch % row_pitch))
		return 1;
	span = (uint64_t)(x->bd - 1) * slice_pitch +
	       (uint64_t)(x->bh - 1) * row_pitch +
	       (uint64_t)x->bw * x->texel_bytes;
	/* Vulkan wants the offset in whole texels */
	if (render_host_import(r, data, span, x->texel_bytes, &im))
		return 1;
	reg = region(img, mip, layer, box, VK_IMAGE_ASPECT_COLOR_BIT,
		     im.offset);
	reg.bufferRowLength = row_pitch / x->texel_bytes * f->block_w;
	reg.bufferImageHeight = x->bd > 1 ?
				slice_pitch / row_pitch * f->block_h : 0;
	vkCmdCopyImageToBuffer(render_cmd(r), img->image,
			       VK_IMAGE_LAYOUT_GENERAL, im.buf, 1, &reg);
	ret = svga_render_flush(r) ? -1 : 0;
	render_host_import_free(r, &im);
	return ret;
}

int svga_render_image_readback(struct svga_render *r,
			       struct svga_render_image *img, uint32_t mip,
			       uint32_t layer,
			       const struct svga_render_box *box, void *data,
			       uint32_t row_pitch, uint32_t slice_pitch)
{
	struct aspect_part parts[2];
	unsigned n = aspect_parts(img, parts);
	VkBufferImageCopy regions[2];
	struct render_staging *s;
	uint64_t offs[2], size;
	struct xfer x;
	int ret;

	if (check_box(r, img, mip, layer, box, &x) ||
	    check_pitches(r, &x, row_pitch, slice_pitch))
		return -1;
	if (img->desc.samples > 1)
		return render_error(r, "multisampled images are resolved "
				    "before readback");
	ret = readback_direct(r, img, mip, layer, box, &x, data, row_pitch,
			      slice_pitch);
	if (ret <= 0)
		return ret;
	size = staging_layout(parts, n, (uint64_t)x.bw * x.bh * x.bd, offs);
	if (render_readback_staging_get(r, size, &s))
		return -1;
	for (unsigned i = 0; i < n; i++)
		regions[i] = region(img, mip, layer, box, parts[i].aspect,
				    offs[i]);
	vkCmdCopyImageToBuffer(render_cmd(r), img->image,
			       VK_IMAGE_LAYOUT_GENERAL, s->buf, n, regions);
	if (svga_render_flush(r)) {
		render_readback_staging_put(r, s);
		return -1;
	}
	if (n > 1)  /* zero the padding bytes of D32S8 texels */
		for (uint32_t z = 0; z < x.bd; z++)
			for (uint32_t y = 0; y < x.bh; y++)
				memset((uint8_t *)data +
				       (uint64_t)z * slice_pitch +
				       (uint64_t)y * row_pitch, 0,
				       (size_t)x.bw * x.texel_bytes);
	for (unsigned i = 0; i < n; i++)
		unpack(&x, &parts[i], data, (uint8_t *)s->map + offs[i],
		       row_pitch, slice_pitch);
	render_readback_staging_put(r, s);
	return 0;
}

int svga_render_image_copy(struct svga_render *r,
			   struct svga_render_image *dst, uint32_t dst_mip,
			   uint32_t dst_layer, uint32_t dx, uint32_t dy,
			   uint32_t dz, struct svga_render_image *src,
			   uint32_t src_mip, uint32_t src_layer,
			   const struct svga_render_box *box)
{
	struct svga_render_box dbox;
	struct xfer xs, xd;
	VkImageCopy c;

	if (check_box(r, src, src_mip, src_layer, box, &xs))
		return -1;
	if (src->fmt->bytes != dst->fmt->bytes || src->aspects != dst->aspects ||
	    (src->aspects != VK_IMAGE_ASPECT_COLOR_BIT && src->vk != dst->vk))
		return render_error(r, "copy %s -> %s: incompatible formats",
				    src->fmt->name, dst->fmt->name);
	if (src->desc.samples != dst->desc.samples)
		return render_error(r, "copy between sample counts %u -> %u",
				    src->desc.samples, dst->desc.samples);
	/* the destination box in destination texels (same block count) */
	dbox = (struct svga_render_box){ dx, dy, dz,
		xs.bw * dst->fmt->block_w, xs.bh * dst->fmt->block_h, box->d };
	if (dst_mip < dst->desc.mips) {
		uint32_t w = mip_dim(dst->desc.width, dst_mip);
		uint32_t h = mip_dim(dst->desc.height, dst_mip);

		/* a partial edge block ends at the mip's edge */
		if (dx < w && dbox.w > w - dx && dbox.w - (w - dx) <
		    dst->fmt->block_w)
			dbox.w = w - dx;
		if (dy < h && dbox.h > h - dy && dbox.h - (h - dy) <
		    dst->fmt->block_h)
			dbox.h = h - dy;
	}
	if (check_box(r, dst, dst_mip, dst_layer, &dbox, &xd))
		return -1;
	if (src == dst && src_mip == dst_mip && src_layer == dst_layer &&
	    box->x < dx + dbox.w && dx < box->x + box->w &&
	    box->y < dy + dbox.h && dy < box->y + box->h &&
	    box->z < dz + dbox.d && dz < box->z + box->d)
		return render_error(r, "copy within one subresource overlaps");
	c = (VkImageCopy){
		.srcSubresource = { src->aspects, src_mip,
				    src->type == VK_IMAGE_TYPE_3D ? 0 : src_layer,
				    1 },
		.srcOffset = { (int32_t)box->x, (int32_t)box->y,
			       (int32_t)box->z },
		.dstSubresource = { dst->aspects, dst_mip,
				    dst->type == VK_IMAGE_TYPE_3D ? 0 : dst_layer,
				    1 },
		.dstOffset = { (int32_t)dx, (int32_t)dy, (int32_t)dz },
		.extent = { box->w, box->h, box->d },
	};
	vkCmdCopyImage(render_cmd(r), src->image, VK_IMAGE_LAYOUT_GENERAL,
		       dst->image, VK_IMAGE_LAYOUT_GENERAL, 1, &c);
	return 0;
}
