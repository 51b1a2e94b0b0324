// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: device memory within the budget, and batches.
 *
 * Operations are recorded into one command buffer; svga_render_flush()
 * submits it and waits.  Every operation is separated from the previous
 * one by a full memory barrier and images stay in the GENERAL layout, so
 * ordering is that of the calls (correct first; finer barriers later).
 * Staging buffers and evicted pipelines live until their batch completes.
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

int render_alloc(struct svga_render *r, const VkMemoryRequirements *req,
		 VkMemoryPropertyFlags want, VkDeviceMemory *out)
{
	VkMemoryAllocateInfo mai = {
		.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
		.allocationSize = req->size,
	};
	uint32_t type = UINT32_MAX;
	VkResult res;

	/* the kept readback staging buffer gives way to everything else */
	if (req->size > r->max_memory - r->memory_used)
		render_readback_staging_release(r);
	if (req->size > r->max_memory - r->memory_used)
		return render_error(r, "device memory budget exceeded: %llu "
				    "bytes more than the %llu left of %llu",
				    (unsigned long long)req->size,
				    (unsigned long long)(r->max_memory -
							 r->memory_used),
				    (unsigned long long)r->max_memory);
	for (uint32_t i = 0; i < r->mem_props.memoryTypeCount; i++)
		if ((req->memoryTypeBits & (1u << i)) &&
		    (r->mem_props.memoryTypes[i].propertyFlags & want) == want) {
			type = i;
			break;
		}
	if (type == UINT32_MAX)
		return render_error(r, "no Vulkan memory type with flags 0x%x",
				    want);
	mai.memoryTypeIndex = type;
	res = vkAllocateMemory(r->dev, &mai, NULL, out);
	if (res != VK_SUCCESS)
		return render_error(r, "vkAllocateMemory(%llu): %s",
				    (unsigned long long)req->size,
				    render_vk_result(res));
	r->memory_used += req->size;
	return 0;
}

void render_free_mem(struct svga_render *r, VkDeviceMemory mem,
		     uint64_t size)
{
	if (!mem)
		return;
	vkFreeMemory(r->dev, mem, NULL);
	r->memory_used -= size;
}

VkCommandBuffer render_cmd(struct svga_render *r)
{
	VkCommandBufferBeginInfo bi = {
		.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
		.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
	};

	if (!r->recording) {
		vkBeginCommandBuffer(r->cmd, &bi);
		r->recording = true;
		render_queries_resume(r);
	} else {
		render_barrier(r);
	}
	return r->cmd;
}

void render_barrier(struct svga_render *r)
{
	VkMemoryBarrier mb = {
		.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
		.srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT,
		.dstAccessMask = VK_ACCESS_MEMORY_READ_BIT |
				 VK_ACCESS_MEMORY_WRITE_BIT,
	};

	vkCmdPipelineBarrier(r->cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
			     VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 1, &mb, 0,
			     NULL, 0, NULL);
}

void render_staging_free(struct svga_render *r, struct render_staging *s)
{
	vkDestroyBuffer(r->dev, s->buf, NULL);
	render_free_mem(r, s->mem, s->size);
	free(s);
}

int render_staging_new(struct svga_render *r, uint64_t size, bool keep,
		       struct render_staging **out)
{
	VkBufferCreateInfo bci = {
		.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
		.size = size ? size : 1,
		.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
			 VK_BUFFER_USAGE_TRANSFER_DST_BIT,
	};
	VkMemoryRequirements req;
	struct render_staging *s;

	if (!keep && r->staged_bytes + size > RENDER_MAX_STAGED &&
	    svga_render_flush(r))
		return -1;
	s = calloc(1, sizeof(*s));
	if (!s)
		return render_error(r, "out of memory");
	if (vkCreateBuffer(r->dev, &bci, NULL, &s->buf)) {
		free(s);
		return render_error(r, "vkCreateBuffer (staging) failed");
	}
	vkGetBufferMemoryRequirements(r->dev, s->buf, &req);
	if (render_alloc(r, &req, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
				  VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
			 &s->mem)) {
		vkDestroyBuffer(r->dev, s->buf, NULL);
		free(s);
		return -1;
	}
	s->size = req.size;
	if (vkBindBufferMemory(r->dev, s->buf, s->mem, 0) ||
	    vkMapMemory(r->dev, s->mem, 0, VK_WHOLE_SIZE, 0, &s->map)) {
		render_staging_free(r, s);
		return render_error(r, "staging buffer bind/map failed");
	}
	if (!keep) {
		s->next = r->staged;
		r->staged = s;
		r->staged_bytes += s->size;
	}
	*out = s;
	return 0;
}

void render_defer_pipeline(struct svga_render *r, VkPipeline p)
{
	if (!r->recording) {
		vkDestroyPipeline(r->dev, p, NULL);
		return;
	}
	if (r->num_dead == r->cap_dead) {
		uint32_t cap = r->cap_dead ? 2 * r->cap_dead : 16;
		VkPipeline *n = realloc(r->dead_pipelines, cap * sizeof(*n));

		if (!n) {
			/* cannot defer: wait for the GPU instead */
			svga_render_flush(r);
			vkDestroyPipeline(r->dev, p, NULL);
			return;
		}
		r->dead_pipelines = n;
		r->cap_dead = cap;
	}
	r->dead_pipelines[r->num_dead++] = p;
}

static void destroy_view(struct svga_render *r, struct render_dead_view v)
{
	if (v.image_view)
		vkDestroyImageView(r->dev, v.image_view, NULL);
	if (v.buffer_view)
		vkDestroyBufferView(r->dev, v.buffer_view, NULL);
}

void render_defer_view(struct svga_render *r, VkImageView iv, VkBufferView bv)
{
	struct render_dead_view v = { iv, bv };

	if (!r->recording) {
		destroy_view(r, v);
		return;
	}
	if (r->num_dead_views == r->cap_dead_views) {
		uint32_t cap = r->cap_dead_views ? 2 * r->cap_dead_views : 16;
		struct render_dead_view *n = realloc(r->dead_views,
						     cap * sizeof(*n));

		if (!n) {
			svga_render_flush(r);
			destroy_view(r, v);
			return;
		}
		r->dead_views = n;
		r->cap_dead_views = cap;
	}
	r->dead_views[r->num_dead_views++] = v;
}

static void batch_done(struct svga_render *r)
{
	while (r->staged) {
		struct render_staging *s = r->staged;

		r->staged = s->next;
		render_staging_free(r, s);
	}
	r->staged_bytes = 0;
	for (uint32_t i = 0; i < r->num_dead; i++)
		vkDestroyPipeline(r->dev, r->dead_pipelines[i], NULL);
	r->num_dead = 0;
	for (uint32_t i = 0; i < r->num_dead_views; i++)
		destroy_view(r, r->dead_views[i]);
	r->num_dead_views = 0;
	render_descriptors_reset(r);
}

int svga_render_flush(struct svga_render *r)
{
	VkSubmitInfo si = {
		.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
		.commandBufferCount = 1,
		.pCommandBuffers = &r->cmd,
	};
	VkResult res;
	int ret = 0;

	if (!r->recording)
		return 0;
	render_queries_suspend(r);
	r->recording = false;
	res = vkEndCommandBuffer(r->cmd);
	if (res == VK_SUCCESS)
		res = vkQueueSubmit(r->queue, 1, &si, r->fence);
	if (res == VK_SUCCESS) {
		r->stats.submits++;
		svga_phase_push(r->phases, SVGA_PHASE_GPU_WAIT);
		res = vkWaitForFences(r->dev, 1, &r->fence, VK_TRUE,
				      UINT64_MAX);
		svga_phase_pop(r->phases);
		vkResetFences(r->dev, 1, &r->fence);
	}
	if (res != VK_SUCCESS)
		ret = render_error(r, "submitting a batch: %s",
				   render_vk_result(res));
	if (ret == 0)
		render_queries_collect(r);
	vkResetCommandBuffer(r->cmd, 0);
	batch_done(r);
	return ret;
}
