// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: screen targets, the surface
 * image bound to each, and what the embedder scans out.
 */
#include "svga_objects.h"

#include <stdlib.h>
#include <string.h>

int svga_stdu_define(struct svga_objects *om, uint32_t stid, uint32_t width,
		     uint32_t height, int32_t x, int32_t y, uint32_t flags)
{
	struct svga_stdu *st;

	if (width == 0 || height == 0 || width > om->cfg->stdu_max_width ||
	    height > om->cfg->stdu_max_height) {
		svga_guest_error(om->log, "screen target %u: bad size %ux%u",
				 stid, width, height);
		return SVGA_ERR;
	}
	if (svga_obj_check_new(om, SVGA_OBJ_SCREENTARGET, stid))
		return SVGA_ERR;
	st = calloc(1, sizeof(*st));
	if (!st)
		return SVGA_ERR;
	st->defined = true;
	st->width = width;
	st->height = height;
	st->x = x;
	st->y = y;
	st->flags = flags;
	st->image.sid = SVGA3D_INVALID_ID;
	svga_obj_put(om, SVGA_OBJ_SCREENTARGET, stid, st);
	return SVGA_OK;
}

int svga_stdu_bind(struct svga_objects *om, uint32_t stid,
		   struct svga_stdu *st, const SVGA3dSurfaceImageId *image)
{
	struct svga_surface *s;

	if (image->sid == SVGA3D_INVALID_ID) {
		st->image = *image;
		return SVGA_OK;
	}
	s = svga_obj_lookup(om, SVGA_OBJ_SURFACE, image->sid);
	if (!s || svga_surface_check_image(om, s, image->face, image->mipmap))
		return SVGA_ERR;
	if (s->layout.fmt->block_w != 1 || s->layout.fmt->block_h != 1) {
		svga_guest_error(om->log,
				 "screen target %u: compressed surface", stid);
		return SVGA_ERR;
	}
	st->image = *image;
	return SVGA_OK;
}

bool svga_stdu_clip(const struct svga_stdu *st, const SVGA3dRect *r,
		    SVGA3dRect *out)
{
	uint64_t x2 = (uint64_t)r->x + r->w, y2 = (uint64_t)r->y + r->h;

	if (x2 > st->width)
		x2 = st->width;
	if (y2 > st->height)
		y2 = st->height;
	if (r->x >= x2 || r->y >= y2)
		return false;
	*out = (SVGA3dRect){ r->x, r->y, (uint32_t)(x2 - r->x),
			     (uint32_t)(y2 - r->y) };
	return true;
}

bool svga_stdu_scanout(struct svga_objects *om, uint32_t stid,
		       struct svga_scanout *out)
{
	const struct svga_stdu *st = svga_obj_get(om, SVGA_OBJ_SCREENTARGET,
						  stid);
	struct svga_surface *s;

	if (!st)
		return false;
	memset(out, 0, sizeof(*out));
	out->width = st->width;
	out->height = st->height;
	out->x = st->x;
	out->y = st->y;
	s = st->image.sid == SVGA3D_INVALID_ID ? NULL :
	    svga_obj_get(om, SVGA_OBJ_SURFACE, st->image.sid);
	if (s && svga_surface_has_image(s, st->image.face,
					st->image.mipmap)) {
		const struct svga_mip_layout *m =
			&s->layout.mip[st->image.mipmap];

		/* only expose an image that covers the whole target (with
		 * what the GPU wrote, when it has the newer copy) */
		if (m->w >= st->width && m->h >= st->height &&
		    !svga_surface_access_sub(om, s, SVGA_STORAGE_READ,
					     st->image.face,
					     st->image.mipmap)) {
			out->format = s->format;
			out->pitch = (uint32_t)m->row_stride;
			out->data = s->data + (uint64_t)st->image.face *
				    s->layout.mip_chain_bytes + m->offset;
		}
	}
	return true;
}
