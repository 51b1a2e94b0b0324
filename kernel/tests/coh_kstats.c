// SPDX-License-Identifier: MIT
#include "coh_kstats.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *coh_debugfs_dir(void)
{
	static char dir[64];
	char path[96];

	if (dir[0])
		return dir;
	for (int i = 0; i < 256; i++) {
		snprintf(path, sizeof(path),
			 "/sys/kernel/debug/dri/%d/vmwgfx_coherency", i);
		if (!access(path, R_OK)) {
			snprintf(dir, sizeof(dir), "/sys/kernel/debug/dri/%d", i);
			return dir;
		}
	}
	return NULL;
}

static const char *const kstat_names[COH_K_NUM] = {
	[COH_K_MKWRITE] = "mkwrite_faults",
	[COH_K_SCANS] = "scans",
	[COH_K_SCANNED] = "scanned_dirty_pages",
	[COH_K_TO_MKWRITE] = "switches_to_mkwrite",
	[COH_K_TO_PAGETABLE] = "switches_to_pagetable",
	[COH_K_PAGES_TO_RES] = "pages_to_resources",
	[COH_K_UPLOADS] = "uploads",
	[COH_K_UPLOAD_BYTES] = "upload_bytes",
	[COH_K_READBACKS] = "readbacks",
	[COH_K_READBACK_BYTES] = "readback_bytes",
};

int coh_kstats_read_all(struct coh_kstat_line *lines, int max)
{
	const char *dir = coh_debugfs_dir();
	char path[96];
	int n = 0;
	FILE *f;

	if (!dir)
		return 0;
	snprintf(path, sizeof(path), "%s/vmwgfx_coherency", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (n < max && fscanf(f, "%47s %lld", lines[n].name,
				 &lines[n].value) == 2)
		n++;
	fclose(f);
	return n;
}

int coh_kstats_read(long long v[COH_K_NUM])
{
	struct coh_kstat_line lines[COH_KSTAT_MAX_LINES];
	int n = coh_kstats_read_all(lines, COH_KSTAT_MAX_LINES), found = 0;

	memset(v, 0, sizeof(long long) * COH_K_NUM);
	for (int l = 0; l < n; l++)
		for (int i = 0; i < COH_K_NUM; i++)
			if (!strcmp(lines[l].name, kstat_names[i])) {
				v[i] = lines[l].value;
				found++;
			}
	return found;
}

bool coh_kstat_is_known(const char *name)
{
	for (int i = 0; i < COH_K_NUM; i++)
		if (!strcmp(name, kstat_names[i]))
			return true;
	return false;
}
