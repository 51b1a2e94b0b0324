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

#include "shader_asm.h"
#include "svga_shader.h"
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

enum { PS = 0, VS = 1, GS = 2 };
enum { K_VAL, K_RES, K_SAMP, K_UAV, K_STREAM };

/* What each operand position of the texture/memory/stream opcodes takes. */
static unsigned kind(unsigned op, unsigned i)
{
	switch (op) {
	case 45: case 46: case 61: return i == 2 ? K_RES : K_VAL;
	case 69: case 70: case 71: case 72: case 73: case 74: case 108: case 109: case 126:
		return i == 2 ? K_RES : i == 3 ? K_SAMP : K_VAL;
	case 127: case 128: return i == 3 ? K_RES : i == 4 ? K_SAMP : K_VAL;
	case 110: case 111: case 121: return i == 1 ? K_RES : K_VAL;
	case 163: case 165: return i == 2 ? K_UAV : K_VAL;
	case 164: case 166: case 169: case 170: case 171: case 172: case 173: case 174: case 175:
	case 176: case 177: return i == 0 ? K_UAV : K_VAL;
	case 180: case 181: case 182: case 183: case 184: case 185: case 186: case 187: case 188:
	case 189: return i == 1 ? K_UAV : K_VAL;
	case 117: case 118: case 119: return K_STREAM;
	default: return K_VAL;
	}
}

static int stage_of(unsigned op)
{
	if (op == 9 || op == 19 || op == 20 || (op >= 117 && op <= 119))
		return GS;
	if (op == 11 || op == 12 || op == 13 || (op >= 122 && op <= 125) || (op >= 203 && op <= 205))
		return PS;
	return VS;
}

/* Builds: declarations, then `op` with default operands, then ret. */
static size_t build(struct asm_buf *b, unsigned op, const struct svga_sh_opinfo *info)
{
	int st = stage_of(op);
	unsigned ndst = info->ndst, nsrc = info->nsrc;

	asm_begin(b, (unsigned)st, 5, 0);
	if (st == GS) {
		asm_op(b, 93, 3);
		asm_op(b, 92, 5);
		asm_op(b, 94, 0); asm_dw(b, 3);
		asm_op(b, 143, 0); asm_dw(b, O_TYPE(16) | O_NDIM(1)); asm_dw(b, 0);   /* dcl_stream m0 */
	}
	asm_op(b, 90, 0); reg0(b, T_SAMPLER, 0);
	asm_op(b, 88, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, 156, 1); reg0(b, 30, 0); asm_dw(b, 0x4444);     /* dcl_uav_typed buffer u0 */
	asm_op(b, 104, 0); asm_dw(b, 4);
	if (op == 107) {                  /* VMware IDIV */
		ndst = 2;
		nsrc = 2;
	}
	asm_op(b, op, op == 107 ? 0 : 0);
	for (unsigned i = 0; i < ndst + nsrc; i++) {
		switch (kind(op, i)) {
		case K_RES: src(b, T_RESOURCE, SWZ_XYZW, 0); break;
		case K_SAMP: reg0(b, T_SAMPLER, 0); break;
		case K_UAV:
			if (i < ndst)
				dst(b, 30, 0xf, 0);
			else
				src(b, 30, SWZ_XYZW, 0);
			break;
		case K_STREAM: asm_dw(b, O_TYPE(16) | O_NDIM(1)); asm_dw(b, 0); break;
		default:
			if (i < ndst)
				dst(b, T_TEMP, 0xf, i);
			else
				src(b, T_TEMP, SWZ_XYZW, i % 4);
		}
	}
	asm_op(b, 62, 0);
	return asm_finish(b);
}

static bool plain_instruction(unsigned op, const struct svga_sh_opinfo *info)
{
	return !(info->flags & (SVGA_SH_OP_DCL | SVGA_SH_OP_BLOCK)) &&
	       (!(info->flags & SVGA_SH_OP_SPECIAL) || op == 107);
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
		size = build(&b, (unsigned)op, info);
		if (svga_sh_parse(b.t, size, (unsigned)stage_of((unsigned)op), &p, &err) ||
		    svga_sh_validate(p, &err)) {
			CHECK(0, "%s (%d): %s", info->name, op, err.msg);
		} else {
			passed++;
		}
		svga_sh_program_free(p);
	}
	printf("ok instructions: %u of %u parse and validate in a minimal stream\n", passed, tried);
	printf("%s: %d failure(s)\n", __FILE__, failures);
	return failures ? 1 : 0;
}
