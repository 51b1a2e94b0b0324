/* SPDX-License-Identifier: MIT */
/*
 * What the coherency benchmarks (coh-method-bench, coh-stream-bench)
 * share: coh_measure.h (time, medians, sizes), the kernel's statistics,
 * and the
 * debugfs knob dri/N/vmwgfx_dirty_method (kernel patch "let debugfs force
 * the dirty-tracking method"), which forces the tracking method of new
 * trackers and stops the switching between methods.
 */
#ifndef COH_BENCH_H
#define COH_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "coh_lib.h"
#include "coh_measure.h"

enum coh_method { COH_M_MKWRITE, COH_M_PAGETABLE, COH_M_AUTO, COH_NMETHODS };
extern const char *const coh_method_names[COH_NMETHODS];

/* The kernel's statistics, or a TAP bail out when they cannot be read. */
void coh_kstats_read_or_bail(long long v[COH_K_NUM]);

/* Find the knob; bails out (TAP) without it or without write access. */
void coh_knob_require(void);
const char *coh_knob_path(void);
/* Write s (len bytes) to the knob: 0 or -errno. */
int coh_knob_write(const char *s, size_t len);
/* The policy the knob shows, without newline, or "". */
const char *coh_knob_read(void);
/* Set a policy ("auto", "mkwrite", "pagetable") or bail out. */
void coh_knob_set(const char *policy);

#endif
