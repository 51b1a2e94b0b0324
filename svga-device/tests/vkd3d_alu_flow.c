/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_vkd3d_alu's control-flow checks: if/else, loop with break(c) and
 * continue(c), switch/case/default with a fall-through, ret/retc and nop,
 * each a records-program body (vkd3d_alu_run.c) against a C model of the
 * same flow.
 */
#include "vkd3d_alu.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- control flow ---------------------------------------------------------- */

/* The test-nonzero/zero forms of if, breakc, continuec, retc. */
static void cond(struct asm_buf *b, unsigned opcode, bool nz, unsigned reg, unsigned comp)
{
	asm_op(b, opcode, nz ? TEST_NZ : 0);
	src(b, T_TEMP, O_SWZ(comp, comp, comp, comp), reg);
}

static void mov_comp(struct asm_buf *b, unsigned dreg, unsigned dcomp, unsigned sreg, unsigned scomp)
{
	asm_op(b, OP_MOV, 0);
	dst(b, T_TEMP, 1u << dcomp, dreg);
	src(b, T_TEMP, O_SWZ(scomp, scomp, scomp, scomp), sreg);
}

static void mov_imm(struct asm_buf *b, unsigned dreg, unsigned dcomp, uint32_t v)
{
	asm_op(b, OP_MOV, 0);
	dst(b, T_TEMP, 1u << dcomp, dreg);
	imm1(b, v);
}

/* if_nz x { r2.x = y } else { r2.x = z }; if_z x { r2.y = w } */
static void body_if(struct asm_buf *b, const void *arg)
{
	(void)arg;
	cond(b, OP_IF, true, 1, 0);
	mov_comp(b, 2, 0, 1, 1);
	asm_op(b, OP_ELSE, 0);
	mov_comp(b, 2, 0, 1, 2);
	asm_op(b, OP_ENDIF, 0);
	cond(b, OP_IF, false, 1, 0);
	mov_comp(b, 2, 1, 1, 3);
	asm_op(b, OP_ENDIF, 0);
}

static void ref_if(const uint32_t *in, uint32_t *out)
{
	out[0] = in[0] ? in[1] : in[2];
	if (!in[0])
		out[1] = in[3];
}

/*
 * i = sum = iters = 0;
 * loop { if (i >= n) breakc; i++; iters++; if (!(i & 3)) continuec;
 *        sum += i; if (sum > limit) { break; } continue; }
 * r2 = (sum, iters, i)
 */
static void body_loop(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xf, 4); imm4(b, 0, 0, 0, 0);
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xf, 5); imm4(b, 0, 0, 0, 0);
	asm_op(b, OP_LOOP, 0);
	asm_op(b, OP_IGE, 0); dst(b, T_TEMP, 0x2, 4); src(b, T_TEMP, SWZ_XXXX, 4); src(b, T_TEMP, SWZ_XXXX, 1);
	cond(b, OP_BREAKC, true, 4, 1);
	asm_op(b, OP_IADD, 0); dst(b, T_TEMP, 0x1, 4); src(b, T_TEMP, SWZ_XXXX, 4); imm1(b, 1);
	asm_op(b, OP_IADD, 0); dst(b, T_TEMP, 0x2, 5); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 5); imm1(b, 1);
	asm_op(b, OP_AND, 0); dst(b, T_TEMP, 0x4, 4); src(b, T_TEMP, SWZ_XXXX, 4); imm1(b, 3);
	cond(b, OP_CONTINUEC, false, 4, 2);
	asm_op(b, OP_IADD, 0); dst(b, T_TEMP, 0x1, 5); src(b, T_TEMP, SWZ_XXXX, 5); src(b, T_TEMP, SWZ_XXXX, 4);
	asm_op(b, OP_ULT, 0); dst(b, T_TEMP, 0x8, 4); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 1);
	src(b, T_TEMP, SWZ_XXXX, 5);
	cond(b, OP_IF, true, 4, 3);
	asm_op(b, OP_BREAK, 0);
	asm_op(b, OP_ENDIF, 0);
	asm_op(b, OP_CONTINUE, 0);
	asm_op(b, OP_ENDLOOP, 0);
	mov_comp(b, 2, 0, 5, 0);
	mov_comp(b, 2, 1, 5, 1);
	mov_comp(b, 2, 2, 4, 0);
}

static void ref_loop(const uint32_t *in, uint32_t *out)
{
	uint32_t i = 0, sum = 0, iters = 0;

	for (;;) {
		if ((int32_t)i >= (int32_t)in[0])
			break;
		i++;
		iters++;
		if (!(i & 3))
			continue;
		sum += i;
		if (in[1] < sum)
			break;
	}
	out[0] = sum;
	out[1] = iters;
	out[2] = i;
}

/* switch x { 0: 10; 1, 2: 20; 0xffffffff: 40; default: 30 }; then r2.y = 1. */
static void body_switch(struct asm_buf *b, const void *arg)
{
	static const uint32_t values[][2] = { { 0, 10 }, { 2, 20 }, { 0xffffffffu, 40 } };

	(void)arg;
	asm_op(b, OP_SWITCH, 0); src(b, T_TEMP, SWZ_XXXX, 1);
	for (unsigned k = 0; k < 3; k++) {
		if (k == 1) {
			asm_op(b, OP_CASE, 0); imm1(b, 1);      /* falls into case 2 */
		}
		asm_op(b, OP_CASE, 0); imm1(b, values[k][0]);
		mov_imm(b, 2, 0, values[k][1]);
		asm_op(b, OP_BREAK, 0);
	}
	asm_op(b, OP_DEFAULT, 0);
	mov_imm(b, 2, 0, 30);
	asm_op(b, OP_BREAK, 0);
	asm_op(b, OP_ENDSWITCH, 0);
	mov_imm(b, 2, 1, 1);
}

static void ref_switch(const uint32_t *in, uint32_t *out)
{
	switch (in[0]) {
	case 0: out[0] = 10; break;
	case 1: case 2: out[0] = 20; break;
	case 0xffffffffu: out[0] = 40; break;
	default: out[0] = 30; break;
	}
	out[1] = 1;
}

/*
 * r2.x = y; store; retc_nz x; if_nz z { ret } r2.x = w (stored again by
 * the program's tail): a return leaves the first store.
 */
static void body_ret(struct asm_buf *b, const void *arg)
{
	(void)arg;
	mov_comp(b, 2, 0, 1, 1);
	store_r2(b);
	cond(b, OP_RETC, true, 1, 0);
	cond(b, OP_IF, true, 1, 2);
	asm_op(b, OP_RET, 0);
	asm_op(b, OP_ENDIF, 0);
	mov_comp(b, 2, 0, 1, 3);
}

static void ref_ret(const uint32_t *in, uint32_t *out)
{
	out[0] = in[0] || in[2] ? in[1] : in[3];
}

/* nop between two moves changes nothing. */
static void body_nop(struct asm_buf *b, const void *arg)
{
	(void)arg;
	mov_comp(b, 2, 0, 1, 0);
	asm_op(b, OP_NOP, 0);
	mov_comp(b, 2, 1, 1, 1);
}

static void ref_nop(const uint32_t *in, uint32_t *out)
{
	out[0] = in[0];
	out[1] = in[1];
}

CASES(if_cases, UC_(0, 1, 2, 3), UC_(1, 4, 5, 6), UC_(0x80000000u, 7, 8, 9),
      UC_(0xffffffffu, 10, 11, 12), UC_(0x7fc00000u, 13, 14, 15));
/* n, limit */
CASES(loop_cases, UC_(0, 1000), UC_(1, 1000), UC_(5, 1000), UC_(10, 1000), UC_(10, 20),
      UC_(100, 50), UC_(7, 0), UC_(20, 0xffffffffu), UC_(0xffffffffu, 1000), UC_(4, 6));
CASES(switch_cases, UC_(0), UC_(1), UC_(2), UC_(3), UC_(0xffffffffu), UC_(100), UC_(0x80000000u));
CASES(ret_cases, UC_(0, 1, 0, 2), UC_(1, 3, 0, 4), UC_(0, 5, 1, 6), UC_(0x80000000u, 7, 1, 8),
      UC_(0, 9, 0x80000000u, 10));
CASES(nop_cases, UC_(1, 2), UC_(0xdeadbeefu, 0x7fc00001u));

unsigned run_flow(void)
{
	static const unsigned if_ops[] = { OP_IF, OP_ELSE, OP_ENDIF, ~0u };
	static const unsigned loop_ops[] = { OP_LOOP, OP_ENDLOOP, OP_BREAK, OP_BREAKC, OP_CONTINUE,
					     OP_CONTINUEC, ~0u };
	static const unsigned switch_ops[] = { OP_SWITCH, OP_CASE, OP_DEFAULT, OP_ENDSWITCH, ~0u };
	static const unsigned ret_ops[] = { OP_RET, OP_RETC, ~0u };
	static const unsigned nop_ops[] = { OP_NOP, ~0u };
	const struct check checks[] = {
		{ "if/else/endif", body_if, NULL, ref_if, if_cases, N(if_cases), 0xf, C_EXACT, 0, NULL,
		  if_ops },
		{ "loop/break(c)/continue(c)", body_loop, NULL, ref_loop, loop_cases, N(loop_cases), 0xf,
		  C_EXACT, 0, NULL, loop_ops },
		{ "switch/case/default", body_switch, NULL, ref_switch, switch_cases, N(switch_cases), 0xf,
		  C_EXACT, 0, NULL, switch_ops },
		{ "ret/retc", body_ret, NULL, ref_ret, ret_cases, N(ret_cases), 0xf, C_EXACT, 0, NULL,
		  ret_ops },
		{ "nop", body_nop, NULL, ref_nop, nop_cases, N(nop_cases), 0xf, C_EXACT, 0, NULL, nop_ops },
	};
	unsigned wrong = 0;

	for (unsigned k = 0; k < N(checks); k++)
		wrong += run_check(&checks[k]);
	return wrong;
}
