// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: DX queries answered by the GPU and predicated
 * draws, through the device core on the renderer (lavapipe here).
 *
 * A 16x16-pixel rectangle (two triangles on pixel edges: exactly 256
 * samples at 1 sample per pixel) is drawn between DX_BEGIN_QUERY and
 * DX_END_QUERY; each result is read from the guest's query MOB (state
 * then result, as Mesa's svga driver reads it): occlusion counts of 256
 * and of 0 for the same rectangle depth-rejected, occlusion predicates,
 * pipeline statistics (6 vertices, 2 primitives), timestamps in order,
 * stream-output statistics without stream output.  Predicated draws are
 * checked in the pixels read back: skipped when the predicate equals the
 * value, drawn otherwise and after SET_PREDICATION(INVALID).  Bad input is
 * a command error naming the command; BEGIN twice restarts the count.
 * The number of live renderer queries is bounded and destroy frees.
 * Also here (same fixture): constant buffers bound at slots 14 and 15
 * read by a pixel shader, checked in the pixels; a slot past what the
 * Vulkan device backs (the DX_MAX_CONSTANT_BUFFERS devcap the guest
 * reads) is a command error naming it.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "backend_harness.h"
#include "shader_asm.h"

#define CID 2
#define ENTRIES 600
#define W 32
#define H 32
#define SID_RT 1
#define SID_VB 2
#define SID_DS 3
#define MOB_RT 20
#define MOB_VB 21
#define MOB_SH 22
#define MOB_DS 23
#define MOB_Q 24
#define MOB_CB 25
#define SID_CB 5
#define PS_CB_ID 8                /* + slot - 14 */
#define RTV 3
#define DSV 4
#define DSS_LESS 1
#define VS_ID 6
#define PS_ID 7
#define QSLOT 128                 /* bytes of query MOB per query */
#define RECT_SAMPLES 256u
#define MAX_LIVE 512              /* BACKEND_MAX_QUERIES */

enum { PS_TYPE = 0 };

/* ps: o0 = cb<slot>[0] */
static size_t build_ps_cb(struct asm_buf *b, uint32_t slot)
{
	asm_begin(b, PS_TYPE, 4, 0);
	asm_op(b, 89, 0);                 /* dcl_constantbuffer cbN[1] */
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_CB) | O_NDIM(2));
	asm_dw(b, slot);
	asm_dw(b, 1);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src2(b, T_CB, SWZ_XYZW, slot, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

struct vertex {
	float pos[4];
	float color[4];
};

/* pixels [8, 24) x [4, 20), z 0.5, white */
#define X0 (8.0f / W * 2 - 1)
#define X1 (24.0f / W * 2 - 1)
#define Y0 (1 - 4.0f / H * 2)
#define Y1 (1 - 20.0f / H * 2)
#define V(x, y) { { x, y, 0.5f, 1.0f }, { 1.0f, 1.0f, 1.0f, 1.0f } }
static const struct vertex rect[6] = {
	V(X0, Y0), V(X1, Y0), V(X0, Y1), V(X1, Y0), V(X1, Y1), V(X0, Y1),
};

struct fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob rt, vb, sh, ds, q, cb;
	struct svga_backend *be;
};

static void setup(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
				      { 0, 0, 0, sizeof(rect), 1, 1 } };
	SVGA3dCmdDXDefineDepthStencilView dsv;
	SVGA3dCmdDXDefineDepthStencilState dss;
	uint64_t keep;

	tmob_build(&f->t, c, &f->rt, MOB_RT, W * H * 4, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->vb, MOB_VB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->sh, MOB_SH, 4 * PG, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->ds, MOB_DS, W * H * 4, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->q, MOB_Q, 2 * PG, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&f->t, c, &f->cb, MOB_CB, PG, SVGA3D_MOBFMT_PT64_0);
	keep = f->t.g.next;
	run_ok(&f->t, c, "MOBs");
	f->t.g.next = keep;

	define_surface(c, SID_RT, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, W, H, 1, 1, 1);
	define_surface(c, SID_VB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, PG, 1, 1, 1, 1);
	define_surface(c, SID_CB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_CONSTANT_BUFFER, 256, 1, 1, 1, 1);
	bind_surface(c, SID_CB, MOB_CB);
	define_surface(c, SID_DS, SVGA3D_D32_FLOAT,
		       SVGA3D_SURFACE_BIND_DEPTH_STENCIL, W, H, 1, 1, 1);
	bind_surface(c, SID_RT, MOB_RT);
	bind_surface(c, SID_VB, MOB_VB);
	bind_surface(c, SID_DS, MOB_DS);
	run_ok(&f->t, c, "surfaces");
	tmob_write(&f->t, &f->vb, 0, rect, sizeof(rect));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
	run_ok(&f->t, c, "vertex data");

	dx_define_rtv_2d(c, RTV, SID_RT, SVGA3D_R8G8B8A8_UNORM);
	memset(&dsv, 0, sizeof(dsv));
	dsv.depthStencilViewId = DSV;
	dsv.sid = SID_DS;
	dsv.format = SVGA3D_D32_FLOAT;
	dsv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	dsv.arraySize = 1;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_VIEW, dsv);
	memset(&dss, 0, sizeof(dss));
	dss.depthStencilId = DSS_LESS;
	dss.depthEnable = 1;
	dss.depthWriteMask = SVGA3D_DEPTH_WRITE_MASK_ALL;
	dss.depthFunc = SVGA3D_CMP_LESS;
	dss.frontStencilFailOp = dss.frontStencilDepthFailOp =
		dss.frontStencilPassOp = SVGA3D_STENCILOP_KEEP;
	dss.backStencilFailOp = dss.backStencilDepthFailOp =
		dss.backStencilPassOp = SVGA3D_STENCILOP_KEEP;
	dss.frontStencilFunc = dss.backStencilFunc = SVGA3D_CMP_ALWAYS;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_DEPTHSTENCIL_STATE, dss);
	dx_ok(&f->t, c, CID, "views");
}

static void define_shader(struct fixture *f, uint32_t id, uint32_t type,
			  const struct asm_buf *code, size_t size, uint32_t off)
{
	dx_define_shader_in_mob(&f->t, f->c, CID, id, type, &f->sh, off,
				code->t, size);
}

static void set_state(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	SVGA3dCmdDXSetRasterizerState srs = { 1 };
	SVGA3dCmdDXSetDepthStencilState sds = { DSS_LESS, 0 };

	dx_define_layout_two_float4(c, 1);
	dx_define_rasterizer_no_cull(c, 1);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	dx_set_vertex_buffer(c, SID_VB, sizeof(struct vertex));
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	CMD(c, SVGA_3D_CMD_DX_SET_DEPTHSTENCIL_STATE, sds);
	dx_set_single_viewport(c, W, H);
	dx_ok(&f->t, c, CID, "state");
}

/* Render target RTV, with depth view DSV cleared to `depth` or none. */
static void targets(struct fixture *f, bool with_depth, float depth)
{
	SVGA3dCmdDXClearRenderTargetView clr;
	SVGA3dCmdDXClearDepthStencilView cld = { SVGA3D_CLEAR_DEPTH, 0, DSV,
						 depth };

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	clr.rgba.value[3] = 1.0f;
	dx_set_render_target(f->c, RTV, with_depth ? DSV : SVGA3D_INVALID_ID);
	CMD(f->c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
	if (with_depth)
		CMD(f->c, SVGA_3D_CMD_DX_CLEAR_DEPTHSTENCIL_VIEW, cld);
}

/* Query id at MOB slot id (ids below 64). */
static void define_query(struct fixture *f, uint32_t id, uint32_t type)
{
	SVGA3dCmdDXDefineQuery d = { id, type, 0 };
	SVGA3dCmdDXBindQuery b = { id, MOB_Q };
	SVGA3dCmdDXSetQueryOffset o = { id, id * QSLOT };

	CMD(f->c, SVGA_3D_CMD_DX_DEFINE_QUERY, d);
	CMD(f->c, SVGA_3D_CMD_DX_BIND_QUERY, b);
	CMD(f->c, SVGA_3D_CMD_DX_SET_QUERY_OFFSET, o);
}

static void begin(struct fixture *f, uint32_t id)
{
	SVGA3dCmdDXBeginQuery b = { id };

	CMD(f->c, SVGA_3D_CMD_DX_BEGIN_QUERY, b);
}

static void end(struct fixture *f, uint32_t id)
{
	SVGA3dCmdDXEndQuery e = { id };

	CMD(f->c, SVGA_3D_CMD_DX_END_QUERY, e);
}

static void draw_rect(struct fixture *f)
{
	SVGA3dCmdDXDraw dr = { 6, 0 };

	CMD(f->c, SVGA_3D_CMD_DX_DRAW, dr);
}

/* The guest's view of query id: state, then the result bytes. */
static uint32_t result(struct fixture *f, uint32_t id, void *r, size_t len)
{
	uint8_t buf[QSLOT];

	tmob_read(&f->t, &f->q, id * QSLOT, buf, sizeof(buf));
	memcpy(r, buf + 4, len);
	return *(uint32_t *)buf;
}

/* Marks the query's state NEW, as Mesa does before BEGIN. */
static void mark_new(struct fixture *f, uint32_t id)
{
	uint8_t buf[QSLOT];

	memset(buf, 0xee, sizeof(buf));
	memcpy(buf, &(uint32_t){ SVGA3D_QUERYSTATE_NEW }, 4);
	tmob_write(&f->t, &f->q, id * QSLOT, buf, sizeof(buf));
}

/* Pixels of the rectangle that are white, after READBACK_GB_IMAGE. */
static unsigned white_pixels(struct fixture *f)
{
	SVGA3dCmdReadbackGBImage rb = { { SID_RT, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned n = 0;

	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, "readback");
	tmob_read(&f->t, &f->rt, 0, px, sizeof(px));
	for (unsigned i = 0; i < W * H; i++)
		n += px[i * 4] == 255 && px[i * 4 + 1] == 255;
	return n;
}

enum {
	Q_OCC = 1, Q_OCC64, Q_PRED_SEEN, Q_PRED_HIDDEN, Q_OCC_HIDDEN,
	Q_STATS, Q_TS0, Q_TS1, Q_SO, Q_SOP, Q_RESTART, Q_NEVER,
};

static void test_counts(struct fixture *f)
{
	SVGADXOcclusionQueryResult occ;
	SVGADXOcclusion64QueryResult occ64;
	SVGADXOcclusionPredicateQueryResult pred;
	SVGADXPipelineStatisticsQueryResult ps;
	SVGADXStreamOutStatisticsQueryResult so;
	SVGADXStreamOutPredicateQueryResult sop;
	SVGADXTimestampQueryResult ts0, ts1;

	define_query(f, Q_OCC, SVGA3D_QUERYTYPE_OCCLUSION);
	define_query(f, Q_OCC64, SVGA3D_QUERYTYPE_OCCLUSION64);
	define_query(f, Q_PRED_SEEN, SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE);
	define_query(f, Q_PRED_HIDDEN, SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE);
	define_query(f, Q_OCC_HIDDEN, SVGA3D_QUERYTYPE_OCCLUSION);
	define_query(f, Q_STATS, SVGA3D_QUERYTYPE_PIPELINESTATS);
	define_query(f, Q_TS0, SVGA3D_QUERYTYPE_TIMESTAMP);
	define_query(f, Q_TS1, SVGA3D_QUERYTYPE_TIMESTAMP);
	define_query(f, Q_SO, SVGA3D_QUERYTYPE_STREAMOUTPUTSTATS);
	define_query(f, Q_SOP, SVGA3D_QUERYTYPE_STREAMOVERFLOWPREDICATE);
	dx_ok(&f->t, f->c, CID, "define queries");
	for (uint32_t id = Q_OCC; id <= Q_SOP; id++)
		mark_new(f, id);

	/* visible: depth cleared to 1, the rectangle at 0.5 passes */
	targets(f, true, 1.0f);
	end(f, Q_TS0);
	begin(f, Q_OCC);
	begin(f, Q_OCC64);
	begin(f, Q_PRED_SEEN);
	begin(f, Q_STATS);
	begin(f, Q_SO);
	begin(f, Q_SOP);
	draw_rect(f);
	end(f, Q_SOP);
	end(f, Q_SO);
	end(f, Q_STATS);
	end(f, Q_PRED_SEEN);
	end(f, Q_OCC64);
	end(f, Q_OCC);
	end(f, Q_TS1);
	dx_ok(&f->t, f->c, CID, "queries around a visible draw");
	/* hidden: depth cleared to 0, LESS rejects every sample */
	targets(f, true, 0.0f);
	begin(f, Q_OCC_HIDDEN);
	begin(f, Q_PRED_HIDDEN);
	draw_rect(f);
	end(f, Q_PRED_HIDDEN);
	end(f, Q_OCC_HIDDEN);
	dx_ok(&f->t, f->c, CID, "queries around a rejected draw");

	CHECK_EQ(result(f, Q_OCC, &occ, sizeof(occ)), SVGA3D_QUERYSTATE_SUCCEEDED);
	CHECK_EQ(occ.samplesRendered, RECT_SAMPLES);
	CHECK_EQ(result(f, Q_OCC64, &occ64, sizeof(occ64)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	CHECK_EQ(occ64.samplesRendered, RECT_SAMPLES);
	CHECK_EQ(result(f, Q_PRED_SEEN, &pred, sizeof(pred)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	CHECK_EQ(pred.anySamplesRendered, 1);
	CHECK_EQ(result(f, Q_OCC_HIDDEN, &occ, sizeof(occ)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	CHECK_EQ(occ.samplesRendered, 0);
	CHECK_EQ(result(f, Q_PRED_HIDDEN, &pred, sizeof(pred)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	CHECK_EQ(pred.anySamplesRendered, 0);
	printf("occlusion: %u samples visible (expected %u), 0 hidden\n",
	       (unsigned)occ64.samplesRendered, RECT_SAMPLES);

	CHECK_EQ(result(f, Q_STATS, &ps, sizeof(ps)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	printf("pipeline statistics: IA %llu vertices %llu primitives, VS "
	       "%llu, GS %llu/%llu, clipper %llu/%llu, PS %llu\n",
	       (unsigned long long)ps.inputAssemblyVertices,
	       (unsigned long long)ps.inputAssemblyPrimitives,
	       (unsigned long long)ps.vertexShaderInvocations,
	       (unsigned long long)ps.geometryShaderInvocations,
	       (unsigned long long)ps.geometryShaderPrimitives,
	       (unsigned long long)ps.clipperInvocations,
	       (unsigned long long)ps.clipperPrimitives,
	       (unsigned long long)ps.pixelShaderInvocations);
	CHECK_EQ(ps.inputAssemblyVertices, 6);
	CHECK_EQ(ps.inputAssemblyPrimitives, 2);
	CHECK_EQ(ps.vertexShaderInvocations, 6);
	CHECK_EQ(ps.geometryShaderInvocations, 0);
	CHECK_EQ(ps.clipperInvocations, 2);
	/* helper lanes of partly covered quads may be counted */
	CHECK(ps.pixelShaderInvocations >= RECT_SAMPLES);

	CHECK_EQ(result(f, Q_TS0, &ts0, sizeof(ts0)), SVGA3D_QUERYSTATE_SUCCEEDED);
	CHECK_EQ(result(f, Q_TS1, &ts1, sizeof(ts1)), SVGA3D_QUERYSTATE_SUCCEEDED);
	printf("timestamps: %llu, %llu (+%llu ns)\n",
	       (unsigned long long)ts0.timestamp,
	       (unsigned long long)ts1.timestamp,
	       (unsigned long long)(ts1.timestamp - ts0.timestamp));
	CHECK(ts0.timestamp != 0);
	CHECK(ts1.timestamp > ts0.timestamp);

	/* no stream output bound: nothing written, 2 primitives needed
	 * (what Mesa answers GL_PRIMITIVES_GENERATED with) */
	CHECK_EQ(result(f, Q_SO, &so, sizeof(so)), SVGA3D_QUERYSTATE_SUCCEEDED);
	printf("stream-output statistics: written %llu, required %llu\n",
	       (unsigned long long)so.numPrimitivesWritten,
	       (unsigned long long)so.numPrimitivesRequired);
	CHECK_EQ(so.numPrimitivesWritten, 0);
	CHECK_EQ(so.numPrimitivesRequired, 2);
	CHECK_EQ(result(f, Q_SOP, &sop, sizeof(sop)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	/* the overflow predicate compares stream output's own counts */
	CHECK_EQ(sop.overflowed, 0);
}

static void predicated(struct fixture *f, uint32_t qid, uint32_t value,
		       unsigned expect_white, const char *what)
{
	SVGA3dCmdDXSetPredication p = { qid, value };
	SVGA3dCmdDXSetPredication off = { SVGA3D_INVALID_ID, 0 };
	unsigned n;

	/* the clear would be predicated too */
	CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, off);
	targets(f, false, 0);
	CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, p);
	draw_rect(f);
	dx_ok(&f->t, f->c, CID, what);
	n = white_pixels(f);
	printf("%s: %u pixels drawn (expected %u)\n", what, n, expect_white);
	CHECK_EQ(n, expect_white);
}

static void test_predication(struct fixture *f)
{
	SVGA3dCmdDXSetPredication off = { SVGA3D_INVALID_ID, 0 };

	/* D3D: skipped when the predicate's result equals the value */
	predicated(f, Q_PRED_HIDDEN, 0, 0, "hidden predicate, value FALSE");
	predicated(f, Q_PRED_HIDDEN, 1, RECT_SAMPLES,
		   "hidden predicate, value TRUE");
	predicated(f, Q_PRED_SEEN, 1, 0, "seen predicate, value TRUE");
	predicated(f, Q_PRED_SEEN, 0, RECT_SAMPLES,
		   "seen predicate, value FALSE");
	/* an occlusion counter as predicate (a VMware host takes it) */
	predicated(f, Q_OCC_HIDDEN, 0, 0, "hidden counter, value FALSE");
	predicated(f, SVGA3D_INVALID_ID, 0, RECT_SAMPLES, "predication off");
	CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, off);
	dx_ok(&f->t, f->c, CID, "predication off");

	/* clears are predicated as D3D does (Mesa switches predication off
	 * around the ones GL does not make conditional): the rectangle
	 * drawn last survives a skipped clear */
	{
		SVGA3dCmdDXClearRenderTargetView clr;
		SVGA3dCmdDXSetPredication skip = { Q_PRED_HIDDEN, 0 };
		SVGA3dCmdDXSetPredication run = { Q_PRED_HIDDEN, 1 };
		unsigned n;

		memset(&clr, 0, sizeof(clr));
		clr.renderTargetViewId = RTV;
		CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, skip);
		CMD(f->c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
		dx_ok(&f->t, f->c, CID, "predicated clear, skipped");
		n = white_pixels(f);
		printf("clear skipped by its predicate: %u pixels left "
		       "(expected %u)\n", n, RECT_SAMPLES);
		CHECK_EQ(n, RECT_SAMPLES);
		CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, run);
		CMD(f->c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
		dx_ok(&f->t, f->c, CID, "predicated clear, run");
		n = white_pixels(f);
		printf("clear run by its predicate: %u pixels left "
		       "(expected 0)\n", n);
		CHECK_EQ(n, 0);
		CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, off);
		dx_ok(&f->t, f->c, CID, "predication off");
	}
}

static void test_bad_input(struct fixture *f)
{
	SVGA3dCmdDXSetPredication p = { Q_TS0, 0 };
	SVGADXOcclusionQueryResult occ;

	/* END without BEGIN */
	define_query(f, Q_NEVER, SVGA3D_QUERYTYPE_OCCLUSION);
	dx_ok(&f->t, f->c, CID, "define");
	end(f, Q_NEVER);
	dx_err(&f->t, f->c, CID, 0, "not begun", "end without begin");
	/* a timestamp is no predicate */
	CMD(f->c, SVGA_3D_CMD_DX_SET_PREDICATION, p);
	dx_err(&f->t, f->c, CID, 0, "not a predicate", "timestamp predicate");
	/* BEGIN twice: the second restarts the count (D3D) */
	define_query(f, Q_RESTART, SVGA3D_QUERYTYPE_OCCLUSION);
	mark_new(f, Q_RESTART);
	targets(f, false, 0);
	begin(f, Q_RESTART);
	draw_rect(f);
	begin(f, Q_RESTART);
	draw_rect(f);
	end(f, Q_RESTART);
	dx_ok(&f->t, f->c, CID, "begin twice");
	CHECK_EQ(result(f, Q_RESTART, &occ, sizeof(occ)),
		 SVGA3D_QUERYSTATE_SUCCEEDED);
	printf("begin twice: %u samples (expected %u, one draw)\n",
	       occ.samplesRendered, RECT_SAMPLES);
	CHECK_EQ(occ.samplesRendered, RECT_SAMPLES);
}

static uint32_t devcap(struct tdev *t, uint32_t i)
{
	svga_dev_reg_write(t->dev, SVGA_REG_DEV_CAP, i);
	return svga_dev_reg_read(t->dev, SVGA_REG_DEV_CAP);
}

/* Pixels of colour rgba (within 1) after READBACK_GB_IMAGE. */
static unsigned pixels_of(struct fixture *f, const uint8_t rgba[4])
{
	SVGA3dCmdReadbackGBImage rb = { { SID_RT, 0, 0 } };
	static uint8_t px[W * H * 4];
	unsigned n = 0;

	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, "readback");
	tmob_read(&f->t, &f->rt, 0, px, sizeof(px));
	for (unsigned i = 0; i < W * H; i++) {
		unsigned k = 0;

		while (k < 4 && abs((int)px[i * 4 + k] - (int)rgba[k]) <= 1)
			k++;
		n += k == 4;
	}
	return n;
}

/* A pixel shader reading cb14 / cb15, the buffer bound there. */
static void test_cb_slots(struct fixture *f)
{
	static const float color[2][4] = { { 0.25f, 0.5f, 0.75f, 1.0f },
					    { 0.75f, 0.25f, 0.5f, 1.0f } };
	static const uint8_t expect[2][4] = { { 64, 128, 191, 255 },
					      { 191, 64, 128, 255 } };
	uint32_t backed = devcap(&f->t, SVGA3D_DEVCAP_DX_MAX_CONSTANT_BUFFERS);
	SVGA3dCmdUpdateGBImage up = { { SID_CB, 0, 0 },
				      { 0, 0, 0, 256, 1, 1 } };

	printf("DX_MAX_CONSTANT_BUFFERS devcap: %u\n", backed);
	CHECK(backed >= 15);          /* Mesa's svga uses cb0-cb14 */
	for (uint32_t slot = 14; slot < 16; slot++) {
		struct asm_buf ps;
		size_t size = build_ps_cb(&ps, slot);
		uint32_t id = PS_CB_ID + slot - 14;
		SVGA3dCmdDXSetShader sps = { id, SVGA3D_SHADERTYPE_PS };
		SVGA3dCmdDXSetSingleConstantBuffer scb = {
			slot, SVGA3D_SHADERTYPE_PS, SID_CB, 0, 256 };
		SVGA3dCmdDXSetSingleConstantBuffer unbind = {
			slot, SVGA3D_SHADERTYPE_PS, SVGA3D_INVALID_ID, 0, 0 };
		char what[64];

		define_shader(f, id, SVGA3D_SHADERTYPE_PS, &ps, size,
			      (2 + slot - 14) * PG);
		tmob_write(&f->t, &f->cb, 0, color[slot - 14],
			   sizeof(color[0]));
		CMD(f->c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
		run_ok(&f->t, f->c, "constant data");
		targets(f, false, 0);
		CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER, sps);
		CMD(f->c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, scb);
		draw_rect(f);
		snprintf(what, sizeof(what), "constant buffer slot %u", slot);
		if (slot < backed) {
			unsigned n;

			dx_ok(&f->t, f->c, CID, what);
			n = pixels_of(f, expect[slot - 14]);
			printf("%s: %u pixels of its colour (expected %u)\n",
			       what, n, RECT_SAMPLES);
			CHECK_EQ(n, RECT_SAMPLES);
		} else {
			/* the draw fails; the cause is logged before the
			 * command layer's line */
			dx_err(&f->t, f->c, CID, 4, "DX_DRAW", what);
			printf("%s: refused: \"%s\"\n", what,
			       f->t.g.prev_error);
			CHECK(strstr(f->t.g.prev_error, what) != NULL);
		}
		CMD(f->c, SVGA_3D_CMD_DX_SET_SINGLE_CONSTANT_BUFFER, unbind);
		dx_ok(&f->t, f->c, CID, "unbind");
	}
	{
		SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };

		CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER, sps);
		dx_ok(&f->t, f->c, CID, "plain pixel shader");
	}
}

/* MAX_LIVE renderer queries, one more refused; destroying one or the
 * context frees them. */
static void test_limit(struct fixture *f)
{
	const uint32_t first = 64;
	SVGA3dCmdDXDestroyQuery dq = { first };

	for (uint32_t i = 0; i < MAX_LIVE + 1; i++) {
		SVGA3dCmdDXDefineQuery d = { first + i,
			SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE, 0 };

		CMD(f->c, SVGA_3D_CMD_DX_DEFINE_QUERY, d);
		if (f->c->n >= 200 || i == MAX_LIVE)
			dx_ok(&f->t, f->c, CID, "define many");
	}
	/* the queries defined before hold renderer objects too */
	for (uint32_t i = 0; i < MAX_LIVE; i++) {
		begin(f, first + i);
		if (f->c->n >= 200 || i + 1 == MAX_LIVE) {
			struct submit_result r;

			f->t.g.quiet = true;
			r = submit_dx(&f->t, f->c, CID);
			f->t.g.quiet = false;
			cb_reset(f->c);
			if (r.status != SVGA_CB_STATUS_COMPLETED) {
				restart_ctx0(&f->t);
				break;
			}
		}
	}
	begin(f, first + MAX_LIVE);
	dx_err(&f->t, f->c, CID, 0, "the limit", "one query too many");
	CMD(f->c, SVGA_3D_CMD_DX_DESTROY_QUERY, dq);
	begin(f, first + MAX_LIVE);
	dx_ok(&f->t, f->c, CID, "a query freed by DESTROY");
	{
		struct svga_backend_stats st;
		SVGA3dCmdDXDestroyContext dc = { CID };

		svga_backend_get_stats(f->be, &st);
		printf("renderer queries live: %llu\n",
		       (unsigned long long)st.queries);
		CHECK_EQ(st.queries, MAX_LIVE);
		/* the context goes: so do its renderer queries */
		CMD(f->c, SVGA_3D_CMD_DX_DESTROY_CONTEXT, dc);
		run_ok(&f->t, f->c, "destroy context");
		svga_backend_get_stats(f->be, &st);
		CHECK_EQ(st.queries, 0);
	}
}

int main(void)
{
	struct fixture f;
	struct asm_buf vs, ps;
	size_t vs_size, ps_size;
	int rc;

	memset(&f, 0, sizeof(f));
	f.c = calloc(1, sizeof(*f.c));
	tdev_init(&f.t, 64);
	rc = backend_attach_or_skip(&f.t, &f.be, "test_backend_query");
	if (rc)
		return rc;
	printf("renderer on %s\n", svga_backend_device_name(f.be));
	setup_otables(&f.t, 64);
	dx_setup(&f.t, f.c, CID, ENTRIES, f.cot);
	setup(&f);
	vs_size = asm_vs_position_color(&vs);
	ps_size = asm_ps_color_from_v1(&ps);
	define_shader(&f, VS_ID, SVGA3D_SHADERTYPE_VS, &vs, vs_size, 0);
	define_shader(&f, PS_ID, SVGA3D_SHADERTYPE_PS, &ps, ps_size, PG);
	set_state(&f);

	test_counts(&f);
	test_predication(&f);
	test_bad_input(&f);
	test_cb_slots(&f);
	test_limit(&f);

	svga_backend_detach(f.be);
	dx_cot_free(f.cot);
	tmob_free(&f.rt);
	tmob_free(&f.vb);
	tmob_free(&f.sh);
	tmob_free(&f.ds);
	tmob_free(&f.q);
	tmob_free(&f.cb);
	free(f.c);
	tdev_fini(&f.t);
	return t_report("test_backend_query");
}
