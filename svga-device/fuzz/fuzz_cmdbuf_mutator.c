// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Structure-aware mutation for fuzz_cmdbuf.
 *
 * Byte-level mutation of a command stream mostly breaks the first
 * command's header, and the device stops a command buffer at its first
 * error: coverage plateaus at the header checks.  This mutator parses the
 * input (flags byte, then SVGA3D commands: id, size, body) and edits it
 * command by command, so most outputs stay well formed:
 *   - new commands take their id from the device's command table and a
 *     body of the size the table checks (sometimes a few words more, for
 *     the variable-length arrays), filled with small object ids (0-15, so
 *     that defines and uses meet), zeros and boundary values;
 *   - body bytes go through LLVMFuzzerMutate, the header follows the
 *     body's new length;
 *   - commands are deleted, duplicated, swapped, re-typed, resized by a
 *     word, and single words set to interesting values;
 *   - crossover splices the command lists of two inputs.
 * One mutation in ten is libFuzzer's own on the whole input, so that
 * malformed headers and sizes stay covered.  Random choices come from a
 * generator seeded by libFuzzer's Seed: deterministic per seed.
 */
#include "svga_dev.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1,
				 const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max_out, unsigned int seed);

#define MAX_CMDS 256
#define MAX_BUF (1u << 16)
#define HDR 8u

struct cmd {
	uint32_t off, len;      /* in the source buffer, header included */
};

struct stream {
	const uint8_t *src;
	uint8_t flags;
	struct cmd c[MAX_CMDS];
	unsigned n;
	uint32_t tail_off, tail_len;   /* bytes that do not parse */
};

/* the device's 3D commands and the sizes of their fixed parts */
static uint32_t known_id[SVGA_3D_CMD_MAX - SVGA_3D_CMD_BASE];
static uint32_t known_size[SVGA_3D_CMD_MAX - SVGA_3D_CMD_BASE];
static unsigned n_known;

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*: small, fast, and reproducible from the seed */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n ? (uint32_t)((rng * 0x2545F4914F6CDD1Dull) >> 32) % n : 0;
}

static void init_table(void)
{
	if (n_known)
		return;
	for (uint32_t id = SVGA_3D_CMD_BASE; id < SVGA_3D_CMD_MAX; id++) {
		uint32_t sz;

		if (svga_cmd_fixed_size(id, &sz)) {
			known_id[n_known] = id;
			known_size[n_known++] = sz;
		}
	}
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void wr32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void parse(struct stream *s, const uint8_t *d, size_t size)
{
	uint32_t pos = 1;

	s->src = d;
	s->flags = size ? d[0] : 1;
	s->n = 0;
	while (pos + HDR <= size && s->n < MAX_CMDS) {
		uint32_t id = rd32(d + pos), sz = rd32(d + pos + 4);

		if (id < SVGA_3D_CMD_BASE || id >= SVGA_3D_CMD_MAX ||
		    sz > size - pos - HDR)
			break;
		s->c[s->n].off = pos;
		s->c[s->n++].len = HDR + sz;
		pos += HDR + sz;
	}
	s->tail_off = pos < size ? pos : (uint32_t)size;
	s->tail_len = (uint32_t)size - s->tail_off;
}

/* An interesting 32-bit value: mostly small ids, sometimes limits. */
static uint32_t value(void)
{
	static const uint32_t edge[] = {
		0xffffffffu, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0x10000,
		0xffff, 0x1000, 4096 * 64, 256, 255, 64, 32, 8192, 0x3f800000u,
	};
	uint32_t r = rnd(100);

	if (r < 55)
		return rnd(16);
	if (r < 70)
		return 0;
	if (r < 85)
		return edge[rnd(sizeof(edge) / sizeof(edge[0]))];
	if (r < 92)
		return 1u << rnd(32);
	return rnd(0xffffffffu) ^ (rnd(2) << 31);
}

/* A new command from the table into out; returns its length or 0. */
static uint32_t gen_cmd(uint8_t *out, uint32_t room)
{
	unsigned k = rnd(n_known);
	uint32_t body = known_size[k];

	if (rnd(10) < 3)
		body += 4 * (1 + rnd(8));
	else if (rnd(20) == 0 && body >= 4)
		body -= 4;     /* just short: the size check */
	if (HDR + body > room)
		return 0;
	wr32(out, known_id[k]);
	wr32(out + 4, body);
	for (uint32_t i = 0; i + 4 <= body; i += 4)
		wr32(out + HDR + i, value());
	return HDR + body;
}

/* Writes flags + the commands of s (order idx[0..n)) + tail into out. */
static size_t emit(const struct stream *s, const unsigned *idx, unsigned n,
		   bool tail, uint8_t *out, size_t max)
{
	size_t len = 1;

	if (!max)
		return 0;
	out[0] = s->flags;
	for (unsigned i = 0; i < n; i++) {
		const struct cmd *c = &s->c[idx[i]];

		if (len + c->len > max)
			break;
		memcpy(out + len, s->src + c->off, c->len);
		len += c->len;
	}
	if (tail && s->tail_len && len + s->tail_len <= max) {
		memcpy(out + len, s->src + s->tail_off, s->tail_len);
		len += s->tail_len;
	}
	return len;
}

static uint8_t work[MAX_BUF];
static uint8_t piece[MAX_BUF];

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	struct stream s;
	unsigned idx[MAX_CMDS + 1], n, op, at;
	size_t len;

	init_table();
	rng = 0x9E3779B97F4A7C15ull ^ ((uint64_t)seed << 1 | 1);
	if (max_size > MAX_BUF)
		max_size = MAX_BUF;
	if (size > max_size)
		size = max_size;
	op = rnd(100);
	if (op < 10 || size < 1)
		return LLVMFuzzerMutate(data, size, max_size);
	memcpy(work, data, size);
	parse(&s, work, size);
	n = s.n;
	for (unsigned i = 0; i < n; i++)
		idx[i] = i;
	at = rnd(n + 1);

	if (op < 32 || n == 0) {
		/* insert a new command before command `at` */
		uint32_t l;

		len = emit(&s, idx, at, false, data, max_size);
		l = gen_cmd(data + len, (uint32_t)(max_size - len));
		len += l;
		for (unsigned i = at; i < n; i++) {
			const struct cmd *c = &s.c[i];

			if (len + c->len > max_size)
				break;
			memcpy(data + len, work + c->off, c->len);
			len += c->len;
		}
		return len;
	}
	at = rnd(n);
	if (op < 52) {
		/* mutate one body with libFuzzer's byte mutations */
		const struct cmd *c = &s.c[at];
		uint32_t blen = c->len - HDR, room;
		size_t nb;

		len = emit(&s, idx, at, false, data, max_size);
		if (len + HDR > max_size)
			return len;
		room = (uint32_t)(max_size - len - HDR);
		if (room > blen + 64)
			room = blen + 64;   /* arrays grow by a few entries */
		if (room < blen)
			blen = room;
		memcpy(piece, work + c->off + HDR, blen);
		nb = blen ? LLVMFuzzerMutate(piece, blen, room) : 0;
		wr32(data + len, rd32(work + c->off));
		wr32(data + len + 4, (uint32_t)nb);
		memcpy(data + len + HDR, piece, nb);
		len += HDR + nb;
		for (unsigned i = at + 1; i < n; i++) {
			const struct cmd *d = &s.c[i];

			if (len + d->len > max_size)
				break;
			memcpy(data + len, work + d->off, d->len);
			len += d->len;
		}
		return len;
	}
	if (op < 72) {
		/* one word of one body set to an interesting value */
		const struct cmd *c = &s.c[at];
		uint32_t words = (c->len - HDR) / 4;

		len = emit(&s, idx, n, true, data, max_size);
		if (words && c->off + c->len <= len)
			wr32(data + c->off + HDR + 4 * rnd(words), value());
		return len;
	}
	if (op < 80) {
		/* delete command `at` */
		memmove(idx + at, idx + at + 1, (n - at - 1) * sizeof(*idx));
		return emit(&s, idx, n - 1, true, data, max_size);
	}
	if (op < 87 && n < MAX_CMDS) {
		/* duplicate command `at` to another place */
		unsigned to = rnd(n + 1), v = idx[at];

		memmove(idx + to + 1, idx + to, (n - to) * sizeof(*idx));
		idx[to] = v;
		return emit(&s, idx, n + 1, true, data, max_size);
	}
	if (op < 92) {
		/* swap two commands */
		unsigned b = rnd(n), v = idx[at];

		idx[at] = idx[b];
		idx[b] = v;
		return emit(&s, idx, n, true, data, max_size);
	}
	if (op < 95) {
		/* flags byte: DX context, NO_IRQ, device context */
		len = emit(&s, idx, n, true, data, max_size);
		data[0] ^= (uint8_t)(1u << rnd(3));
		return len;
	}
	/* re-type command `at`, or change its size by a word; the body
	 * keeps its bytes (zero-extended) */
	{
		const struct cmd *c = &s.c[at];
		uint32_t id = rd32(work + c->off), blen = c->len - HDR, nb;

		if (op < 98) {
			unsigned k = rnd(n_known);

			id = known_id[k];
			nb = rnd(2) ? known_size[k] : blen;
		} else {
			nb = rnd(2) ? blen + 4 : (blen >= 4 ? blen - 4 : 0);
		}
		len = emit(&s, idx, at, false, data, max_size);
		if (len + HDR + nb > max_size)
			return len;
		wr32(data + len, id);
		wr32(data + len + 4, nb);
		memset(data + len + HDR, 0, nb);
		memcpy(data + len + HDR, work + c->off + HDR,
		       nb < blen ? nb : blen);
		len += HDR + nb;
		for (unsigned i = at + 1; i < n; i++) {
			const struct cmd *d = &s.c[i];

			if (len + d->len > max_size)
				break;
			memcpy(data + len, work + d->off, d->len);
			len += d->len;
		}
		return len;
	}
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1,
				 const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max_out, unsigned int seed)
{
	static struct stream a, b;
	size_t len;
	unsigned cut_a, cut_b;

	init_table();
	rng = 0xD1B54A32D192ED03ull ^ ((uint64_t)seed << 1 | 1);
	parse(&a, d1, s1);
	parse(&b, d2, s2);
	cut_a = rnd(a.n + 1);
	cut_b = rnd(b.n + 1);
	if (!max_out)
		return 0;
	/* a's flags and first commands, then b's from cut_b on */
	out[0] = a.flags;
	len = 1;
	for (unsigned i = 0; i < cut_a; i++) {
		if (len + a.c[i].len > max_out)
			return len;
		memcpy(out + len, d1 + a.c[i].off, a.c[i].len);
		len += a.c[i].len;
	}
	for (unsigned i = cut_b; i < b.n; i++) {
		if (len + b.c[i].len > max_out)
			return len;
		memcpy(out + len, d2 + b.c[i].off, b.c[i].len);
		len += b.c[i].len;
	}
	return len;
}
