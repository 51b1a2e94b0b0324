// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX render-target,
 * depth-stencil and shader-resource views, and the clears of render-target
 * and depth-stencil views (the whole view: VGPU10 clears carry no
 * rectangles).
 */
#include "svga_commands.h"

static struct svga_view *view_slot(struct svga_cmd_ctx *cx, uint32_t type,
				   uint32_t id)
{
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);

	return ctx ? svga_dxctx_view(cx->om, ctx, type, id) : NULL;
}

static int define_view(struct svga_cmd_ctx *cx, uint32_t type, uint32_t id,
		       uint32_t sid, uint32_t format, uint32_t dim,
		       uint32_t a, uint32_t b, uint32_t c)
{
	struct svga_view *v = view_slot(cx, type, id);

	if (!v)
		return SVGA_ERR;
	return svga_view_define(cx->om, v, sid, format, dim, a, b, c);
}

static int destroy_view(struct svga_cmd_ctx *cx, uint32_t type, uint32_t id)
{
	struct svga_view *v = view_slot(cx, type, id);

	if (!v)
		return SVGA_ERR;
	if (!v->defined) {
		svga_guest_error(cx->log, "view %u of type %u not defined", id,
				 type);
		return SVGA_ERR;
	}
	v->defined = false;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_define_rtv)
{
	SVGA_BODY(SVGA3dCmdDXDefineRenderTargetView, c);
	(void)size;
	return define_view(cx, SVGA_COTABLE_RTVIEW, c.renderTargetViewId,
			   c.sid, c.format, c.resourceDimension,
			   c.desc.tex.mipSlice, c.desc.tex.firstArraySlice,
			   c.desc.tex.arraySize);
}

SVGA_CMD(svga_cmd_dx_destroy_rtv)
{
	SVGA_BODY(SVGA3dCmdDXDestroyRenderTargetView, c);
	(void)size;
	return destroy_view(cx, SVGA_COTABLE_RTVIEW, c.renderTargetViewId);
}

/* a, b, c, d = mostDetailedMip, firstArraySlice, mipLevels, arraySize
 * (buffers: a, b = firstElement, numElements); checked against the
 * surface and the shader at draw time, when both are known. */
SVGA_CMD(svga_cmd_dx_define_srv)
{
	SVGA_BODY(SVGA3dCmdDXDefineShaderResourceView, c);
	struct svga_view *v;

	(void)size;
	if (define_view(cx, SVGA_COTABLE_SRVIEW, c.shaderResourceViewId,
			c.sid, c.format, c.resourceDimension,
			c.desc.tex.mostDetailedMip, c.desc.tex.firstArraySlice,
			c.desc.tex.mipLevels))
		return SVGA_ERR;
	v = view_slot(cx, SVGA_COTABLE_SRVIEW, c.shaderResourceViewId);
	v->d = c.desc.tex.arraySize;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_destroy_srv)
{
	SVGA_BODY(SVGA3dCmdDXDestroyShaderResourceView, c);
	(void)size;
	return destroy_view(cx, SVGA_COTABLE_SRVIEW, c.shaderResourceViewId);
}

SVGA_CMD(svga_cmd_dx_define_dsv)
{
	SVGA_BODY(SVGA3dCmdDXDefineDepthStencilView, c);
	(void)size;
	return define_view(cx, SVGA_COTABLE_DSVIEW, c.depthStencilViewId,
			   c.sid, c.format, c.resourceDimension, c.mipSlice,
			   c.firstArraySlice, c.arraySize);
}

SVGA_CMD(svga_cmd_dx_destroy_dsv)
{
	SVGA_BODY(SVGA3dCmdDXDestroyDepthStencilView, c);
	(void)size;
	return destroy_view(cx, SVGA_COTABLE_DSVIEW, c.depthStencilViewId);
}

SVGA_CMD(svga_cmd_dx_clear_rtv)
{
	SVGA_BODY(SVGA3dCmdDXClearRenderTargetView, c);
	struct svga_view *v = view_slot(cx, SVGA_COTABLE_RTVIEW,
					c.renderTargetViewId);
	struct svga_surface *s;
	float rgba[4] = { c.rgba.r, c.rgba.g, c.rgba.b, c.rgba.a };
	int pred;

	(void)size;
	if (!v)
		return SVGA_ERR;
	if (!v->defined) {
		svga_guest_error(cx->log, "clear of undefined RTV %u",
				 c.renderTargetViewId);
		return SVGA_ERR;
	}
	s = svga_cmd_surface(cx, v->sid);
	if (!s)
		return SVGA_ERR;
	pred = svga_cmd_dx_predicated(cx, "DX_CLEAR_RENDERTARGET_VIEW");
	if (pred)
		return pred < 0 ? SVGA_ERR : SVGA_OK;
	return svga_surface_clear_view(cx->om, s, v, rgba);
}

SVGA_CMD(svga_cmd_dx_clear_dsv)
{
	SVGA_BODY(SVGA3dCmdDXClearDepthStencilView, c);
	struct svga_view *v = view_slot(cx, SVGA_COTABLE_DSVIEW,
					c.depthStencilViewId);
	struct svga_surface *s;
	int pred;

	(void)size;
	if (!v || !v->defined) {
		svga_guest_error(cx->log, "clear of undefined DSV %u",
				 c.depthStencilViewId);
		return SVGA_ERR;
	}
	s = svga_cmd_surface(cx, v->sid);
	if (!s)
		return SVGA_ERR;
	pred = svga_cmd_dx_predicated(cx, "DX_CLEAR_DEPTHSTENCIL_VIEW");
	if (pred)
		return pred < 0 ? SVGA_ERR : SVGA_OK;
	return svga_surface_clear_depth_stencil(cx->om, s, v, c.flags, c.depth,
						(uint8_t)c.stencil);
}
