/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MD5 (RFC 1321), with the variant of its final block that DXBC
 * containers use for their checksum.  Not for security: DXBC's checksum
 * is an integrity check that vkd3d-shader verifies.
 */
#ifndef SVGA_MD5_H
#define SVGA_MD5_H

#include <stddef.h>
#include <stdint.h>

struct svga_md5 {
	uint32_t state[4];
	uint64_t bytes;       /* bytes absorbed so far */
	uint8_t block[64];    /* pending input, bytes % 64 of it used */
};

void svga_md5_init(struct svga_md5 *md5);
void svga_md5_update(struct svga_md5 *md5, const void *data, size_t size);
/* RFC 1321's final block: 0x80, zeros, the bit length (64 bits) last. */
void svga_md5_final(struct svga_md5 *md5, uint8_t digest[16]);
/*
 * DXBC's final block: the bit length as a 32-bit word first, then the
 * pending bytes, 0x80, zeros, and (bytes * 2) | 1 as the last word.  When
 * the pending bytes leave no room for both words, they are closed with
 * 0x80 and zeros as usual and the two words go in one more block.
 */
void svga_md5_final_dxbc(struct svga_md5 *md5, uint8_t digest[16]);

#endif
