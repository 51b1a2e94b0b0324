/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small Vulkan compute runner for host tests: one device and queue, a
 * SPIR-V compute shader (or a vertex, geometry, fragment pipeline that
 * draws without attachments), storage buffers at set 0, bindings 0..n-1
 * whose contents go in before the work and come back after it, and
 * optionally a 2D texture with its sampler after them
 * (vk_compute_bind_texture).  Shaders
 * report results by writing the buffers.  On GPU-less machines the device
 * is lavapipe (mesa-vulkan-drivers).
 */
#ifndef VK_COMPUTE_H
#define VK_COMPUTE_H

#include <stddef.h>
#include <stdint.h>

struct vk_compute;

/* One storage buffer: data is uploaded before and overwritten after a run. */
struct vk_compute_buffer {
	void *data;
	size_t size;
};

/*
 * Opens a Vulkan device with a compute queue: the first physical device,
 * or the first whose name contains $VK_COMPUTE_DEVICE.  NULL on failure,
 * with the reason in err.
 */
struct vk_compute *vk_compute_open(char *err, size_t err_size);
void vk_compute_close(struct vk_compute *vc);
const char *vk_compute_device_name(const struct vk_compute *vc);

/*
 * Runs the shader's entry point over groups_x * groups_y * groups_z
 * workgroups.  Returns 0, or -1 with the failing Vulkan call in err.
 */
int vk_compute_run(struct vk_compute *vc, const void *spirv, size_t spirv_size,
		   const char *entry, struct vk_compute_buffer *buffers, unsigned count,
		   uint32_t groups_x, uint32_t groups_y, uint32_t groups_z,
		   char *err, size_t err_size);

/* SPIR-V of one stage; code NULL for an absent optional stage. */
struct vk_compute_shader {
	const void *code;
	size_t size;
};

/*
 * Draws vertex_count vertices as a triangle list without vertex buffers
 * into a width x height framebuffer without attachments: vertex shader,
 * optional geometry shader, fragment shader (entry points "main"); the
 * buffers are visible to every stage.  Returns 0, or -1 with err.
 */
int vk_compute_draw(struct vk_compute *vc, const struct vk_compute_shader *vs,
		    const struct vk_compute_shader *gs, const struct vk_compute_shader *fs,
		    struct vk_compute_buffer *buffers, unsigned count, uint32_t vertex_count,
		    uint32_t width, uint32_t height, char *err, size_t err_size);

/*
 * A 2D texture with its mip levels and a sampler, bound to every later
 * vk_compute_run/vk_compute_draw after the buffers: the sampled image at
 * binding `count`, the sampler at binding `count + 1` (count: the number
 * of buffers).  texels: level 0, then each smaller level (max(1, w >> k)
 * x max(1, h >> k)), rows tightly packed; four floats (RGBA32F) a texel,
 * or one (D32_SFLOAT) for a depth texture, whose sampler compares
 * (reference <= texel: 1.0, else 0.0).  Addressing clamps to the edge.
 * The caller keeps texels alive while it is bound.
 */
struct vk_compute_texture {
	uint32_t width, height, levels;
	const float *texels;
	int depth;     /* D32_SFLOAT with a comparison sampler, else RGBA32F */
	int linear;    /* linear filtering between texels and levels, else nearest */
	/* 4: a multisampled RGBA32F texture of one level (a 2D view of a
	 * 4-sample image; texels unused), whose samples are drawn before
	 * each run by fill_vs and fill_fs (3 vertices, sample-rate shading,
	 * a width x height target); 0 or 1: single-sampled */
	uint32_t samples;
	struct vk_compute_shader fill_vs, fill_fs;
};

/* Binds tex to the runs that follow (copied, not its texels); NULL unbinds. */
void vk_compute_bind_texture(struct vk_compute *vc, const struct vk_compute_texture *tex);

#endif
