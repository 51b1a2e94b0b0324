// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX subresource transfers and
 * copies.
 */
#include "svga_commands.h"

/* A subresource index the surface lacks is an error (no VMware host can
 * address it); boxes are clipped by the object layer. */
static int subres(struct svga_cmd_ctx *cx, struct svga_surface *s, uint32_t sub,
		  uint32_t *layer, uint32_t *mip)
{
	*layer = sub / s->layout.num_mips;
	*mip = sub % s->layout.num_mips;
	return svga_surface_check_image(cx->om, s, *layer, *mip);
}

SVGA_CMD(svga_cmd_dx_update_subresource)
{
	SVGA_BODY(SVGA3dCmdDXUpdateSubResource, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);
	uint32_t layer, mip;
	struct svga_box b;

	(void)size;
	if (!s || subres(cx, s, c.subResource, &layer, &mip))
		return SVGA_ERR;
	svga_box_from(&b, &c.box);
	return svga_surface_xfer_image(cx->om, s, layer, mip, &b, false,
				       SVGA_XFER_TO_HOST);
}

SVGA_CMD(svga_cmd_dx_readback_subresource)
{
	SVGA_BODY(SVGA3dCmdDXReadbackSubResource, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);
	uint32_t layer, mip;

	(void)size;
	if (!s || subres(cx, s, c.subResource, &layer, &mip))
		return SVGA_ERR;
	return svga_surface_xfer_image(cx->om, s, layer, mip, NULL, false,
				       SVGA_XFER_TO_GUEST);
}

SVGA_CMD(svga_cmd_dx_invalidate_subresource)
{
	SVGA_BODY(SVGA3dCmdDXInvalidateSubResource, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);
	uint32_t layer, mip;

	(void)size;
	if (!s || subres(cx, s, c.subResource, &layer, &mip))
		return SVGA_ERR;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_pred_copy_region)
{
	SVGA_BODY(SVGA3dCmdDXPredCopyRegion, c);
	struct svga_surface *d = svga_cmd_surface(cx, c.dstSid);
	struct svga_surface *s = svga_cmd_surface(cx, c.srcSid);
	uint32_t dl, dm, sl, sm;
	int pred;

	(void)size;
	if (!d || !s || subres(cx, d, c.dstSubResource, &dl, &dm) ||
	    subres(cx, s, c.srcSubResource, &sl, &sm))
		return SVGA_ERR;
	pred = svga_cmd_dx_predicated(cx, "DX_PRED_COPY_REGION");
	if (pred)
		return pred < 0 ? SVGA_ERR : SVGA_OK;
	return svga_surface_copy_region(cx->om, d, dl, dm, s, sl, sm, &c.box);
}

SVGA_CMD(svga_cmd_dx_pred_copy)
{
	SVGA_BODY(SVGA3dCmdDXPredCopy, c);
	struct svga_surface *d = svga_cmd_surface(cx, c.dstSid);
	struct svga_surface *s = svga_cmd_surface(cx, c.srcSid);
	int pred;

	(void)size;
	if (!d || !s)
		return SVGA_ERR;
	if (d->layout.total_bytes != s->layout.total_bytes ||
	    d->layout.num_mips != s->layout.num_mips ||
	    d->layout.num_layers != s->layout.num_layers ||
	    d->width != s->width || d->height != s->height ||
	    d->depth != s->depth ||
	    d->layout.fmt->bytes_per_block != s->layout.fmt->bytes_per_block ||
	    d->layout.fmt->block_w != s->layout.fmt->block_w) {
		svga_guest_error(cx->log, "DX_PRED_COPY between different "
				 "surfaces %u and %u", c.srcSid, c.dstSid);
		return SVGA_ERR;
	}
	pred = svga_cmd_dx_predicated(cx, "DX_PRED_COPY");
	if (pred)
		return pred < 0 ? SVGA_ERR : SVGA_OK;
	if (d == s)
		return SVGA_OK;
	if (svga_surface_access(cx->om, s, SVGA_STORAGE_READ) ||
	    svga_surface_access(cx->om, d, SVGA_STORAGE_WRITE))
		return SVGA_ERR;
	memcpy(d->data, s->data, d->layout.total_bytes);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_buffer_copy)
{
	SVGA_BODY(SVGA3dCmdDXBufferCopy, c);
	struct svga_surface *d = svga_cmd_surface(cx, c.dest);
	struct svga_surface *s = svga_cmd_surface(cx, c.src);
	uint32_t w;

	(void)size;
	if (!d || !s)
		return SVGA_ERR;
	/* The range is clipped to both buffers, like a box. */
	w = c.width;
	if (!svga_range_clip(s->layout.total_bytes, c.srcX, &w) ||
	    !svga_range_clip(d->layout.total_bytes, c.destX, &w)) {
		svga_trace(cx->log, "DX_BUFFER_COPY %u -> %u: range outside, "
			   "skipped", c.src, c.dest);
		return SVGA_OK;
	}
	if (svga_surface_access_bytes(cx->om, s, SVGA_STORAGE_READ, c.srcX,
				      w) ||
	    svga_surface_access_bytes(cx->om, d, SVGA_STORAGE_WRITE, c.destX,
				      w))
		return SVGA_ERR;
	memmove(d->data + c.destX, s->data + c.srcX, w);
	return SVGA_OK;
}
