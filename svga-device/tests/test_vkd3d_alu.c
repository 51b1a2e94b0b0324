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
 */
#include "svga_dxbc.h"
#include "vk_compute.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vkd3d_shader.h>

#include "shader_asm.h"

static int t_failures, t_checks;

#define CHECK(c) do {                                                      \
	t_checks++;                                                        \
	if (!(c)) {                                                        \
		t_failures++;                                              \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,     \
			__LINE__, #c);                                     \
	}                                                                  \
} while (0)

/* ---- the SM4.1 opcode list ------------------------------------------- */

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

#define NEEDS_MS "needs a multisampled texture (vk_compute has none); no test computes with it yet"

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
	{ "ld", OP_LD, NULL, false, false }, { "ld_ms", OP_LD_MS, NEEDS_MS, false, false },
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

/* Records a check's outcome for an opcode; one failed check uncovers it. */
static void mark_result(unsigned opcode, bool passed)
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

static void mark_checked(unsigned opcode)
{
	mark_result(opcode, true);
}

/* ---- running a stream --------------------------------------------------- */

static struct vk_compute *vc;

#define SENTINEL 0x5eed5eedu
#define IN_WORDS 8
#define MAX_CASES 32

/*
 * cs_5_0 over records: workgroup i loads in[i] (8 dwords) into r1 and r3,
 * fills r2 with SENTINEL, runs body(), stores r2 as out[i].  r0.xyz hold
 * the offsets (r0.z: the output's), r4..r7 are free for body.
 */
static void store_r2(struct asm_buf *b)
{
	asm_op(b, OP_STORE_RAW, 0);
	dst(b, T_UAV, 0xf, 1);
	src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	src(b, T_TEMP, SWZ_XYZW, 2);
}

/* The rasterizer's sample count compiled into the stream (0: not given). */
static uint32_t records_sample_count;

/* The texture run_texture_check binds: t0 and s0 are declared while set. */
static const struct vk_compute_texture *records_texture;

static size_t records_program(struct asm_buf *b, void (*body)(struct asm_buf *b, const void *arg),
			      const void *arg)
{
	asm_begin(b, 5, 5, 0);
	asm_op(b, OP_DCL_THREAD_GROUP, 0); asm_dw(b, 1); asm_dw(b, 1); asm_dw(b, 1);
	if (records_texture) {
		/* texture2d of floats; a comparison sampler for a depth texture */
		asm_op(b, OP_DCL_RESOURCE, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
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

/* An ISGN/OSGN payload: count, 8, 24-byte elements, then the names. */
struct sig {
	uint32_t w[64];
	size_t size;
};

struct sig_elem {
	const char *name;
	uint32_t sysval, component_type, reg, mask;
};

static void sig_build(struct sig *sg, const struct sig_elem *e, unsigned n)
{
	size_t names = 8 + 24 * (size_t)n;

	memset(sg, 0, sizeof(*sg));
	sg->w[0] = n;
	sg->w[1] = 8;
	for (unsigned i = 0; i < n; i++) {
		size_t len = strlen(e[i].name) + 1;
		uint32_t *el = &sg->w[2 + 6 * i];

		el[0] = (uint32_t)names;
		el[1] = 0;                         /* semantic index */
		el[2] = e[i].sysval;
		el[3] = e[i].component_type;
		el[4] = e[i].reg;
		el[5] = e[i].mask | e[i].mask << 8;
		if (names + len <= sizeof(sg->w)) {
			memcpy((char *)sg->w + names, e[i].name, len);
			names += len;
		}
	}
	sg->size = (names + 3) & ~(size_t)3;
}

/* DXBC (SHEX or SHDR) -> SPIR-V with u0..u(uavs-1) as storage buffers. */
static int compile_stream_sig(const struct asm_buf *b, const struct sig *in, const struct sig *out,
			      unsigned uavs, struct vkd3d_shader_code *spirv)
{
	static const uint32_t empty_signature[2] = { 0, 8 };
	const bool sm5 = ((b->t[0] >> 4) & 0xf) >= 5;
	const struct svga_dxbc_chunk chunks[] = {
		{ SVGA_DXBC_FOURCC('I', 'S', 'G', 'N'), in ? (const void *)in->w : empty_signature,
		  in ? in->size : sizeof(empty_signature) },
		{ SVGA_DXBC_FOURCC('O', 'S', 'G', 'N'), out ? (const void *)out->w : empty_signature,
		  out ? out->size : sizeof(empty_signature) },
		{ sm5 ? SVGA_DXBC_FOURCC('S', 'H', 'E', 'X') : SVGA_DXBC_FOURCC('S', 'H', 'D', 'R'),
		  b->t, b->n * 4u },
	};
	struct vkd3d_shader_resource_binding bindings[4];
	const struct vkd3d_shader_compile_option options[] = {
		{ VKD3D_SHADER_COMPILE_OPTION_BUFFER_UAV, VKD3D_SHADER_COMPILE_OPTION_BUFFER_UAV_STORAGE_BUFFER },
		{ VKD3D_SHADER_COMPILE_OPTION_API_VERSION, VKD3D_SHADER_API_VERSION_1_14 },
	};
	const struct vkd3d_shader_parameter1 sample_count = {
		.name = VKD3D_SHADER_PARAMETER_NAME_RASTERIZER_SAMPLE_COUNT,
		.type = VKD3D_SHADER_PARAMETER_TYPE_IMMEDIATE_CONSTANT,
		.data_type = VKD3D_SHADER_PARAMETER_DATA_TYPE_UINT32,
		.u.immediate_constant.u.u32 = records_sample_count,
	};
	const struct vkd3d_shader_parameter_info parameters = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_PARAMETER_INFO,
		.parameters = &sample_count,
		.parameter_count = 1,
	};
	struct vkd3d_shader_interface_info iface = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_INTERFACE_INFO,
		.next = records_sample_count ? &parameters : NULL,
		.bindings = bindings,
		.binding_count = uavs + 2,
	};
	struct vkd3d_shader_compile_info info = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_COMPILE_INFO,
		.next = &iface,
		.source_type = VKD3D_SHADER_SOURCE_DXBC_TPF,
		.target_type = VKD3D_SHADER_TARGET_SPIRV_BINARY,
		.options = options,
		.option_count = sizeof(options) / sizeof(options[0]),
		.log_level = VKD3D_SHADER_LOG_WARNING,
		.source_name = "test_vkd3d_alu",
	};
	char *messages = NULL;
	size_t size;
	void *dxbc = svga_dxbc_build(chunks, 3, &size);
	int ret;

	if (!dxbc || uavs > 2) {
		free(dxbc);
		return -1;
	}
	for (unsigned i = 0; i < uavs; i++)
		bindings[i] = (struct vkd3d_shader_resource_binding){
			.type = VKD3D_SHADER_DESCRIPTOR_TYPE_UAV,
			.register_index = i,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_BUFFER,
			.binding = { .set = 0, .binding = i, .count = 1 },
		};
	/* t0 and s0 after the UAVs, where vk_compute binds its texture. */
	for (unsigned i = 0; i < 2; i++)
		bindings[uavs + i] = (struct vkd3d_shader_resource_binding){
			.type = i ? VKD3D_SHADER_DESCRIPTOR_TYPE_SAMPLER : VKD3D_SHADER_DESCRIPTOR_TYPE_SRV,
			.register_index = 0,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_IMAGE,
			.binding = { .set = 0, .binding = uavs + i, .count = 1 },
		};
	info.source = (struct vkd3d_shader_code){ dxbc, size };
	memset(spirv, 0, sizeof(*spirv));
	ret = vkd3d_shader_compile(&info, spirv, &messages);
	if (messages && *messages)
		fprintf(stderr, "vkd3d-shader: %s", messages);
	vkd3d_shader_free_messages(messages);
	free(dxbc);
	/* TEST_VKD3D_DUMP=dir keeps each SPIR-V module (for spirv-val/dis). */
	if (ret >= 0 && getenv("TEST_VKD3D_DUMP")) {
		static unsigned dumped;
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/alu-%u.spv", getenv("TEST_VKD3D_DUMP"), dumped++);
		f = fopen(path, "wb");
		if (f) {
			fwrite(spirv->code, 1, spirv->size, f);
			fclose(f);
		}
	}
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

static float u2f(uint32_t u)
{
	float f;

	memcpy(&f, &u, 4);
	return f;
}

static uint32_t f2u(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

/* How a result component is compared with the reference. */
enum cmp { C_EXACT, C_FLOAT, C_MINMAX, C_ABS };

/* Float order as integers: the distance is the ULP count. */
static int64_t float_order(uint32_t u)
{
	return u & 0x80000000u ? -(int64_t)(u & 0x7fffffffu) : (int64_t)u;
}

static bool float_match(uint32_t got, uint32_t want, enum cmp how, double tol)
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

typedef void (*ref_fn)(const uint32_t *in, uint32_t *out);

struct alu_case {
	union {
		float f[IN_WORDS];
		uint32_t u[IN_WORDS];
		int32_t i[IN_WORDS];
	};
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

static void body_alu(struct asm_buf *b, const void *arg)
{
	const struct alu_op *op = arg;

	asm_op(b, op->opcode, op->field);
	switch (op->form) {
	case F_SCALAR:
	case F_VEC:
		dst(b, T_TEMP, 0x1, 2);
		break;
	case F_TWO_DST:
		dst(b, T_TEMP, 0x1, 2);
		dst(b, T_TEMP, 0x2, 2);
		break;
	case F_NULL_DST:
		dst(b, T_TEMP, 0x1, 2);
		null_dst(b);
		break;
	case F_NULL_FIRST:
		null_dst(b);
		dst(b, T_TEMP, 0x1, 2);
		break;
	case F_TWO_DST_SAME_MASK:
		dst(b, T_TEMP, 0x1, 2);
		dst(b, T_TEMP, 0x1, 4);
		break;
	case F_TWO_DST_IN_PLACE:
		dst(b, T_TEMP, 0x2, 1);
		dst(b, T_TEMP, 0x1, 1);
		break;
	case F_VEC4:
		dst(b, T_TEMP, 0xf, 2);
		break;
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

static unsigned run_check(const struct check *t)
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

#define NAN_ NAN
#define INF INFINITY
#define CASES(name, ...) static const struct alu_case name[] = { __VA_ARGS__ }
#define FC(...) { .f = { __VA_ARGS__ } }
#define UC_(...) { .u = { __VA_ARGS__ } }
#define IC(...) { .i = { __VA_ARGS__ } }
#define N(a) (sizeof(a) / sizeof((a)[0]))

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
	{ "imul lo", OP_IMUL, 0, F_NULL_FIRST, 2, 0x1, C_EXACT, 0, ref_imul_lo, mul64_cases,
	  N(mul64_cases), NULL },
	{ "umul lo", OP_UMUL, 0, F_NULL_FIRST, 2, 0x1, C_EXACT, 0, ref_umul_lo, mul64_cases,
	  N(mul64_cases), NULL },
	{ "imul hi", OP_IMUL, 0, F_NULL_DST, 2, 0x1, C_EXACT, 0, ref_imul_hi, mul64_cases,
	  N(mul64_cases), NULL },
	{ "umul hi", OP_UMUL, 0, F_NULL_DST, 2, 0x1, C_EXACT, 0, ref_umul_hi, mul64_cases,
	  N(mul64_cases), NULL },
	{ "imul hi+lo", OP_IMUL, 0, F_TWO_DST, 2, 0x3, C_EXACT, 0, ref_imul, mul64_cases,
	  N(mul64_cases), NULL },
	{ "umul hi+lo", OP_UMUL, 0, F_TWO_DST, 2, 0x3, C_EXACT, 0, ref_umul, mul64_cases,
	  N(mul64_cases), NULL },
	{ "imul hi+lo .x", OP_IMUL, 0, F_TWO_DST_SAME_MASK, 2, 0x3, C_EXACT, 0, ref_imul, mul64_cases,
	  N(mul64_cases), NULL },
	{ "umul hi+lo .x", OP_UMUL, 0, F_TWO_DST_SAME_MASK, 2, 0x3, C_EXACT, 0, ref_umul, mul64_cases,
	  N(mul64_cases), NULL },
	{ "imul in place", OP_IMUL, 0, F_TWO_DST_IN_PLACE, 2, 0x3, C_EXACT, 0, ref_imul, mul64_cases,
	  N(mul64_cases), NULL },
	{ "umul in place", OP_UMUL, 0, F_TWO_DST_IN_PLACE, 2, 0x3, C_EXACT, 0, ref_umul, mul64_cases,
	  N(mul64_cases), NULL },
	{ "udiv", OP_UDIV, 0, F_TWO_DST, 2, 0x3, C_EXACT, 0, ref_udiv, udiv_cases, N(udiv_cases), NULL },
	{ "vmware idiv", OP_VMWARE, 0, F_NULL_DST, 2, 0x1, C_EXACT, 0, ref_idiv, idiv_cases,
	  N(idiv_cases), NULL },
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

static unsigned run_flow(void)
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


/* ---- textures: sampled by vkd3d's SPIR-V, against a C sampler -------------- */

/*
 * An 8x8 RGBA32F texture with 4 levels: level 0's texel (x, y) is
 * (x + 8y, 100 + x, 200 + y, 1000), so each texel's red is its own;
 * level k > 0 is the constant (1000k + 1, 1000k + 2, 1000k + 3, 1000k + 4),
 * so the colour names the level.  A 4x4 one-level depth texture holds
 * (x + 4y) / 16 + 1/32.  Both sampled nearest, clamped to the edge, the
 * depth one with reference <= texel (vk_compute.h).
 */
#define TEX_SIZE 8u
#define TEX_LEVELS 4u
#define DEPTH_SIZE 4u

static float tex_rgba[4 * (64 + 16 + 4 + 1)], tex_depth[DEPTH_SIZE * DEPTH_SIZE];
static const struct vk_compute_texture rgba_texture = { TEX_SIZE, TEX_SIZE, TEX_LEVELS, tex_rgba, 0, 0 };
static const struct vk_compute_texture depth_texture = { DEPTH_SIZE, DEPTH_SIZE, 1, tex_depth, 1, 0 };

static void tex_texel(unsigned level, unsigned x, unsigned y, float *out)
{
	for (unsigned c = 0; c < 4; c++)
		out[c] = level ? (float)(1000 * level + c + 1) :
			 (float[4]){ (float)(x + 8 * y), (float)(100 + x), (float)(200 + y), 1000 }[c];
}

static void tex_fill(void)
{
	float *t = tex_rgba;

	for (unsigned k = 0; k < TEX_LEVELS; k++)
		for (unsigned y = 0; y < TEX_SIZE >> k; y++)
			for (unsigned x = 0; x < TEX_SIZE >> k; x++, t += 4)
				tex_texel(k, x, y, t);
	for (unsigned i = 0; i < DEPTH_SIZE * DEPTH_SIZE; i++)
		tex_depth[i] = (float)i / 16.0f + 1.0f / 32.0f;
}

static unsigned clampu(float v, unsigned size)
{
	return v < 0 ? 0 : v >= (float)size ? size - 1 : (unsigned)v;
}

/* Nearest filtering of level `level` at (u, v), clamped to the edge. */
static void tex_nearest(unsigned level, float u, float v, uint32_t *out)
{
	unsigned size = TEX_SIZE >> level;
	float texel[4];

	tex_texel(level, clampu(floorf(u * (float)size), size), clampu(floorf(v * (float)size), size), texel);
	for (unsigned c = 0; c < 4; c++)
		out[c] = f2u(texel[c]);
}

/* Vulkan's nearest mip level: ceil(lod + 0.5) - 1, clamped to the chain. */
static unsigned tex_level(float lod)
{
	float level = ceilf(lod + 0.5f) - 1.0f;

	return level <= 0 ? 0 : level >= (float)(TEX_LEVELS - 1) ? TEX_LEVELS - 1 : (unsigned)level;
}

/* sample_l r2, r1.xy (u, v), t0, s0, r1.z (lod) */
static void body_sample_l(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_L, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 1);
}

static void ref_sample_l(const uint32_t *in, uint32_t *out)
{
	tex_nearest(tex_level(u2f(in[2])), u2f(in[0]), u2f(in[1]), out);
}

/* sample_d r2, r1.xy, t0, s0, r3.xy (d/dx), r3.zw (d/dy) */
static void body_sample_d(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_D, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
	src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 3); src(b, T_TEMP, O_SWZ(2, 3, 2, 2), 3);
}

/* lod = log2 of the longer gradient in texels (Vulkan's rho, no approximation
 * needed for the axis-aligned power-of-two gradients of the cases). */
static void ref_sample_d(const uint32_t *in, uint32_t *out)
{
	float dx = hypotf(u2f(in[4]), u2f(in[5])) * TEX_SIZE, dy = hypotf(u2f(in[6]), u2f(in[7])) * TEX_SIZE;

	tex_nearest(tex_level(log2f(dx > dy ? dx : dy)), u2f(in[0]), u2f(in[1]), out);
}

/* gather4 r2, r1.xy, t0, s0: the red of the 2x2 footprint. */
static void body_gather4(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_GATHER4, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
}

/* D3D10.1's order: (i0, j1), (i1, j1), (i1, j0), (i0, j0), each clamped. */
static void ref_gather4(const uint32_t *in, uint32_t *out)
{
	float fx = floorf(u2f(in[0]) * TEX_SIZE - 0.5f), fy = floorf(u2f(in[1]) * TEX_SIZE - 0.5f);
	const unsigned i0 = clampu(fx, TEX_SIZE), i1 = clampu(fx + 1, TEX_SIZE);
	const unsigned j0 = clampu(fy, TEX_SIZE), j1 = clampu(fy + 1, TEX_SIZE);
	const unsigned xs[4] = { i0, i1, i1, i0 }, ys[4] = { j1, j1, j0, j0 };

	for (unsigned c = 0; c < 4; c++) {
		float texel[4];

		tex_texel(0, xs[c], ys[c], texel);
		out[c] = f2u(texel[0]);
	}
}

/* resinfo_uint r2, r1.x (level), t0 (Mesa's form for textureSize/levels) */
static void body_resinfo(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_RESINFO, 2); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, SWZ_XXXX, 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0);
}

/* (width, height, 0, levels) of the level; 2D has no depth or layers. */
static void ref_resinfo(const uint32_t *in, uint32_t *out)
{
	out[0] = TEX_SIZE >> in[0] ? TEX_SIZE >> in[0] : 1;
	out[1] = out[0];
	out[2] = 0;
	out[3] = TEX_LEVELS;
}

/* ld r2, r1.xyzw (x, y, -, level), t0: no sampler, integer texel addresses */
static void body_ld(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_LD, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, SWZ_XYZW, 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0);
}

static void ref_ld(const uint32_t *in, uint32_t *out)
{
	float texel[4];

	tex_texel(in[3], in[0], in[1], texel);
	for (unsigned c = 0; c < 4; c++)
		out[c] = f2u(texel[c]);
}

/* sample_c_lz r2.x, r1.xy, t0, s0, r1.z (reference) on the depth texture */
static void body_sample_c_lz(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_C_LZ, 0); dst(b, T_TEMP, 0x1, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XXXX, 0); reg0(b, T_SAMPLER, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 1);
}

static void ref_sample_c_lz(const uint32_t *in, uint32_t *out)
{
	float d = tex_depth[clampu(floorf(u2f(in[0]) * DEPTH_SIZE), DEPTH_SIZE) +
			    DEPTH_SIZE * clampu(floorf(u2f(in[1]) * DEPTH_SIZE), DEPTH_SIZE)];

	out[0] = f2u(u2f(in[2]) <= d ? 1.0f : 0.0f);
}

/* Texel centres (x + 0.5) / 8 of level 0; lods between and beyond levels. */
#define TC(x) (((float)(x) + 0.5f) / (float)TEX_SIZE)
CASES(sample_l_cases, FC(TC(0), TC(0), 0), FC(TC(5), TC(2), 0), FC(TC(7), TC(7), 0.4f),
      FC(TC(3), TC(6), 1), FC(TC(3), TC(6), 1.4f), FC(TC(1), TC(1), 2), FC(TC(1), TC(1), 2.6f),
      FC(TC(4), TC(4), 3), FC(TC(4), TC(4), 7), FC(TC(6), TC(1), -2), FC(-0.5f, 1.5f, 0),
      FC(1.25f, TC(3), 0));
/* u, v, -, -, du/dx, dv/dx, du/dy, dv/dy: 1, 2, 4, 8 texels. */
CASES(sample_d_cases, FC(TC(2), TC(5), 0, 0, 1.0f / 8, 0, 0, 1.0f / 8),
      FC(TC(2), TC(5), 0, 0, 2.0f / 8, 0, 0, 1.0f / 8), FC(TC(2), TC(5), 0, 0, 0, 0, 0, 4.0f / 8),
      FC(TC(7), TC(0), 0, 0, 0, 8.0f / 8, 0, 0), FC(TC(6), TC(3), 0, 0, 0.5f / 8, 0, 0, 0.5f / 8),
      FC(TC(6), TC(3), 0, 0, 32.0f / 8, 0, 0, 0));
/* Between texel centres i and i + 1 (u = (i + 1) / 8), and at the edges. */
CASES(gather4_cases, FC(1.0f / 8, 1.0f / 8), FC(4.0f / 8, 3.0f / 8), FC(7.0f / 8, 2.0f / 8),
      FC(3.0f / 8, 7.0f / 8), FC(0, 0), FC(1, 1), FC(TC(2) + 0.01f, TC(5) + 0.01f));
CASES(resinfo_cases, UC_(0), UC_(1), UC_(2), UC_(3));
/* x, y, -, level: inside each level (D3D's zero for outside is not checked) */
CASES(ld_cases, UC_(0, 0, 0, 0), UC_(7, 0, 0, 0), UC_(3, 5, 9, 0), UC_(7, 7, 0, 0), UC_(1, 2, 0, 1),
      UC_(3, 3, 0, 1), UC_(1, 0, 0, 2), UC_(0, 0, 0, 3));
#define DC(x) (((float)(x) + 0.5f) / (float)DEPTH_SIZE)
/* reference below, at and above the texel's (x + 4y) / 16 + 1/32 */
CASES(sample_c_lz_cases, FC(DC(0), DC(0), 0), FC(DC(0), DC(0), 1.0f / 32), FC(DC(0), DC(0), 0.04f),
      FC(DC(3), DC(1), 7.0f / 16), FC(DC(3), DC(1), 7.0f / 16 + 1.0f / 32), FC(DC(3), DC(1), 0.5f),
      FC(DC(2), DC(3), 0.9f), FC(DC(2), DC(3), 1), FC(DC(1), DC(2), -1), FC(1.5f, DC(3), 0.99f));

/*
 * sample_pos r2.xy, rasterizer.xyzw, r1.x: Mesa's gl_SamplePosition (which
 * writes .xyzw, uses .xy and adds 0.5; vkd3d repeats x, y in z, w).  The
 * rasterizer's sample count is a compile parameter
 * (VKD3D_SHADER_PARAMETER_NAME_RASTERIZER_SAMPLE_COUNT).
 */
static void body_sample_pos(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_POS, 0); dst(b, T_TEMP, 0x3, 2);
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_RASTERIZER)); src(b, T_TEMP, SWZ_XXXX, 1);
}

/* D3D's standard sample patterns (in 1/16 pixel); (0, 0) for an index
 * beyond the count. */
static void ref_sample_pos(const uint32_t *in, uint32_t *out)
{
	static const int8_t pattern2[2][2] = { { 4, 4 }, { -4, -4 } };
	static const int8_t pattern4[4][2] = { { -2, -6 }, { 6, -2 }, { -6, 2 }, { 2, 6 } };
	static const int8_t pattern8[8][2] = {
		{ 1, -3 }, { -1, 3 }, { 5, 1 }, { -3, -5 }, { -5, 5 }, { -7, -1 }, { 3, 7 }, { 7, -7 },
	};
	const int8_t (*pattern)[2] = records_sample_count == 2 ? pattern2 : records_sample_count == 4 ?
				     pattern4 : records_sample_count == 8 ? pattern8 : NULL;
	const int8_t *xy = pattern && in[0] < records_sample_count ? pattern[in[0]] : (const int8_t[2]){ 0, 0 };

	out[0] = f2u((float)xy[0] / 16.0f);
	out[1] = f2u((float)xy[1] / 16.0f);
}

CASES(sample_pos_cases, UC_(0), UC_(1), UC_(2), UC_(3), UC_(4), UC_(5), UC_(6), UC_(7), UC_(8), UC_(100));

static unsigned run_sample_pos(void)
{
	static const unsigned ops[] = { OP_SAMPLE_POS, ~0u };
	static const uint32_t counts[] = { 1, 2, 4, 8 };
	const char *names[] = { "sample_pos 1x", "sample_pos 2x", "sample_pos 4x", "sample_pos 8x" };
	unsigned wrong = 0;

	for (unsigned k = 0; k < N(counts); k++) {
		const struct check t = {
			names[k], body_sample_pos, NULL, ref_sample_pos, sample_pos_cases, N(sample_pos_cases),
			0x3, C_EXACT, 0, NULL, ops,
		};

		records_sample_count = counts[k];
		wrong += run_check(&t);
	}
	records_sample_count = 0;
	return wrong;
}

/* Runs a check with tex bound to t0/s0. */
static unsigned run_texture_check(const struct check *t, const struct vk_compute_texture *tex)
{
	unsigned wrong;

	records_texture = tex;
	vk_compute_bind_texture(vc, tex);
	wrong = run_check(t);
	vk_compute_bind_texture(vc, NULL);
	records_texture = NULL;
	return wrong;
}

static unsigned run_texture(void)
{
	static const unsigned sample_l_ops[] = { OP_SAMPLE_L, ~0u }, sample_d_ops[] = { OP_SAMPLE_D, ~0u };
	static const unsigned gather4_ops[] = { OP_GATHER4, ~0u }, resinfo_ops[] = { OP_RESINFO, ~0u };
	static const unsigned sample_c_lz_ops[] = { OP_SAMPLE_C_LZ, ~0u }, ld_ops[] = { OP_LD, ~0u };
	const struct check rgba[] = {
		{ "sample_l", body_sample_l, NULL, ref_sample_l, sample_l_cases, N(sample_l_cases), 0xf,
		  C_EXACT, 0, NULL, sample_l_ops },
		{ "sample_d", body_sample_d, NULL, ref_sample_d, sample_d_cases, N(sample_d_cases), 0xf,
		  C_EXACT, 0, NULL, sample_d_ops },
		{ "gather4", body_gather4, NULL, ref_gather4, gather4_cases, N(gather4_cases), 0xf,
		  C_EXACT, 0, NULL, gather4_ops },
		{ "resinfo_uint", body_resinfo, NULL, ref_resinfo, resinfo_cases, N(resinfo_cases), 0xf,
		  C_EXACT, 0, NULL, resinfo_ops },
		{ "ld", body_ld, NULL, ref_ld, ld_cases, N(ld_cases), 0xf, C_EXACT, 0, NULL, ld_ops },
	};
	const struct check depth = {
		"sample_c_lz", body_sample_c_lz, NULL, ref_sample_c_lz, sample_c_lz_cases,
		N(sample_c_lz_cases), 0x1, C_EXACT, 0, NULL, sample_c_lz_ops,
	};
	unsigned wrong = 0;

	tex_fill();
	for (unsigned k = 0; k < N(rgba); k++)
		wrong += run_texture_check(&rgba[k], &rgba_texture);
	wrong += run_texture_check(&depth, &depth_texture);
	return wrong + run_sample_pos();
}

/* ---- pixel shader: derivatives and discard --------------------------------- */

enum { SV_POSITION = 1, SV_VERTEX_ID = 6, CT_UINT = 1, CT_FLOAT = 3 };

/* vs_4_0: a triangle covering the viewport; o1.xy = the clip-space position. */
static size_t vertex_shader(struct asm_buf *b)
{
	asm_begin(b, 1, 4, 0);
	asm_op(b, 96, 0); dst(b, T_INPUT, 0x1, 0); asm_dw(b, SV_VERTEX_ID);   /* dcl_input_sgv */
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0); asm_dw(b, SV_POSITION);  /* dcl_output_siv */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0x3, 1);                          /* dcl_output */
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 2);
	asm_op(b, OP_UDIV, 0); null_dst(b); dst(b, T_TEMP, 0x1, 0);           /* r0.x = id % 3 */
	src(b, T_INPUT, SWZ_XXXX, 0); imm1(b, 3);
	asm_op(b, OP_IEQ, 0); dst(b, T_TEMP, 0x2, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	asm_op(b, OP_IEQ, 0); dst(b, T_TEMP, 0x4, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 2);
	asm_op(b, OP_MOVC, 0); dst(b, T_TEMP, 0x1, 1); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 0);
	imm1(b, f2u(3.0f)); imm1(b, f2u(-1.0f));
	asm_op(b, OP_MOVC, 0); dst(b, T_TEMP, 0x2, 1); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	imm1(b, f2u(3.0f)); imm1(b, f2u(-1.0f));
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xc, 1); imm4(b, 0, 0, 0, f2u(1.0f));
	asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0x3, 1); src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

/*
 * ps_5_0 (for the UAV): r1 = (ddx(v1.x), ddy(v1.y), ddx(v1.y), ddy(v1.x)),
 * then discard_nz (pixel x == 1), then u0[pixel] = r1.  The varying is
 * linear in the pixel position (0.5 per pixel), so every derivative is
 * exact whether coarse or fine.
 */
static size_t pixel_shader(struct asm_buf *b)
{
	static const unsigned deriv[4][2] = {
		{ OP_DERIV_RTX, 0 }, { OP_DERIV_RTY, 1 }, { OP_DERIV_RTX, 1 }, { OP_DERIV_RTY, 0 },
	};

	asm_begin(b, 0, 5, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, SV_POSITION);  /* linear noperspective */
	asm_op(b, 98, 2); dst(b, T_INPUT, 0x3, 1);                           /* dcl_input_ps linear */
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 2);
	for (unsigned c = 0; c < 4; c++) {
		asm_op(b, deriv[c][0], 0);
		dst(b, T_TEMP, 1u << c, 1);
		src(b, T_INPUT, O_SWZ(deriv[c][1], deriv[c][1], deriv[c][1], deriv[c][1]), 1);
	}
	asm_op(b, OP_FTOU, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, OP_IEQ, 0); dst(b, T_TEMP, 0x4, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	asm_op(b, OP_DISCARD, TEST_NZ); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	asm_op(b, OP_UMAD, 0); dst(b, T_TEMP, 0x8, 0); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 0);
	imm1(b, 4); src(b, T_TEMP, SWZ_XXXX, 0);
	asm_op(b, OP_ISHL, 0); dst(b, T_TEMP, 0x8, 0); src(b, T_TEMP, O_SWZ(3, 3, 3, 3), 0); imm1(b, 4);
	asm_op(b, OP_STORE_RAW, 0); dst(b, T_UAV, 0xf, 0); src(b, T_TEMP, O_SWZ(3, 3, 3, 3), 0);
	src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

static unsigned run_pixel(void)
{
	static const struct sig_elem vs_in[] = { { "SV_VertexID", SV_VERTEX_ID, CT_UINT, 0, 0x1 } };
	static const struct sig_elem varyings[] = {
		{ "SV_Position", SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "TEXCOORD", 0, CT_FLOAT, 1, 0x3 },
	};
	struct vkd3d_shader_code vs = { 0 }, ps = { 0 };
	struct sig vs_in_sig, var_sig;
	float px[16][4];
	struct vk_compute_buffer buf = { px, sizeof(px) };
	unsigned right = 0;
	struct asm_buf b;
	char err[256];
	bool built;

	for (unsigned i = 0; i < 16; i++)
		px[i][0] = px[i][1] = px[i][2] = px[i][3] = -100.0f;
	sig_build(&vs_in_sig, vs_in, 1);
	sig_build(&var_sig, varyings, 2);
	vertex_shader(&b);
	built = compile_stream_sig(&b, &vs_in_sig, &var_sig, 0, &vs) >= 0;
	pixel_shader(&b);
	built = compile_stream_sig(&b, &var_sig, NULL, 1, &ps) >= 0 && built;
	CHECK(built);
	if (built) {
		const struct vk_compute_shader vss = { vs.code, vs.size }, pss = { ps.code, ps.size };

		if (vk_compute_draw(vc, &vss, NULL, &pss, &buf, 1, 3, 4, 4, err, sizeof(err))) {
			fprintf(stderr, "draw: %s\n", err);
			CHECK(!"draw failed");
		}
	}
	for (unsigned i = 0; i < 16; i++) {
		const bool discarded = i % 4 == 1;
		const float want[4] = { discarded ? -100.0f : 0.5f, discarded ? -100.0f : 0.5f,
					discarded ? -100.0f : 0.0f, discarded ? -100.0f : 0.0f };
		/* Exact; a zero derivative may come out as -0. */
		bool ok = !memcmp(px[i], want, sizeof(want)) ||
			  (!discarded && px[i][0] == 0.5f && px[i][1] == 0.5f && px[i][2] == 0 && px[i][3] == 0);

		CHECK(ok);
		right += ok;
		if (!ok)
			fprintf(stderr, "pixel (%u,%u): (%g %g %g %g), want (%g %g %g %g)\n", i % 4, i / 4,
				px[i][0], px[i][1], px[i][2], px[i][3], want[0], want[1], want[2], want[3]);
	}
	printf("%-16s %2u of 16 pixels right\n", "deriv/discard", right);
	if (right == 16) {
		mark_checked(OP_DERIV_RTX);
		mark_checked(OP_DERIV_RTY);
		mark_checked(OP_DISCARD);
	}
	vkd3d_shader_free_shader_code(&vs);
	vkd3d_shader_free_shader_code(&ps);
	return 16 - right;
}

/* ---- textures with implicit LOD: a drawn pixel shader ----------------------- */

/*
 * ps_5_0 over the 4 x 4 target of vertex_shader: (u, v) = v1.xy * scale +
 * 0.5, so d(u, v)/d(x, y) = 0.5 * scale exactly and the LOD of the 8 x 8
 * texture is log2(4 * scale); then `op r2, r0.xy, t0, s0[, param]` and
 * u0[pixel] = r2 (r2 starts as SENTINEL).
 */
struct ps_tex_case {
	float scale, param;
};

struct ps_tex_check {
	const char *name;
	unsigned opcode;
	const struct vk_compute_texture *tex;
	bool has_param;        /* sample_b's bias, sample_c's reference */
	uint32_t mask;
	enum cmp how;
	double tol;
	void (*ref)(const struct ps_tex_case *c, float u, float v, uint32_t *out);
	const struct ps_tex_case *cases;
	unsigned ncases;
};

static size_t pixel_shader_tex(struct asm_buf *b, const struct ps_tex_check *t, const struct ps_tex_case *c)
{
	asm_begin(b, 0, 5, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, OP_DCL_RESOURCE, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, OP_DCL_SAMPLER, t->tex->depth ? 1 : 0); reg0(b, T_SAMPLER, 0);
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, SV_POSITION);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0x3, 1);
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 3);
	asm_op(b, OP_MAD, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, O_SWZ(0, 1, 0, 0), 1);
	imm4(b, f2u(c->scale), f2u(c->scale), 0, 0); imm4(b, f2u(0.5f), f2u(0.5f), 0, 0);
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xf, 2); imm4(b, SENTINEL, SENTINEL, SENTINEL, SENTINEL);
	asm_op(b, t->opcode, 0); dst(b, T_TEMP, t->mask, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 0);
	src(b, T_RESOURCE, t->tex->depth ? SWZ_XXXX : SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
	if (t->has_param)
		imm1(b, f2u(c->param));
	asm_op(b, OP_FTOU, 0); dst(b, T_TEMP, 0x3, 1); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, OP_UMAD, 0); dst(b, T_TEMP, 0x8, 1); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 1);
	imm1(b, 4); src(b, T_TEMP, SWZ_XXXX, 1);
	asm_op(b, OP_ISHL, 0); dst(b, T_TEMP, 0x8, 1); src(b, T_TEMP, O_SWZ(3, 3, 3, 3), 1); imm1(b, 4);
	asm_op(b, OP_STORE_RAW, 0); dst(b, T_UAV, 0xf, 0); src(b, T_TEMP, O_SWZ(3, 3, 3, 3), 1);
	src(b, T_TEMP, SWZ_XYZW, 2);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

static float ps_tex_lod(const struct ps_tex_case *c)
{
	return log2f(4.0f * c->scale);
}

/* sample: the level of the lod. */
static void ref_ps_sample(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	tex_nearest(tex_level(ps_tex_lod(c)), u, v, out);
}

/* sample_b: the level of lod + bias. */
static void ref_ps_sample_b(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	tex_nearest(tex_level(ps_tex_lod(c) + c->param), u, v, out);
}

/* sample_c: the depth texture (one level) compared with the reference. */
static void ref_ps_sample_c(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	const uint32_t in[3] = { f2u(u), f2u(v), f2u(c->param) };

	ref_sample_c_lz(in, out);
}

/* lod: (clamped to the levels, unclamped). */
static void ref_ps_lod(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	float lod = ps_tex_lod(c);

	(void)u;
	(void)v;
	out[0] = f2u(lod < 0 ? 0 : lod > TEX_LEVELS - 1 ? (float)(TEX_LEVELS - 1) : lod);
	out[1] = f2u(lod);
}

static unsigned run_ps_tex_check(const struct ps_tex_check *t)
{
	static const struct sig_elem vs_in[] = { { "SV_VertexID", SV_VERTEX_ID, CT_UINT, 0, 0x1 } };
	static const struct sig_elem varyings[] = {
		{ "SV_Position", SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "TEXCOORD", 0, CT_FLOAT, 1, 0x3 },
	};
	struct vkd3d_shader_code vs = { 0 };
	struct sig vs_in_sig, var_sig;
	unsigned right = 0;
	struct asm_buf b;
	char err[256];

	sig_build(&vs_in_sig, vs_in, 1);
	sig_build(&var_sig, varyings, 2);
	vertex_shader(&b);
	CHECK(compile_stream_sig(&b, &vs_in_sig, &var_sig, 0, &vs) >= 0);
	vk_compute_bind_texture(vc, t->tex);
	for (unsigned k = 0; k < t->ncases; k++) {
		const struct ps_tex_case *c = &t->cases[k];
		struct vkd3d_shader_code ps = { 0 };
		uint32_t px[16][4];
		struct vk_compute_buffer buf = { px, sizeof(px) };
		bool ok = true;

		memset(px, 0xdd, sizeof(px));
		pixel_shader_tex(&b, t, c);
		if (compile_stream_sig(&b, &var_sig, NULL, 1, &ps) < 0 || !vs.code) {
			CHECK(!"pixel shader does not compile");
			continue;
		}
		{
			const struct vk_compute_shader vss = { vs.code, vs.size }, pss = { ps.code, ps.size };

			if (vk_compute_draw(vc, &vss, NULL, &pss, &buf, 1, 3, 4, 4, err, sizeof(err))) {
				fprintf(stderr, "%s draw: %s\n", t->name, err);
				ok = false;
			}
		}
		vkd3d_shader_free_shader_code(&ps);
		for (unsigned i = 0; i < 16 && ok; i++) {
			/* v1 = the pixel centre in clip space: (x + 0.5) / 2 - 1. */
			const float u = ((float)(i % 4) * 0.5f - 0.75f) * c->scale + 0.5f;
			const float v = ((float)(i / 4) * 0.5f - 0.75f) * c->scale + 0.5f;
			uint32_t want[4] = { SENTINEL, SENTINEL, SENTINEL, SENTINEL };

			t->ref(c, u, v, want);
			for (unsigned comp = 0; comp < 4; comp++) {
				if (t->mask & 1u << comp ? float_match(px[i][comp], want[comp], t->how, t->tol)
							 : px[i][comp] == SENTINEL)
					continue;
				fprintf(stderr, "%s case %u (scale %g, %g) pixel (%u,%u): .%c = %#x (%g), want %#x (%g)\n",
					t->name, k, c->scale, c->param, i % 4, i / 4, "xyzw"[comp], px[i][comp],
					u2f(px[i][comp]), want[comp], u2f(want[comp]));
				ok = false;
			}
		}
		CHECK(ok);
		right += ok;
	}
	vk_compute_bind_texture(vc, NULL);
	vkd3d_shader_free_shader_code(&vs);
	printf("%-16s %2u of %2u cases right (16 pixels each)\n", t->name, right, t->ncases);
	mark_result(t->opcode, right == t->ncases);
	return t->ncases - right;
}

static unsigned run_pixel_texture(void)
{
	/* scale 0.25: LOD 0 (1 texel per pixel), 0.5: 1, 1: 2, 4: 4, 0.125: -1 */
	static const struct ps_tex_case bias_cases[] = {
		{ 0.25f, 0 }, { 0.25f, 1 }, { 0.25f, 2.4f }, { 0.5f, 1 }, { 0.5f, -1 }, { 0.25f, 5 },
		{ 0.125f, 0.6f },
	};
	/* reference against the depth texture's (x + 4y) / 16 + 1/32 */
	static const struct ps_tex_case compare_cases[] = {
		{ 0.25f, 0.3f }, { 0.25f, 0.5f }, { 0.25f, 0.7f }, { 1, 0.45f }, { 0.25f, 5.0f / 16 + 1.0f / 32 },
	};
	static const struct ps_tex_case sample_cases[] = {
		{ 0.25f, 0 }, { 0.5f, 0 }, { 1, 0 }, { 2, 0 }, { 8, 0 }, { 0.125f, 0 },
	};
	static const struct ps_tex_case lod_cases[] = {
		{ 0.25f, 0 }, { 0.5f, 0 }, { 1, 0 }, { 4, 0 }, { 0.125f, 0 },
	};
	/* LOD computations may approximate log2: 1/256 of a level. */
	const struct ps_tex_check checks[] = {
		{ "sample", OP_SAMPLE, &rgba_texture, false, 0xf, C_EXACT, 0, ref_ps_sample,
		  sample_cases, N(sample_cases) },
		{ "sample_b", OP_SAMPLE_B, &rgba_texture, true, 0xf, C_EXACT, 0, ref_ps_sample_b,
		  bias_cases, N(bias_cases) },
		{ "sample_c", OP_SAMPLE_C, &depth_texture, true, 0x1, C_EXACT, 0, ref_ps_sample_c,
		  compare_cases, N(compare_cases) },
		{ "lod", OP_LOD, &rgba_texture, false, 0x3, C_ABS, 1.0 / 256, ref_ps_lod,
		  lod_cases, N(lod_cases) },
	};
	unsigned wrong = 0;

	for (unsigned k = 0; k < N(checks); k++)
		wrong += run_ps_tex_check(&checks[k]);
	return wrong;
}

/* ---- geometry shader: emit and cut ---------------------------------------- */

/*
 * gs_4_0: two triangles as a strip cut in two, o1.x = 1 or 2 naming them.
 * Triangle 1 covers pixels (0,0), (1,0), (0,1) of the 4 x 4 target,
 * triangle 2 (3,3), (2,3), (3,2).  Without the cut the six vertices are
 * one strip of four triangles, which also covers the diagonal between.
 */
static const float gs_vertices[6][2] = {
	{ -1, -1 }, { 0.1f, -1 }, { -1, 0.1f }, { 1, 1 }, { -0.1f, 1 }, { 1, -0.1f },
};

static size_t geometry_shader(struct asm_buf *b)
{
	asm_begin(b, 2, 4, 0);
	asm_op(b, 93, 3);                                  /* dcl_inputprimitive triangle */
	asm_op(b, 92, 5);                                  /* dcl_outputtopology trianglestrip */
	asm_op(b, 94, 0); asm_dw(b, 6);                    /* dcl_maxout 6 */
	asm_op(b, 97, 0);                                  /* dcl_input_siv v[3][0] position */
	asm_dw(b, O_4C | O_MASK(0xf) | O_TYPE(T_INPUT) | O_NDIM(2)); asm_dw(b, 3); asm_dw(b, 0);
	asm_dw(b, SV_POSITION);
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0); asm_dw(b, SV_POSITION);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0x1, 1);
	for (unsigned v = 0; v < 6; v++) {
		asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0xf, 0);
		imm4(b, f2u(gs_vertices[v][0]), f2u(gs_vertices[v][1]), 0, f2u(1.0f));
		asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0x1, 1); imm1(b, f2u(v < 3 ? 1.0f : 2.0f));
		asm_op(b, OP_EMIT, 0);
		if (v == 2)
			asm_op(b, OP_CUT, 0);
	}
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

/* ps_5_0: u0[pixel] = v1.x (constant-interpolated triangle number). */
static size_t pixel_shader_mark(struct asm_buf *b)
{
	asm_begin(b, 0, 5, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, SV_POSITION);
	asm_op(b, 98, 1); dst(b, T_INPUT, 0x1, 1);                          /* constant */
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 1);
	asm_op(b, OP_FTOU, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, OP_UMAD, 0); dst(b, T_TEMP, 0x4, 0); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 0);
	imm1(b, 4); src(b, T_TEMP, SWZ_XXXX, 0);
	asm_op(b, OP_ISHL, 0); dst(b, T_TEMP, 0x4, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0); imm1(b, 2);
	asm_op(b, OP_STORE_RAW, 0); dst(b, T_UAV, 0x1, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	src(b, T_INPUT, SWZ_XXXX, 1);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

static unsigned run_geometry(void)
{
	static const struct sig_elem vs_in[] = { { "SV_VertexID", SV_VERTEX_ID, CT_UINT, 0, 0x1 } };
	static const struct sig_elem vs_out[] = {
		{ "SV_Position", SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "TEXCOORD", 0, CT_FLOAT, 1, 0x3 },
	};
	static const struct sig_elem position[] = { { "SV_Position", SV_POSITION, CT_FLOAT, 0, 0xf } };
	static const struct sig_elem gs_out[] = {
		{ "SV_Position", SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "TEXCOORD", 0, CT_FLOAT, 1, 0x1 },
	};
	struct vkd3d_shader_code vs = { 0 }, gs = { 0 }, ps = { 0 };
	struct sig vs_in_sig, vs_out_sig, pos_sig, gs_out_sig;
	uint32_t words[16] = { 0 };
	struct vk_compute_buffer buf = { words, sizeof(words) };
	unsigned right = 0;
	struct asm_buf b;
	char err[256];
	bool built;

	sig_build(&vs_in_sig, vs_in, 1);
	sig_build(&vs_out_sig, vs_out, 2);
	sig_build(&pos_sig, position, 1);
	sig_build(&gs_out_sig, gs_out, 2);
	vertex_shader(&b);
	built = compile_stream_sig(&b, &vs_in_sig, &vs_out_sig, 0, &vs) >= 0;
	geometry_shader(&b);
	built = compile_stream_sig(&b, &pos_sig, &gs_out_sig, 0, &gs) >= 0 && built;
	pixel_shader_mark(&b);
	built = compile_stream_sig(&b, &gs_out_sig, NULL, 1, &ps) >= 0 && built;
	CHECK(built);
	if (built) {
		const struct vk_compute_shader vss = { vs.code, vs.size }, gss = { gs.code, gs.size },
					       pss = { ps.code, ps.size };

		if (vk_compute_draw(vc, &vss, &gss, &pss, &buf, 1, 3, 4, 4, err, sizeof(err))) {
			fprintf(stderr, "draw: %s\n", err);
			CHECK(!"draw failed");
		}
	}
	for (unsigned i = 0; i < 16; i++) {
		const unsigned x = i % 4, y = i / 4;
		const float want = x + y <= 1 ? 1.0f : x + y >= 5 ? 2.0f : 0.0f;
		const bool ok = words[i] == f2u(want);

		CHECK(ok);
		right += ok;
		if (!ok)
			fprintf(stderr, "pixel (%u,%u): %#x, want %#x (triangle %g)\n", x, y, words[i],
				f2u(want), want);
	}
	printf("%-16s %2u of 16 pixels right\n", "emit/cut", right);
	if (right == 16) {
		mark_checked(OP_EMIT);
		mark_checked(OP_CUT);
	}
	vkd3d_shader_free_shader_code(&vs);
	vkd3d_shader_free_shader_code(&gs);
	vkd3d_shader_free_shader_code(&ps);
	return 16 - right;
}

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
	char err[256];
	unsigned wrong, checked = 0, computable = 0;

	vc = vk_compute_open(err, sizeof(err));
	CHECK(vc != NULL);
	if (!vc) {
		fprintf(stderr, "Vulkan: %s\n", err);
		return 1;
	}
	printf("Vulkan device: %s; %s\n", vk_compute_device_name(vc), vkd3d_shader_get_version(NULL, NULL));
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
	printf("test_vkd3d_alu: %d checks, %d failures\n", t_checks, t_failures);
	return t_failures || !t_checks ? 1 : 0;
}
