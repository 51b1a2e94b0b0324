/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DXBC container assembly and its checksum (see svga_dxbc.h). */
#include "svga_dxbc.h"
#include "svga_md5.h"

#include <stdlib.h>
#include <string.h>

/* "DXBC", checksum, version, total size, chunk count. */
#define DXBC_HEADER_SIZE 32u
/* The checksum covers everything after the magic and the checksum. */
#define DXBC_CHECKSUM_SKIP 20u
/* Sizes and offsets are 32-bit fields. */
#define DXBC_MAX_SIZE 0xffffffffu

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* Chunks are laid out 4-byte aligned, as compilers emit them. */
static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

void *svga_dxbc_build(const struct svga_dxbc_chunk *chunks, unsigned count, size_t *size_out)
{
	size_t total, offset;
	uint8_t *buf, digest[16];
	struct svga_md5 md5;

	if (size_out)
		*size_out = 0;
	if (count && !chunks)
		return NULL;
	/* Header and chunk table, then each chunk: fourcc, size, payload. */
	if (count > (DXBC_MAX_SIZE - DXBC_HEADER_SIZE) / 4)
		return NULL;
	total = DXBC_HEADER_SIZE + (size_t)count * 4;
	for (unsigned i = 0; i < count; i++) {
		if (chunks[i].size && !chunks[i].data)
			return NULL;
		if (chunks[i].size > DXBC_MAX_SIZE - 8 - 3 ||
		    align4(chunks[i].size) + 8 > DXBC_MAX_SIZE - total)
			return NULL;
		total += 8 + align4(chunks[i].size);
	}

	buf = calloc(1, total);
	if (!buf)
		return NULL;
	memcpy(buf, "DXBC", 4);
	put_le32(buf + 20, 1);
	put_le32(buf + 24, (uint32_t)total);
	put_le32(buf + 28, count);
	offset = DXBC_HEADER_SIZE + (size_t)count * 4;
	for (unsigned i = 0; i < count; i++) {
		put_le32(buf + DXBC_HEADER_SIZE + 4 * i, (uint32_t)offset);
		put_le32(buf + offset, chunks[i].fourcc);
		put_le32(buf + offset + 4, (uint32_t)chunks[i].size);
		if (chunks[i].size)
			memcpy(buf + offset + 8, chunks[i].data, chunks[i].size);
		offset += 8 + align4(chunks[i].size);
	}

	svga_md5_init(&md5);
	svga_md5_update(&md5, buf + DXBC_CHECKSUM_SKIP, total - DXBC_CHECKSUM_SKIP);
	svga_md5_final_dxbc(&md5, digest);
	memcpy(buf + 4, digest, sizeof(digest));

	if (size_out)
		*size_out = total;
	return buf;
}
