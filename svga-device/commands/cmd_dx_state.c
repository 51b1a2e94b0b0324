// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: the handler of commands that
 * have no effect on this device (SVGA_3D_CMD_NOP).
 *
 * The DX pipeline commands have their own families: cmd_dx_states.c,
 * cmd_dx_shader.c, cmd_dx_query.c, cmd_dx_bind.c, cmd_dx_draw.c.
 */
#include "svga_commands.h"

SVGA_CMD(svga_cmd_noop)
{
	(void)cx;
	(void)body;
	(void)size;
	return SVGA_OK;
}
