// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: GB contexts, GB shaders and GB
 * queries.
 */
#include "svga_commands.h"

SVGA_CMD(svga_cmd_define_gb_context)
{
	SVGA_BODY(SVGA3dCmdDefineGBContext, c);
	(void)size;
	return svga_gbctx_define(cx->om, c.cid);
}

SVGA_CMD(svga_cmd_destroy_gb_context)
{
	SVGA_BODY(SVGA3dCmdDestroyGBContext, c);
	(void)size;
	if (!svga_cmd_gbctx(cx, c.cid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_CONTEXT, c.cid);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_bind_gb_context)
{
	SVGA_BODY(SVGA3dCmdBindGBContext, c);
	struct svga_gbctx *ctx = svga_cmd_gbctx(cx, c.cid);

	(void)size;
	if (!ctx || svga_cmd_check_mob_or_invalid(cx, c.mobid))
		return SVGA_ERR;
	ctx->mobid = c.mobid;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_gb_context_op)
{
	SVGA_BODY(SVGA3dCmdReadbackGBContext, c);
	(void)size;
	return svga_cmd_gbctx(cx, c.cid) ? SVGA_OK : SVGA_ERR;
}

SVGA_CMD(svga_cmd_define_gb_shader)
{
	SVGA_BODY(SVGA3dCmdDefineGBShader, c);
	(void)size;
	return svga_shader_define(cx->om, c.shid, c.type, c.sizeInBytes);
}

SVGA_CMD(svga_cmd_bind_gb_shader)
{
	SVGA_BODY(SVGA3dCmdBindGBShader, c);
	struct svga_shader *sh = svga_obj_lookup(cx->om, SVGA_OBJ_SHADER,
						 c.shid);

	(void)size;
	if (!sh || svga_cmd_check_mob_or_invalid(cx, c.mobid))
		return SVGA_ERR;
	sh->mobid = c.mobid;
	sh->offset = c.offsetInBytes;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_destroy_gb_shader)
{
	SVGA_BODY(SVGA3dCmdDestroyGBShader, c);
	(void)size;
	if (!svga_obj_lookup(cx->om, SVGA_OBJ_SHADER, c.shid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_SHADER, c.shid);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_begin_gb_query)
{
	SVGA_BODY(SVGA3dCmdBeginGBQuery, c);
	(void)size;
	return svga_cmd_gbctx(cx, c.cid) ? SVGA_OK : SVGA_ERR;
}

SVGA_CMD(svga_cmd_end_gb_query)
{
	SVGA_BODY(SVGA3dCmdEndGBQuery, c);
	SVGA3dQueryResult r;
	struct svga_mob *m;

	(void)size;
	if (!svga_cmd_gbctx(cx, c.cid))
		return SVGA_ERR;
	m = svga_cmd_mob(cx, c.mobid);
	if (!m)
		return SVGA_ERR;
	memset(&r, 0, sizeof(r));
	r.totalSize = sizeof(r);
	r.state = SVGA3D_QUERYSTATE_SUCCEEDED;
	return svga_mob_write(cx->om, m, c.offset, &r, sizeof(r));
}
