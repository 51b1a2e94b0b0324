// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "vmw_uapi.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static int drm_cmd(int fd, unsigned long request, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, request, arg);
	} while (ret == -1 && (errno == EINTR || errno == EAGAIN));
	return ret ? -errno : 0;
}

#define VMW_IOWR(nr, type) DRM_IOWR(DRM_COMMAND_BASE + (nr), type)
#define VMW_IOW(nr, type) DRM_IOW(DRM_COMMAND_BASE + (nr), type)

int vmw_open_render_node(void)
{
	int fd = open("/dev/dri/renderD128", O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int vmw_get_param(int fd, uint32_t param, uint64_t *value)
{
	struct drm_vmw_getparam_arg arg = { .param = param };
	int ret = drm_cmd(fd, VMW_IOWR(DRM_VMW_GET_PARAM, struct drm_vmw_getparam_arg), &arg);

	if (!ret)
		*value = arg.value;
	return ret;
}

int vmw_surface_create(int fd, const struct vmw_surface_desc *d,
		       struct vmw_surface *out)
{
	union drm_vmw_gb_surface_create_ext_arg arg;
	struct drm_vmw_gb_surface_create_ext_req *req = &arg.req;
	int ret;

	memset(&arg, 0, sizeof(arg));
	req->base.svga3d_flags = (uint32_t)d->svga3d_flags;
	req->svga3d_flags_upper_32_bits = (uint32_t)(d->svga3d_flags >> 32);
	req->base.format = d->format;
	req->base.mip_levels = d->mip_levels;
	req->base.drm_surface_flags = d->drm_flags;
	req->base.multisample_count = d->multisample_count;
	req->base.buffer_handle = d->buffer_handle;
	req->base.array_size = d->array_size;
	req->base.base_size.width = d->width;
	req->base.base_size.height = d->height;
	req->base.base_size.depth = d->depth;
	req->version = drm_vmw_gb_surface_v1;
	ret = drm_cmd(fd, VMW_IOWR(DRM_VMW_GB_SURFACE_CREATE_EXT,
				   union drm_vmw_gb_surface_create_ext_arg), &arg);
	if (ret)
		return ret;
	out->handle = arg.rep.handle;
	out->buffer_handle = arg.rep.buffer_handle;
	out->buffer_size = arg.rep.buffer_size;
	out->backup_size = arg.rep.backup_size;
	out->map_handle = arg.rep.buffer_map_handle;
	return 0;
}

int vmw_surface_destroy(int fd, uint32_t handle)
{
	struct drm_vmw_surface_arg arg = { .sid = (int32_t)handle };

	return drm_cmd(fd, VMW_IOW(DRM_VMW_UNREF_SURFACE, struct drm_vmw_surface_arg), &arg);
}

int vmw_dx_context_create(int fd, uint32_t *cid)
{
	union drm_vmw_extended_context_arg arg;
	int ret;

	memset(&arg, 0, sizeof(arg));
	arg.req = drm_vmw_context_dx;
	ret = drm_cmd(fd, VMW_IOWR(DRM_VMW_CREATE_EXTENDED_CONTEXT,
				   union drm_vmw_extended_context_arg), &arg);
	if (!ret)
		*cid = (uint32_t)arg.rep.cid;
	return ret;
}

int vmw_context_destroy(int fd, uint32_t cid)
{
	struct drm_vmw_context_arg arg = { .cid = (int32_t)cid };

	return drm_cmd(fd, VMW_IOW(DRM_VMW_UNREF_CONTEXT, struct drm_vmw_context_arg), &arg);
}

int vmw_buffer_close(int fd, uint32_t handle)
{
	struct drm_vmw_handle_close_arg arg = { .handle = handle };

	return drm_cmd(fd, VMW_IOW(DRM_VMW_HANDLE_CLOSE, struct drm_vmw_handle_close_arg), &arg);
}

void *vmw_map(int fd, uint64_t map_handle, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		       (off_t)map_handle);

	return p == MAP_FAILED ? NULL : p;
}

int vmw_execbuf(int fd, uint32_t context, const void *cmds, uint32_t size,
		uint32_t *fence)
{
	struct drm_vmw_fence_rep rep;
	struct drm_vmw_execbuf_arg arg;
	int ret;

	memset(&rep, 0, sizeof(rep));
	memset(&arg, 0, sizeof(arg));
	rep.error = -EFAULT;
	arg.commands = (uintptr_t)cmds;
	arg.command_size = size;
	arg.fence_rep = (uintptr_t)&rep;
	arg.version = DRM_VMW_EXECBUF_VERSION;
	arg.context_handle = context;
	arg.imported_fence_fd = -1;
	ret = drm_cmd(fd, VMW_IOW(DRM_VMW_EXECBUF, struct drm_vmw_execbuf_arg), &arg);
	if (ret)
		return ret;
	if (rep.error)
		return rep.error;
	*fence = rep.handle;
	return 0;
}

int vmw_fence_wait(int fd, uint32_t fence, uint64_t timeout_us)
{
	struct drm_vmw_fence_wait_arg arg;

	memset(&arg, 0, sizeof(arg));
	arg.handle = fence;
	arg.timeout_us = timeout_us;
	arg.flags = DRM_VMW_FENCE_FLAG_EXEC;
	arg.wait_options = DRM_VMW_WAIT_OPTION_UNREF;
	return drm_cmd(fd, VMW_IOWR(DRM_VMW_FENCE_WAIT, struct drm_vmw_fence_wait_arg), &arg);
}

int vmw_submit_and_wait(int fd, uint32_t context, const void *cmds,
			uint32_t size)
{
	uint32_t fence;
	int ret = vmw_execbuf(fd, context, cmds, size, &fence);

	return ret ? ret : vmw_fence_wait(fd, fence, 10 * 1000 * 1000);
}

int vmw_buffer_create(int fd, uint32_t size, uint32_t *handle,
		      uint64_t *map_handle)
{
	union drm_vmw_alloc_bo_arg arg;
	int ret;

	memset(&arg, 0, sizeof(arg));
	arg.req.size = size;
	ret = drm_cmd(fd, VMW_IOWR(DRM_VMW_ALLOC_BO, union drm_vmw_alloc_bo_arg), &arg);
	if (!ret) {
		*handle = arg.rep.handle;
		*map_handle = arg.rep.map_handle;
	}
	return ret;
}
