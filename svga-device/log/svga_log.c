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
	const char *name = log->cmd_name;
	size_t n = name ? strlen(name) : 0;
	char msg[256], buf[320];
	va_list ap;

	if (!log->guest_error)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n && strncmp(msg, name, n) != 0) {
		snprintf(buf, sizeof(buf), "%s: %s", name, msg);
		log->guest_error(log->opaque, buf);
	} else {
		log->guest_error(log->opaque, msg);
	}
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
