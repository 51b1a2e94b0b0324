// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: buffers (vertex, index, constant, stream output)
 * in device memory within the budget, with uploads and readbacks.
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

int svga_render_buffer_new(struct svga_render *r, uint64_t size,
			   uint32_t usage, struct svga_render_buffer **out)
{
	VkBufferCreateInfo bci = {
		.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
		.size = size,
		.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
			 VK_BUFFER_USAGE_TRANSFER_DST_BIT,
	};
	struct svga_render_buffer *b;
	VkMemoryRequirements req;
	VkResult res;

	*out = NULL;
	if (!size)
		return render_error(r, "empty buffer");
	if (size > r->max_memory)
		return render_error(r, "buffer of %llu bytes exceeds the "
				    "device memory budget",
				    (unsigned long long)size);
	if (usage & SVGA_RENDER_BUF_VERTEX)
		bci.usage |= VK_BUFFER_USAGE_VERTEX_BUFFER_BIT;
	if (usage & SVGA_RENDER_BUF_INDEX)
		bci.usage |= VK_BUFFER_USAGE_INDEX_BUFFER_BIT;
	if (usage & SVGA_RENDER_BUF_CONSTANT)
		bci.usage |= VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT;
	if (usage & SVGA_RENDER_BUF_SAMPLED)
		bci.usage |= VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT;
	if (usage & SVGA_RENDER_BUF_STREAM_OUTPUT) {
		bci.usage |= VK_BUFFER_USAGE_TRANSFORM_FEEDBACK_BUFFER_BIT_EXT |
			     VK_BUFFER_USAGE_TRANSFORM_FEEDBACK_COUNTER_BUFFER_BIT_EXT;
		/* the counter lives after the data, 4-byte aligned */
		bci.size = ((size + 3) & ~3ull) + 4;
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		return render_error(r, "out of memory");
	res = vkCreateBuffer(r->dev, &bci, NULL, &b->buf);
	if (res != VK_SUCCESS) {
		free(b);
		return render_error(r, "vkCreateBuffer(%llu): %s",
				    (unsigned long long)size,
				    render_vk_result(res));
	}
	vkGetBufferMemoryRequirements(r->dev, b->buf, &req);
	if (render_alloc(r, &req, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
			 &b->mem)) {
		vkDestroyBuffer(r->dev, b->buf, NULL);
		free(b);
		return -1;
	}
	vkBindBufferMemory(r->dev, b->buf, b->mem, 0);
	b->size = size;
	b->mem_size = req.size;
	b->counter_offset = (size + 3) & ~3ull;
	b->usage = usage;
	/* D3D: a buffer stream output never wrote has a filled size of 0
	 * (DrawAuto from it draws nothing, not what the memory held) */
	if (usage & SVGA_RENDER_BUF_STREAM_OUTPUT)
		vkCmdFillBuffer(render_cmd(r), b->buf, b->counter_offset, 4, 0);
	*out = b;
	return 0;
}

void svga_render_buffer_free(struct svga_render *r,
			     struct svga_render_buffer *b)
{
	if (!b)
		return;
	svga_render_flush(r);
	while (b->views) {
		struct render_buffer_view *v = b->views;

		b->views = v->next;
		vkDestroyBufferView(r->dev, v->view, NULL);
		free(v);
		r->stats.views--;
	}
	vkDestroyBuffer(r->dev, b->buf, NULL);
	render_free_mem(r, b->mem, b->mem_size);
	free(b);
}

VkBufferView render_buffer_view(struct svga_render *r,
				struct svga_render_buffer *b, VkFormat format,
				uint64_t offset, uint64_t range)
{
	VkBufferViewCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO,
		.buffer = b->buf,
		.format = format,
		.offset = offset,
		.range = range,
	};
	struct render_buffer_view *v;
	VkResult res;

	for (struct render_buffer_view **p = &b->views; *p; p = &(*p)->next) {
		v = *p;
		if (v->format == format && v->offset == offset &&
		    v->range == range) {
			*p = v->next;          /* most recently used first */
			v->next = b->views;
			b->views = v;
			return v->view;
		}
	}
	if (b->num_views >= RENDER_MAX_VIEWS_PER_OBJECT) {
		struct render_buffer_view **p = &b->views;

		while ((*p)->next)
			p = &(*p)->next;
		render_defer_view(r, VK_NULL_HANDLE, (*p)->view);
		free(*p);
		*p = NULL;
		b->num_views--;
		r->stats.views--;
	}
	v = calloc(1, sizeof(*v));
	if (!v) {
		render_error(r, "out of memory");
		return VK_NULL_HANDLE;
	}
	res = vkCreateBufferView(r->dev, &ci, NULL, &v->view);
	if (res != VK_SUCCESS) {
		free(v);
		render_error(r, "vkCreateBufferView: %s", render_vk_result(res));
		return VK_NULL_HANDLE;
	}
	v->format = format;
	v->offset = offset;
	v->range = range;
	v->next = b->views;
	b->views = v;
	b->num_views++;
	r->stats.views++;
	return v->view;
}

static int check_range(struct svga_render *r, struct svga_render_buffer *b,
		       uint64_t offset, uint64_t size)
{
	if (!size || offset > b->size || size > b->size - offset)
		return render_error(r, "buffer range %llu+%llu outside %llu "
				    "bytes", (unsigned long long)offset,
				    (unsigned long long)size,
				    (unsigned long long)b->size);
	return 0;
}

int svga_render_buffer_upload(struct svga_render *r,
			      struct svga_render_buffer *b, uint64_t offset,
			      uint64_t size, const void *data)
{
	struct render_staging *s;
	VkBufferCopy c = { 0, offset, size };

	if (check_range(r, b, offset, size) ||
	    render_staging_new(r, size, false, &s))
		return -1;
	memcpy(s->map, data, size);
	vkCmdCopyBuffer(render_cmd(r), s->buf, b->buf, 1, &c);
	return 0;
}

int svga_render_buffer_readback(struct svga_render *r,
				struct svga_render_buffer *b,
				uint64_t offset, uint64_t size, void *data)
{
	struct render_staging *s;
	struct render_import im;
	VkBufferCopy c = { offset, 0, size };
	int ret;

	if (check_range(r, b, offset, size))
		return -1;
	/* straight into host memory when it can be imported */
	if (render_host_import(r, data, size, 1, &im) == 0) {
		c.dstOffset = im.offset;
		vkCmdCopyBuffer(render_cmd(r), b->buf, im.buf, 1, &c);
		ret = svga_render_flush(r) ? -1 : 0;
		render_host_import_free(r, &im);
		return ret;
	}
	if (render_readback_staging_get(r, size, &s))
		return -1;
	vkCmdCopyBuffer(render_cmd(r), b->buf, s->buf, 1, &c);
	if (svga_render_flush(r)) {
		render_readback_staging_put(r, s);
		return -1;
	}
	memcpy(data, s->map, size);
	render_readback_staging_put(r, s);
	return 0;
}

int render_zero_vb_init(struct svga_render *r)
{
	if (svga_render_buffer_new(r, RENDER_ZERO_VB_SIZE,
				   SVGA_RENDER_BUF_VERTEX, &r->zero_vb))
		return -1;
	vkCmdFillBuffer(render_cmd(r), r->zero_vb->buf, 0, RENDER_ZERO_VB_SIZE,
			0);
	return 0;
}
