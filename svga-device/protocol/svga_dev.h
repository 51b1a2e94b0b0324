/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, protocol layer: the device as the guest sees
 * it over PCI.  Registers (svga_regs.c), command-buffer queues and device
 * context commands (svga_cmdbuf.c), the command table with its size checks
 * and the dispatch of each command to its handler (svga_cmd_table.c), and
 * the device's lifecycle (svga_dev.c).  No rendering and no object state
 * here: commands go to the command layer, objects live in the object layer.
 */
#ifndef SVGA_DEV_H
#define SVGA_DEV_H

#include "svga_commands.h"
#include "svga_phase.h"

#define SVGA_NUM_CB_CONTEXTS 2
#define SVGA_CB_QUEUE_LEN SVGA_CB_MAX_QUEUED_PER_CONTEXT
#define SVGA_MAX_CB_LEN (4u * 1024u * 1024u)
#define SVGA_PALETTE_REGS (3 * 256)

struct svga_cb_entry {
	uint64_t pa;
};

struct svga_cb_context {
	bool running;
	unsigned head, count;
	struct svga_cb_entry q[SVGA_CB_QUEUE_LEN];
};

struct svga_dev {
	struct svga_config cfg;
	struct svga_guest_mem_ops mem;
	void *mem_opaque;         /* mem's argument: the embedder's opaque,
				   * or the device while a capture wraps
				   * mem (capture/svga_capture.c)         */
	struct svga_callbacks cb;
	void *opaque;

	/* registers */
	uint32_t id;
	uint32_t enable, config_done, traces, guest_id;
	uint32_t width, height, bpp, pitchlock;
	uint32_t irq_mask, irq_status;
	bool irq_level;
	uint32_t fence, fence_goal;
	uint32_t cmd_high, cmd_prepend_low, cmd_prepend_high;
	uint32_t devcap_index;
	uint32_t sync, blank_screen_targets, mshint, dirty_tracking;
	uint32_t num_guest_displays, display_id, display_primary;
	uint32_t display_x, display_y, display_w, display_h;
	uint32_t guest_driver[4];
	uint32_t cursor[10];
	uint32_t palette[SVGA_PALETTE_REGS];
	uint32_t devcaps[SVGA_NUM_DEVCAPS];
	/* The guest has accessed a register: devcaps are fixed from now on
	 * (vmwgfx reads them once, at probe). */
	bool guest_seen;

	/* command buffers */
	struct svga_cb_context cbctx[SVGA_NUM_CB_CONTEXTS];
	uint8_t *cb_buf;          /* SVGA_MAX_CB_LEN bytes of scratch      */
	struct svga_cmd_ctx cmd;  /* what command handlers see             */

	/* the layers below */
	struct svga_log log;
	struct svga_objects om;

	/* guest statistics window (SVGA_CSTATS_*) */
	uint32_t cstats_select;
	struct svga_counter cstats_latch;
	uint64_t cstats_err_latch;
	/* the renderer's counters, when one is attached */
	void (*rstats_read)(void *opaque, uint64_t out[SVGA_RSTAT_NUM]);
	void *rstats_opaque;

	/* per-phase time accounting (svga_phase.h), off unless enabled */
	struct svga_phase_clock phases;

	/* the recorder (capture/), NULL when not capturing */
	struct svga_capture *capture;
	uint64_t capture_limit;   /* bytes; 0: the default                 */
};

/*
 * Replaces the devcaps the guest reads (SVGA_REG_DEV_CAP) and the limits
 * the core enforces with them (MAX_TEXTURE_WIDTH/HEIGHT, MAX_VOLUME_EXTENT,
 * max_array_layers for DEFINE_GB_SURFACE*).  For the renderer glue, which
 * narrows the core's table to what its device can back.  Only before the
 * guest's first register access: returns -1 after it (a guest's driver
 * reads devcaps once, at probe, and would keep trusting stale ones).
 */
int svga_dev_set_devcaps(struct svga_dev *dev,
			 const uint32_t caps[SVGA_NUM_DEVCAPS],
			 uint32_t max_array_layers);

/*
 * The public entry points svga_dev_reg_read/_write, svga_dev_process,
 * svga_dev_reset and svga_dev_reset_counters live in capture/svga_capture.c, which records around
 * these (the same calls, unrecorded).
 */
uint32_t svga_reg_read_now(struct svga_dev *dev, uint32_t index);
void svga_reg_write_now(struct svga_dev *dev, uint32_t index,
			uint32_t value);
unsigned svga_process_now(struct svga_dev *dev);
void svga_reset_now(struct svga_dev *dev);
void svga_reset_counters_now(struct svga_dev *dev);
/* New devcaps were installed: a running capture records them. */
void svga_capture_devcaps(struct svga_dev *dev);

/* interrupts and fences (svga_regs.c) */
void svga_irq_update(struct svga_dev *dev);
void svga_irq_raise(struct svga_dev *dev, uint32_t flags);
void svga_fence_signal(struct svga_dev *dev, uint32_t fence);
void svga_regs_reset(struct svga_dev *dev);

/* command buffers (svga_cmdbuf.c) */
void svga_cb_submit(struct svga_dev *dev, uint32_t low);
/* Run queued buffers now, or have the embedder do it (kick). */
void svga_work_queued(struct svga_dev *dev);
void svga_cbctx_reset(struct svga_dev *dev);

/* commands (svga_cmd_table.c) */
/* Execute one command at buf[0..len).  On success, *used is its size. */
int svga_cmd_exec(struct svga_dev *dev, const uint8_t *buf, uint32_t len,
		  uint32_t *used);
/* The size of 3D command id's fixed part in *size; false when the table
 * has no handler for id.  The fuzzer builds well-formed commands from it. */
bool svga_cmd_fixed_size(uint32_t id, uint32_t *size);

#endif
