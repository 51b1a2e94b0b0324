// SPDX-License-Identifier: MIT
/*
 * coh-stats: the kernel's coherency statistics (debugfs
 * dri/0/vmwgfx_coherency, kernel/patches 0006) agree with what the device
 * saw.  One CPU write to a coherent buffer must show as kernel uploads
 * covering exactly the bytes the device's DX_UPDATE_SUBRESOURCE counter
 * moved; one CPU read after a GPU write as one kernel readback covering
 * exactly the bytes READBACK_GB_SURFACE moved.  Prints TAP.
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

#define STATS_PATH "/sys/kernel/debug/dri/0/vmwgfx_coherency"
#define BUF_BYTES (64u << 10)

enum {
	K_SCANS, K_PAGES_TO_RES, K_UPLOADS, K_UPLOAD_BYTES, K_READBACKS,
	K_READBACK_BYTES, K_MKWRITE, K_SCANNED, K_TO_MKWRITE, K_TO_PAGETABLE,
	K_NUM
};

static const char *const stat_names[K_NUM] = {
	"scans", "pages_to_resources", "uploads", "upload_bytes", "readbacks",
	"readback_bytes", "mkwrite_faults", "scanned_dirty_pages",
	"switches_to_mkwrite", "switches_to_pagetable",
};

/* Fill v[] from the debugfs file; returns how many names were found. */
static int read_kstats(long long v[K_NUM])
{
	char name[64];
	long long value;
	int found = 0;
	FILE *f = fopen(STATS_PATH, "r");

	memset(v, 0, sizeof(long long) * K_NUM);
	if (!f)
		return 0;
	while (fscanf(f, "%63s %lld", name, &value) == 2) {
		for (int i = 0; i < K_NUM; i++) {
			if (!strcmp(name, stat_names[i])) {
				v[i] = value;
				found++;
			}
		}
	}
	fclose(f);
	return found;
}

static struct coh_env env;

int main(void)
{
	const struct vmw_surface_desc desc =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 BUF_BYTES, 1, 1, 1, 0);
	struct svga_counter d0, d1;
	struct coh_surf coh, helper;
	long long k0[K_NUM], k1[K_NUM];
	volatile uint8_t sink;
	int ret;

	tap_plan(5);
	coh_env_init(&env);
	tap_ok(read_kstats(k0) == K_NUM, "%s lists all %d counters", STATS_PATH, K_NUM);

	ret = coh_surf_create(&env, &desc, true, VMW_INVALID_ID, &coh);
	if (!ret)
		ret = coh_surf_create(&env, &desc, false, VMW_INVALID_ID, &helper);
	if (ret)
		tap_bail("surfaces: ret %d", ret);
	/* First use: the buffer moves into its MOB. */
	coh_fill(coh.map, 0, coh.size, 1);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	if (ret)
		tap_bail("first GPU read: ret %d", ret);

	/* CPU write of one page, then a GPU use: the kernel uploads. */
	read_kstats(k0);
	svga_counters_read(&env.ctr, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, &d0);
	coh_fill(coh.map + 5 * COH_PAGE, 5 * COH_PAGE, COH_PAGE, 2);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	read_kstats(k1);
	svga_counters_read(&env.ctr, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, &d1);
	tap_ok(!ret && k1[K_UPLOADS] > k0[K_UPLOADS] &&
	       (unsigned long long)(k1[K_UPLOAD_BYTES] - k0[K_UPLOAD_BYTES]) ==
	       d1.to_host - d0.to_host && d1.to_host - d0.to_host >= COH_PAGE,
	       "one page written: kernel counted %lld uploads of %lld bytes, the device moved %llu bytes",
	       k1[K_UPLOADS] - k0[K_UPLOADS], k1[K_UPLOAD_BYTES] - k0[K_UPLOAD_BYTES],
	       (unsigned long long)(d1.to_host - d0.to_host));
	tap_ok(k1[K_SCANS] > k0[K_SCANS] && k1[K_PAGES_TO_RES] > k0[K_PAGES_TO_RES],
	       "the validation scanned (%lld) and handed %lld dirty pages to the surface",
	       k1[K_SCANS] - k0[K_SCANS], k1[K_PAGES_TO_RES] - k0[K_PAGES_TO_RES]);

	/* GPU write, then one CPU read: the kernel reads back. */
	coh_fill(helper.map, 0, helper.size, 3);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &helper, &coh);
	if (ret)
		tap_bail("GPU write: ret %d", ret);
	read_kstats(k0);
	/* whatever readback commands the kernel chose: all device traffic
	 * to the guest between the two readings is the fault's */
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &d0);
	sink = coh.map[7 * COH_PAGE + 3];
	read_kstats(k1);
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &d1);
	tap_ok(sink == coh_byte(3, 7 * COH_PAGE + 3),
	       "the CPU reads the GPU's write (0x%02x)", sink);
	tap_ok(k1[K_READBACKS] - k0[K_READBACKS] >= 1 &&
	       (unsigned long long)(k1[K_READBACK_BYTES] - k0[K_READBACK_BYTES]) ==
	       d1.to_guest - d0.to_guest && d1.to_guest > d0.to_guest,
	       "one byte read: kernel counted %lld readbacks of %lld bytes, the device moved %llu bytes",
	       k1[K_READBACKS] - k0[K_READBACKS], k1[K_READBACK_BYTES] - k0[K_READBACK_BYTES],
	       (unsigned long long)(d1.to_guest - d0.to_guest));

	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	coh_env_fini(&env);
	return tap_finish();
}
