/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga: the capture file format, shared by the recorder in the
 * device core (svga_capture.c) and the replay tool (tools/svga_replay.c).
 * Every integer is little-endian and unaligned; README.md describes the
 * layout.  Nothing here depends on the host's struct layout.
 */
#ifndef SVGA_CAPTURE_FORMAT_H
#define SVGA_CAPTURE_FORMAT_H

#include <stdint.h>

#define SVGA_CAP_MAGIC "CSVGCAP\0"     /* 8 bytes                        */
#define SVGA_CAP_MAGIC_LEN 8u
#define SVGA_CAP_VERSION 1u

/* header flags */
#define SVGA_CAP_HDR_SYNC 1u   /* the embedder had no kick callback: the
				* core ran queued buffers inside the
				* COMMAND_LOW register write            */

/* config flags (struct svga_config's bools) */
#define SVGA_CAP_CFG_DROP_UPDATES 1u
#define SVGA_CAP_CFG_DROP_READBACKS 2u

/* The config block: 10 u32, 2 u64, 1 u32 (max_objects), 1 u32 (flags). */
#define SVGA_CAP_CONFIG_LEN (10u * 4u + 2u * 8u + 4u + 4u)

/* A record: u32 type, u32 payload length, payload. */
#define SVGA_CAP_REC_HDR_LEN 8u

enum svga_cap_record {
	SVGA_CAP_REG_WRITE = 1,    /* u32 index, u32 value                 */
	SVGA_CAP_REG_READ = 2,     /* u32 index, u32 value returned        */
	SVGA_CAP_PROCESS = 3,      /* empty: svga_dev_process() begins     */
	SVGA_CAP_PROCESS_DONE = 4, /* u32 buffers completed                */
	SVGA_CAP_MEM_READ = 5,     /* u64 gpa, u32 len, i32 rc, rc == 0:
				    * len bytes read                       */
	SVGA_CAP_MEM_WRITE = 6,    /* u64 gpa, u32 len, i32 rc, len bytes
				    * the device wrote                     */
	SVGA_CAP_RESET = 7,        /* empty: svga_dev_reset()              */
	SVGA_CAP_DEVCAPS = 8,      /* u32 max_array_layers, u32 n, n u32   */
	SVGA_CAP_END = 9,          /* u32 why (enum svga_cap_end)          */
	SVGA_CAP_RESET_COUNTERS = 10, /* empty: svga_dev_reset_counters()  */
};

enum svga_cap_end {
	SVGA_CAP_END_STOPPED = 0,  /* svga_dev_capture_stop() or a restart */
	SVGA_CAP_END_LIMIT = 1,    /* the size limit was reached: the last
				    * call may be cut short                */
};

/* MEM_READ / MEM_WRITE payload before the bytes */
#define SVGA_CAP_MEM_HDR_LEN 16u

static inline void svga_cap_put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void svga_cap_put64(uint8_t *p, uint64_t v)
{
	for (unsigned i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint32_t svga_cap_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t svga_cap_get64(const uint8_t *p)
{
	return (uint64_t)svga_cap_get32(p) |
	       (uint64_t)svga_cap_get32(p + 4) << 32;
}

#endif
