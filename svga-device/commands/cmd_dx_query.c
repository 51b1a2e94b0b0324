// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: DX queries and predication.
 *
 * A query's result goes to its MOB range as SVGA3dQueryState followed by
 * the type's result struct (svga_dxquery.c), written when the query ends
 * (DX_END_QUERY), so DX_READBACK_QUERY has nothing left to do.  Mesa's
 * svga driver writes state NEW before DX_BEGIN_QUERY and polls the state
 * after the command buffer's fence until it is SUCCEEDED or FAILED.
 *
 * With a renderer (svga_dx_hooks.query_*, wired in backend/backend_query.c)
 * the GPU answers: occlusion (OCCLUSION, OCCLUSION64, OCCLUSIONPREDICATE:
 * samples that passed), TIMESTAMP (the GPU's clock in ns, in order with
 * the draws), PIPELINESTATS and the stream-output types
 * (STREAMOUTPUTSTATS: primitives written / needed on stream 0, which is
 * what GL_PRIMITIVES_GENERATED and GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN
 * read; STREAMOVERFLOWPREDICATE: written < needed).  TIMESTAMPDISJOINT is
 * always frequency 1e9 (ns), disjoint 0.
 * Without a renderer (core-only builds, fuzzers) TIMESTAMP is the host's
 * monotonic clock and every counting type is written FAILED with no
 * result bytes, never a made-up count (Mesa stops waiting; a failed
 * query's result is undefined).
 *
 * Predication (SET_PREDICATION) applies to draws (the renderer skips them
 * on the GPU, backend_query.c), and to DX_CLEAR_RENDERTARGET_VIEW,
 * DX_CLEAR_DEPTHSTENCIL_VIEW, DX_PRED_COPY_REGION and DX_PRED_COPY, which
 * D3D predicates too and Mesa relies on: it switches predication off
 * around the clears and copies that must not be conditional
 * (svga_toggle_render_condition) and leaves it on for glClear under
 * glBeginConditionalRender.  Those read the predicate's result on the
 * CPU (svga_cmd_dx_predicated: the renderer waits for it).  GENMIPS and
 * UPDATE_SUBRESOURCE are not predicated (Mesa never switches predication
 * off for them; GL does not make them conditional).
 *
 * Tolerated as a VMware host and D3D do: BEGIN on an active query
 * restarts it; BEGIN on a timestamp is ignored.  Refused (command error):
 * END on a query that is not active (but timestamps), END without a MOB,
 * SET_PREDICATION on a query that is not a predicate or occlusion query.
 */
#include "svga_commands.h"
#include "svga_dxstate.h"

/* What SET_PREDICATION takes: D3D's predicates, and the occlusion
 * counters (any sample passed), which a VMware host accepts too. */
static bool is_predicate(uint32_t type)
{
	return type == SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE ||
	       type == SVGA3D_QUERYTYPE_OCCLUSION ||
	       type == SVGA3D_QUERYTYPE_OCCLUSION64 ||
	       type == SVGA3D_QUERYTYPE_STREAMOVERFLOWPREDICATE ||
	       (type >= SVGA3D_QUERYTYPE_SOP_STREAM0 &&
		type <= SVGA3D_QUERYTYPE_SOP_STREAM3);
}

static SVGACOTableDXQueryEntry *query(struct svga_cmd_ctx *cx,
				      struct svga_dxctx **ctxp, uint32_t id,
				      const char *cmd)
{
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);

	if (!ctx)
		return NULL;
	if (ctxp)
		*ctxp = ctx;
	return svga_dxobj_get(cx->om, ctx, SVGA_COTABLE_DXQUERY, id, cmd);
}

SVGA_CMD(svga_cmd_dx_define_query)
{
	SVGA_BODY(SVGA3dCmdDXDefineQuery, c);
	const char *cmd = "DX_DEFINE_QUERY";
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	SVGACOTableDXQueryEntry *q;

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	if (svga_dxquery_result_size(c.type) == 0 ||
	    c.type >= SVGA3D_QUERYTYPE_DX10_MAX) {
		/* the SOSTATS/SOP_STREAMn types are SM5 */
		svga_guest_error(cx->log, "%s: bad query type %u", cmd, c.type);
		return SVGA_ERR;
	}
	if (c.flags & ~SVGA3D_DXQUERY_FLAG_PREDICATEHINT) {
		svga_guest_error(cx->log, "%s: bad flags 0x%x", cmd, c.flags);
		return SVGA_ERR;
	}
	q = svga_dxobj_new(cx->om, ctx, SVGA_COTABLE_DXQUERY, c.queryId, cmd);
	if (!q)
		return SVGA_ERR;
	/* a redefined id starts over in the renderer too */
	if (cx->dx_hooks && cx->dx_hooks->query_destroy)
		cx->dx_hooks->query_destroy(cx->dx_hooks_opaque, cx->dx_cid,
					    c.queryId);
	q->type = (uint8_t)c.type;
	q->state = SVGADX_QDSTATE_IDLE;
	q->flags = c.flags;
	q->mobid = SVGA3D_INVALID_ID;
	q->offset = 0;
	svga_dxobj_commit(ctx, SVGA_COTABLE_DXQUERY, c.queryId);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_destroy_query)
{
	SVGA_BODY(SVGA3dCmdDXDestroyQuery, c);
	struct svga_dxctx *ctx;

	(void)size;
	if (!query(cx, &ctx, c.queryId, "DX_DESTROY_QUERY"))
		return SVGA_ERR;
	if (ctx->bound->pred_query == c.queryId)
		ctx->bound->pred_query = SVGA3D_INVALID_ID;
	if (cx->dx_hooks && cx->dx_hooks->query_destroy)
		cx->dx_hooks->query_destroy(cx->dx_hooks_opaque, cx->dx_cid,
					    c.queryId);
	return svga_dxobj_destroy(cx->om, ctx, SVGA_COTABLE_DXQUERY, c.queryId,
				  "DX_DESTROY_QUERY");
}

SVGA_CMD(svga_cmd_dx_bind_query)
{
	SVGA_BODY(SVGA3dCmdDXBindQuery, c);
	SVGACOTableDXQueryEntry *q = query(cx, NULL, c.queryId,
					   "DX_BIND_QUERY");

	(void)size;
	if (!q || svga_cmd_check_mob_or_invalid(cx, c.mobid))
		return SVGA_ERR;
	q->mobid = c.mobid;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_set_query_offset)
{
	SVGA_BODY(SVGA3dCmdDXSetQueryOffset, c);
	SVGACOTableDXQueryEntry *q = query(cx, NULL, c.queryId,
					   "DX_SET_QUERY_OFFSET");

	(void)size;
	if (!q)
		return SVGA_ERR;
	q->offset = c.mobOffset;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_move_query)
{
	SVGA_BODY(SVGA3dCmdDXMoveQuery, c);
	SVGACOTableDXQueryEntry *q = query(cx, NULL, c.queryId,
					   "DX_MOVE_QUERY");

	(void)size;
	if (!q || svga_cmd_check_mob_or_invalid(cx, c.mobid))
		return SVGA_ERR;
	q->mobid = c.mobid;
	q->offset = c.mobOffset;
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_begin_query)
{
	SVGA_BODY(SVGA3dCmdDXBeginQuery, c);
	SVGACOTableDXQueryEntry *q = query(cx, NULL, c.queryId,
					   "DX_BEGIN_QUERY");

	(void)size;
	if (!q)
		return SVGA_ERR;
	/* a timestamp has no begin in D3D10; Mesa never sends one, a
	 * VMware host ignores it.  TIMESTAMPDISJOINT counts nothing. */
	if (q->type == SVGA3D_QUERYTYPE_TIMESTAMP)
		return SVGA_OK;
	if (q->type != SVGA3D_QUERYTYPE_TIMESTAMPDISJOINT &&
	    cx->dx_hooks && cx->dx_hooks->query_begin &&
	    cx->dx_hooks->query_begin(cx->dx_hooks_opaque, cx->dx_cid,
				      c.queryId, q)) {
		/* the hook logged why */
		q->state = SVGADX_QDSTATE_IDLE;
		return SVGA_ERR;
	}
	q->state = SVGADX_QDSTATE_ACTIVE;
	return SVGA_OK;
}

/* Writes the result of an ended query (see the file comment). */
static int write_result(struct svga_cmd_ctx *cx, uint32_t qid,
			SVGACOTableDXQueryEntry *q)
{
	bool renderer = cx->dx_hooks && cx->dx_hooks->query_end &&
			cx->dx_hooks->query_result;

	switch (q->type) {
	case SVGA3D_QUERYTYPE_TIMESTAMP:
		if (!renderer) {
			SVGADXTimestampQueryResult r = { svga_dxquery_now_ns() };

			return svga_dxquery_write(cx->om, q,
						  SVGA3D_QUERYSTATE_SUCCEEDED,
						  &r, sizeof(r));
		}
		break;
	case SVGA3D_QUERYTYPE_TIMESTAMPDISJOINT: {
		SVGADXTimestampDisjointQueryResult r;

		r.realFrequency = SVGA_DX_TIMESTAMP_FREQUENCY;
		r.disjoint = 0;
		return svga_dxquery_write(cx->om, q, SVGA3D_QUERYSTATE_SUCCEEDED,
					  &r, sizeof(r));
	}
	default:
		break;
	}
	{
		SVGADXQueryResultUnion r;
		uint32_t len = svga_dxquery_result_size(q->type);

		memset(&r, 0, sizeof(r));
		if (renderer &&
		    cx->dx_hooks->query_end(cx->dx_hooks_opaque, cx->dx_cid,
					    qid, q) == 0 &&
		    cx->dx_hooks->query_result(cx->dx_hooks_opaque, cx->dx_cid,
					       qid, q, &r, len) == 0)
			return svga_dxquery_write(cx->om, q,
						  SVGA3D_QUERYSTATE_SUCCEEDED,
						  &r, len);
		return svga_dxquery_write(cx->om, q, SVGA3D_QUERYSTATE_FAILED,
					  NULL, 0);
	}
}

SVGA_CMD(svga_cmd_dx_end_query)
{
	SVGA_BODY(SVGA3dCmdDXEndQuery, c);
	SVGACOTableDXQueryEntry *q = query(cx, NULL, c.queryId,
					   "DX_END_QUERY");

	(void)size;
	if (!q)
		return SVGA_ERR;
	if (q->type != SVGA3D_QUERYTYPE_TIMESTAMP &&
	    q->state != SVGADX_QDSTATE_ACTIVE) {
		svga_guest_error(cx->log, "DX_END_QUERY: query %u not begun",
				 c.queryId);
		return SVGA_ERR;
	}
	if (q->mobid == SVGA3D_INVALID_ID) {
		svga_guest_error(cx->log, "DX_END_QUERY: query %u has no MOB",
				 c.queryId);
		return SVGA_ERR;
	}
	q->state = SVGADX_QDSTATE_FINISHED;
	return write_result(cx, c.queryId, q);
}

/* Results are written at END_QUERY: a readback has nothing left to do
 * but check its query. */
SVGA_CMD(svga_cmd_dx_readback_query)
{
	SVGA_BODY(SVGA3dCmdDXReadbackQuery, c);

	(void)size;
	return query(cx, NULL, c.queryId, "DX_READBACK_QUERY") ? SVGA_OK
							       : SVGA_ERR;
}

SVGA_CMD(svga_cmd_dx_bind_all_query)
{
	SVGA_BODY(SVGA3dCmdDXBindAllQuery, c);
	struct svga_dxctx *ctx = svga_obj_lookup(cx->om, SVGA_OBJ_DXCONTEXT,
						 c.cid);

	(void)size;
	if (!ctx || svga_cmd_check_mob_or_invalid(cx, c.mobid))
		return SVGA_ERR;
	for (uint32_t id = 0; id < ctx->cot[SVGA_COTABLE_DXQUERY].entries;
	     id++) {
		SVGACOTableDXQueryEntry *q =
			svga_dxobj_peek(ctx, SVGA_COTABLE_DXQUERY, id);

		if (q)
			q->mobid = c.mobid;
	}
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_dx_readback_all_query)
{
	SVGA_BODY(SVGA3dCmdDXReadbackAllQuery, c);

	(void)size;
	return svga_obj_lookup(cx->om, SVGA_OBJ_DXCONTEXT, c.cid) ? SVGA_OK
								   : SVGA_ERR;
}

SVGA_CMD(svga_cmd_dx_set_predication)
{
	SVGA_BODY(SVGA3dCmdDXSetPredication, c);
	struct svga_dxctx *ctx = svga_cmd_cur_dxctx(cx);
	SVGACOTableDXQueryEntry *q;

	(void)size;
	if (!ctx)
		return SVGA_ERR;
	if (c.queryId != SVGA3D_INVALID_ID) {
		q = svga_dxobj_get(cx->om, ctx, SVGA_COTABLE_DXQUERY, c.queryId,
				   "DX_SET_PREDICATION");
		if (!q)
			return SVGA_ERR;
		if (!is_predicate(q->type)) {
			svga_guest_error(cx->log, "DX_SET_PREDICATION: query "
					 "%u (type %u) is not a predicate",
					 c.queryId, q->type);
			return SVGA_ERR;
		}
	}
	ctx->bound->pred_query = c.queryId;
	ctx->bound->pred_value = c.predicateValue;
	return SVGA_OK;
}

int svga_cmd_dx_predicated(struct svga_cmd_ctx *cx, const char *cmd)
{
	struct svga_dxctx *ctx;
	uint32_t any = 0;
	int rc;

	if (cx->dx_cid == SVGA3D_INVALID_ID || !cx->dx_hooks ||
	    !cx->dx_hooks->predicate_result)
		return 0;
	ctx = svga_cmd_cur_dxctx(cx);
	if (!ctx)
		return SVGA_ERR;
	if (ctx->bound->pred_query == SVGA3D_INVALID_ID)
		return 0;
	rc = cx->dx_hooks->predicate_result(cx->dx_hooks_opaque, cx->dx_cid,
					    ctx->bound->pred_query, &any);
	if (rc < 0) {
		svga_guest_error(cx->log, "%s: predicate %u not evaluated",
				 cmd, ctx->bound->pred_query);
		return SVGA_ERR;
	}
	if (rc > 0)
		return 0;
	/* D3D: skipped when the predicate's result equals the value */
	return (any != 0) == (ctx->bound->pred_value != 0);
}
