// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: the hooks the core calls, with their time
 * charged to the renderer (svga_phase.h).  Each wrapper enters
 * SVGA_PHASE_RECORD around the real hook, so the core's phase (the
 * command loop) stops while the renderer works; the renderer's inner
 * phases (translation, pipeline creation, uploads, readbacks, GPU waits)
 * nest inside and what is left is the glue's state translation, vkCmd*
 * recording and vkQueueSubmit.  With the clock disabled a wrapper costs
 * two branches.
 */
#include "backend_int.h"

#define B(opaque) ((struct svga_backend *)(opaque))

static int timed_draw(void *opaque, const struct svga_dx_draw *d)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_draw(opaque, d);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static int timed_query_begin(void *opaque, uint32_t cid, uint32_t qid,
			     const SVGACOTableDXQueryEntry *e)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_query_begin(opaque, cid, qid, e);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static int timed_query_end(void *opaque, uint32_t cid, uint32_t qid,
			   const SVGACOTableDXQueryEntry *e)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_query_end(opaque, cid, qid, e);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static int timed_query_result(void *opaque, uint32_t cid, uint32_t qid,
			      const SVGACOTableDXQueryEntry *e, void *result,
			      uint32_t len)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_query_result(opaque, cid, qid, e, result, len);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static void timed_query_destroy(void *opaque, uint32_t cid, uint32_t qid)
{
	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	backend_query_destroy(opaque, cid, qid);
	svga_phase_pop(B(opaque)->phases);
}

static int timed_predicate_result(void *opaque, uint32_t cid, uint32_t qid,
				  uint32_t *any_passed)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_query_predicate_result(opaque, cid, qid, any_passed);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static int timed_present_blt(void *opaque, const SVGA3dCmdDXPresentBlt *c)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_present_blt(opaque, c);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static int timed_resolve_copy(void *opaque, const SVGA3dCmdDXResolveCopy *c)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_resolve_copy(opaque, c);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

const struct svga_dx_hooks backend_timed_hooks = {
	.draw = timed_draw,
	.query_begin = timed_query_begin,
	.query_end = timed_query_end,
	.query_result = timed_query_result,
	.query_destroy = timed_query_destroy,
	.predicate_result = timed_predicate_result,
	.present_blt = timed_present_blt,
	.resolve_copy = timed_resolve_copy,
};

static int timed_access(void *opaque, struct svga_surface *s,
			enum svga_storage_access a, const struct svga_subres *r)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_storage_ops.access(opaque, s, a, r);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static void timed_freed(void *opaque, struct svga_surface *s)
{
	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	backend_storage_ops.freed(opaque, s);
	svga_phase_pop(B(opaque)->phases);
}

static int timed_clear(void *opaque, struct svga_surface *s,
		       const struct svga_view *v,
		       const struct svga_clear_req *c)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_storage_ops.clear(opaque, s, v, c);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

static int timed_copy_ms(void *opaque, struct svga_surface *dst,
			 uint32_t dlayer, uint32_t dmip,
			 struct svga_surface *src, uint32_t slayer,
			 uint32_t smip, const SVGA3dCopyBox *box)
{
	int rc;

	svga_phase_push(B(opaque)->phases, SVGA_PHASE_RECORD);
	rc = backend_storage_ops.copy_ms(opaque, dst, dlayer, dmip, src,
					 slayer, smip, box);
	svga_phase_pop(B(opaque)->phases);
	return rc;
}

const struct svga_storage_ops backend_timed_storage_ops = {
	.access = timed_access,
	.freed = timed_freed,
	.clear = timed_clear,
	.copy_ms = timed_copy_ms,
};
