// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: object tables and Memory
 * OBjects.
 */
#include "svga_commands.h"

SVGA_CMD(svga_cmd_set_otable_base)
{
	SVGA_BODY(SVGA3dCmdSetOTableBase, c);
	(void)size;
	return svga_otable_set(cx->om, c.type, c.baseAddress, c.sizeInBytes,
			       c.validSizeInBytes, c.ptDepth, false);
}

SVGA_CMD(svga_cmd_set_otable_base64)
{
	SVGA_BODY(SVGA3dCmdSetOTableBase64, c);
	(void)size;
	return svga_otable_set(cx->om, c.type, c.baseAddress, c.sizeInBytes,
			       c.validSizeInBytes, c.ptDepth, false);
}

SVGA_CMD(svga_cmd_grow_otable)
{
	SVGA_BODY(SVGA3dCmdGrowOTable, c);
	(void)size;
	return svga_otable_set(cx->om, c.type, c.baseAddress, c.sizeInBytes,
			       c.validSizeInBytes, c.ptDepth, true);
}

SVGA_CMD(svga_cmd_readback_otable)
{
	SVGA_BODY(SVGA3dCmdReadbackOTable, c);
	(void)size;
	/* Object state lives on the host; nothing needs to be written. */
	if ((uint32_t)c.type >= (uint32_t)SVGA_OBJ_MAX ||
	    !cx->om->ot[c.type].set) {
		svga_guest_error(cx->log, "READBACK_OTABLE of unset table %u",
				 c.type);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_define_gb_mob)
{
	SVGA_BODY(SVGA3dCmdDefineGBMob, c);
	(void)size;
	return svga_mob_define(cx->om, c.mobid, c.ptDepth, c.base,
			       c.sizeInBytes);
}

SVGA_CMD(svga_cmd_define_gb_mob64)
{
	SVGA_BODY(SVGA3dCmdDefineGBMob64, c);
	(void)size;
	return svga_mob_define(cx->om, c.mobid, c.ptDepth, c.base,
			       c.sizeInBytes);
}

SVGA_CMD(svga_cmd_redefine_gb_mob64)
{
	SVGA_BODY(SVGA3dCmdDefineGBMob64, c);
	(void)size;
	if (!svga_cmd_mob(cx, c.mobid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_MOB, c.mobid);
	return svga_mob_define(cx->om, c.mobid, c.ptDepth, c.base,
			       c.sizeInBytes);
}

SVGA_CMD(svga_cmd_destroy_gb_mob)
{
	SVGA_BODY(SVGA3dCmdDestroyGBMob, c);
	(void)size;
	if (!svga_cmd_mob(cx, c.mobid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_MOB, c.mobid);
	return SVGA_OK;
}
