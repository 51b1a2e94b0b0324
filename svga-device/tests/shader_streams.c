// SPDX-License-Identifier: MIT
/*
 * The hand-written streams: each one in the shape Mesa 25.0.7's
 * svga_tgsi_vgpu10.c gives it (declarations first, ICB as CUSTOMDATA,
 * immediates inline, ret last).
 */
#include "shader_streams.h"

enum { PS = 0, VS = 1, GS = 2 };
enum { ST_VS = 1, ST_PS = 2, ST_GS = 3 };
enum { NAME_POSITION = 1, NAME_VERTEX_ID = 6, NAME_PRIMITIVE_ID = 7, NAME_IS_FRONT_FACE = 9 };

static void dcl_io(struct asm_buf *b, unsigned opcode, unsigned field, unsigned type, unsigned mask,
		   unsigned reg)
{
	asm_op(b, opcode, field);
	dst(b, type, mask, reg);
}

static void dcl_siv(struct asm_buf *b, unsigned opcode, unsigned field, unsigned type, unsigned mask,
		    unsigned reg, unsigned name)
{
	dcl_io(b, opcode, field, type, mask, reg);
	asm_dw(b, name);
}

static void dcl_temps(struct asm_buf *b, unsigned n)
{
	asm_op(b, 104, 0);
	asm_dw(b, n);
}

static void mov(struct asm_buf *b)
{
	asm_op(b, 54, 0);
}

/* vs: o0 = v0 (position), o1 = v1; v2 = vertex id copied to o2.x */
static size_t vs_passthrough(struct asm_buf *b)
{
	asm_begin(b, VS, 4, 1);
	asm_op(b, 106, 1);                       /* dcl_globalflags refactoringAllowed */
	dcl_io(b, 95, 0, T_INPUT, 0xf, 0);
	dcl_io(b, 95, 0, T_INPUT, 0xf, 1);
	dcl_siv(b, 96, 0, T_INPUT, 0xf, 2, NAME_VERTEX_ID);   /* Mesa's .xyzw */
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 1);
	dcl_io(b, 101, 0, T_OUTPUT, 0x1, 2);
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	mov(b); dst(b, T_OUTPUT, 0xf, 1); src(b, T_INPUT, SWZ_XYZW, 1);
	asm_op(b, 86, 0); dst(b, T_OUTPUT, 0x1, 2); src(b, T_INPUT, SWZ_XXXX, 2); /* utof */
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: o0 = (1, 0, 0, 1) */
static size_t ps_constant(struct asm_buf *b)
{
	asm_begin(b, PS, 4, 0);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 0);
	mov(b); dst(b, T_OUTPUT, 0xf, 0); imm4(b, F1, F0, F0, F1);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: o0 = icb[ftou(v1.x)], four colours in the immediate constant buffer */
static size_t ps_icb(struct asm_buf *b)
{
	asm_begin(b, PS, 4, 1);
	asm_op(b, 53, 3);
	asm_dw(b, 2 + 16);
	for (unsigned i = 0; i < 16; i++)
		asm_dw(b, i % 5 == 0 ? F1 : F0);
	dcl_siv(b, 100, 4, T_INPUT, 0xf, 0, NAME_POSITION);   /* linear noperspective */
	dcl_io(b, 98, 2, T_INPUT, 0x3, 1);                    /* linear */
	dcl_siv(b, 99, 1, T_INPUT, 0x1, 2, NAME_IS_FRONT_FACE);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 0);
	dcl_temps(b, 1);
	asm_op(b, 28, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_INPUT, SWZ_XXXX, 1);  /* ftou */
	asm_op(b, 85, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 30); /* ushr */
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src_rel(b, T_ICB, SWZ_XYZW, 1, 0, 0, 0, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* vs: an indexable temp x0[4] written and read with a relative index */
static size_t vs_indexable(struct asm_buf *b)
{
	asm_begin(b, VS, 4, 0);
	dcl_io(b, 95, 0, T_INPUT, 0xf, 0);
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_temps(b, 2);
	asm_op(b, 105, 0); asm_dw(b, 0); asm_dw(b, 4); asm_dw(b, 4);
	mov(b); dst2(b, T_XTEMP, 0xf, 0, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	mov(b); dst2(b, T_XTEMP, 0xf, 0, 3); imm4(b, F1, F1, F0, F1);
	asm_op(b, 27, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_INPUT, SWZ_XXXX, 0);  /* ftoi */
	asm_op(b, 1, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 3); /* and */
	mov(b); dst(b, T_TEMP, 0xf, 1); src_rel(b, T_XTEMP, SWZ_XYZW, 2, 0, 0, 0, 0);
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: loop with breakc, if/else, switch/case/default, reading cb0 */
static size_t ps_control_flow(struct asm_buf *b)
{
	asm_begin(b, PS, 4, 0);
	asm_op(b, 89, 0);                        /* dcl_constantbuffer cb0[2], immediateIndexed */
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_CB) | O_NDIM(2)); asm_dw(b, 0); asm_dw(b, 2);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 0);
	dcl_temps(b, 2);
	mov(b); dst(b, T_TEMP, 0x1, 0); imm1(b, 0);
	asm_op(b, 48, 0);                                          /* loop */
	asm_op(b, 33, 0); dst(b, T_TEMP, 0x1, 1); src(b, T_TEMP, SWZ_XXXX, 0);
	src2(b, T_CB, SWZ_XXXX, 0, 1);                              /* ige */
	asm_op(b, 3, 0x80); src(b, T_TEMP, SWZ_XXXX, 1);           /* breakc_nz */
	asm_op(b, 30, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	asm_op(b, 22, 0);                                          /* endloop */
	asm_op(b, 31, 0x80); src(b, T_TEMP, SWZ_XXXX, 0);          /* if_nz */
	mov(b); dst(b, T_OUTPUT, 0xf, 0); imm4(b, F1, F1, F1, F1);
	asm_op(b, 18, 0);
	mov(b); dst(b, T_OUTPUT, 0xf, 0); imm4(b, F0, F0, F0, F1);
	asm_op(b, 21, 0);
	asm_op(b, 76, 0); src(b, T_TEMP, SWZ_XXXX, 0);             /* switch */
	asm_op(b, 6, 0); imm1(b, 1);                               /* case 1 */
	asm_op(b, 13, 0x80); src(b, T_TEMP, SWZ_XXXX, 0);          /* discard_nz */
	asm_op(b, 2, 0);
	asm_op(b, 10, 0);                                          /* default */
	asm_op(b, 2, 0);
	asm_op(b, 23, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* vs: integer arithmetic Mesa emits for GLSL int/uint ops */
static size_t vs_integer(struct asm_buf *b)
{
	asm_begin(b, VS, 4, 1);
	asm_op(b, 89, 0);
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_CB) | O_NDIM(2)); asm_dw(b, 0); asm_dw(b, 4);
	dcl_io(b, 95, 0, T_INPUT, 0xf, 0);
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 1);
	dcl_temps(b, 3);
	asm_op(b, 81, 0); null_dst(b); dst(b, T_TEMP, 0xf, 0);
	src(b, T_INPUT, SWZ_XYZW, 0); src2(b, T_CB, SWZ_XYZW, 0, 0);   /* umul null, r0 */
	asm_op(b, 78, 0); dst(b, T_TEMP, 0xf, 1); null_dst(b);
	src(b, T_TEMP, SWZ_XYZW, 0); src2(b, T_CB, SWZ_XYZW, 0, 1);   /* udiv r1, null */
	asm_op(b, 107, 0); dst(b, T_TEMP, 0xf, 2); null_dst(b);
	src(b, T_TEMP, SWZ_XYZW, 1); src2(b, T_CB, SWZ_XYZW, 0, 2);   /* vmware idiv */
	asm_op(b, 82, 0); dst(b, T_TEMP, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 0);
	src(b, T_TEMP, SWZ_XYZW, 1); src(b, T_TEMP, SWZ_XYZW, 2);     /* umad */
	asm_op(b, 35, 0); dst(b, T_TEMP, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 0);
	src(b, T_TEMP, SWZ_XYZW, 1); imm4(b, 1, 2, 3, 4);             /* imad */
	asm_op(b, 41, 0); dst(b, T_TEMP, 0xf, 1); src(b, T_TEMP, SWZ_XYZW, 0); imm1(b, 2);  /* ishl */
	asm_op(b, 42, 0); dst(b, T_TEMP, 0xf, 1); src(b, T_TEMP, SWZ_XYZW, 1); imm1(b, 1);  /* ishr */
	asm_op(b, 38, 0); null_dst(b); dst(b, T_TEMP, 0xf, 2);
	src(b, T_TEMP, SWZ_XYZW, 1); src(b, T_TEMP, SWZ_XYZW, 0);     /* imul */
	/* -r2 via an extended operand token (negate modifier) */
	asm_op(b, 43, 0); dst(b, T_OUTPUT, 0xf, 1);
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_TEMP) | O_NDIM(1) | 1u << 31); asm_dw(b, 1u | 1u << 6);
	asm_dw(b, 2);                                                  /* itof o1, -r2 */
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: sample, sample_l with offsets, ld, resinfo */
static size_t ps_texture(struct asm_buf *b)
{
	asm_begin(b, PS, 4, 1);
	asm_op(b, 90, 0); reg0(b, T_SAMPLER, 0);               /* dcl_sampler s0, mode_default */
	asm_op(b, 88, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);  /* texture2d (float x4) */
	asm_op(b, 88, 1); reg0(b, T_RESOURCE, 1); asm_dw(b, 0x4444);  /* buffer (uint x4) */
	dcl_io(b, 98, 2, T_INPUT, 0x3, 1);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 0);
	dcl_temps(b, 2);
	asm_op(b, 69, 0); dst(b, T_TEMP, 0xf, 0); src(b, T_INPUT, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);         /* sample */
	asm_op(b, 72, 0);                                                  /* sample_l with aoffimmi */
	b->t[b->inst] |= 1u << 31;
	asm_dw(b, 1u | (1u << 9) | (0xfu << 13));                          /* offsets (1, -1) */
	dst(b, T_TEMP, 0xf, 1); src(b, T_INPUT, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0); imm1(b, F0);
	asm_op(b, 61, 2); dst(b, T_TEMP, 0x3, 1); imm1(b, 0); src(b, T_RESOURCE, SWZ_XYZW, 0); /* resinfo_uint */
	asm_op(b, 45, 0); dst(b, T_TEMP, 0xf, 1); src(b, T_TEMP, SWZ_XXXX, 1);
	src(b, T_RESOURCE, SWZ_XYZW, 1);                                   /* ld buffer */
	asm_op(b, 56, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 0);
	src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* gs: triangle in, strip out, writes the primitive id (DCL_OUTPUT_SGV) */
static size_t gs_primid(struct asm_buf *b)
{
	asm_begin(b, GS, 4, 1);
	asm_op(b, 93, 3);                         /* dcl_inputprimitive triangle */
	asm_op(b, 92, 5);                         /* dcl_outputtopology trianglestrip */
	asm_op(b, 94, 0); asm_dw(b, 3);           /* dcl_maxout 3 */
	asm_op(b, 95, 0); dst2(b, T_INPUT, 0xf, 3, 0);
	asm_op(b, 95, 0); asm_dw(b, O_TYPE(T_PRIMID));
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_siv(b, 102, 0, T_OUTPUT, 0xf, 1, NAME_PRIMITIVE_ID);
	dcl_temps(b, 1);
	mov(b); dst(b, T_TEMP, 0x1, 0); imm1(b, 0);
	asm_op(b, 48, 0);
	asm_op(b, 33, 0); dst(b, T_TEMP, 0x2, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 3);
	asm_op(b, 3, 0x80); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 0);
	mov(b); dst(b, T_OUTPUT, 0xf, 0);
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_INPUT) | O_NDIM(2) | O_REP(0, 2));
	asm_dw(b, O_4C | O_SEL(0) | O_TYPE(T_TEMP) | O_NDIM(1)); asm_dw(b, 0);
	asm_dw(b, 0);                             /* v[r0.x][0] */
	mov(b); dst(b, T_OUTPUT, 0x1, 1); asm_dw(b, O_1C | O_TYPE(T_PRIMID));
	asm_op(b, 19, 0);                         /* emit */
	asm_op(b, 30, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	asm_op(b, 22, 0);
	asm_op(b, 9, 0);                          /* cut */
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* vs, shader model 5 with Mesa's appended signature (component type 0) */
static size_t vs_sm5_signature(struct asm_buf *b)
{
	size_t size;

	asm_begin(b, VS, 5, 0);
	dcl_io(b, 95, 0, T_INPUT, 0xf, 0);
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_temps(b, 1);
	asm_op(b, 129, 0); dst(b, T_TEMP, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);   /* rcp (SM5) */
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 0);
	asm_op(b, 62, 0);
	size = asm_finish(b);
	/* SVGA3dDXShaderSignatureHeader + 1 input + 1 output entry */
	asm_dw(b, 0x08a92d12); asm_dw(b, 1); asm_dw(b, 1); asm_dw(b, 0);
	asm_dw(b, 0); asm_dw(b, 0); asm_dw(b, 0xf); asm_dw(b, 0); asm_dw(b, 0);
	asm_dw(b, 0); asm_dw(b, 1); asm_dw(b, 0xf); asm_dw(b, 0); asm_dw(b, 0);
	return size + 14 * 4;
}

/* ps: inputs v1..v3 read with a dynamic index (GLSL varying arrays) */
static size_t ps_indexed_input(struct asm_buf *b)
{
	asm_begin(b, PS, 4, 0);
	dcl_io(b, 98, 2, T_INPUT, 0xf, 1);
	dcl_io(b, 98, 2, T_INPUT, 0xf, 2);
	dcl_io(b, 98, 2, T_INPUT, 0xf, 3);
	asm_op(b, 91, 0); dst(b, T_INPUT, 0xf, 1); asm_dw(b, 3);  /* dcl_indexrange v1.xyzw, 3 */
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 0);
	dcl_temps(b, 1);
	asm_op(b, 27, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_INPUT, SWZ_XXXX, 1);  /* ftoi */
	asm_op(b, 1, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src_rel(b, T_INPUT, SWZ_XYZW, 1, 0, 1, 0, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* vs, shader model 5: doubles (ftod, dadd, dmul, dtof) */
static size_t vs_double(struct asm_buf *b)
{
	asm_begin(b, VS, 5, 0);
	asm_op(b, 106, 1 | 2);                    /* refactoringAllowed, enableDoublePrecision */
	dcl_io(b, 95, 0, T_INPUT, 0xf, 0);
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_temps(b, 2);
	asm_op(b, 202, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, SWZ_XXXX, 0);          /* ftod */
	asm_op(b, 191, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_TEMP, O_SWZ(0, 1, 0, 1), 0);
	src(b, T_TEMP, O_SWZ(0, 1, 0, 1), 0);                                             /* dadd */
	asm_op(b, 194, 0); dst(b, T_TEMP, 0xc, 0); src(b, T_TEMP, O_SWZ(0, 1, 0, 1), 0);
	src(b, T_TEMP, O_SWZ(0, 1, 0, 1), 0);                                             /* dmul */
	asm_op(b, 201, 0); dst(b, T_TEMP, 0x1, 1); src(b, T_TEMP, O_SWZ(2, 3, 2, 3), 0);  /* dtof */
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src(b, T_TEMP, SWZ_XXXX, 1);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* vs: outputs o1..o2 written with a dynamic index (varying arrays) */
static size_t vs_indexed_output(struct asm_buf *b)
{
	asm_begin(b, VS, 4, 0);
	dcl_io(b, 95, 0, T_INPUT, 0xf, 0);
	dcl_siv(b, 103, 0, T_OUTPUT, 0xf, 0, NAME_POSITION);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 1);
	dcl_io(b, 101, 0, T_OUTPUT, 0xf, 2);
	asm_op(b, 91, 0); dst(b, T_OUTPUT, 0xf, 1); asm_dw(b, 2);  /* dcl_indexrange o1.xyzw, 2 */
	dcl_temps(b, 1);
	asm_op(b, 27, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_INPUT, SWZ_XXXX, 0);
	asm_op(b, 1, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	mov(b); dst(b, T_OUTPUT, 0xf, 1); imm4(b, F0, F0, F0, F0);
	mov(b); dst(b, T_OUTPUT, 0xf, 2); imm4(b, F0, F0, F0, F0);
	mov(b);                                                     /* o[r0.x + 1] = v0 */
	asm_dw(b, O_4C | O_MASK(0xf) | O_TYPE(T_OUTPUT) | O_NDIM(1) | O_REP(0, 3));
	asm_dw(b, 1); asm_dw(b, O_4C | O_SEL(0) | O_TYPE(T_TEMP) | O_NDIM(1)); asm_dw(b, 0);
	src(b, T_INPUT, SWZ_XYZW, 0);
	mov(b); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

const struct shader_stream shader_streams[] = {
	{ "vs_passthrough", ST_VS, vs_passthrough },
	{ "ps_constant", ST_PS, ps_constant },
	{ "ps_icb", ST_PS, ps_icb },
	{ "vs_indexable", ST_VS, vs_indexable },
	{ "ps_control_flow", ST_PS, ps_control_flow },
	{ "vs_integer", ST_VS, vs_integer },
	{ "ps_texture", ST_PS, ps_texture },
	{ "gs_primid", ST_GS, gs_primid },
	{ "vs_sm5_signature", ST_VS, vs_sm5_signature },
	{ "ps_indexed_input", ST_PS, ps_indexed_input },
	{ "vs_double", ST_VS, vs_double },
	{ "vs_indexed_output", ST_VS, vs_indexed_output },
};
const unsigned shader_stream_count = sizeof(shader_streams) / sizeof(shader_streams[0]);
