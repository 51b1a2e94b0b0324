// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fuzz_cmdbuf mutator (fuzz/fuzz_cmdbuf_mutator.c), outside libFuzzer:
 * its outputs must stay within max_size, be the same for the same seed,
 * and mostly be well-formed command streams (every command a known id
 * with a consistent size) -- the property the fuzzer's coverage rests on.
 * libFuzzer's LLVMFuzzerMutate is replaced by a small deterministic byte
 * mutator.
 */
#include "harness.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1,
				 const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max_out, unsigned int seed);

static uint32_t stub_state = 1;

/* libFuzzer's stand-in: flips one byte, sometimes grows by one. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
{
	stub_state = stub_state * 1103515245u + 12345u;
	if (size < max_size && (stub_state >> 16) % 4 == 0)
		data[size++] = (uint8_t)(stub_state >> 8);
	if (size)
		data[(stub_state >> 16) % size] ^= (uint8_t)(1u + (stub_state >> 24) % 255);
	return size;
}

/* Every command after the flags byte: a known 3D id, its size inside. */
static bool well_formed(const uint8_t *d, size_t len)
{
	size_t pos = 1;

	while (pos < len) {
		uint32_t id, sz, fixed;

		if (len - pos < 8)
			return false;
		memcpy(&id, d + pos, 4);
		memcpy(&sz, d + pos + 4, 4);
		if (!svga_cmd_fixed_size(id, &fixed) || sz > len - pos - 8)
			return false;
		pos += 8 + sz;
	}
	return true;
}

static uint8_t seed_buf[4096], a[4096], b[4096];

int main(void)
{
	struct cbuf *c = calloc(1, sizeof(*c));
	SVGA3dCmdDXSetCOTable cot = { 1, 3, SVGA_COTABLE_BLENDSTATE, 0 };
	SVGA3dCmdDXSetBlendState sb = { 1, { 1, 1, 1, 1 }, 0xffffffff };
	SVGA3dCmdDXDraw d = { 3, 0 };
	SVGA3dCmdUpdateGBSurface us = { 2 };
	size_t seed_len, la, lb;
	unsigned good = 0, n = 4000;

	CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, cot);
	CMD(c, SVGA_3D_CMD_DX_SET_BLEND_STATE, sb);
	CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, us);
	CMD(c, SVGA_3D_CMD_DX_DRAW, d);
	seed_buf[0] = 1;
	memcpy(seed_buf + 1, c->data, c->len);
	seed_len = 1 + c->len;
	CHECK(well_formed(seed_buf, seed_len));

	for (unsigned s = 1; s <= n; s++) {
		memcpy(a, seed_buf, seed_len);
		memcpy(b, seed_buf, seed_len);
		stub_state = s;
		la = LLVMFuzzerCustomMutator(a, seed_len, sizeof(a), s);
		stub_state = s;
		lb = LLVMFuzzerCustomMutator(b, seed_len, sizeof(b), s);
		if (la != lb || memcmp(a, b, la)) {
			fprintf(stderr, "seed %u: two runs differ\n", s);
			CHECK(la == lb && !memcmp(a, b, la));
			break;
		}
		good += well_formed(a, la);
	}
	printf("%u of %u single mutations well formed\n", good, n);
	CHECK(good * 100 >= n * 80);      /* at least 80% */

	/* chains: each output is the next input; max_size is respected */
	la = seed_len;
	memcpy(a, seed_buf, seed_len);
	good = 0;
	for (unsigned s = 1; s <= n; s++) {
		size_t max = 256 + s % 3000;

		if (la > max)
			la = max;
		la = LLVMFuzzerCustomMutator(a, la, max, s);
		if (la > max) {
			fprintf(stderr, "step %u: %zu bytes > max %zu\n", s, la,
				max);
			CHECK(la <= max);
			break;
		}
		good += well_formed(a, la);
	}
	printf("%u of %u chained mutations well formed\n", good, n);
	CHECK(good * 100 >= n * 50);      /* chains: at least half */

	/* crossover of the seed with a mutant: bounded, well formed */
	memcpy(b, seed_buf, seed_len);
	lb = LLVMFuzzerCustomMutator(b, seed_len, sizeof(b), 7);
	for (unsigned s = 1; s <= 200; s++) {
		la = LLVMFuzzerCustomCrossOver(seed_buf, seed_len, seed_buf,
					       seed_len, a, 64, s);
		CHECK(la <= 64);
		CHECK(well_formed(a, la));
	}
	(void)lb;
	free(c);
	return t_report("test_cmdbuf_mutator");
}
