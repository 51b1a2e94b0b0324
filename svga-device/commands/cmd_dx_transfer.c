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

/* DX_TRANSFER_FROM_BUFFER: Mesa's texture uploads through its upload
 * buffer (svga_texture_transfer_map_upload). */
SVGA_CMD(svga_cmd_dx_transfer_from_buffer)
{
	SVGA_BODY(SVGA3dCmdDXTransferFromBuffer, c);
	struct svga_surface *d = svga_cmd_surface(cx, c.destSid);
	struct svga_surface *s = svga_cmd_surface(cx, c.srcSid);
	uint32_t layer, mip;
	struct svga_box b;

	(void)size;
	if (!d || !s || subres(cx, d, c.destSubResource, &layer, &mip))
		return SVGA_ERR;
	svga_box_from(&b, &c.destBox);
	return svga_surface_copy_from_buffer(cx->om, d, layer, mip, &b, s,
					     c.srcOffset, c.srcPitch,
					     c.srcSlicePitch);
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

/*
 * DX_RESOLVE_COPY: the average of each pixel's samples of a multisampled
 * subresource into a single-sampled one of the same size (D3D's
 * ResolveSubresource; Mesa's glBlitFramebuffer from a multisampled
 * framebuffer of the same size and a compatible format).  copyFormat is
 * the format both are read and written as: a format of the same block
 * size as both surfaces.  Only the renderer holds samples: without it, a
 * command error.
 */
SVGA_CMD(svga_cmd_dx_resolve_copy)
{
	SVGA_BODY(SVGA3dCmdDXResolveCopy, c);
	struct svga_surface *d = svga_cmd_surface(cx, c.dstSid);
	struct svga_surface *s = svga_cmd_surface(cx, c.srcSid);
	const struct svga_format_info *cf = svga_format_get(c.copyFormat);
	uint32_t dl, dm, sl, sm;
	const char *why = NULL;

	(void)size;
	if (!d || !s || subres(cx, d, c.dstSubResource, &dl, &dm) ||
	    subres(cx, s, c.srcSubResource, &sl, &sm))
		return SVGA_ERR;
	if (s->samples < 2)
		why = "the source is not multisampled";
	else if (d->samples != 1)
		why = "the destination is multisampled";
	else if (d->layout.mip[dm].w != s->layout.mip[sm].w ||
		 d->layout.mip[dm].h != s->layout.mip[sm].h ||
		 d->layout.mip[dm].d != 1)
		why = "the subresources differ in size";
	else if (!svga_surface_copy_compatible(d, s) || !cf ||
		 cf->bytes_per_block != s->layout.fmt->bytes_per_block ||
		 cf->block_w != 1 || cf->block_h != 1)
		why = "the formats are not compatible";
	else if (!cx->dx_hooks || !cx->dx_hooks->resolve_copy)
		why = "not executed without the renderer";
	if (why) {
		svga_guest_error(cx->log, "DX_RESOLVE_COPY %u (sub %u) -> %u "
				 "(sub %u, format %u): %s", c.srcSid,
				 c.srcSubResource, c.dstSid, c.dstSubResource,
				 c.copyFormat, why);
		return SVGA_ERR;
	}
	return cx->dx_hooks->resolve_copy(cx->dx_hooks_opaque, &c) ?
	       SVGA_ERR : SVGA_OK;
}
