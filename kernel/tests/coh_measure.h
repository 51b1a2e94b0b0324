/* SPDX-License-Identifier: MIT */
/*
 * What every benchmark of ours needs, in the kernel's uAPI tests and in
 * the GL benchmarks piglit builds (scripts/build.d/piglit.sh copies this
 * file there): wall-clock time, medians, and byte sizes as people write
 * them.  Nothing here depends on TAP or on the kernel.
 */
#ifndef COH_MEASURE_H
#define COH_MEASURE_H

#include <stdint.h>

/* CLOCK_MONOTONIC in microseconds. */
double coh_now_us(void);
/* Median of v[0..n) (sorts v); min and max after that are v[0], v[n-1]. */
double coh_median(double *v, int n);
/* "256 B", "4 KiB", "16 MiB": the largest unit that divides bytes.  The
 * string lives until the fourth call after this one (so that one printf
 * can name up to four sizes). */
const char *coh_size_name(uint32_t bytes);

#endif
