/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internal to test_vkd3d_alu (one executable, several files): the SM4.1
 * opcode numbers and their coverage marks (test_vkd3d_alu.c), the stream
 * runner and the value comparisons (vkd3d_alu_run.c), and the entry
 * points of the other files: control flow (vkd3d_alu_flow.c), textures
 * (vkd3d_alu_texture.c), pixel and geometry shaders (vkd3d_alu_stages.c).
 * The streams are assembled with shader_asm.h; CHECK and its counters,
 * shared by all the files, are test_vkd3d_common.h's.
 */
#ifndef VKD3D_ALU_H
#define VKD3D_ALU_H

#define TEST_SHARED_COUNTERS
#include "test_vkd3d_common.h"
#include "shader_asm.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---- opcodes and coverage (test_vkd3d_alu.c) ---------------------------- */

enum {
	OP_ADD = 0, OP_AND = 1, OP_BREAK = 2, OP_BREAKC = 3, OP_CASE = 6, OP_CONTINUE = 7,
	OP_CONTINUEC = 8, OP_CUT = 9, OP_DEFAULT = 10, OP_DERIV_RTX = 11, OP_DERIV_RTY = 12,
	OP_DISCARD = 13, OP_DIV = 14, OP_DP2 = 15, OP_DP3 = 16, OP_DP4 = 17, OP_ELSE = 18,
	OP_EMIT = 19, OP_ENDIF = 21, OP_ENDLOOP = 22, OP_ENDSWITCH = 23, OP_EQ = 24, OP_EXP = 25,
	OP_FRC = 26, OP_FTOI = 27, OP_FTOU = 28, OP_GE = 29, OP_IADD = 30, OP_IF = 31,
	OP_IEQ = 32, OP_IGE = 33, OP_ILT = 34, OP_IMAX = 36, OP_IMIN = 37, OP_IMUL = 38,
	OP_INE = 39, OP_INEG = 40, OP_ISHL = 41, OP_ISHR = 42, OP_ITOF = 43, OP_LD = 45,
	OP_LD_MS = 46, OP_LOG = 47, OP_LOOP = 48, OP_LT = 49, OP_MAD = 50, OP_MIN = 51,
	OP_MAX = 52, OP_MOV = 54, OP_MOVC = 55, OP_MUL = 56, OP_NE = 57, OP_NOP = 58,
	OP_NOT = 59, OP_OR = 60, OP_RESINFO = 61, OP_RET = 62, OP_RETC = 63, OP_ROUND_NE = 64,
	OP_ROUND_NI = 65, OP_ROUND_PI = 66, OP_ROUND_Z = 67, OP_RSQ = 68, OP_SAMPLE = 69,
	OP_SAMPLE_C = 70, OP_SAMPLE_C_LZ = 71, OP_SAMPLE_L = 72, OP_SAMPLE_D = 73,
	OP_SAMPLE_B = 74, OP_SQRT = 75, OP_SWITCH = 76, OP_SINCOS = 77, OP_UDIV = 78,
	OP_ULT = 79, OP_UGE = 80, OP_UMUL = 81, OP_UMAD = 82, OP_UMAX = 83, OP_UMIN = 84,
	OP_USHR = 85, OP_UTOF = 86, OP_XOR = 87, OP_VMWARE = 107, OP_LOD = 108,
	OP_GATHER4 = 109, OP_SAMPLE_POS = 110, OP_COUNTBITS = 134, OP_FIRSTBIT_HI = 135,
	OP_FIRSTBIT_LO = 136, OP_FIRSTBIT_SHI = 137, OP_UBFE = 138, OP_IBFE = 139,
	OP_BFI = 140, OP_BFREV = 141,
	/* Not instructions: declarations and the token header. */
	OP_DCL_TEMPS = 104, OP_DCL_INPUT = 95, OP_DCL_THREAD_GROUP = 155, OP_DCL_UAV_RAW = 157,
	OP_LD_RAW = 165, OP_STORE_RAW = 166, OP_DCL_RESOURCE = 88, OP_DCL_SAMPLER = 90,
};

/* The if/breakc/continuec/retc/movc test bit: nonzero (else zero). */
#define TEST_NZ (1u << 7)
#define T_UAV 30u
#define T_THREAD_GROUP_ID 33u
#define T_RASTERIZER 14u

/* Records a check's outcome for an opcode; one failed check uncovers it. */
void mark_result(unsigned opcode, bool passed);
void mark_checked(unsigned opcode);

/* The Vulkan device every check runs on (opened by main). */
extern struct vk_compute *vc;

/* ---- values (vkd3d_alu_run.c) -------------------------------------------- */

static inline float u2f(uint32_t u)
{
	float f;

	memcpy(&f, &u, 4);
	return f;
}

static inline uint32_t f2u(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

/* How a result component is compared with the reference. */
enum cmp { C_EXACT, C_FLOAT, C_MINMAX, C_ABS };

/* C_FLOAT: tol in ULP; C_ABS: absolute; NaN matches any NaN. */
bool float_match(uint32_t got, uint32_t want, enum cmp how, double tol);

/* ---- running a stream (vkd3d_alu_run.c) --------------------------------- */

#define SENTINEL 0x5eed5eedu
#define IN_WORDS 8
#define MAX_CASES 32

/* The rasterizer's sample count compiled into the stream (0: not given). */
extern uint32_t records_sample_count;

/* The texture run_texture_check binds: t0 and s0 are declared while set. */
extern const struct vk_compute_texture *records_texture;

/* store_raw u1[record], r2 */
void store_r2(struct asm_buf *b);

/* DXBC (SHEX or SHDR) -> SPIR-V with u0..u(uavs-1) as storage buffers,
 * t0/s0 after them. */
int compile_stream_sig(const struct asm_buf *b, const struct sig *in, const struct sig *out,
		       unsigned uavs, struct vkd3d_shader_code *spirv);

typedef void (*ref_fn)(const uint32_t *in, uint32_t *out);

struct alu_case {
	union {
		float f[IN_WORDS];
		uint32_t u[IN_WORDS];
		int32_t i[IN_WORDS];
	};
};

/*
 * Runs body over the cases and compares r2 with ref: components in mask
 * as `how` says, the others must still hold SENTINEL.  Returns the
 * number of wrong cases; marks `opcodes` checked when there are none.
 */
struct check {
	const char *name;
	void (*body)(struct asm_buf *b, const void *arg);
	const void *arg;
	ref_fn ref;
	const struct alu_case *cases;
	unsigned ncases;
	uint32_t mask;
	enum cmp how;
	double tol;
	bool (*alt_ok)(const uint32_t *in, uint32_t got);
	const unsigned *opcodes;   /* what the check covers, ~0u-terminated */
};

unsigned run_check(const struct check *t);

/* ---- inputs ---------------------------------------------------------------- */

#define NAN_ NAN
#define INF INFINITY
#define CASES(name, ...) static const struct alu_case name[] = { __VA_ARGS__ }
#define FC(...) { .f = { __VA_ARGS__ } }
#define UC_(...) { .u = { __VA_ARGS__ } }
#define IC(...) { .i = { __VA_ARGS__ } }
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the other files' checks; each returns its number of wrong cases ------ */

unsigned run_flow(void);           /* vkd3d_alu_flow.c */
unsigned run_texture(void);        /* vkd3d_alu_texture.c: through compute */
unsigned run_pixel_texture(void);  /* vkd3d_alu_texture.c: drawn; after run_texture */
unsigned run_pixel(void);          /* vkd3d_alu_stages.c: derivatives, discard */
unsigned run_geometry(void);       /* vkd3d_alu_stages.c: emit, cut */

/*
 * The draws' common parts (vkd3d_alu_stages.c).  vertex_shader_compile:
 * vs_4_0, a triangle covering the viewport with o1.xy = the clip-space
 * position; varyings receives its output signature (SV_Position,
 * TEXCOORD.xy); false if it does not compile.  ps_store_pixel ends a
 * pixel shader whose reg.xy holds the pixel (x, y) of the 4 x 4 target:
 * reg.comp = (4y + x) << shift, the byte offset of the pixel's record in
 * u0; store_raw u0.mask there, the value register (type, swizzle, index);
 * ret; returns the stream's size.
 */
bool vertex_shader_compile(struct vkd3d_shader_code *vs, struct sig *varyings);
size_t ps_store_pixel(struct asm_buf *b, unsigned reg, unsigned comp, unsigned shift,
		      uint32_t mask, unsigned type, uint32_t swizzle, unsigned index);

#endif
