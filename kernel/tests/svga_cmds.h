/* SPDX-License-Identifier: MIT */
/*
 * Building SVGA3D command streams for DRM_VMW_EXECBUF, with the command
 * layouts of the pinned kernel's device headers.
 */
#ifndef SVGA_CMDS_H
#define SVGA_CMDS_H

#include <stdbool.h>
#include <stdint.h>

#include "svga3d_reg.h"

#define SVGA_CMD_STREAM_MAX 4096u

struct svga_cmd_stream {
	uint8_t buf[SVGA_CMD_STREAM_MAX];
	uint32_t len;
	bool overflow;  /* a command did not fit: do not submit */
};

void svga_cmd_init(struct svga_cmd_stream *cs);
bool svga_cmd_failed(const struct svga_cmd_stream *cs);
/* Append a command: header (id, size of body) then body. */
void svga_cmd_append(struct svga_cmd_stream *cs, uint32_t id,
		     const void *body, uint32_t size);

void svga_cmd_update_gb_surface(struct svga_cmd_stream *cs, uint32_t sid);
void svga_cmd_readback_gb_surface(struct svga_cmd_stream *cs, uint32_t sid);
/* UPDATE_GB_IMAGE of bytes [x, x + w) of a buffer surface (image 0: one
 * row of width bytes). */
void svga_cmd_update_gb_image_range(struct svga_cmd_stream *cs, uint32_t sid,
				    uint32_t x, uint32_t w);
/* READBACK_GB_IMAGE of image 0 (the kernel refuses the _PARTIAL form). */
void svga_cmd_readback_gb_image(struct svga_cmd_stream *cs, uint32_t sid);
/* SURFACE_COPY of one box from (sid_src, mip 0, face 0) to sid_dst. */
void svga_cmd_surface_copy(struct svga_cmd_stream *cs, uint32_t sid_src,
			   uint32_t sid_dst, uint32_t srcx, uint32_t srcy,
			   uint32_t x, uint32_t y, uint32_t w, uint32_t h,
			   uint32_t d);
/* SURFACE_COPY of one whole image (face/layer, mip) of w x h x d texels. */
void svga_cmd_surface_copy_image(struct svga_cmd_stream *cs, uint32_t sid_src,
				 uint32_t sid_dst, uint32_t face, uint32_t mip,
				 uint32_t w, uint32_t h, uint32_t d);

/* DX commands: submit them with a DX context as execbuf context. */
void svga_cmd_dx_buffer_copy(struct svga_cmd_stream *cs, uint32_t sid_src,
			     uint32_t sid_dst, uint32_t src_x, uint32_t dst_x,
			     uint32_t width);
/* DX_PRED_COPY_REGION of the whole subresource (w x h x d texels). */
void svga_cmd_dx_pred_copy_region(struct svga_cmd_stream *cs, uint32_t sid_src,
				  uint32_t sid_dst, uint32_t subres,
				  uint32_t w, uint32_t h, uint32_t d);
/* Render-target view on (mip, first_slice, slices) of a 2D (array) texture. */
void svga_cmd_dx_define_rtv(struct svga_cmd_stream *cs, uint32_t view_id,
			    uint32_t sid, uint32_t format, uint32_t mip,
			    uint32_t first_slice, uint32_t slices);
void svga_cmd_dx_destroy_rtv(struct svga_cmd_stream *cs, uint32_t view_id);
void svga_cmd_dx_clear_rtv(struct svga_cmd_stream *cs, uint32_t view_id,
			   const float rgba[4]);

#endif
