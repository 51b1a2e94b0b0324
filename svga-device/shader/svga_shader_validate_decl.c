// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Declarations: each one checked against the device limits and recorded
 * in program->decls, which the code checks and the signature synthesis
 * then read.
 */
#include "svga_shader_validate_int.h"

#include <stddef.h>

#include "svga_shader_opcodes.h"

static int fail_at(struct svga_sh_error *err, const struct svga_sh_instr *in, const char *fmt,
		   unsigned a, unsigned b)
{
	const struct svga_sh_opinfo *info = svga_sh_opinfo(in->opcode);

	return svga_sh_fail(err, in->offset, "%s: %s %u (%u)", info ? info->name : "?", fmt, a, b);
}

/* A declared operand: one immediate index per dimension, no modifier. */
static int plain_indices(const struct svga_sh_instr *in, const struct svga_sh_operand *o,
			 unsigned ndim, struct svga_sh_error *err)
{
	if (o->ndim != ndim)
		return fail_at(err, in, "operand has index dimension", o->ndim, ndim);
	for (unsigned i = 0; i < ndim; i++)
		if (o->idx[i].rep != VGPU10_REP_IMM32)
			return fail_at(err, in, "declaration index is relative, index", i, 0);
	if (o->modifier)
		return fail_at(err, in, "declaration operand has modifier", o->modifier, 0);
	return 0;
}

static unsigned gs_prim_vertices(unsigned prim)
{
	switch (prim) {
	case 1: return 1;  /* point */
	case 2: return 2;  /* line */
	case 3: return 3;  /* triangle */
	case 6: return 4;  /* line with adjacency */
	case 7: return 6;  /* triangle with adjacency */
	default: return 0;
	}
}

static int check_return_type(const struct svga_sh_program *p, const struct svga_sh_instr *in,
			     struct svga_sh_error *err)
{
	uint32_t rt = p->tokens[in->raw];

	if (rt >> 16)
		return fail_at(err, in, "return-type token has high bits", rt, 0);
	for (unsigned c = 0; c < 4; c++) {
		unsigned v = (rt >> (4 * c)) & 0xf;
		if (v < VGPU10_RETURN_UNORM || v > VGPU10_RETURN_MAX)
			return fail_at(err, in, "return type of component", c, v);
	}
	return 0;
}

static int add_ioelem(struct svga_sh_program *p, const struct svga_sh_instr *in,
		      const struct svga_sh_operand *o, unsigned reg, unsigned name, bool output,
		      struct svga_sh_error *err)
{
	struct svga_sh_decls *d = &p->decls;
	struct svga_sh_ioelem *e;

	if (d->nio == SVGA_SH_MAX_IOELEMS)
		return fail_at(err, in, "too many input/output declarations, limit", SVGA_SH_MAX_IOELEMS, 0);
	e = &d->io[d->nio++];
	e->opcode = in->opcode;
	e->optype = o->type;
	e->reg = (uint8_t)reg;
	e->mask = o->mask;
	e->name = (uint8_t)name;
	e->interp = p->type == VGPU10_PS ? VGPU10_OP_INTERP(in->token0) : 0;
	e->output = output;
	return 0;
}

static bool special_input(unsigned type)
{
	return type == VGPU10_OPD_INPUT_PRIMITIVEID || type == VGPU10_OPD_INPUT_COVERAGE_MASK ||
	       type == VGPU10_OPD_INPUT_GS_INSTANCE_ID;
}

static bool special_output(unsigned type)
{
	return type == VGPU10_OPD_OUTPUT_DEPTH || type == VGPU10_OPD_OUTPUT_DEPTH_GE ||
	       type == VGPU10_OPD_OUTPUT_DEPTH_LE || type == VGPU10_OPD_OUTPUT_COVERAGE_MASK;
}

/* Which system values each stage may declare (D3D10/11 rules); vkd3d
 * fails on the others (a vertex shader's viewport index needs a Vulkan
 * extension) and leaks memory on that error path. */
static bool sysval_allowed(unsigned type, bool output, unsigned name)
{
	unsigned bit = 1u << name;
	const unsigned pos = 1u << VGPU10_NAME_POSITION | 1u << VGPU10_NAME_CLIP_DISTANCE |
			     1u << VGPU10_NAME_CULL_DISTANCE;
	const unsigned layer = 1u << VGPU10_NAME_RT_ARRAY_INDEX | 1u << VGPU10_NAME_VIEWPORT_ARRAY_INDEX;

	switch (type) {
	case VGPU10_VS:
		return bit & (output ? pos : 1u << VGPU10_NAME_VERTEX_ID | 1u << VGPU10_NAME_INSTANCE_ID);
	case VGPU10_GS:
		return bit & (output ? pos | layer | 1u << VGPU10_NAME_PRIMITIVE_ID : pos);
	case VGPU10_PS:
		return !output && (bit & (pos | layer | 1u << VGPU10_NAME_PRIMITIVE_ID |
					  1u << VGPU10_NAME_IS_FRONT_FACE | 1u << VGPU10_NAME_SAMPLE_INDEX));
	default:
		return false;
	}
}

static int decl_io(struct svga_sh_program *p, const struct svga_sh_instr *in, struct svga_sh_error *err)
{
	struct svga_sh_decls *d = &p->decls;
	const struct svga_sh_operand *o = svga_sh_op(p, in, 0);
	bool output = in->opcode >= SVGA_SH_DCL_OUTPUT;
	bool ps_form = in->opcode >= SVGA_SH_DCL_INPUT_PS && in->opcode <= SVGA_SH_DCL_INPUT_PS_SIV;
	unsigned name = 0, reg, limit;

	if ((ps_form && p->type != VGPU10_PS) ||
	    (!output && !ps_form && in->opcode != SVGA_SH_DCL_INPUT && p->type == VGPU10_PS))
		return fail_at(err, in, "declaration not allowed in program type", p->type, 0);
	if (ps_form && VGPU10_OP_INTERP(in->token0) > 7)
		return fail_at(err, in, "interpolation mode", VGPU10_OP_INTERP(in->token0), 7);
	if (in->nraw) {
		name = p->tokens[in->raw];
		if (name == VGPU10_NAME_UNDEFINED || name > VGPU10_NAME_MAX)
			return fail_at(err, in, "system-value name", name, VGPU10_NAME_MAX);
		if (name >= VGPU10_NAME_FINAL_QUAD_U_EQ_0_EDGE_TESSFACTOR)
			return fail_at(err, in, "tessellation factor outside hull/domain shaders", name, 0);
		if (!sysval_allowed(p->type, output, name))
			return fail_at(err, in, "system value not allowed here: name, program type", name, p->type);
	}

	if ((!output && special_input(o->type)) || (output && special_output(o->type))) {
		if (plain_indices(in, o, 0, err))
			return -1;
		if (o->type == VGPU10_OPD_INPUT_PRIMITIVEID && p->type != VGPU10_GS &&
		    p->type != VGPU10_PS)
			return fail_at(err, in, "primitive id input in program type", p->type, 0);
		if (output && p->type != VGPU10_PS)
			return fail_at(err, in, "depth/coverage output in program type", p->type, 0);
		if (d->special & (1ull << o->type))
			return fail_at(err, in, "register type declared twice", o->type, 0);
		d->special |= 1ull << o->type;
		return add_ioelem(p, in, o, 0, name, output, err);
	}
	if (o->type != (output ? VGPU10_OPD_OUTPUT : VGPU10_OPD_INPUT))
		return fail_at(err, in, "declares operand type", o->type, 0);
	if (!output && p->type == VGPU10_GS) {
		if (plain_indices(in, o, 2, err))
			return -1;
		if (o->idx[0].imm != d->gs_input_vertices)
			return fail_at(err, in, "input vertex count differs from the input primitive's",
				       o->idx[0].imm, d->gs_input_vertices);
		reg = o->idx[1].imm;
	} else {
		if (plain_indices(in, o, 1, err))
			return -1;
		reg = o->idx[0].imm;
	}
	limit = output && p->type == VGPU10_PS ? VGPU10_MAX_PS_OUTPUTS : VGPU10_MAX_IO_REGS;
	if (reg >= limit)
		return fail_at(err, in, "register index over the limit", reg, limit);
	if (o->ncomp != VGPU10_NCOMP_4 || o->selmode != VGPU10_SEL_MASK || !o->mask)
		return fail_at(err, in, "declared register needs a non-empty write mask, mode", o->selmode, o->mask);
	if ((output ? d->out_mask[reg] : d->in_mask[reg]) & o->mask)
		return fail_at(err, in, "components declared twice: register, mask", reg, o->mask);
	if (output) {
		d->out_regs |= 1u << reg;
		d->out_mask[reg] |= o->mask;
	} else {
		d->in_regs |= 1u << reg;
		d->in_mask[reg] |= o->mask;
	}
	return add_ioelem(p, in, o, reg, name, output, err);
}

/*
 * Opcode-token bits 11..23 each declaration may set (the rest must be
 * zero): vkd3d reads flags there that do not exist on this device (a
 * rasterizer-ordered UAV fails in a vertex shader, and leaks).
 */
static uint32_t decl_field_bits(unsigned opcode)
{
	switch (opcode) {
	case SVGA_SH_DCL_RESOURCE: return 0xfff;          /* dimension, sample count */
	case SVGA_SH_DCL_CONSTANT_BUFFER: return 0x1;     /* dynamically indexed */
	case SVGA_SH_DCL_SAMPLER: return 0xf;             /* mode */
	case SVGA_SH_DCL_GS_OUTPUT_TOPOLOGY: return 0x7f;
	case SVGA_SH_DCL_GS_INPUT_PRIMITIVE: return 0x3f;
	case SVGA_SH_DCL_INPUT: case SVGA_SH_DCL_INPUT_SGV: case SVGA_SH_DCL_INPUT_SIV:
	case SVGA_SH_DCL_INPUT_PS: case SVGA_SH_DCL_INPUT_PS_SGV: case SVGA_SH_DCL_INPUT_PS_SIV:
		return 0xf;                               /* interpolation (Mesa sets it on all) */
	case SVGA_SH_DCL_GLOBAL_FLAGS: return 0xf;
	case SVGA_SH_DCL_UAV_TYPED: case SVGA_SH_DCL_UAV_RAW:
		return 0x1f | 1u << 5 | 1u << 12;         /* dimension, globally coherent, counter */
	default: return 0;
	}
}

int svga_sh_validate_decl(struct svga_sh_program *p, const struct svga_sh_instr *in,
			  struct svga_sh_error *err)
{
	struct svga_sh_decls *d = &p->decls;
	const struct svga_sh_operand *o = in->ndst ? svga_sh_op(p, in, 0) : NULL;
	const uint32_t *raw = &p->tokens[in->raw];
	unsigned v;

	if (in->opcode != SVGA_SH_CUSTOMDATA && (VGPU10_OP_FIELD(in->token0) & ~decl_field_bits(in->opcode)))
		return fail_at(err, in, "opcode token has unknown flag bits", VGPU10_OP_FIELD(in->token0),
			       decl_field_bits(in->opcode));
	switch (in->opcode) {
	case SVGA_SH_CUSTOMDATA:
		if (VGPU10_OP_CUSTOM_CLASS(in->token0) != VGPU10_CUSTOM_ICB)
			return 0;   /* comments and debug data: dropped by the rewrite */
		if (d->has_icb)
			return fail_at(err, in, "second immediate constant buffer", 0, 0);
		if (in->nraw % 4 || in->nraw / 4 > VGPU10_MAX_ICB_SIZE)
			return fail_at(err, in, "immediate constant buffer of dwords", in->nraw, VGPU10_MAX_ICB_SIZE * 4);
		d->has_icb = true;
		d->icb_offset = in->raw;
		d->icb_size = in->nraw / 4;
		return 0;
	case SVGA_SH_DCL_GLOBAL_FLAGS:
		if (VGPU10_OP_FIELD(in->token0) & ~0xfu)
			return fail_at(err, in, "global flags", VGPU10_OP_FIELD(in->token0), 0);
		d->global_flags = VGPU10_OP_FIELD(in->token0);
		return 0;
	case SVGA_SH_DCL_TEMPS:
		if (d->temps)
			return fail_at(err, in, "temps declared twice", raw[0], d->temps);
		if (raw[0] > VGPU10_MAX_TEMPS)
			return fail_at(err, in, "temp count over the limit", raw[0], VGPU10_MAX_TEMPS);
		d->temps = raw[0];
		return 0;
	case SVGA_SH_DCL_INDEXABLE_TEMP: {
		uint32_t total = 0;
		if (raw[0] >= VGPU10_MAX_INDEXABLE_DECLS)
			return fail_at(err, in, "indexable temp x# over the limit", raw[0], VGPU10_MAX_INDEXABLE_DECLS);
		if (d->xtemp_count[raw[0]])
			return fail_at(err, in, "indexable temp declared twice", raw[0], 0);
		if (raw[1] == 0 || raw[1] > VGPU10_MAX_INDEXABLE_TEMPS || raw[2] == 0 || raw[2] > 4)
			return fail_at(err, in, "indexable temp size/components", raw[1], raw[2]);
		for (unsigned i = 0; i < VGPU10_MAX_INDEXABLE_DECLS; i++)
			total += d->xtemp_count[i];
		if (total + raw[1] > VGPU10_MAX_INDEXABLE_TEMPS)
			return fail_at(err, in, "indexable temps total over the limit", total + raw[1],
				       VGPU10_MAX_INDEXABLE_TEMPS);
		d->xtemp_count[raw[0]] = raw[1];
		return 0;
	}
	case SVGA_SH_DCL_CONSTANT_BUFFER:
		if (o->type != VGPU10_OPD_CONSTANT_BUFFER || plain_indices(in, o, 2, err))
			return o->type != VGPU10_OPD_CONSTANT_BUFFER ?
				fail_at(err, in, "declares operand type", o->type, 0) : -1;
		if (o->idx[0].imm >= VGPU10_MAX_CB_SLOTS)
			return fail_at(err, in, "constant buffer slot out of range", o->idx[0].imm, VGPU10_MAX_CB_SLOTS);
		if (o->idx[1].imm == 0 || o->idx[1].imm > VGPU10_MAX_CB_SIZE)
			return fail_at(err, in, "constant buffer size (vec4s)", o->idx[1].imm, VGPU10_MAX_CB_SIZE);
		if (d->cb_size[o->idx[0].imm])
			return fail_at(err, in, "constant buffer slot declared twice", o->idx[0].imm, 0);
		d->cb_size[o->idx[0].imm] = o->idx[1].imm;
		return 0;
	case SVGA_SH_DCL_SAMPLER:
		if (o->type != VGPU10_OPD_SAMPLER || plain_indices(in, o, 1, err))
			return o->type != VGPU10_OPD_SAMPLER ? fail_at(err, in, "declares operand type", o->type, 0) : -1;
		if (o->idx[0].imm >= VGPU10_MAX_SAMPLERS)
			return fail_at(err, in, "sampler slot out of range", o->idx[0].imm, VGPU10_MAX_SAMPLERS);
		if (VGPU10_OP_FIELD(in->token0) > 2)
			return fail_at(err, in, "sampler mode", VGPU10_OP_FIELD(in->token0), 2);
		if (d->samplers & (1u << o->idx[0].imm))
			return fail_at(err, in, "sampler declared twice", o->idx[0].imm, 0);
		d->samplers |= 1u << o->idx[0].imm;
		return 0;
	case SVGA_SH_DCL_RESOURCE:
	case SVGA_SH_DCL_RESOURCE_RAW:
		if (o->type != VGPU10_OPD_RESOURCE || plain_indices(in, o, 1, err))
			return o->type != VGPU10_OPD_RESOURCE ? fail_at(err, in, "declares operand type", o->type, 0) : -1;
		if (o->idx[0].imm >= VGPU10_MAX_RESOURCES)
			return fail_at(err, in, "resource slot out of range", o->idx[0].imm, VGPU10_MAX_RESOURCES);
		if (d->resource_dim[o->idx[0].imm])
			return fail_at(err, in, "resource declared twice", o->idx[0].imm, 0);
		if (in->opcode == SVGA_SH_DCL_RESOURCE) {
			v = VGPU10_OP_RESDIM(in->token0);
			if (v < VGPU10_RESDIM_BUFFER || v > VGPU10_RESDIM_TEXCUBEARRAY)
				return fail_at(err, in, "resource dimension", v, 0);
			if (VGPU10_OP_SAMPLES(in->token0) > 32 ||
			    (VGPU10_OP_FIELD(in->token0) >> 12))
				return fail_at(err, in, "sample count / reserved bits", VGPU10_OP_SAMPLES(in->token0), 0);
			if (check_return_type(p, in, err))
				return -1;
			d->resource_ret[o->idx[0].imm] = (uint8_t)(p->tokens[in->raw] & 0xf);
		} else {
			v = VGPU10_RESDIM_RAW;
		}
		d->resource_dim[o->idx[0].imm] = (uint8_t)(v + 1);
		return 0;
	case SVGA_SH_DCL_UAV_TYPED:
	case SVGA_SH_DCL_UAV_RAW:
		if (o->type != VGPU10_OPD_UAV || plain_indices(in, o, 1, err))
			return o->type != VGPU10_OPD_UAV ? fail_at(err, in, "declares operand type", o->type, 0) : -1;
		if (o->idx[0].imm >= VGPU10_MAX_UAVS)
			return fail_at(err, in, "UAV slot out of range", o->idx[0].imm, VGPU10_MAX_UAVS);
		if (d->uav_dim[o->idx[0].imm])
			return fail_at(err, in, "UAV declared twice", o->idx[0].imm, 0);
		v = VGPU10_RESDIM_RAW;
		/* Mesa declares raw UAVs with dimension "buffer". */
		if (in->opcode == SVGA_SH_DCL_UAV_RAW && VGPU10_OP_RESDIM(in->token0) > VGPU10_RESDIM_BUFFER)
			return fail_at(err, in, "raw UAV dimension", VGPU10_OP_RESDIM(in->token0), 0);
		if (in->opcode == SVGA_SH_DCL_UAV_TYPED) {
			v = VGPU10_OP_RESDIM(in->token0);
			if (v < VGPU10_RESDIM_BUFFER || v > VGPU10_RESDIM_TEXCUBEARRAY ||
			    v == VGPU10_RESDIM_TEX2DMS || v == VGPU10_RESDIM_TEX2DMSARRAY)
				return fail_at(err, in, "UAV dimension", v, 0);
			if (check_return_type(p, in, err))
				return -1;
		}
		d->uav_dim[o->idx[0].imm] = (uint8_t)(v + 1);
		return 0;
	case SVGA_SH_DCL_TGSM_RAW:
		return fail_at(err, in, "shared memory outside compute shaders", 0, 0);
	case SVGA_SH_DCL_INDEX_RANGE: {
		unsigned reg, lim;
		if (o->type != VGPU10_OPD_INPUT && o->type != VGPU10_OPD_OUTPUT)
			return fail_at(err, in, "index range over operand type", o->type, 0);
		if (plain_indices(in, o, o->type == VGPU10_OPD_INPUT && p->type == VGPU10_GS ? 2 : 1, err))
			return -1;
		if (o->ncomp != VGPU10_NCOMP_4 || o->selmode != VGPU10_SEL_MASK || !o->mask)
			return fail_at(err, in, "index range needs a non-empty mask, mode", o->selmode, o->mask);
		reg = o->idx[o->ndim - 1].imm;
		lim = o->type == VGPU10_OPD_OUTPUT && p->type == VGPU10_PS ? VGPU10_MAX_PS_OUTPUTS
									   : VGPU10_MAX_IO_REGS;
		if (raw[0] == 0 || reg >= lim || raw[0] > lim - reg)
			return fail_at(err, in, "index range outside the register file: first, count", reg, raw[0]);
		if (d->nrange == SVGA_SH_MAX_RANGES)
			return fail_at(err, in, "too many index ranges", d->nrange, 0);
		d->range[d->nrange].type = o->type;
		d->range[d->nrange].first = reg;
		d->range[d->nrange].count = raw[0];
		d->range[d->nrange].mask = o->mask;
		d->range[d->nrange].offset = in->offset;
		d->nrange++;
		return 0;
	}
	case SVGA_SH_DCL_GS_INPUT_PRIMITIVE:
		v = VGPU10_OP_FIELD(in->token0);
		if (p->type != VGPU10_GS || !gs_prim_vertices(v) || d->gs_input_primitive)
			return fail_at(err, in, "input primitive (GS only, once)", v, p->type);
		d->gs_input_primitive = v;
		d->gs_input_vertices = gs_prim_vertices(v);
		return 0;
	case SVGA_SH_DCL_GS_OUTPUT_TOPOLOGY:
		v = VGPU10_OP_FIELD(in->token0);
		if (p->type != VGPU10_GS || (v != 1 && v != 3 && v != 5))
			return fail_at(err, in, "output topology (GS only: point/line/triangle strip)", v, p->type);
		d->gs_output_topology = v;
		return 0;
	case SVGA_SH_DCL_MAX_OUTPUT_VERTEX_COUNT:
		if (p->type != VGPU10_GS || raw[0] > VGPU10_MAX_GS_VERTICES)
			return fail_at(err, in, "max output vertex count (GS only)", raw[0], VGPU10_MAX_GS_VERTICES);
		d->gs_max_vertices = raw[0];
		return 0;
	case SVGA_SH_DCL_GS_INSTANCE_COUNT:
		if (p->type != VGPU10_GS || raw[0] == 0 || raw[0] > VGPU10_MAX_GS_INSTANCES)
			return fail_at(err, in, "GS instance count", raw[0], VGPU10_MAX_GS_INSTANCES);
		return 0;
	case SVGA_SH_DCL_STREAM:
		if (p->type != VGPU10_GS || o->type != VGPU10_OPD_STREAM || plain_indices(in, o, 1, err))
			return fail_at(err, in, "stream declaration (GS only), operand type", o->type, p->type);
		if (o->idx[0].imm >= VGPU10_MAX_STREAMS)
			return fail_at(err, in, "stream index", o->idx[0].imm, VGPU10_MAX_STREAMS);
		d->streams |= 1u << o->idx[0].imm;
		return 0;
	case SVGA_SH_DCL_INPUT: case SVGA_SH_DCL_INPUT_SGV: case SVGA_SH_DCL_INPUT_SIV:
	case SVGA_SH_DCL_INPUT_PS: case SVGA_SH_DCL_INPUT_PS_SGV: case SVGA_SH_DCL_INPUT_PS_SIV:
	case SVGA_SH_DCL_OUTPUT: case SVGA_SH_DCL_OUTPUT_SGV: case SVGA_SH_DCL_OUTPUT_SIV:
		return decl_io(p, in, err);
	default:
		/* hull, domain and compute declarations */
		return fail_at(err, in, "declaration not supported in program type", p->type, 0);
	}
}

/*
 * After all declarations: every register an index range covers must be
 * declared with exactly the range's components.  vkd3d builds the range
 * from the signature elements and dereferences a missing one: for a
 * register not declared at all (found by fuzz_shader: a NULL read in
 * vsir_program_normalise_io_registers), and for one declared with
 * components outside the range's mask, which vkd3d merges away and then
 * cannot find for the declaration (a NULL read in
 * shader_dst_param_io_normalise).  Mesa declares ranges over whole,
 * identically declared registers.
 */
int svga_sh_validate_ranges(const struct svga_sh_program *p, struct svga_sh_error *err)
{
	const struct svga_sh_decls *d = &p->decls;

	for (uint32_t i = 0; i < d->nrange; i++) {
		bool output = d->range[i].type == VGPU10_OPD_OUTPUT;

		for (uint32_t r = d->range[i].first; r < d->range[i].first + d->range[i].count; r++) {
			uint8_t have = output ? d->out_mask[r] : d->in_mask[r];

			if (have != d->range[i].mask)
				return svga_sh_fail(err, d->range[i].offset,
						    "dcl_indexrange: %s register %u not declared with mask 0x%x",
						    output ? "output" : "input", r, d->range[i].mask);
		}
	}
	return 0;
}
