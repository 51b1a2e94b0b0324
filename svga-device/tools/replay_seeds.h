/* SPDX-License-Identifier: MIT */
/*
 * coherent-svga tools: svga-replay --cmdbufs DIR, the command buffers of
 * a recording as seeds for fuzz_cmdbuf.
 *
 * The core reads a command buffer in two guest-memory reads: its
 * SVGACBHeader at the address the guest wrote to COMMAND_LOW, then
 * header.length bytes at header.ptr.pa.  The replay shows every read it
 * serves to the writer; a header followed by its body becomes one file in
 * fuzz_cmdbuf's input layout (fuzz/fuzz_cmdbuf.c): a flags byte (bit 0 the
 * buffer ran on a DX context, bit 1 NO_IRQ), then the commands from
 * header.offset on.  Buffers in a MOB (SVGA_CB_FLAG_MOB) are read through
 * the MOB's pages and are not written.
 */
#ifndef SVGA_REPLAY_SEEDS_H
#define SVGA_REPLAY_SEEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct seed_writer {
	const char *dir;             /* NULL: off                          */
	bool have_header;
	uint8_t header[64];          /* the last header-sized read         */
	uint64_t written, failed;
};

/* A guest-memory read the replay served (buf holds what the core got). */
void seed_writer_read(struct seed_writer *w, uint64_t gpa, const void *buf,
		      size_t len);

#endif
