/* SPDX-License-Identifier: MIT */
/*
 * A tiny assembler for hand-written VGPU10 token streams in the form
 * Mesa's svga driver emits them (tests and fuzz seeds).  Instruction
 * lengths and the length token are filled in by the assembler so that a
 * test can then break them on purpose.
 */
#ifndef SHADER_ASM_H
#define SHADER_ASM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ASM_MAX 1024

struct asm_buf {
	uint32_t t[ASM_MAX];
	unsigned n;
	int inst;          /* start of the open instruction, -1 none */
};

/* Operand token 0 fields. */
#define O_TYPE(t)    ((uint32_t)(t) << 12)
#define O_NDIM(d)    ((uint32_t)(d) << 20)
#define O_REP(i, r)  ((uint32_t)(r) << (22 + 3 * (i)))
#define O_4C         2u
#define O_1C         1u
#define O_MASK(m)    ((uint32_t)(m) << 4)               /* mask mode */
#define O_SWZ(x, y, z, w) (1u << 2 | (uint32_t)((x) | (y) << 2 | (z) << 4 | (w) << 6) << 4)
#define O_SEL(c)     (2u << 2 | (uint32_t)(c) << 4)
#define SWZ_XYZW     O_SWZ(0, 1, 2, 3)
#define SWZ_XXXX     O_SWZ(0, 0, 0, 0)

/* Operand types and opcodes used by the tests. */
enum { T_TEMP = 0, T_INPUT = 1, T_OUTPUT = 2, T_XTEMP = 3, T_IMM32 = 4, T_SAMPLER = 6,
       T_RESOURCE = 7, T_CB = 8, T_ICB = 9, T_PRIMID = 11, T_DEPTH = 12, T_NULL = 13 };

static inline void asm_end(struct asm_buf *b)
{
	if (b->inst >= 0 && (b->t[b->inst] & 0x7ffu) != 53)
		b->t[b->inst] |= (uint32_t)(b->n - (unsigned)b->inst) << 24;
	b->inst = -1;
}

static inline void asm_dw(struct asm_buf *b, uint32_t v)
{
	if (b->n < ASM_MAX)
		b->t[b->n++] = v;
}

static inline void asm_begin(struct asm_buf *b, unsigned type, unsigned major, unsigned minor)
{
	memset(b, 0, sizeof(*b));
	b->inst = -1;
	asm_dw(b, (uint32_t)type << 16 | major << 4 | minor);
	asm_dw(b, 0);
}

/* Opens an instruction: opcode plus its bits 11..23. */
static inline void asm_op(struct asm_buf *b, unsigned opcode, uint32_t field)
{
	asm_end(b);
	b->inst = (int)b->n;
	asm_dw(b, opcode | field << 11);
}

/* Closes the stream: returns its size in bytes. */
static inline size_t asm_finish(struct asm_buf *b)
{
	asm_end(b);
	b->t[1] = b->n;
	return (size_t)b->n * 4;
}

/* Register operands. */
static inline void dst(struct asm_buf *b, unsigned type, unsigned mask, uint32_t idx)
{
	asm_dw(b, O_4C | O_MASK(mask) | O_TYPE(type) | O_NDIM(1));
	asm_dw(b, idx);
}

static inline void src(struct asm_buf *b, unsigned type, uint32_t swz, uint32_t idx)
{
	asm_dw(b, O_4C | swz | O_TYPE(type) | O_NDIM(1));
	asm_dw(b, idx);
}

static inline void src2(struct asm_buf *b, unsigned type, uint32_t swz, uint32_t i0, uint32_t i1)
{
	asm_dw(b, O_4C | swz | O_TYPE(type) | O_NDIM(2));
	asm_dw(b, i0);
	asm_dw(b, i1);
}

static inline void dst2(struct asm_buf *b, unsigned type, unsigned mask, uint32_t i0, uint32_t i1)
{
	asm_dw(b, O_4C | O_MASK(mask) | O_TYPE(type) | O_NDIM(2));
	asm_dw(b, i0);
	asm_dw(b, i1);
}

/* A 0-component register with one index (s#, t#). */
static inline void reg0(struct asm_buf *b, unsigned type, uint32_t idx)
{
	asm_dw(b, O_TYPE(type) | O_NDIM(1));
	asm_dw(b, idx);
}

static inline void null_dst(struct asm_buf *b)
{
	asm_dw(b, O_TYPE(T_NULL));
}

static inline void imm4(struct asm_buf *b, uint32_t x, uint32_t y, uint32_t z, uint32_t w)
{
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_IMM32));
	asm_dw(b, x);
	asm_dw(b, y);
	asm_dw(b, z);
	asm_dw(b, w);
}

static inline void imm1(struct asm_buf *b, uint32_t x)
{
	asm_dw(b, O_1C | O_TYPE(T_IMM32));
	asm_dw(b, x);
}

/* reg[imm + rel.c]: relative on index `which` of a 1- or 2-D operand. */
static inline void src_rel(struct asm_buf *b, unsigned type, uint32_t swz, unsigned ndim,
			   uint32_t i0, uint32_t imm, unsigned rel_temp, unsigned comp)
{
	if (ndim == 1) {
		asm_dw(b, O_4C | swz | O_TYPE(type) | O_NDIM(1) | O_REP(0, 3));
	} else {
		asm_dw(b, O_4C | swz | O_TYPE(type) | O_NDIM(2) | O_REP(1, 3));
		asm_dw(b, i0);
	}
	asm_dw(b, imm);
	asm_dw(b, O_4C | O_SEL(comp) | O_TYPE(T_TEMP) | O_NDIM(1));
	asm_dw(b, rel_temp);
}

/* ps_4_0 writing its linear input v1 to o0: the pixel shader of the
 * backend tests that draw interpolated vertex colours. */
/* vs: o0 = v0 (position, SV_Position), o1 = v1 (colour) */
static inline size_t asm_vs_position_color(struct asm_buf *b)
{
	asm_begin(b, 1 /* vertex */, 4, 0);
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 0);      /* dcl_input v0 */
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 1);      /* dcl_input v1 */
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0);    /* dcl_output_siv o0 */
	asm_dw(b, 1 /* position */);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 1);    /* dcl_output o1 */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);  /* mov */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 1); src(b, T_INPUT, SWZ_XYZW, 1);  /* mov */
	asm_op(b, 62, 0);                               /* ret */
	return asm_finish(b);
}

static inline size_t asm_ps_color_from_v1(struct asm_buf *b)
{
	asm_begin(b, 0 /* pixel */, 4, 0);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0xf, 1);      /* dcl_input_ps linear v1 */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);    /* dcl_output o0 */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 1);  /* mov */
	asm_op(b, 62, 0);                               /* ret */
	return asm_finish(b);
}

#define F1 0x3f800000u
#define F0 0u

#endif
