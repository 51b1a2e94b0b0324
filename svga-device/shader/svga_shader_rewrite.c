// SPDX-License-Identifier: GPL-2.0-or-later
#include "svga_shader_rewrite.h"

#include <stdlib.h>
#include <string.h>

#include "svga_shader_opcodes.h"

static bool scalar_sysval(unsigned name)
{
	switch (name) {
	case VGPU10_NAME_RT_ARRAY_INDEX:
	case VGPU10_NAME_VIEWPORT_ARRAY_INDEX:
	case VGPU10_NAME_VERTEX_ID:
	case VGPU10_NAME_PRIMITIVE_ID:
	case VGPU10_NAME_INSTANCE_ID:
	case VGPU10_NAME_IS_FRONT_FACE:
	case VGPU10_NAME_SAMPLE_INDEX:
		return true;
	default:
		return false;
	}
}

/* The declaration's ioelem: declarations were recorded in stream order. */
static struct svga_sh_ioelem *ioelem_of(struct svga_sh_program *p, const struct svga_sh_operand *o,
					 bool output)
{
	for (uint32_t i = 0; i < p->decls.nio; i++) {
		struct svga_sh_ioelem *e = &p->decls.io[i];
		unsigned reg = o->ndim ? o->idx[o->ndim - 1].imm : 0;

		if (e->output == output && e->optype == o->type && e->reg == reg && e->mask == o->mask)
			return e;
	}
	return NULL;
}

enum { OP_NOP = 58, OP_SYNC = 190, OP_SAMPLE = 69, OP_SAMPLE_C = 70, OP_SAMPLE_C_LZ = 71, OP_SAMPLE_L = 72, OP_SAMPLE_B = 74 };
#define LOD0_TOKENS 2   /* a 1-component IMM32 operand: token + value */

static void set_opcode(struct svga_sh_program *p, const struct svga_sh_instr *in, unsigned opcode)
{
	p->tokens[in->offset] = (p->tokens[in->offset] & ~0x7ffu) | opcode;
}

/* Explicit-LOD forms of the implicit-LOD samples, outside pixel shaders. */
static int rewrite_sample(struct svga_sh_program *p, struct svga_sh_instr *in, struct svga_sh_error *err)
{
	switch (in->opcode) {
	case OP_SAMPLE:
		if (in->length + LOD0_TOKENS > 0x7f)
			return svga_sh_fail(err, in->offset, "sample: too long to add an explicit lod");
		in->append_lod0 = 1;
		return 1;
	case OP_SAMPLE_B:
		set_opcode(p, in, OP_SAMPLE_L);
		return 1;
	case OP_SAMPLE_C:
		set_opcode(p, in, OP_SAMPLE_C_LZ);
		return 1;
	default:
		return 0;
	}
}

/*
 * sample_c and sample_c_lz return one value, which D3D's compiler selects
 * with a single-component swizzle on the resource (t0.xxxx); Mesa's svga
 * emitter sends the identity swizzle.  vkd3d-shader takes only the former
 * (it logs "Invalid swizzle" and trips an internal assertion on the
 * latter), so select the value's component explicitly: the result, the
 * value broadcast to the written components, is the same.
 */
static int rewrite_compare_resource_swizzle(struct svga_sh_program *p,
					    const struct svga_sh_instr *in)
{
	struct svga_sh_operand *o;

	if ((in->opcode != OP_SAMPLE_C && in->opcode != OP_SAMPLE_C_LZ) || in->nsrc < 2)
		return 0;
	o = &p->ops[in->op[in->ndst + 1]];
	if (o->type != VGPU10_OPD_RESOURCE || o->ncomp != VGPU10_NCOMP_4 ||
	    o->selmode != VGPU10_SEL_SWIZZLE || (VGPU10_OPD_COMPBITS(o->token) == 0))
		return 0;
	p->tokens[o->offset] &= ~(0xffu << 4);
	o->token = p->tokens[o->offset];
	return 1;
}

int svga_sh_rewrite(struct svga_sh_program *p, struct svga_sh_error *err)
{
	int changed = 0;

	for (uint32_t i = 0; i < p->ninstr; i++) {
		struct svga_sh_instr *in = &p->instr[i];
		const struct svga_sh_opinfo *info = svga_sh_opinfo(in->opcode);
		struct svga_sh_operand *o;
		struct svga_sh_ioelem *e;
		bool output;
		int r;

		/* sync without flags (vkd3d: invalid SPIR-V barrier) is a nop */
		if (in->opcode == OP_SYNC && !VGPU10_OP_FIELD(in->token0)) {
			set_opcode(p, in, OP_NOP);
			changed++;
		}
		changed += rewrite_compare_resource_swizzle(p, in);
		if (p->type != VGPU10_PS) {
			r = rewrite_sample(p, in, err);
			if (r < 0)
				return -1;
			changed += r;
		}
		if (!(info->flags & SVGA_SH_OP_NAME))
			continue;
		o = &p->ops[in->op[0]];
		output = in->opcode >= SVGA_SH_DCL_OUTPUT;
		if (in->opcode == SVGA_SH_DCL_OUTPUT_SGV) {
			set_opcode(p, in, SVGA_SH_DCL_OUTPUT_SIV);
			changed++;
		}
		if (!scalar_sysval(p->tokens[in->raw]) || o->ncomp != VGPU10_NCOMP_4 ||
		    !(o->mask & 1) || o->mask == 1)
			continue;
		e = ioelem_of(p, o, output);
		p->tokens[o->offset] = (p->tokens[o->offset] & ~(0xfu << VGPU10_OPD_MASK_SHIFT)) |
				       (1u << VGPU10_OPD_MASK_SHIFT);
		o->token = p->tokens[o->offset];
		o->mask = 1;
		if (e)
			e->mask = 1;
		changed++;
	}
	return changed;
}

static bool dropped(const struct svga_sh_instr *in)
{
	return in->opcode == SVGA_SH_CUSTOMDATA &&
	       VGPU10_OP_CUSTOM_CLASS(in->token0) != VGPU10_CUSTOM_ICB;
}

int svga_sh_emit_code(const struct svga_sh_program *p, void **data, size_t *size,
		      struct svga_sh_error *err)
{
	uint32_t *out, n = 2;
	size_t room = p->ntokens;

	for (uint32_t i = 0; i < p->ninstr; i++)
		room += p->instr[i].append_lod0 ? LOD0_TOKENS : 0;
	out = malloc(room * 4);
	if (!out)
		return svga_sh_fail(err, 0, "out of memory for the code chunk");
	out[0] = p->tokens[0];
	for (uint32_t i = 0; i < p->ninstr; i++) {
		const struct svga_sh_instr *in = &p->instr[i];

		if (dropped(in))
			continue;
		memcpy(&out[n], &p->tokens[in->offset], (size_t)in->length * 4);
		if (in->append_lod0) {
			/* sample_l dst, coord, t#, s#, l(0): the lod operand goes last */
			out[n] = (out[n] & ~(0x7ffu | VGPU10_OP_LENGTH_MASK)) | OP_SAMPLE_L |
				 (in->length + LOD0_TOKENS) << 24;
			out[n + in->length] = VGPU10_NCOMP_1 | (uint32_t)VGPU10_OPD_IMM32 << 12;
			out[n + in->length + 1] = 0;
			n += LOD0_TOKENS;
		}
		n += in->length;
	}
	out[1] = n;
	*data = out;
	*size = (size_t)n * 4;
	return 0;
}
