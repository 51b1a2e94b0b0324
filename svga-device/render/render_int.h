/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga renderer: internal definitions shared by the renderer's
 * sources (Vulkan types live here, never in svga_render.h).
 */
#ifndef RENDER_INT_H
#define RENDER_INT_H

#include "svga_phase.h"
#include "svga_render.h"

#include <stdbool.h>
#include <vulkan/vulkan.h>

#define RENDER_ERRLEN 256
/* Uploads are staged; past this many staged bytes the batch is submitted
 * so that staging memory stays bounded. */
#define RENDER_MAX_STAGED (64u << 20)
/* The staging buffer kept between readbacks (render_readback.c) grows to
 * at most this; larger readbacks stage in a buffer of their own.  A
 * 4096x2160 32-bit screen is 35 MB. */
#define RENDER_MAX_KEPT_STAGING (64u << 20)
/* Descriptor sets per batch (one per stage per draw). */
#define RENDER_SETS_PER_POOL 256

/* ---- formats ----------------------------------------------------------- */

struct render_format {
	uint32_t svga;
	const char *name;
	VkFormat vk;            /* VK_FORMAT_UNDEFINED: unsupported */
	VkFormat vk_ds;         /* typeless with a depth-stencil meaning */
	VkComponentMapping swizzle;  /* for sampling (A8, X channels) */
	uint8_t block_w, block_h, bytes;
	uint8_t no_render;      /* the mapping cannot be rendered to */
	const char *why;        /* reason when vk == UNDEFINED or no_render */
};

const struct render_format *render_format_get(uint32_t svga);
VkImageAspectFlags render_format_aspects(VkFormat f);
/* Bytes per texel of one aspect in a buffer<->image copy. */
uint32_t render_aspect_bytes(VkFormat f, VkImageAspectFlagBits aspect);

/* ---- device ------------------------------------------------------------ */

struct render_staging {
	struct render_staging *next;
	VkBuffer buf;
	VkDeviceMemory mem;
	void *map;
	uint64_t size;
};

struct render_pipeline;

/* An image or buffer view evicted from its cache while the batch may
 * still use it: destroyed when the batch completes. */
struct render_dead_view {
	VkImageView image_view;
	VkBufferView buffer_view;
};

struct svga_render {
	VkInstance instance;
	VkPhysicalDevice phys;
	VkDevice dev;
	VkQueue queue;
	uint32_t queue_family;
	VkPhysicalDeviceProperties props;
	VkPhysicalDeviceMemoryProperties mem_props;
	char name[VK_MAX_PHYSICAL_DEVICE_NAME_SIZE];
	char err[RENDER_ERRLEN];

	VkCommandPool cmd_pool;
	VkCommandBuffer cmd;
	bool recording;
	VkFence fence;

	/* staging buffers of the batch, freed when it completes */
	struct render_staging *staged;
	uint64_t staged_bytes;
	/* objects to destroy when the batch completes */
	VkPipeline *dead_pipelines;
	uint32_t num_dead, cap_dead;
	struct render_dead_view *dead_views;
	uint32_t num_dead_views, cap_dead_views;

	uint64_t max_memory, memory_used;

	/* readbacks (render_readback.c): the kept staging buffer, busy
	 * between its get and put; host-memory import alignment, 0 when
	 * imports are off or unavailable */
	struct render_staging *kept_staging;
	bool kept_staging_busy;
	uint64_t import_align;
	bool has_host_import;   /* VK_EXT_external_memory_host enabled */
	PFN_vkGetMemoryHostPointerPropertiesEXT host_ptr_props;

	/* descriptors */
	VkDescriptorSetLayout set_layout[SVGA_RENDER_NUM_STAGES];
	VkPipelineLayout pipeline_layout;
	VkDescriptorPool desc_pool;
	uint32_t sets_left;
	VkSampler default_sampler;    /* for unbound sampler slots */
	/* zeros for unbound vertex buffers (stride 0): lavapipe 22.3 crashes
	 * on some formats from null vertex buffers */
	struct svga_render_buffer *zero_vb;

	/* pipeline cache */
	struct render_pipeline **buckets;
	uint32_t num_buckets;
	struct render_pipeline *lru_head, *lru_tail;  /* head = most recent */
	uint32_t max_pipelines, num_pipelines;
	uint64_t next_shader_id;
	VkPipelineCache vk_cache;

	struct svga_render_stats stats;
	/* the device's phase clock (svga_phase.h), NULL: none */
	struct svga_phase_clock *phases;

	/* VK_EXT_transform_feedback entry points */
	PFN_vkCmdBindTransformFeedbackBuffersEXT bind_xfb;
	PFN_vkCmdBeginTransformFeedbackEXT begin_xfb;
	PFN_vkCmdEndTransformFeedbackEXT end_xfb;
	PFN_vkCmdDrawIndirectByteCountEXT draw_byte_count;
	uint32_t xfb_max_stride;
	bool has_pipeline_stats;
	/* constant-buffer slots in each stage's set layout (14..16) */
	uint32_t num_cbs;
	/* queries begun and not ended: a Vulkan query lives in one command
	 * buffer, so they are suspended at each submit and resumed in the
	 * next batch, their counts accumulated */
	struct svga_render_query *active_queries;
	PFN_vkCmdBeginQueryIndexedEXT begin_query_indexed;
	PFN_vkCmdEndQueryIndexedEXT end_query_indexed;
	PFN_vkCmdBeginConditionalRenderingEXT begin_cond;
	PFN_vkCmdEndConditionalRenderingEXT end_cond;
};

int render_error(struct svga_render *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *render_vk_result(VkResult res);

/* memory: allocation within the budget */
int render_alloc(struct svga_render *r, const VkMemoryRequirements *req,
		 VkMemoryPropertyFlags want, VkDeviceMemory *out);
void render_free_mem(struct svga_render *r, VkDeviceMemory mem,
		     uint64_t size);

/* The zero vertex buffer: covers any element offset. */
#define RENDER_ZERO_VB_SIZE 4096
int render_zero_vb_init(struct svga_render *r);

/* batches */
VkCommandBuffer render_cmd(struct svga_render *r);
/* Orders everything recorded so far before what comes next. */
void render_barrier(struct svga_render *r);
/* keep: the caller frees it (readbacks, after their flush); otherwise it
 * is freed when the batch completes */
int render_staging_new(struct svga_render *r, uint64_t size, bool keep,
		       struct render_staging **out);
void render_staging_free(struct svga_render *r, struct render_staging *s);
void render_defer_pipeline(struct svga_render *r, VkPipeline p);

/* readback destinations (render_readback.c) */
void render_readback_init(struct svga_render *r, bool has_host_import,
			  bool no_host_import);
/* Host memory [ptr, ptr + size) as a buffer for one GPU copy, ptr at
 * out->offset in it, a multiple of offset_align (VK_EXT_external_memory_host).
 * 1: not possible here (stage instead; no error is set). */
struct render_import {
	VkBuffer buf;
	VkDeviceMemory mem;
	uint64_t offset;
};
int render_host_import(struct svga_render *r, void *ptr, uint64_t size,
		       uint32_t offset_align, struct render_import *out);
void render_host_import_free(struct svga_render *r, struct render_import *im);
/* A staging buffer of at least size bytes for one readback: the kept one
 * when size fits RENDER_MAX_KEPT_STAGING; give it back with _put. */
int render_readback_staging_get(struct svga_render *r, uint64_t size,
				struct render_staging **out);
void render_readback_staging_put(struct svga_render *r,
				 struct render_staging *s);
/* Frees the kept staging buffer unless a readback is using it. */
void render_readback_staging_release(struct svga_render *r);
void render_defer_view(struct svga_render *r, VkImageView iv, VkBufferView bv);
void render_queries_suspend(struct svga_render *r);
void render_queries_collect(struct svga_render *r);
void render_queries_resume(struct svga_render *r);
/* Records the predicate of an ended occlusion query (samples != 0) into
 * its 32-bit predicate buffer, for conditional rendering. */
int render_query_predicate(struct svga_render *r, struct svga_render_query *q,
			   VkBuffer *buf);

/* descriptors and pipelines */
int render_descriptors_init(struct svga_render *r);
void render_descriptors_fini(struct svga_render *r);
VkDescriptorSet render_alloc_set(struct svga_render *r,
				 enum svga_render_stage stage);
void render_descriptors_reset(struct svga_render *r);

int render_pipeline_cache_init(struct svga_render *r, uint32_t max);
void render_pipeline_cache_fini(struct svga_render *r);
VkPipeline render_pipeline_get(struct svga_render *r,
			       const struct svga_render_pipeline_desc *d);
/* Validates the (guest) state and creates an uncached pipeline. */
VkPipeline render_pipeline_create(struct svga_render *r,
				  const struct svga_render_pipeline_desc *d);

/* objects */
struct render_view_entry {
	struct render_view_entry *next;
	VkFormat format;
	VkImageViewType type;
	VkImageAspectFlags aspects;
	uint32_t mip, mips, layer, layers;
	bool sampled;
	VkImageView view;
};

/* Views cached per image and per buffer, least recently used last;
 * beyond this many the oldest is destroyed (after its batch). */
#define RENDER_MAX_VIEWS_PER_OBJECT 64

struct svga_render_image {
	struct svga_render_image_desc desc;
	const struct render_format *fmt;
	VkFormat vk;
	VkImageAspectFlags aspects;
	VkImageType type;
	VkImage image;
	VkDeviceMemory mem;
	uint64_t mem_size;
	struct render_view_entry *views;
	uint32_t num_views;
};

VkImageView render_image_view(struct svga_render *r,
			      struct svga_render_image *img, VkFormat format,
			      VkImageViewType type, VkImageAspectFlags aspects,
			      uint32_t mip, uint32_t mips, uint32_t layer,
			      uint32_t layers, bool sampled);
int render_check_view(struct svga_render *r, struct svga_render_image *img,
		      const struct svga_render_view *v);

struct render_buffer_view {
	struct render_buffer_view *next;
	VkFormat format;
	uint64_t offset, range;
	VkBufferView view;
};

/* A texel-buffer view of b (cached on b, bounded); NULL with the error. */
VkBufferView render_buffer_view(struct svga_render *r,
				struct svga_render_buffer *b, VkFormat format,
				uint64_t offset, uint64_t range);
/* Writes the descriptors of one stage (render_bindings.c). */
int render_write_stage_set(struct svga_render *r, VkDescriptorSet set,
			   const struct svga_render_stage_bindings *b);

struct svga_render_buffer {
	struct render_buffer_view *views;
	uint32_t num_views;
	VkBuffer buf;
	VkDeviceMemory mem;
	uint64_t size, mem_size;
	uint32_t usage;
	/* stream output: the filled size (a byte position in buf, as the
	 * transform feedback counter), kept in buf after its data */
	uint64_t counter_offset;
};

/* A shader's interface: per location, the numeric class of its input and
 * output variables (0: none). */
#define RENDER_MAX_LOCATIONS 32
enum { RENDER_CLASS_FLOAT = 1, RENDER_CLASS_INT = 2, RENDER_CLASS_OTHER = 3 };
struct render_shader_io {
	uint8_t inputs[RENDER_MAX_LOCATIONS];
	uint8_t outputs[RENDER_MAX_LOCATIONS];
	uint8_t dual_source;    /* writes a second blend source */
};
int render_spirv_interface(const uint32_t *words, size_t nwords,
			   struct render_shader_io *io);
/* RENDER_CLASS_INT for UINT/SINT formats, else RENDER_CLASS_FLOAT. */
int render_format_class(VkFormat f);

struct svga_render_shader {
	enum svga_render_stage stage;
	struct render_shader_io io;
	VkShaderModule module;
	uint64_t id;            /* never reused: keys the pipeline cache */
};

struct svga_render_sampler {
	VkSampler sampler;
};

#endif
