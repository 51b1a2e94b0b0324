// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "coh_bench.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const coh_method_names[COH_NMETHODS] = {
	"mkwrite", "pagetable", "auto"
};

static char knob_path[96];

void coh_kstats_read_or_bail(long long v[COH_K_NUM])
{
	if (!coh_kstats_read(v))
		tap_bail("%s/vmwgfx_coherency: cannot read the kernel's statistics",
			 coh_debugfs_dir() ? coh_debugfs_dir() : "debugfs dri/N");
}

void coh_knob_require(void)
{
	const char *dir = coh_debugfs_dir();

	if (!dir)
		tap_bail("no /sys/kernel/debug/dri/N/vmwgfx_coherency (debugfs, kernel patch 0009)");
	snprintf(knob_path, sizeof(knob_path), "%s/vmwgfx_dirty_method", dir);
	if (access(knob_path, W_OK))
		tap_bail("%s: %s (kernel patch: debugfs dirty-tracking method)",
			 knob_path, strerror(errno));
}

const char *coh_knob_path(void)
{
	return knob_path;
}

int coh_knob_write(const char *s, size_t len)
{
	int fd = open(knob_path, O_WRONLY), ret = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	close(fd);
	return ret;
}

const char *coh_knob_read(void)
{
	static char buf[32];
	FILE *f = fopen(knob_path, "r");

	buf[0] = 0;
	if (!f)
		return buf;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

void coh_knob_set(const char *policy)
{
	int ret = coh_knob_write(policy, strlen(policy));

	if (ret)
		tap_bail("%s: cannot set %s: %s", knob_path, policy, strerror(-ret));
}
