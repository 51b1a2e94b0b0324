// SPDX-License-Identifier: MIT
/*
 * One minimal stream per instruction opcode: declarations a shader of the
 * right stage needs (sampler, texture, UAV, GS primitive and stream),
 * then the instruction with register operands of the kind each position
 * takes (and the resource dimension it needs), then ret.  Shader model
 * 5.  Used by test_shader_opcodes, test_shader_vkd3d and as fuzz seeds.
 */
#include "shader_opcode_streams.h"

enum { PS = 0, VS = 1, GS = 2 };
enum { K_VAL, K_RES, K_SAMP, K_UAV, K_STREAM, K_INPUT };

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
	case 203: case 204: case 205: return i == 1 ? K_INPUT : K_VAL;   /* eval_*: v0 */
	default: return K_VAL;
	}
}

int shader_opcode_stage(unsigned op)
{
	if (op == 9 || op == 19 || op == 20 || (op >= 117 && op <= 119))
		return GS;
	if (op == 11 || op == 12 || op == 13 || op == 108 || (op >= 122 && op <= 125) ||
	    (op >= 203 && op <= 205))
		return PS;
	return VS;
}

/* t0 2D float, t1 buffer uint, t2 2D multisampled, t3 raw; u0 typed uint buffer, u1 raw. */
static unsigned resource_for(unsigned op)
{
	switch (op) {
	case 46: case 110: case 111: return 2;   /* ld_ms, sample_pos, sample_info */
	case 121: return 1;                      /* bufinfo */
	case 165: return 3;                      /* ld_raw */
	default: return 0;
	}
}

static unsigned uav_for(unsigned op)
{
	return op == 165 || op == 166 ? 1 : 0;   /* ld_raw, store_raw */
}

/* Builds: declarations, then `op` with default operands, then ret. */
size_t shader_opcode_stream(struct asm_buf *b, unsigned op, unsigned ndst, unsigned nsrc)
{
	int st = shader_opcode_stage(op);

	asm_begin(b, (unsigned)st, 5, 0);
	if (st == GS) {
		asm_op(b, 93, 3);
		asm_op(b, 92, 5);
		asm_op(b, 94, 0); asm_dw(b, 3);
		asm_op(b, 143, 0); asm_dw(b, O_TYPE(16) | O_NDIM(1)); asm_dw(b, 0);   /* dcl_stream m0 */
	}
	asm_op(b, 106, 1 | 2);            /* refactoringAllowed, enableDoublePrecisionFloatOps */
	asm_op(b, 90, 0); reg0(b, T_SAMPLER, 0);
	asm_op(b, 88, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, 88, 1); reg0(b, T_RESOURCE, 1); asm_dw(b, 0x4444);
	asm_op(b, 88, 4 | 4 << 5); reg0(b, T_RESOURCE, 2); asm_dw(b, 0x5555);  /* 2D MS, 4 samples */
	asm_op(b, 161, 0); reg0(b, T_RESOURCE, 3);
	asm_op(b, 156, 1); reg0(b, 30, 0); asm_dw(b, 0x4444);     /* dcl_uav_typed buffer u0 */
	asm_op(b, 157, 0); reg0(b, 30, 1);                         /* dcl_uav_raw u1 */
	asm_op(b, 104, 0); asm_dw(b, 4);
	if (op >= 203 && op <= 205) {     /* dcl_input_ps linear v0.xyzw */
		asm_op(b, 98, 2);
		dst(b, T_INPUT, 0xf, 0);
	}
	if (op == 107) {                  /* VMware IDIV */
		ndst = 2;
		nsrc = 2;
	}
	asm_op(b, op, op == 190 ? 0x8 : 0);   /* sync: the global UAV barrier */
	for (unsigned i = 0; i < ndst + nsrc; i++) {
		switch (kind(op, i)) {
		case K_RES: src(b, T_RESOURCE, SWZ_XYZW, resource_for(op)); break;
		case K_SAMP: reg0(b, T_SAMPLER, 0); break;
		case K_UAV:
			if (i < ndst)
				dst(b, 30, 0xf, uav_for(op));
			else
				src(b, 30, SWZ_XYZW, uav_for(op));
			break;
		case K_STREAM: asm_dw(b, O_TYPE(16) | O_NDIM(1)); asm_dw(b, 0); break;
		case K_INPUT: src(b, T_INPUT, SWZ_XYZW, 0); break;
		default:
			if (i < ndst)   /* atomic results: one component; lod, double compares: two */
				dst(b, T_TEMP, op >= 180 && op <= 189 ? 0x1 :
					       op == 108 || (op >= 195 && op <= 198) || op == 201 ||
					       op == 214 || op == 215 ? 0x3 : 0xf, i);
			else
				src(b, T_TEMP, SWZ_XYZW, i % 4);
		}
	}
	asm_op(b, 62, 0);
	return asm_finish(b);
}

