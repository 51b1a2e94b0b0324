/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, leaf layer: logging and statistics.
 *
 * Every other layer reports guest errors, traces and moved bytes here.  This
 * layer calls nobody but libc and the embedder's log callbacks, so it can
 * sit under everything without closing a circle.
 */
#ifndef SVGA_LOG_H
#define SVGA_LOG_H

#include "svga_core.h"

#include <stdbool.h>
#include <stdint.h>

struct svga_log {
	/* embedder callbacks (either may be NULL) and their argument */
	void (*guest_error)(void *opaque, const char *msg);
	void (*trace)(void *opaque, const char *msg);
	void *opaque;
	/* name of the SVGA3D command being run, or NULL: guest errors are
	 * prefixed with it, so every message names its command */
	const char *cmd_name;

	/* statistics */
	uint32_t cmd_id;                 /* command being executed: bytes
					  * moved are counted against it     */
	struct svga_counter *counters;   /* SVGA_COUNTER_SLOTS entries       */
	struct svga_totals totals;       /* the object figures (surfaces,
					  * mobs, host_storage) are filled by
					  * the device when it reports them   */
};

/* Returns 0, or -1 when the counters cannot be allocated. */
int svga_log_init(struct svga_log *log, const struct svga_callbacks *cb,
		  void *opaque);
void svga_log_fini(struct svga_log *log);

/* A guest programming error (the embedder logs it as LOG_GUEST_ERROR). */
void svga_guest_error(struct svga_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Verbose trace of what the device does. */
void svga_trace(struct svga_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- statistics (svga_stats.c) ---- */

/* A command starts: later byte counts are charged to id. */
void svga_stats_cmd_begin(struct svga_log *log, uint32_t id);
/* The command ended, successfully or not. */
void svga_stats_cmd_end(struct svga_log *log, uint32_t id, bool ok);
/* Surface bytes moved by the current command. */
void svga_stats_bytes(struct svga_log *log, bool to_host, uint64_t bytes);
/* A command buffer finished, with or without an error. */
void svga_stats_cmdbuf(struct svga_log *log, bool ok);
bool svga_stats_counter(const struct svga_log *log, uint32_t id,
			struct svga_counter *out);
void svga_stats_reset(struct svga_log *log);

#endif
