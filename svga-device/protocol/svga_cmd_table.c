// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, protocol layer: the command table and the
 * dispatch of one command.
 *
 * The table maps each SVGA3D command id to its name, the size of its fixed
 * part and its handler (command layer, commands/).  The dispatcher checks
 * the header and that the body holds the fixed part before the handler
 * runs, and counts the command.  The few SVGA (2D) commands a command
 * buffer may carry are part of the protocol and run here.
 *
 * A new command: its handler in the family's file under commands/, its
 * prototype in commands/svga_commands.h, one line here.
 */
#include "svga_dev.h"

#include <string.h>

struct cmd_desc {
	const char *name;
	uint32_t min_size;       /* sizeof the command's fixed part */
	svga_cmd_fn fn;
};

#define C3(id, T, fn) [SVGA_3D_CMD_##id - SVGA_3D_CMD_BASE] = \
	{ #id, sizeof(T), fn }
#define N3(id) [SVGA_3D_CMD_##id - SVGA_3D_CMD_BASE] = { #id, 0, svga_cmd_noop }

static const struct cmd_desc cmds3d[SVGA_3D_CMD_MAX - SVGA_3D_CMD_BASE] = {
	C3(SURFACE_COPY, SVGA3dCmdSurfaceCopy, svga_cmd_surface_copy),
	C3(SET_OTABLE_BASE, SVGA3dCmdSetOTableBase, svga_cmd_set_otable_base),
	C3(READBACK_OTABLE, SVGA3dCmdReadbackOTable, svga_cmd_readback_otable),
	C3(DEFINE_GB_MOB, SVGA3dCmdDefineGBMob, svga_cmd_define_gb_mob),
	C3(DESTROY_GB_MOB, SVGA3dCmdDestroyGBMob, svga_cmd_destroy_gb_mob),
	C3(DEFINE_GB_SURFACE, SVGA3dCmdDefineGBSurface,
	   svga_cmd_define_gb_surface),
	C3(DESTROY_GB_SURFACE, SVGA3dCmdDestroyGBSurface,
	   svga_cmd_destroy_gb_surface),
	C3(BIND_GB_SURFACE, SVGA3dCmdBindGBSurface, svga_cmd_bind_gb_surface),
	C3(COND_BIND_GB_SURFACE, SVGA3dCmdCondBindGBSurface,
	   svga_cmd_cond_bind_gb_surface),
	C3(UPDATE_GB_IMAGE, SVGA3dCmdUpdateGBImage, svga_cmd_update_gb_image),
	C3(UPDATE_GB_SURFACE, SVGA3dCmdUpdateGBSurface,
	   svga_cmd_update_gb_surface),
	C3(READBACK_GB_IMAGE, SVGA3dCmdReadbackGBImage,
	   svga_cmd_readback_gb_image),
	C3(READBACK_GB_SURFACE, SVGA3dCmdReadbackGBSurface,
	   svga_cmd_readback_gb_surface),
	C3(INVALIDATE_GB_IMAGE, SVGA3dCmdInvalidateGBImage,
	   svga_cmd_invalidate_gb_image),
	C3(INVALIDATE_GB_SURFACE, SVGA3dCmdInvalidateGBSurface,
	   svga_cmd_invalidate_gb_surface),
	C3(DEFINE_GB_CONTEXT, SVGA3dCmdDefineGBContext,
	   svga_cmd_define_gb_context),
	C3(DESTROY_GB_CONTEXT, SVGA3dCmdDestroyGBContext,
	   svga_cmd_destroy_gb_context),
	C3(BIND_GB_CONTEXT, SVGA3dCmdBindGBContext, svga_cmd_bind_gb_context),
	C3(READBACK_GB_CONTEXT, SVGA3dCmdReadbackGBContext,
	   svga_cmd_gb_context_op),
	C3(INVALIDATE_GB_CONTEXT, SVGA3dCmdInvalidateGBContext,
	   svga_cmd_gb_context_op),
	C3(DEFINE_GB_SHADER, SVGA3dCmdDefineGBShader,
	   svga_cmd_define_gb_shader),
	C3(DESTROY_GB_SHADER, SVGA3dCmdDestroyGBShader,
	   svga_cmd_destroy_gb_shader),
	C3(BIND_GB_SHADER, SVGA3dCmdBindGBShader, svga_cmd_bind_gb_shader),
	C3(SET_OTABLE_BASE64, SVGA3dCmdSetOTableBase64,
	   svga_cmd_set_otable_base64),
	C3(BEGIN_GB_QUERY, SVGA3dCmdBeginGBQuery, svga_cmd_begin_gb_query),
	C3(END_GB_QUERY, SVGA3dCmdEndGBQuery, svga_cmd_end_gb_query),
	C3(WAIT_FOR_GB_QUERY, SVGA3dCmdWaitForGBQuery, svga_cmd_end_gb_query),
	N3(NOP),
	C3(DEFINE_GB_SCREENTARGET, SVGA3dCmdDefineGBScreenTarget,
	   svga_cmd_define_gb_screentarget),
	C3(DESTROY_GB_SCREENTARGET, SVGA3dCmdDestroyGBScreenTarget,
	   svga_cmd_destroy_gb_screentarget),
	C3(BIND_GB_SCREENTARGET, SVGA3dCmdBindGBScreenTarget,
	   svga_cmd_bind_gb_screentarget),
	C3(UPDATE_GB_SCREENTARGET, SVGA3dCmdUpdateGBScreenTarget,
	   svga_cmd_update_gb_screentarget),
	C3(READBACK_GB_IMAGE_PARTIAL, SVGA3dCmdReadbackGBImagePartial,
	   svga_cmd_readback_gb_image_partial),
	C3(INVALIDATE_GB_IMAGE_PARTIAL, SVGA3dCmdInvalidateGBImagePartial,
	   svga_cmd_invalidate_gb_image_partial),
	C3(DEFINE_GB_SURFACE_V2, SVGA3dCmdDefineGBSurface_v2,
	   svga_cmd_define_gb_surface_v2),
	C3(DEFINE_GB_MOB64, SVGA3dCmdDefineGBMob64, svga_cmd_define_gb_mob64),
	C3(REDEFINE_GB_MOB64, SVGA3dCmdDefineGBMob64,
	   svga_cmd_redefine_gb_mob64),
	C3(DX_DEFINE_CONTEXT, SVGA3dCmdDXDefineContext,
	   svga_cmd_dx_define_context),
	C3(DX_DESTROY_CONTEXT, SVGA3dCmdDXDestroyContext,
	   svga_cmd_dx_destroy_context),
	C3(DX_BIND_CONTEXT, SVGA3dCmdDXBindContext, svga_cmd_dx_bind_context),
	C3(DX_READBACK_CONTEXT, SVGA3dCmdDXReadbackContext,
	   svga_cmd_dx_context_op),
	C3(DX_INVALIDATE_CONTEXT, SVGA3dCmdDXInvalidateContext,
	   svga_cmd_dx_context_op),
	C3(DX_SET_SINGLE_CONSTANT_BUFFER, SVGA3dCmdDXSetSingleConstantBuffer,
	   svga_cmd_dx_set_single_constant_buffer),
	C3(DX_SET_SHADER_RESOURCES, SVGA3dCmdDXSetShaderResources,
	   svga_cmd_dx_set_shader_resources),
	C3(DX_SET_SHADER, SVGA3dCmdDXSetShader,
	   svga_cmd_dx_set_shader),
	C3(DX_SET_SAMPLERS, SVGA3dCmdDXSetSamplers,
	   svga_cmd_dx_set_samplers),
	C3(DX_DRAW, SVGA3dCmdDXDraw,
	   svga_cmd_dx_draw),
	C3(DX_DRAW_INDEXED, SVGA3dCmdDXDrawIndexed,
	   svga_cmd_dx_draw_indexed),
	C3(DX_DRAW_INSTANCED, SVGA3dCmdDXDrawInstanced,
	   svga_cmd_dx_draw_instanced),
	C3(DX_DRAW_INDEXED_INSTANCED, SVGA3dCmdDXDrawIndexedInstanced,
	   svga_cmd_dx_draw_indexed_instanced),
	C3(DX_DRAW_AUTO, SVGA3dCmdDXDrawAuto,
	   svga_cmd_dx_draw_auto),
	C3(DX_SET_INPUT_LAYOUT, SVGA3dCmdDXSetInputLayout,
	   svga_cmd_dx_set_input_layout),
	C3(DX_SET_VERTEX_BUFFERS, SVGA3dCmdDXSetVertexBuffers,
	   svga_cmd_dx_set_vertex_buffers),
	C3(DX_SET_INDEX_BUFFER, SVGA3dCmdDXSetIndexBuffer,
	   svga_cmd_dx_set_index_buffer),
	C3(DX_SET_TOPOLOGY, SVGA3dCmdDXSetTopology,
	   svga_cmd_dx_set_topology),
	C3(DX_SET_RENDERTARGETS, SVGA3dCmdDXSetRenderTargets,
	   svga_cmd_dx_set_rendertargets),
	C3(DX_SET_BLEND_STATE, SVGA3dCmdDXSetBlendState,
	   svga_cmd_dx_set_blend_state),
	C3(DX_SET_DEPTHSTENCIL_STATE, SVGA3dCmdDXSetDepthStencilState,
	   svga_cmd_dx_set_depthstencil_state),
	C3(DX_SET_RASTERIZER_STATE, SVGA3dCmdDXSetRasterizerState,
	   svga_cmd_dx_set_rasterizer_state),
	C3(DX_DEFINE_QUERY, SVGA3dCmdDXDefineQuery,
	   svga_cmd_dx_define_query),
	C3(DX_DESTROY_QUERY, SVGA3dCmdDXDestroyQuery,
	   svga_cmd_dx_destroy_query),
	C3(DX_BIND_QUERY, SVGA3dCmdDXBindQuery,
	   svga_cmd_dx_bind_query),
	C3(DX_SET_QUERY_OFFSET, SVGA3dCmdDXSetQueryOffset,
	   svga_cmd_dx_set_query_offset),
	C3(DX_BEGIN_QUERY, SVGA3dCmdDXBeginQuery,
	   svga_cmd_dx_begin_query),
	C3(DX_END_QUERY, SVGA3dCmdDXEndQuery,
	   svga_cmd_dx_end_query),
	C3(DX_READBACK_QUERY, SVGA3dCmdDXReadbackQuery,
	   svga_cmd_dx_readback_query),
	C3(DX_SET_PREDICATION, SVGA3dCmdDXSetPredication,
	   svga_cmd_dx_set_predication),
	C3(DX_SET_SOTARGETS, SVGA3dCmdDXSetSOTargets,
	   svga_cmd_dx_set_sotargets),
	C3(DX_SET_VIEWPORTS, SVGA3dCmdDXSetViewports,
	   svga_cmd_dx_set_viewports),
	C3(DX_SET_SCISSORRECTS, SVGA3dCmdDXSetScissorRects,
	   svga_cmd_dx_set_scissorrects),
	C3(DX_CLEAR_RENDERTARGET_VIEW, SVGA3dCmdDXClearRenderTargetView,
	   svga_cmd_dx_clear_rtv),
	C3(DX_CLEAR_DEPTHSTENCIL_VIEW, SVGA3dCmdDXClearDepthStencilView,
	   svga_cmd_dx_clear_dsv),
	C3(DX_PRED_COPY_REGION, SVGA3dCmdDXPredCopyRegion,
	   svga_cmd_dx_pred_copy_region),
	C3(DX_PRED_COPY, SVGA3dCmdDXPredCopy, svga_cmd_dx_pred_copy),
	C3(DX_RESOLVE_COPY, SVGA3dCmdDXResolveCopy, svga_cmd_dx_resolve_copy),
	C3(DX_PRESENTBLT, SVGA3dCmdDXPresentBlt,
	   svga_cmd_dx_present_blt),
	C3(DX_GENMIPS, SVGA3dCmdDXGenMips,
	   svga_cmd_dx_gen_mips),
	C3(DX_UPDATE_SUBRESOURCE, SVGA3dCmdDXUpdateSubResource,
	   svga_cmd_dx_update_subresource),
	C3(DX_READBACK_SUBRESOURCE, SVGA3dCmdDXReadbackSubResource,
	   svga_cmd_dx_readback_subresource),
	C3(DX_INVALIDATE_SUBRESOURCE, SVGA3dCmdDXInvalidateSubResource,
	   svga_cmd_dx_invalidate_subresource),
	C3(DX_DEFINE_SHADERRESOURCE_VIEW, SVGA3dCmdDXDefineShaderResourceView,
	   svga_cmd_dx_define_srv),
	C3(DX_DESTROY_SHADERRESOURCE_VIEW, SVGA3dCmdDXDestroyShaderResourceView,
	   svga_cmd_dx_destroy_srv),
	C3(DX_DEFINE_RENDERTARGET_VIEW, SVGA3dCmdDXDefineRenderTargetView,
	   svga_cmd_dx_define_rtv),
	C3(DX_DESTROY_RENDERTARGET_VIEW, SVGA3dCmdDXDestroyRenderTargetView,
	   svga_cmd_dx_destroy_rtv),
	C3(DX_DEFINE_DEPTHSTENCIL_VIEW, SVGA3dCmdDXDefineDepthStencilView,
	   svga_cmd_dx_define_dsv),
	C3(DX_DESTROY_DEPTHSTENCIL_VIEW, SVGA3dCmdDXDestroyDepthStencilView,
	   svga_cmd_dx_destroy_dsv),
	C3(DX_DEFINE_ELEMENTLAYOUT, SVGA3dCmdDXDefineElementLayout,
	   svga_cmd_dx_define_element_layout),
	C3(DX_DESTROY_ELEMENTLAYOUT, SVGA3dCmdDXDestroyElementLayout,
	   svga_cmd_dx_destroy_element_layout),
	C3(DX_DEFINE_BLEND_STATE, SVGA3dCmdDXDefineBlendState,
	   svga_cmd_dx_define_blend_state),
	C3(DX_DESTROY_BLEND_STATE, SVGA3dCmdDXDestroyBlendState,
	   svga_cmd_dx_destroy_blend_state),
	C3(DX_DEFINE_DEPTHSTENCIL_STATE, SVGA3dCmdDXDefineDepthStencilState,
	   svga_cmd_dx_define_depthstencil_state),
	C3(DX_DESTROY_DEPTHSTENCIL_STATE, SVGA3dCmdDXDestroyDepthStencilState,
	   svga_cmd_dx_destroy_depthstencil_state),
	C3(DX_DEFINE_RASTERIZER_STATE, SVGA3dCmdDXDefineRasterizerState,
	   svga_cmd_dx_define_rasterizer_state),
	C3(DX_DESTROY_RASTERIZER_STATE, SVGA3dCmdDXDestroyRasterizerState,
	   svga_cmd_dx_destroy_rasterizer_state),
	C3(DX_DEFINE_SAMPLER_STATE, SVGA3dCmdDXDefineSamplerState,
	   svga_cmd_dx_define_sampler_state),
	C3(DX_DESTROY_SAMPLER_STATE, SVGA3dCmdDXDestroySamplerState,
	   svga_cmd_dx_destroy_sampler_state),
	C3(DX_DEFINE_SHADER, SVGA3dCmdDXDefineShader,
	   svga_cmd_dx_define_shader),
	C3(DX_DESTROY_SHADER, SVGA3dCmdDXDestroyShader,
	   svga_cmd_dx_destroy_shader),
	C3(DX_BIND_SHADER, SVGA3dCmdDXBindShader,
	   svga_cmd_dx_bind_shader),
	C3(DX_DEFINE_STREAMOUTPUT, SVGA3dCmdDXDefineStreamOutput,
	   svga_cmd_dx_define_streamoutput),
	C3(DX_DESTROY_STREAMOUTPUT, SVGA3dCmdDXDestroyStreamOutput,
	   svga_cmd_dx_destroy_streamoutput),
	C3(DX_SET_STREAMOUTPUT, SVGA3dCmdDXSetStreamOutput,
	   svga_cmd_dx_set_streamoutput),
	C3(DX_SET_COTABLE, SVGA3dCmdDXSetCOTable, svga_cmd_dx_set_cotable),
	C3(DX_READBACK_COTABLE, SVGA3dCmdDXReadbackCOTable,
	   svga_cmd_dx_readback_cotable),
	C3(DX_BUFFER_COPY, SVGA3dCmdDXBufferCopy, svga_cmd_dx_buffer_copy),
	C3(DX_TRANSFER_FROM_BUFFER, SVGA3dCmdDXTransferFromBuffer,
	   svga_cmd_dx_transfer_from_buffer),
	C3(DX_MOVE_QUERY, SVGA3dCmdDXMoveQuery,
	   svga_cmd_dx_move_query),
	C3(DX_BIND_ALL_QUERY, SVGA3dCmdDXBindAllQuery,
	   svga_cmd_dx_bind_all_query),
	C3(DX_READBACK_ALL_QUERY, SVGA3dCmdDXReadbackAllQuery,
	   svga_cmd_dx_readback_all_query),
	C3(DX_BIND_ALL_SHADER, SVGA3dCmdDXBindAllShader,
	   svga_cmd_dx_bind_all_shader),
	C3(DX_HINT, SVGA3dCmdDXHint,
	   svga_cmd_dx_hint),
	C3(DX_SET_VS_CONSTANT_BUFFER_OFFSET, SVGA3dCmdDXSetVSConstantBufferOffset,
	   svga_cmd_dx_set_vs_cb_offset),
	C3(DX_SET_PS_CONSTANT_BUFFER_OFFSET, SVGA3dCmdDXSetPSConstantBufferOffset,
	   svga_cmd_dx_set_ps_cb_offset),
	C3(DX_SET_GS_CONSTANT_BUFFER_OFFSET, SVGA3dCmdDXSetGSConstantBufferOffset,
	   svga_cmd_dx_set_gs_cb_offset),
	C3(DX_COND_BIND_ALL_SHADER, SVGA3dCmdDXCondBindAllShader,
	   svga_cmd_dx_cond_bind_all_shader),
	C3(GROW_OTABLE, SVGA3dCmdGrowOTable, svga_cmd_grow_otable),
	C3(DX_GROW_COTABLE, SVGA3dCmdDXGrowCOTable, svga_cmd_dx_set_cotable),
	C3(INTRA_SURFACE_COPY, SVGA3dCmdIntraSurfaceCopy,
	   svga_cmd_intra_surface_copy),
	C3(DEFINE_GB_SURFACE_V3, SVGA3dCmdDefineGBSurface_v3,
	   svga_cmd_define_gb_surface_v3),
	C3(DEFINE_GB_SURFACE_V4, SVGA3dCmdDefineGBSurface_v4,
	   svga_cmd_define_gb_surface_v4),
	C3(UPDATE_GB_SCREENTARGET_V2, SVGA3dCmdUpdateGBScreenTarget_v2,
	   svga_cmd_update_gb_screentarget),
	C3(DX_DEFINE_DEPTHSTENCIL_VIEW_V2, SVGA3dCmdDXDefineDepthStencilView_v2,
	   svga_cmd_dx_define_dsv),
	C3(DX_DEFINE_RASTERIZER_STATE_V2, SVGA3dCmdDXDefineRasterizerState_v2,
	   svga_cmd_dx_define_rasterizer_state_v2),
	C3(DX_SET_VERTEX_BUFFERS_V2, SVGA3dCmdDXSetVertexBuffers_v2,
	   svga_cmd_dx_set_vertex_buffers_v2),
	C3(DX_SET_INDEX_BUFFER_V2, SVGA3dCmdDXSetIndexBuffer_v2,
	   svga_cmd_dx_set_index_buffer_v2),
	C3(DX_SET_VERTEX_BUFFERS_OFFSET_AND_SIZE, SVGA3dCmdDXSetVertexBuffersOffsetAndSize,
	   svga_cmd_dx_set_vertex_buffers_offset_and_size),
	C3(DX_SET_INDEX_BUFFER_OFFSET_AND_SIZE, SVGA3dCmdDXSetIndexBufferOffsetAndSize,
	   svga_cmd_dx_set_index_buffer_offset_and_size),
	C3(DX_SET_MIN_LOD, SVGA3dCmdDXSetMinLOD,
	   svga_cmd_dx_set_min_lod),
};

static int cmd_nop_error(struct svga_cmd_ctx *cx, const uint8_t *body,
			 uint32_t size)
{
	(void)body;
	(void)size;
	svga_guest_error(cx->log, "NOP_ERROR command");
	return SVGA_ERR;
}

static const struct cmd_desc *lookup3d(uint32_t id)
{
	const struct cmd_desc *d;

	if (id < SVGA_3D_CMD_BASE || id >= SVGA_3D_CMD_MAX)
		return NULL;
	if (id == SVGA_3D_CMD_NOP_ERROR) {
		static const struct cmd_desc nop_error = {
			"NOP_ERROR", 0, cmd_nop_error
		};
		return &nop_error;
	}
	d = &cmds3d[id - SVGA_3D_CMD_BASE];
	return d->fn ? d : NULL;
}

static const char *const names2d[SVGA_CMD_MAX] = {
	[SVGA_CMD_UPDATE] = "UPDATE",
	[SVGA_CMD_DEFINE_ALPHA_CURSOR] = "DEFINE_ALPHA_CURSOR",
	[SVGA_CMD_FENCE] = "FENCE",
	[SVGA_CMD_ESCAPE] = "ESCAPE",
	[SVGA_CMD_NOP] = "NOP",
	[SVGA_CMD_NOP_ERROR] = "NOP_ERROR",
};

/* Commands the device knows and refuses: named in the guest error so
 * that the log says what was sent.  The screen-object and non-GB
 * presentation paths (vmwgfx's screen-object KMS and legacy surfaces);
 * this device offers screen targets only. */
static const char *refused_name(uint32_t id)
{
	switch (id) {
	case SVGA_3D_CMD_SURFACE_STRETCHBLT: return "SURFACE_STRETCHBLT";
	case SVGA_3D_CMD_SURFACE_DMA: return "SURFACE_DMA";
	case SVGA_3D_CMD_PRESENT: return "PRESENT";
	case SVGA_3D_CMD_PRESENT_READBACK: return "PRESENT_READBACK";
	case SVGA_3D_CMD_BLIT_SURFACE_TO_SCREEN:
		return "BLIT_SURFACE_TO_SCREEN";
	default: return NULL;
	}
}

const char *svga_cmd_name(uint32_t id)
{
	const struct cmd_desc *d;

	if (id < SVGA_CMD_MAX)
		return names2d[id];
	d = lookup3d(id);
	return d ? d->name : NULL;
}

bool svga_cmd_fixed_size(uint32_t id, uint32_t *size)
{
	const struct cmd_desc *d = lookup3d(id);

	if (!d)
		return false;
	*size = d->min_size;
	return true;
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static int exec2d(struct svga_dev *dev, uint32_t id, const uint8_t *buf,
		  uint32_t len, uint32_t *used)
{
	switch (id) {
	case SVGA_CMD_NOP:
		*used = 4;
		return SVGA_OK;
	case SVGA_CMD_FENCE:
		if (len < 8)
			break;
		*used = 8;
		svga_fence_signal(dev, rd32(buf + 4));
		return SVGA_OK;
	case SVGA_CMD_UPDATE:
		if (len < 4 + sizeof(SVGAFifoCmdUpdate))
			break;
		*used = 4 + sizeof(SVGAFifoCmdUpdate);
		return SVGA_OK;
	case SVGA_CMD_ESCAPE: {
		uint32_t sz;

		if (len < 4 + sizeof(SVGAFifoCmdEscape))
			break;
		sz = rd32(buf + 8);
		if (sz > len - 4 - sizeof(SVGAFifoCmdEscape))
			break;
		*used = 4 + sizeof(SVGAFifoCmdEscape) + sz;
		return SVGA_OK;
	}
	case SVGA_CMD_DEFINE_ALPHA_CURSOR: {
		SVGAFifoCmdDefineAlphaCursor c;
		uint64_t img;

		if (len < 4 + sizeof(c))
			break;
		memcpy(&c, buf + 4, sizeof(c));
		if (c.width > SVGA_MAX_CURSOR_CMD_DIMENSION ||
		    c.height > SVGA_MAX_CURSOR_CMD_DIMENSION) {
			svga_guest_error(&dev->log, "cursor %ux%u too large",
					 c.width, c.height);
			return SVGA_ERR;
		}
		img = (uint64_t)c.width * c.height * 4;
		if (img > len - 4 - sizeof(c))
			break;
		*used = 4 + sizeof(c) + (uint32_t)img;
		return SVGA_OK;
	}
	case SVGA_CMD_NOP_ERROR:
		svga_guest_error(&dev->log, "NOP_ERROR command");
		return SVGA_ERR;
	default:
		svga_guest_error(&dev->log, "unsupported SVGA command %u", id);
		return SVGA_ERR;
	}
	svga_guest_error(&dev->log, "truncated SVGA command %u", id);
	return SVGA_ERR;
}

int svga_cmd_exec(struct svga_dev *dev, const uint8_t *buf, uint32_t len,
		  uint32_t *used)
{
	const struct cmd_desc *d;
	uint32_t id, size;
	int rc;

	if (len < 4) {
		svga_guest_error(&dev->log, "truncated command header");
		return SVGA_ERR;
	}
	id = rd32(buf);
	svga_stats_cmd_begin(&dev->log, id);
	if (id < SVGA_CMD_MAX) {
		rc = exec2d(dev, id, buf, len, used);
	} else {
		if (len < sizeof(SVGA3dCmdHeader)) {
			svga_guest_error(&dev->log,
					 "truncated 3D command header");
			return SVGA_ERR;
		}
		size = rd32(buf + 4);
		if (size > len - sizeof(SVGA3dCmdHeader)) {
			svga_guest_error(&dev->log,
					 "command %u size %u exceeds the "
					 "buffer",
					 id, size);
			return SVGA_ERR;
		}
		*used = sizeof(SVGA3dCmdHeader) + size;
		d = lookup3d(id);
		if (!d) {
			const char *n = refused_name(id);

			svga_guest_error(&dev->log,
					 "unsupported SVGA3D command %u%s%s%s",
					 id, n ? " (" : "", n ? n : "",
					 n ? ")" : "");
			rc = SVGA_ERR;
		} else if (size < d->min_size) {
			svga_guest_error(&dev->log, "command %s: body %u < %u",
					 d->name, size, d->min_size);
			rc = SVGA_ERR;
		} else {
			svga_trace(&dev->log, "cmd %s size %u", d->name, size);
			dev->log.cmd_name = d->name;
			rc = d->fn(&dev->cmd, buf + sizeof(SVGA3dCmdHeader),
				   size);
			dev->log.cmd_name = NULL;
		}
	}
	svga_stats_cmd_end(&dev->log, id, rc == SVGA_OK);
	return rc;
}
