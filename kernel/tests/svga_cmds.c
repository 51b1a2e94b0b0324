// SPDX-License-Identifier: MIT
#include "svga_cmds.h"

#include <string.h>

void svga_cmd_init(struct svga_cmd_stream *cs)
{
	cs->len = 0;
	cs->overflow = false;
}

bool svga_cmd_failed(const struct svga_cmd_stream *cs)
{
	return cs->overflow;
}

void svga_cmd_append(struct svga_cmd_stream *cs, uint32_t id,
		     const void *body, uint32_t size)
{
	SVGA3dCmdHeader header = { .id = id, .size = size };

	if (cs->overflow || sizeof(header) + size > SVGA_CMD_STREAM_MAX - cs->len) {
		cs->overflow = true;
		return;
	}
	memcpy(cs->buf + cs->len, &header, sizeof(header));
	memcpy(cs->buf + cs->len + sizeof(header), body, size);
	cs->len += sizeof(header) + size;
}

void svga_cmd_update_gb_surface(struct svga_cmd_stream *cs, uint32_t sid)
{
	SVGA3dCmdUpdateGBSurface body = { .sid = sid };

	svga_cmd_append(cs, SVGA_3D_CMD_UPDATE_GB_SURFACE, &body, sizeof(body));
}

void svga_cmd_readback_gb_surface(struct svga_cmd_stream *cs, uint32_t sid)
{
	SVGA3dCmdReadbackGBSurface body = { .sid = sid };

	svga_cmd_append(cs, SVGA_3D_CMD_READBACK_GB_SURFACE, &body, sizeof(body));
}

void svga_cmd_surface_copy(struct svga_cmd_stream *cs, uint32_t sid_src,
			   uint32_t sid_dst, uint32_t srcx, uint32_t srcy,
			   uint32_t x, uint32_t y, uint32_t w, uint32_t h,
			   uint32_t d)
{
	struct {
		SVGA3dCmdSurfaceCopy copy;
		SVGA3dCopyBox box;
	} body;

	memset(&body, 0, sizeof(body));
	body.copy.src.sid = sid_src;
	body.copy.dest.sid = sid_dst;
	body.box.x = x;
	body.box.y = y;
	body.box.w = w;
	body.box.h = h;
	body.box.d = d;
	body.box.srcx = srcx;
	body.box.srcy = srcy;
	svga_cmd_append(cs, SVGA_3D_CMD_SURFACE_COPY, &body, sizeof(body));
}
