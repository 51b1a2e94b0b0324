// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX pipeline state, shaders,
 * draws and queries.
 *
 * The device does not render yet: these commands are accepted (their
 * fixed-size part checked by the command table) and have no effect.  The
 * Vulkan renderer gives them handlers here, one family per file.
 */
#include "svga_commands.h"

SVGA_CMD(svga_cmd_noop)
{
	(void)cx;
	(void)body;
	(void)size;
	return SVGA_OK;
}
