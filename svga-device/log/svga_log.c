// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, leaf layer: guest-error and trace messages,
 * formatted here and handed to the embedder's callbacks.
 */
#include "svga_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int svga_log_init(struct svga_log *log, const struct svga_callbacks *cb,
		  void *opaque)
{
	memset(log, 0, sizeof(*log));
	if (cb) {
		log->guest_error = cb->guest_error;
		log->trace = cb->trace;
	}
	log->opaque = opaque;
	log->counters = calloc(SVGA_COUNTER_SLOTS, sizeof(*log->counters));
	return log->counters ? 0 : -1;
}

void svga_log_fini(struct svga_log *log)
{
	free(log->counters);
	log->counters = NULL;
}

static void emit(void (*fn)(void *, const char *), void *opaque,
		 const char *fmt, va_list ap)
{
	char buf[256];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fn(opaque, buf);
}

void svga_guest_error(struct svga_log *log, const char *fmt, ...)
{
	va_list ap;

	if (!log->guest_error)
		return;
	va_start(ap, fmt);
	emit(log->guest_error, log->opaque, fmt, ap);
	va_end(ap);
}

void svga_trace(struct svga_log *log, const char *fmt, ...)
{
	va_list ap;

	if (!log->trace)
		return;
	va_start(ap, fmt);
	emit(log->trace, log->opaque, fmt, ap);
	va_end(ap);
}
