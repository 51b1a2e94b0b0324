/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The instruction opcodes Mesa 25.0.7's svga driver emits for an SM4.1
 * device (svga_tgsi_vgpu10.c, emit->version == 41), each checked by what
 * it computes: a cs_5_0 token stream per opcode (shader_asm.h), in a DXBC
 * container, compiled by our vkd3d-shader and run on Vulkan (lavapipe
 * here), against a C reference over several inputs, with the edge cases
 * D3D10 defines (NaN/Inf, -0, saturating conversions, masked shift counts
 * and bit-field widths, division by zero, round-to-even ties).
 *
 * Derivatives and discard run in a pixel shader drawn with vk_compute_draw,
 * emit and cut in a geometry shader.  The texture opcodes sample a texture
 * bound with vk_compute_bind_texture (mips of distinct colours, a depth
 * texture), against a C model of Vulkan's nearest filtering.
 * The table sm41_opcodes lists what Mesa emits at SM4.1 (declarations and
 * customdata excluded); the test counts how many of them a computed check
 * covered and prints the others with the reason.  Compute shaders do not
 * exist at SM4.1 and the translator takes only VS/GS/PS, so the streams go
 * to vkd3d directly as in test_vkd3d_opcodes: the opcodes' semantics are
 * the same in every shader model.
 *
 * Float tolerances (ours; D3D11 states 0.5 ULP only for add, sub, mul,
 * truncation allowed): add/mul/mad/dp 1 ULP, div/sqrt/rsq 2 ULP, exp/log
 * 3 ULP (log also 2^-21 absolute), sincos 8e-4 absolute; everything else
 * exact.  Results that are NaN must be a NaN (any payload), +-0 and +-Inf
 * exactly; min/max may return either zero for (-0, +0).
 *
 * This file: the opcode list and the count, the single-instruction ALU
 * table with its C references and inputs, and main; vkd3d_alu.h names
 * the files that hold the rest.
 */
#include "vkd3d_alu.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Shared by all of test_vkd3d_alu's files (TEST_SHARED_COUNTERS). */
int t_failures, t_checks;
struct vk_compute *vc;

/* ---- the SM4.1 opcode list ------------------------------------------- */

/*
 * What svga_tgsi_vgpu10.c emits when emit->version is 41: the opcodes
 * translate_opcode() maps and the emit_*() helpers use, less what only
 * SM5 paths (version >= 50, have_sm5 caps: doubles, images, SSBOs,
 * atomics, compute, tessellation, streams, rcp, eval_*) emit.  The bit
 * operations come from MESA_shader_integer_functions, which st/mesa
 * enables from GLSL 1.30 (svga at SM4.1: GLSL 3.30); lod and gather4 from
 * the SM4.1 caps (texture_query_lod, one gather component); sample_pos
 * from gl_SamplePosition (sample_shading at SM4.1).  `why` is NULL for
 * the opcodes this test computes with; otherwise where they are covered.
 */
struct sm41_opcode {
	const char *name;
	unsigned opcode;
	const char *why;      /* not computed here: the reason */
	bool checked;         /* a computed check with it passed */
	bool failed;          /* a computed check with it failed: not covered */
};


static struct sm41_opcode sm41_opcodes[] = {
	{ "add", OP_ADD, NULL, false, false }, { "and", OP_AND, NULL, false, false },
	{ "break", OP_BREAK, NULL, false, false }, { "case", OP_CASE, NULL, false, false },
	{ "continue", OP_CONTINUE, NULL, false, false }, { "cut", OP_CUT, NULL, false, false },
	{ "default", OP_DEFAULT, NULL, false, false }, { "deriv_rtx", OP_DERIV_RTX, NULL, false, false },
	{ "deriv_rty", OP_DERIV_RTY, NULL, false, false }, { "discard", OP_DISCARD, NULL, false, false },
	{ "div", OP_DIV, NULL, false, false }, { "dp2", OP_DP2, NULL, false, false },
	{ "dp3", OP_DP3, NULL, false, false }, { "dp4", OP_DP4, NULL, false, false },
	{ "else", OP_ELSE, NULL, false, false }, { "emit", OP_EMIT, NULL, false, false },
	{ "endif", OP_ENDIF, NULL, false, false }, { "endloop", OP_ENDLOOP, NULL, false, false },
	{ "endswitch", OP_ENDSWITCH, NULL, false, false }, { "eq", OP_EQ, NULL, false, false },
	{ "exp", OP_EXP, NULL, false, false }, { "frc", OP_FRC, NULL, false, false },
	{ "ftoi", OP_FTOI, NULL, false, false }, { "ftou", OP_FTOU, NULL, false, false },
	{ "ge", OP_GE, NULL, false, false }, { "iadd", OP_IADD, NULL, false, false },
	{ "if", OP_IF, NULL, false, false }, { "ieq", OP_IEQ, NULL, false, false },
	{ "ige", OP_IGE, NULL, false, false }, { "ilt", OP_ILT, NULL, false, false },
	{ "imax", OP_IMAX, NULL, false, false }, { "imin", OP_IMIN, NULL, false, false },
	{ "imul", OP_IMUL, NULL, false, false }, { "ine", OP_INE, NULL, false, false },
	{ "ineg", OP_INEG, NULL, false, false }, { "ishl", OP_ISHL, NULL, false, false },
	{ "ishr", OP_ISHR, NULL, false, false }, { "itof", OP_ITOF, NULL, false, false },
	{ "ld", OP_LD, NULL, false, false }, { "ld_ms", OP_LD_MS, NULL, false, false },
	{ "log", OP_LOG, NULL, false, false }, { "loop", OP_LOOP, NULL, false, false },
	{ "lt", OP_LT, NULL, false, false }, { "mad", OP_MAD, NULL, false, false },
	{ "min", OP_MIN, NULL, false, false }, { "max", OP_MAX, NULL, false, false },
	{ "mov", OP_MOV, NULL, false, false }, { "movc", OP_MOVC, NULL, false, false },
	{ "mul", OP_MUL, NULL, false, false }, { "ne", OP_NE, NULL, false, false },
	{ "nop", OP_NOP, NULL, false, false }, { "not", OP_NOT, NULL, false, false },
	{ "or", OP_OR, NULL, false, false }, { "resinfo", OP_RESINFO, NULL, false, false },
	{ "ret", OP_RET, NULL, false, false }, { "round_ne", OP_ROUND_NE, NULL, false, false },
	{ "round_ni", OP_ROUND_NI, NULL, false, false }, { "round_pi", OP_ROUND_PI, NULL, false, false },
	{ "round_z", OP_ROUND_Z, NULL, false, false }, { "rsq", OP_RSQ, NULL, false, false },
	{ "sample", OP_SAMPLE, NULL, false, false }, { "sample_c", OP_SAMPLE_C, NULL, false, false },
	{ "sample_c_lz", OP_SAMPLE_C_LZ, NULL, false, false },
	{ "sample_l", OP_SAMPLE_L, NULL, false, false },
	{ "sample_d", OP_SAMPLE_D, NULL, false, false },
	{ "sample_b", OP_SAMPLE_B, NULL, false, false },
	{ "sqrt", OP_SQRT, NULL, false, false }, { "switch", OP_SWITCH, NULL, false, false },
	{ "sincos", OP_SINCOS, NULL, false, false }, { "udiv", OP_UDIV, NULL, false, false },
	{ "ult", OP_ULT, NULL, false, false }, { "uge", OP_UGE, NULL, false, false },
	{ "umul", OP_UMUL, NULL, false, false }, { "umad", OP_UMAD, NULL, false, false },
	{ "umax", OP_UMAX, NULL, false, false }, { "umin", OP_UMIN, NULL, false, false },
	{ "ushr", OP_USHR, NULL, false, false }, { "utof", OP_UTOF, NULL, false, false },
	{ "xor", OP_XOR, NULL, false, false }, { "vmware idiv", OP_VMWARE, NULL, false, false },
	{ "lod", OP_LOD, NULL, false, false }, { "gather4", OP_GATHER4, NULL, false, false },
	{ "sample_pos", OP_SAMPLE_POS, NULL, false, false },
	{ "countbits", OP_COUNTBITS, NULL, false, false }, { "firstbit_hi", OP_FIRSTBIT_HI, NULL, false, false },
	{ "firstbit_lo", OP_FIRSTBIT_LO, NULL, false, false },
	{ "firstbit_shi", OP_FIRSTBIT_SHI, NULL, false, false },
	{ "ubfe", OP_UBFE, NULL, false, false }, { "ibfe", OP_IBFE, NULL, false, false },
	{ "bfi", OP_BFI, NULL, false, false }, { "bfrev", OP_BFREV, NULL, false, false },
};
#define N_SM41 (sizeof(sm41_opcodes) / sizeof(sm41_opcodes[0]))

/* Opcodes the test computes with that Mesa does not emit (vkd3d has them). */
static struct sm41_opcode extra_opcodes[] = {
	{ "breakc", OP_BREAKC, NULL, false, false }, { "continuec", OP_CONTINUEC, NULL, false, false },
	{ "retc", OP_RETC, NULL, false, false },
};
#define N_EXTRA (sizeof(extra_opcodes) / sizeof(extra_opcodes[0]))

void mark_result(unsigned opcode, bool passed)
{
	for (unsigned i = 0; i < N_SM41; i++)
		if (sm41_opcodes[i].opcode == opcode) {
			sm41_opcodes[i].checked |= passed;
			sm41_opcodes[i].failed |= !passed;
		}
	for (unsigned i = 0; i < N_EXTRA; i++)
		if (extra_opcodes[i].opcode == opcode) {
			extra_opcodes[i].checked |= passed;
			extra_opcodes[i].failed |= !passed;
		}
}

void mark_checked(unsigned opcode)
{
	mark_result(opcode, true);
}

/* ---- the table of single-instruction checks ---------------------------- */

/* Operand layouts of the instruction under test. */
enum form {
	F_SCALAR,   /* op r2.x, r1.x, r1.y, r1.z, r1.w */
	F_TWO_DST,  /* op r2.x, r2.y, r1.x, r1.y (imul/umul hi, lo; udiv q, r; sincos sin, cos) */
	F_NULL_DST, /* op r2.x, null, r1.x, r1.y (VMware idiv; imul/umul high half) */
	F_NULL_FIRST, /* op null, r2.x, r1.x, r1.y (imul/umul low half, udiv remainder) */
	F_TWO_DST_SAME_MASK, /* op r2.x, r4.x, r1.x, r1.y; mov r2.y, r4.x */
	F_TWO_DST_IN_PLACE,  /* op r1.y, r1.x, r1.x, r1.y; mov r2.xy, r1.yx */
	F_VEC,      /* op r2.x, r1.xyzw, r3.xyzw (dp2/3/4) */
	F_VEC4,     /* op r2.xyzw, r1.xyzw, r3.xyzw, r3.yzwx (four lanes at once) */
};

struct alu_op {
	const char *name;
	unsigned opcode, field;
	enum form form;
	unsigned nsrc;
	uint32_t mask;        /* components of r2 the op writes */
	enum cmp how;
	double tol;
	ref_fn ref;
	const struct alu_case *cases;
	unsigned ncases;
	/* Also accepted (log near 1): NULL for none. */
	bool (*alt_ok)(const uint32_t *in, uint32_t got);
};

/* The destinations of each form, in order: temp register and mask. */
#define NULL_REG ~0u
static const struct form_dst {
	unsigned count, reg[2], mask[2];
} form_dsts[] = {
	[F_SCALAR] = { 1, { 2 }, { 0x1 } },
	[F_TWO_DST] = { 2, { 2, 2 }, { 0x1, 0x2 } },
	[F_NULL_DST] = { 2, { 2, NULL_REG }, { 0x1, 0 } },
	[F_NULL_FIRST] = { 2, { NULL_REG, 2 }, { 0, 0x1 } },
	[F_TWO_DST_SAME_MASK] = { 2, { 2, 4 }, { 0x1, 0x1 } },
	[F_TWO_DST_IN_PLACE] = { 2, { 1, 1 }, { 0x2, 0x1 } },
	[F_VEC] = { 1, { 2 }, { 0x1 } },
	[F_VEC4] = { 1, { 2 }, { 0xf } },
};

static void body_alu(struct asm_buf *b, const void *arg)
{
	const struct alu_op *op = arg;

	asm_op(b, op->opcode, op->field);
	for (unsigned d = 0; d < form_dsts[op->form].count; d++) {
		const struct form_dst *fd = &form_dsts[op->form];

		if (fd->reg[d] == NULL_REG)
			null_dst(b);
		else
			dst(b, T_TEMP, fd->mask[d], fd->reg[d]);
	}
	for (unsigned s = 0; s < op->nsrc; s++) {
		if (op->form == F_VEC)
			src(b, T_TEMP, SWZ_XYZW, s ? 3 : 1);
		else if (op->form == F_VEC4)
			src(b, T_TEMP, s == 2 ? O_SWZ(1, 2, 3, 0) : SWZ_XYZW, s ? 3 : 1);
		else
			src(b, T_TEMP, O_SWZ(s, s, s, s), 1);
	}
	if (op->form == F_TWO_DST_SAME_MASK) {
		asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0x2, 2); src(b, T_TEMP, SWZ_XXXX, 4);
	} else if (op->form == F_TWO_DST_IN_PLACE) {
		asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0x3, 2); src(b, T_TEMP, O_SWZ(1, 0, 0, 0), 1);
	}
}

static unsigned run_alu(const struct alu_op *op)
{
	const unsigned opcodes[] = { op->opcode, ~0u };
	const struct check t = {
		op->name, body_alu, op, op->ref, op->cases, op->ncases, op->mask, op->how, op->tol,
		op->alt_ok, opcodes,
	};

	return run_check(&t);
}

/* ---- C references (D3D10 semantics) ------------------------------------ */

#define A (u2f(in[0]))
#define B (u2f(in[1]))
#define C (u2f(in[2]))
#define UA (in[0])
#define UB (in[1])
#define UC (in[2])
#define UD (in[3])
#define IA ((int32_t)in[0])
#define IB ((int32_t)in[1])
#define MASK_ALL(x) ((x) ? 0xffffffffu : 0u)

#define REF_F(name, expr) static void ref_##name(const uint32_t *in, uint32_t *out) \
	{ (void)in; out[0] = f2u(expr); }
#define REF_U(name, expr) static void ref_##name(const uint32_t *in, uint32_t *out) \
	{ (void)in; out[0] = (expr); }

/* D3D's min/max: a NaN operand yields the other one. */
static float d3d_min(float a, float b) { return isnan(a) ? b : isnan(b) ? a : a < b ? a : b; }
static float d3d_max(float a, float b) { return isnan(a) ? b : isnan(b) ? a : a > b ? a : b; }

REF_F(add, A + B)
REF_F(mul, A * B)
REF_F(mad, A * B + C)
REF_F(div, A / B)
REF_F(min, d3d_min(A, B))
REF_F(max, d3d_max(A, B))
REF_F(sqrt, sqrtf(A))
REF_F(rsq, 1.0f / sqrtf(A))
REF_F(frc, A - floorf(A))
REF_F(round_ne, nearbyintf(A))
REF_F(round_ni, floorf(A))
REF_F(round_pi, ceilf(A))
REF_F(round_z, truncf(A))
REF_F(exp, exp2f(A))
REF_F(log, log2f(A))
REF_U(mov, UA)
REF_U(movc, UA ? UB : UC)
REF_U(eq, MASK_ALL(A == B))
REF_U(ge, MASK_ALL(A >= B))
REF_U(lt, MASK_ALL(A < B))
REF_U(ne, MASK_ALL(A != B))
REF_U(iadd, UA + UB)
REF_U(ineg, 0u - UA)
REF_U(imax, (uint32_t)(IA > IB ? IA : IB))
REF_U(imin, (uint32_t)(IA < IB ? IA : IB))
REF_U(umax, UA > UB ? UA : UB)
REF_U(umin, UA < UB ? UA : UB)
REF_U(ishl, UA << (UB & 31))
REF_U(ishr, (uint32_t)(IA >> (UB & 31)))
REF_U(ushr, UA >> (UB & 31))
REF_U(ieq, MASK_ALL(UA == UB))
REF_U(ine, MASK_ALL(UA != UB))
REF_U(ige, MASK_ALL(IA >= IB))
REF_U(ilt, MASK_ALL(IA < IB))
REF_U(uge, MASK_ALL(UA >= UB))
REF_U(ult, MASK_ALL(UA < UB))
REF_U(not, ~UA)
REF_U(and, UA & UB)
REF_U(or, UA | UB)
REF_U(xor, UA ^ UB)
REF_U(umad, UA * UB + UC)
REF_U(itof, f2u((float)IA))
REF_U(utof, f2u((float)UA))

static void ref_dp(const uint32_t *in, uint32_t *out, unsigned n)
{
	float sum = 0;

	for (unsigned i = 0; i < n; i++)
		sum += u2f(in[i]) * u2f(in[4 + i]);
	out[0] = f2u(sum);
}
static void ref_dp2(const uint32_t *in, uint32_t *out) { ref_dp(in, out, 2); }
static void ref_dp3(const uint32_t *in, uint32_t *out) { ref_dp(in, out, 3); }
static void ref_dp4(const uint32_t *in, uint32_t *out) { ref_dp(in, out, 4); }

static void ref_sincos(const uint32_t *in, uint32_t *out)
{
	out[0] = f2u(sinf(A));
	out[1] = f2u(cosf(A));
}

static void ref_imul(const uint32_t *in, uint32_t *out)
{
	int64_t p = (int64_t)IA * IB;

	out[0] = (uint32_t)((uint64_t)p >> 32);
	out[1] = (uint32_t)p;
}

static void ref_umul(const uint32_t *in, uint32_t *out)
{
	uint64_t p = (uint64_t)UA * UB;

	out[0] = (uint32_t)(p >> 32);
	out[1] = (uint32_t)p;
}

static void ref_imul_hi(const uint32_t *in, uint32_t *out) { uint32_t r[2]; ref_imul(in, r); out[0] = r[0]; }
static void ref_imul_lo(const uint32_t *in, uint32_t *out) { uint32_t r[2]; ref_imul(in, r); out[0] = r[1]; }
static void ref_umul_hi(const uint32_t *in, uint32_t *out) { uint32_t r[2]; ref_umul(in, r); out[0] = r[0]; }
static void ref_umul_lo(const uint32_t *in, uint32_t *out) { uint32_t r[2]; ref_umul(in, r); out[0] = r[1]; }

/* udiv: a zero divisor gives 0xffffffff in both results. */
static void ref_udiv(const uint32_t *in, uint32_t *out)
{
	out[0] = UB ? UA / UB : 0xffffffffu;
	out[1] = UB ? UA % UB : 0xffffffffu;
}

/* VMware's idiv: truncating; /0 -> 0xffffffff, INT_MIN / -1 -> INT_MIN. */
static void ref_idiv(const uint32_t *in, uint32_t *out)
{
	out[0] = IB == 0 ? 0xffffffffu : IA == INT_MIN && IB == -1 ? (uint32_t)INT_MIN
				      : (uint32_t)(IA / IB);
}

/* ftoi/ftou: round towards zero, saturate, NaN -> 0. */
static void ref_ftoi(const uint32_t *in, uint32_t *out)
{
	float a = A;

	out[0] = isnan(a) ? 0 : a >= 2147483648.0f ? (uint32_t)INT_MAX
		 : a <= -2147483648.0f ? (uint32_t)INT_MIN : (uint32_t)(int32_t)a;
}

static void ref_ftou(const uint32_t *in, uint32_t *out)
{
	float a = A;

	out[0] = isnan(a) || a <= 0 ? 0 : a >= 4294967296.0f ? 0xffffffffu : (uint32_t)a;
}

static void ref_countbits(const uint32_t *in, uint32_t *out)
{
	uint32_t n = 0;

	for (uint32_t v = UA; v; v &= v - 1)
		n++;
	out[0] = n;
}

/* firstbit_hi counts from the most significant bit; 0 -> 0xffffffff. */
static void ref_firstbit_hi(const uint32_t *in, uint32_t *out)
{
	out[0] = 0xffffffffu;
	for (int bit = 31; bit >= 0; bit--) {
		if (UA >> bit & 1) {
			out[0] = (uint32_t)(31 - bit);
			break;
		}
	}
}

static void ref_firstbit_lo(const uint32_t *in, uint32_t *out)
{
	out[0] = 0xffffffffu;
	for (unsigned bit = 0; bit < 32; bit++) {
		if (UA >> bit & 1) {
			out[0] = bit;
			break;
		}
	}
}

/* The first bit, from the top, that differs from the sign: 0 and -1 -> ~0. */
static void ref_firstbit_shi(const uint32_t *in, uint32_t *out)
{
	uint32_t v = IA < 0 ? ~UA : UA;

	ref_firstbit_hi(&v, out);
}

static void ref_bfrev(const uint32_t *in, uint32_t *out)
{
	uint32_t r = 0;

	for (unsigned bit = 0; bit < 32; bit++)
		r |= (UA >> bit & 1) << (31 - bit);
	out[0] = r;
}

/* ubfe/ibfe width, offset, value: both masked to 5 bits; width 0 -> 0. */
static void ref_bfe(const uint32_t *in, uint32_t *out, bool sign)
{
	uint32_t width = UA & 31, offset = UB & 31;

	if (!width)
		out[0] = 0;
	else if (width + offset < 32)
		out[0] = sign ? (uint32_t)((int32_t)(UC << (32 - width - offset)) >> (32 - width))
			      : UC << (32 - width - offset) >> (32 - width);
	else
		out[0] = sign ? (uint32_t)((int32_t)UC >> offset) : UC >> offset;
}
static void ref_ubfe(const uint32_t *in, uint32_t *out) { ref_bfe(in, out, false); }
static void ref_ibfe(const uint32_t *in, uint32_t *out) { ref_bfe(in, out, true); }

/* bfi width, offset, insert, base. */
static void ref_bfi(const uint32_t *in, uint32_t *out)
{
	uint32_t width = UA & 31, offset = UB & 31;
	uint32_t mask = (uint32_t)(((1ull << width) - 1) << offset);

	out[0] = (UC << offset & mask) | (UD & ~mask);
}

/* Four lanes: r2 = op(r1, r3, r3.yzwx), checks a vector form too. */
static void ref_mad4(const uint32_t *in, uint32_t *out)
{
	for (unsigned c = 0; c < 4; c++)
		out[c] = f2u(u2f(in[c]) * u2f(in[4 + c]) + u2f(in[4 + (c + 1) % 4]));
}

/* ---- inputs -------------------------------------------------------------- */

CASES(add_cases, FC(1, 2), FC(-1.5f, 0.25f), FC(1, 0x1p-24f), FC(1, 0x1.8p-24f), FC(-0.0f, -0.0f),
      FC(-0.0f, 0), FC(INF, 1), FC(INF, -INF), FC(NAN_, 1), FC(3e38f, 3e38f), FC(1e10f, -1e10f));
CASES(mul_cases, FC(3, 4), FC(-1, 0), FC(0.1f, 10), FC(INF, 0), FC(INF, -2), FC(NAN_, 0),
      FC(1e20f, 1e20f), FC(-1e20f, 1e20f), FC(1.5f, 1.5f), FC(0x1.000002p0f, 0x1.000002p0f));
CASES(mad_cases, FC(2, 3, 4), FC(-2, 3, 6), FC(0.5f, 0.5f, -0.25f), FC(INF, 0, 1), FC(INF, 1, -INF),
      FC(NAN_, 1, 1), FC(1, 1, NAN_), FC(1e30f, 1e10f, 1), FC(1.5f, -2, 0.125f));
CASES(div_cases, FC(1, 3), FC(7, 2), FC(-10, 4), FC(1, 0), FC(-1, 0), FC(0, 0), FC(INF, INF),
      FC(INF, 2), FC(1, INF), FC(NAN_, 1), FC(1e30f, 1e-5f), FC(22, 7));
CASES(minmax_cases, FC(1, 2), FC(2, 1), FC(-1, -2), FC(NAN_, 3), FC(3, NAN_), FC(NAN_, NAN_),
      FC(-INF, 5), FC(INF, 5), FC(-0.0f, 0), FC(0, -0.0f), FC(1e-3f, -1e-3f));
CASES(sqrt_cases, FC(4), FC(2), FC(0), FC(-0.0f), FC(-1), FC(INF), FC(-INF), FC(NAN_), FC(1e-30f),
      FC(1e30f), FC(0.25f));
CASES(frc_cases, FC(2.75f), FC(-1.25f), FC(0.5f), FC(1e10f), FC(-3), FC(NAN_), FC(123.125f),
      FC(-0.75f));
CASES(round_cases, FC(2.5f), FC(3.5f), FC(-2.5f), FC(0.5f), FC(-0.5f), FC(1.49f), FC(-1.51f),
      FC(-0.0f), FC(INF), FC(-INF), FC(NAN_), FC(8388609.0f), FC(0.49999997f), FC(-7.75f));
CASES(exp_cases, FC(0), FC(1), FC(-1), FC(10), FC(0.5f), FC(-INF), FC(INF), FC(NAN_), FC(128),
      FC(-200), FC(3.3f), FC(-0.0f));
CASES(log_cases, FC(1), FC(2), FC(8), FC(0.5f), FC(0), FC(-0.0f), FC(-1), FC(INF), FC(-INF),
      FC(NAN_), FC(3), FC(1e-30f), FC(1.0001f), FC(0.9999f));
CASES(sincos_cases, FC(0), FC(1), FC(-1), FC(3.14159265f), FC(1.5707964f), FC(-2.5f), FC(100),
      FC(-100), FC(0.001f), FC(NAN_), FC(INF), FC(-INF));
/* mov moves bits: a NaN payload, a denormal and -0 survive. */
CASES(mov_cases, UC_(0x7fc12345u), UC_(0x00000001u), UC_(0x80000000u), UC_(0xffffffffu),
      UC_(0x3f800000u), UC_(0x807fffffu));
/* movc: the condition is the bit pattern, so -0.0 and a NaN are true. */
CASES(movc_cases, UC_(0, 1, 2), UC_(1, 1, 2), UC_(0x80000000u, 3, 4), UC_(0x7fc00000u, 5, 6),
      UC_(0xffffffffu, 0x00000001u, 7), UC_(0, 8, 0x807fffffu));
CASES(fcmp_cases, FC(1, 2), FC(2, 1), FC(2, 2), FC(-0.0f, 0), FC(NAN_, 1), FC(1, NAN_),
      FC(NAN_, NAN_), FC(-INF, -1e38f), FC(INF, INF), FC(-1, -2));
CASES(dp_cases, FC(1, 2, 3, 4, 5, 6, 7, 8), FC(-1, 0.5f, 2, -3, 4, 8, -0.25f, 1),
      FC(INF, 0, 0, 0, 0, 0, 0, 0), FC(INF, 1, 1, 1, 1, 1, 1, 1), FC(NAN_, 0, 0, 0, 1, 1, 1, 1),
      FC(0, 0, 0, 2, 0, 0, 0, 3), FC(1e20f, 1, 1, 1, 1e20f, -1, -1, -1));
CASES(mad4_cases, FC(1, 2, 3, 4, 5, 6, 7, 8), FC(-1, -2, 0.5f, INF, 3, 4, 5, 0));
CASES(int2_cases, UC_(1, 2), UC_(0xffffffffu, 1), UC_(0x80000000u, 0xffffffffu),
      UC_(0x7fffffffu, 1), UC_(0, 0), UC_(0x80000000u, 0x80000000u), UC_(5, 0xfffffffbu),
      UC_(0xdeadbeefu, 0x12345678u), UC_(123, 123), UC_(0x7fffffffu, 0x80000000u));
CASES(shift_cases, UC_(1, 0), UC_(1, 31), UC_(1, 32), UC_(1, 33), UC_(0x80000000u, 31),
      UC_(0x80000000u, 4), UC_(0xf0f0f0f0u, 36), UC_(0x12345678u, 0xffffffffu),
      UC_(0x7fffffffu, 8), UC_(0xdeadbeefu, 64));
CASES(int1_cases, UC_(0), UC_(1), UC_(0xffffffffu), UC_(0x80000000u), UC_(0x7fffffffu),
      UC_(0x00f0ff00u), UC_(0xdeadbeefu), UC_(2), UC_(0x00010000u), UC_(0xfffffffeu));
CASES(umad_cases, UC_(3, 4, 5), UC_(0xffffffffu, 2, 1), UC_(0x10000u, 0x10000u, 7),
      UC_(0x80000000u, 0x80000000u, 0xffffffffu), UC_(123456789u, 987654321u, 42));
/* Signed: INT_MIN * -1, -1 * -1, INT_MIN * INT_MIN, negative * positive and back. */
CASES(mul64_cases, UC_(3, 4), UC_(0xffffffffu, 0xffffffffu), UC_(0x80000000u, 2),
      UC_(0x80000000u, 0x80000000u), UC_(0x7fffffffu, 0xffffffffu), UC_(0x12345678u, 0x9abcdef0u),
      UC_(0, 0xdeadbeefu), UC_(0xfffffffbu, 3), UC_(0x80000000u, 0xffffffffu), UC_(7, 0xfffffff9u),
      UC_(0xffffffffu, 1), UC_(0x10000u, 0x10000u), UC_(0x7fffffffu, 0x7fffffffu));
CASES(udiv_cases, UC_(7, 2), UC_(100, 10), UC_(1, 0), UC_(0, 0), UC_(0xffffffffu, 1),
      UC_(0xffffffffu, 0xffffffffu), UC_(5, 7), UC_(0x80000000u, 3), UC_(0xfffffffbu, 0x10000u));
CASES(idiv_cases, IC(-42, 6), IC(42, -6), IC(-7, 2), IC(7, -2), IC(1, 0), IC(-1, 0), IC(0, 0),
      IC(INT_MIN, -1), IC(INT_MIN, 1), IC(INT_MAX, -1), IC(5, INT_MIN));
CASES(ftoi_cases, FC(1.9f), FC(-1.9f), FC(0.5f), FC(-0.0f), FC(2147483520.0f), FC(2147483648.0f),
      FC(-2147483648.0f), FC(-3e9f), FC(3e9f), FC(INF), FC(-INF), FC(NAN_), FC(-0.99f));
CASES(ftou_cases, FC(1.9f), FC(-1.9f), FC(0.5f), FC(-0.0f), FC(4294967040.0f), FC(4294967296.0f),
      FC(5e9f), FC(-5e9f), FC(INF), FC(-INF), FC(NAN_), FC(2147483648.0f), FC(-0.5f));
CASES(itof_cases, IC(0), IC(1), IC(-1), IC(INT_MAX), IC(INT_MIN), IC(16777217), IC(-16777219),
      IC(123456789));
CASES(utof_cases, UC_(0), UC_(1), UC_(0xffffffffu), UC_(0x80000000u), UC_(16777217u),
      UC_(0x80000081u), UC_(123456789u));
CASES(bits_cases, UC_(0), UC_(1), UC_(0x80000000u), UC_(0xffffffffu), UC_(0x7fffffffu),
      UC_(0x00f00000u), UC_(0xfffffffeu), UC_(0x00010000u), UC_(0xdeadbeefu), UC_(0x80000001u),
      UC_(0xc0000000u), UC_(0x12345678u));
/* width, offset, value: widths and offsets past 31 are masked. */
CASES(bfe_cases, UC_(8, 0, 0x123456f8u), UC_(8, 4, 0x12345f80u), UC_(0, 5, 0xffffffffu),
      UC_(4, 28, 0xf0000000u), UC_(8, 28, 0xf0000000u), UC_(31, 1, 0xfffffffeu),
      UC_(1, 31, 0x80000000u), UC_(33, 2, 0xffffff0fu), UC_(4, 34, 0x000000f0u),
      UC_(32, 0, 0xdeadbeefu), UC_(16, 8, 0x00800000u), UC_(5, 3, 0x000000f8u));
/* width, offset, insert, base. */
CASES(bfi_cases, UC_(8, 0, 0xab, 0x12345678u), UC_(8, 8, 0xffffffffu, 0), UC_(0, 4, 0xf, 0x55u),
      UC_(4, 30, 0xf, 0), UC_(31, 1, 0xffffffffu, 0x1u), UC_(36, 4, 0xf, 0xffffffffu),
      UC_(1, 35, 1, 0), UC_(32, 3, 0xffffffffu, 0x00ff00ffu), UC_(16, 16, 0xbeef, 0xdead0000u));

/* log: D3D allows absolute error near 1, where a relative bound is too tight. */
static bool log_near_one_ok(const uint32_t *in, uint32_t got)
{
	float x = u2f(in[0]), w = log2f(x);

	return x >= 0.5f && x <= 2.0f && fabsf(u2f(got) - w) <= 0x1p-21f;
}

#define FLT(nm, op, nsrc, ref, cases, how, tol) \
	{ nm, op, 0, F_SCALAR, nsrc, 0x1, how, tol, ref, cases, N(cases), NULL }
#define INT(nm, op, nsrc, ref, cases) \
	{ nm, op, 0, F_SCALAR, nsrc, 0x1, C_EXACT, 0, ref, cases, N(cases), NULL }
/* Two integer sources, destinations in `form` (r2 components in mask). */
#define INT2(nm, op, form, mask, ref, cases) \
	{ nm, op, 0, form, 2, mask, C_EXACT, 0, ref, cases, N(cases), NULL }

static const struct alu_op alu_ops[] = {
	FLT("add", OP_ADD, 2, ref_add, add_cases, C_FLOAT, 1),
	FLT("mul", OP_MUL, 2, ref_mul, mul_cases, C_FLOAT, 1),
	FLT("mad", OP_MAD, 3, ref_mad, mad_cases, C_FLOAT, 1),
	{ "mad.xyzw", OP_MAD, 0, F_VEC4, 3, 0xf, C_FLOAT, 1, ref_mad4, mad4_cases, N(mad4_cases), NULL },
	FLT("div", OP_DIV, 2, ref_div, div_cases, C_FLOAT, 2),
	FLT("min", OP_MIN, 2, ref_min, minmax_cases, C_MINMAX, 0),
	FLT("max", OP_MAX, 2, ref_max, minmax_cases, C_MINMAX, 0),
	FLT("sqrt", OP_SQRT, 1, ref_sqrt, sqrt_cases, C_FLOAT, 2),
	FLT("rsq", OP_RSQ, 1, ref_rsq, sqrt_cases, C_FLOAT, 2),
	FLT("frc", OP_FRC, 1, ref_frc, frc_cases, C_FLOAT, 0),
	FLT("round_ne", OP_ROUND_NE, 1, ref_round_ne, round_cases, C_FLOAT, 0),
	FLT("round_ni", OP_ROUND_NI, 1, ref_round_ni, round_cases, C_FLOAT, 0),
	FLT("round_pi", OP_ROUND_PI, 1, ref_round_pi, round_cases, C_FLOAT, 0),
	FLT("round_z", OP_ROUND_Z, 1, ref_round_z, round_cases, C_FLOAT, 0),
	FLT("exp", OP_EXP, 1, ref_exp, exp_cases, C_FLOAT, 3),
	{ "log", OP_LOG, 0, F_SCALAR, 1, 0x1, C_FLOAT, 3, ref_log, log_cases, N(log_cases),
	  log_near_one_ok },
	{ "sincos", OP_SINCOS, 0, F_TWO_DST, 1, 0x3, C_ABS, 8e-4, ref_sincos, sincos_cases,
	  N(sincos_cases), NULL },
	{ "dp2", OP_DP2, 0, F_VEC, 2, 0x1, C_FLOAT, 1, ref_dp2, dp_cases, N(dp_cases), NULL },
	{ "dp3", OP_DP3, 0, F_VEC, 2, 0x1, C_FLOAT, 1, ref_dp3, dp_cases, N(dp_cases), NULL },
	{ "dp4", OP_DP4, 0, F_VEC, 2, 0x1, C_FLOAT, 1, ref_dp4, dp_cases, N(dp_cases), NULL },
	INT("mov", OP_MOV, 1, ref_mov, mov_cases),
	INT("movc", OP_MOVC, 3, ref_movc, movc_cases),
	INT("eq", OP_EQ, 2, ref_eq, fcmp_cases),
	INT("ge", OP_GE, 2, ref_ge, fcmp_cases),
	INT("lt", OP_LT, 2, ref_lt, fcmp_cases),
	INT("ne", OP_NE, 2, ref_ne, fcmp_cases),
	INT("iadd", OP_IADD, 2, ref_iadd, int2_cases),
	INT("ineg", OP_INEG, 1, ref_ineg, int1_cases),
	INT("imax", OP_IMAX, 2, ref_imax, int2_cases),
	INT("imin", OP_IMIN, 2, ref_imin, int2_cases),
	INT("umax", OP_UMAX, 2, ref_umax, int2_cases),
	INT("umin", OP_UMIN, 2, ref_umin, int2_cases),
	INT("ishl", OP_ISHL, 2, ref_ishl, shift_cases),
	INT("ishr", OP_ISHR, 2, ref_ishr, shift_cases),
	INT("ushr", OP_USHR, 2, ref_ushr, shift_cases),
	INT("ieq", OP_IEQ, 2, ref_ieq, int2_cases),
	INT("ine", OP_INE, 2, ref_ine, int2_cases),
	INT("ige", OP_IGE, 2, ref_ige, int2_cases),
	INT("ilt", OP_ILT, 2, ref_ilt, int2_cases),
	INT("uge", OP_UGE, 2, ref_uge, int2_cases),
	INT("ult", OP_ULT, 2, ref_ult, int2_cases),
	INT("not", OP_NOT, 1, ref_not, int1_cases),
	INT("and", OP_AND, 2, ref_and, int2_cases),
	INT("or", OP_OR, 2, ref_or, int2_cases),
	INT("xor", OP_XOR, 2, ref_xor, int2_cases),
	INT("umad", OP_UMAD, 3, ref_umad, umad_cases),
	/*
	 * Mesa's forms: "umul null, dst" for a 32-bit product (TGSI UMUL),
	 * "imul/umul dst, null" for the high half (TGSI IMUL_HI/UMUL_HI:
	 * imulExtended/umulExtended of MESA_shader_integer_functions, GLSL's
	 * ir_binop_imul_high).  Both halves in one instruction Mesa does not
	 * emit; they check the two ways vkd3d computes them (our queue's 0008):
	 * masks that differ (r2.x, r2.y), equal masks (r2.x, r4.x: one
	 * extended multiply) and destinations that are the sources.
	 */
	INT2("imul lo", OP_IMUL, F_NULL_FIRST, 0x1, ref_imul_lo, mul64_cases),
	INT2("umul lo", OP_UMUL, F_NULL_FIRST, 0x1, ref_umul_lo, mul64_cases),
	INT2("imul hi", OP_IMUL, F_NULL_DST, 0x1, ref_imul_hi, mul64_cases),
	INT2("umul hi", OP_UMUL, F_NULL_DST, 0x1, ref_umul_hi, mul64_cases),
	INT2("imul hi+lo", OP_IMUL, F_TWO_DST, 0x3, ref_imul, mul64_cases),
	INT2("umul hi+lo", OP_UMUL, F_TWO_DST, 0x3, ref_umul, mul64_cases),
	INT2("imul hi+lo .x", OP_IMUL, F_TWO_DST_SAME_MASK, 0x3, ref_imul, mul64_cases),
	INT2("umul hi+lo .x", OP_UMUL, F_TWO_DST_SAME_MASK, 0x3, ref_umul, mul64_cases),
	INT2("imul in place", OP_IMUL, F_TWO_DST_IN_PLACE, 0x3, ref_imul, mul64_cases),
	INT2("umul in place", OP_UMUL, F_TWO_DST_IN_PLACE, 0x3, ref_umul, mul64_cases),
	INT2("udiv", OP_UDIV, F_TWO_DST, 0x3, ref_udiv, udiv_cases),
	INT2("vmware idiv", OP_VMWARE, F_NULL_DST, 0x1, ref_idiv, idiv_cases),
	INT("ftoi", OP_FTOI, 1, ref_ftoi, ftoi_cases),
	INT("ftou", OP_FTOU, 1, ref_ftou, ftou_cases),
	INT("itof", OP_ITOF, 1, ref_itof, itof_cases),
	INT("utof", OP_UTOF, 1, ref_utof, utof_cases),
	INT("countbits", OP_COUNTBITS, 1, ref_countbits, bits_cases),
	INT("firstbit_hi", OP_FIRSTBIT_HI, 1, ref_firstbit_hi, bits_cases),
	INT("firstbit_lo", OP_FIRSTBIT_LO, 1, ref_firstbit_lo, bits_cases),
	INT("firstbit_shi", OP_FIRSTBIT_SHI, 1, ref_firstbit_shi, bits_cases),
	INT("bfrev", OP_BFREV, 1, ref_bfrev, bits_cases),
	INT("ubfe", OP_UBFE, 3, ref_ubfe, bfe_cases),
	INT("ibfe", OP_IBFE, 3, ref_ibfe, bfe_cases),
	INT("bfi", OP_BFI, 4, ref_bfi, bfi_cases),
};

static unsigned run_table(void)
{
	unsigned wrong = 0;

	for (unsigned k = 0; k < N(alu_ops); k++) {
		wrong += run_alu(&alu_ops[k]);
	}
	return wrong;
}

int main(void)
{
	unsigned wrong, checked = 0, computable = 0;

	vc = test_vulkan();
	CHECK(vc != NULL);
	if (!vc)
		return 1;
	wrong = run_table();
	wrong += run_flow();
	wrong += run_texture();
	wrong += run_pixel();
	wrong += run_pixel_texture();
	wrong += run_geometry();
	vk_compute_close(vc);

	for (unsigned i = 0; i < N_SM41; i++) {
		sm41_opcodes[i].checked &= !sm41_opcodes[i].failed;
		checked += sm41_opcodes[i].checked;
		computable += !sm41_opcodes[i].why;
	}
	printf("%u of %zu SM4.1 instruction opcodes checked by computed results (%u wrong cases)\n",
	       checked, N_SM41, wrong);
	for (unsigned i = 0; i < N_SM41; i++) {
		if (sm41_opcodes[i].checked)
			continue;
		printf("  not covered: %-12s %s\n", sm41_opcodes[i].name,
		       sm41_opcodes[i].why ? sm41_opcodes[i].why : "its check FAILED");
		CHECK(sm41_opcodes[i].why);
	}
	printf("also checked (vkd3d has them, Mesa does not emit them):");
	for (unsigned i = 0; i < N_EXTRA; i++) {
		bool ok = extra_opcodes[i].checked && !extra_opcodes[i].failed;

		printf(" %s%s", extra_opcodes[i].name, ok ? "" : " (FAILED)");
		CHECK(ok);
	}
	printf("\n");
	CHECK(checked == computable);
	CHECK(wrong == 0);
	return t_report("test_vkd3d_alu");
}

