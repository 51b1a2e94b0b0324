/* SPDX-License-Identifier: MIT */
/*
 * coherent-svga renderer tests: upload -> readback round trips of one
 * subresource, bytes exact, in any format the device core knows (shared by
 * test_render_image and test_backend_devcaps).
 */
#ifndef RENDER_ROUNDTRIP_H
#define RENDER_ROUNDTRIP_H

#include "render_test.h"
#include "svga_objects.h"

static uint32_t seed = 0x12345678;

/* Formats whose bytes hold a 32-bit float depth (valid in [0,1] only) and,
 * for the D32S8 family, a stencil byte and three zero bytes. */
static bool is_d32s8(uint32_t f)
{
	return f == SVGA3D_R32G8X24_TYPELESS || f == SVGA3D_D32_FLOAT_S8X24_UINT ||
	       f == SVGA3D_R32_FLOAT_X8X24 || f == SVGA3D_X32_G8X24_UINT;
}

static void fill(uint32_t fmt, uint8_t *p, size_t texels, uint32_t bytes)
{
	for (size_t i = 0; i < texels * bytes; i++)
		p[i] = (uint8_t)rt_rand(&seed);
	for (size_t i = 0; i < texels; i++) {
		uint8_t *t = p + i * bytes;
		float d = (float)(rt_rand(&seed) & 0xffffff) / 16777215.0f;

		if (fmt == SVGA3D_D32_FLOAT) {
			memcpy(t, &d, 4);
		} else if (is_d32s8(fmt)) {
			memcpy(t, &d, 4);
			t[5] = t[6] = t[7] = 0;
		}
	}
}

static uint32_t div_up(uint32_t a, uint32_t b)
{
	return (a + b - 1) / b;
}

/* Full mip upload with padded pitches, readback with other pitches. */
static void roundtrip_full(struct svga_render *r, struct svga_render_image *img,
			   const struct svga_format_info *f, uint32_t w,
			   uint32_t h, uint32_t mip, uint32_t layer)
{
	uint32_t mw = w >> mip ? w >> mip : 1, mh = h >> mip ? h >> mip : 1;
	uint32_t bw = div_up(mw, f->block_w), bh = div_up(mh, f->block_h);
	uint32_t tight = bw * f->bytes_per_block;
	uint32_t in_pitch = tight + 12, out_pitch = tight + 4;
	uint8_t *src = calloc(bh, in_pitch), *dst = calloc(bh, out_pitch);
	uint8_t *rows = malloc((size_t)bw * bh * f->bytes_per_block);
	struct svga_render_box box = { 0, 0, 0, mw, mh, 1 };
	int bad = 0;

	fill(f->format, rows, (size_t)bw * bh, f->bytes_per_block);
	for (uint32_t y = 0; y < bh; y++)
		memcpy(src + (size_t)y * in_pitch, rows + (size_t)y * tight, tight);
	memset(dst, 0xee, (size_t)bh * out_pitch);
	ROK(r, svga_render_image_upload(r, img, mip, layer, &box, src, in_pitch,
					in_pitch * bh));
	ROK(r, svga_render_image_readback(r, img, mip, layer, &box, dst,
					  out_pitch, out_pitch * bh));
	for (uint32_t y = 0; y < bh; y++)
		bad += memcmp(dst + (size_t)y * out_pitch,
			      rows + (size_t)y * tight, tight) != 0;
	RCHECK(bad == 0, "%s mip %u layer %u: %d of %u rows differ", f->name,
	       mip, layer, bad, bh);
	/* the readback wrote no byte past each row */
	for (uint32_t y = 0; y < bh; y++)
		for (uint32_t i = tight; i < out_pitch; i++)
			if (dst[(size_t)y * out_pitch + i] != 0xee)
				bad++;
	RCHECK(bad == 0, "%s: readback wrote past its rows", f->name);
	free(src);
	free(dst);
	free(rows);
}

#endif
