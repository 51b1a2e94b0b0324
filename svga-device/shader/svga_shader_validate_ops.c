// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-instruction rules beyond operand kinds, each one a case where
 * vkd3d-shader 1.14 would otherwise emit SPIR-V that spirv-val rejects (a
 * driver may crash on it) or fail and leak: the resource dimensions a
 * texture or buffer instruction takes, single-component atomic results,
 * sync flags outside compute shaders, doubles only with the global flag
 * that makes vkd3d declare Float64.
 */
#include "svga_shader_validate_int.h"

#include "svga_shader_opcodes.h"

enum {
	D_BUFFER = 1u << 1, D_1D = 1u << 2, D_2D = 1u << 3, D_2DMS = 1u << 4, D_3D = 1u << 5,
	D_CUBE = 1u << 6, D_1DARR = 1u << 7, D_2DARR = 1u << 8, D_2DMSARR = 1u << 9,
	D_CUBEARR = 1u << 10, D_RAW = 1u << 11,
	D_SAMPLED = D_1D | D_2D | D_3D | D_CUBE | D_1DARR | D_2DARR | D_CUBEARR,
	D_MS = D_2DMS | D_2DMSARR,
};

/* Dimensions the t#/u# operand at position i of `opcode` may have; 0: any. */
static unsigned dims_for(unsigned opcode)
{
	switch (opcode) {
	case 69: case 70: case 71: case 72: case 73: case 74:   /* sample* */
	case 108: case 109: case 126: case 127: case 128:       /* lod, gather4* */
		return D_SAMPLED;
	case 45: return D_BUFFER | D_1D | D_2D | D_3D | D_1DARR | D_2DARR;   /* ld */
	case 46: case 110: case 111: return D_MS;         /* ld_ms, sample_pos, sample_info */
	case 61: return D_SAMPLED | D_MS;                 /* resinfo */
	case 121: return D_BUFFER | D_RAW;                /* bufinfo */
	case 165: case 166: return D_RAW;                 /* ld_raw, store_raw */
	case 163: case 164: return D_BUFFER | D_1D | D_2D | D_3D | D_1DARR | D_2DARR; /* typed UAV */
	default: return 0;
	}
}

static bool double_op(const struct svga_sh_instr *in)
{
	unsigned op = in->opcode;

	return (op >= 191 && op <= 202) || (op >= 210 && op <= 217) ||
	       (op == SVGA_SH_VMWARE && VGPU10_OP_SUBOP(in->token0) != VGPU10_VMW_IDIV);
}

/* Double results per 32-bit component count: these return one 32-bit
 * value per double, so at most two components. */
static bool double_to_32(unsigned op)
{
	return (op >= 195 && op <= 198) || op == 201 || op == 214 || op == 215;
}

/* Is source i of this instruction a pair of doubles? */
static bool double_src(const struct svga_sh_instr *in, unsigned i)
{
	unsigned op = in->opcode;

	if (i < in->ndst || op == 202 || op == 216 || op == 217)
		return false;
	if (op == 200)                        /* dmovc: the condition is 32-bit */
		return i > in->ndst;
	return double_op(in);
}

static unsigned popcount4(unsigned m)
{
	return (m & 1) + (m >> 1 & 1) + (m >> 2 & 1) + (m >> 3 & 1);
}

int svga_sh_validate_op(const struct svga_sh_program *p, const struct svga_sh_instr *in,
			const char *name, struct svga_sh_error *err)
{
	const struct svga_sh_decls *d = &p->decls;
	unsigned dims = dims_for(in->opcode);

	for (unsigned i = 0; dims && i < (unsigned)in->ndst + in->nsrc; i++) {
		const struct svga_sh_operand *o = svga_sh_op(p, in, i);
		unsigned dim;

		if (o->type == VGPU10_OPD_RESOURCE)
			dim = d->resource_dim[o->idx[0].imm] - 1u;
		else if (o->type == VGPU10_OPD_UAV)
			dim = d->uav_dim[o->idx[0].imm] - 1u;
		else
			continue;
		if (!(dims & (1u << dim)))
			return svga_sh_fail(err, in->offset, "%s: operand %u: resource of dimension %u not accepted",
					    name, i, dim);
	}
	if (in->opcode >= 180 && in->opcode <= 189) {
		const struct svga_sh_operand *o = svga_sh_op(p, in, 0);

		if (o->ncomp == VGPU10_NCOMP_4 && (o->mask & (o->mask - 1)))
			return svga_sh_fail(err, in->offset, "%s: atomic result needs one component, mask 0x%x",
					    name, o->mask);
	}
	/* Outside compute shaders only the global UAV barrier means anything;
	 * Mesa's release builds may send no flag at all (the rewrite makes
	 * that a nop). */
	if (in->opcode == 190 && VGPU10_OP_FIELD(in->token0) != 0x8 && VGPU10_OP_FIELD(in->token0) != 0)
		return svga_sh_fail(err, in->offset, "%s: flags 0x%x outside a compute shader", name,
				    VGPU10_OP_FIELD(in->token0));
	if (double_to_32(in->opcode) && popcount4(svga_sh_op(p, in, 0)->mask) > 2)
		return svga_sh_fail(err, in->offset, "%s: two doubles give at most two results, mask 0x%x",
				    name, svga_sh_op(p, in, 0)->mask);
	/* A double is a component pair: .xy or .zw, as a whole. */
	for (unsigned i = in->ndst; i < (unsigned)in->ndst + in->nsrc; i++) {
		const struct svga_sh_operand *o = svga_sh_op(p, in, i);
		uint32_t swz = VGPU10_OPD_COMPBITS(o->token);

		if (!double_src(in, i) || o->ncomp != VGPU10_NCOMP_4 || o->type == VGPU10_OPD_IMM32 ||
		    o->type == VGPU10_OPD_IMM64)
			continue;
		if (o->selmode == VGPU10_SEL_SELECT1 ||
		    (o->selmode == VGPU10_SEL_SWIZZLE &&
		     (((swz & 0xf) != 0x4 && (swz & 0xf) != 0xe) || ((swz >> 4) != 0x4 && (swz >> 4) != 0xe))))
			return svga_sh_fail(err, in->offset, "%s: operand %u: double source swizzle 0x%02x is not pairs",
					    name, i, swz);
	}
	/* eval_snapped, eval_sample_index, eval_centroid interpolate an
	 * input (D3D11: the source is a v# register); vkd3d fails on
	 * anything else and leaks what it had allocated (fuzz_shader found
	 * it: eval_centroid r0.xyzw, l(1)). */
	if (in->opcode >= 203 && in->opcode <= 205 &&
	    svga_sh_op(p, in, in->ndst)->type != VGPU10_OPD_INPUT)
		return svga_sh_fail(err, in->offset, "%s: the interpolant must be an input register (v#)",
				    name);
	/* vkd3d stores lod's 2-component result without widening it. */
	if (in->opcode == 108 && (svga_sh_op(p, in, 0)->mask & 0xc))
		return svga_sh_fail(err, in->offset, "%s: result only in .xy, mask 0x%x", name,
				    svga_sh_op(p, in, 0)->mask);
	if (double_op(in) && !(d->global_flags & 0x2))
		return svga_sh_fail(err, in->offset,
				    "%s: double precision without dcl_globalflags enableDoublePrecisionFloatOps", name);
	return 0;
}
