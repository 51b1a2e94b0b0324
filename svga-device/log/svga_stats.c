// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, leaf layer: per-command counters (commands
 * executed, bytes moved guest -> host and host -> guest) and totals.
 */
#include "svga_log.h"

#include <string.h>

void svga_stats_cmd_begin(struct svga_log *log, uint32_t id)
{
	log->cmd_id = id;
}

void svga_stats_cmd_end(struct svga_log *log, uint32_t id, bool ok)
{
	if (!ok) {
		log->totals.cmd_errors++;
		return;
	}
	if (id < SVGA_COUNTER_SLOTS)
		log->counters[id].count++;
	log->totals.all.count++;
}

void svga_stats_bytes(struct svga_log *log, bool to_host, uint64_t bytes)
{
	uint32_t id = log->cmd_id;

	if (to_host) {
		log->totals.all.bytes_to_host += bytes;
		if (id < SVGA_COUNTER_SLOTS)
			log->counters[id].bytes_to_host += bytes;
	} else {
		log->totals.all.bytes_to_guest += bytes;
		if (id < SVGA_COUNTER_SLOTS)
			log->counters[id].bytes_to_guest += bytes;
	}
}

void svga_stats_cmdbuf(struct svga_log *log, bool ok)
{
	if (ok)
		log->totals.cmdbufs++;
	else
		log->totals.cmdbuf_errors++;
}

bool svga_stats_counter(const struct svga_log *log, uint32_t id,
			struct svga_counter *out)
{
	if (id >= SVGA_COUNTER_SLOTS)
		return false;
	*out = log->counters[id];
	return true;
}

void svga_stats_reset(struct svga_log *log)
{
	memset(log->counters, 0,
	       sizeof(*log->counters) * SVGA_COUNTER_SLOTS);
	memset(&log->totals, 0, sizeof(log->totals));
}
