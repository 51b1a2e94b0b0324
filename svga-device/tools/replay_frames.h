/* SPDX-License-Identifier: MIT */
/*
 * coherent-svga tools: svga-replay's per-frame accounting (--frames).
 *
 * The replay takes a sample of the device's phase clock (svga_phase.h)
 * and the renderer's counters at every screen-target update (a guest's
 * page flip or dirty-rectangle update) and after every command buffer
 * the core completes.  A frame ends at each screen update when the
 * recording has any; otherwise at every `per` command buffers.
 */
#ifndef SVGA_REPLAY_FRAMES_H
#define SVGA_REPLAY_FRAMES_H

#include "svga_phase.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct frame_sample {
	uint64_t t_ns;                  /* CLOCK_MONOTONIC                 */
	uint64_t ph[SVGA_PHASE_NUM];    /* the clock's totals              */
	uint64_t translations, pipelines, draws, submits;
	uint64_t upload_bytes, readback_bytes;
	uint64_t cmdbufs;               /* command buffers completed       */
	/* CPU time (ns) of the replaying thread (the device's own work,
	 * LLVM compiles included) and of the whole process (plus
	 * lavapipe's threads): a share that CPU starvation by other
	 * processes does not distort, as it does wall times */
	uint64_t thread_cpu_ns, process_cpu_ns;
	bool screen;                    /* taken at a screen update        */
};

struct frame_log {
	struct frame_sample *s;
	size_t n, cap;
	bool oom;
};

/* Fills the sample's CPU times. */
void frame_sample_cpu(struct frame_sample *s);
/* Appends a sample; false (and oom set) when memory runs out. */
bool frame_log_add(struct frame_log *fl, const struct frame_sample *s);
void frame_log_free(struct frame_log *fl);

/*
 * Prints one line per frame (when per_frame) and the summary over the
 * frames after the first warmup_pct percent.  per: command buffers per
 * frame when the log holds no screen update.
 */
void frame_log_report(const struct frame_log *fl, unsigned per,
		      unsigned warmup_pct, bool per_frame);

/* The whole pass: first sample to last, one line for scripts
 * ("totals: wall_ns=... core_ns=... translations=..."). */
void frame_log_totals(const struct frame_log *fl);

#endif
