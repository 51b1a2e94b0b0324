// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga tests: the DX pipeline state.  Define + bind + set + draw
 * sequences reach the draw hook with exactly the state that was set; each
 * kind of bad input is a command error with a guest error naming the
 * command, after which the device keeps working; timestamp queries are
 * written to the query MOB in the layout Mesa reads.
 */
#define _POSIX_C_SOURCE 200809L
#include "dx_harness.h"

#include <time.h>

#define CID 2
#define ENTRIES 8          /* entries per COTable */
#define SHADER_MOB 30
#define QUERY_MOB 31

/* surfaces */
#define SID_RT 1
#define SID_DS 2
#define SID_VB 3
#define SID_IB 4
#define SID_CB 5
#define SID_TEX 6

struct fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob shmob, qmob;
	uint8_t vs[64], ps[128];
};

static void define_views_and_surfaces(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXDefineRenderTargetView rtv;
	SVGA3dCmdDXDefineDepthStencilView dsv;
	SVGA3dCmdDXDefineShaderResourceView srv;

	define_surface(c, SID_RT, SVGA3D_B8G8R8A8_UNORM, 0, 16, 16, 1, 1, 1);
	define_surface(c, SID_DS, SVGA3D_D24_UNORM_S8_UINT, 0, 16, 16, 1, 1, 1);
	define_surface(c, SID_VB, SVGA3D_BUFFER, 0, 1024, 1, 1, 1, 1);
	define_surface(c, SID_IB, SVGA3D_BUFFER, 0, 256, 1, 1, 1, 1);
	define_surface(c, SID_CB, SVGA3D_BUFFER, 0, 512, 1, 1, 1, 1);
	define_surface(c, SID_TEX, SVGA3D_R8G8B8A8_UNORM, 0, 8, 8, 1, 4, 1);
	run_ok(&f->t, c, "surfaces");

	memset(&rtv, 0, sizeof(rtv));
	rtv.renderTargetViewId = 3;
	rtv.sid = SID_RT;
	rtv.format = SVGA3D_B8G8R8A8_UNORM;
	rtv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	rtv.desc.tex.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, rtv);
	memset(&dsv, 0, sizeof(dsv));
	dsv.depthStencilViewId = 1;
	dsv.sid = SID_DS;
	dsv.format = SVGA3D_D24_UNORM_S8_UINT;
	dsv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	dsv.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, dsv);
	memset(&srv, 0, sizeof(srv));
	srv.shaderResourceViewId = 5;
	srv.sid = SID_TEX;
	srv.format = SVGA3D_R8G8B8A8_UNORM;
	srv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	srv.desc.tex.mipLevels = 4;
	srv.desc.tex.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, srv);
	dx_ok(&f->t, c, CID, "views");
}

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->c = calloc(1, sizeof(*f->c));
	tdev_init(&f->t, 64);
	setup_otables(&f->t, 64);
	dx_setup(&f->t, f->c, CID, ENTRIES, f->cot);
	fill_pattern(f->vs, sizeof(f->vs), 1);
	fill_pattern(f->ps, sizeof(f->ps), 2);
	{
		uint64_t keep;

		tmob_build(&f->t, f->c, &f->shmob, SHADER_MOB, PG,
			   SVGA3D_MOBFMT_PT64_0);
		tmob_build(&f->t, f->c, &f->qmob, QUERY_MOB, PG,
			   SVGA3D_MOBFMT_PT64_0);
		keep = f->t.g.next;
		run_ok(&f->t, f->c, "shader and query MOBs");
		f->t.g.next = keep;
	}
	tmob_write(&f->t, &f->shmob, 0, f->vs, sizeof(f->vs));
	tmob_write(&f->t, &f->shmob, 256, f->ps, sizeof(f->ps));
	define_views_and_surfaces(f);
}

static void fixture_fini(struct fixture *f)
{
	dx_cot_free(f->cot);
	tmob_free(&f->shmob);
	tmob_free(&f->qmob);
	free(f->c);
	tdev_fini(&f->t);
}

/* Two DX shaders: VS 6 (64 bytes at 0) and PS 7 (128 bytes at 256). */
static void define_shaders(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXDefineShader vs = { 6, SVGA3D_SHADERTYPE_VS, 64 };
	SVGA3dCmdDXDefineShader ps = { 7, SVGA3D_SHADERTYPE_PS, 128 };
	SVGA3dCmdDXBindShader bvs = { CID, 6, SHADER_MOB, 0 };
	SVGA3dCmdDXBindShader bps = { CID, 7, SHADER_MOB, 256 };

	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, vs);
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, ps);
	CMD(c, SVGA_3D_CMD_DX_BIND_SHADER, bvs);
	CMD(c, SVGA_3D_CMD_DX_BIND_SHADER, bps);
	dx_ok(&f->t, c, CID, "define and bind shaders");
}

static void define_states(struct fixture *f)
{
	struct cbuf *c = f->c;
	struct {
		SVGA3dCmdDXDefineElementLayout h;
		SVGA3dInputElementDesc e[2];
	} el = { { 1 }, {
		{ 0, 0, SVGA3D_R32G32B32_FLOAT, SVGA3D_INPUT_PER_VERTEX_DATA,
		  0, 0 },
		{ 1, 4, SVGA3D_R8G8B8A8_UNORM, SVGA3D_INPUT_PER_INSTANCE_DATA,
		  2, 3 } } };
	SVGA3dCmdDXDefineBlendState bs;
	SVGA3dCmdDXDefineDepthStencilState ds;
	SVGA3dCmdDXDefineRasterizerState_v2 rs;
	SVGA3dCmdDXDefineSamplerState ss;

	CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, el);

	memset(&bs, 0, sizeof(bs));
	bs.blendId = 2;
	bs.alphaToCoverageEnable = 1;
	bs.independentBlendEnable = 0;
	bs.perRT[0] = (SVGA3dDXBlendStatePerRT){ 1, SVGA3D_BLENDOP_SRC1ALPHA,
		SVGA3D_BLENDOP_INVSRC1ALPHA, SVGA3D_BLENDEQ_ADD,
		SVGA3D_BLENDOP_ONE, SVGA3D_BLENDOP_ZERO,
		SVGA3D_BLENDEQ_MAXIMUM, 0x5, 0, 0, 0 };
	/* ignored without independent blending: garbage is tolerated */
	memset(&bs.perRT[1], 0xee, sizeof(bs.perRT[1]));
	CMD(c, SVGA_3D_CMD_DX_DEFINE_BLEND_STATE, bs);

	memset(&ds, 0, sizeof(ds));
	ds.depthStencilId = 3;
	ds.depthEnable = 1;
	ds.depthWriteMask = SVGA3D_DEPTH_WRITE_MASK_ALL;
	ds.depthFunc = SVGA3D_COMPARISON_GREATER_EQUAL;
	ds.stencilEnable = 1;
	ds.stencilReadMask = 0xf0;
	ds.stencilWriteMask = 0x0f;
	ds.frontStencilFailOp = SVGA3D_STENCILOP_KEEP;
	ds.frontStencilDepthFailOp = SVGA3D_STENCILOP_INCR;
	ds.frontStencilPassOp = SVGA3D_STENCILOP_REPLACE;
	ds.frontStencilFunc = SVGA3D_COMPARISON_ALWAYS;
	ds.backStencilFailOp = SVGA3D_STENCILOP_ZERO;
	ds.backStencilDepthFailOp = SVGA3D_STENCILOP_DECR;
	ds.backStencilPassOp = SVGA3D_STENCILOP_INVERT;
	ds.backStencilFunc = SVGA3D_COMPARISON_NOT_EQUAL;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_STATE, ds);

	memset(&rs, 0, sizeof(rs));
	rs.rasterizerId = 4;
	rs.fillMode = SVGA3D_FILLMODE_LINE;
	rs.cullMode = SVGA3D_CULL_FRONT;
	rs.frontCounterClockwise = 1;
	rs.provokingVertexLast = 1;
	rs.depthBias = -7;
	rs.depthBiasClamp = 0.5f;
	rs.slopeScaledDepthBias = 2.0f;
	rs.depthClipEnable = 1;
	rs.scissorEnable = 1;
	rs.lineWidth = 1.0f;
	rs.forcedSampleCount = 0;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE_V2, rs);

	memset(&ss, 0, sizeof(ss));
	ss.samplerId = 5;
	ss.filter = SVGA3D_FILTER_MIN_LINEAR | SVGA3D_FILTER_COMPARE;
	ss.addressU = SVGA3D_TEX_ADDRESS_WRAP;
	ss.addressV = SVGA3D_TEX_ADDRESS_CLAMP;
	ss.addressW = SVGA3D_TEX_ADDRESS_BORDER;
	ss.mipLODBias = 0.25f;
	ss.maxAnisotropy = 255;     /* what Mesa 25.0.7 always sends */
	ss.comparisonFunc = SVGA3D_COMPARISON_LESS;
	ss.borderColor = (SVGA3dRGBAFloat){ { 0.1f, 0.2f, 0.3f, 0.4f } };
	ss.minLOD = 1.0f;
	ss.maxLOD = 3.0f;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SAMPLER_STATE, ss);
	dx_ok(&f->t, c, CID, "define states");
}

/* Binds everything; the values are checked against the snapshot. */
static void set_state(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXSetShader svs = { 6, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { 7, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetSingleConstantBuffer cb = { 2, SVGA3D_SHADERTYPE_PS,
						  SID_CB, 128, 256 };
	SVGA3dCmdDXSetPSConstantBufferOffset cbo = { 2, 192 };
	struct {
		SVGA3dCmdDXSetShaderResources h;
		uint32_t ids[2];
	} srv = { { 3, SVGA3D_SHADERTYPE_PS }, { 5, SVGA3D_INVALID_ID } };
	struct {
		SVGA3dCmdDXSetSamplers h;
		uint32_t ids[1];
	} smp = { { 1, SVGA3D_SHADERTYPE_PS }, { 5 } };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	struct {
		SVGA3dCmdDXSetVertexBuffers_v2 h;
		SVGA3dVertexBuffer_v2 vb[2];
	} vbs = { { 0 }, { { SID_VB, 12, 16, 512 }, { SID_VB, 4, 600, 0 } } };
	SVGA3dCmdDXSetIndexBuffer ib = { SID_IB, SVGA3D_R16_UINT, 8 };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLESTRIP };
	struct {
		SVGA3dCmdDXSetRenderTargets h;
		uint32_t rtv[2];
	} rts = { { 1 }, { SVGA3D_INVALID_ID, 3 } };
	SVGA3dCmdDXSetBlendState sb = { 2, { 0.5f, 0.25f, 0.125f, 1.0f },
					0xff00ff };
	SVGA3dCmdDXSetDepthStencilState sds = { 3, 0x42 };
	SVGA3dCmdDXSetRasterizerState srs = { 4 };
	struct {
		SVGA3dCmdDXSetViewports h;
		SVGA3dViewport vp[2];
	} vps = { { 0 }, { { 1, 2, 3, 4, 0.0f, 1.0f },
			   { 5, 6, 7, 8, 0.25f, 0.75f } } };
	struct {
		SVGA3dCmdDXSetScissorRects h;
		SVGASignedRect r[1];
	} sc = { { 0 }, { { -1, 2, 10, 12 } } };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, cb);
	CMD(c, SVGA_3D_CMD_DX_SET_PS_CONSTANT_BUFFER_OFFSET, cbo);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER_RESOURCES, srv);
	CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, smp);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	CMD(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS_V2, vbs);
	CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER, ib);
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, rts);
	CMD(c, SVGA_3D_CMD_DX_SET_BLEND_STATE, sb);
	CMD(c, SVGA_3D_CMD_DX_SET_DEPTHSTENCIL_STATE, sds);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	CMD(c, SVGA_3D_CMD_DX_SET_VIEWPORTS, vps);
	CMD(c, SVGA_3D_CMD_DX_SET_SCISSORRECTS, sc);
	dx_ok(&f->t, c, CID, "set state");
}

static void check_snapshot(struct fixture *f, const struct dx_capture *cap)
{
	const struct svga_dx_draw *d = &cap->d;
	const struct svga_dx_draw_pipeline *p = &d->pipeline;

	CHECK_EQ(d->cid, CID);
	/* shaders, with their bytecode as read from the MOB */
	CHECK_EQ(p->shader[SVGA_DX_STAGE_VS].id, 6);
	CHECK_EQ(p->shader[SVGA_DX_STAGE_VS].type, SVGA3D_SHADERTYPE_VS);
	CHECK_EQ(p->shader[SVGA_DX_STAGE_VS].size, 64);
	CHECK(memcmp(cap->code[SVGA_DX_STAGE_VS], f->vs, 64) == 0);
	CHECK_EQ(p->shader[SVGA_DX_STAGE_PS].id, 7);
	CHECK_EQ(p->shader[SVGA_DX_STAGE_PS].size, 128);
	CHECK(memcmp(cap->code[SVGA_DX_STAGE_PS], f->ps, 128) == 0);
	CHECK_EQ(p->shader[SVGA_DX_STAGE_GS].id, SVGA3D_INVALID_ID);
	CHECK_EQ(p->topology, SVGA3D_PRIMITIVE_TRIANGLESTRIP);
	/* element layout */
	CHECK_EQ(p->element_layout, 1);
	CHECK_EQ(p->num_elements, 2);
	CHECK_EQ(p->elements[0].format, SVGA3D_R32G32B32_FLOAT);
	CHECK_EQ(p->elements[1].inputSlot, 1);
	CHECK_EQ(p->elements[1].alignedByteOffset, 4);
	CHECK_EQ(p->elements[1].inputSlotClass,
		 SVGA3D_INPUT_PER_INSTANCE_DATA);
	CHECK_EQ(p->elements[1].instanceDataStepRate, 2);
	CHECK_EQ(p->elements[1].inputRegister, 3);
	/* rasterizer */
	CHECK_EQ(p->rasterizer, 4);
	CHECK_EQ(p->rs.fillMode, SVGA3D_FILLMODE_LINE);
	CHECK_EQ(p->rs.cullMode, SVGA3D_CULL_FRONT);
	CHECK_EQ(p->rs.frontCounterClockwise, 1);
	CHECK_EQ(p->rs.provokingVertexLast, 1);
	CHECK(p->rs.depthBias == -7);
	CHECK(p->rs.depthBiasClamp == 0.5f);
	CHECK(p->rs.slopeScaledDepthBias == 2.0f);
	CHECK_EQ(p->rs.depthClipEnable, 1);
	CHECK_EQ(d->scissor_enable, 1);
	/* depth-stencil */
	CHECK_EQ(p->depth_stencil, 3);
	CHECK_EQ(p->ds.depthEnable, 1);
	CHECK_EQ(p->ds.depthWriteMask, SVGA3D_DEPTH_WRITE_MASK_ALL);
	CHECK_EQ(p->ds.depthFunc, SVGA3D_COMPARISON_GREATER_EQUAL);
	CHECK_EQ(p->ds.stencilEnable, 1);
	CHECK_EQ(p->ds.stencilReadMask, 0xf0);
	CHECK_EQ(p->ds.stencilWriteMask, 0x0f);
	CHECK_EQ(p->ds.frontStencilDepthFailOp, SVGA3D_STENCILOP_INCR);
	CHECK_EQ(p->ds.frontStencilPassOp, SVGA3D_STENCILOP_REPLACE);
	CHECK_EQ(p->ds.backStencilPassOp, SVGA3D_STENCILOP_INVERT);
	CHECK_EQ(p->ds.backStencilFunc, SVGA3D_COMPARISON_NOT_EQUAL);
	CHECK_EQ(d->stencil_ref, 0x42);
	/* blend: RT 0's dual-source state for every target */
	CHECK_EQ(p->blend, 2);
	CHECK_EQ(p->bs.alphaToCoverageEnable, 1);
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++) {
		CHECK_EQ(p->bs.perRT[i].blendEnable, 1);
		CHECK_EQ(p->bs.perRT[i].srcBlend, SVGA3D_BLENDOP_SRC1ALPHA);
		CHECK_EQ(p->bs.perRT[i].destBlend,
			 SVGA3D_BLENDOP_INVSRC1ALPHA);
		CHECK_EQ(p->bs.perRT[i].blendOpAlpha, SVGA3D_BLENDEQ_MAXIMUM);
		CHECK_EQ(p->bs.perRT[i].renderTargetWriteMask, 0x5);
	}
	CHECK(d->blend_factor[0] == 0.5f && d->blend_factor[3] == 1.0f);
	CHECK_EQ(p->sample_mask, 0xff00ff);
	/* targets */
	CHECK_EQ(p->num_rts, 2);
	CHECK_EQ(d->rt[0].id, SVGA3D_INVALID_ID);
	CHECK_EQ(p->rt_formats[0], 0);
	CHECK_EQ(d->rt[1].id, 3);
	CHECK_EQ(d->rt[1].sid, SID_RT);
	CHECK_EQ(p->rt_formats[1], SVGA3D_B8G8R8A8_UNORM);
	CHECK_EQ(d->ds.id, 1);
	CHECK_EQ(d->ds.sid, SID_DS);
	CHECK_EQ(p->ds_format, SVGA3D_D24_UNORM_S8_UINT);
	/* viewports and scissors */
	CHECK_EQ(d->num_viewports, 2);
	CHECK(d->viewports[1].x == 5 && d->viewports[1].maxDepth == 0.75f);
	CHECK_EQ(d->num_scissors, 1);
	CHECK(d->scissors[0].left == -1);
	CHECK_EQ(d->scissors[0].bottom, 12);
	/* vertex buffers: slot 0 as set, slot 1 clamped to the surface */
	CHECK_EQ(d->vbufs[0].sid, SID_VB);
	CHECK_EQ(d->vbufs[0].stride, 12);
	CHECK_EQ(d->vbufs[0].offset, 16);
	CHECK_EQ(d->vbufs[0].size, 512);
	CHECK_EQ(d->vbufs[1].offset, 600);
	CHECK_EQ(d->vbufs[1].size, 1024 - 600);
	CHECK_EQ(d->vbufs[2].sid, SVGA3D_INVALID_ID);
	/* index buffer */
	CHECK_EQ(d->index_buffer.sid, SID_IB);
	CHECK_EQ(d->index_buffer.offset, 8);
	CHECK_EQ(d->index_buffer.size, 256 - 8);
	CHECK_EQ(d->index_size, 2);
	/* PS bindings */
	{
		const struct svga_dx_draw_stage *ps =
			&d->stage[SVGA_DX_STAGE_PS];

		CHECK_EQ(ps->cb[2].sid, SID_CB);
		CHECK_EQ(ps->cb[2].offset, 192);
		CHECK_EQ(ps->cb[2].size, 256);
		CHECK_EQ(ps->cb[1].sid, SVGA3D_INVALID_ID);
		CHECK_EQ(ps->srv[3].id, 5);
		CHECK_EQ(ps->srv[3].sid, SID_TEX);
		CHECK_EQ(ps->srv[3].format, SVGA3D_R8G8B8A8_UNORM);
		CHECK_EQ(ps->srv[4].id, SVGA3D_INVALID_ID);
		CHECK_EQ(ps->sampler_id[1], 5);
		CHECK_EQ(ps->sampler[1].filter,
			 SVGA3D_FILTER_MIN_LINEAR | SVGA3D_FILTER_COMPARE);
		CHECK_EQ(ps->sampler[1].addressW, SVGA3D_TEX_ADDRESS_BORDER);
		CHECK_EQ(ps->sampler[1].maxAnisotropy, 255);
		CHECK_EQ(ps->sampler[1].comparisonFunc,
			 SVGA3D_COMPARISON_LESS);
		CHECK(ps->sampler[1].borderColor.value[2] == 0.3f);
		CHECK(ps->sampler[1].minLOD == 1.0f &&
		      ps->sampler[1].maxLOD == 3.0f);
		CHECK_EQ(ps->sampler_id[0], SVGA3D_INVALID_ID);
		CHECK_EQ(d->stage[SVGA_DX_STAGE_VS].srv[3].id,
			 SVGA3D_INVALID_ID);
	}
	CHECK_EQ(d->pred_query, SVGA3D_INVALID_ID);
}

static void test_draw_snapshot(void)
{
	struct fixture f;
	struct dx_capture *cap = calloc(1, sizeof(*cap));

	fixture_init(&f);
	define_shaders(&f);
	define_states(&f);
	set_state(&f);

	/* no renderer: validated and counted, not executed */
	{
		SVGA3dCmdDXDraw dr = { 3, 0 };
		uint64_t before = f.t.dev->cmd.dx_draws_validated;

		CMD(f.c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_ok(&f.t, f.c, CID, "draw without renderer");
		CHECK_EQ(f.t.dev->cmd.dx_draws_validated, before + 1);
	}
	dx_capture_attach(&f.t, cap);
	{
		SVGA3dCmdDXDrawIndexedInstanced dr = { 36, 5, 3, -2, 7 };

		CMD(f.c, SVGA_3D_CMD_DX_DRAW_INDEXED_INSTANCED, dr);
		dx_ok(&f.t, f.c, CID, "draw indexed instanced");
		CHECK_EQ(cap->draws, 1);
		CHECK_EQ(cap->d.kind, SVGA_DX_DRAW_INDEXED);
		CHECK_EQ(cap->d.count, 36);
		CHECK_EQ(cap->d.instances, 5);
		CHECK_EQ(cap->d.first, 3);
		CHECK(cap->d.base_vertex == -2);
		CHECK_EQ(cap->d.first_instance, 7);
		check_snapshot(&f, cap);
	}
	{
		SVGA3dCmdDXDrawInstanced dr = { 4, 2, 1, 9 };

		CMD(f.c, SVGA_3D_CMD_DX_DRAW_INSTANCED, dr);
		dx_ok(&f.t, f.c, CID, "draw instanced");
		CHECK_EQ(cap->draws, 2);
		CHECK_EQ(cap->d.kind, SVGA_DX_DRAW_PLAIN);
		CHECK_EQ(cap->d.count, 4);
		CHECK_EQ(cap->d.instances, 2);
		CHECK_EQ(cap->d.first_instance, 9);
		CHECK_EQ(cap->d.index_size, 0);
	}
	/* OFFSET_AND_SIZE keeps each slot's surface; a changed PS binding
	 * shows up in the next draw; DRAW_AUTO reads vertex buffer 0 */
	{
		struct {
			SVGA3dCmdDXSetVertexBuffersOffsetAndSize h;
			SVGA3dVertexBufferOffsetAndSize v[1];
		} vo = { { 0 }, { { 20, 40, 100 } } };
		SVGA3dCmdDXSetShader nops = { SVGA3D_INVALID_ID,
					      SVGA3D_SHADERTYPE_PS };
		SVGA3dCmdDXDrawAuto da = { 0 };

		CMD(f.c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS_OFFSET_AND_SIZE, vo);
		CMD(f.c, SVGA_3D_CMD_DX_SET_SHADER, nops);
		CMD(f.c, SVGA_3D_CMD_DX_DRAW_AUTO, da);
		dx_ok(&f.t, f.c, CID, "draw auto");
		CHECK_EQ(cap->draws, 3);
		CHECK_EQ(cap->d.kind, SVGA_DX_DRAW_AUTO);
		CHECK_EQ(cap->d.vbufs[0].sid, SID_VB);
		CHECK_EQ(cap->d.vbufs[0].stride, 20);
		CHECK_EQ(cap->d.vbufs[0].offset, 40);
		CHECK_EQ(cap->d.vbufs[0].size, 100);
		CHECK_EQ(cap->d.pipeline.shader[SVGA_DX_STAGE_PS].id,
			 SVGA3D_INVALID_ID);
	}
	/* a renderer failure is a command error */
	{
		SVGA3dCmdDXDraw dr = { 3, 0 };

		cap->fail = 1;
		CMD(f.c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_err(&f.t, f.c, CID, 0, "DX_DRAW", "renderer failure");
		cap->fail = 0;
	}
	free(cap);
	fixture_fini(&f);
}

/* Each bad input: a command error naming the command, and afterwards
 * the same context still draws. */
/* Stream output, predication and COND_BIND_ALL_SHADER reach the
 * snapshot. */
static void test_so_pred_rebind(void)
{
	struct fixture f;
	struct dx_capture *cap = calloc(1, sizeof(*cap));
	struct cbuf *c;
	struct tmob m2;
	uint8_t vs2[64];

	fixture_init(&f);
	c = f.c;
	define_shaders(&f);
	define_states(&f);
	set_state(&f);
	dx_capture_attach(&f.t, cap);
	{
		uint64_t keep;

		tmob_build(&f.t, c, &m2, 32, PG, SVGA3D_MOBFMT_PT64_0);
		keep = f.t.g.next;
		run_ok(&f.t, c, "second shader MOB");
		f.t.g.next = keep;
		fill_pattern(vs2, sizeof(vs2), 9);
		tmob_write(&f.t, &m2, 0, vs2, sizeof(vs2));
	}
	{
		SVGA3dCmdDXDefineStreamOutput so;
		SVGA3dCmdDXSetStreamOutput sso = { 2 };
		struct {
			SVGA3dCmdDXSetSOTargets h;
			SVGA3dSoTarget t[2];
		} sot = { { 0 }, { { SID_VB, 64, 256 },
				   { SVGA3D_INVALID_ID, 0, 0 } } };
		SVGA3dCmdDXDefineQuery q = { 4,
			SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE, 0 };
		SVGA3dCmdDXSetPredication pr = { 4, 1 };
		/* VS 6 and PS 7 live in SHADER_MOB: move both to MOB 32 */
		SVGA3dCmdDXCondBindAllShader cb = { CID, SHADER_MOB, 32 };
		SVGA3dCmdDXDraw dr = { 3, 0 };

		memset(&so, 0, sizeof(so));
		so.soid = 2;
		so.numOutputStreamEntries = 2;
		so.decl[0] = (SVGA3dStreamOutputDeclarationEntry){ 0, 1, 0xf,
								  0, 0, 0 };
		so.decl[1] = (SVGA3dStreamOutputDeclarationEntry){ 1, 2, 0x3,
								  0, 0, 0 };
		so.streamOutputStrideInBytes[0] = 16;
		so.streamOutputStrideInBytes[1] = 8;
		so.rasterizedStream = SVGA3D_DX_SO_NO_RASTERIZED_STREAM;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_STREAMOUTPUT, so);
		CMD(c, SVGA_3D_CMD_DX_SET_STREAMOUTPUT, sso);
		CMD(c, SVGA_3D_CMD_DX_SET_SOTARGETS, sot);
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, q);
		CMD(c, SVGA_3D_CMD_DX_SET_PREDICATION, pr);
		CMD(c, SVGA_3D_CMD_DX_COND_BIND_ALL_SHADER, cb);
		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_ok(&f.t, c, CID, "stream output, predication, rebind");
		CHECK_EQ(cap->draws, 1);
		CHECK_EQ(cap->d.pipeline.streamoutput, 2);
		CHECK_EQ(cap->d.num_so, 2);
		CHECK_EQ(cap->d.so[0].sid, SID_VB);
		CHECK_EQ(cap->d.so[0].offset, 64);
		CHECK_EQ(cap->d.so[0].sizeInBytes, 256);
		CHECK_EQ(cap->d.so[1].sid, SVGA3D_INVALID_ID);
		CHECK_EQ(cap->d.so[2].sid, SVGA3D_INVALID_ID);
		CHECK_EQ(cap->d.pred_query, 4);
		CHECK_EQ(cap->d.pred_value, 1);
		/* VS 6 was at offset 0 of the old MOB: now MOB 32's bytes */
		CHECK(memcmp(cap->code[SVGA_DX_STAGE_VS], vs2, 64) == 0);
		/* PS 7 was at offset 256: MOB 32 is zero there */
		CHECK_EQ(cap->code[SVGA_DX_STAGE_PS][0] |
			 cap->code[SVGA_DX_STAGE_PS][127], 0);
	}
	{	/* the SO declaration is checked: stream 1 is SM5 */
		SVGA3dCmdDXDefineStreamOutput so;

		memset(&so, 0, sizeof(so));
		so.soid = 3;
		so.numOutputStreamEntries = 1;
		so.decl[0].stream = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_STREAMOUTPUT, so);
		dx_err(&f.t, c, CID, 0, "decl stream", "SO stream 1");
	}
	{	/* destroying the shader unbinds it: the draw has no VS */
		SVGA3dCmdDXDestroyShader d = { 6 };
		SVGA3dCmdDXDraw dr = { 3, 0 };

		CMD(c, SVGA_3D_CMD_DX_DESTROY_SHADER, d);
		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_err(&f.t, c, CID, 1, "no vertex shader",
		       "draw after destroying the VS");
	}
	tmob_free(&m2);
	free(cap);
	fixture_fini(&f);
}

static void test_bad_input(void)
{
	struct fixture f;
	struct dx_capture *cap = calloc(1, sizeof(*cap));
	struct cbuf *c;

	fixture_init(&f);
	c = f.c;
	define_shaders(&f);
	define_states(&f);
	set_state(&f);
	dx_capture_attach(&f.t, cap);
	{	/* id beyond the COTable */
		SVGA3dCmdDXDefineBlendState bs;

		memset(&bs, 0, sizeof(bs));
		bs.blendId = ENTRIES;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_BLEND_STATE, bs);
		dx_err(&f.t, c, CID, 0, "DX_DEFINE_BLEND_STATE",
		       "blend id beyond COTable");
	}
	{	/* bound id beyond the COTable */
		SVGA3dCmdDXSetRasterizerState rs = { ENTRIES + 5 };

		CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, rs);
		dx_err(&f.t, c, CID, 0, "DX_SET_RASTERIZER_STATE",
		       "rasterizer id beyond COTable");
	}
	{	/* bad enums */
		SVGA3dCmdDXSetTopology t0 = { SVGA3D_PRIMITIVE_INVALID };
		SVGA3dCmdDXSetTopology tp = {
			SVGA3D_PRIMITIVE_3_CONTROL_POINT_PATCH };
		SVGA3dCmdDXDefineRasterizerState rs;
		SVGA3dCmdDXSetTopology ok = { SVGA3D_PRIMITIVE_POINTLIST };

		CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, t0);
		dx_err(&f.t, c, CID, 0, "DX_SET_TOPOLOGY", "topology 0");
		CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, ok);
		CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, tp);
		dx_err(&f.t, c, CID, 1, "DX_SET_TOPOLOGY", "patch topology");
		memset(&rs, 0, sizeof(rs));
		rs.rasterizerId = 6;
		rs.fillMode = SVGA3D_FILLMODE_MAX;
		rs.cullMode = SVGA3D_CULL_NONE;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE, rs);
		dx_err(&f.t, c, CID, 0, "fillMode", "fill mode");
	}
	{	/* a blend factor out of range with blending on */
		SVGA3dCmdDXDefineBlendState bs;

		memset(&bs, 0, sizeof(bs));
		bs.blendId = 6;
		bs.perRT[0] = (SVGA3dDXBlendStatePerRT){ 1,
			SVGA3D_BLENDOP_MAX, SVGA3D_BLENDOP_ONE,
			SVGA3D_BLENDEQ_ADD, SVGA3D_BLENDOP_ONE,
			SVGA3D_BLENDOP_ONE, SVGA3D_BLENDEQ_ADD, 0xf, 0, 0, 0 };
		CMD(c, SVGA_3D_CMD_DX_DEFINE_BLEND_STATE, bs);
		dx_err(&f.t, c, CID, 0, "srcBlend", "blend factor");
	}
	{	/* shader bytecode beyond its MOB */
		SVGA3dCmdDXDefineShader sh = { 1, SVGA3D_SHADERTYPE_GS, 64 };
		SVGA3dCmdDXBindShader b = { CID, 1, SHADER_MOB, PG - 32 };

		CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, sh);
		CMD(c, SVGA_3D_CMD_DX_BIND_SHADER, b);
		dx_err(&f.t, c, CID, 1, "beyond MOB", "bytecode beyond MOB");
	}
	{	/* a shader set as the wrong type; an SM5 type */
		SVGA3dCmdDXSetShader s = { 7, SVGA3D_SHADERTYPE_VS };
		SVGA3dCmdDXDefineShader hs = { 2, SVGA3D_SHADERTYPE_HS, 64 };

		CMD(c, SVGA_3D_CMD_DX_SET_SHADER, s);
		dx_err(&f.t, c, CID, 0, "DX_SET_SHADER", "shader type");
		CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, hs);
		dx_err(&f.t, c, CID, 0, "DX_DEFINE_SHADER", "HS on SM4.1");
	}
	{	/* element layout slot out of range */
		struct {
			SVGA3dCmdDXDefineElementLayout h;
			SVGA3dInputElementDesc e[1];
		} el = { { 2 }, { { SVGA3D_DX_MAX_VERTEXBUFFERS, 0,
				    SVGA3D_R32_FLOAT,
				    SVGA3D_INPUT_PER_VERTEX_DATA, 0, 0 } } };

		CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, el);
		dx_err(&f.t, c, CID, 0, "inputSlot", "element slot");
		/* and a body that is not a whole number of elements */
		cb_3d(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS, &el,
		      sizeof(SVGA3dCmdDXSetVertexBuffers) + 5);
		dx_err(&f.t, c, CID, 0, "DX_SET_VERTEX_BUFFERS", "ragged body");
	}
	{	/* too many render targets; an undefined view */
		struct {
			SVGA3dCmdDXSetRenderTargets h;
			uint32_t rtv[9];
		} rts;
		struct {
			SVGA3dCmdDXSetShaderResources h;
			uint32_t ids[1];
		} srv = { { 0, SVGA3D_SHADERTYPE_PS }, { 4 } };

		memset(&rts, 0xff, sizeof(rts));
		CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, rts);
		dx_err(&f.t, c, CID, 0, "DX_SET_RENDERTARGETS", "9 RTs");
		CMD(c, SVGA_3D_CMD_DX_SET_SHADER_RESOURCES, srv);
		dx_err(&f.t, c, CID, 0, "not defined", "undefined SRV");
	}
	{	/* a vertex buffer that is no surface; a bad index format */
		struct {
			SVGA3dCmdDXSetVertexBuffers h;
			SVGA3dVertexBuffer vb[1];
		} vbs = { { 31 }, { { 77, 4, 0 } } };
		SVGA3dCmdDXSetIndexBuffer ib = { SID_IB, SVGA3D_R8_UINT, 0 };

		CMD(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS, vbs);
		dx_err(&f.t, c, CID, 0, "DX_SET_VERTEX_BUFFERS: no surface 77",
		       "vertex buffer sid");
		CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER, ib);
		dx_err(&f.t, c, CID, 0, "index format", "index format");
	}
	{	/* draw with no VS */
		SVGA3dCmdDXSetShader novs = { SVGA3D_INVALID_ID,
					      SVGA3D_SHADERTYPE_VS };
		SVGA3dCmdDXSetShader vs = { 6, SVGA3D_SHADERTYPE_VS };
		SVGA3dCmdDXDraw dr = { 3, 0 };
		unsigned draws = cap->draws;

		CMD(c, SVGA_3D_CMD_DX_SET_SHADER, novs);
		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_err(&f.t, c, CID, 1, "no vertex shader", "draw without VS");
		CHECK_EQ(cap->draws, draws);
		CMD(c, SVGA_3D_CMD_DX_SET_SHADER, vs);
		dx_ok(&f.t, c, CID, "rebind VS");
	}
	{	/* a destroyed bound RT view fails the draw; indexed draw with
		 * no index buffer */
		SVGA3dCmdDXDestroyRenderTargetView d = { 3 };
		struct {
			SVGA3dCmdDXSetRenderTargets h;
			uint32_t rtv[1];
		} rts = { { 1 }, { SVGA3D_INVALID_ID } };
		SVGA3dCmdDXSetIndexBuffer noib = { SVGA3D_INVALID_ID, 0, 0 };
		SVGA3dCmdDXDraw dr = { 3, 0 };
		SVGA3dCmdDXDrawIndexed di = { 3, 0, 0 };

		CMD(c, SVGA_3D_CMD_DX_DESTROY_RENDERTARGET_VIEW, d);
		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_err(&f.t, c, CID, 1, "view 3 (COTable 0) is not defined",
		       "destroyed RTV");
		CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, rts);
		CMD(c, SVGA_3D_CMD_DX_SET_INDEX_BUFFER, noib);
		CMD(c, SVGA_3D_CMD_DX_DRAW_INDEXED, di);
		dx_err(&f.t, c, CID, 2, "no index buffer", "no index buffer");
	}
	{	/* DX commands outside a DX context buffer */
		SVGA3dCmdDXSetTopology tp = { SVGA3D_PRIMITIVE_LINELIST };

		CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, tp);
		run_err(&f.t, c, 0, "DX command outside a DX buffer");
	}
	{	/* the device keeps working: the same context draws */
		SVGA3dCmdDXDraw dr = { 6, 1 };
		unsigned draws = cap->draws;

		CMD(c, SVGA_3D_CMD_DX_DRAW, dr);
		dx_ok(&f.t, c, CID, "draw after errors");
		CHECK_EQ(cap->draws, draws + 1);
		CHECK_EQ(cap->d.count, 6);
		CHECK_EQ(cap->d.first, 1);
		CHECK_EQ(cap->d.pipeline.shader[SVGA_DX_STAGE_VS].id, 6);
		CHECK_EQ(cap->d.pipeline.topology,
			 SVGA3D_PRIMITIVE_POINTLIST);
	}
	free(cap);
	fixture_fini(&f);
}

/* COTable growth keeps the entries below the valid size, and a smaller
 * COTable bounds the ids again. */
static void test_cotable_grow(void)
{
	struct fixture f;
	struct tmob big;
	struct cbuf *c;

	fixture_init(&f);
	c = f.c;
	define_states(&f);
	{
		uint32_t es = sizeof(SVGACOTableDXSamplerEntry);
		SVGA3dCmdDXGrowCOTable g = { CID, 40, SVGA_COTABLE_SAMPLER,
					     ENTRIES * es };
		SVGA3dCmdDXSetSamplers s1 = { 0, SVGA3D_SHADERTYPE_PS };
		struct {
			SVGA3dCmdDXSetSamplers h;
			uint32_t id;
		} s = { s1, 5 };
		SVGA3dCmdDXDefineSamplerState ss;
		uint64_t keep;

		tmob_build(&f.t, c, &big, 40, 4 * ENTRIES * es,
			   SVGA3D_MOBFMT_PT64_1);
		keep = f.t.g.next;
		run_ok(&f.t, c, "big MOB");
		f.t.g.next = keep;
		CMD(c, SVGA_3D_CMD_DX_GROW_COTABLE, g);
		CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, s);   /* sampler 5 kept */
		memset(&ss, 0, sizeof(ss));
		ss.samplerId = 3 * ENTRIES;               /* now in range */
		ss.addressU = ss.addressV = ss.addressW =
			SVGA3D_TEX_ADDRESS_WRAP;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_SAMPLER_STATE, ss);
		dx_ok(&f.t, c, CID, "grown sampler COTable");
		/* vmwgfx's scrub (readback, MOB INVALID) and unscrub (the
		 * MOB again, valid size = what was read back) */
		{
			SVGA3dCmdDXReadbackCOTable rb = { CID,
				SVGA_COTABLE_SAMPLER };
			SVGA3dCmdDXSetCOTable off = { CID, SVGA3D_INVALID_ID,
				SVGA_COTABLE_SAMPLER, 0 };
			SVGA3dCmdDXSetCOTable on = { CID, 40,
				SVGA_COTABLE_SAMPLER, 4 * ENTRIES * es };

			CMD(c, SVGA_3D_CMD_DX_READBACK_COTABLE, rb);
			CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, off);
			CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, s);
			dx_err(&f.t, c, CID, 2, "beyond its COTable",
			       "sampler while the COTable is scrubbed");
			CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, on);
			CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, s);
			SVGA3dCmdDXDestroySamplerState ds = { 3 * ENTRIES };

			CMD(c, SVGA_3D_CMD_DX_DESTROY_SAMPLER_STATE, ds);
			dx_ok(&f.t, c, CID, "samplers restored by unscrub");
		}
		/* set back to the small MOB with valid size 0: all gone */
		{
			SVGA3dCmdDXSetCOTable sc = { CID,
				DX_COT_MOB(SVGA_COTABLE_SAMPLER),
				SVGA_COTABLE_SAMPLER, 0 };

			CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, sc);
			CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, s);
			dx_err(&f.t, c, CID, 1, "not defined",
			       "sampler dropped with the COTable");
		}
	}
	tmob_free(&big);
	fixture_fini(&f);
}

/* One guest MOB backing the stream-output COTable of many contexts: the
 * host's COTable memory is bounded, and destroying a context frees its
 * share. */
static void test_cotable_budget(void)
{
	const uint32_t mob_size = 16u << 20;
	const uint32_t es = sizeof(SVGACOTableDXStreamOutputEntry);
	const uint64_t per = (uint64_t)(mob_size / es) * es;
	const uint32_t fit = (uint32_t)(SVGA_DX_COTABLE_BYTES_MAX / per);
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob big;
	uint64_t keep;

	tdev_init(&t, 48);
	setup_otables(&t, 64);
	tmob_build(&t, c, &big, 50, mob_size, SVGA3D_MOBFMT_RANGE);
	keep = t.g.next;
	run_ok(&t, c, "16 MiB MOB");
	t.g.next = keep;
	CHECK(fit > 1 && fit < 60);
	for (uint32_t cid = 1; cid <= fit + 1; cid++) {
		SVGA3dCmdDXDefineContext d = { cid };
		SVGA3dCmdDXSetCOTable s = { cid, 50, SVGA_COTABLE_STREAMOUTPUT,
					    0 };

		CMD(c, SVGA_3D_CMD_DX_DEFINE_CONTEXT, d);
		CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, s);
		if (cid <= fit) {
			run_ok(&t, c, "COTable within the budget");
		} else {
			t.g.last_error[0] = 0;
			run_err(&t, c, 1, "COTable beyond the budget");
			CHECK(strstr(t.g.last_error, "budget") != NULL);
		}
	}
	{
		SVGA3dCmdDXDestroyContext d = { 1 };
		SVGA3dCmdDXSetCOTable s = { fit + 1, 50,
					    SVGA_COTABLE_STREAMOUTPUT, 0 };

		CMD(c, SVGA_3D_CMD_DX_DESTROY_CONTEXT, d);
		CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, s);
		run_ok(&t, c, "budget freed by DX_DESTROY_CONTEXT");
	}
	tmob_free(&big);
	free(c);
	tdev_fini(&t);
}

/* PRESENTBLT reaches its hook once validated (without one it is a
 * command error); GENMIPS runs on host storage (its pixels:
 * test_genmips.c); an SM5 stage may be unbound (a no-op) but not bound. */
static unsigned blts;

static int count_blt(void *opaque, const SVGA3dCmdDXPresentBlt *c)
{
	(void)opaque;
	blts += c->dstSid == SID_RT;
	return 0;
}

static const struct svga_dx_hooks blit_hooks = {
	.present_blt = count_blt,
};

static void test_blt_mips_hooks(void)
{
	struct fixture f;
	struct cbuf *c;
	SVGA3dCmdDXPresentBlt pb = { SID_TEX, 0, SID_RT, 0,
		{ 0, 0, 0, 8, 8, 1 }, { 0, 0, 0, 16, 16, 1 },
		SVGADX_PRESENTBLT_LINEAR };
	SVGA3dCmdDXGenMips gm = { 5 };
	SVGA3dCmdDXSetShader hs = { SVGA3D_INVALID_ID, SVGA3D_SHADERTYPE_HS };

	fixture_init(&f);
	c = f.c;
	/* without a renderer: PRESENTBLT is refused, GENMIPS done */
	CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
	dx_err(&f.t, c, CID, 0, "DX_PRESENTBLT", "blt without renderer");
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, gm);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, hs);
	dx_ok(&f.t, c, CID, "mips without renderer");
	svga_cmd_set_dx_hooks(&f.t.dev->cmd, &blit_hooks, NULL);
	CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, gm);
	dx_ok(&f.t, c, CID, "blt, mips with hooks");
	CHECK_EQ(blts, 1);
	pb.srcSubResource = 4;     /* SID_TEX has 4 mips, 1 layer */
	CMD(c, SVGA_3D_CMD_DX_PRESENTBLT, pb);
	dx_err(&f.t, c, CID, 0, "DX_PRESENTBLT: bad subresource",
	       "blt subresource");
	gm.shaderResourceViewId = 6;
	CMD(c, SVGA_3D_CMD_DX_GENMIPS, gm);
	dx_err(&f.t, c, CID, 0, "DX_GENMIPS", "mips of no view");
	hs.shaderId = 6;
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, hs);
	dx_err(&f.t, c, CID, 0, "not supported", "bind an HS");
	CHECK_EQ(blts, 1);
	fixture_fini(&f);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void test_queries(void)
{
	struct fixture f;
	struct cbuf *c;

	fixture_init(&f);
	c = f.c;
	{
		SVGA3dCmdDXDefineQuery ts = { 1, SVGA3D_QUERYTYPE_TIMESTAMP, 0 };
		SVGA3dCmdDXDefineQuery dj = { 2,
			SVGA3D_QUERYTYPE_TIMESTAMPDISJOINT, 0 };
		SVGA3dCmdDXDefineQuery oc = { 3, SVGA3D_QUERYTYPE_OCCLUSION, 0 };
		SVGA3dCmdDXBindAllQuery ba = { CID, QUERY_MOB };
		SVGA3dCmdDXSetQueryOffset o1 = { 1, 16 };
		SVGA3dCmdDXSetQueryOffset o2 = { 2, 48 };
		SVGA3dCmdDXMoveQuery o3 = { 3, QUERY_MOB, 96 };
		SVGA3dCmdDXBeginQuery b2 = { 2 }, b3 = { 3 };
		SVGA3dCmdDXEndQuery e1 = { 1 }, e2 = { 2 }, e3 = { 3 };
		SVGA3dCmdDXReadbackQuery r1 = { 1 };
		SVGA3dCmdDXReadbackAllQuery ra = { CID };
		uint8_t junk[32];
		uint32_t state;
		uint64_t t0, t1, stamp;
		SVGADXTimestampDisjointQueryResult dres;

		memset(junk, 0xab, sizeof(junk));
		tmob_write(&f.t, &f.qmob, 96, junk, sizeof(junk));
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, ts);
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, dj);
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, oc);
		CMD(c, SVGA_3D_CMD_DX_BIND_ALL_QUERY, ba);
		CMD(c, SVGA_3D_CMD_DX_SET_QUERY_OFFSET, o1);
		CMD(c, SVGA_3D_CMD_DX_SET_QUERY_OFFSET, o2);
		CMD(c, SVGA_3D_CMD_DX_MOVE_QUERY, o3);
		CMD(c, SVGA_3D_CMD_DX_BEGIN_QUERY, b2);
		CMD(c, SVGA_3D_CMD_DX_BEGIN_QUERY, b3);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e1);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e2);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e3);
		CMD(c, SVGA_3D_CMD_DX_READBACK_QUERY, r1);
		CMD(c, SVGA_3D_CMD_DX_READBACK_ALL_QUERY, ra);
		t0 = now_ns();
		dx_ok(&f.t, c, CID, "queries");
		t1 = now_ns();

		tmob_read(&f.t, &f.qmob, 16, &state, 4);
		tmob_read(&f.t, &f.qmob, 20, &stamp, 8);
		CHECK_EQ(state, SVGA3D_QUERYSTATE_SUCCEEDED);
		CHECK(stamp >= t0 && stamp <= t1);
		tmob_read(&f.t, &f.qmob, 48, &state, 4);
		tmob_read(&f.t, &f.qmob, 52, &dres, sizeof(dres));
		CHECK_EQ(state, SVGA3D_QUERYSTATE_SUCCEEDED);
		CHECK_EQ(dres.realFrequency, 1000000000ull);
		CHECK_EQ(dres.disjoint, 0);
		/* occlusion: no renderer, no count: FAILED, result untouched */
		tmob_read(&f.t, &f.qmob, 96, &state, 4);
		CHECK_EQ(state, SVGA3D_QUERYSTATE_FAILED);
		tmob_read(&f.t, &f.qmob, 100, junk, 4);
		CHECK(junk[0] == 0xab && junk[3] == 0xab);

		/* a later timestamp is later */
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e1);
		dx_ok(&f.t, c, CID, "second timestamp");
		{
			uint64_t stamp2;

			tmob_read(&f.t, &f.qmob, 20, &stamp2, 8);
			CHECK(stamp2 > stamp);
		}
	}
	{	/* bad queries */
		SVGA3dCmdDXDefineQuery bad = { 4, SVGA3D_QUERYTYPE_MAX, 0 };
		SVGA3dCmdDXDefineQuery beyond = { ENTRIES,
			SVGA3D_QUERYTYPE_TIMESTAMP, 0 };
		SVGA3dCmdDXDefineQuery nomob = { 5, SVGA3D_QUERYTYPE_TIMESTAMP,
						 0 };
		SVGA3dCmdDXEndQuery e5 = { 5 };
		SVGA3dCmdDXSetQueryOffset far = { 1, PG - 4 };
		SVGA3dCmdDXEndQuery e1 = { 1 };
		SVGA3dCmdDXSetPredication pr = { 1, 0 };

		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, bad);
		dx_err(&f.t, c, CID, 0, "query type", "query type");
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, beyond);
		dx_err(&f.t, c, CID, 0, "beyond", "query id");
		CMD(c, SVGA_3D_CMD_DX_DEFINE_QUERY, nomob);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e5);
		dx_err(&f.t, c, CID, 1, "no MOB", "query without MOB");
		CMD(c, SVGA_3D_CMD_DX_SET_QUERY_OFFSET, far);
		CMD(c, SVGA_3D_CMD_DX_END_QUERY, e1);
		dx_err(&f.t, c, CID, 1, "DX_END_QUERY: access",
		       "result beyond the MOB");
		CMD(c, SVGA_3D_CMD_DX_SET_PREDICATION, pr);
		dx_err(&f.t, c, CID, 0, "not a predicate", "predicate type");
	}
	fixture_fini(&f);
}

int main(void)
{
	test_draw_snapshot();
	test_bad_input();
	test_so_pred_rebind();
	test_cotable_grow();
	test_cotable_budget();
	test_blt_mips_hooks();
	test_queries();
	return t_report("test_dxstate");
}
