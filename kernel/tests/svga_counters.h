/* SPDX-License-Identifier: MIT */
/*
 * The device model's statistics registers, read from inside the guest.
 *
 * Our SVGA3 device counts, per SVGA3D command id, the commands it executed
 * and the bytes each moved guest->host (UPDATE_*) and host->guest
 * (READBACK_*).  They sit in a vendor register window of BAR0 (register
 * index SVGA_CSTATS_BASE = 0x3000, byte offset 0xC000; see
 * svga-device/README.md), which we map through sysfs.  Writing SELECT
 * latches a consistent snapshot of one counter set.
 */
#ifndef SVGA_COUNTERS_H
#define SVGA_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>

#define SVGA_COUNTERS_TOTALS 0xffffffffu
/* Window version 2: the renderer's counters, selected as
 * SVGA_COUNTERS_RENDERER + one of these; the value is in .count.
 * (Mirrors enum svga_renderer_counter in svga-device/include/svga_core.h.) */
#define SVGA_COUNTERS_RENDERER 0xffff0000u
/* Window version 3: the command buffers the device completed, in .count. */
#define SVGA_COUNTERS_CMDBUFS 0xfffffffeu
enum {
	SVGA_RENDERER_DRAWS, SVGA_RENDERER_TRANSLATIONS,
	SVGA_RENDERER_TRANSLATION_FAILURES, SVGA_RENDERER_SHADER_CACHE_HITS,
	SVGA_RENDERER_PIPELINE_CREATIONS, SVGA_RENDERER_PIPELINE_CACHE_HITS,
	SVGA_RENDERER_UPLOAD_BYTES, SVGA_RENDERER_READBACK_BYTES,
	SVGA_RENDERER_NUM
};

struct svga_counter {
	uint64_t count;     /* commands executed           */
	uint64_t to_host;   /* bytes guest -> host         */
	uint64_t to_guest;  /* bytes host -> guest         */
	uint64_t errors;    /* failed commands (totals only) */
};

struct svga_counters {
	volatile uint32_t *regs;  /* NULL: not available */
	uint32_t version;         /* of the window; 0 when not available */
	void *map;
	uint64_t map_size;
};

/* Find the 15ad:0406 device under /sys/bus/pci/devices and map its
 * BAR0; 0 or a negative errno (-ENODEV: no device or no stats window). */
int svga_counters_open(struct svga_counters *c);
void svga_counters_close(struct svga_counters *c);
/* Snapshot of one command id's counters, or SVGA_COUNTERS_TOTALS. */
void svga_counters_read(struct svga_counters *c, uint32_t select,
			struct svga_counter *out);

#endif
