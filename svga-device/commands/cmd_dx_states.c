// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX state objects defined in a
 * context's COTables: element layouts, blend, depth-stencil, rasterizer
 * and sampler states, stream-output declarations.
 *
 * Every field is checked against the ranges of svga3d_dx.h /
 * svga3d_types.h before the entry is stored, so draws and the renderer see
 * only valid state.  Fields a disabled feature ignores (blend factors with
 * blending off, stencil ops with stencil off) are tolerated, as D3D10
 * drivers such as Mesa's fill them loosely.
 */
#include "svga_commands.h"
#include "svga_dxstate.h"

#define CMD_CTX(name) \
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx); \
	const char *cmd = name; \
	if (!ctx) \
		return SVGA_ERR

/* The destroy commands of objects nothing else refers to by id: the
 * COTable entry goes; the bound state keeps naming the id, and a draw
 * that still uses it is a command error (draw_state(), cmd_dx_draw.c). */
#define DX_DESTROY_STATE_CMD(fn, T, name, table, id_field)		\
	SVGA_CMD(fn)							\
	{								\
		SVGA_BODY(T, c);					\
		CMD_CTX(name);						\
		(void)size;						\
		return svga_dxobj_destroy(cx->om, ctx, table,		\
					  c.id_field, cmd);		\
	}

static bool in_range(struct svga_cmd_ctx *cx, const char *cmd,
		     const char *field, uint32_t v, uint32_t min, uint32_t max)
{
	if (v >= min && v < max)
		return true;
	svga_guest_error(cx->log, "%s: bad %s %u", cmd, field, v);
	return false;
}

/* Vertex formats the SVGA3D DX device fetches (Mesa's VF column). */
static bool vertex_format_ok(uint32_t f)
{
	switch (f) {
	case SVGA3D_R32G32B32A32_FLOAT: case SVGA3D_R32G32B32A32_UINT:
	case SVGA3D_R32G32B32A32_SINT: case SVGA3D_R32G32B32_FLOAT:
	case SVGA3D_R32G32B32_UINT: case SVGA3D_R32G32B32_SINT:
	case SVGA3D_R32G32_FLOAT: case SVGA3D_R32G32_UINT:
	case SVGA3D_R32G32_SINT: case SVGA3D_R32_FLOAT: case SVGA3D_R32_UINT:
	case SVGA3D_R32_SINT: case SVGA3D_R16G16B16A16_FLOAT:
	case SVGA3D_R16G16B16A16_UNORM: case SVGA3D_R16G16B16A16_SNORM:
	case SVGA3D_R16G16B16A16_UINT: case SVGA3D_R16G16B16A16_SINT:
	case SVGA3D_R16G16_FLOAT: case SVGA3D_R16G16_UNORM:
	case SVGA3D_R16G16_SNORM: case SVGA3D_R16G16_UINT:
	case SVGA3D_R16G16_SINT: case SVGA3D_R16_FLOAT: case SVGA3D_R16_UNORM:
	case SVGA3D_R16_SNORM: case SVGA3D_R16_UINT: case SVGA3D_R16_SINT:
	case SVGA3D_R8G8B8A8_UNORM: case SVGA3D_R8G8B8A8_SNORM:
	case SVGA3D_R8G8B8A8_UINT: case SVGA3D_R8G8B8A8_SINT:
	case SVGA3D_R8G8_UNORM: case SVGA3D_R8G8_SNORM: case SVGA3D_R8G8_UINT:
	case SVGA3D_R8G8_SINT: case SVGA3D_R8_UNORM: case SVGA3D_R8_SNORM:
	case SVGA3D_R8_UINT: case SVGA3D_R8_SINT:
	case SVGA3D_R10G10B10A2_UNORM: case SVGA3D_R10G10B10A2_UINT:
	case SVGA3D_R11G11B10_FLOAT: case SVGA3D_B8G8R8A8_UNORM:
		return true;
	default:
		return false;
	}
}

/* D3D10's D3D10_APPEND_ALIGNED_ELEMENT, and its offset limit. */
#define APPEND_ALIGNED 0xffffffffu
#define MAX_ELEMENT_OFFSET 2048u

SVGA_CMD(svga_cmd_dx_define_element_layout)
{
	SVGA_BODY(SVGA3dCmdDXDefineElementLayout, c);
	uint32_t n, regs = 0;
	SVGACOTableDXElementLayoutEntry *e;
	CMD_CTX("DX_DEFINE_ELEMENTLAYOUT");

	if ((size - sizeof(c)) % sizeof(SVGA3dInputElementDesc)) {
		svga_guest_error(cx->log, "%s: body %u is not %zu + n * %zu",
				 cmd, size, sizeof(c),
				 sizeof(SVGA3dInputElementDesc));
		return SVGA_ERR;
	}
	n = (size - sizeof(c)) / sizeof(SVGA3dInputElementDesc);
	if (n > SVGA3D_DX_SM41_MAX_VERTEXINPUTREGISTERS) {
		svga_guest_error(cx->log, "%s: %u elements > %u", cmd, n,
				 SVGA3D_DX_SM41_MAX_VERTEXINPUTREGISTERS);
		return SVGA_ERR;
	}
	e = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_ELEMENTLAYOUT,
			   c.elementLayoutId, cmd);
	if (!e)
		return SVGA_ERR;
	e->elid = c.elementLayoutId;
	e->numDescs = n;
	memcpy(e->descs, body + sizeof(c), n * sizeof(SVGA3dInputElementDesc));
	for (uint32_t i = 0; i < n; i++) {
		const SVGA3dInputElementDesc *d = &e->descs[i];

		if (!in_range(cx, cmd, "element inputSlot", d->inputSlot, 0,
			      SVGA3D_DX_MAX_VERTEXBUFFERS) ||
		    !in_range(cx, cmd, "element inputRegister",
			      d->inputRegister, 0,
			      SVGA3D_DX_SM41_MAX_VERTEXINPUTREGISTERS) ||
		    !in_range(cx, cmd, "element inputSlotClass",
			      d->inputSlotClass, SVGA3D_INPUT_MIN,
			      SVGA3D_INPUT_MAX))
			return SVGA_ERR;
		if (!vertex_format_ok(d->format)) {
			svga_guest_error(cx->log, "%s: element %u format %u is "
					 "not a vertex format", cmd, i,
					 d->format);
			return SVGA_ERR;
		}
		if (d->alignedByteOffset != APPEND_ALIGNED &&
		    d->alignedByteOffset >= MAX_ELEMENT_OFFSET) {
			svga_guest_error(cx->log, "%s: element %u offset %u",
					 cmd, i, d->alignedByteOffset);
			return SVGA_ERR;
		}
		if (d->inputSlotClass == SVGA3D_INPUT_PER_VERTEX_DATA &&
		    d->instanceDataStepRate != 0) {
			svga_guest_error(cx->log, "%s: per-vertex element %u "
					 "with step rate %u", cmd, i,
					 d->instanceDataStepRate);
			return SVGA_ERR;
		}
		if (regs & (1u << d->inputRegister)) {
			svga_guest_error(cx->log, "%s: register %u used twice",
					 cmd, d->inputRegister);
			return SVGA_ERR;
		}
		regs |= 1u << d->inputRegister;
	}
	svga_dxobj_commit(ctx, SVGA_COTABLE_ELEMENTLAYOUT, c.elementLayoutId);
	return SVGA_OK;
}

DX_DESTROY_STATE_CMD(svga_cmd_dx_destroy_element_layout,
		     SVGA3dCmdDXDestroyElementLayout,
		     "DX_DESTROY_ELEMENTLAYOUT", SVGA_COTABLE_ELEMENTLAYOUT,
		     elementLayoutId)

static bool blend_rt_ok(struct svga_cmd_ctx *cx, const char *cmd,
			const SVGA3dDXBlendStatePerRT *rt)
{
	if (rt->renderTargetWriteMask & ~SVGA3D_COLOR_WRITE_ENABLE_ALL) {
		svga_guest_error(cx->log, "%s: bad write mask 0x%x", cmd,
				 rt->renderTargetWriteMask);
		return false;
	}
	if (rt->blendEnable > 1 || rt->logicOpEnable > 1) {
		svga_guest_error(cx->log, "%s: bad enable flag", cmd);
		return false;
	}
	if (rt->blendEnable && rt->logicOpEnable) {
		svga_guest_error(cx->log, "%s: blend and logic op both on",
				 cmd);
		return false;
	}
	if (rt->logicOpEnable &&
	    !in_range(cx, cmd, "logicOp", rt->logicOp, SVGA3D_LOGICOP_MIN,
		      SVGA3D_LOGICOP_ROP3))
		return false;
	if (!rt->blendEnable)
		return true;
	return in_range(cx, cmd, "srcBlend", rt->srcBlend, SVGA3D_BLENDOP_MIN,
			SVGA3D_BLENDOP_MAX) &&
	       in_range(cx, cmd, "destBlend", rt->destBlend,
			SVGA3D_BLENDOP_MIN, SVGA3D_BLENDOP_MAX) &&
	       in_range(cx, cmd, "srcBlendAlpha", rt->srcBlendAlpha,
			SVGA3D_BLENDOP_MIN, SVGA3D_BLENDOP_MAX) &&
	       in_range(cx, cmd, "destBlendAlpha", rt->destBlendAlpha,
			SVGA3D_BLENDOP_MIN, SVGA3D_BLENDOP_MAX) &&
	       in_range(cx, cmd, "blendOp", rt->blendOp, SVGA3D_BLENDEQ_MIN,
			SVGA3D_BLENDEQ_MAX) &&
	       in_range(cx, cmd, "blendOpAlpha", rt->blendOpAlpha,
			SVGA3D_BLENDEQ_MIN, SVGA3D_BLENDEQ_MAX);
}

SVGA_CMD(svga_cmd_dx_define_blend_state)
{
	SVGA_BODY(SVGA3dCmdDXDefineBlendState, c);
	SVGACOTableDXBlendStateEntry *e;
	CMD_CTX("DX_DEFINE_BLEND_STATE");

	(void)size;
	if (c.alphaToCoverageEnable > 1 || c.independentBlendEnable > 1) {
		svga_guest_error(cx->log, "%s: bad enable flag", cmd);
		return SVGA_ERR;
	}
	/* without independent blending only RT 0's state counts (D3D10) */
	for (unsigned i = 0; i < (c.independentBlendEnable ?
				  SVGA3D_DX_MAX_RENDER_TARGETS : 1u); i++)
		if (!blend_rt_ok(cx, cmd, &c.perRT[i]))
			return SVGA_ERR;
	e = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_BLENDSTATE, c.blendId,
			   cmd);
	if (!e)
		return SVGA_ERR;
	e->alphaToCoverageEnable = c.alphaToCoverageEnable;
	e->independentBlendEnable = c.independentBlendEnable;
	memcpy(e->perRT, c.perRT, sizeof(e->perRT));
	svga_dxobj_commit(ctx, SVGA_COTABLE_BLENDSTATE, c.blendId);
	return SVGA_OK;
}

DX_DESTROY_STATE_CMD(svga_cmd_dx_destroy_blend_state,
		     SVGA3dCmdDXDestroyBlendState,
		     "DX_DESTROY_BLEND_STATE", SVGA_COTABLE_BLENDSTATE,
		     blendId)

static bool stencil_face_ok(struct svga_cmd_ctx *cx, const char *cmd,
			    uint8_t fail, uint8_t zfail, uint8_t pass,
			    uint8_t func)
{
	return in_range(cx, cmd, "stencil fail op", fail,
			SVGA3D_STENCILOP_MIN, SVGA3D_STENCILOP_MAX) &&
	       in_range(cx, cmd, "stencil depth-fail op", zfail,
			SVGA3D_STENCILOP_MIN, SVGA3D_STENCILOP_MAX) &&
	       in_range(cx, cmd, "stencil pass op", pass,
			SVGA3D_STENCILOP_MIN, SVGA3D_STENCILOP_MAX) &&
	       in_range(cx, cmd, "stencil func", func,
			SVGA3D_COMPARISON_MIN, SVGA3D_COMPARISON_MAX);
}

SVGA_CMD(svga_cmd_dx_define_depthstencil_state)
{
	SVGA_BODY(SVGA3dCmdDXDefineDepthStencilState, c);
	SVGACOTableDXDepthStencilEntry *e;
	CMD_CTX("DX_DEFINE_DEPTHSTENCIL_STATE");

	(void)size;
	if (c.depthEnable > 1 || c.stencilEnable > 1 ||
	    c.depthWriteMask > SVGA3D_DEPTH_WRITE_MASK_ALL) {
		svga_guest_error(cx->log, "%s: bad enable flag or write mask",
				 cmd);
		return SVGA_ERR;
	}
	if (c.depthEnable &&
	    !in_range(cx, cmd, "depthFunc", c.depthFunc,
		      SVGA3D_COMPARISON_MIN, SVGA3D_COMPARISON_MAX))
		return SVGA_ERR;
	if (c.stencilEnable &&
	    (!stencil_face_ok(cx, cmd, c.frontStencilFailOp,
			      c.frontStencilDepthFailOp, c.frontStencilPassOp,
			      c.frontStencilFunc) ||
	     !stencil_face_ok(cx, cmd, c.backStencilFailOp,
			      c.backStencilDepthFailOp, c.backStencilPassOp,
			      c.backStencilFunc)))
		return SVGA_ERR;
	e = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_DEPTHSTENCIL,
			   c.depthStencilId, cmd);
	if (!e)
		return SVGA_ERR;
	/* the entry is the command without its id */
	memcpy(e, (const uint8_t *)&c + sizeof(c.depthStencilId), sizeof(*e));
	svga_dxobj_commit(ctx, SVGA_COTABLE_DEPTHSTENCIL, c.depthStencilId);
	return SVGA_OK;
}

DX_DESTROY_STATE_CMD(svga_cmd_dx_destroy_depthstencil_state,
		     SVGA3dCmdDXDestroyDepthStencilState,
		     "DX_DESTROY_DEPTHSTENCIL_STATE", SVGA_COTABLE_DEPTHSTENCIL,
		     depthStencilId)

/* DEFINE_RASTERIZER_STATE and _V2 (which adds a 32-bit forcedSampleCount). */
static int define_rasterizer(struct svga_cmd_ctx *cx, const char *cmd,
			     const SVGA3dCmdDXDefineRasterizerState *c,
			     uint32_t forced_samples)
{
	SVGACOTableDXRasterizerStateEntry *e;
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);

	if (!ctx)
		return SVGA_ERR;
	if (!in_range(cx, cmd, "fillMode", c->fillMode, SVGA3D_FILLMODE_MIN,
		      SVGA3D_FILLMODE_MAX) ||
	    !in_range(cx, cmd, "cullMode", c->cullMode, SVGA3D_CULL_MIN,
		      SVGA3D_CULL_MAX) ||
	    !in_range(cx, cmd, "multisampleEnable", c->multisampleEnable, 0,
		      SVGA3D_MULTISAMPLE_RAST_MAX + 1) ||
	    !in_range(cx, cmd, "forcedSampleCount", forced_samples, 0, 33))
		return SVGA_ERR;
	if (c->frontCounterClockwise > 1 || c->provokingVertexLast > 1 ||
	    c->depthClipEnable > 1 || c->scissorEnable > 1 ||
	    c->antialiasedLineEnable > 1 || c->lineStippleEnable > 1) {
		svga_guest_error(cx->log, "%s: bad enable flag", cmd);
		return SVGA_ERR;
	}
	e = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_RASTERIZERSTATE,
			   c->rasterizerId, cmd);
	if (!e)
		return SVGA_ERR;
	e->fillMode = c->fillMode;
	e->cullMode = c->cullMode;
	e->frontCounterClockwise = c->frontCounterClockwise;
	e->provokingVertexLast = c->provokingVertexLast;
	e->depthBias = c->depthBias;
	e->depthBiasClamp = c->depthBiasClamp;
	e->slopeScaledDepthBias = c->slopeScaledDepthBias;
	e->depthClipEnable = c->depthClipEnable;
	e->scissorEnable = c->scissorEnable;
	e->multisampleEnable = c->multisampleEnable;
	e->antialiasedLineEnable = c->antialiasedLineEnable;
	e->lineWidth = c->lineWidth;
	e->lineStippleEnable = c->lineStippleEnable;
	e->lineStippleFactor = c->lineStippleFactor;
	e->lineStipplePattern = c->lineStipplePattern;
	e->forcedSampleCount = (uint8_t)forced_samples;
	svga_dxobj_commit(ctx, SVGA_COTABLE_RASTERIZERSTATE, c->rasterizerId);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_define_rasterizer_state)
{
	SVGA_BODY(SVGA3dCmdDXDefineRasterizerState, c);

	(void)size;
	return define_rasterizer(cx, "DX_DEFINE_RASTERIZER_STATE", &c, 0);
}

SVGA_CMD(svga_cmd_dx_define_rasterizer_state_v2)
{
	SVGA_BODY(SVGA3dCmdDXDefineRasterizerState_v2, c2);
	SVGA3dCmdDXDefineRasterizerState c;

	(void)size;
	memcpy(&c, &c2, sizeof(c));   /* v2 = v1 + forcedSampleCount */
	return define_rasterizer(cx, "DX_DEFINE_RASTERIZER_STATE_V2", &c,
				 c2.forcedSampleCount);
}

DX_DESTROY_STATE_CMD(svga_cmd_dx_destroy_rasterizer_state,
		     SVGA3dCmdDXDestroyRasterizerState,
		     "DX_DESTROY_RASTERIZER_STATE",
		     SVGA_COTABLE_RASTERIZERSTATE, rasterizerId)

#define FILTER_BITS (SVGA3D_FILTER_MIP_LINEAR | SVGA3D_FILTER_MAG_LINEAR | \
		     SVGA3D_FILTER_MIN_LINEAR | SVGA3D_FILTER_ANISOTROPIC | \
		     SVGA3D_FILTER_COMPARE)

SVGA_CMD(svga_cmd_dx_define_sampler_state)
{
	SVGA_BODY(SVGA3dCmdDXDefineSamplerState, c);
	SVGACOTableDXSamplerEntry *e;
	CMD_CTX("DX_DEFINE_SAMPLER_STATE");

	(void)size;
	if (c.filter & ~FILTER_BITS) {
		svga_guest_error(cx->log, "%s: bad filter 0x%x", cmd, c.filter);
		return SVGA_ERR;
	}
	if (!in_range(cx, cmd, "addressU", c.addressU, SVGA3D_TEX_ADDRESS_MIN,
		      SVGA3D_TEX_ADDRESS_EDGE) ||
	    !in_range(cx, cmd, "addressV", c.addressV, SVGA3D_TEX_ADDRESS_MIN,
		      SVGA3D_TEX_ADDRESS_EDGE) ||
	    !in_range(cx, cmd, "addressW", c.addressW, SVGA3D_TEX_ADDRESS_MIN,
		      SVGA3D_TEX_ADDRESS_EDGE))
		return SVGA_ERR;
	/* maxAnisotropy is not checked: Mesa 25.0.7 always sends 255 ("XXX
	 * fix me" in svga_pipe_sampler.c) and a VMware host accepts it; the
	 * renderer clamps it to its device's limit (D3D10: 16). */
	if ((c.filter & SVGA3D_FILTER_COMPARE) &&
	    !in_range(cx, cmd, "comparisonFunc", c.comparisonFunc,
		      SVGA3D_COMPARISON_MIN, SVGA3D_COMPARISON_MAX))
		return SVGA_ERR;
	e = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_SAMPLER, c.samplerId, cmd);
	if (!e)
		return SVGA_ERR;
	e->filter = c.filter;
	e->addressU = c.addressU;
	e->addressV = c.addressV;
	e->addressW = c.addressW;
	e->mipLODBias = c.mipLODBias;
	e->maxAnisotropy = c.maxAnisotropy;
	e->comparisonFunc = c.comparisonFunc;
	e->borderColor = c.borderColor;
	e->minLOD = c.minLOD;
	e->maxLOD = c.maxLOD;
	svga_dxobj_commit(ctx, SVGA_COTABLE_SAMPLER, c.samplerId);
	return SVGA_OK;
}

DX_DESTROY_STATE_CMD(svga_cmd_dx_destroy_sampler_state,
		     SVGA3dCmdDXDestroySamplerState,
		     "DX_DESTROY_SAMPLER_STATE", SVGA_COTABLE_SAMPLER,
		     samplerId)

SVGA_CMD(svga_cmd_dx_define_streamoutput)
{
	SVGA_BODY(SVGA3dCmdDXDefineStreamOutput, c);
	SVGACOTableDXStreamOutputEntry *e;
	CMD_CTX("DX_DEFINE_STREAMOUTPUT");

	(void)size;
	if (!in_range(cx, cmd, "numOutputStreamEntries",
		      c.numOutputStreamEntries, 0,
		      SVGA3D_MAX_DX10_STREAMOUT_DECLS + 1))
		return SVGA_ERR;
	for (uint32_t i = 0; i < c.numOutputStreamEntries; i++) {
		const SVGA3dStreamOutputDeclarationEntry *d = &c.decl[i];

		/* SM4.1: one stream, four buffers */
		if (!in_range(cx, cmd, "decl outputSlot", d->outputSlot, 0,
			      SVGA3D_DX_MAX_SOTARGETS) ||
		    !in_range(cx, cmd, "decl stream", d->stream, 0, 1) ||
		    !in_range(cx, cmd, "decl registerMask", d->registerMask,
			      0, 16))
			return SVGA_ERR;
	}
	if (c.rasterizedStream != 0 &&
	    c.rasterizedStream != SVGA3D_DX_SO_NO_RASTERIZED_STREAM) {
		svga_guest_error(cx->log, "%s: bad rasterizedStream %u", cmd,
				 c.rasterizedStream);
		return SVGA_ERR;
	}
	e = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_STREAMOUTPUT, c.soid, cmd);
	if (!e)
		return SVGA_ERR;
	e->numOutputStreamEntries = c.numOutputStreamEntries;
	memcpy(e->decl, c.decl, sizeof(c.decl));
	memcpy(e->streamOutputStrideInBytes, c.streamOutputStrideInBytes,
	       sizeof(c.streamOutputStrideInBytes));
	e->rasterizedStream = c.rasterizedStream;
	e->numOutputStreamStrides = SVGA3D_DX_MAX_SOTARGETS;
	e->mobid = SVGA3D_INVALID_ID;
	svga_dxobj_commit(ctx, SVGA_COTABLE_STREAMOUTPUT, c.soid);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_destroy_streamoutput)
{
	SVGA_BODY(SVGA3dCmdDXDestroyStreamOutput, c);
	CMD_CTX("DX_DESTROY_STREAMOUTPUT");

	(void)size;
	if (svga_dxobj_destroy(cx->om, ctx, SVGA_COTABLE_STREAMOUTPUT, c.soid,
			       cmd))
		return SVGA_ERR;
	if (ctx->bound->streamoutput == c.soid)
		ctx->bound->streamoutput = SVGA3D_INVALID_ID;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_streamoutput)
{
	SVGA_BODY(SVGA3dCmdDXSetStreamOutput, c);
	CMD_CTX("DX_SET_STREAMOUTPUT");

	(void)size;
	if (c.soid != SVGA3D_INVALID_ID &&
	    !svga_dxobj_get(cx->om, ctx, SVGA_COTABLE_STREAMOUTPUT, c.soid, cmd))
		return SVGA_ERR;
	ctx->bound->streamoutput = c.soid;
	return SVGA_OK;
}
