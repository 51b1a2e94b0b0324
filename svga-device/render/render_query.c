// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: queries (occlusion, timestamp, stream-output
 * statistics, pipeline statistics), one Vulkan query pool of one query
 * each.  Queries begin and end between draws, outside rendering passes,
 * so one query spans any number of draws.
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

enum query_state { Q_IDLE, Q_ACTIVE, Q_ENDED };

struct svga_render_query {
	enum svga_render_query_type type;
	enum query_state state;
	VkQueryPool pool;
	unsigned values;
	/* occlusion: the 32-bit predicate for conditional rendering */
	VkBuffer pred;
	VkDeviceMemory pred_mem;
	uint64_t pred_mem_size;
	/* counts of the batches already submitted since begin */
	uint64_t acc[SVGA_RENDER_QUERY_MAX_VALUES];
	struct svga_render_query *next_active;
};

static void record_begin(struct svga_render *r, VkCommandBuffer cmd,
			 struct svga_render_query *q)
{
	vkCmdResetQueryPool(cmd, q->pool, 0, 1);
	if (q->type == SVGA_RENDER_QUERY_SO_STATISTICS)
		r->begin_query_indexed(cmd, q->pool, 0, 0, 0);
	else
		vkCmdBeginQuery(cmd, q->pool, 0,
				q->type == SVGA_RENDER_QUERY_OCCLUSION ?
				VK_QUERY_CONTROL_PRECISE_BIT : 0);
}

static void record_end(struct svga_render *r, VkCommandBuffer cmd,
		       struct svga_render_query *q)
{
	if (q->type == SVGA_RENDER_QUERY_SO_STATISTICS)
		r->end_query_indexed(cmd, q->pool, 0, 0);
	else
		vkCmdEndQuery(cmd, q->pool, 0);
}

static int read_values(struct svga_render *r, struct svga_render_query *q,
		       uint64_t *v)
{
	VkResult res = vkGetQueryPoolResults(r->dev, q->pool, 0, 1,
					     q->values * sizeof(uint64_t), v,
					     q->values * sizeof(uint64_t),
					     VK_QUERY_RESULT_64_BIT |
					     VK_QUERY_RESULT_WAIT_BIT);

	return res == VK_SUCCESS ? 0 :
	       render_error(r, "vkGetQueryPoolResults: %s",
			    render_vk_result(res));
}

static void unlink_active(struct svga_render *r, struct svga_render_query *q)
{
	struct svga_render_query **pp = &r->active_queries;

	while (*pp && *pp != q)
		pp = &(*pp)->next_active;
	if (*pp)
		*pp = q->next_active;
	q->next_active = NULL;
}

void render_queries_suspend(struct svga_render *r)
{
	for (struct svga_render_query *q = r->active_queries; q;
	     q = q->next_active)
		record_end(r, r->cmd, q);
}

void render_queries_collect(struct svga_render *r)
{
	for (struct svga_render_query *q = r->active_queries; q;
	     q = q->next_active) {
		uint64_t v[SVGA_RENDER_QUERY_MAX_VALUES];

		if (read_values(r, q, v) == 0)
			for (unsigned i = 0; i < q->values; i++)
				q->acc[i] += v[i];
	}
}

void render_queries_resume(struct svga_render *r)
{
	for (struct svga_render_query *q = r->active_queries; q;
	     q = q->next_active)
		record_begin(r, r->cmd, q);
}

int svga_render_query_new(struct svga_render *r,
			  enum svga_render_query_type type,
			  struct svga_render_query **out)
{
	VkQueryPoolCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
		.queryCount = 1,
	};
	struct svga_render_query *q;
	unsigned values;

	*out = NULL;
	switch (type) {
	case SVGA_RENDER_QUERY_OCCLUSION:
		ci.queryType = VK_QUERY_TYPE_OCCLUSION;
		values = 1;
		break;
	case SVGA_RENDER_QUERY_TIMESTAMP:
		ci.queryType = VK_QUERY_TYPE_TIMESTAMP;
		values = 1;
		break;
	case SVGA_RENDER_QUERY_SO_STATISTICS:
		ci.queryType = VK_QUERY_TYPE_TRANSFORM_FEEDBACK_STREAM_EXT;
		values = 2;
		break;
	case SVGA_RENDER_QUERY_PIPELINE_STATISTICS:
		if (!r->has_pipeline_stats)
			return render_error(r, "Vulkan device '%s' has no "
					    "pipeline statistics queries",
					    r->name);
		ci.queryType = VK_QUERY_TYPE_PIPELINE_STATISTICS;
		/* bit order = D3D's order of the counters */
		ci.pipelineStatistics = (1u << SVGA_RENDER_QUERY_MAX_VALUES) - 1;
		values = SVGA_RENDER_QUERY_MAX_VALUES;
		break;
	default:
		return render_error(r, "query type %u", (unsigned)type);
	}
	q = calloc(1, sizeof(*q));
	if (!q)
		return render_error(r, "out of memory");
	if (vkCreateQueryPool(r->dev, &ci, NULL, &q->pool) != VK_SUCCESS) {
		free(q);
		return render_error(r, "vkCreateQueryPool failed");
	}
	q->type = type;
	q->values = values;
	if (type == SVGA_RENDER_QUERY_OCCLUSION) {
		VkBufferCreateInfo bci = {
			.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
			.size = 4,
			.usage = VK_BUFFER_USAGE_CONDITIONAL_RENDERING_BIT_EXT |
				 VK_BUFFER_USAGE_TRANSFER_DST_BIT,
		};
		VkMemoryRequirements req;

		if (vkCreateBuffer(r->dev, &bci, NULL, &q->pred)) {
			svga_render_query_free(r, q);
			return render_error(r, "vkCreateBuffer (predicate) failed");
		}
		vkGetBufferMemoryRequirements(r->dev, q->pred, &req);
		if (render_alloc(r, &req, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
				 &q->pred_mem)) {
			svga_render_query_free(r, q);
			return -1;
		}
		q->pred_mem_size = req.size;
		vkBindBufferMemory(r->dev, q->pred, q->pred_mem, 0);
	}
	*out = q;
	return 0;
}

int render_query_predicate(struct svga_render *r, struct svga_render_query *q,
			   VkBuffer *buf)
{
	VkCommandBuffer cmd;

	if (q->type != SVGA_RENDER_QUERY_OCCLUSION || q->state != Q_ENDED)
		return render_error(r, "predicate: not an ended occlusion query");
	cmd = render_cmd(r);
	/* samples counted in earlier batches decide already */
	if (q->acc[0])
		vkCmdFillBuffer(cmd, q->pred, 0, 4, 1);
	else
		vkCmdCopyQueryPoolResults(cmd, q->pool, 0, 1, q->pred, 0, 4,
					  VK_QUERY_RESULT_WAIT_BIT);
	render_barrier(r);
	*buf = q->pred;
	return 0;
}

void svga_render_query_free(struct svga_render *r, struct svga_render_query *q)
{
	if (!q)
		return;
	if (q->state == Q_ACTIVE)
		svga_render_query_end(r, q);
	svga_render_flush(r);
	if (q->pool)
		vkDestroyQueryPool(r->dev, q->pool, NULL);
	if (q->pred)
		vkDestroyBuffer(r->dev, q->pred, NULL);
	render_free_mem(r, q->pred_mem, q->pred_mem_size);
	free(q);
}

int svga_render_query_begin(struct svga_render *r, struct svga_render_query *q)
{
	VkCommandBuffer cmd;

	if (q->type == SVGA_RENDER_QUERY_TIMESTAMP)
		return render_error(r, "timestamp queries take no begin");
	if (q->state == Q_ACTIVE)
		return render_error(r, "query already begun");
	memset(q->acc, 0, sizeof(q->acc));
	cmd = render_cmd(r);
	record_begin(r, cmd, q);
	q->state = Q_ACTIVE;
	q->next_active = r->active_queries;
	r->active_queries = q;
	return 0;
}

int svga_render_query_end(struct svga_render *r, struct svga_render_query *q)
{
	VkCommandBuffer cmd;

	if (q->type == SVGA_RENDER_QUERY_TIMESTAMP) {
		cmd = render_cmd(r);
		vkCmdResetQueryPool(cmd, q->pool, 0, 1);
		vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT,
				    q->pool, 0);
		q->state = Q_ENDED;
		return 0;
	}
	if (q->state != Q_ACTIVE)
		return render_error(r, "query ended without a begin");
	/* render_cmd may start a new batch, which resumes the query */
	cmd = render_cmd(r);
	record_end(r, cmd, q);
	unlink_active(r, q);
	q->state = Q_ENDED;
	return 0;
}

int svga_render_query_result(struct svga_render *r,
			     struct svga_render_query *q,
			     uint64_t values[SVGA_RENDER_QUERY_MAX_VALUES],
			     unsigned *count)
{
	if (q->state != Q_ENDED)
		return render_error(r, "query result before its end");
	/* the query ended in this batch or an earlier one: after a flush
	 * its result is there */
	if (svga_render_flush(r) || read_values(r, q, values))
		return -1;
	if (q->type == SVGA_RENDER_QUERY_TIMESTAMP)
		values[0] = (uint64_t)((double)values[0] *
				       r->props.limits.timestampPeriod);
	else
		for (unsigned i = 0; i < q->values; i++)
			values[i] += q->acc[i];
	*count = q->values;
	return 0;
}
