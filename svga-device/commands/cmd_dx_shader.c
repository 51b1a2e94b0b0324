// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX shaders (DEFINE, BIND to a
 * MOB range, DESTROY, BIND_ALL / COND_BIND_ALL).
 *
 * The device is SM4.1: vertex, geometry and pixel shaders only.  The
 * bytecode is read from the MOB when the shader is bound (svga_dxshader.c).
 */
#include "svga_commands.h"
#include "svga_dxstate.h"

/* The context a command names; vmwgfx passes SVGA3D_INVALID_ID through
 * unchanged for "the context of this buffer". */
static struct svga_dxctx *ctx_of(struct svga_cmd_ctx *cx, uint32_t cid)
{
	if (cid == SVGA3D_INVALID_ID)
		return svga_cmd_cur_dxctx(cx);
	return svga_obj_lookup(cx->om, SVGA_OBJ_DXCONTEXT, cid);
}

bool svga_cmd_dx_shader_type_ok(struct svga_cmd_ctx *cx, const char *cmd,
				uint32_t type)
{
	if (type == SVGA3D_SHADERTYPE_VS || type == SVGA3D_SHADERTYPE_PS ||
	    type == SVGA3D_SHADERTYPE_GS)
		return true;
	svga_guest_error(cx->log, "%s: shader type %u not supported (SM4.1: "
			 "VS, GS, PS)", cmd, type);
	return false;
}

SVGA_CMD(svga_cmd_dx_define_shader)
{
	SVGA_BODY(SVGA3dCmdDXDefineShader, c);
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	const char *cmd = "DX_DEFINE_SHADER";
	struct svga_dxshader *sh;

	(void)size;
	if (!ctx || !svga_cmd_dx_shader_type_ok(cx, cmd, c.type))
		return SVGA_ERR;
	if (c.sizeInBytes == 0 || c.sizeInBytes > SVGA_DX_SHADER_SIZE_MAX ||
	    c.sizeInBytes % 4) {
		svga_guest_error(cx->log, "%s: bad bytecode size %u", cmd,
				 c.sizeInBytes);
		return SVGA_ERR;
	}
	sh = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_DXSHADER, c.shaderId,
			    cmd);
	if (!sh)
		return SVGA_ERR;
	sh->e.type = c.type;
	sh->e.sizeInBytes = c.sizeInBytes;
	sh->e.mobid = SVGA3D_INVALID_ID;
	sh->code = NULL;
	svga_dxobj_commit(ctx, SVGA_COTABLE_DXSHADER, c.shaderId);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_destroy_shader)
{
	SVGA_BODY(SVGA3dCmdDXDestroyShader, c);
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	const char *cmd = "DX_DESTROY_SHADER";

	(void)size;
	if (!ctx || svga_dxobj_destroy(cx->om, ctx, SVGA_COTABLE_DXSHADER,
				       c.shaderId, cmd))
		return SVGA_ERR;
	/* D3D: destroying a bound shader unbinds it */
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++)
		if (ctx->bound->shader[s] == c.shaderId)
			ctx->bound->shader[s] = SVGA3D_INVALID_ID;
	return SVGA_OK;
}

/* BIND_SHADER names its context (vmwgfx also sends it from its own
 * buffers, when it rebinds a shader whose MOB moved). */
SVGA_CMD(svga_cmd_dx_bind_shader)
{
	SVGA_BODY(SVGA3dCmdDXBindShader, c);
	const char *cmd = "DX_BIND_SHADER";
	struct svga_dxctx *ctx = ctx_of(cx, c.cid);
	struct svga_dxshader *sh;

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	sh = svga_dxobj_get(cx->om, ctx, SVGA_COTABLE_DXSHADER, c.shid, cmd);
	if (!sh)
		return SVGA_ERR;
	return svga_dxshader_bind(cx->om, sh, c.mobid, c.offsetInBytes, cmd);
}

/* Rebinds every defined shader of cid whose MOB is test (or all, when
 * all) to mobid at its current offset. */
static int bind_all(struct svga_cmd_ctx *cx, const char *cmd, uint32_t cid,
		    bool all, uint32_t test, uint32_t mobid)
{
	struct svga_dxctx *ctx = ctx_of(cx, cid);

	if (!ctx || svga_cmd_check_mob_or_invalid(cx, mobid))
		return SVGA_ERR;
	for (uint32_t id = 0; id < ctx->cot[SVGA_COTABLE_DXSHADER].entries;
	     id++) {
		struct svga_dxshader *sh =
			svga_dxobj_peek(ctx, SVGA_COTABLE_DXSHADER, id);

		if (!sh || (!all && sh->e.mobid != test))
			continue;
		if (svga_dxshader_bind(cx->om, sh, mobid, sh->e.offsetInBytes,
				       cmd))
			return SVGA_ERR;
	}
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_bind_all_shader)
{
	SVGA_BODY(SVGA3dCmdDXBindAllShader, c);

	(void)size;
	return bind_all(cx, "DX_BIND_ALL_SHADER", c.cid, true, 0, c.mobid);
}

SVGA_CMD(svga_cmd_dx_cond_bind_all_shader)
{
	SVGA_BODY(SVGA3dCmdDXCondBindAllShader, c);

	(void)size;
	return bind_all(cx, "DX_COND_BIND_ALL_SHADER", c.cid, false,
			c.testMobid, c.mobid);
}
