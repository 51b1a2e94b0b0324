// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writes fuzz_cmdbuf seeds that reach the DX pipeline commands: each
 * stream first gives DX context 1 every COTable (in MOB 3, which the
 * fuzzer's setup defines with 256 KiB), then defines, binds, sets and
 * draws.  Usage: gen_corpus_dx <dir>
 */
#include "../tests/harness.h"

static void out(const char *dir, const char *name, const struct cbuf *c)
{
	uint8_t sel = 1;     /* DX_CONTEXT flag: dxContext 1 */
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fwrite(&sel, 1, 1, f);
	fwrite(c->data, 1, c->len, f);
	fclose(f);
}

static void cotables(struct cbuf *c)
{
	for (uint32_t type = SVGA_COTABLE_DSVIEW; type < SVGA_COTABLE_UAVIEW;
	     type++) {
		SVGA3dCmdDXSetCOTable s = { 1, 3, type, 0 };

		CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, s);
	}
}

static void states(struct cbuf *c)
{
	struct {
		SVGA3dCmdDXDefineElementLayout h;
		SVGA3dInputElementDesc e[2];
	} el = { { 1 }, {
		{ 0, 0, SVGA3D_R32G32B32A32_FLOAT, 0, 0, 0 },
		{ 1, 0xffffffff, SVGA3D_R8G8B8A8_UNORM, 1, 1, 1 } } };
	SVGA3dCmdDXDefineBlendState bs;
	SVGA3dCmdDXDefineDepthStencilState ds;
	SVGA3dCmdDXDefineRasterizerState_v2 rs;
	SVGA3dCmdDXDefineSamplerState ss;
	SVGA3dCmdDXDefineStreamOutput so;

	CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, el);
	memset(&bs, 0, sizeof(bs));
	bs.blendId = 1;
	bs.independentBlendEnable = 1;
	for (int i = 0; i < 8; i++)
		bs.perRT[i] = (SVGA3dDXBlendStatePerRT){ 1, 5, 6, 1, 2, 1, 1,
							 0xf, 0, 0, 0 };
	CMD(c, SVGA_3D_CMD_DX_DEFINE_BLEND_STATE, bs);
	memset(&ds, 0, sizeof(ds));
	ds.depthStencilId = 1;
	ds.depthEnable = 1;
	ds.depthFunc = SVGA3D_COMPARISON_LESS;
	ds.stencilEnable = 1;
	ds.frontStencilFailOp = ds.frontStencilDepthFailOp =
		ds.frontStencilPassOp = ds.backStencilFailOp =
		ds.backStencilDepthFailOp = ds.backStencilPassOp = 1;
	ds.frontStencilFunc = ds.backStencilFunc = SVGA3D_COMPARISON_ALWAYS;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_STATE, ds);
	memset(&rs, 0, sizeof(rs));
	rs.rasterizerId = 1;
	rs.fillMode = SVGA3D_FILLMODE_FILL;
	rs.cullMode = SVGA3D_CULL_BACK;
	rs.depthClipEnable = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE_V2, rs);
	memset(&ss, 0, sizeof(ss));
	ss.samplerId = 1;
	ss.filter = SVGA3D_FILTER_MIN_LINEAR | SVGA3D_FILTER_MAG_LINEAR;
	ss.addressU = ss.addressV = ss.addressW = SVGA3D_TEX_ADDRESS_CLAMP;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SAMPLER_STATE, ss);
	memset(&so, 0, sizeof(so));
	so.soid = 1;
	so.numOutputStreamEntries = 1;
	so.decl[0].registerMask = 0xf;
	so.streamOutputStrideInBytes[0] = 16;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_STREAMOUTPUT, so);
}

static void shaders(struct cbuf *c)
{
	SVGA3dCmdDXDefineShader vs = { 1, SVGA3D_SHADERTYPE_VS, 256 };
	SVGA3dCmdDXDefineShader ps = { 2, SVGA3D_SHADERTYPE_PS, 512 };
	SVGA3dCmdDXBindShader bvs = { 1, 1, 3, 4096 };
	SVGA3dCmdDXBindShader bps = { 1, 2, 3, 8192 };
	SVGA3dCmdDXCondBindAllShader cb = { 1, 3, 3 };

	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, vs);
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, ps);
	CMD(c, SVGA_3D_CMD_DX_BIND_SHADER, bvs);
	CMD(c, SVGA_3D_CMD_DX_BIND_SHADER, bps);
	CMD(c, SVGA_3D_CMD_DX_COND_BIND_ALL_SHADER, cb);
}

static void bindings(struct cbuf *c)
{
	SVGA3dCmdDXSetShader svs = { 1, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { 2, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetSingleConstantBuffer cbuf = { 0, SVGA3D_SHADERTYPE_VS,
						    2, 0, 256 };
	SVGA3dCmdDXSetVSConstantBufferOffset cbo = { 0, 64 };
	struct {
		SVGA3dCmdDXSetSamplers h;
		uint32_t id[2];
	} smp = { { 0, SVGA3D_SHADERTYPE_PS }, { 1, SVGA3D_INVALID_ID } };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	struct {
		SVGA3dCmdDXSetVertexBuffers h;
		SVGA3dVertexBuffer vb[2];
	} vbs = { { 0 }, { { 2, 16, 0 }, { 2, 4, 4096 } } };
	SVGA3dCmdDXSetIndexBuffer_v2 ib = { 2, SVGA3D_R32_UINT, 1024, 512 };
	SVGA3dCmdDXSetTopology tp = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	SVGA3dCmdDXSetBlendState sb = { 1, { 1, 1, 1, 1 }, 0xffffffff };
	SVGA3dCmdDXSetDepthStencilState sds = { 1, 0 };
	SVGA3dCmdDXSetRasterizerState srs = { 1 };
	struct {
		SVGA3dCmdDXSetViewports h;
		SVGA3dViewport v[1];
	} vp = { { 0 }, { { 0, 0, 32, 32, 0, 1 } } };
	struct {
		SVGA3dCmdDXSetScissorRects h;
		SVGASignedRect r[1];
	} sc = { { 0 }, { { 0, 0, 32, 32 } } };
	struct {
		SVGA3dCmdDXSetSOTargets h;
		SVGA3dSoTarget t[1];
	} sot = { { 0 }, { { 2, 0, 1024 } } };
	SVGA3dCmdDXSetStreamOutput sso = { 1 };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, cbuf);
	CMD(c, SVGA_3D_CMD_DX_SET_VS_CONSTANT_BUFFER_OFFSET, cbo);
	CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, smp);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	CMD(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS, vbs);
	CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER_V2, ib);
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, tp);
	CMD(c, SVGA_3D_CMD_DX_SET_BLEND_STATE, sb);
	CMD(c, SVGA_3D_CMD_DX_SET_DEPTHSTENCIL_STATE, sds);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	CMD(c, SVGA_3D_CMD_DX_SET_VIEWPORTS, vp);
	CMD(c, SVGA_3D_CMD_DX_SET_SCISSORRECTS, sc);
	CMD(c, SVGA_3D_CMD_DX_SET_SOTARGETS, sot);
	CMD(c, SVGA_3D_CMD_DX_SET_STREAMOUTPUT, sso);
}

static void draws(struct cbuf *c)
{
	SVGA3dCmdDXDraw d = { 3, 0 };
	SVGA3dCmdDXDrawIndexed di = { 6, 0, 0 };
	SVGA3dCmdDXDrawInstanced dn = { 3, 4, 0, 0 };
	SVGA3dCmdDXDrawIndexedInstanced dii = { 6, 2, 0, 1, 0 };
	SVGA3dCmdDXDrawAuto da = { 0 };

	CMD(c, SVGA_3D_CMD_DX_DRAW, d);
	CMD(c, SVGA_3D_CMD_DX_DRAW_INDEXED, di);
	CMD(c, SVGA_3D_CMD_DX_DRAW_INSTANCED, dn);
	CMD(c, SVGA_3D_CMD_DX_DRAW_INDEXED_INSTANCED, dii);
	CMD(c, SVGA_3D_CMD_DX_DRAW_AUTO, da);
}

/*
 * A frame as Mesa's svga driver sends it on an SM4.1 device: surfaces
 * (v4 defines, bound to a new MOB), uploads, render-target, depth and
 * shader-resource views, clears, state, shaders, vertex/index/constant
 * buffers with the *_OFFSET and OFFSET_AND_SIZE forms, a draw, GENMIPS,
 * copies, readbacks, a screen target showing the frame, then COTable
 * readback/grow as vmwgfx does when a table fills.
 */
static void surface_v4(struct cbuf *c, uint32_t sid, uint32_t fmt,
		       uint32_t flags, uint32_t w, uint32_t h, uint32_t mips)
{
	SVGA3dCmdDefineGBSurface_v4 s;

	memset(&s, 0, sizeof(s));
	s.sid = sid;
	s.surfaceFlags = flags;
	s.format = fmt;
	s.numMipLevels = mips;
	s.multisampleCount = 0;
	s.autogenFilter = SVGA3D_TEX_FILTER_NONE;
	s.size = (SVGA3dSize){ w, h, 1 };
	s.arraySize = 0;
	CMD(c, SVGA_3D_CMD_DEFINE_GB_SURFACE_V4, s);
}

static void mesa_frame(struct cbuf *c)
{
	SVGA3dCmdDefineGBMob64 m = { 8, SVGA3D_MOBFMT_RANGE, 0x200, 64 * PG };
	SVGA3dCmdBindGBSurface b4 = { 4, 8 }, b5 = { 5, 8 }, b6 = { 6, 8 },
			       b7 = { 7, 8 };
	SVGA3dCmdUpdateGBSurface u4 = { 4 }, u6 = { 6 };
	SVGA3dCmdDXDefineRenderTargetView rtv;
	SVGA3dCmdDXDefineDepthStencilView_v2 dsv;
	SVGA3dCmdDXDefineShaderResourceView srv;
	struct {
		SVGA3dCmdDXSetRenderTargets h;
		uint32_t rt[1];
	} srt = { { 1 }, { 1 } };
	SVGA3dCmdDXClearRenderTargetView crt = { 1, { { 0, 0, 0, 1 } } };
	SVGA3dCmdDXClearDepthStencilView cds = { 3, 0, 1, 1.0f };
	struct {
		SVGA3dCmdDXSetShaderResources h;
		uint32_t id[1];
	} ssr = { { 0, SVGA3D_SHADERTYPE_PS }, { 2 } };
	struct {
		SVGA3dCmdDXSetVertexBuffersOffsetAndSize h;
		SVGA3dVertexBufferOffsetAndSize v[1];
	} vbo = { { 0 }, { { 16, 0, 1024 } } };
	SVGA3dCmdDXSetIndexBufferOffsetAndSize ibo = { SVGA3D_R16_UINT, 2048,
						       256 };
	SVGA3dCmdDXSetPSConstantBufferOffset pco = { 0, 256 };
	SVGA3dCmdDXSetGSConstantBufferOffset gco = { 0, 0 };
	SVGA3dCmdDXSetSingleConstantBuffer pcb = { 0, SVGA3D_SHADERTYPE_PS, 6,
						   0, 256 };
	SVGA3dCmdDXDraw d = { 3, 0 };
	SVGA3dCmdDXDrawIndexed di = { 3, 0, 0 };
	SVGA3dCmdDXGenMips gm = { 2 };
	SVGA3dCmdDXPredCopyRegion pcr = { 5, 0, 4, 0,
					  { 0, 0, 0, 16, 16, 1, 0, 0, 0 } };
	SVGA3dCmdDXPredCopy pc = { 7, 4 };
	SVGA3dCmdDXReadbackSubResource rb = { 4, 0 };
	SVGA3dCmdDXInvalidateSubResource inv = { 5, 0 };
	SVGA3dCmdDefineGBScreenTarget st = { 0, 64, 64, 0, 0, 1, 0 };
	SVGA3dCmdBindGBScreenTarget bst = { 0, { 4, 0, 0 } };
	SVGA3dCmdUpdateGBScreenTarget_v2 ust = { 0, { 0, 0, 64, 64 }, 0 };
	SVGA3dCmdDXReadbackCOTable rc = { 1, SVGA_COTABLE_RTVIEW };
	SVGA3dCmdDXGrowCOTable gc = { 1, 3, SVGA_COTABLE_SRVIEW, 64 * 4 };
	SVGA3dCmdDXReadbackContext rx = { 1 };
	SVGA3dCmdDXInvalidateContext ix = { 1 };
	SVGA3dCmdDestroyGBScreenTarget dst = { 0 };

	cotables(c);
	CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, m);
	surface_v4(c, 4, SVGA3D_B8G8R8A8_UNORM,
		   SVGA3D_SURFACE_HINT_RENDERTARGET | SVGA3D_SURFACE_BIND_RENDER_TARGET |
		   SVGA3D_SURFACE_BIND_SHADER_RESOURCE | SVGA3D_SURFACE_SCREENTARGET,
		   64, 64, 1);
	surface_v4(c, 5, SVGA3D_D24_UNORM_S8_UINT,
		   SVGA3D_SURFACE_HINT_DEPTHSTENCIL | SVGA3D_SURFACE_BIND_DEPTH_STENCIL,
		   64, 64, 1);
	surface_v4(c, 6, SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER |
		   SVGA3D_SURFACE_BIND_INDEX_BUFFER |
		   SVGA3D_SURFACE_BIND_CONSTANT_BUFFER, 4096, 1, 1);
	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b4);
	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b5);
	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b6);
	surface_v4(c, 7, SVGA3D_B8G8R8A8_UNORM,
		   SVGA3D_SURFACE_BIND_RENDER_TARGET, 64, 64, 1);
	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b7);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u4);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, u6);
	memset(&rtv, 0, sizeof(rtv));
	rtv.renderTargetViewId = 1;
	rtv.sid = 4;
	rtv.format = SVGA3D_B8G8R8A8_UNORM;
	rtv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	rtv.desc.tex.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, rtv);
	memset(&dsv, 0, sizeof(dsv));
	dsv.depthStencilViewId = 1;
	dsv.sid = 5;
	dsv.format = SVGA3D_D24_UNORM_S8_UINT;
	dsv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	dsv.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW_V2, dsv);
	memset(&srv, 0, sizeof(srv));
	srv.shaderResourceViewId = 2;
	srv.sid = 1;
	srv.format = SVGA3D_R8G8B8A8_UNORM;
	srv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	srv.desc.tex.mipLevels = 3;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, srv);
	CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, srt);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, crt);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cds);
	states(c);
	shaders(c);
	bindings(c);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER_RESOURCES, ssr);
	CMD(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS_OFFSET_AND_SIZE, vbo);
	CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER_OFFSET_AND_SIZE, ibo);
	CMD(c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, pcb);
	CMD(c, SVGA_3D_CMD_DX_SET_PS_CONSTANT_BUFFER_OFFSET, pco);
	CMD(c, SVGA_3D_CMD_DX_SET_GS_CONSTANT_BUFFER_OFFSET, gco);
	CMD(c, SVGA_3D_CMD_DX_DRAW, d);
	CMD(c, SVGA_3D_CMD_DX_DRAW_INDEXED, di);
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, gm);
	CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pcr);
	CMD(c, SVGA_3D_CMD_DX_PRED_COPY, pc);
	CMD(c, SVGA_3D_CMD_DX_READBACK_SUBRESOURCE, rb);
	CMD(c, SVGA_3D_CMD_DX_INVALIDATE_SUBRESOURCE, inv);
	CMD(c, SVGA_3D_CMD_DEFINE_GB_SCREENTARGET, st);
	CMD(c, SVGA_3D_CMD_BIND_GB_SCREENTARGET, bst);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET_V2, ust);
	CMD(c, SVGA_3D_CMD_DX_READBACK_COTABLE, rc);
	CMD(c, SVGA_3D_CMD_DX_GROW_COTABLE, gc);
	CMD(c, SVGA_3D_CMD_DX_READBACK_CONTEXT, rx);
	CMD(c, SVGA_3D_CMD_DX_INVALIDATE_CONTEXT, ix);
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SCREENTARGET, dst);
}

/*
 * Per format: a 16x16 surface with 3 mips, a render-target view cleared,
 * a shader-resource view and GENMIPS on it, then all destroyed (the
 * surface OTable has 16 entries, so sid 9 is reused).  Reaches the
 * per-format encoders of the clears and the decoders of GENMIPS.
 */
static void format_cycle(struct cbuf *c, uint32_t fmt)
{
	SVGA3dCmdBindGBSurface b = { 9, 8 };
	SVGA3dCmdDXDefineRenderTargetView rtv;
	SVGA3dCmdDXDefineShaderResourceView srv;
	SVGA3dCmdDXClearRenderTargetView cl = { 5,
		{ { 0.25f, 0.5f, 0.75f, 1.0f } } };
	SVGA3dCmdDXGenMips gm = { 5 };
	SVGA3dCmdDXDestroyRenderTargetView drt = { 5 };
	SVGA3dCmdDXDestroyShaderResourceView dsr = { 5 };
	SVGA3dCmdDestroyGBSurface ds = { 9 };

	surface_v4(c, 9, fmt, SVGA3D_SURFACE_BIND_RENDER_TARGET |
		   SVGA3D_SURFACE_BIND_SHADER_RESOURCE, 16, 16, 3);
	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b);
	memset(&rtv, 0, sizeof(rtv));
	rtv.renderTargetViewId = 5;
	rtv.sid = 9;
	rtv.format = fmt;
	rtv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	rtv.desc.tex.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, rtv);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
	memset(&srv, 0, sizeof(srv));
	srv.shaderResourceViewId = 5;
	srv.sid = 9;
	srv.format = fmt;
	srv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	srv.desc.tex.mipLevels = 3;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, srv);
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, gm);
	CMD(c, SVGA_3D_CMD_DX_DESTROY_RENDERTARGET_VIEW, drt);
	CMD(c, SVGA_3D_CMD_DX_DESTROY_SHADERRESOURCE_VIEW, dsr);
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, ds);
}

/* Depth formats: a depth-stencil view cleared (depth, stencil, both). */
static void depth_cycle(struct cbuf *c, uint32_t fmt)
{
	SVGA3dCmdBindGBSurface b = { 9, 8 };
	SVGA3dCmdDXDefineDepthStencilView_v2 dsv;
	SVGA3dCmdDXClearDepthStencilView cd = { 1, 0, 5, 0.5f };
	SVGA3dCmdDXClearDepthStencilView cs = { 2, 0x5a, 5, 0.0f };
	SVGA3dCmdDXClearDepthStencilView cb = { 3, 0xff, 5, 1.0f };
	SVGA3dCmdDXDestroyDepthStencilView dd = { 5 };
	SVGA3dCmdDestroyGBSurface ds = { 9 };

	surface_v4(c, 9, fmt, SVGA3D_SURFACE_BIND_DEPTH_STENCIL, 16, 16, 1);
	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b);
	memset(&dsv, 0, sizeof(dsv));
	dsv.depthStencilViewId = 5;
	dsv.sid = 9;
	dsv.format = fmt;
	dsv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	dsv.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW_V2, dsv);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cd);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cs);
	CMD(c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cb);
	CMD(c, SVGA_3D_CMD_DX_DESTROY_DEPTHSTENCIL_VIEW, dd);
	CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, ds);
}

static void formats(const char *dir, struct cbuf *c)
{
	static const uint32_t fmts[] = {
		SVGA3D_R8G8B8A8_UNORM, SVGA3D_R8G8B8A8_UNORM_SRGB,
		SVGA3D_B8G8R8A8_UNORM, SVGA3D_B8G8R8X8_UNORM,
		SVGA3D_B8G8R8A8_UNORM_SRGB, SVGA3D_R8_UNORM,
		SVGA3D_R8G8_UNORM, SVGA3D_R16_FLOAT, SVGA3D_R16G16_FLOAT,
		SVGA3D_R16G16B16A16_FLOAT, SVGA3D_R32_FLOAT,
		SVGA3D_R32G32_FLOAT, SVGA3D_R32G32B32A32_FLOAT,
		SVGA3D_R16G16B16A16_UNORM, SVGA3D_R16_UNORM,
		SVGA3D_R10G10B10A2_UNORM, SVGA3D_B5G6R5_UNORM,
	};
	static const uint32_t depth[] = {
		SVGA3D_D16_UNORM, SVGA3D_D24_UNORM_S8_UINT, SVGA3D_D32_FLOAT,
		SVGA3D_D32_FLOAT_S8X24_UINT,
	};
	SVGA3dCmdDefineGBMob64 m = { 8, SVGA3D_MOBFMT_RANGE, 0x200, 64 * PG };
	const unsigned per_file = 6;
	char name[32];

	for (unsigned i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i += per_file) {
		cotables(c);
		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, m);
		for (unsigned j = i; j < i + per_file &&
		     j < sizeof(fmts) / sizeof(fmts[0]); j++)
			format_cycle(c, fmts[j]);
		snprintf(name, sizeof(name), "dxformats%u", i / per_file);
		out(dir, name, c);
		cb_reset(c);
	}
	cotables(c);
	CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, m);
	for (unsigned j = 0; j < sizeof(depth) / sizeof(depth[0]); j++)
		depth_cycle(c, depth[j]);
	out(dir, "dxdepth", c);
	cb_reset(c);
}

int main(int argc, char **argv)
{
	struct cbuf *c = calloc(1, sizeof(*c));
	const char *dir = argc > 1 ? argv[1] : ".";

	cotables(c);
	states(c);
	shaders(c);
	bindings(c);
	draws(c);
	out(dir, "dxdraw", c);
	cb_reset(c);

	{	/* queries and predication */
		SVGA3dCmdDXDefineQuery q1 = { 1, SVGA3D_QUERYTYPE_TIMESTAMP, 0 };
		SVGA3dCmdDXDefineQuery q2 = { 2,
			SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE, 1 };
		SVGA3dCmdDXBindQuery b1 = { 1, 1 };
		SVGA3dCmdDXBindAllQuery ba = { 1, 1 };
		SVGA3dCmdDXSetQueryOffset o2 = { 2, 64 };
		SVGA3dCmdDXMoveQuery mv = { 1, 1, 128 };
		SVGA3dCmdDXBeginQuery bq = { 2 };
		SVGA3dCmdDXEndQuery e1 = { 1 }, e2 = { 2 };
		SVGA3dCmdDXReadbackQuery r2 = { 2 };
		SVGA3dCmdDXReadbackAllQuery ra = { 1 };
		SVGA3dCmdDXSetPredication pr = { 2, 1 };
		SVGA3dCmdDXDestroyQuery dq = { 2 };

		cotables(c);
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, q1);
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, q2);
		CMD(c, SVGA_3D_CMD_DX_BIND_QUERY, b1);
		CMD(c, SVGA_3D_CMD_DX_BIND_ALL_QUERY, ba);
		CMD(c, SVGA_3D_CMD_DX_SET_QUERY_OFFSET, o2);
		CMD(c, SVGA_3D_CMD_DX_MOVE_QUERY, mv);
		CMD(c, SVGA_3D_CMD_DX_BEGIN_QUERY, bq);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e1);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e2);
		CMD(c, SVGA_3D_CMD_DX_READBACK_QUERY, r2);
		CMD(c, SVGA_3D_CMD_DX_READBACK_ALL_QUERY, ra);
		CMD(c, SVGA_3D_CMD_DX_SET_PREDICATION, pr);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_QUERY, dq);
		out(dir, "dxquery", c);
		cb_reset(c);
	}
	{	/* destroy and rebind paths, GENMIPS, PRESENTBLT, hints */
		SVGA3dCmdDXDestroyShader dsh = { 1 };
		SVGA3dCmdDXBindAllShader bas = { 1, 3 };
		SVGA3dCmdDXDestroyElementLayout del = { 1 };
		SVGA3dCmdDXDestroyBlendState db = { 1 };
		SVGA3dCmdDXDestroyDepthStencilState dds = { 1 };
		SVGA3dCmdDXDestroyRasterizerState drs = { 1 };
		SVGA3dCmdDXDestroySamplerState dss = { 1 };
		SVGA3dCmdDXDestroyStreamOutput dso = { 1 };
		SVGA3dCmdDXGenMips gm = { 0 };
		SVGA3dCmdDXPresentBlt pb = { 1, 0, 1, 1,
			{ 0, 0, 0, 8, 8, 1 }, { 0, 0, 0, 8, 8, 1 }, 0 };
		SVGA3dCmdDXSetMinLOD ml = { 1, 1.0f };
		SVGA3dCmdDXHint h = { SVGA_DX_HINT_NONE };

		cotables(c);
		states(c);
		shaders(c);
		CMD(c, SVGA_3D_CMD_DX_BIND_ALL_SHADER, bas);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_SHADER, dsh);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_ELEMENTLAYOUT, del);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_BLEND_STATE, db);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_DEPTHSTENCIL_STATE, dds);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_RASTERIZER_STATE, drs);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_SAMPLER_STATE, dss);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_STREAMOUTPUT, dso);
		CMD(c, SVGA_3D_CMD_DX_SET_MIN_LOD, ml);
		CMD(c, SVGA_3D_CMD_DX_HINT, h);
		CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
		CMD(c, SVGA_3D_CMD_DX_GENMIPS, gm);   /* no SRV 0: an error */
		out(dir, "dxdestroy", c);
		cb_reset(c);
	}
	{	/* 4x multisampling as Mesa uses it: a 4-sample target and a
		 * single-sampled one, both bound; clear, draw, resolve, a
		 * copy between sample counts (refused), a READBACK of the
		 * 4-sample surface (refused); without a renderer the
		 * definition itself is refused (no MULTISAMPLE_4X) */
		SVGA3dCmdDefineGBSurface_v4 ms;
		SVGA3dCmdDefineGBMob64 m = { 9, SVGA3D_MOBFMT_RANGE, 0x400,
					     16 * PG };
		SVGA3dCmdBindGBSurface b10 = { 10, 9 }, b11 = { 11, 9 };
		SVGA3dCmdDXDefineRenderTargetView rtv;
		struct {
			SVGA3dCmdDXSetRenderTargets h;
			uint32_t rt[1];
		} srt = { { SVGA3D_INVALID_ID }, { 4 } };
		SVGA3dCmdDXClearRenderTargetView crt = { 4, { { 0, 0, 0, 1 } } };
		SVGA3dCmdDXSetBlendState sbs = { SVGA3D_INVALID_ID,
						 { 0, 0, 0, 0 }, 0x1 };
		SVGA3dCmdDXDraw dr = { 3, 0 };
		SVGA3dCmdDXResolveCopy rc = { 11, 0, 10, 0,
					      SVGA3D_R8G8B8A8_UNORM };
		SVGA3dCmdDXPredCopyRegion cr = { 11, 0, 10, 0,
			{ 0, 0, 0, 16, 16, 1, 0, 0, 0 } };
		SVGA3dCmdReadbackGBSurface rb = { 10 };

		cotables(c);
		states(c);
		shaders(c);
		memset(&ms, 0, sizeof(ms));
		ms.sid = 10;
		ms.surfaceFlags = SVGA3D_SURFACE_MULTISAMPLE |
				  SVGA3D_SURFACE_BIND_RENDER_TARGET |
				  SVGA3D_SURFACE_BIND_SHADER_RESOURCE;
		ms.format = SVGA3D_R8G8B8A8_UNORM;
		ms.numMipLevels = 1;
		ms.multisampleCount = 4;
		ms.multisamplePattern = SVGA3D_MS_PATTERN_STANDARD;
		ms.size = (SVGA3dSize){ 16, 16, 1 };
		CMD(c, SVGA_3D_CMD_DEFINE_GB_SURFACE_V4, ms);
		surface_v4(c, 11, SVGA3D_R8G8B8A8_UNORM,
			   SVGA3D_SURFACE_BIND_RENDER_TARGET, 16, 16, 1);
		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, m);
		CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b10);
		CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b11);
		memset(&rtv, 0, sizeof(rtv));
		rtv.renderTargetViewId = 4;
		rtv.sid = 10;
		rtv.format = SVGA3D_R8G8B8A8_UNORM;
		rtv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		rtv.desc.tex.arraySize = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, rtv);
		CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, srt);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, crt);
		CMD(c, SVGA_3D_CMD_DX_SET_BLEND_STATE, sbs);
		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
		CMD(c, SVGA_3D_CMD_DX_RESOLVE_COPY, rc);
		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, cr);
		CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE, rb);
		out(dir, "dxmsaa", c);
		cb_reset(c);
	}
	mesa_frame(c);
	out(dir, "dxframe", c);
	cb_reset(c);
	formats(dir, c);
	free(c);
	return 0;
}
