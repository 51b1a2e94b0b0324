/* SPDX-License-Identifier: GPL-2.0-or-later */
/* coherent-svga renderer glue: internal structures (see svga_backend.h). */
#ifndef SVGA_BACKEND_INT_H
#define SVGA_BACKEND_INT_H

#include "svga_backend.h"
#include "svga_dev.h"
#include "svga_dx_draw.h"
#include "svga_render.h"
#include "svga_shader.h"

#include <stdbool.h>

/* One translated variant of a guest shader (or a failed translation, kept
 * so that a bad shader is not translated again on every draw). */
struct backend_variant {
	struct backend_variant *next;     /* hash chain                    */
	uint64_t hash;
	uint32_t stage;                   /* SVGA3D_SHADERTYPE_*           */
	uint32_t size;
	uint8_t *code;                    /* copy of the bytecode          */
	struct svga_shader_key key;
	struct svga_render_shader *shader;  /* NULL: translation failed    */
	struct svga_shader_resources res;   /* what it declares it binds   */
	char error[256];
	uint64_t last_use;
};

#define BACKEND_VARIANT_BUCKETS 256
#define BACKEND_SAMPLER_BUCKETS 64
/* Vulkan samplers kept at most (least recently used evicted); far below
 * maxSamplerAllocationCount (4000 at least), far above the 48 a draw
 * binds. */
#define BACKEND_MAX_SAMPLERS 256
/* stream-output buffers whose range end is remembered (4 targets a draw,
 * a few contexts) */
#define BACKEND_SO_ENDS 16
struct backend_sampler;
/* Renderer queries kept at most (backend_query.c); Mesa keeps one per GL
 * query object (two for occlusion counters), apps a few hundred at most. */
#define BACKEND_MAX_QUERIES 512
struct backend_query;

struct svga_backend {
	struct svga_dev *dev;
	struct svga_objects *om;
	struct svga_log *log;
	struct svga_render *r;
	/* the device's phase clock (svga_phase.h; backend_timing.c) */
	struct svga_phase_clock *phases;
	struct svga_backend_stats st;
	uint64_t gpu_clears;              /* svga_backend_gpu_clears        */
	/* shader variants */
	struct backend_variant *variants[BACKEND_VARIANT_BUCKETS];
	uint32_t num_variants, max_variants;
	uint64_t use_clock;
	/* samplers, keyed by their translated state */
	struct backend_sampler *samplers[BACKEND_SAMPLER_BUCKETS];
	uint32_t num_samplers;
	uint64_t sampler_clock;
	/* backend_streamout.c: where writes into a stream-output buffer
	 * stop, from its last binding with an explicit offset (APPEND
	 * bindings, and the command layer's after the first draw, keep it) */
	struct { uint32_t sid; uint64_t end; } so_end[BACKEND_SO_ENDS];
	uint32_t so_end_next;
	/* backend_query.c: renderer queries by (context, query id) */
	struct backend_query *queries;
	uint32_t num_queries;
	/* backend_shader_dump.c: CSVGA_SHADER_DUMP_DIR, or NULL */
	char *dump_dir;
	bool dump_failed;
};

/* backend_caps.c: the devcaps of the core narrowed to the renderer's
 * formats and limits, installed on the device (before the guest looks). */
int backend_devcaps_install(struct svga_backend *b, char *err, size_t errlen);

/* backend_surface.c */
extern const struct svga_storage_ops backend_storage_ops;
/* The surface's GPU copy, created on first use and brought up to date
 * from host storage when that is newer. */
int backend_surface_image(struct svga_backend *b, struct svga_surface *s,
			  struct svga_render_image **out);
int backend_surface_buffer(struct svga_backend *b, struct svga_surface *s,
			   struct svga_render_buffer **out);
/* The same, uploading only the stale subresources of `ready` (NULL: all;
 * mips or layers 0: none), for a caller that overwrites the others. */
int backend_surface_image_prepare(struct svga_backend *b,
				  struct svga_surface *s,
				  const struct svga_subres *ready,
				  struct svga_render_image **out);
/* The GPU has written subresources r of s (NULL: all of it): host storage
 * of those is stale until read back. */
void backend_surface_gpu_wrote_range(struct svga_backend *b,
				     struct svga_surface *s,
				     const struct svga_subres *r);
void backend_surface_gpu_wrote(struct svga_backend *b, struct svga_surface *s);
/* ... through a render-target or depth-stencil view (dim SVGA3D_RESOURCE_*,
 * mip, first layer, layers; 0 layers: one). */
void backend_surface_gpu_wrote_view(struct svga_backend *b,
				    struct svga_surface *s, uint32_t dim,
				    uint32_t mip, uint32_t layer,
				    uint32_t layers);

/* True when s has a GPU image. */
bool backend_surface_has_image(const struct svga_surface *s);

/* backend_clear.c: svga_storage_ops.clear, on the GPU copy */
int backend_clear(void *opaque, struct svga_surface *s,
		  const struct svga_view *v, const struct svga_clear_req *c);
void backend_surface_free_all(struct svga_backend *b);

/* backend_shader.c */
int backend_shader_get(struct svga_backend *b,
		       const struct svga_dx_draw_shader *sh,
		       const struct svga_shader_key *key,
		       struct svga_render_shader **out,
		       struct svga_shader_resources *res);
void backend_shader_free_all(struct svga_backend *b);

/* backend_shader_dump.c: a debug copy of each translated shader */
void backend_shader_dump_init(struct svga_backend *b);
void backend_shader_dump(struct svga_backend *b,
			 const struct backend_variant *v,
			 const void *dxbc, size_t dxbc_size,
			 const void *spirv, size_t spirv_size,
			 const char *error);
/* Component class of a vertex or render-target format. */
enum svga_shader_class backend_format_class(uint32_t format);

/* backend_blit.c */
int backend_present_blt(void *opaque, const SVGA3dCmdDXPresentBlt *c);
int backend_resolve_copy(void *opaque, const SVGA3dCmdDXResolveCopy *c);

/* backend_srv.c: a stage's shader resource views and samplers, checked
 * against what its shader declares (res) */
int backend_map_stage_resources(struct svga_backend *b,
				const struct svga_dx_draw *d,
				const struct svga_dx_draw_stage *st,
				const struct svga_shader_resources *res,
				const char *stage_name,
				struct svga_render_stage_bindings *out);
void backend_sampler_free_all(struct svga_backend *b);

/* backend_streamout.c: a bound SO declaration with entries; the stage
 * (SVGA_DX_STAGE_*) it applies to; its part of that stage's key; the SO
 * targets as the renderer's; host storage of what was written stale */
bool backend_so_active(const struct svga_dx_draw *d);
unsigned backend_so_stage(const struct svga_dx_draw *d);
int backend_so_key(struct svga_backend *b, const struct svga_dx_draw *d,
		   struct svga_shader_key *key);
int backend_so_targets(struct svga_backend *b, const struct svga_dx_draw *d,
		       struct svga_render_draw *rd);
void backend_so_wrote(struct svga_backend *b, const struct svga_dx_draw *d,
		      const struct svga_render_draw *rd);
/* backend_query.c: svga_dx_hooks.query_* and the predicate of a draw */
int backend_query_begin(void *opaque, uint32_t cid, uint32_t qid,
			const SVGACOTableDXQueryEntry *e);
int backend_query_end(void *opaque, uint32_t cid, uint32_t qid,
		      const SVGACOTableDXQueryEntry *e);
int backend_query_result(void *opaque, uint32_t cid, uint32_t qid,
			 const SVGACOTableDXQueryEntry *e, void *result,
			 uint32_t len);
void backend_query_destroy(void *opaque, uint32_t cid, uint32_t qid);
int backend_query_predicate_result(void *opaque, uint32_t cid, uint32_t qid,
				   uint32_t *any_passed);
void backend_query_free_all(struct svga_backend *b);
/* rd->predicate for d's predication (none: left NULL); SVGA_ERR after a
 * guest error for a predicate the renderer cannot evaluate */
int backend_query_predicate(struct svga_backend *b,
			    const struct svga_dx_draw *d,
			    struct svga_render_draw *rd);

/* backend_timing.c: the hooks above with their time charged to the
 * renderer's phases; these are what attach installs */
extern const struct svga_dx_hooks backend_timed_hooks;
extern const struct svga_storage_ops backend_timed_storage_ops;

/* backend_draw.c */
int backend_draw(void *opaque, const struct svga_dx_draw *d);

#endif
