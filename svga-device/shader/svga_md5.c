/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MD5 as RFC 1321 specifies it, and DXBC's final-block variant. */
#include "svga_md5.h"

#include <string.h>

/* Per-step shift amounts, four per round. */
static const uint8_t md5_shift[4][4] = {
	{ 7, 12, 17, 22 }, { 5, 9, 14, 20 }, { 4, 11, 16, 23 }, { 6, 10, 15, 21 },
};

/* floor(abs(sin(i + 1)) * 2^32), computed once: RFC 1321's table T. */
static const uint32_t md5_sine[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
	0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void store_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static uint32_t rotl(uint32_t x, unsigned n)
{
	return x << n | x >> (32 - n);
}

static void md5_block(uint32_t state[4], const uint8_t block[64])
{
	uint32_t m[16], a = state[0], b = state[1], c = state[2], d = state[3];

	for (unsigned i = 0; i < 16; i++)
		m[i] = load_le32(block + 4 * i);
	for (unsigned i = 0; i < 64; i++) {
		unsigned round = i / 16, g;
		uint32_t f;

		switch (round) {
		case 0: f = (b & c) | (~b & d); g = i; break;
		case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
		case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
		default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
		}
		f += a + md5_sine[i] + m[g];
		a = d;
		d = c;
		c = b;
		b += rotl(f, md5_shift[round][i % 4]);
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
}

void svga_md5_init(struct svga_md5 *md5)
{
	md5->state[0] = 0x67452301;
	md5->state[1] = 0xefcdab89;
	md5->state[2] = 0x98badcfe;
	md5->state[3] = 0x10325476;
	md5->bytes = 0;
}

void svga_md5_update(struct svga_md5 *md5, const void *data, size_t size)
{
	const uint8_t *p = data;
	size_t used = md5->bytes % 64;

	md5->bytes += size;
	if (used) {
		size_t n = 64 - used < size ? 64 - used : size;

		memcpy(md5->block + used, p, n);
		p += n;
		size -= n;
		if (used + n < 64)
			return;
		md5_block(md5->state, md5->block);
	}
	for (; size >= 64; p += 64, size -= 64)
		md5_block(md5->state, p);
	memcpy(md5->block, p, size);
}

static void md5_digest(const struct svga_md5 *md5, uint8_t digest[16])
{
	for (unsigned i = 0; i < 4; i++)
		store_le32(digest + 4 * i, md5->state[i]);
}

void svga_md5_final(struct svga_md5 *md5, uint8_t digest[16])
{
	size_t used = md5->bytes % 64;
	uint64_t bits = md5->bytes * 8;

	md5->block[used++] = 0x80;
	if (used > 56) {
		memset(md5->block + used, 0, 64 - used);
		md5_block(md5->state, md5->block);
		used = 0;
	}
	memset(md5->block + used, 0, 56 - used);
	store_le32(md5->block + 56, (uint32_t)bits);
	store_le32(md5->block + 60, (uint32_t)(bits >> 32));
	md5_block(md5->state, md5->block);
	md5_digest(md5, digest);
}

void svga_md5_final_dxbc(struct svga_md5 *md5, uint8_t digest[16])
{
	size_t used = md5->bytes % 64;
	/* Both words are 32 bits wide: DXBC sizes are 32-bit. */
	uint32_t bits = (uint32_t)(md5->bytes * 8);
	uint32_t tail = (uint32_t)(md5->bytes * 2) | 1;
	uint8_t last[64];

	if (used + 1 > 56) {
		/* No room for the leading and trailing words. */
		md5->block[used] = 0x80;
		memset(md5->block + used + 1, 0, 64 - used - 1);
		md5_block(md5->state, md5->block);
		memset(last, 0, sizeof(last));
	} else {
		memset(last, 0, sizeof(last));
		memcpy(last + 4, md5->block, used);
		last[4 + used] = 0x80;
	}
	store_le32(last, bits);
	store_le32(last + 60, tail);
	md5_block(md5->state, last);
	md5_digest(md5, digest);
}
