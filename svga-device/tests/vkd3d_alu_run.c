/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_vkd3d_alu's stream runner: the cs_5_0 records program around a
 * check's body, compiling it (test_vkd3d_common.h, with t0/s0 and the
 * rasterizer's sample count), running it on Vulkan, and comparing each
 * record's r2 with the C reference (run_check; the float tolerances are
 * in test_vkd3d_alu.c's header comment).
 */
#include "vkd3d_alu.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- running a stream --------------------------------------------------- */

/*
 * cs_5_0 over records: workgroup i loads in[i] (8 dwords) into r1 and r3,
 * fills r2 with SENTINEL, runs body(), stores r2 as out[i].  r0.xyz hold
 * the offsets (r0.z: the output's), r4..r7 are free for body.
 */
void store_r2(struct asm_buf *b)
{
	asm_op(b, OP_STORE_RAW, 0);
	dst(b, T_UAV, 0xf, 1);
	src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	src(b, T_TEMP, SWZ_XYZW, 2);
}

uint32_t records_sample_count;
const struct vk_compute_texture *records_texture;

static size_t records_program(struct asm_buf *b, void (*body)(struct asm_buf *b, const void *arg),
			      const void *arg)
{
	asm_begin(b, 5, 5, 0);
	asm_op(b, OP_DCL_THREAD_GROUP, 0); asm_dw(b, 1); asm_dw(b, 1); asm_dw(b, 1);
	if (records_texture) {
		/* texture2d of floats; a comparison sampler for a depth texture */
		/* a multisampled one: texture2dms(samples) */
		const uint32_t dim = records_texture->samples > 1 ?
				     4u | records_texture->samples << 5 : 3u;

		asm_op(b, OP_DCL_RESOURCE, dim); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
		asm_op(b, OP_DCL_SAMPLER, records_texture->depth ? 1 : 0); reg0(b, T_SAMPLER, 0);
	}
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 1);
	asm_op(b, OP_DCL_INPUT, 0); asm_dw(b, O_4C | O_MASK(1) | O_TYPE(T_THREAD_GROUP_ID));
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 8);
	asm_op(b, OP_ISHL, 0); dst(b, T_TEMP, 0x1, 0);
	asm_dw(b, O_4C | SWZ_XXXX | O_TYPE(T_THREAD_GROUP_ID)); imm1(b, 5);
	asm_op(b, OP_ISHL, 0); dst(b, T_TEMP, 0x4, 0);
	asm_dw(b, O_4C | SWZ_XXXX | O_TYPE(T_THREAD_GROUP_ID)); imm1(b, 4);
	asm_op(b, OP_IADD, 0); dst(b, T_TEMP, 0x2, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 16);
	asm_op(b, OP_LD_RAW, 0); dst(b, T_TEMP, 0xf, 1); src(b, T_TEMP, SWZ_XXXX, 0);
	src(b, T_UAV, SWZ_XYZW, 0);
	asm_op(b, OP_LD_RAW, 0); dst(b, T_TEMP, 0xf, 3); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 0);
	src(b, T_UAV, SWZ_XYZW, 0);
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xf, 2); imm4(b, SENTINEL, SENTINEL, SENTINEL, SENTINEL);
	body(b, arg);
	store_r2(b);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

/* DXBC (SHEX or SHDR) -> SPIR-V with u0..u(uavs-1) as storage buffers. */
int compile_stream_sig(const struct asm_buf *b, const struct sig *in, const struct sig *out,
		       unsigned uavs, struct vkd3d_shader_code *spirv)
{
	/* Every module gets t0 and s0 (unused by most): vk_compute binds
	 * them after the UAVs whether or not a texture is set. */
	const struct test_compile_options opt = {
		"test_vkd3d_alu", "alu-", true, records_sample_count,
	};
	size_t size;
	void *dxbc;
	int ret;

	if (uavs > 2)
		return -1;
	dxbc = test_dxbc_tokens(b->t, b->n, in, out, &size);
	if (!dxbc)
		return -1;
	ret = test_compile_with(dxbc, size, uavs, &opt, spirv);
	free(dxbc);
	return ret;
}

static int compile_stream(const struct asm_buf *b, struct vkd3d_shader_code *spirv)
{
	return compile_stream_sig(b, NULL, NULL, 2, spirv);
}

/* Runs the stream over n records; 0, or -1 after saying why. */
static int run_records(const struct asm_buf *b, const uint32_t (*in)[IN_WORDS],
		       uint32_t (*out)[4], unsigned n)
{
	uint32_t input[MAX_CASES][IN_WORDS];
	struct vk_compute_buffer bufs[2];
	struct vkd3d_shader_code spirv;
	char err[256];
	int ret;

	for (unsigned i = 0; i < n; i++)
		out[i][0] = out[i][1] = out[i][2] = out[i][3] = 0xdddddddd;
	if (n > MAX_CASES || compile_stream(b, &spirv) < 0) {
		fprintf(stderr, "stream does not compile\n");
		return -1;
	}
	memcpy(input, in, n * sizeof(input[0]));
	bufs[0] = (struct vk_compute_buffer){ input, n * sizeof(input[0]) };
	bufs[1] = (struct vk_compute_buffer){ out, n * sizeof(out[0]) };
	ret = vk_compute_run(vc, spirv.code, spirv.size, "main", bufs, 2, n, 1, 1, err, sizeof(err));
	vkd3d_shader_free_shader_code(&spirv);
	if (ret)
		fprintf(stderr, "vk_compute_run: %s\n", err);
	return ret;
}

/* ---- values and comparisons ------------------------------------------- */

/* Float order as integers: the distance is the ULP count. */
static int64_t float_order(uint32_t u)
{
	return u & 0x80000000u ? -(int64_t)(u & 0x7fffffffu) : (int64_t)u;
}

bool float_match(uint32_t got, uint32_t want, enum cmp how, double tol)
{
	float g = u2f(got), w = u2f(want);

	if (how == C_EXACT)
		return got == want;
	if (isnan(w))
		return isnan(g);
	if (isnan(g))
		return false;
	if (how == C_MINMAX)
		return got == want || (g == 0 && w == 0);
	if (isinf(w) || w == 0)
		return got == want;
	if (isinf(g))
		return false;
	if (how == C_ABS)
		return fabs((double)g - (double)w) <= tol;
	return llabs(float_order(got) - float_order(want)) <= (int64_t)tol;
}

/* ---- a check over its cases ------------------------------------------------ */

unsigned run_check(const struct check *t)
{
	uint32_t in[MAX_CASES][IN_WORDS], out[MAX_CASES][4];
	unsigned right = 0, n = t->ncases;
	struct asm_buf b;

	CHECK(n <= MAX_CASES);
	if (n > MAX_CASES)
		return n;
	for (unsigned i = 0; i < n; i++)
		memcpy(in[i], t->cases[i].u, sizeof(in[i]));
	records_program(&b, t->body, t->arg);
	CHECK(run_records(&b, (const uint32_t (*)[IN_WORDS])in, out, n) == 0);
	for (unsigned i = 0; i < n; i++) {
		uint32_t want[4] = { SENTINEL, SENTINEL, SENTINEL, SENTINEL };
		bool ok = true;

		t->ref(in[i], want);
		for (unsigned c = 0; c < 4; c++) {
			bool match = t->mask & 1u << c ?
				float_match(out[i][c], want[c], t->how, t->tol) ||
				(t->alt_ok && t->alt_ok(in[i], out[i][c])) :
				out[i][c] == SENTINEL;

			if (!match) {
				fprintf(stderr, "%s case %u (%#x %#x %#x %#x / %#x %#x %#x %#x): .%c = %#x (%g), want %#x (%g)\n",
					t->name, i, in[i][0], in[i][1], in[i][2], in[i][3], in[i][4], in[i][5],
					in[i][6], in[i][7], "xyzw"[c], out[i][c], u2f(out[i][c]), want[c],
					u2f(want[c]));
				ok = false;
			}
		}
		CHECK(ok);
		right += ok;
	}
	printf("%-16s %2u of %2u cases right\n", t->name, right, n);
	for (const unsigned *op = t->opcodes; *op != ~0u; op++)
		mark_result(*op, right == n);
	return n - right;
}
