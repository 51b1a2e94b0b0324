// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: screen targets.
 */
#include "svga_commands.h"

SVGA_CMD(svga_cmd_define_gb_screentarget)
{
	SVGA_BODY(SVGA3dCmdDefineGBScreenTarget, c);
	(void)size;
	return svga_stdu_define(cx->om, c.stid, c.width, c.height, c.xRoot,
				c.yRoot, c.flags);
}

SVGA_CMD(svga_cmd_destroy_gb_screentarget)
{
	SVGA_BODY(SVGA3dCmdDestroyGBScreenTarget, c);
	(void)size;
	if (!svga_obj_lookup(cx->om, SVGA_OBJ_SCREENTARGET, c.stid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_SCREENTARGET, c.stid);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_bind_gb_screentarget)
{
	SVGA_BODY(SVGA3dCmdBindGBScreenTarget, c);
	struct svga_stdu *st = svga_obj_lookup(cx->om, SVGA_OBJ_SCREENTARGET,
					       c.stid);

	(void)size;
	return st ? svga_stdu_bind(cx->om, c.stid, st, &c.image) : SVGA_ERR;
}

/*
 * UPDATE_GB_SCREENTARGET and its _V2 (same leading fields): the rectangle
 * is clipped to the target; nothing left is a no-op.
 */
SVGA_CMD(svga_cmd_update_gb_screentarget)
{
	SVGA_BODY(SVGA3dCmdUpdateGBScreenTarget, c);
	struct svga_stdu *st = svga_obj_lookup(cx->om, SVGA_OBJ_SCREENTARGET,
					       c.stid);
	SVGA3dRect r;

	(void)size;
	if (!st)
		return SVGA_ERR;
	if (!svga_stdu_clip(st, &c.rect, &r))
		return SVGA_OK;
	if (cx->screen_update)
		cx->screen_update(cx->opaque, c.stid, r.x, r.y, r.w, r.h);
	return SVGA_OK;
}
