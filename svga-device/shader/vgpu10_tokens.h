/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VGPU10 token format (the D3D10/11 tokenized shader format, as
 * VMware's VGPU10ShaderTokens.h documents it): the numbers and bit
 * positions the parser decodes.  Written here from the format's
 * description so that the translator needs no Mesa header; only what the
 * parser, the validator and the rewrites use is named.
 */
#ifndef VGPU10_TOKENS_H
#define VGPU10_TOKENS_H

#include <stdint.h>

/* Program type (version token bits 16..31). */
enum vgpu10_program_type {
	VGPU10_PS = 0,
	VGPU10_VS = 1,
	VGPU10_GS = 2,
	VGPU10_HS = 3,
	VGPU10_DS = 4,
	VGPU10_CS = 5,
};

#define VGPU10_VERSION_MINOR(t)  ((t) & 0xfu)
#define VGPU10_VERSION_MAJOR(t)  (((t) >> 4) & 0xfu)
#define VGPU10_VERSION_TYPE(t)   ((t) >> 16)

/* Opcode token 0. */
#define VGPU10_OP_TYPE(t)        ((t) & 0x7ffu)
#define VGPU10_OP_FIELD(t)       (((t) >> 11) & 0x1fffu)   /* opcode-specific bits 11..23 */
#define VGPU10_OP_LENGTH(t)      (((t) >> 24) & 0x7fu)
#define VGPU10_OP_EXTENDED(t)    ((t) >> 31)
#define VGPU10_OP_LENGTH_MASK    (0x7fu << 24)
#define VGPU10_OP_SATURATE       (1u << 13)
#define VGPU10_OP_TEST_NONZERO   (1u << 18)
#define VGPU10_OP_INTERP(t)      (((t) >> 11) & 0xfu)
#define VGPU10_OP_RESDIM(t)      (((t) >> 11) & 0x1fu)
#define VGPU10_OP_SAMPLES(t)     (((t) >> 16) & 0x7fu)
#define VGPU10_OP_SUBOP(t)       (((t) >> 11) & 0xfu)       /* VMware sub-opcode */
#define VGPU10_OP_CUSTOM_CLASS(t) ((t) >> 11)

/* Extended opcode token. */
#define VGPU10_EXTOP_TYPE(t)     ((t) & 0x3fu)
enum {
	VGPU10_EXTOP_EMPTY = 0,
	VGPU10_EXTOP_SAMPLE_CONTROLS = 1,
	VGPU10_EXTOP_RESOURCE_DIM = 2,
	VGPU10_EXTOP_RESOURCE_RETURN_TYPE = 3,
};

enum {
	VGPU10_CUSTOM_COMMENT = 0,
	VGPU10_CUSTOM_DEBUGINFO = 1,
	VGPU10_CUSTOM_OPAQUE = 2,
	VGPU10_CUSTOM_ICB = 3,
};

/* VMware's own opcode 107 and its sub-opcodes. */
enum {
	VGPU10_VMW_IDIV = 0,
	VGPU10_VMW_DFRC = 1,
	VGPU10_VMW_DRSQ = 2,
};

/* Operand token 0. */
#define VGPU10_OPD_NCOMP(t)      ((t) & 0x3u)
#define VGPU10_OPD_SELMODE(t)    (((t) >> 2) & 0x3u)
#define VGPU10_OPD_MASK(t)       (((t) >> 4) & 0xfu)
#define VGPU10_OPD_SWZ(t, c)     (((t) >> (4 + 2 * (c))) & 0x3u)
#define VGPU10_OPD_SEL1(t)       (((t) >> 4) & 0x3u)
#define VGPU10_OPD_COMPBITS(t)   (((t) >> 4) & 0xffu)
#define VGPU10_OPD_UNUSED(t)     ((t) & (0x7u << 28))
#define VGPU10_OPD_TYPE(t)       (((t) >> 12) & 0xffu)
#define VGPU10_OPD_NDIM(t)       (((t) >> 20) & 0x3u)
#define VGPU10_OPD_REP(t, i)     (((t) >> (22 + 3 * (i))) & 0x7u)
#define VGPU10_OPD_EXTENDED(t)   ((t) >> 31)
#define VGPU10_OPD_MASK_SHIFT    4

enum { VGPU10_NCOMP_0 = 0, VGPU10_NCOMP_1 = 1, VGPU10_NCOMP_4 = 2, VGPU10_NCOMP_N = 3 };
enum { VGPU10_SEL_MASK = 0, VGPU10_SEL_SWIZZLE = 1, VGPU10_SEL_SELECT1 = 2 };
enum {
	VGPU10_REP_IMM32 = 0,
	VGPU10_REP_IMM64 = 1,
	VGPU10_REP_REL = 2,
	VGPU10_REP_IMM32_REL = 3,
	VGPU10_REP_IMM64_REL = 4,
};

/* Extended operand token. */
#define VGPU10_EXTOPD_TYPE(t)     ((t) & 0x3fu)
#define VGPU10_EXTOPD_MODIFIER(t) (((t) >> 6) & 0xffu)

enum vgpu10_operand_type {
	VGPU10_OPD_TEMP = 0,
	VGPU10_OPD_INPUT = 1,
	VGPU10_OPD_OUTPUT = 2,
	VGPU10_OPD_INDEXABLE_TEMP = 3,
	VGPU10_OPD_IMM32 = 4,
	VGPU10_OPD_IMM64 = 5,
	VGPU10_OPD_SAMPLER = 6,
	VGPU10_OPD_RESOURCE = 7,
	VGPU10_OPD_CONSTANT_BUFFER = 8,
	VGPU10_OPD_ICB = 9,
	VGPU10_OPD_LABEL = 10,
	VGPU10_OPD_INPUT_PRIMITIVEID = 11,
	VGPU10_OPD_OUTPUT_DEPTH = 12,
	VGPU10_OPD_NULL = 13,
	VGPU10_OPD_RASTERIZER = 14,
	VGPU10_OPD_OUTPUT_COVERAGE_MASK = 15,
	VGPU10_OPD_STREAM = 16,
	VGPU10_OPD_FUNCTION_BODY = 17,
	VGPU10_OPD_FUNCTION_TABLE = 18,
	VGPU10_OPD_INTERFACE = 19,
	VGPU10_OPD_FUNCTION_INPUT = 20,
	VGPU10_OPD_FUNCTION_OUTPUT = 21,
	VGPU10_OPD_OUTPUT_CONTROL_POINT_ID = 22,
	VGPU10_OPD_INPUT_FORK_INSTANCE_ID = 23,
	VGPU10_OPD_INPUT_JOIN_INSTANCE_ID = 24,
	VGPU10_OPD_INPUT_CONTROL_POINT = 25,
	VGPU10_OPD_OUTPUT_CONTROL_POINT = 26,
	VGPU10_OPD_INPUT_PATCH_CONSTANT = 27,
	VGPU10_OPD_INPUT_DOMAIN_POINT = 28,
	VGPU10_OPD_THIS_POINTER = 29,
	VGPU10_OPD_UAV = 30,
	VGPU10_OPD_TGSM = 31,
	VGPU10_OPD_INPUT_THREAD_ID = 32,
	VGPU10_OPD_INPUT_THREAD_GROUP_ID = 33,
	VGPU10_OPD_INPUT_THREAD_ID_IN_GROUP = 34,
	VGPU10_OPD_INPUT_COVERAGE_MASK = 35,
	VGPU10_OPD_INPUT_THREAD_ID_IN_GROUP_FLATTENED = 36,
	VGPU10_OPD_INPUT_GS_INSTANCE_ID = 37,
	VGPU10_OPD_OUTPUT_DEPTH_GE = 38,
	VGPU10_OPD_OUTPUT_DEPTH_LE = 39,
	VGPU10_OPD_CYCLE_COUNTER = 40,
	VGPU10_OPD_TYPE_COUNT = 41,
};

/* System-value names (the "name token" of *_SGV/_SIV declarations). */
enum vgpu10_name {
	VGPU10_NAME_UNDEFINED = 0,
	VGPU10_NAME_POSITION = 1,
	VGPU10_NAME_CLIP_DISTANCE = 2,
	VGPU10_NAME_CULL_DISTANCE = 3,
	VGPU10_NAME_RT_ARRAY_INDEX = 4,
	VGPU10_NAME_VIEWPORT_ARRAY_INDEX = 5,
	VGPU10_NAME_VERTEX_ID = 6,
	VGPU10_NAME_PRIMITIVE_ID = 7,
	VGPU10_NAME_INSTANCE_ID = 8,
	VGPU10_NAME_IS_FRONT_FACE = 9,
	VGPU10_NAME_SAMPLE_INDEX = 10,
	VGPU10_NAME_FINAL_QUAD_U_EQ_0_EDGE_TESSFACTOR = 11,
	VGPU10_NAME_MAX = 22,
};

/* Resource dimensions of DCL_RESOURCE / DCL_UAV_TYPED. */
enum {
	VGPU10_RESDIM_UNKNOWN = 0,
	VGPU10_RESDIM_BUFFER = 1,
	VGPU10_RESDIM_TEX2DMS = 4,
	VGPU10_RESDIM_TEX2DMSARRAY = 9,
	VGPU10_RESDIM_TEXCUBEARRAY = 10,
	VGPU10_RESDIM_RAW = 11,
	VGPU10_RESDIM_STRUCTURED = 12,
};

/* Resource return types (4 bits per component). */
enum { VGPU10_RETURN_UNORM = 1, VGPU10_RETURN_MAX = 9 };

/* Device limits the validator enforces (the VGPU10/SM5 register files). */
#define VGPU10_MAX_TEMPS            4096u
#define VGPU10_MAX_INDEXABLE_TEMPS  4096u  /* elements over all x# arrays */
#define VGPU10_MAX_INDEXABLE_DECLS  64u    /* x# array count Mesa can emit */
#define VGPU10_MAX_IO_REGS          32u
#define VGPU10_MAX_PS_OUTPUTS       8u
/* cb0-cb15: the protocol's SVGA3D_DX_MAX_CONSTBUFFERS (Mesa's svga uses
 * up to cb14: SVGA_MAX_CONST_BUFS); whether the renderer backs a slot is
 * the glue's check (backend_draw.c) */
#define VGPU10_MAX_CB_SLOTS         16u
#define VGPU10_MAX_CB_SIZE          4096u  /* vec4 elements */
#define VGPU10_MAX_ICB_SIZE         4096u  /* vec4 elements */
#define VGPU10_MAX_SAMPLERS         16u
#define VGPU10_MAX_RESOURCES        128u
#define VGPU10_MAX_UAVS             64u
#define VGPU10_MAX_TGSM             8u
#define VGPU10_MAX_STREAMS          4u
#define VGPU10_MAX_GS_VERTICES      1024u
#define VGPU10_MAX_GS_INSTANCES     32u
#define VGPU10_MAX_GS_INPUT_VERTS   32u
/* Largest stream accepted (dwords): far above anything Mesa emits, low
 * enough that a guest cannot make the host allocate without bound. */
#define VGPU10_MAX_STREAM_DWORDS    (256u * 1024u)

#endif
