// SPDX-License-Identifier: MIT
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#include "coh_measure.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double coh_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double coh_median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

const char *coh_size_name(uint32_t bytes)
{
	static char buf[4][16];
	static unsigned int next;
	char *b = buf[next++ % 4];

	if (bytes >= 1024u * 1024u && bytes % (1024u * 1024u) == 0)
		snprintf(b, sizeof(buf[0]), "%u MiB", bytes / (1024u * 1024u));
	else if (bytes >= 1024u && bytes % 1024u == 0)
		snprintf(b, sizeof(buf[0]), "%u KiB", bytes / 1024u);
	else
		snprintf(b, sizeof(buf[0]), "%u B", bytes);
	return b;
}
