// SPDX-License-Identifier: MIT
/*
 * vmw-probe: is this a working vmwgfx device with guest-backed objects
 * and DX?  Queries the parameters userspace relies on, then moves a
 * pattern through the device the explicit (non-coherent) way:
 * CPU write -> UPDATE_GB_SURFACE -> SURFACE_COPY -> READBACK_GB_SURFACE
 * -> CPU read of the copy.  The copy exists only in the device's host
 * storage, so a match proves upload, copy and readback all worked.  The
 * device's own counters, read from the guest, must show exactly those
 * bytes moving.  Prints TAP.
 */
#include "svga_cmds.h"
#include "svga_counters.h"
#include "tap.h"
#include "vmw_uapi.h"

#include <errno.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * Added by kernel/patches; headers without the series lack it.  The
 * capability lives in this parameter only: the series leaves the driver
 * version as it is (2.20 on Linux 6.1 and 6.12).
 */
#ifndef DRM_VMW_PARAM_COHERENT_MEMORY
#define DRM_VMW_PARAM_COHERENT_MEMORY 0x100
#endif
#define VMWGFX_TESTED_MINOR 20

#define PROBE_WIDTH 64u
#define PROBE_HEIGHT 64u
#define PROBE_BYTES (PROBE_WIDTH * PROBE_HEIGHT * 4u)

static uint32_t pattern_word(uint32_t i)
{
	return 0x9e3779b9u * (i + 1u) ^ 0x5a5a0000u;
}

static int create_texture(int fd, struct vmw_surface *s, void **map)
{
	const struct vmw_surface_desc desc = {
		.format = SVGA3D_A8R8G8B8,
		.svga3d_flags = SVGA3D_SURFACE_HINT_TEXTURE,
		.width = PROBE_WIDTH,
		.height = PROBE_HEIGHT,
		.depth = 1,
		.mip_levels = 1,
		.drm_flags = drm_vmw_surface_flag_create_buffer,
		.buffer_handle = VMW_INVALID_ID,
	};
	int ret = vmw_surface_create(fd, &desc, s);

	if (ret)
		return ret;
	*map = vmw_map(fd, s->map_handle, s->buffer_size);
	return *map ? 0 : -errno;
}

int main(void)
{
	struct vmw_surface src, dst;
	void *src_map = NULL, *dst_map = NULL;
	struct svga_cmd_stream cs;
	uint64_t v = 0;
	uint32_t i, mismatches = 0;
	int fd, ret;

	struct svga_counters counters;
	struct svga_counter upd0, upd1, rb0, rb1, copy0, copy1;
	struct stat st;

	struct drm_version version;

	tap_plan(13);
	tap_ok(stat("/dev/dri/card0", &st) == 0 && S_ISCHR(st.st_mode),
	       "/dev/dri/card0 is a character device");
	fd = vmw_open_render_node();
	if (fd < 0)
		tap_bail("cannot open /dev/dri/renderD128: %s", strerror(-fd));
	tap_ok(true, "render node opened");

	ret = vmw_get_param(fd, DRM_VMW_PARAM_3D, &v);
	tap_ok(!ret && v != 0, "DRM_VMW_PARAM_3D = %llu (ret %d)", (unsigned long long)v, ret);
	ret = vmw_get_param(fd, DRM_VMW_PARAM_HW_CAPS, &v);
	tap_ok(!ret && (v & SVGA_CAP_GBOBJECTS) && (v & SVGA_CAP_COMMAND_BUFFERS),
	       "DRM_VMW_PARAM_HW_CAPS = 0x%llx has GBOBJECTS and COMMAND_BUFFERS",
	       (unsigned long long)v);
	ret = vmw_get_param(fd, DRM_VMW_PARAM_DX, &v);
	tap_ok(!ret && v == 1, "DRM_VMW_PARAM_DX = %llu", (unsigned long long)v);
	memset(&version, 0, sizeof(version));
	ret = ioctl(fd, DRM_IOCTL_VERSION, &version) ? -errno : 0;
	tap_ok(!ret && version.version_major == 2 &&
	       version.version_minor >= VMWGFX_TESTED_MINOR,
	       "vmwgfx version %d.%d (2.%d or later)",
	       version.version_major, version.version_minor,
	       VMWGFX_TESTED_MINOR);
	v = 0;
	ret = vmw_get_param(fd, DRM_VMW_PARAM_COHERENT_MEMORY, &v);
	tap_ok(!ret && v == 1, "DRM_VMW_PARAM_COHERENT_MEMORY = %llu (ret %d)",
	       (unsigned long long)v, ret);

	ret = create_texture(fd, &src, &src_map);
	if (!ret)
		ret = create_texture(fd, &dst, &dst_map);
	if (!tap_ok(!ret, "two %ux%u A8R8G8B8 GB surfaces created and mapped (ret %d)",
		    PROBE_WIDTH, PROBE_HEIGHT, ret))
		tap_bail("no surfaces");
	tap_diag("surface %u: backup %u bytes, buffer %u bytes", src.handle,
		 src.backup_size, src.buffer_size);

	for (i = 0; i < PROBE_BYTES / 4; i++) {
		((uint32_t *)src_map)[i] = pattern_word(i);
		((uint32_t *)dst_map)[i] = 0;
	}

	ret = svga_counters_open(&counters);
	if (!tap_ok(!ret, "device counters mapped from BAR0 (ret %d)", ret))
		tap_bail("no device counters");
	svga_counters_read(&counters, SVGA_3D_CMD_UPDATE_GB_SURFACE, &upd0);
	svga_counters_read(&counters, SVGA_3D_CMD_READBACK_GB_SURFACE, &rb0);
	svga_counters_read(&counters, SVGA_3D_CMD_SURFACE_COPY, &copy0);

	svga_cmd_init(&cs);
	svga_cmd_update_gb_surface(&cs, src.handle);
	svga_cmd_surface_copy(&cs, src.handle, dst.handle, 0, 0, 0, 0,
			      PROBE_WIDTH, PROBE_HEIGHT, 1);
	svga_cmd_readback_gb_surface(&cs, dst.handle);
	ret = svga_cmd_failed(&cs) ? -ENOSPC :
	      vmw_submit_and_wait(fd, VMW_INVALID_ID, cs.buf, cs.len);
	tap_ok(!ret, "execbuf UPDATE_GB_SURFACE + SURFACE_COPY + READBACK_GB_SURFACE, fence signalled (ret %d)", ret);

	for (i = 0; i < PROBE_BYTES / 4; i++)
		if (((uint32_t *)dst_map)[i] != pattern_word(i))
			mismatches++;
	tap_ok(mismatches == 0, "the copy read back equals the pattern (%u of %u words differ)",
	       mismatches, PROBE_BYTES / 4);

	svga_counters_read(&counters, SVGA_3D_CMD_UPDATE_GB_SURFACE, &upd1);
	svga_counters_read(&counters, SVGA_3D_CMD_READBACK_GB_SURFACE, &rb1);
	svga_counters_read(&counters, SVGA_3D_CMD_SURFACE_COPY, &copy1);
	tap_ok(upd1.count - upd0.count == 1 && upd1.to_host - upd0.to_host == PROBE_BYTES &&
	       rb1.count - rb0.count == 1 && rb1.to_guest - rb0.to_guest == PROBE_BYTES &&
	       copy1.count - copy0.count == 1,
	       "device counters: 1 update of %llu bytes, 1 readback of %llu bytes, %llu copy",
	       (unsigned long long)(upd1.to_host - upd0.to_host),
	       (unsigned long long)(rb1.to_guest - rb0.to_guest),
	       (unsigned long long)(copy1.count - copy0.count));
	svga_counters_close(&counters);

	munmap(src_map, src.buffer_size);
	munmap(dst_map, dst.buffer_size);
	ret = vmw_surface_destroy(fd, src.handle);
	if (!ret)
		ret = vmw_surface_destroy(fd, dst.handle);
	vmw_buffer_close(fd, src.buffer_handle);
	vmw_buffer_close(fd, dst.buffer_handle);
	tap_ok(!ret, "surfaces destroyed (ret %d)", ret);
	close(fd);
	return tap_finish();
}
