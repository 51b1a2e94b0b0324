/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the parser needs to know about each VGPU10 opcode: its name (for
 * error messages), how many operands it takes and how many raw dwords
 * follow them.  An opcode missing from the table is rejected.
 */
#ifndef SVGA_SHADER_OPCODES_H
#define SVGA_SHADER_OPCODES_H

#include <stdint.h>

enum svga_sh_opflag {
	SVGA_SH_OP_DCL = 1u << 0,      /* a declaration: its operand declares */
	SVGA_SH_OP_NAME = 1u << 1,     /* the raw dword is a system-value name */
	SVGA_SH_OP_RESTYPE = 1u << 2,  /* the raw dword is a return-type token */
	SVGA_SH_OP_SM5 = 1u << 3,      /* shader model 5 only */
	SVGA_SH_OP_SM41 = 1u << 4,     /* shader model 4.1 or later */
	SVGA_SH_OP_SPECIAL = 1u << 5,  /* CUSTOMDATA, VMWARE: parsed by hand */
	SVGA_SH_OP_BLOCK = 1u << 6,    /* control flow: nesting checked */
};

struct svga_sh_opinfo {
	const char *name;
	uint8_t ndst;     /* destination operands (declared operand for DCLs) */
	uint8_t nsrc;     /* source operands */
	uint8_t nraw;     /* raw dwords after the operands */
	uint8_t flags;
};

/* NULL when the opcode is unknown or not accepted. */
const struct svga_sh_opinfo *svga_sh_opinfo(unsigned opcode);

/* Number of opcodes the table accepts, and a way to list them (tests). */
unsigned svga_sh_opcode_count(void);
int svga_sh_opcode_at(unsigned i);

/* Opcode numbers the rest of the translator names. */
enum svga_sh_opcode {
	SVGA_SH_BREAK = 2,
	SVGA_SH_BREAKC = 3,
	SVGA_SH_CASE = 6,
	SVGA_SH_CONTINUE = 7,
	SVGA_SH_CONTINUEC = 8,
	SVGA_SH_DEFAULT = 10,
	SVGA_SH_ELSE = 18,
	SVGA_SH_ENDIF = 21,
	SVGA_SH_ENDLOOP = 22,
	SVGA_SH_ENDSWITCH = 23,
	SVGA_SH_IF = 31,
	SVGA_SH_LOOP = 48,
	SVGA_SH_CUSTOMDATA = 53,
	SVGA_SH_RET = 62,
	SVGA_SH_SWITCH = 76,
	SVGA_SH_DCL_RESOURCE = 88,
	SVGA_SH_DCL_CONSTANT_BUFFER = 89,
	SVGA_SH_DCL_SAMPLER = 90,
	SVGA_SH_DCL_INDEX_RANGE = 91,
	SVGA_SH_DCL_GS_OUTPUT_TOPOLOGY = 92,
	SVGA_SH_DCL_GS_INPUT_PRIMITIVE = 93,
	SVGA_SH_DCL_MAX_OUTPUT_VERTEX_COUNT = 94,
	SVGA_SH_DCL_INPUT = 95,
	SVGA_SH_DCL_INPUT_SGV = 96,
	SVGA_SH_DCL_INPUT_SIV = 97,
	SVGA_SH_DCL_INPUT_PS = 98,
	SVGA_SH_DCL_INPUT_PS_SGV = 99,
	SVGA_SH_DCL_INPUT_PS_SIV = 100,
	SVGA_SH_DCL_OUTPUT = 101,
	SVGA_SH_DCL_OUTPUT_SGV = 102,
	SVGA_SH_DCL_OUTPUT_SIV = 103,
	SVGA_SH_DCL_TEMPS = 104,
	SVGA_SH_DCL_INDEXABLE_TEMP = 105,
	SVGA_SH_DCL_GLOBAL_FLAGS = 106,
	SVGA_SH_VMWARE = 107,
	SVGA_SH_HS_DECLS = 113,
	SVGA_SH_HS_CONTROL_POINT_PHASE = 114,
	SVGA_SH_HS_FORK_PHASE = 115,
	SVGA_SH_HS_JOIN_PHASE = 116,
	SVGA_SH_DCL_STREAM = 143,
	SVGA_SH_DCL_INPUT_CONTROL_POINT_COUNT = 147,
	SVGA_SH_DCL_OUTPUT_CONTROL_POINT_COUNT = 148,
	SVGA_SH_DCL_THREAD_GROUP = 155,
	SVGA_SH_DCL_UAV_TYPED = 156,
	SVGA_SH_DCL_UAV_RAW = 157,
	SVGA_SH_DCL_TGSM_RAW = 159,
	SVGA_SH_DCL_RESOURCE_RAW = 161,
	SVGA_SH_DCL_GS_INSTANCE_COUNT = 206,
};

#endif
