/* SPDX-License-Identifier: MIT */
/*
 * coherent-svga tools: reading a capture file (svga_capture_format.h),
 * with every length checked against the file before it is used.
 */
#ifndef SVGA_CAPTURE_READER_H
#define SVGA_CAPTURE_READER_H

#include "svga_core.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct cap_reader {
	FILE *f;
	uint64_t size;          /* bytes in the file                       */
	uint64_t off;           /* offset of the next record               */
	uint64_t recno;         /* number of the last record read (1-based) */
	uint8_t *buf;           /* the last record's payload                */
	size_t buf_cap;
	char err[256];          /* why the last call failed                 */
	/* the header */
	uint32_t version, flags;
	struct svga_config cfg;
};

/* A record; payload points into the reader's buffer until the next call. */
struct cap_rec {
	uint32_t type;
	uint32_t len;
	const uint8_t *payload;
	uint64_t offset;        /* file offset of the record                */
	/* decoded fields, by type */
	uint32_t a, b;          /* REG_*: index, value; PROCESS_DONE,
				 * END: a; DEVCAPS: max_array_layers, n    */
	uint64_t gpa;           /* MEM_*                                   */
	int32_t rc;             /* MEM_*                                   */
	const uint8_t *data;    /* MEM_*: len bytes (NULL when a failed
				 * read); DEVCAPS: n little-endian u32     */
	uint32_t data_len;
};

/* Opens path and reads its header: 0, or -1 with r->err set. */
int cap_open(struct cap_reader *r, const char *path);
void cap_close_reader(struct cap_reader *r);
/* The next record: 1, 0 at the end of the file (exactly at a record
 * boundary), -1 with r->err set (truncated, corrupt). */
int cap_next(struct cap_reader *r, struct cap_rec *rec);
const char *cap_type_name(uint32_t type);

#endif
