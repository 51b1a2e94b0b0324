/* SPDX-License-Identifier: MIT */
/*
 * Thin wrappers around the vmwgfx uAPI for the in-guest test programs:
 * open the render node, query parameters, create and map GB surfaces,
 * submit SVGA3D command streams, wait for fences.  Every function returns
 * 0 or a negative errno, so callers can test bad input precisely.
 */
#ifndef VMW_UAPI_H
#define VMW_UAPI_H

#include <stddef.h>
#include <stdint.h>

#include <drm/vmwgfx_drm.h>

#define VMW_INVALID_ID 0xffffffffu

struct vmw_surface {
	uint32_t handle;        /* surface handle (sid in commands)     */
	uint32_t buffer_handle; /* backing buffer                      */
	uint32_t buffer_size;   /* bytes of the backing buffer         */
	uint32_t backup_size;   /* bytes the surface's layout needs    */
	uint64_t map_handle;    /* mmap offset of the backing buffer   */
};

struct vmw_surface_desc {
	uint32_t format;        /* SVGA3dSurfaceFormat                 */
	uint64_t svga3d_flags;  /* SVGA3D_SURFACE_*                    */
	uint32_t width, height, depth;
	uint32_t mip_levels;
	uint32_t array_size;    /* 0 = not an array                    */
	uint32_t multisample_count;
	uint32_t drm_flags;     /* drm_vmw_surface_flag_*              */
	uint32_t buffer_handle; /* VMW_INVALID_ID: create a new buffer */
};

int vmw_open_render_node(void);
int vmw_get_param(int fd, uint32_t param, uint64_t *value);
int vmw_surface_create(int fd, const struct vmw_surface_desc *desc,
		       struct vmw_surface *out);
int vmw_surface_destroy(int fd, uint32_t handle);
/* A DX context (drm_vmw_context_dx): pass *cid as execbuf context for DX
 * commands; the kernel then manages its cotables. */
int vmw_dx_context_create(int fd, uint32_t *cid);
int vmw_context_destroy(int fd, uint32_t cid);
int vmw_buffer_close(int fd, uint32_t handle);
/* A plain buffer object (DRM_VMW_ALLOC_BO), e.g. to hold shader code. */
int vmw_buffer_create(int fd, uint32_t size, uint32_t *handle,
		      uint64_t *map_handle);
/* Map size bytes of a buffer; returns NULL and sets errno on failure. */
void *vmw_map(int fd, uint64_t map_handle, size_t size);
/* Submit cmds (SVGA3D command stream); *fence gets a fence handle. */
int vmw_execbuf(int fd, uint32_t context, const void *cmds, uint32_t size,
		uint32_t *fence);
int vmw_fence_wait(int fd, uint32_t fence, uint64_t timeout_us);
/* execbuf + wait, for the common synchronous case. */
int vmw_submit_and_wait(int fd, uint32_t context, const void *cmds,
			uint32_t size);

#endif
