// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: the DX_SET_* commands that
 * bind state to the current DX context for its draws.
 *
 * Ids are checked when they are bound: a COTable entry must be defined, a
 * surface must exist.  SVGA3D_INVALID_ID unbinds, as on a VMware host.
 * vmwgfx's execbuf validates the same ids and keeps bound resources alive
 * (or re-emits the bindings after it evicts them), so a draw may rely on
 * them; draws check again anyway (cmd_dx_draw.c).
 */
#include "svga_commands.h"
#include "svga_dxstate.h"

#define CMD_CTX(name) \
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx); \
	const char *cmd = name; \
	if (!ctx) \
		return SVGA_ERR

/* The number of elem-sized entries after a fixed part of the body; a
 * guest error when they do not fit exactly or exceed max - start. */
static bool var_count(struct svga_cmd_ctx *cx, const char *cmd, uint32_t size,
		      uint32_t fixed, uint32_t elem, uint32_t start,
		      uint32_t max, uint32_t *n)
{
	if ((size - fixed) % elem) {
		svga_guest_error(cx->log, "%s: body %u is not %u + n * %u",
				 cmd, size, fixed, elem);
		return false;
	}
	*n = (size - fixed) / elem;
	if (start > max || *n > max - start) {
		svga_guest_error(cx->log, "%s: slots %u + %u exceed %u", cmd,
				 start, *n, max);
		return false;
	}
	return true;
}

/* The draw stage of an SVGA shader type, or -1 (guest error). */
static int stage_of(struct svga_cmd_ctx *cx, const char *cmd, uint32_t type)
{
	if (!svga_cmd_dx_shader_type_ok(cx, cmd, type))
		return -1;
	return type == SVGA3D_SHADERTYPE_VS ? SVGA_DX_STAGE_VS :
	       type == SVGA3D_SHADERTYPE_GS ? SVGA_DX_STAGE_GS :
					      SVGA_DX_STAGE_PS;
}

static bool sid_ok(struct svga_cmd_ctx *cx, uint32_t sid)
{
	return sid == SVGA3D_INVALID_ID || svga_cmd_surface(cx, sid);
}

static bool obj_ok(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
		   uint32_t type, uint32_t id, const char *cmd)
{
	return id == SVGA3D_INVALID_ID ||
	       svga_dxobj_get(cx->om, ctx, type, id, cmd);
}

static bool view_ok(struct svga_cmd_ctx *cx, struct svga_dxctx *ctx,
		    uint32_t type, uint32_t id, const char *cmd)
{
	struct svga_view *v;

	if (id == SVGA3D_INVALID_ID)
		return true;
	v = svga_dxctx_view(cx->om, ctx, type, id);
	if (!v)
		return false;
	if (!v->defined) {
		svga_guest_error(cx->log, "%s: view %u not defined", cmd, id);
		return false;
	}
	return true;
}

SVGA_CMD(svga_cmd_dx_set_shader)
{
	SVGA_BODY(SVGA3dCmdDXSetShader, c);
	struct svga_dxshader *sh;
	int st;
	CMD_CTX("DX_SET_SHADER");

	(void)size;
	/* Unbinding an SM5 stage is harmless: tolerated. */
	if (c.shaderId == SVGA3D_INVALID_ID &&
	    c.type >= SVGA3D_SHADERTYPE_MIN && c.type < SVGA3D_SHADERTYPE_MAX &&
	    c.type >= SVGA3D_SHADERTYPE_HS)
		return SVGA_OK;
	st = stage_of(cx, cmd, c.type);
	if (st < 0)
		return SVGA_ERR;
	if (c.shaderId != SVGA3D_INVALID_ID) {
		sh = svga_dxobj_get(cx->om, ctx, SVGA_COTABLE_DXSHADER,
				    c.shaderId, cmd);
		if (!sh)
			return SVGA_ERR;
		if (sh->e.type != c.type) {
			svga_guest_error(cx->log, "%s: shader %u is type %u, "
					 "set as %u", cmd, c.shaderId,
					 sh->e.type, c.type);
			return SVGA_ERR;
		}
	}
	ctx->bound->shader[st] = c.shaderId;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_single_constant_buffer)
{
	SVGA_BODY(SVGA3dCmdDXSetSingleConstantBuffer, c);
	int st;
	CMD_CTX("DX_SET_SINGLE_CONSTANT_BUFFER");

	(void)size;
	st = stage_of(cx, cmd, c.type);
	if (st < 0)
		return SVGA_ERR;
	if (c.slot >= SVGA3D_DX_MAX_CONSTBUFFERS) {
		svga_guest_error(cx->log, "%s: slot %u", cmd, c.slot);
		return SVGA_ERR;
	}
	if (!sid_ok(cx, c.sid))
		return SVGA_ERR;
	ctx->bound->cb[st][c.slot] = (struct svga_dx_cb){
		c.sid, c.offsetInBytes, c.sizeInBytes };
	return SVGA_OK;
}

static int set_cb_offset(struct svga_cmd_ctx *cx, const uint8_t *body,
			 int st, const char *cmd)
{
	SVGA_BODY(SVGA3dCmdDXSetConstantBufferOffset, c);
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);

	if (!ctx)
		return SVGA_ERR;
	if (c.slot >= SVGA3D_DX_MAX_CONSTBUFFERS) {
		svga_guest_error(cx->log, "%s: slot %u", cmd, c.slot);
		return SVGA_ERR;
	}
	ctx->bound->cb[st][c.slot].offset = c.offsetInBytes;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_vs_cb_offset)
{
	(void)size;
	return set_cb_offset(cx, body, SVGA_DX_STAGE_VS,
			     "DX_SET_VS_CONSTANT_BUFFER_OFFSET");
}

SVGA_CMD(svga_cmd_dx_set_ps_cb_offset)
{
	(void)size;
	return set_cb_offset(cx, body, SVGA_DX_STAGE_PS,
			     "DX_SET_PS_CONSTANT_BUFFER_OFFSET");
}

SVGA_CMD(svga_cmd_dx_set_gs_cb_offset)
{
	(void)size;
	return set_cb_offset(cx, body, SVGA_DX_STAGE_GS,
			     "DX_SET_GS_CONSTANT_BUFFER_OFFSET");
}

SVGA_CMD(svga_cmd_dx_set_shader_resources)
{
	SVGA_BODY(SVGA3dCmdDXSetShaderResources, c);
	uint32_t n, id;
	int st;
	CMD_CTX("DX_SET_SHADER_RESOURCES");

	st = stage_of(cx, cmd, c.type);
	if (st < 0 || !var_count(cx, cmd, size, sizeof(c), 4, c.startView,
				 SVGA3D_DX_MAX_SRVIEWS, &n))
		return SVGA_ERR;
	for (uint32_t i = 0; i < n; i++) {
		memcpy(&id, body + sizeof(c) + 4 * i, 4);
		if (!view_ok(cx, ctx, SVGA_COTABLE_SRVIEW, id, cmd))
			return SVGA_ERR;
	}
	for (uint32_t i = 0; i < n; i++)
		memcpy(&ctx->bound->srv[st][c.startView + i],
		       body + sizeof(c) + 4 * i, 4);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_samplers)
{
	SVGA_BODY(SVGA3dCmdDXSetSamplers, c);
	uint32_t n, id;
	int st;
	CMD_CTX("DX_SET_SAMPLERS");

	st = stage_of(cx, cmd, c.type);
	if (st < 0 || !var_count(cx, cmd, size, sizeof(c), 4, c.startSampler,
				 SVGA3D_DX_MAX_SAMPLERS, &n))
		return SVGA_ERR;
	for (uint32_t i = 0; i < n; i++) {
		memcpy(&id, body + sizeof(c) + 4 * i, 4);
		if (!obj_ok(cx, ctx, SVGA_COTABLE_SAMPLER, id, cmd))
			return SVGA_ERR;
	}
	for (uint32_t i = 0; i < n; i++)
		memcpy(&ctx->bound->sampler[st][c.startSampler + i],
		       body + sizeof(c) + 4 * i, 4);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_input_layout)
{
	SVGA_BODY(SVGA3dCmdDXSetInputLayout, c);
	CMD_CTX("DX_SET_INPUT_LAYOUT");

	(void)size;
	if (!obj_ok(cx, ctx, SVGA_COTABLE_ELEMENTLAYOUT, c.elementLayoutId,
		    cmd))
		return SVGA_ERR;
	ctx->bound->element_layout = c.elementLayoutId;
	return SVGA_OK;
}

/* SET_VERTEX_BUFFERS (v1: no size), _V2 (with sid and size) and
 * _OFFSET_AND_SIZE (keeps each slot's surface). */
enum vb_kind { VB_V1, VB_V2, VB_OFFSET_AND_SIZE };

static int set_vertex_buffers(struct svga_cmd_ctx *cx, const uint8_t *body,
			      uint32_t size, enum vb_kind kind,
			      const char *cmd)
{
	static const uint32_t elem[] = {
		[VB_V1] = sizeof(SVGA3dVertexBuffer),
		[VB_V2] = sizeof(SVGA3dVertexBuffer_v2),
		[VB_OFFSET_AND_SIZE] = sizeof(SVGA3dVertexBufferOffsetAndSize),
	};
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	struct svga_dx_vbuf vb[SVGA3D_DX_MAX_VERTEXBUFFERS];
	uint32_t start, n;

	if (!ctx)
		return SVGA_ERR;
	memcpy(&start, body, 4);
	if (!var_count(cx, cmd, size, 4, elem[kind], start,
		       SVGA3D_DX_MAX_VERTEXBUFFERS, &n))
		return SVGA_ERR;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *p = body + 4 + i * elem[kind];

		switch (kind) {
		case VB_V1: {
			SVGA3dVertexBuffer v;

			memcpy(&v, p, sizeof(v));
			vb[i] = (struct svga_dx_vbuf){ v.sid, v.stride,
						       v.offset, 0 };
			break;
		}
		case VB_V2: {
			SVGA3dVertexBuffer_v2 v;

			memcpy(&v, p, sizeof(v));
			vb[i] = (struct svga_dx_vbuf){ v.sid, v.stride,
						       v.offset, v.sizeInBytes };
			break;
		}
		case VB_OFFSET_AND_SIZE: {
			SVGA3dVertexBufferOffsetAndSize v;

			memcpy(&v, p, sizeof(v));
			vb[i] = (struct svga_dx_vbuf){
				ctx->bound->vbuf[start + i].sid, v.stride,
				v.offset, v.sizeInBytes };
			break;
		}
		}
		if (!sid_ok(cx, vb[i].sid))
			return SVGA_ERR;
	}
	memcpy(&ctx->bound->vbuf[start], vb, n * sizeof(vb[0]));
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_vertex_buffers)
{
	return set_vertex_buffers(cx, body, size, VB_V1,
				  "DX_SET_VERTEX_BUFFERS");
}

SVGA_CMD(svga_cmd_dx_set_vertex_buffers_v2)
{
	return set_vertex_buffers(cx, body, size, VB_V2,
				  "DX_SET_VERTEX_BUFFERS_V2");
}

SVGA_CMD(svga_cmd_dx_set_vertex_buffers_offset_and_size)
{
	return set_vertex_buffers(cx, body, size, VB_OFFSET_AND_SIZE,
				  "DX_SET_VERTEX_BUFFERS_OFFSET_AND_SIZE");
}

static int set_index_buffer(struct svga_cmd_ctx *cx, const char *cmd,
			    uint32_t sid, uint32_t format, uint32_t offset,
			    uint32_t bytes)
{
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);

	if (!ctx || !sid_ok(cx, sid))
		return SVGA_ERR;
	if (sid != SVGA3D_INVALID_ID && format != SVGA3D_R16_UINT &&
	    format != SVGA3D_R32_UINT) {
		svga_guest_error(cx->log, "%s: index format %u", cmd, format);
		return SVGA_ERR;
	}
	ctx->bound->ibuf = (struct svga_dx_vbuf){ sid, 0, offset, bytes };
	ctx->bound->ib_format = format;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_index_buffer)
{
	SVGA_BODY(SVGA3dCmdDXSetIndexBuffer, c);

	(void)size;
	return set_index_buffer(cx, "DX_SET_INDEX_BUFFER", c.sid, c.format,
				c.offset, 0);
}

SVGA_CMD(svga_cmd_dx_set_index_buffer_v2)
{
	SVGA_BODY(SVGA3dCmdDXSetIndexBuffer_v2, c);

	(void)size;
	return set_index_buffer(cx, "DX_SET_INDEX_BUFFER_V2", c.sid, c.format,
				c.offset, c.sizeInBytes);
}

SVGA_CMD(svga_cmd_dx_set_index_buffer_offset_and_size)
{
	SVGA_BODY(SVGA3dCmdDXSetIndexBufferOffsetAndSize, c);
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	return set_index_buffer(cx, "DX_SET_INDEX_BUFFER_OFFSET_AND_SIZE",
				ctx->bound->ibuf.sid, c.format, c.offset,
				c.sizeInBytes);
}

SVGA_CMD(svga_cmd_dx_set_topology)
{
	SVGA_BODY(SVGA3dCmdDXSetTopology, c);
	CMD_CTX("DX_SET_TOPOLOGY");

	(void)size;
	/* patch lists are SM5 */
	if (c.topology < SVGA3D_PRIMITIVE_TRIANGLELIST ||
	    c.topology >= SVGA3D_PRIMITIVE_DX10_MAX) {
		svga_guest_error(cx->log, "%s: bad topology %u", cmd,
				 c.topology);
		return SVGA_ERR;
	}
	ctx->bound->topology = c.topology;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_rendertargets)
{
	SVGA_BODY(SVGA3dCmdDXSetRenderTargets, c);
	uint32_t n, id;
	CMD_CTX("DX_SET_RENDERTARGETS");

	if (!var_count(cx, cmd, size, sizeof(c), 4, 0,
		       SVGA3D_DX_MAX_RENDER_TARGETS, &n) ||
	    !view_ok(cx, ctx, SVGA_COTABLE_DSVIEW, c.depthStencilViewId, cmd))
		return SVGA_ERR;
	for (uint32_t i = 0; i < n; i++) {
		memcpy(&id, body + sizeof(c) + 4 * i, 4);
		if (!view_ok(cx, ctx, SVGA_COTABLE_RTVIEW, id, cmd))
			return SVGA_ERR;
	}
	for (uint32_t i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++) {
		id = SVGA3D_INVALID_ID;
		if (i < n)
			memcpy(&id, body + sizeof(c) + 4 * i, 4);
		ctx->bound->rtv[i] = id;
	}
	ctx->bound->num_rts = n;
	ctx->bound->dsv = c.depthStencilViewId;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_blend_state)
{
	SVGA_BODY(SVGA3dCmdDXSetBlendState, c);
	CMD_CTX("DX_SET_BLEND_STATE");

	(void)size;
	if (!obj_ok(cx, ctx, SVGA_COTABLE_BLENDSTATE, c.blendId, cmd))
		return SVGA_ERR;
	ctx->bound->blend = c.blendId;
	memcpy(ctx->bound->blend_factor, c.blendFactor,
	       sizeof(c.blendFactor));
	ctx->bound->sample_mask = c.sampleMask;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_depthstencil_state)
{
	SVGA_BODY(SVGA3dCmdDXSetDepthStencilState, c);
	CMD_CTX("DX_SET_DEPTHSTENCIL_STATE");

	(void)size;
	if (!obj_ok(cx, ctx, SVGA_COTABLE_DEPTHSTENCIL, c.depthStencilId, cmd))
		return SVGA_ERR;
	ctx->bound->depth_stencil = c.depthStencilId;
	ctx->bound->stencil_ref = c.stencilRef;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_rasterizer_state)
{
	SVGA_BODY(SVGA3dCmdDXSetRasterizerState, c);
	CMD_CTX("DX_SET_RASTERIZER_STATE");

	(void)size;
	if (!obj_ok(cx, ctx, SVGA_COTABLE_RASTERIZERSTATE, c.rasterizerId,
		    cmd))
		return SVGA_ERR;
	ctx->bound->rasterizer = c.rasterizerId;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_viewports)
{
	uint32_t n;
	CMD_CTX("DX_SET_VIEWPORTS");

	if (!var_count(cx, cmd, size, sizeof(SVGA3dCmdDXSetViewports),
		       sizeof(SVGA3dViewport), 0, SVGA3D_DX_MAX_VIEWPORTS, &n))
		return SVGA_ERR;
	memcpy(ctx->bound->viewport, body + sizeof(SVGA3dCmdDXSetViewports),
	       n * sizeof(SVGA3dViewport));
	ctx->bound->num_viewports = n;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_scissorrects)
{
	uint32_t n;
	CMD_CTX("DX_SET_SCISSORRECTS");

	if (!var_count(cx, cmd, size, sizeof(SVGA3dCmdDXSetScissorRects),
		       sizeof(SVGASignedRect), 0, SVGA3D_DX_MAX_SCISSORRECTS,
		       &n))
		return SVGA_ERR;
	memcpy(ctx->bound->scissor, body + sizeof(SVGA3dCmdDXSetScissorRects),
	       n * sizeof(SVGASignedRect));
	ctx->bound->num_scissors = n;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_sotargets)
{
	SVGA3dSoTarget t[SVGA3D_DX_MAX_SOTARGETS];
	uint32_t n;
	CMD_CTX("DX_SET_SOTARGETS");

	if (!var_count(cx, cmd, size, sizeof(SVGA3dCmdDXSetSOTargets),
		       sizeof(SVGA3dSoTarget), 0, SVGA3D_DX_MAX_SOTARGETS, &n))
		return SVGA_ERR;
	memcpy(t, body + sizeof(SVGA3dCmdDXSetSOTargets), n * sizeof(t[0]));
	for (uint32_t i = 0; i < n; i++)
		if (!sid_ok(cx, t[i].sid))
			return SVGA_ERR;
	for (uint32_t i = 0; i < SVGA3D_DX_MAX_SOTARGETS; i++)
		ctx->bound->so[i] = i < n ? t[i] : (SVGA3dSoTarget){
			SVGA3D_INVALID_ID, 0, 0 };
	ctx->bound->num_so = n;
	return SVGA_OK;
}

/* A resource-wide LOD clamp (D3D11 SetResourceMinLOD): checked, not yet
 * kept (the renderer's samplers will need it per surface). */
SVGA_CMD(svga_cmd_dx_set_min_lod)
{
	SVGA_BODY(SVGA3dCmdDXSetMinLOD, c);
	CMD_CTX("DX_SET_MIN_LOD");

	(void)size;
	if (!svga_cmd_surface(cx, c.sid))
		return SVGA_ERR;
	if (!(c.minLOD >= 0.0f)) {
		svga_guest_error(cx->log, "%s: bad minLOD", cmd);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

/* Prefetch / pre-evict hints: a host keeping everything resident has
 * nothing to do but check the hint id. */
SVGA_CMD(svga_cmd_dx_hint)
{
	SVGA_BODY(SVGA3dCmdDXHint, c);

	(void)size;
	if (c.hintId >= SVGA_DX_HINT_MAX) {
		svga_guest_error(cx->log, "DX_HINT: bad hint %u", c.hintId);
		return SVGA_ERR;
	}
	return SVGA_OK;
}
