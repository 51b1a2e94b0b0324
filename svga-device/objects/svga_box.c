// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: clipping of boxes and ranges to
 * the images they address.
 *
 * vmwgfx treats every command error as a driver bug (a WARN in the guest),
 * and a VMware host answers boxes that reach outside a surface by clipping
 * them, and empty boxes by doing nothing (IGT's vmw_surface_copy relies on
 * it).  The per-command rules are in README.md, "Boxes and rectangles".
 */
#include "svga_objects.h"

#include <string.h>

/* Clip [*pos, *pos + *len) to [0, limit); false when nothing is left. */
static bool clip_axis(uint32_t limit, uint32_t *pos, uint32_t *len)
{
	if (*pos >= limit || *len == 0) {
		*len = 0;
		return false;
	}
	if (*len > limit - *pos)
		*len = limit - *pos;
	return true;
}

bool svga_box_clip(const struct svga_mip_layout *m, struct svga_box *b)
{
	if (clip_axis(m->w, &b->x, &b->w) && clip_axis(m->h, &b->y, &b->h) &&
	    clip_axis(m->d, &b->z, &b->d))
		return true;
	/* an empty box, placed where it cannot address anything */
	memset(b, 0, sizeof(*b));
	return false;
}

/* One axis of a copy: both the source and the destination window. */
static bool clip_copy_axis(uint32_t slimit, uint32_t dlimit, uint32_t *spos,
			   uint32_t *dpos, uint32_t *len)
{
	uint32_t l = *len;

	if (!clip_axis(slimit, spos, &l))
		return false;
	if (!clip_axis(dlimit, dpos, &l))
		return false;
	*len = l;
	return true;
}

bool svga_copy_box_clip(const struct svga_mip_layout *src,
			const struct svga_mip_layout *dst, SVGA3dCopyBox *cb)
{
	if (clip_copy_axis(src->w, dst->w, &cb->srcx, &cb->x, &cb->w) &&
	    clip_copy_axis(src->h, dst->h, &cb->srcy, &cb->y, &cb->h) &&
	    clip_copy_axis(src->d, dst->d, &cb->srcz, &cb->z, &cb->d))
		return true;
	memset(cb, 0, sizeof(*cb));
	return false;
}

bool svga_range_clip(uint64_t size, uint32_t off, uint32_t *len)
{
	if (off >= size || *len == 0) {
		*len = 0;
		return false;
	}
	if (*len > size - off)
		*len = (uint32_t)(size - off);
	return true;
}
