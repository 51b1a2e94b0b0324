/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga: per-phase time accounting of the device core and its
 * renderer (issue 13's benchmark, tools/svga-replay --frames).
 *
 * One clock per device, shared by the core, the renderer glue and the
 * renderer.  Phases nest (a readback waits for the GPU inside it; the
 * core's command loop calls the renderer): the clock keeps a stack and
 * charges each interval to the innermost phase only, so the totals are
 * exclusive ("self") times and their sum never exceeds the wall time
 * spent inside the device.  A disabled clock costs one branch per
 * transition; an enabled one a clock_gettime(CLOCK_MONOTONIC) (vDSO).
 */
#ifndef SVGA_PHASE_H
#define SVGA_PHASE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum svga_phase {
	/* the core: registers, command-buffer headers, command parsing and
	 * validation, object state, host-storage copies the core makes */
	SVGA_PHASE_CORE,
	/* guest-memory reads and writes (the embedder's mem ops; in
	 * svga-replay, reading the recording) */
	SVGA_PHASE_GUEST_MEM,
	/* the renderer's own work not counted below: the glue's state
	 * translation, vkCmd* recording, vkQueueSubmit */
	SVGA_PHASE_RECORD,
	/* VGPU10 -> DXBC -> SPIR-V -> VkShaderModule (a cache miss) */
	SVGA_PHASE_TRANSLATE,
	/* vkCreateGraphicsPipelines (a pipeline cache miss) */
	SVGA_PHASE_PIPELINE,
	/* host storage -> staging copies of uploads */
	SVGA_PHASE_UPLOAD,
	/* staging -> host storage copies of readbacks (GPU -> host) */
	SVGA_PHASE_READBACK,
	/* vkWaitForFences: lavapipe executing what was submitted */
	SVGA_PHASE_GPU_WAIT,
	SVGA_PHASE_NUM
};

#define SVGA_PHASE_MAX_DEPTH 16

struct svga_phase_clock {
	bool enabled;
	uint8_t depth;
	uint8_t stack[SVGA_PHASE_MAX_DEPTH];
	uint64_t last;                    /* ns, at the last transition   */
	uint64_t ns[SVGA_PHASE_NUM];      /* exclusive time per phase     */
	/* deeper than the stack: counted, not charged (never expected) */
	uint32_t overflow;
};

/* CLOCK_MONOTONIC in ns (log/svga_phase.c: POSIX, not C11's <time.h>) */
uint64_t svga_phase_now(void);

/* Charges the time since the last transition to the innermost phase. */
static inline uint64_t svga_phase_charge(struct svga_phase_clock *pc)
{
	uint64_t now = svga_phase_now();

	if (pc->depth)
		pc->ns[pc->stack[pc->depth - 1]] += now - pc->last;
	pc->last = now;
	return now;
}

/* Enters phase p; pc may be NULL (no clock). */
static inline void svga_phase_push(struct svga_phase_clock *pc,
				   enum svga_phase p)
{
	if (!pc || !pc->enabled)
		return;
	if (pc->depth == SVGA_PHASE_MAX_DEPTH) {
		pc->overflow++;
		return;
	}
	svga_phase_charge(pc);
	pc->stack[pc->depth++] = (uint8_t)p;
}

/* Leaves the innermost phase (the one the matching push entered). */
static inline void svga_phase_pop(struct svga_phase_clock *pc)
{
	if (!pc || !pc->enabled)
		return;
	if (pc->overflow) {
		pc->overflow--;
		return;
	}
	if (!pc->depth)
		return;
	svga_phase_charge(pc);
	pc->depth--;
}

/* Turns accounting on or off; either way the totals restart at zero.
 * Only between calls into the device (the stack is empty). */
static inline void svga_phase_enable(struct svga_phase_clock *pc, bool on)
{
	memset(pc, 0, sizeof(*pc));
	pc->enabled = on;
}

/* The totals so far, including the phase running now (for a reader
 * called from inside the device, e.g. a screen-update callback). */
static inline void svga_phase_read(struct svga_phase_clock *pc,
				   uint64_t out[SVGA_PHASE_NUM])
{
	if (pc->enabled)
		svga_phase_charge(pc);
	memcpy(out, pc->ns, sizeof(pc->ns));
}

static inline const char *svga_phase_name(unsigned p)
{
	static const char *const names[SVGA_PHASE_NUM] = {
		[SVGA_PHASE_CORE] = "core",
		[SVGA_PHASE_GUEST_MEM] = "guest-mem",
		[SVGA_PHASE_RECORD] = "record",
		[SVGA_PHASE_TRANSLATE] = "translate",
		[SVGA_PHASE_PIPELINE] = "pipeline",
		[SVGA_PHASE_UPLOAD] = "upload",
		[SVGA_PHASE_READBACK] = "readback",
		[SVGA_PHASE_GPU_WAIT] = "gpu-wait",
	};

	return p < SVGA_PHASE_NUM ? names[p] : "?";
}

#endif
