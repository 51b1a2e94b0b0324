// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: DX queries answered by the GPU
 * (render/render_query.c) and the predicate of predicated draws.
 *
 * The device core validates each query command and writes the result to
 * the guest's MOB (commands/cmd_dx_query.c); this file keeps one renderer
 * query per (context, query id) that has been begun (timestamps: ended),
 * created on first use and kept until the id is destroyed or redefined
 * or its context goes (svga_dx_hooks.query_destroy).  At most
 * BACKEND_MAX_QUERIES live at once: one more is a guest error, so a guest
 * cannot make the host allocate query pools without bound.
 */
#include "backend_int.h"

#include <stdlib.h>

struct backend_query {
	struct backend_query *next;
	uint32_t cid, qid;
	uint32_t type;                   /* SVGA3D_QUERYTYPE_*           */
	bool active, ended;
	struct svga_render_query *rq;
	/* STREAMOUTPUTSTATS: the pipeline statistics of the same span, for
	 * the primitives generated while no stream output is bound (Vulkan's
	 * stream query, lavapipe's at least, counts only while transform
	 * feedback is active; GL_PRIMITIVES_GENERATED reads
	 * numPrimitivesRequired whether or not it is) */
	struct svga_render_query *stats;
};

/* The renderer's query for an SVGA3D query type, or -1: none. */
static int render_type(uint32_t type)
{
	switch (type) {
	case SVGA3D_QUERYTYPE_OCCLUSION:
	case SVGA3D_QUERYTYPE_OCCLUSION64:
	case SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE:
		return SVGA_RENDER_QUERY_OCCLUSION;
	case SVGA3D_QUERYTYPE_TIMESTAMP:
		return SVGA_RENDER_QUERY_TIMESTAMP;
	case SVGA3D_QUERYTYPE_PIPELINESTATS:
		return SVGA_RENDER_QUERY_PIPELINE_STATISTICS;
	case SVGA3D_QUERYTYPE_STREAMOUTPUTSTATS:
	case SVGA3D_QUERYTYPE_STREAMOVERFLOWPREDICATE:
		return SVGA_RENDER_QUERY_SO_STATISTICS;
	default:
		return -1;
	}
}

static struct backend_query **find(struct svga_backend *b, uint32_t cid,
				   uint32_t qid)
{
	struct backend_query **pp = &b->queries;

	while (*pp && ((*pp)->cid != cid || (*pp)->qid != qid))
		pp = &(*pp)->next;
	return pp;
}

static void unlink_free(struct svga_backend *b, struct backend_query **pp)
{
	struct backend_query *q = *pp;

	*pp = q->next;
	svga_render_query_free(b->r, q->rq);
	svga_render_query_free(b->r, q->stats);
	free(q);
	b->num_queries--;
}

/* The renderer query of (cid, qid), created for type when missing. */
static struct backend_query *get(struct svga_backend *b, uint32_t cid,
				 uint32_t qid, uint32_t type, const char *cmd)
{
	struct backend_query **pp = find(b, cid, qid), *q;
	int rtype = render_type(type);

	if (*pp && (*pp)->type == type)
		return *pp;
	if (*pp)
		unlink_free(b, pp);        /* defensive: the core redefines */
	if (rtype < 0) {
		svga_guest_error(b->log, "%s: query %u: type %u is not "
				 "answered by the renderer", cmd, qid, type);
		return NULL;
	}
	if (b->num_queries >= BACKEND_MAX_QUERIES) {
		svga_guest_error(b->log, "%s: query %u: %u renderer queries "
				 "are live already (the limit)", cmd, qid,
				 b->num_queries);
		return NULL;
	}
	q = calloc(1, sizeof(*q));
	if (!q) {
		svga_guest_error(b->log, "%s: out of host memory", cmd);
		return NULL;
	}
	if (svga_render_query_new(b->r, (enum svga_render_query_type)rtype,
				  &q->rq)) {
		svga_guest_error(b->log, "%s: query %u: %s", cmd, qid,
				 svga_render_last_error(b->r));
		free(q);
		return NULL;
	}
	/* optional: a device without pipeline statistics counts primitives
	 * generated only while stream output is bound */
	if (type == SVGA3D_QUERYTYPE_STREAMOUTPUTSTATS &&
	    svga_render_query_new(b->r, SVGA_RENDER_QUERY_PIPELINE_STATISTICS,
				  &q->stats))
		q->stats = NULL;
	q->cid = cid;
	q->qid = qid;
	q->type = type;
	q->next = b->queries;
	b->queries = q;
	b->num_queries++;
	return q;
}

int backend_query_begin(void *opaque, uint32_t cid, uint32_t qid,
			const SVGACOTableDXQueryEntry *e)
{
	struct svga_backend *b = opaque;
	struct backend_query *q = get(b, cid, qid, e->type, "DX_BEGIN_QUERY");

	if (!q)
		return -1;
	/* BEGIN on a building query restarts it (D3D) */
	if (q->active && (svga_render_query_end(b->r, q->rq) ||
			  (q->stats && svga_render_query_end(b->r, q->stats))))
		goto fail;
	q->active = false;
	q->ended = false;
	if (svga_render_query_begin(b->r, q->rq))
		goto fail;
	if (q->stats && svga_render_query_begin(b->r, q->stats)) {
		svga_render_query_end(b->r, q->rq);
		goto fail;
	}
	q->active = true;
	return 0;
fail:
	svga_guest_error(b->log, "DX_BEGIN_QUERY: query %u: %s", qid,
			 svga_render_last_error(b->r));
	return -1;
}

int backend_query_end(void *opaque, uint32_t cid, uint32_t qid,
		      const SVGACOTableDXQueryEntry *e)
{
	struct svga_backend *b = opaque;
	struct backend_query *q;

	if (e->type == SVGA3D_QUERYTYPE_TIMESTAMP) {
		q = get(b, cid, qid, e->type, "DX_END_QUERY");
		if (!q)
			return -1;
	} else {
		q = *find(b, cid, qid);
		if (!q || !q->active || q->type != e->type) {
			svga_guest_error(b->log, "DX_END_QUERY: query %u was "
					 "not begun on the renderer", qid);
			return -1;
		}
	}
	if (svga_render_query_end(b->r, q->rq) ||
	    (q->stats && svga_render_query_end(b->r, q->stats))) {
		svga_guest_error(b->log, "DX_END_QUERY: query %u: %s", qid,
				 svga_render_last_error(b->r));
		return -1;
	}
	q->active = false;
	q->ended = true;
	return 0;
}

int backend_query_result(void *opaque, uint32_t cid, uint32_t qid,
			 const SVGACOTableDXQueryEntry *e, void *result,
			 uint32_t len)
{
	struct svga_backend *b = opaque;
	struct backend_query *q = *find(b, cid, qid);
	uint64_t v[SVGA_RENDER_QUERY_MAX_VALUES] = { 0 };
	SVGADXQueryResultUnion r;
	unsigned n = 0;

	if (!q || !q->ended || q->type != e->type)
		return -1;
	if (svga_render_query_result(b->r, q->rq, v, &n)) {
		svga_guest_error(b->log, "DX_END_QUERY: query %u: %s", qid,
				 svga_render_last_error(b->r));
		return -1;
	}
	if (q->stats) {
		uint64_t sv[SVGA_RENDER_QUERY_MAX_VALUES] = { 0 };
		unsigned sn = 0;

		if (svga_render_query_result(b->r, q->stats, sv, &sn)) {
			svga_guest_error(b->log, "DX_END_QUERY: query %u: %s",
					 qid, svga_render_last_error(b->r));
			return -1;
		}
		/* primitives that reached the clipper: the last vertex
		 * stage's output (D3D's CInvocations) */
		if (sv[5] > v[1])
			v[1] = sv[5];
	}
	memset(&r, 0, sizeof(r));
	switch (e->type) {
	case SVGA3D_QUERYTYPE_OCCLUSION:
		r.occ.samplesRendered = v[0] > UINT32_MAX ? UINT32_MAX :
					(uint32_t)v[0];
		break;
	case SVGA3D_QUERYTYPE_OCCLUSION64:
		r.occ64.samplesRendered = v[0];
		break;
	case SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE:
		r.occPred.anySamplesRendered = v[0] != 0;
		break;
	case SVGA3D_QUERYTYPE_TIMESTAMP:
		r.ts.timestamp = v[0];
		break;
	case SVGA3D_QUERYTYPE_PIPELINESTATS:
		/* the renderer's order is D3D's (svga_render.h) */
		memcpy(&r.pipelineStats, v, sizeof(r.pipelineStats));
		break;
	case SVGA3D_QUERYTYPE_STREAMOUTPUTSTATS:
		r.soStats.numPrimitivesWritten = v[0];
		r.soStats.numPrimitivesRequired = v[1];
		break;
	case SVGA3D_QUERYTYPE_STREAMOVERFLOWPREDICATE:
		r.soPred.overflowed = v[0] < v[1];
		break;
	default:
		return -1;
	}
	memcpy(result, &r, len < sizeof(r) ? len : sizeof(r));
	return 0;
}

void backend_query_destroy(void *opaque, uint32_t cid, uint32_t qid)
{
	struct svga_backend *b = opaque;
	struct backend_query **pp = &b->queries;

	while (*pp) {
		if ((*pp)->cid == cid &&
		    (qid == SVGA3D_INVALID_ID || (*pp)->qid == qid))
			unlink_free(b, pp);
		else
			pp = &(*pp)->next;
	}
}

void backend_query_free_all(struct svga_backend *b)
{
	while (b->queries)
		unlink_free(b, &b->queries);
}

int backend_query_predicate(struct svga_backend *b,
			    const struct svga_dx_draw *d,
			    struct svga_render_draw *rd)
{
	struct backend_query *q;

	if (d->pred_query == SVGA3D_INVALID_ID)
		return SVGA_OK;
	q = *find(b, d->cid, d->pred_query);
	if (!q) {
		/* a predicate never begun has no result: D3D draws */
		svga_trace(b->log, "draw: predicate %u never ran, drawn",
			   d->pred_query);
		return SVGA_OK;
	}
	if (render_type(q->type) != SVGA_RENDER_QUERY_OCCLUSION) {
		svga_guest_error(b->log, "draw: predication on query %u "
				 "(type %u) is not rendered: occlusion "
				 "predicates only", d->pred_query, q->type);
		return SVGA_ERR;
	}
	if (!q->ended) {
		/* still counting: its result is not known, D3D draws */
		svga_trace(b->log, "draw: predicate %u not ended, drawn",
			   d->pred_query);
		return SVGA_OK;
	}
	rd->predicate = q->rq;
	rd->predicate_value = d->pred_value != 0;
	return SVGA_OK;
}

int backend_query_predicate_result(void *opaque, uint32_t cid, uint32_t qid,
				   uint32_t *any_passed)
{
	struct svga_backend *b = opaque;
	struct backend_query *q = *find(b, cid, qid);
	uint64_t v[SVGA_RENDER_QUERY_MAX_VALUES] = { 0 };
	unsigned n = 0;

	if (!q || !q->ended)
		return 1;               /* no result: D3D runs it */
	if (render_type(q->type) != SVGA_RENDER_QUERY_OCCLUSION) {
		svga_guest_error(b->log, "predication on query %u (type %u) "
				 "is not evaluated: occlusion predicates "
				 "only", qid, q->type);
		return -1;
	}
	/* waits for the GPU: clears and copies run on the CPU's order */
	if (svga_render_query_result(b->r, q->rq, v, &n)) {
		svga_guest_error(b->log, "predicate %u: %s", qid,
				 svga_render_last_error(b->r));
		return -1;
	}
	*any_passed = v[0] != 0;
	return 0;
}
