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
/* SURFACE_COPY of one box from (sid_src, mip 0, face 0) to sid_dst. */
void svga_cmd_surface_copy(struct svga_cmd_stream *cs, uint32_t sid_src,
			   uint32_t sid_dst, uint32_t srcx, uint32_t srcy,
			   uint32_t x, uint32_t y, uint32_t w, uint32_t h,
			   uint32_t d);

#endif
