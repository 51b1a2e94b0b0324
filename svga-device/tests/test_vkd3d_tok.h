/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The token stream assembler of test_vkd3d_dxbc, test_vkd3d_opcodes and
 * test_vkd3d_stages (struct tok: SM4/SM5 tokens with the D3D opcode and
 * operand names), the cs_5_0 records program they run, and running it.
 * Header-only, like harness.h.
 */
#ifndef TEST_VKD3D_TOK_H
#define TEST_VKD3D_TOK_H

#include "test_vkd3d_common.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vkd3d_shader.h>

/* ---- token streams ---------------------------------------------------- */

/* Opcodes (D3D10/11 tokenized program format, VGPU10ShaderTokens.h). */
enum {
	OP_ISHL = 0x29, OP_MOV = 0x36, OP_RET = 0x3e, OP_IMAD = 0x23,
	OP_UMAD = 0x52, OP_DCL_TEMPS = 0x68, OP_VMWARE = 0x6b,
	OP_DCL_INPUT = 0x5f, OP_DCL_THREAD_GROUP = 0x9b, OP_DCL_UAV_RAW = 0x9d,
	OP_LD_RAW = 0xa5, OP_STORE_RAW = 0xa6,
	OP_CUT = 0x09, OP_EMIT = 0x13, OP_IADD = 0x1e, OP_IEQ = 0x20, OP_MOVC = 0x37,
	OP_UDIV = 0x4e, OP_DCL_OUTPUT_TOPOLOGY = 0x5c, OP_DCL_INPUT_PRIMITIVE = 0x5d,
	OP_DCL_VERTICES_OUT = 0x5e, OP_DCL_INPUT_SGV = 0x60, OP_DCL_INPUT_PS_SGV = 0x63,
	OP_DCL_OUTPUT_SGV = 0x66, OP_DCL_OUTPUT_SIV = 0x67,
};
/* VMware's opcode 107 carries its sub-opcode in bits 11..14. */
enum { VMW_IDIV = 0, VMW_DFRC = 1, VMW_DRSQ = 2 };

/* Operand types. */
enum {
	RT_TEMP = 0, RT_INPUT = 1, RT_OUTPUT = 2, RT_IMM32 = 4, RT_PRIMITIVE_ID = 11,
	RT_NULL = 13, RT_UAV = 30, RT_THREAD_GROUP_ID = 33,
};

#define TOK_MAX 256
struct tok {
	uint32_t t[TOK_MAX];
	unsigned n;
	unsigned start;      /* first token of the open instruction */
};

static inline void tok_put(struct tok *s, uint32_t v)
{
	if (s->n < TOK_MAX)
		s->t[s->n++] = v;
}

/* Opens an instruction; tok_end() fills in its length. */
static inline void tok_op(struct tok *s, uint32_t opcode)
{
	s->start = s->n;
	tok_put(s, opcode);
}

static inline void tok_end(struct tok *s)
{
	s->t[s->start] |= (s->n - s->start) << 24;
}

/* Write mask bits for a destination (x=1, y=2, z=4, w=8). */
static inline void tok_dst(struct tok *s, uint32_t type, uint32_t index, uint32_t mask)
{
	tok_put(s, 2u | 0u << 2 | mask << 4 | type << 12 | 1u << 20);
	tok_put(s, index);
}

static inline void tok_null_dst(struct tok *s)
{
	tok_put(s, RT_NULL << 12);
}

/* Swizzle as four component indices, e.g. 0x00 = xxxx, 0xe4 = xyzw. */
static inline void tok_src(struct tok *s, uint32_t type, uint32_t index, uint32_t swizzle)
{
	tok_put(s, 2u | 1u << 2 | swizzle << 4 | type << 12 | 1u << 20);
	tok_put(s, index);
}

#define SWZ_XXXX 0x00u
#define SWZ_YYYY 0x55u
#define SWZ_ZZZZ 0xaau
#define SWZ_XYZW 0xe4u

static inline void tok_imm1(struct tok *s, uint32_t v)
{
	tok_put(s, 1u | RT_IMM32 << 12);
	tok_put(s, v);
}

static inline void tok_imm4(struct tok *s, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	tok_put(s, 2u | RT_IMM32 << 12);
	tok_put(s, a);
	tok_put(s, b);
	tok_put(s, c);
	tok_put(s, d);
}

/*
 * A cs_5_0 program over records of four dwords: for workgroup i it loads
 * record i of u0 into r1, fills r2 with a sentinel, lets body() compute
 * into r2 from r1, and stores r2 as record i of u1.  Temps: r0.x holds
 * the byte offset; body may use r0.yzw, r1, r2 and r3.
 */
#define SENTINEL 0x5eed5eedu
static inline void tok_records_program(struct tok *s, void (*body)(struct tok *s))
{
	s->n = 0;
	tok_put(s, 5u << 16 | 5u << 4 | 0u);  /* compute shader 5.0 */
	tok_put(s, 0);                        /* length, set below */
	tok_op(s, OP_DCL_THREAD_GROUP); tok_put(s, 1); tok_put(s, 1); tok_put(s, 1); tok_end(s);
	for (uint32_t u = 0; u < 2; u++) {
		tok_op(s, OP_DCL_UAV_RAW);
		tok_put(s, RT_UAV << 12 | 1u << 20);
		tok_put(s, u);
		tok_end(s);
	}
	tok_op(s, OP_DCL_INPUT); tok_put(s, 2u | 0x1u << 4 | RT_THREAD_GROUP_ID << 12); tok_end(s);
	tok_op(s, OP_DCL_TEMPS); tok_put(s, 4); tok_end(s);
	/* ishl r0.x, vThreadGroupID.x, 4 */
	tok_op(s, OP_ISHL);
	tok_dst(s, RT_TEMP, 0, 0x1);
	tok_put(s, 2u | 1u << 2 | SWZ_XXXX << 4 | RT_THREAD_GROUP_ID << 12);
	tok_imm1(s, 4);
	tok_end(s);
	/* ld_raw r1.xyzw, r0.x, u0.xyzw */
	tok_op(s, OP_LD_RAW);
	tok_dst(s, RT_TEMP, 1, 0xf);
	tok_src(s, RT_TEMP, 0, SWZ_XXXX);
	tok_src(s, RT_UAV, 0, SWZ_XYZW);
	tok_end(s);
	/* mov r2.xyzw, sentinel */
	tok_op(s, OP_MOV);
	tok_dst(s, RT_TEMP, 2, 0xf);
	tok_imm4(s, SENTINEL, SENTINEL, SENTINEL, SENTINEL);
	tok_end(s);
	body(s);
	/* store_raw u1.xyzw, r0.x, r2.xyzw */
	tok_op(s, OP_STORE_RAW);
	tok_dst(s, RT_UAV, 1, 0xf);
	tok_src(s, RT_TEMP, 0, SWZ_XXXX);
	tok_src(s, RT_TEMP, 2, SWZ_XYZW);
	tok_end(s);
	tok_op(s, OP_RET); tok_end(s);
	s->t[1] = s->n;
}

/* ---- DXBC and running ------------------------------------------------ */

/* A container with the signatures (NULL: empty) and the stream. */
static inline void *test_dxbc_sig(const struct tok *s, const struct sig *in, const struct sig *out,
				  size_t *size)
{
	return test_dxbc_tokens(s->t, s->n, in, out, size);
}

static inline void *test_dxbc(const struct tok *s, size_t *size)
{
	return test_dxbc_sig(s, NULL, NULL, size);
}

/*
 * Runs a records program over n records: in[i] = 4 dwords each, out[i]
 * receives r2.  Returns 0, or -1 after printing why (compile or Vulkan).
 */
static inline int test_run_records(struct vk_compute *vc, const struct tok *s,
				   const uint32_t (*in)[4], uint32_t (*out)[4], unsigned n)
{
	struct vkd3d_shader_code spirv;
	struct vk_compute_buffer bufs[2];
	uint32_t (*input)[4];
	char err[256];
	size_t size;
	void *dxbc;
	int ret;

	/* Results stay recognisably wrong if nothing runs. */
	for (unsigned i = 0; i < n; i++)
		out[i][0] = out[i][1] = out[i][2] = out[i][3] = 0xdddddddd;
	dxbc = test_dxbc(s, &size);
	if (!dxbc) {
		fprintf(stderr, "svga_dxbc_build failed\n");
		return -1;
	}
	ret = test_compile(dxbc, size, 2, &spirv);
	free(dxbc);
	if (ret < 0) {
		fprintf(stderr, "vkd3d_shader_compile failed: %d\n", ret);
		return -1;
	}
	/* The runner copies every buffer back: give it a copy of the input. */
	input = malloc(n * sizeof(*input));
	if (!input) {
		vkd3d_shader_free_shader_code(&spirv);
		return -1;
	}
	memcpy(input, in, n * sizeof(*input));
	bufs[0] = (struct vk_compute_buffer){ input, n * sizeof(*input) };
	bufs[1] = (struct vk_compute_buffer){ out, n * sizeof(*out) };
	ret = vk_compute_run(vc, spirv.code, spirv.size, "main", bufs, 2, n, 1, 1, err, sizeof(err));
	vkd3d_shader_free_shader_code(&spirv);
	free(input);
	if (ret)
		fprintf(stderr, "vk_compute_run: %s\n", err);
	return ret;
}

#endif
