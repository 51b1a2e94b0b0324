// SPDX-License-Identifier: MIT
/*
 * Opcode coverage: every opcode Mesa 25.0.7's svga_tgsi_vgpu10.c
 * references (170, listed from its source) must be in the translator's
 * table; then every accepted instruction opcode goes through the parser
 * and validator in a minimal stream of the right stage and model, with
 * register operands of the kind each position takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shader_opcode_streams.h"
#include "svga_shader_opcodes.h"
#include "svga_shader_parse.h"
#include "svga_shader_validate.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

/* VGPU10_OPCODE_* names in Mesa 25.0.7's svga_tgsi_vgpu10.c, as numbers. */
static const unsigned mesa_opcodes[] = {
	0, 1, 2, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28,
	29, 30, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41, 42, 43, 45, 46, 47, 48, 49, 50, 51, 52, 53,
	54, 55, 56, 57, 58, 59, 60, 61, 62, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77,
	78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100,
	101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 113, 114, 115, 117, 118, 121, 126, 127,
	128, 129, 134, 135, 136, 137, 138, 139, 140, 141, 143, 147, 148, 149, 150, 151, 155, 156,
	157, 159, 161, 163, 164, 165, 166, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190,
	191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 210, 211,
	212, 214, 215, 216, 217,
};

static bool plain_instruction(unsigned op, const struct svga_sh_opinfo *info)
{
	return !(info->flags & (SVGA_SH_OP_DCL | SVGA_SH_OP_BLOCK)) &&
	       (!(info->flags & SVGA_SH_OP_SPECIAL) || op == 107);
}

/* First instruction with this opcode in a stream. */
static unsigned find_op(const struct asm_buf *b, unsigned opcode)
{
	for (unsigned pos = 2; pos < b->t[1];) {
		unsigned op = b->t[pos] & 0x7ff, len = (b->t[pos] >> 24) & 0x7f;

		if (op == opcode)
			return pos;
		if (!len)
			break;
		pos += len;
	}
	return 0;
}

/* The opcode's minimal stream, broken by `mutate`, rejected with `want`. */
static void reject_variant(unsigned op, void (*mutate)(struct asm_buf *b, unsigned at), const char *want)
{
	const struct svga_sh_opinfo *info = svga_sh_opinfo(op);
	struct svga_sh_program *p = NULL;
	struct svga_sh_error err = { 0 };
	struct asm_buf b;
	size_t size = shader_opcode_stream(&b, op, info->ndst, info->nsrc);
	int r;

	mutate(&b, find_op(&b, op));
	r = svga_sh_parse(b.t, size, (unsigned)shader_opcode_stage(op), &p, &err);
	if (!r)
		r = svga_sh_validate(p, &err);
	svga_sh_program_free(p);
	CHECK(r == -1 && strstr(err.msg, want), "%s variant: \"%s\" lacks \"%s\"", info->name, err.msg, want);
	if (r == -1 && strstr(err.msg, want))
		printf("ok rejected %s variant: %s\n", info->name, err.msg);
}

static void m_texture_for_buffer(struct asm_buf *b, unsigned at) { b->t[at + 4] = 0; }  /* bufinfo t0 */
static void m_no_double_flag(struct asm_buf *b, unsigned at) { (void)at; b->t[2] &= ~(2u << 11); }
static void m_sync_flags(struct asm_buf *b, unsigned at) { b->t[at] = (b->t[at] & ~(0x1fffu << 11)) | 1u << 11; }
static void m_atomic_mask(struct asm_buf *b, unsigned at) { b->t[at + 1] |= 0x2u << 4; }
static void m_compare_mask(struct asm_buf *b, unsigned at) { b->t[at + 1] |= 0x4u << 4; }
static void m_lod_mask(struct asm_buf *b, unsigned at) { b->t[at + 1] |= 0xcu << 4; }
static void m_eval_from_temp(struct asm_buf *b, unsigned at)
{
	b->t[at + 3] &= ~(0xffu << 12);   /* the interpolant v# becomes r# */
}
static void m_rov_flag(struct asm_buf *b, unsigned at)
{
	(void)at;
	b->t[find_op(b, 157)] |= 1u << 17;   /* dcl_uav_raw as a rasterizer-ordered view */
}
static void m_double_swizzle(struct asm_buf *b, unsigned at)
{
	b->t[at + 3] = (b->t[at + 3] & ~(0xffu << 4)) | O_SWZ(1, 0, 2, 3);   /* .yxzw */
}

/*
 * Mesa emits the bit operations in SM4.0/4.1 streams too (GLSL 1.30+
 * exposes MESA_shader_integer_functions; svga does not lower them), so a
 * vs_4_1 "op r0.x, r1.x..." must parse and validate.
 */
static void test_sm41_bit_ops(void)
{
	static const unsigned ops[] = { 134, 135, 136, 137, 138, 139, 140, 141 };
	unsigned passed = 0;

	for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		const struct svga_sh_opinfo *info = svga_sh_opinfo(ops[k]);
		struct svga_sh_program *p = NULL;
		struct svga_sh_error err = { 0 };
		struct asm_buf b;
		size_t size;

		asm_begin(&b, 1, 4, 1);
		asm_op(&b, 101, 0); dst(&b, T_OUTPUT, 0xf, 0);         /* dcl_output o0 */
		asm_op(&b, 104, 0); asm_dw(&b, 2);                     /* dcl_temps 2 */
		asm_op(&b, ops[k], 0); dst(&b, T_TEMP, 0x1, 0);
		for (unsigned s = 0; s < info->nsrc; s++)
			src(&b, T_TEMP, SWZ_XXXX, 1);
		asm_op(&b, 54, 0); dst(&b, T_OUTPUT, 0xf, 0); src(&b, T_TEMP, SWZ_XXXX, 0);
		asm_op(&b, 62, 0);
		size = asm_finish(&b);
		if (svga_sh_parse(b.t, size, 1, &p, &err) || svga_sh_validate(p, &err))
			CHECK(0, "%s in vs_4_1: %s", info->name, err.msg);
		else
			passed++;
		svga_sh_program_free(p);
	}
	printf("ok SM4.1 bit operations: %u of 8 parse and validate in vs_4_1\n", passed);
}

int main(void)
{
	unsigned n = sizeof(mesa_opcodes) / sizeof(mesa_opcodes[0]), have = 0, tried = 0, passed = 0;

	CHECK(n == 170, "Mesa list has %u opcodes", n);
	for (unsigned i = 0; i < n; i++) {
		if (svga_sh_opinfo(mesa_opcodes[i]))
			have++;
		else
			CHECK(0, "Mesa opcode %u not accepted", mesa_opcodes[i]);
	}
	printf("ok table: %u of %u Mesa opcodes accepted; %u opcodes in the table\n", have, n,
	       svga_sh_opcode_count());

	for (unsigned k = 0; k < svga_sh_opcode_count(); k++) {
		int op = svga_sh_opcode_at(k);
		const struct svga_sh_opinfo *info = svga_sh_opinfo((unsigned)op);
		struct svga_sh_program *p = NULL;
		struct svga_sh_error err = { 0 };
		struct asm_buf b;
		size_t size;

		if (!plain_instruction((unsigned)op, info))
			continue;
		tried++;
		size = shader_opcode_stream(&b, (unsigned)op, info->ndst, info->nsrc);
		if (svga_sh_parse(b.t, size, (unsigned)shader_opcode_stage((unsigned)op), &p, &err) ||
		    svga_sh_validate(p, &err)) {
			CHECK(0, "%s (%d): %s", info->name, op, err.msg);
		} else {
			passed++;
		}
		svga_sh_program_free(p);
	}
	printf("ok instructions: %u of %u parse and validate in a minimal stream\n", passed, tried);

	test_sm41_bit_ops();
	reject_variant(121, m_texture_for_buffer, "resource of dimension 3 not accepted");
	reject_variant(191, m_no_double_flag, "without dcl_globalflags enableDoublePrecisionFloatOps");
	reject_variant(190, m_sync_flags, "flags 0x1 outside a compute shader");
	reject_variant(180, m_atomic_mask, "atomic result needs one component");
	reject_variant(195, m_compare_mask, "at most two results");
	reject_variant(108, m_lod_mask, "result only in .xy");
	reject_variant(191, m_double_swizzle, "is not pairs");
	reject_variant(166, m_rov_flag, "unknown flag bits");
	reject_variant(205, m_eval_from_temp, "interpolant must be an input register");
	reject_variant(203, m_eval_from_temp, "interpolant must be an input register");
	printf("%s: %d failure(s)\n", __FILE__, failures);
	return failures ? 1 : 0;
}
