// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: the bounded pipeline cache.
 *
 * Key: the pipeline state with shader pointers replaced by their
 * never-reused ids (a freed shader's address may come back for another
 * shader) and unused entries zeroed.  Lookup by a 64-bit FNV-1a hash and a
 * full compare of the key; least recently used pipelines are evicted past
 * the bound (destroyed once the batch that may use them completes).
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_PIPELINES 256

/* no padding: the key's bytes are hashed and compared */
_Static_assert(sizeof(struct svga_render_pipeline_desc) ==
	       SVGA_RENDER_NUM_STAGES * sizeof(void *) + 232 * 4,
	       "svga_render_pipeline_desc has padding");

struct pipeline_key {
	uint64_t shader_ids[SVGA_RENDER_NUM_STAGES];
	struct svga_render_pipeline_desc state;  /* shaders[] zeroed */
};

struct render_pipeline {
	struct pipeline_key key;
	uint64_t hash;
	VkPipeline pipeline;
	struct render_pipeline *bucket_next;
	struct render_pipeline *lru_prev, *lru_next;
};

static void make_key(const struct svga_render_pipeline_desc *d,
		     struct pipeline_key *k)
{
	memset(k, 0, sizeof(*k));
	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		k->shader_ids[st] = d->shaders[st] ? d->shaders[st]->id : 0;
	k->state = *d;
	memset(k->state.shaders, 0, sizeof(k->state.shaders));
	k->state.pad0 = 0;
	memset(k->state.pad1, 0, sizeof(k->state.pad1));
	memset(k->state.pad2, 0, sizeof(k->state.pad2));
	if (k->state.num_elements <= SVGA_RENDER_MAX_ELEMENTS)
		memset(&k->state.elements[k->state.num_elements], 0,
		       (SVGA_RENDER_MAX_ELEMENTS - k->state.num_elements) *
		       sizeof(k->state.elements[0]));
	if (k->state.num_rts <= SVGA_RENDER_MAX_RTS) {
		uint32_t n = SVGA_RENDER_MAX_RTS - k->state.num_rts;

		memset(&k->state.blend[k->state.num_rts], 0,
		       n * sizeof(k->state.blend[0]));
		memset(&k->state.rt_formats[k->state.num_rts], 0,
		       n * sizeof(k->state.rt_formats[0]));
	}
}

static uint64_t fnv1a(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

int render_pipeline_cache_init(struct svga_render *r, uint32_t max)
{
	VkPipelineCacheCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO,
	};

	r->max_pipelines = max ? max : DEFAULT_MAX_PIPELINES;
	r->num_buckets = 1;
	while (r->num_buckets < r->max_pipelines)
		r->num_buckets <<= 1;
	r->buckets = calloc(r->num_buckets, sizeof(*r->buckets));
	if (!r->buckets)
		return render_error(r, "out of memory");
	/* the driver's own cache of compiled code, across our evictions */
	if (vkCreatePipelineCache(r->dev, &ci, NULL, &r->vk_cache))
		r->vk_cache = VK_NULL_HANDLE;
	return 0;
}

static void lru_unlink(struct svga_render *r, struct render_pipeline *p)
{
	if (p->lru_prev)
		p->lru_prev->lru_next = p->lru_next;
	else
		r->lru_head = p->lru_next;
	if (p->lru_next)
		p->lru_next->lru_prev = p->lru_prev;
	else
		r->lru_tail = p->lru_prev;
	p->lru_prev = p->lru_next = NULL;
}

static void lru_push_front(struct svga_render *r, struct render_pipeline *p)
{
	p->lru_next = r->lru_head;
	p->lru_prev = NULL;
	if (r->lru_head)
		r->lru_head->lru_prev = p;
	r->lru_head = p;
	if (!r->lru_tail)
		r->lru_tail = p;
}

static void bucket_remove(struct svga_render *r, struct render_pipeline *p)
{
	struct render_pipeline **pp = &r->buckets[p->hash & (r->num_buckets - 1)];

	while (*pp && *pp != p)
		pp = &(*pp)->bucket_next;
	if (*pp)
		*pp = p->bucket_next;
}

static void evict_one(struct svga_render *r)
{
	struct render_pipeline *p = r->lru_tail;

	if (!p)
		return;
	lru_unlink(r, p);
	bucket_remove(r, p);
	render_defer_pipeline(r, p->pipeline);
	free(p);
	r->num_pipelines--;
	r->stats.pipeline_evictions++;
}

VkPipeline render_pipeline_get(struct svga_render *r,
			       const struct svga_render_pipeline_desc *d)
{
	struct render_pipeline *p;
	struct pipeline_key *key = malloc(sizeof(*key));
	uint64_t hash;

	if (!key) {
		render_error(r, "out of memory");
		return VK_NULL_HANDLE;
	}
	make_key(d, key);
	hash = fnv1a(key, sizeof(*key));
	for (p = r->buckets[hash & (r->num_buckets - 1)]; p; p = p->bucket_next)
		if (p->hash == hash && !memcmp(&p->key, key, sizeof(*key))) {
			free(key);
			r->stats.pipeline_cache_hits++;
			lru_unlink(r, p);
			lru_push_front(r, p);
			return p->pipeline;
		}
	p = calloc(1, sizeof(*p));
	if (!p) {
		free(key);
		render_error(r, "out of memory");
		return VK_NULL_HANDLE;
	}
	p->pipeline = render_pipeline_create(r, d);
	if (!p->pipeline) {
		free(key);
		free(p);
		return VK_NULL_HANDLE;
	}
	while (r->num_pipelines >= r->max_pipelines)
		evict_one(r);
	p->key = *key;
	free(key);
	p->hash = hash;
	p->bucket_next = r->buckets[hash & (r->num_buckets - 1)];
	r->buckets[hash & (r->num_buckets - 1)] = p;
	lru_push_front(r, p);
	r->num_pipelines++;
	return p->pipeline;
}

void render_pipeline_cache_fini(struct svga_render *r)
{
	while (r->lru_head) {
		struct render_pipeline *p = r->lru_head;

		lru_unlink(r, p);
		vkDestroyPipeline(r->dev, p->pipeline, NULL);
		free(p);
	}
	r->num_pipelines = 0;
	free(r->buckets);
	r->buckets = NULL;
	if (r->vk_cache)
		vkDestroyPipelineCache(r->dev, r->vk_cache, NULL);
}
