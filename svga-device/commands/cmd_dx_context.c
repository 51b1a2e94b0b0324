// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX contexts and their COTables.
 */
#include "svga_commands.h"

static struct svga_dxctx *dxctx(struct svga_cmd_ctx *cx, uint32_t cid)
{
	return svga_obj_lookup(cx->om, SVGA_OBJ_DXCONTEXT, cid);
}

struct svga_dxctx *svga_cmd_cur_dxctx(struct svga_cmd_ctx *cx)
{
	if (cx->dx_cid == SVGA3D_INVALID_ID) {
		svga_guest_error(cx->log,
				 "DX command outside a DX context buffer");
		return NULL;
	}
	return dxctx(cx, cx->dx_cid);
}

SVGA_CMD(svga_cmd_dx_define_context)
{
	SVGA_BODY(SVGA3dCmdDXDefineContext, c);
	int rc;

	(void)size;
	rc = svga_dxctx_define(cx->om, c.cid);
	/* a renderer's queries of an earlier context of this id (one lost
	 * to a device reset) go */
	if (rc == SVGA_OK && cx->dx_hooks && cx->dx_hooks->query_destroy)
		cx->dx_hooks->query_destroy(cx->dx_hooks_opaque, c.cid,
					    SVGA3D_INVALID_ID);
	return rc;
}

SVGA_CMD(svga_cmd_dx_destroy_context)
{
	SVGA_BODY(SVGA3dCmdDXDestroyContext, c);
	(void)size;
	if (!dxctx(cx, c.cid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_DXCONTEXT, c.cid);
	if (cx->dx_hooks && cx->dx_hooks->query_destroy)
		cx->dx_hooks->query_destroy(cx->dx_hooks_opaque, c.cid,
					    SVGA3D_INVALID_ID);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_bind_context)
{
	SVGA_BODY(SVGA3dCmdDXBindContext, c);
	struct svga_dxctx *ctx = dxctx(cx, c.cid);

	(void)size;
	if (!ctx || svga_cmd_check_mob_or_invalid(cx, c.mobid))
		return SVGA_ERR;
	ctx->mobid = c.mobid;
	return SVGA_OK;
}

/* DX_READBACK_CONTEXT / DX_INVALIDATE_CONTEXT: body { uint32 cid }.  The
 * context's state lives on the host: nothing to write back. */
SVGA_CMD(svga_cmd_dx_context_op)
{
	SVGA_BODY(SVGA3dCmdDXReadbackContext, c);
	(void)size;
	return dxctx(cx, c.cid) ? SVGA_OK : SVGA_ERR;
}

/* DX_SET_COTABLE and DX_GROW_COTABLE (same layout). */
SVGA_CMD(svga_cmd_dx_set_cotable)
{
	SVGA_BODY(SVGA3dCmdDXSetCOTable, c);
	struct svga_dxctx *ctx = dxctx(cx, c.cid);

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	return svga_dxctx_set_cotable(cx->om, ctx, c.type, c.mobid,
				      c.validSizeInBytes);
}

SVGA_CMD(svga_cmd_dx_readback_cotable)
{
	SVGA_BODY(SVGA3dCmdDXReadbackCOTable, c);
	struct svga_dxctx *ctx = dxctx(cx, c.cid);

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	if (c.type >= SVGA_COTABLE_MAX) {
		svga_guest_error(cx->log, "bad COTable type %u", c.type);
		return SVGA_ERR;
	}
	return SVGA_OK;
}
