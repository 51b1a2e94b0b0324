/* SPDX-License-Identifier: MIT */
/*
 * The kernel's coherency statistics, read from debugfs: apart from
 * coh_lib so that programs outside the uAPI suite (the GL streaming
 * benchmark, piglit-tests, which scripts/build.d/piglit.sh builds with a
 * copy of this file) read them the same way.
 */
#ifndef COH_KSTATS_H
#define COH_KSTATS_H

#include <stdbool.h>

/*
 * The kernel's coherency statistics (debugfs dri/N/vmwgfx_coherency of
 * our vmwgfx device, kernel/patches): one "name value" line each.
 */
enum coh_kstat {
	COH_K_MKWRITE, COH_K_SCANS, COH_K_SCANNED, COH_K_TO_MKWRITE,
	COH_K_TO_PAGETABLE, COH_K_PAGES_TO_RES, COH_K_UPLOADS,
	COH_K_UPLOAD_BYTES, COH_K_READBACKS, COH_K_READBACK_BYTES, COH_K_NUM
};
/* The device's debugfs directory (/sys/kernel/debug/dri/N), or NULL. */
const char *coh_debugfs_dir(void);
/* Fill v[] (zeros for what is missing); returns how many counters were
 * found, 0 without the file. */
int coh_kstats_read(long long v[COH_K_NUM]);
/* Every line of the file, also counters this list does not know (a
 * profiling kernel's, say); returns how many, 0 without the file. */
#define COH_KSTAT_MAX_LINES 96
struct coh_kstat_line {
	char name[48];
	long long value;
};
int coh_kstats_read_all(struct coh_kstat_line *lines, int max);
bool coh_kstat_is_known(const char *name);

#endif
