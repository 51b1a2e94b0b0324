/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga renderer: the SVGA3 device's drawing on the host's Vulkan,
 * behind an interface with no Vulkan types, so that the device core (and its
 * unit tests and fuzzers) build and run without Vulkan.
 *
 * Conventions
 * - Every function that can fail returns 0 on success and -1 on failure,
 *   with a message in the renderer's last-error buffer
 *   (svga_render_last_error()); failures are guest errors or host limits,
 *   never aborts.
 * - Formats are SVGA3dSurfaceFormat values (vmwgfx's svga3d_types.h).
 * - Host memory given to uploads and taken by readbacks is described by a
 *   row pitch (bytes between rows of blocks) and a slice pitch (bytes
 *   between depth slices), as in the SVGA surface layout.
 * - Work is recorded and submitted in batches; a readback waits for every
 *   earlier operation, so it returns exactly what the GPU wrote.
 * - Viewports follow D3D: origin top-left, NDC +y up, depth [min,max].
 * - Shader resources are bound by descriptor set = stage (VS 0, GS 1,
 *   PS 2) and binding = SVGA_RENDER_BINDING_{CB,SAMPLER,SRV}(slot), and
 *   SVGA_RENDER_BINDING_BUFFER_SRV(slot) for SRVs of buffers (texel
 *   buffers): SPIR-V handed to svga_render_shader_new must use these.
 */
#ifndef SVGA_RENDER_H
#define SVGA_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct svga_render;
struct svga_render_image;
struct svga_render_buffer;
struct svga_render_shader;
struct svga_render_sampler;
struct svga_render_query;

#define SVGA_RENDER_MAX_RTS 8
#define SVGA_RENDER_MAX_VIEWPORTS 16
#define SVGA_RENDER_MAX_VBUFS 32
#define SVGA_RENDER_MAX_ELEMENTS 32
/* Constant buffers: D3D's 16 slots (bindings 0-15); a device backs
 * min(16, maxPerStageDescriptorUniformBuffers) of them, at least D3D10's
 * 14 (svga_render_limits.max_constant_buffers; lavapipe 22.3: 15, its
 * 16th gallium slot holds push constants).  Binding a slot past that is
 * an error. */
#define SVGA_RENDER_MAX_CBS 16
#define SVGA_RENDER_MIN_CBS 14
#define SVGA_RENDER_MAX_SAMPLERS 16
#define SVGA_RENDER_MAX_SRVS 128   /* D3D's SRV slots */
/* What is bound of them: Vulkan counts sampled images and texel buffers
 * together (lavapipe: 128 per stage), so image views in slots 0-95 and
 * buffer views (texel buffers) in slots 0-31: GL 4.3 needs 32 sampler
 * views per stage, Mesa's svga below GL 4.3 16. */
#define SVGA_RENDER_MAX_IMAGE_SRVS 96
#define SVGA_RENDER_MAX_BUFFER_SRVS 32

#define SVGA_RENDER_BINDING_CB(slot) (slot)
#define SVGA_RENDER_BINDING_SAMPLER(slot) (16 + (slot))
#define SVGA_RENDER_BINDING_SRV(slot) (32 + (slot))
#define SVGA_RENDER_BINDING_BUFFER_SRV(slot) (128 + (slot))

enum svga_render_stage {
	SVGA_RENDER_STAGE_VS = 0,
	SVGA_RENDER_STAGE_GS = 1,
	SVGA_RENDER_STAGE_PS = 2,
	SVGA_RENDER_NUM_STAGES = 3,
};

/* ---- device ------------------------------------------------------------ */

struct svga_render_config {
	/* physical device: decimal index, or a substring of its name;
	 * NULL or "" = the first one with every required feature */
	const char *device;
	/* bound on device memory for images, buffers and staging (bytes) */
	uint64_t max_memory;
	/* bound on the number of cached pipelines (0 = 256) */
	uint32_t max_pipelines;
	/* readbacks always through a staging buffer, never into imported
	 * host memory (tests of the staging path) */
	bool no_host_import;
};

/* Creates the renderer; on failure *out is NULL and err says why (no
 * Vulkan loader, no device, or the device's name and the missing feature).
 * Returns 1 (not -1) when no Vulkan physical device exists at all, so that
 * tests can skip. */
int svga_render_new(const struct svga_render_config *cfg,
		    struct svga_render **out, char *err, size_t errlen);
void svga_render_free(struct svga_render *r);
const char *svga_render_device_name(const struct svga_render *r);
const char *svga_render_last_error(const struct svga_render *r);

struct svga_render_stats {
	uint64_t memory_used;
	uint64_t pipeline_creations;
	uint64_t pipeline_cache_hits;
	uint64_t pipeline_evictions;
	uint64_t pipelines_cached;
	uint64_t submits;
	uint64_t draws;
	uint64_t views;          /* image and buffer views cached now */
	/* readbacks whose GPU copy wrote host memory directly */
	uint64_t readback_imports;
	/* bytes of the staging buffer kept between readbacks (0: none) */
	uint64_t kept_staging_bytes;
};
void svga_render_get_stats(const struct svga_render *r,
			   struct svga_render_stats *st);

/* The clock that pipeline creation, uploads, readbacks and GPU waits
 * are charged to (svga_phase.h); NULL: none.  It outlives r. */
struct svga_phase_clock;
void svga_render_set_phase_clock(struct svga_render *r,
				 struct svga_phase_clock *pc);

/* Submits recorded work and waits for it. */
int svga_render_flush(struct svga_render *r);

/* ---- formats ------------------------------------------------------------ */

enum svga_render_format_cap {
	SVGA_RENDER_FMT_SAMPLE = 1u << 0,
	SVGA_RENDER_FMT_RENDER = 1u << 1,     /* color render target */
	SVGA_RENDER_FMT_BLEND = 1u << 2,
	SVGA_RENDER_FMT_DEPTH = 1u << 3,      /* depth-stencil target */
	SVGA_RENDER_FMT_VERTEX = 1u << 4,     /* vertex attribute */
	SVGA_RENDER_FMT_TRANSFER = 1u << 5,   /* upload/readback/copy */
};

/* What this renderer's device can do with an SVGA format (0: nothing).
 * When 0 or partial, *why (if not NULL) says what is missing. */
uint32_t svga_render_format_caps(const struct svga_render *r,
				 uint32_t svga_format, const char **why);
/* Whether an image of the format can be a depth-stencil target: a depth
 * format, or a typeless one with a depth meaning (R16_TYPELESS as
 * D16_UNORM), judged by the Vulkan format such an image is made in. */
bool svga_render_format_can_be_depth(const struct svga_render *r,
				     uint32_t svga_format);
/* The SVGA3D_DXFMT_* flags (svga3d_devcaps.h) this device can back for a
 * format: what SVGA3D_DEVCAP_DXFMT_<format> may truthfully advertise. */
uint32_t svga_render_dxfmt_caps(const struct svga_render *r,
				uint32_t svga_format);
/* The device's limits that devcaps advertise (SVGA3D_DEVCAP_MAX_*): what
 * images the renderer can create, how many targets a draw can have. */
struct svga_render_limits {
	uint32_t max_image_2d;          /* width/height of 1D/2D/cube images */
	uint32_t max_image_3d;          /* any extent of a 3D image          */
	uint32_t max_array_layers;
	uint32_t max_color_targets;     /* simultaneous render targets       */
	uint32_t max_anisotropy;        /* sampler anisotropy (whole)        */
	uint32_t max_vertex_buffers;    /* vertex input bindings             */
	uint32_t max_constant_buffers;  /* CB slots backed per stage (0..n-1) */
	float max_point_size;
	uint32_t max_so_stride;         /* stream-output buffer stride, bytes */
	uint32_t sample_counts;         /* bit n: 2^n samples for color+depth
					 * targets (bit 0: 1 sample)         */
};
void svga_render_get_limits(const struct svga_render *r,
			    struct svga_render_limits *l);
/* Static table: whether the format has a Vulkan equivalent at all, and
 * the reason when it has not (NULL when it has). */
const char *svga_render_format_unsupported_reason(uint32_t svga_format);

/* ---- images ------------------------------------------------------------- */

enum svga_render_usage {
	SVGA_RENDER_USAGE_SAMPLED = 1u << 0,
	SVGA_RENDER_USAGE_RENDER_TARGET = 1u << 1,
	SVGA_RENDER_USAGE_DEPTH_STENCIL = 1u << 2,
	SVGA_RENDER_USAGE_CUBE = 1u << 3,   /* layers are cube faces (x6) */
	SVGA_RENDER_USAGE_1D = 1u << 4,     /* height 1: a 1D image */
};

struct svga_render_image_desc {
	uint32_t format;        /* SVGA3dSurfaceFormat */
	uint32_t width, height, depth;  /* depth > 1: a 3D image */
	uint32_t mips;
	uint32_t layers;        /* faces * array size */
	uint32_t samples;       /* 1 or 4 */
	uint32_t usage;         /* enum svga_render_usage */
};

struct svga_render_box {
	uint32_t x, y, z, w, h, d;
};

struct svga_render_rect {
	int32_t x, y;
	uint32_t w, h;
};

/* A subresource range of an image, for views and clears. */
struct svga_render_view {
	uint32_t mip;
	uint32_t layer, layers;
};

int svga_render_image_new(struct svga_render *r,
			  const struct svga_render_image_desc *desc,
			  struct svga_render_image **out);
void svga_render_image_free(struct svga_render *r,
			    struct svga_render_image *img);

/* Copies a box of (mip, layer) from/to host memory.  For block-compressed
 * formats the box is in texels and must be block aligned (or reach the
 * edge of the mip); the pitches are per row of blocks. */
int svga_render_image_upload(struct svga_render *r,
			     struct svga_render_image *img, uint32_t mip,
			     uint32_t layer, const struct svga_render_box *box,
			     const void *data, uint32_t row_pitch,
			     uint32_t slice_pitch);
int svga_render_image_readback(struct svga_render *r,
			       struct svga_render_image *img, uint32_t mip,
			       uint32_t layer,
			       const struct svga_render_box *box, void *data,
			       uint32_t row_pitch, uint32_t slice_pitch);
/* Copies src's box of (src_mip, src_layer) to (dx, dy, dz) of
 * (dst_mip, dst_layer); the formats must have the same block size. */
int svga_render_image_copy(struct svga_render *r,
			   struct svga_render_image *dst, uint32_t dst_mip,
			   uint32_t dst_layer, uint32_t dx, uint32_t dy,
			   uint32_t dz, struct svga_render_image *src,
			   uint32_t src_mip, uint32_t src_layer,
			   const struct svga_render_box *box);

/* Scaled copy of src's box to dst's box (PRESENTBLT, blits), each of one
 * mip and layer; linear or nearest filtering.  Boxes are corners
 * (x0,y0,z0)-(x1,y1,z1); x1 < x0 (or y, z) mirrors. */
struct svga_render_blit_box {
	int32_t x0, y0, z0, x1, y1, z1;
};
int svga_render_image_blit(struct svga_render *r,
			   struct svga_render_image *dst, uint32_t dst_mip,
			   uint32_t dst_layer,
			   const struct svga_render_blit_box *dst_box,
			   struct svga_render_image *src, uint32_t src_mip,
			   uint32_t src_layer,
			   const struct svga_render_blit_box *src_box,
			   int linear);
/* GENMIPS: each mip after view->mip from the one before (box filter),
 * for the view's layers. */
int svga_render_image_gen_mips(struct svga_render *r,
			       struct svga_render_image *img,
			       const struct svga_render_view *view);
/* Resolves a multisampled subresource into a single-sampled one. */
int svga_render_image_resolve(struct svga_render *r,
			      struct svga_render_image *dst, uint32_t dst_mip,
			      uint32_t dst_layer,
			      struct svga_render_image *src, uint32_t src_layer);

/* Raw clear value: interpreted as float, uint or sint by the format. */
union svga_render_color {
	float f[4];
	uint32_t u[4];
	int32_t i[4];
};

/* rect NULL: the whole mip. */
int svga_render_clear_color(struct svga_render *r,
			    struct svga_render_image *img,
			    const struct svga_render_view *view,
			    const struct svga_render_rect *rect,
			    const union svga_render_color *color);

enum svga_render_clear_flags {
	SVGA_RENDER_CLEAR_DEPTH = 1u << 0,
	SVGA_RENDER_CLEAR_STENCIL = 1u << 1,
};
int svga_render_clear_depth_stencil(struct svga_render *r,
				    struct svga_render_image *img,
				    const struct svga_render_view *view,
				    const struct svga_render_rect *rect,
				    uint32_t flags, float depth,
				    uint8_t stencil);

/* ---- buffers ------------------------------------------------------------ */

enum svga_render_buffer_usage {
	SVGA_RENDER_BUF_VERTEX = 1u << 0,
	SVGA_RENDER_BUF_INDEX = 1u << 1,
	SVGA_RENDER_BUF_CONSTANT = 1u << 2,
	SVGA_RENDER_BUF_STREAM_OUTPUT = 1u << 3,
	SVGA_RENDER_BUF_SAMPLED = 1u << 4,    /* shader resource (texel) */
};

int svga_render_buffer_new(struct svga_render *r, uint64_t size,
			   uint32_t usage, struct svga_render_buffer **out);
void svga_render_buffer_free(struct svga_render *r,
			     struct svga_render_buffer *buf);
int svga_render_buffer_upload(struct svga_render *r,
			      struct svga_render_buffer *buf, uint64_t offset,
			      uint64_t size, const void *data);
int svga_render_buffer_readback(struct svga_render *r,
				struct svga_render_buffer *buf,
				uint64_t offset, uint64_t size, void *data);

/* ---- shaders and samplers ------------------------------------------------ */

/* SPIR-V (words, entry point "main"); size in bytes. */
int svga_render_shader_new(struct svga_render *r, enum svga_render_stage stage,
			   const uint32_t *spirv, size_t size,
			   struct svga_render_shader **out);
void svga_render_shader_free(struct svga_render *r,
			     struct svga_render_shader *sh);

/* Enumerations below use Vulkan's numeric values (checked at build time
 * in the renderer), so the core can fill them without Vulkan headers. */
enum svga_render_filter { SVGA_RENDER_FILTER_NEAREST = 0,
			  SVGA_RENDER_FILTER_LINEAR = 1 };
enum svga_render_address {
	SVGA_RENDER_ADDRESS_WRAP = 0,
	SVGA_RENDER_ADDRESS_MIRROR = 1,
	SVGA_RENDER_ADDRESS_CLAMP = 2,
	SVGA_RENDER_ADDRESS_BORDER = 3,
	SVGA_RENDER_ADDRESS_MIRROR_ONCE = 4,
};
enum svga_render_compare {
	SVGA_RENDER_CMP_NEVER = 0, SVGA_RENDER_CMP_LESS = 1,
	SVGA_RENDER_CMP_EQUAL = 2, SVGA_RENDER_CMP_LESS_EQUAL = 3,
	SVGA_RENDER_CMP_GREATER = 4, SVGA_RENDER_CMP_NOT_EQUAL = 5,
	SVGA_RENDER_CMP_GREATER_EQUAL = 6, SVGA_RENDER_CMP_ALWAYS = 7,
};

struct svga_render_sampler_desc {
	uint8_t min_filter, mag_filter, mip_filter;  /* svga_render_filter */
	uint8_t address_u, address_v, address_w;     /* svga_render_address */
	uint8_t compare_enable, compare_op;          /* svga_render_compare */
	uint32_t max_anisotropy;                     /* 0/1: off */
	float mip_lod_bias, min_lod, max_lod;
	float border_color[4];
};
int svga_render_sampler_new(struct svga_render *r,
			    const struct svga_render_sampler_desc *desc,
			    struct svga_render_sampler **out);
void svga_render_sampler_free(struct svga_render *r,
			      struct svga_render_sampler *s);

/* ---- pipeline state ------------------------------------------------------ */

enum svga_render_topology {
	SVGA_RENDER_TOPO_POINT_LIST = 0,
	SVGA_RENDER_TOPO_LINE_LIST = 1,
	SVGA_RENDER_TOPO_LINE_STRIP = 2,
	SVGA_RENDER_TOPO_TRIANGLE_LIST = 3,
	SVGA_RENDER_TOPO_TRIANGLE_STRIP = 4,
	SVGA_RENDER_TOPO_TRIANGLE_FAN = 5,
	SVGA_RENDER_TOPO_LINE_LIST_ADJ = 6,
	SVGA_RENDER_TOPO_LINE_STRIP_ADJ = 7,
	SVGA_RENDER_TOPO_TRIANGLE_LIST_ADJ = 8,
	SVGA_RENDER_TOPO_TRIANGLE_STRIP_ADJ = 9,
};
enum svga_render_fill { SVGA_RENDER_FILL_SOLID = 0,
			SVGA_RENDER_FILL_WIREFRAME = 1 };
enum svga_render_cull { SVGA_RENDER_CULL_NONE = 0,
			SVGA_RENDER_CULL_FRONT = 1,
			SVGA_RENDER_CULL_BACK = 2 };
enum svga_render_blend_factor {
	SVGA_RENDER_BF_ZERO = 0, SVGA_RENDER_BF_ONE = 1,
	SVGA_RENDER_BF_SRC_COLOR = 2, SVGA_RENDER_BF_INV_SRC_COLOR = 3,
	SVGA_RENDER_BF_DST_COLOR = 4, SVGA_RENDER_BF_INV_DST_COLOR = 5,
	SVGA_RENDER_BF_SRC_ALPHA = 6, SVGA_RENDER_BF_INV_SRC_ALPHA = 7,
	SVGA_RENDER_BF_DST_ALPHA = 8, SVGA_RENDER_BF_INV_DST_ALPHA = 9,
	SVGA_RENDER_BF_CONST_COLOR = 10, SVGA_RENDER_BF_INV_CONST_COLOR = 11,
	SVGA_RENDER_BF_CONST_ALPHA = 12, SVGA_RENDER_BF_INV_CONST_ALPHA = 13,
	SVGA_RENDER_BF_SRC_ALPHA_SAT = 14,
	SVGA_RENDER_BF_SRC1_COLOR = 15, SVGA_RENDER_BF_INV_SRC1_COLOR = 16,
	SVGA_RENDER_BF_SRC1_ALPHA = 17, SVGA_RENDER_BF_INV_SRC1_ALPHA = 18,
};
enum svga_render_blend_op {
	SVGA_RENDER_BOP_ADD = 0, SVGA_RENDER_BOP_SUBTRACT = 1,
	SVGA_RENDER_BOP_REV_SUBTRACT = 2, SVGA_RENDER_BOP_MIN = 3,
	SVGA_RENDER_BOP_MAX = 4,
};
enum svga_render_stencil_op {
	SVGA_RENDER_SOP_KEEP = 0, SVGA_RENDER_SOP_ZERO = 1,
	SVGA_RENDER_SOP_REPLACE = 2, SVGA_RENDER_SOP_INCR_SAT = 3,
	SVGA_RENDER_SOP_DECR_SAT = 4, SVGA_RENDER_SOP_INVERT = 5,
	SVGA_RENDER_SOP_INCR = 6, SVGA_RENDER_SOP_DECR = 7,
};

/* All fields are fixed-width and laid out without padding: the pipeline
 * cache hashes and compares the bytes.  Start from
 * svga_render_pipeline_desc_init(). */
struct svga_render_blend_rt {
	uint8_t enable;
	uint8_t src, dst, op;          /* color */
	uint8_t src_a, dst_a, op_a;    /* alpha */
	uint8_t write_mask;            /* bit 0 R .. bit 3 A */
};

struct svga_render_stencil_face {
	uint8_t fail_op, depth_fail_op, pass_op, func;
};

struct svga_render_vertex_element {
	uint32_t location;   /* shader input location */
	uint32_t binding;    /* vertex buffer slot */
	uint32_t format;     /* SVGA3dSurfaceFormat */
	uint32_t offset;
};

struct svga_render_vertex_binding {
	uint32_t per_instance;   /* 0: per vertex */
	uint32_t divisor;        /* instances per element (per_instance) */
};

struct svga_render_pipeline_desc {
	struct svga_render_shader *shaders[SVGA_RENDER_NUM_STAGES];
	uint32_t topology;
	/* input layout */
	uint32_t num_elements;
	struct svga_render_vertex_element elements[SVGA_RENDER_MAX_ELEMENTS];
	struct svga_render_vertex_binding bindings[SVGA_RENDER_MAX_VBUFS];
	/* rasterizer */
	uint8_t fill, cull, front_ccw, depth_clip_enable;
	uint8_t rasterizer_discard, provoking_last, primitive_restart, pad0;
	int32_t depth_bias;            /* in units of the depth format's r */
	float depth_bias_clamp, slope_scaled_depth_bias;
	/* depth-stencil */
	uint8_t depth_enable, depth_write, depth_func, stencil_enable;
	uint8_t stencil_read_mask, stencil_write_mask, pad1[2];
	struct svga_render_stencil_face front, back;
	/* blend */
	uint8_t alpha_to_coverage, pad2[3];
	struct svga_render_blend_rt blend[SVGA_RENDER_MAX_RTS];
	/* targets */
	uint32_t num_rts;
	uint32_t rt_formats[SVGA_RENDER_MAX_RTS];   /* 0: no target */
	uint32_t ds_format;                         /* 0: none */
	uint32_t samples, sample_mask;
};

/* Defaults of D3D10: solid, back-face culling off, depth clip on, depth
 * test less with writes, no stencil, blend off with all channels written,
 * triangle list, 1 sample. */
void svga_render_pipeline_desc_init(struct svga_render_pipeline_desc *d);

/* ---- draws ----------------------------------------------------------------- */

struct svga_render_viewport {
	float x, y, w, h, min_depth, max_depth;
};

struct svga_render_vbuf {
	struct svga_render_buffer *buffer;   /* NULL: unbound (reads 0) */
	uint64_t offset;
	uint32_t stride, pad;
};

struct svga_render_cb {
	struct svga_render_buffer *buffer;   /* NULL: unbound */
	uint64_t offset, size;
};

/* SRV dimensions (Vulkan's VkImageViewType values); the shader's image
 * declaration must match (Texture2D: 2D, Texture2DArray: 2D_ARRAY...). */
enum svga_render_view_type {
	SVGA_RENDER_VIEW_1D = 0, SVGA_RENDER_VIEW_2D = 1,
	SVGA_RENDER_VIEW_3D = 2, SVGA_RENDER_VIEW_CUBE = 3,
	SVGA_RENDER_VIEW_1D_ARRAY = 4, SVGA_RENDER_VIEW_2D_ARRAY = 5,
	SVGA_RENDER_VIEW_CUBE_ARRAY = 6,
};

/* An SRV of an image, or (image NULL, buffer set) of a buffer: then
 * format is the element format (required) and the view covers
 * num_elements elements from first_element (slot below
 * SVGA_RENDER_MAX_BUFFER_SRVS; the shader declares a Buffer). */
struct svga_render_srv {
	struct svga_render_image *image;     /* NULL: unbound */
	uint32_t format;     /* view format (same block size); 0: image's */
	uint32_t view_type;  /* enum svga_render_view_type */
	uint32_t mip, mips, layer, layers;
	struct svga_render_buffer *buffer;   /* buffer SRV (image NULL) */
	uint32_t first_element, num_elements;
};

/* Stream-output target.  The buffer keeps D3D's filled size: offset is
 * where the next draw starts writing, or SVGA_RENDER_SO_APPEND to go on
 * after what earlier draws wrote (what D3D does after SOSetTargets). */
#define SVGA_RENDER_MAX_SO 4
#define SVGA_RENDER_SO_APPEND UINT64_MAX
struct svga_render_so {
	struct svga_render_buffer *buffer;   /* NULL: unbound */
	uint64_t offset;
	uint64_t end;        /* writes stop here (bytes); 0: the buffer's end */
};

struct svga_render_stage_bindings {
	struct svga_render_cb cb[SVGA_RENDER_MAX_CBS];
	struct svga_render_sampler *sampler[SVGA_RENDER_MAX_SAMPLERS];
	struct svga_render_srv srv[SVGA_RENDER_MAX_SRVS];
};

struct svga_render_draw {
	const struct svga_render_pipeline_desc *pipeline;
	struct svga_render_image *rt[SVGA_RENDER_MAX_RTS];
	struct svga_render_view rt_view[SVGA_RENDER_MAX_RTS];
	struct svga_render_image *ds;
	struct svga_render_view ds_view;
	uint32_t num_viewports;
	struct svga_render_viewport viewports[SVGA_RENDER_MAX_VIEWPORTS];
	uint32_t scissor_enable;
	struct svga_render_rect scissors[SVGA_RENDER_MAX_VIEWPORTS];
	struct svga_render_vbuf vbufs[SVGA_RENDER_MAX_VBUFS];
	struct svga_render_buffer *index_buffer;
	uint64_t index_offset;
	uint32_t index_size;                 /* 2 or 4 */
	struct svga_render_stage_bindings stage[SVGA_RENDER_NUM_STAGES];
	float blend_factor[4];
	uint32_t stencil_ref;
	/* D3D predication: with an ended occlusion query, the draw is
	 * skipped when (samples passed != 0) equals predicate_value */
	struct svga_render_query *predicate;
	uint32_t predicate_value;
	/* stream output (the shader declares what it writes, SPIR-V Xfb) */
	struct svga_render_so so[SVGA_RENDER_MAX_SO];
	/* what to draw */
	uint32_t draw_auto;         /* D3D DrawAuto: vertex count from what
				     * stream output wrote to vbufs[0] */
	uint32_t indexed;
	uint32_t count;             /* vertices or indices */
	uint32_t instances;         /* 0 counts as 1 */
	uint32_t first;             /* first vertex or first index */
	int32_t base_vertex;        /* indexed only */
	uint32_t first_instance;
};

int svga_render_draw(struct svga_render *r, const struct svga_render_draw *d);

/* ---- queries --------------------------------------------------------------- */

struct svga_render_query;

enum svga_render_query_type {
	/* 1 value: samples that passed (exact); also for predicates */
	SVGA_RENDER_QUERY_OCCLUSION = 0,
	/* 1 value: GPU time in ns, written by _end */
	SVGA_RENDER_QUERY_TIMESTAMP = 1,
	/* 2 values: primitives written, primitives needed (stream 0);
	 * written < needed means the stream-output buffers overflowed */
	SVGA_RENDER_QUERY_SO_STATISTICS = 2,
	/* 11 values in D3D's order: IA vertices, IA primitives, VS, GS
	 * invocations, GS primitives, clipper invocations and primitives,
	 * PS, HS, DS, CS invocations (needs pipelineStatisticsQuery) */
	SVGA_RENDER_QUERY_PIPELINE_STATISTICS = 3,
};
#define SVGA_RENDER_QUERY_MAX_VALUES 11

int svga_render_query_new(struct svga_render *r,
			  enum svga_render_query_type type,
			  struct svga_render_query **out);
void svga_render_query_free(struct svga_render *r,
			    struct svga_render_query *q);
/* Begin restarts the count; timestamps take no begin. */
int svga_render_query_begin(struct svga_render *r, struct svga_render_query *q);
int svga_render_query_end(struct svga_render *r, struct svga_render_query *q);
/* After _end: submits what is recorded if needed and returns the values
 * (*count of them). */
int svga_render_query_result(struct svga_render *r,
			     struct svga_render_query *q,
			     uint64_t values[SVGA_RENDER_QUERY_MAX_VALUES],
			     unsigned *count);

#endif
