/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga: public API of the SVGA3 (VMware SVGA II, PCI 15ad:0406)
 * device core.  Plain C11, libc only, no QEMU dependency.
 *
 * Threading: the core is NOT thread safe.  The embedder must serialise every
 * call on one device (e.g. hold one mutex around svga_dev_reg_read/write and
 * svga_dev_process).  Callbacks are invoked from inside those calls, with the
 * embedder's lock held.
 */
#ifndef SVGA_CORE_H
#define SVGA_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Guest physical memory, supplied by the embedder.  Return 0 on success,
 * non-zero when any byte of [gpa, gpa+len) is not guest RAM. */
struct svga_guest_mem_ops {
	int (*read)(void *opaque, uint64_t gpa, void *buf, size_t len);
	int (*write)(void *opaque, uint64_t gpa, const void *buf, size_t len);
};

struct svga_callbacks {
	/* Interrupt line level changed: (IRQ_STATUS & IRQMASK) != 0. */
	void (*irq_changed)(void *opaque, bool level);
	/* A guest programming error (route to LOG_GUEST_ERROR).  Optional. */
	void (*guest_error)(void *opaque, const char *msg);
	/* Verbose trace of commands and registers.  Optional. */
	void (*trace)(void *opaque, const char *msg);
	/*
	 * Optional.  Called when command buffers were queued.  The embedder
	 * must then call svga_dev_process() soon (e.g. from a bottom half or
	 * worker thread).  When NULL, the core processes the queue
	 * synchronously inside svga_dev_reg_write().
	 */
	void (*kick)(void *opaque);
	/* Optional.  A screen target was updated (UPDATE_GB_SCREENTARGET). */
	void (*screen_update)(void *opaque, uint32_t stid, uint32_t x,
			      uint32_t y, uint32_t w, uint32_t h);
};

struct svga_config {
	uint32_t vram_size;          /* SVGA_REG_VRAM_SIZE, BAR2 size     */
	uint32_t max_primary_mem;    /* SVGA_REG_MAX_PRIMARY_MEM          */
	uint32_t gbobject_mem_kb;    /* SVGA_REG_(SUGGESTED_)GBOBJECT_MEM */
	uint32_t mob_max_size;       /* SVGA_REG_MOB_MAX_SIZE             */
	uint32_t max_width;          /* SVGA_REG_MAX_WIDTH / HEIGHT       */
	uint32_t max_height;
	uint32_t stdu_max_width;     /* SVGA_REG_SCREENTARGET_MAX_*       */
	uint32_t stdu_max_height;
	uint32_t max_texture_size;   /* DEVCAP MAX_TEXTURE_WIDTH/HEIGHT   */
	uint32_t num_displays;
	uint64_t max_host_storage;   /* bytes of host surface storage     */
	uint64_t max_mob_pages;      /* total pages over all MOBs         */
	uint32_t max_objects;        /* per object table (surfaces, ...)  */
	/*
	 * Fault injection, for proving that coherency tests can fail: UPDATE
	 * commands (guest -> host) or READBACK commands (host -> guest) are
	 * validated and reported as done but move no data.  Off by default.
	 */
	bool drop_updates;
	bool drop_readbacks;
};

void svga_config_default(struct svga_config *cfg);

struct svga_dev;

struct svga_dev *svga_dev_new(const struct svga_config *cfg,
			      const struct svga_guest_mem_ops *mem,
			      const struct svga_callbacks *cb, void *opaque);
void svga_dev_free(struct svga_dev *dev);
/* Device reset: drops every object, queued buffer and register state. */
void svga_dev_reset(struct svga_dev *dev);

/* Registers: BAR0 on SVGA3; byte offset = index * 4. */
uint32_t svga_dev_reg_read(struct svga_dev *dev, uint32_t index);
void svga_dev_reg_write(struct svga_dev *dev, uint32_t index, uint32_t value);

/* Run queued command buffers.  Returns the number of buffers completed
 * (including failed ones). */
unsigned svga_dev_process(struct svga_dev *dev);
/* True when command buffers are queued on a running context. */
bool svga_dev_work_pending(const struct svga_dev *dev);

/* ---- capture (capture/svga_capture.c; format: README.md) ----------- */

/*
 * Records every register access, process call, reset and guest-memory
 * access of dev to the file at path, for tools/svga-replay.  A capture
 * begins on a device in its reset state: returns 0 when recording
 * started now (the guest has not touched the device yet), 1 when it is
 * armed and begins at the next svga_dev_reset(), -1 when the file cannot
 * be created (errno).  A running capture is stopped first.  An I/O error
 * or the size limit stops the capture with a guest-error log line.
 */
int svga_dev_capture_start(struct svga_dev *dev, const char *path);
/* Ends the capture (an END record) and closes the file; no-op when none. */
void svga_dev_capture_stop(struct svga_dev *dev);
/* File size limit in bytes for captures (0: the default, 4 GiB). */
void svga_dev_capture_set_limit(struct svga_dev *dev, uint64_t max_bytes);
/* 0: no capture, 1: armed (waits for a reset), 2: recording. */
int svga_dev_capture_state(const struct svga_dev *dev);

/* ---- statistics ---------------------------------------------------- */

/* Per command id slots: ids 0 .. SVGA_COUNTER_SLOTS-1 (2D and 3D ids). */
#define SVGA_COUNTER_SLOTS 3000

struct svga_counter {
	uint64_t count;          /* commands executed successfully        */
	uint64_t bytes_to_host;  /* guest -> host surface bytes (updates) */
	uint64_t bytes_to_guest; /* host -> guest surface bytes (readback)*/
};

struct svga_totals {
	struct svga_counter all;
	uint64_t cmd_errors;       /* commands that failed                 */
	uint64_t cmdbufs;          /* command buffers completed            */
	uint64_t cmdbuf_errors;    /* buffers finished with an error       */
	uint64_t host_storage;     /* bytes of surface storage in use      */
	uint64_t surfaces;         /* live surfaces                        */
	uint64_t mobs;             /* live MOBs                            */
};

/* Returns false if id is out of range. */
bool svga_dev_get_counter(const struct svga_dev *dev, uint32_t id,
			  struct svga_counter *out);
void svga_dev_get_totals(const struct svga_dev *dev, struct svga_totals *out);
void svga_dev_reset_counters(struct svga_dev *dev);
/* Name of a command id ("UPDATE_GB_IMAGE"), or NULL when unknown. */
const char *svga_cmd_name(uint32_t id);

/*
 * Guest-visible statistics window (see README.md): registers
 * SVGA_CSTATS_BASE .. +SVGA_CSTATS_REGS in the register index space.
 */
#define SVGA_CSTATS_BASE 0x3000u
enum {
	SVGA_CSTATS_MAGIC = 0,      /* RO: 'CSVG' = 0x43535647              */
	SVGA_CSTATS_VERSION = 1,    /* RO: 3 (see below)                    */
	SVGA_CSTATS_SELECT = 2,     /* RW: command id, or 0xffffffff=totals;
				     *     a write latches a snapshot        */
	SVGA_CSTATS_COUNT_LO = 3,   /* RO: latched values                   */
	SVGA_CSTATS_COUNT_HI = 4,
	SVGA_CSTATS_TO_HOST_LO = 5,
	SVGA_CSTATS_TO_HOST_HI = 6,
	SVGA_CSTATS_TO_GUEST_LO = 7,
	SVGA_CSTATS_TO_GUEST_HI = 8,
	SVGA_CSTATS_RESET = 9,      /* WO: write 1 to zero every counter    */
	SVGA_CSTATS_ERRORS_LO = 10, /* RO: latched command error total      */
	SVGA_CSTATS_ERRORS_HI = 11,
	SVGA_CSTATS_REGS = 12
};
#define SVGA_CSTATS_MAGIC_VALUE 0x43535647u
#define SVGA_CSTATS_SELECT_TOTALS 0xffffffffu
/*
 * Version 2: SELECT = SVGA_CSTATS_SELECT_RENDERER + one of enum
 * svga_renderer_counter latches that counter of the renderer into COUNT
 * (TO_HOST and TO_GUEST read 0); all read 0 without a renderer.
 */
#define SVGA_CSTATS_SELECT_RENDERER 0xffff0000u
/*
 * Version 3: SELECT = SVGA_CSTATS_SELECT_CMDBUFS latches the number of
 * command buffers completed without error (totals.cmdbufs) into COUNT, so
 * that a guest test can count the submissions a driver makes per frame.
 */
#define SVGA_CSTATS_SELECT_CMDBUFS 0xfffffffeu
enum svga_renderer_counter {
	SVGA_RSTAT_DRAWS,                 /* draws executed on the GPU     */
	SVGA_RSTAT_TRANSLATIONS,          /* shader variants translated    */
	SVGA_RSTAT_TRANSLATION_FAILURES,
	SVGA_RSTAT_SHADER_CACHE_HITS,
	SVGA_RSTAT_PIPELINE_CREATIONS,
	SVGA_RSTAT_PIPELINE_CACHE_HITS,
	SVGA_RSTAT_UPLOAD_BYTES,          /* host storage -> GPU           */
	SVGA_RSTAT_READBACK_BYTES,        /* GPU -> host storage           */
	SVGA_RSTAT_NUM
};
/* The renderer's counters for the window: read(opaque, out) fills out. */
void svga_dev_set_renderer_stats(struct svga_dev *dev,
				 void (*read)(void *opaque,
					      uint64_t out[SVGA_RSTAT_NUM]),
				 void *opaque);

/*
 * Per-phase time accounting (svga_phase.h), off by default: the clock
 * the core, the renderer glue and the renderer charge their time to.
 * Turn it on with svga_phase_enable(svga_dev_phase_clock(dev), true)
 * between calls; read it with svga_phase_read().  The core charges the
 * public entry points (registers, process, reset) to SVGA_PHASE_CORE; an
 * embedder may charge its guest-memory ops to SVGA_PHASE_GUEST_MEM.
 */
struct svga_phase_clock;
struct svga_phase_clock *svga_dev_phase_clock(struct svga_dev *dev);

/* ---- display ------------------------------------------------------- */

struct svga_scanout {
	uint32_t width, height;   /* screen target size                   */
	int32_t x, y;             /* root position                        */
	uint32_t format;          /* SVGA3dSurfaceFormat of the image     */
	uint32_t pitch;           /* bytes per row in data                */
	const uint8_t *data;      /* host storage of the bound image, or
				   * NULL when no surface is bound        */
};

/* Fill *out for screen target stid; false when it is not defined. */
bool svga_dev_get_scanout(const struct svga_dev *dev, uint32_t stid,
			  struct svga_scanout *out);

#ifdef __cplusplus
}
#endif

#endif
