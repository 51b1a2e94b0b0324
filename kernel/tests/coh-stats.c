// SPDX-License-Identifier: MIT
/*
 * coh-stats: the kernel's coherency statistics (debugfs
 * dri/0/vmwgfx_coherency, kernel/patches 0009) agree with what the device
 * saw.  One CPU write to a coherent buffer must show as kernel uploads
 * covering exactly the bytes the device's DX_UPDATE_SUBRESOURCE counter
 * moved; one CPU read after a GPU write as one kernel readback covering
 * exactly the bytes READBACK_GB_SURFACE moved.  Prints TAP.
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

#define BUF_BYTES (64u << 10)

static struct coh_env env;

int main(void)
{
	const struct vmw_surface_desc desc =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 BUF_BYTES, 1, 1, 1, 0);
	struct svga_counter d0, d1;
	struct coh_surf coh, helper;
	long long k0[COH_K_NUM], k1[COH_K_NUM];
	volatile uint8_t sink;
	int ret;

	tap_plan(5);
	coh_env_init(&env);
	tap_ok(coh_kstats_read(k0) == COH_K_NUM, "%s/vmwgfx_coherency lists all %d counters",
	       coh_debugfs_dir() ? coh_debugfs_dir() : "(no debugfs dir)", COH_K_NUM);

	ret = coh_pair_create(&env, &desc, &coh, &helper);
	if (ret)
		tap_bail("surfaces: ret %d", ret);
	/* First use: the buffer moves into its MOB. */
	coh_fill(coh.map, 0, coh.size, 1);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	if (ret)
		tap_bail("first GPU read: ret %d", ret);

	/* CPU write of one page, then a GPU use: the kernel uploads. */
	coh_kstats_read(k0);
	svga_counters_read(&env.ctr, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, &d0);
	coh_fill(coh.map + 5 * COH_PAGE, 5 * COH_PAGE, COH_PAGE, 2);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	coh_kstats_read(k1);
	svga_counters_read(&env.ctr, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, &d1);
	tap_ok(!ret && k1[COH_K_UPLOADS] > k0[COH_K_UPLOADS] &&
	       (unsigned long long)(k1[COH_K_UPLOAD_BYTES] - k0[COH_K_UPLOAD_BYTES]) ==
	       d1.to_host - d0.to_host && d1.to_host - d0.to_host >= COH_PAGE,
	       "one page written: kernel counted %lld uploads of %lld bytes, the device moved %llu bytes",
	       k1[COH_K_UPLOADS] - k0[COH_K_UPLOADS], k1[COH_K_UPLOAD_BYTES] - k0[COH_K_UPLOAD_BYTES],
	       (unsigned long long)(d1.to_host - d0.to_host));
	tap_ok(k1[COH_K_SCANS] > k0[COH_K_SCANS] && k1[COH_K_PAGES_TO_RES] > k0[COH_K_PAGES_TO_RES],
	       "the validation scanned (%lld) and handed %lld dirty pages to the surface",
	       k1[COH_K_SCANS] - k0[COH_K_SCANS], k1[COH_K_PAGES_TO_RES] - k0[COH_K_PAGES_TO_RES]);

	/* GPU write, then one CPU read: the kernel reads back. */
	coh_fill(helper.map, 0, helper.size, 3);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &helper, &coh);
	if (ret)
		tap_bail("GPU write: ret %d", ret);
	coh_kstats_read(k0);
	/* whatever readback commands the kernel chose: all device traffic
	 * to the guest between the two readings is the fault's */
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &d0);
	sink = coh.map[7 * COH_PAGE + 3];
	coh_kstats_read(k1);
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &d1);
	tap_ok(sink == coh_byte(3, 7 * COH_PAGE + 3),
	       "the CPU reads the GPU's write (0x%02x)", sink);
	tap_ok(k1[COH_K_READBACKS] - k0[COH_K_READBACKS] >= 1 &&
	       (unsigned long long)(k1[COH_K_READBACK_BYTES] - k0[COH_K_READBACK_BYTES]) ==
	       d1.to_guest - d0.to_guest && d1.to_guest > d0.to_guest,
	       "one byte read: kernel counted %lld readbacks of %lld bytes, the device moved %llu bytes",
	       k1[COH_K_READBACKS] - k0[COH_K_READBACKS], k1[COH_K_READBACK_BYTES] - k0[COH_K_READBACK_BYTES],
	       (unsigned long long)(d1.to_guest - d0.to_guest));

	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	coh_env_fini(&env);
	return tap_finish();
}
