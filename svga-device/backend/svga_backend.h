/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga: the renderer glue.  Connects the device core (its DX draw
 * hook and its surfaces' host storage) to the Vulkan renderer (render/)
 * and the shader translator (shader/ + vkd3d-shader).  Built only with
 * both; the core and its tests and fuzzers never need it.
 *
 * Files, one job each:
 *   backend.c          attach/detach, the hook tables, statistics
 *   backend_caps.c     devcaps narrowed to the renderer's formats/limits
 *   backend_blit.c     DX_PRESENTBLT on the GPU copies
 *   backend_surface.c  each surface's GPU copy and the rule deciding which
 *                      copy (host storage or GPU) is the newest
 *   backend_shader.c   guest shader -> DXBC -> SPIR-V -> render shader,
 *                      cached per (bytecode hash, key), bounded
 *   backend_draw.c     a validated draw snapshot -> the renderer's
 *                      pipeline and draw structs
 */
#ifndef SVGA_BACKEND_H
#define SVGA_BACKEND_H

#include <stddef.h>
#include <stdint.h>

struct svga_dev;
struct svga_backend;

struct svga_backend_config {
	const char *device;         /* Vulkan physical device (index or name
				     * substring); NULL/"": first usable */
	uint64_t max_memory;        /* device memory budget (0: 1 GiB)     */
	uint32_t max_pipelines;     /* 0: the renderer's default           */
	uint32_t max_shader_variants; /* 0: 512                          */
};

struct svga_backend_stats {
	uint64_t draws;               /* draws executed on the GPU         */
	uint64_t samplers;            /* Vulkan samplers cached now        */
	uint64_t views;               /* image and buffer views cached now */
	uint64_t translations;        /* VGPU10 -> SPIR-V variants made    */
	uint64_t translation_failures;
	uint64_t shader_cache_hits;
	uint64_t shader_evictions;
	uint64_t images, buffers;     /* GPU copies created                */
	uint64_t upload_bytes;        /* host storage -> GPU               */
	uint64_t readback_bytes;      /* GPU -> host storage               */
	uint64_t queries;             /* renderer queries live now         */
	/* the renderer's (svga_render_stats) */
	uint64_t pipeline_creations, pipeline_cache_hits, pipeline_evictions;
	uint64_t pipelines_cached, submits, memory_used;
};

/*
 * Starts the renderer and attaches it to dev (its draw hook and its
 * surfaces' storage hooks) and installs devcaps narrowed to what the
 * Vulkan device can back (backend_caps.c): call it before the guest's
 * first register access.  Returns 0; 1 when no Vulkan device exists at
 * all; -1 when the renderer cannot start (err says why: the device and
 * the missing feature) or the guest has already read the devcaps.
 */
int svga_backend_attach(struct svga_dev *dev,
			const struct svga_backend_config *cfg,
			struct svga_backend **out, char *err, size_t errlen);
/* Detaches from dev and frees every GPU object; call before the device's
 * surfaces are destroyed or after, either works. */
void svga_backend_detach(struct svga_backend *b);
void svga_backend_get_stats(const struct svga_backend *b,
			    struct svga_backend_stats *st);
const char *svga_backend_device_name(const struct svga_backend *b);
/* Clears run on the GPU copies (backend_clear.c).  A function, not a
 * field of svga_backend_stats: QEMU's adapter keeps that struct on its
 * stack, and an object built against an older layout must not overrun. */
uint64_t svga_backend_gpu_clears(const struct svga_backend *b);
/* Time per phase (enum svga_phase, svga_phase.h) in ns since the device's
 * clock was enabled (svga_phase_enable on svga_dev_phase_clock); zeros
 * while it is off.  out has SVGA_PHASE_NUM entries. */
void svga_backend_phase_ns(const struct svga_backend *b, uint64_t *out);

#endif
