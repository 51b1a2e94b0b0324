// SPDX-License-Identifier: MIT
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "svga_counters.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Mirrors SVGA_CSTATS_* of svga-device/include/svga_core.h (not included:
 * that header belongs to the host-side library). */
#define CSTATS_BASE 0x3000u
enum {
	CSTATS_MAGIC = 0, CSTATS_VERSION = 1, CSTATS_SELECT = 2,
	CSTATS_COUNT_LO = 3, CSTATS_COUNT_HI = 4,
	CSTATS_TO_HOST_LO = 5, CSTATS_TO_HOST_HI = 6,
	CSTATS_TO_GUEST_LO = 7, CSTATS_TO_GUEST_HI = 8,
	CSTATS_RESET = 9, CSTATS_ERRORS_LO = 10, CSTATS_ERRORS_HI = 11,
	CSTATS_REGS = 12
};
#define CSTATS_MAGIC_VALUE 0x43535647u

static unsigned long read_hex(const char *dir, const char *file)
{
	char path[512], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return strtoul(buf, NULL, 16);
}

static int find_device(char *dir, size_t len)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	int ret = -ENODEV;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, len, "/sys/bus/pci/devices/%s", e->d_name);
		if (read_hex(dir, "vendor") == 0x15ad &&
		    read_hex(dir, "device") == 0x0406) {
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

int svga_counters_open(struct svga_counters *c)
{
	const uint64_t need = (CSTATS_BASE + CSTATS_REGS) * 4u;
	char dir[300], path[340];
	struct stat st;
	int fd, ret;

	memset(c, 0, sizeof(*c));
	ret = find_device(dir, sizeof(dir));
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/resource0", dir);
	fd = open(path, O_RDWR | O_SYNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || (uint64_t)st.st_size < need) {
		close(fd);
		return -ENODEV;
	}
	c->map_size = (uint64_t)st.st_size;
	c->map = mmap(NULL, c->map_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      fd, 0);
	close(fd);
	if (c->map == MAP_FAILED) {
		c->map = NULL;
		return -errno;
	}
	c->regs = (volatile uint32_t *)c->map + CSTATS_BASE;
	if (c->regs[CSTATS_MAGIC] != CSTATS_MAGIC_VALUE) {
		svga_counters_close(c);
		return -ENODEV;
	}
	c->version = c->regs[CSTATS_VERSION];
	return 0;
}

void svga_counters_close(struct svga_counters *c)
{
	if (c->map)
		munmap(c->map, c->map_size);
	memset(c, 0, sizeof(*c));
}

static uint64_t rd64(volatile uint32_t *r, unsigned lo)
{
	return (uint64_t)r[lo] | (uint64_t)r[lo + 1] << 32;
}

void svga_counters_read(struct svga_counters *c, uint32_t select,
			struct svga_counter *out)
{
	memset(out, 0, sizeof(*out));
	if (!c->regs)
		return;
	c->regs[CSTATS_SELECT] = select;  /* latches the snapshot */
	out->count = rd64(c->regs, CSTATS_COUNT_LO);
	out->to_host = rd64(c->regs, CSTATS_TO_HOST_LO);
	out->to_guest = rd64(c->regs, CSTATS_TO_GUEST_LO);
	out->errors = rd64(c->regs, CSTATS_ERRORS_LO);
}
