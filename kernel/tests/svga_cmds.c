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

void svga_cmd_update_gb_image_range(struct svga_cmd_stream *cs, uint32_t sid,
				    uint32_t x, uint32_t w)
{
	SVGA3dCmdUpdateGBImage body = {
		.image.sid = sid,
		.box = { .x = x, .w = w, .h = 1, .d = 1 },
	};

	svga_cmd_append(cs, SVGA_3D_CMD_UPDATE_GB_IMAGE, &body, sizeof(body));
}

void svga_cmd_readback_gb_image(struct svga_cmd_stream *cs, uint32_t sid)
{
	SVGA3dCmdReadbackGBImage body = { .image.sid = sid };

	svga_cmd_append(cs, SVGA_3D_CMD_READBACK_GB_IMAGE, &body, sizeof(body));
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

void svga_cmd_surface_copy_image(struct svga_cmd_stream *cs, uint32_t sid_src,
				 uint32_t sid_dst, uint32_t face, uint32_t mip,
				 uint32_t w, uint32_t h, uint32_t d)
{
	struct {
		SVGA3dCmdSurfaceCopy copy;
		SVGA3dCopyBox box;
	} body;

	memset(&body, 0, sizeof(body));
	body.copy.src.sid = sid_src;
	body.copy.src.face = face;
	body.copy.src.mipmap = mip;
	body.copy.dest = body.copy.src;
	body.copy.dest.sid = sid_dst;
	body.box.w = w;
	body.box.h = h;
	body.box.d = d;
	svga_cmd_append(cs, SVGA_3D_CMD_SURFACE_COPY, &body, sizeof(body));
}

void svga_cmd_dx_buffer_copy(struct svga_cmd_stream *cs, uint32_t sid_src,
			     uint32_t sid_dst, uint32_t src_x, uint32_t dst_x,
			     uint32_t width)
{
	SVGA3dCmdDXBufferCopy body = {
		.dest = sid_dst, .src = sid_src,
		.destX = dst_x, .srcX = src_x, .width = width,
	};

	svga_cmd_append(cs, SVGA_3D_CMD_DX_BUFFER_COPY, &body, sizeof(body));
}

void svga_cmd_dx_pred_copy_region(struct svga_cmd_stream *cs, uint32_t sid_src,
				  uint32_t sid_dst, uint32_t subres,
				  uint32_t w, uint32_t h, uint32_t d)
{
	SVGA3dCmdDXPredCopyRegion body;

	memset(&body, 0, sizeof(body));
	body.dstSid = sid_dst;
	body.dstSubResource = subres;
	body.srcSid = sid_src;
	body.srcSubResource = subres;
	body.box.w = w;
	body.box.h = h;
	body.box.d = d;
	svga_cmd_append(cs, SVGA_3D_CMD_DX_PRED_COPY_REGION, &body, sizeof(body));
}

void svga_cmd_dx_define_rtv(struct svga_cmd_stream *cs, uint32_t view_id,
			    uint32_t sid, uint32_t format, uint32_t mip,
			    uint32_t first_slice, uint32_t slices)
{
	SVGA3dCmdDXDefineRenderTargetView body;

	memset(&body, 0, sizeof(body));
	body.renderTargetViewId = view_id;
	body.sid = sid;
	body.format = format;
	/* SVGA has no separate array dimension: arraySize says it */
	body.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	body.desc.tex.mipSlice = mip;
	body.desc.tex.firstArraySlice = first_slice;
	body.desc.tex.arraySize = slices;
	svga_cmd_append(cs, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, &body,
			sizeof(body));
}

void svga_cmd_dx_destroy_rtv(struct svga_cmd_stream *cs, uint32_t view_id)
{
	SVGA3dCmdDXDestroyRenderTargetView body = {
		.renderTargetViewId = view_id,
	};

	svga_cmd_append(cs, SVGA_3D_CMD_DX_DESTROY_RENDERTARGET_VIEW, &body,
			sizeof(body));
}

void svga_cmd_dx_clear_rtv(struct svga_cmd_stream *cs, uint32_t view_id,
			   const float rgba[4])
{
	SVGA3dCmdDXClearRenderTargetView body;

	memset(&body, 0, sizeof(body));
	body.renderTargetViewId = view_id;
	body.rgba.r = rgba[0];
	body.rgba.g = rgba[1];
	body.rgba.b = rgba[2];
	body.rgba.a = rgba[3];
	svga_cmd_append(cs, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, &body,
			sizeof(body));
}
