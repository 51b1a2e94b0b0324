// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: DX query results in guest
 * memory.
 *
 * A query's MOB range holds an SVGA3dQueryState (uint32) followed by the
 * type's result struct (SVGADX*QueryResult), which is what Mesa's svga
 * driver reads (query_get_result: state, then resultLen bytes).
 */
/* clock_gettime(CLOCK_MONOTONIC) under -std=c11 (QEMU's build already
 * asks for more) */
#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "svga_dxstate.h"

#include <string.h>
#include <time.h>

uint32_t svga_dxquery_result_size(uint32_t type)
{
	switch (type) {
	case SVGA3D_QUERYTYPE_OCCLUSION:
		return sizeof(SVGADXOcclusionQueryResult);
	case SVGA3D_QUERYTYPE_TIMESTAMP:
		return sizeof(SVGADXTimestampQueryResult);
	case SVGA3D_QUERYTYPE_TIMESTAMPDISJOINT:
		return sizeof(SVGADXTimestampDisjointQueryResult);
	case SVGA3D_QUERYTYPE_PIPELINESTATS:
		return sizeof(SVGADXPipelineStatisticsQueryResult);
	case SVGA3D_QUERYTYPE_OCCLUSIONPREDICATE:
		return sizeof(SVGADXOcclusionPredicateQueryResult);
	case SVGA3D_QUERYTYPE_STREAMOUTPUTSTATS:
	case SVGA3D_QUERYTYPE_SOSTATS_STREAM0:
	case SVGA3D_QUERYTYPE_SOSTATS_STREAM1:
	case SVGA3D_QUERYTYPE_SOSTATS_STREAM2:
	case SVGA3D_QUERYTYPE_SOSTATS_STREAM3:
		return sizeof(SVGADXStreamOutStatisticsQueryResult);
	case SVGA3D_QUERYTYPE_STREAMOVERFLOWPREDICATE:
	case SVGA3D_QUERYTYPE_SOP_STREAM0:
	case SVGA3D_QUERYTYPE_SOP_STREAM1:
	case SVGA3D_QUERYTYPE_SOP_STREAM2:
	case SVGA3D_QUERYTYPE_SOP_STREAM3:
		return sizeof(SVGADXStreamOutPredicateQueryResult);
	case SVGA3D_QUERYTYPE_OCCLUSION64:
		return sizeof(SVGADXOcclusion64QueryResult);
	default:
		return 0;
	}
}

uint64_t svga_dxquery_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int svga_dxquery_write(struct svga_objects *om, SVGACOTableDXQueryEntry *q,
		       uint32_t state, const void *result, uint32_t len)
{
	uint8_t buf[4 + sizeof(SVGADXQueryResultUnion)];
	struct svga_mob *m;

	if (q->mobid == SVGA3D_INVALID_ID) {
		svga_guest_error(om->log, "query has no MOB bound");
		return SVGA_ERR;
	}
	m = svga_obj_lookup(om, SVGA_OBJ_MOB, q->mobid);
	if (!m)
		return SVGA_ERR;
	if (len > sizeof(SVGADXQueryResultUnion))
		len = sizeof(SVGADXQueryResultUnion);
	memcpy(buf, &state, 4);
	if (len)
		memcpy(buf + 4, result, len);
	/* svga_mob_write bounds the range by the MOB */
	return svga_mob_write(om, m, q->offset, buf, 4 + len);
}
