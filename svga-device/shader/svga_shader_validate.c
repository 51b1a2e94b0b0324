// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Code checks: declarations first (recorded by validate_decl.c), then
 * every instruction's operands against them, control-flow nesting and
 * stage-only opcodes.  vkd3d-shader asserts on several malformed forms
 * (dynamically indexed constant-buffer slots, unbalanced control flow,
 * wrong register kinds), so nothing it would choke on gets through.
 */
#include "svga_shader_validate_int.h"

#include <string.h>

#include "svga_shader_opcodes.h"

#define MAX_NESTING 64

/* What an operand position accepts. */
enum kind {
	K_VALUE = 1u << 0,   /* registers and immediates */
	K_RES = 1u << 1,     /* t# */
	K_SAMP = 1u << 2,    /* s# */
	K_UAV = 1u << 3,     /* u# */
	K_STREAM = 1u << 4,  /* m# */
	K_RAST = 1u << 5,    /* rasterizer (0-D, 4 components) */
};

struct check {
	struct svga_sh_program *p;
	struct svga_sh_error *err;
	const struct svga_sh_instr *in;
	const char *name;
};

static int bad(struct check *c, unsigned n, const char *what, unsigned a)
{
	return svga_sh_fail(c->err, c->in->offset, "%s: operand %u: %s %u", c->name, n, what, a);
}

/* Operand kinds of the texture, buffer and stream instructions. */
static unsigned position_kind(unsigned opcode, unsigned i)
{
	switch (opcode) {
	case 45: case 46: case 61:                /* ld, ld_ms, resinfo */
		return i == 2 ? K_RES : K_VALUE;
	case 69: case 70: case 71: case 72: case 73: case 74: /* sample* */
	case 108: case 109: case 126:             /* lod, gather4, gather4_c */
		return i == 2 ? K_RES : i == 3 ? K_SAMP : K_VALUE;
	case 127: case 128:                       /* gather4_po(_c) */
		return i == 3 ? K_RES : i == 4 ? K_SAMP : K_VALUE;
	case 110:                                 /* sample_pos */
		return i == 1 ? K_RES | K_RAST : K_VALUE;
	case 111:                                 /* sample_info */
		return i == 1 ? K_RES | K_UAV | K_RAST : K_VALUE;
	case 121:                                 /* bufinfo */
		return i == 1 ? K_RES | K_UAV : K_VALUE;
	case 163: case 165:                       /* ld_uav_typed, ld_raw */
		return i == 2 ? (opcode == 165 ? K_RES | K_UAV : K_UAV) : K_VALUE;
	case 164: case 166:                       /* store_uav_typed, store_raw */
	case 169: case 170: case 171: case 172: case 173: case 174: case 175: case 176: case 177:
		return i == 0 ? K_UAV : K_VALUE;
	case 180: case 181: case 182: case 183: case 184: case 185: case 186: case 187: case 188: case 189:
		return i == 1 ? K_UAV : K_VALUE;
	case 117: case 118: case 119:             /* *_stream */
		return K_STREAM;
	default:
		return K_VALUE;
	}
}

static bool in_range_decl(const struct svga_sh_decls *d, unsigned type, unsigned reg)
{
	for (unsigned i = 0; i < d->nrange; i++)
		if (d->range[i].type == type && reg >= d->range[i].first &&
		    reg < d->range[i].first + d->range[i].count)
			return true;
	return false;
}

static int check_relative(struct check *c, unsigned n, const struct svga_sh_operand *r)
{
	const struct svga_sh_decls *d = &c->p->decls;

	if (r->modifier)
		return bad(c, n, "relative index with a modifier", r->modifier);
	if (!(r->ncomp == VGPU10_NCOMP_1 ||
	      (r->ncomp == VGPU10_NCOMP_4 && r->selmode == VGPU10_SEL_SELECT1)))
		return bad(c, n, "relative index must select one component, mode", r->selmode);
	if (r->type == VGPU10_OPD_TEMP) {
		if (r->ndim != 1 || r->idx[0].imm >= d->temps)
			return bad(c, n, "relative index reads undeclared temp r", r->idx[0].imm);
		return 0;
	}
	if (r->type == VGPU10_OPD_INDEXABLE_TEMP) {
		if (r->ndim != 2 || r->idx[0].imm >= VGPU10_MAX_INDEXABLE_DECLS ||
		    r->idx[1].imm >= d->xtemp_count[r->idx[0].imm])
			return bad(c, n, "relative index reads undeclared x", r->idx[0].imm);
		return 0;
	}
	return bad(c, n, "relative index from register type", r->type);
}

/* Index i of operand o: relative only when `rel_ok`; returns its immediate. */
static int index_of(struct check *c, unsigned n, const struct svga_sh_operand *o, unsigned i,
		    bool rel_ok, uint32_t *imm)
{
	const struct svga_sh_index *ix = &o->idx[i];

	if (ix->rel != SVGA_SH_NO_OPERAND) {
		if (!rel_ok)
			return svga_sh_fail(c->err, o->offset, "%s: operand %u: relative index %u not allowed on register type %u",
					    c->name, n, i, o->type);
		if (check_relative(c, n, &c->p->ops[ix->rel]))
			return -1;
	}
	*imm = ix->imm;
	return 0;
}

static int need_dim(struct check *c, unsigned n, const struct svga_sh_operand *o, unsigned ndim)
{
	if (o->ndim != ndim)
		return svga_sh_fail(c->err, o->offset, "%s: operand %u: register type %u with %u indices, needs %u",
				    c->name, n, o->type, o->ndim, ndim);
	return 0;
}

static int check_register(struct check *c, unsigned n, const struct svga_sh_operand *o)
{
	const struct svga_sh_decls *d = &c->p->decls;
	uint32_t a, b;

	switch (o->type) {
	case VGPU10_OPD_IMM32:
	case VGPU10_OPD_IMM64:
		return 0;
	case VGPU10_OPD_NULL:
		return need_dim(c, n, o, 0);
	case VGPU10_OPD_RASTERIZER:
		/* as Mesa emits it: no index, four components (vkd3d reads
		 * the sample count from its RASTERIZER_SAMPLE_COUNT) */
		if (o->ncomp != VGPU10_NCOMP_4)
			return bad(c, n, "rasterizer with components", o->ncomp);
		return need_dim(c, n, o, 0);
	case VGPU10_OPD_TEMP:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, false, &a))
			return -1;
		if (a >= d->temps)
			return bad(c, n, "temp not declared (dcl_temps), r", a);
		return 0;
	case VGPU10_OPD_INDEXABLE_TEMP:
		if (need_dim(c, n, o, 2) || index_of(c, n, o, 0, false, &a) || index_of(c, n, o, 1, true, &b))
			return -1;
		if (a >= VGPU10_MAX_INDEXABLE_DECLS || !d->xtemp_count[a])
			return bad(c, n, "indexable temp not declared, x", a);
		if (b >= d->xtemp_count[a])
			return bad(c, n, "indexable temp index out of range", b);
		return 0;
	case VGPU10_OPD_INPUT:
		if (c->p->type == VGPU10_GS) {
			if (need_dim(c, n, o, 2) || index_of(c, n, o, 0, true, &a) ||
			    index_of(c, n, o, 1, in_range_decl(d, o->type, o->idx[1].imm), &b))
				return -1;
			if (a >= d->gs_input_vertices)
				return bad(c, n, "input vertex index out of range", a);
		} else if (need_dim(c, n, o, 1) ||
			   index_of(c, n, o, 0, in_range_decl(d, o->type, o->idx[0].imm), &b)) {
			return -1;
		}
		if (b >= VGPU10_MAX_IO_REGS || !(d->in_regs & (1u << b)))
			return bad(c, n, "input not declared, v", b);
		return 0;
	case VGPU10_OPD_OUTPUT:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, in_range_decl(d, o->type, o->idx[0].imm), &a))
			return -1;
		if (a >= VGPU10_MAX_IO_REGS || !(d->out_regs & (1u << a)))
			return bad(c, n, "output not declared, o", a);
		return 0;
	case VGPU10_OPD_CONSTANT_BUFFER:
		if (need_dim(c, n, o, 2) || index_of(c, n, o, 0, false, &a) || index_of(c, n, o, 1, true, &b))
			return -1;
		if (a >= VGPU10_MAX_CB_SLOTS || !d->cb_size[a])
			return bad(c, n, "constant buffer not declared, cb", a);
		if (b >= d->cb_size[a])
			return bad(c, n, "constant buffer element out of the declared size", b);
		return 0;
	case VGPU10_OPD_ICB:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, true, &a))
			return -1;
		if (!d->has_icb || a >= d->icb_size)
			return bad(c, n, "immediate constant buffer element out of range", a);
		return 0;
	case VGPU10_OPD_SAMPLER:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, false, &a))
			return -1;
		if (a >= VGPU10_MAX_SAMPLERS || !(d->samplers & (1u << a)))
			return bad(c, n, "sampler not declared, s", a);
		return 0;
	case VGPU10_OPD_RESOURCE:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, false, &a))
			return -1;
		if (a >= VGPU10_MAX_RESOURCES || !d->resource_dim[a])
			return bad(c, n, "resource not declared, t", a);
		return 0;
	case VGPU10_OPD_UAV:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, false, &a))
			return -1;
		if (a >= VGPU10_MAX_UAVS || !d->uav_dim[a])
			return bad(c, n, "UAV not declared, u", a);
		return 0;
	case VGPU10_OPD_STREAM:
		if (need_dim(c, n, o, 1) || index_of(c, n, o, 0, false, &a))
			return -1;
		if (a >= VGPU10_MAX_STREAMS || !(d->streams & (1u << a)))
			return bad(c, n, "stream not declared, m", a);
		return 0;
	default:
		/* System-value registers (vPrim, oDepth, ...): declared once, no index. */
		if (need_dim(c, n, o, 0))
			return -1;
		if (!(d->special & (1ull << o->type)))
			return bad(c, n, "system register not declared, type", o->type);
		return 0;
	}
}

static bool writable(unsigned type)
{
	switch (type) {
	case VGPU10_OPD_TEMP: case VGPU10_OPD_OUTPUT: case VGPU10_OPD_INDEXABLE_TEMP:
	case VGPU10_OPD_NULL: case VGPU10_OPD_OUTPUT_DEPTH: case VGPU10_OPD_OUTPUT_DEPTH_GE:
	case VGPU10_OPD_OUTPUT_DEPTH_LE: case VGPU10_OPD_OUTPUT_COVERAGE_MASK: case VGPU10_OPD_UAV:
		return true;
	default:
		return false;
	}
}

static bool readable(unsigned type)
{
	return !writable(type) || type == VGPU10_OPD_TEMP || type == VGPU10_OPD_INDEXABLE_TEMP ||
	       type == VGPU10_OPD_UAV;
}

static unsigned kind_of(unsigned type)
{
	switch (type) {
	case VGPU10_OPD_RESOURCE: return K_RES;
	case VGPU10_OPD_SAMPLER: return K_SAMP;
	case VGPU10_OPD_UAV: return K_UAV;
	case VGPU10_OPD_STREAM: return K_STREAM;
	case VGPU10_OPD_RASTERIZER: return K_RAST;
	default: return K_VALUE;
	}
}

/* Instructions whose destination holds doubles (two components each). */
static bool double_dst(const struct svga_sh_instr *in)
{
	switch (in->opcode) {
	case 191: case 192: case 193: case 194: case 199: case 200: case 202:
	case 210: case 211: case 212: case 216: case 217:
		return true;
	case SVGA_SH_VMWARE:
		return VGPU10_OP_SUBOP(in->token0) != VGPU10_VMW_IDIV;
	default:
		return false;
	}
}

static int check_operands(struct check *c)
{
	const struct svga_sh_instr *in = c->in;

	for (unsigned i = 0; i < (unsigned)in->ndst + in->nsrc; i++) {
		const struct svga_sh_operand *o = svga_sh_op(c->p, in, i);
		bool dst = i < in->ndst;

		if (!(kind_of(o->type) & position_kind(in->opcode, i)))
			return bad(c, i, "register type not accepted in this position:", o->type);
		if (dst && !writable(o->type))
			return bad(c, i, "destination of register type", o->type);
		if (!dst && !readable(o->type))
			return bad(c, i, "source of register type", o->type);
		/* null discards one result of a two-result instruction; vkd3d
		 * fails (and leaks) on a null single destination. */
		if (dst && o->type == VGPU10_OPD_NULL &&
		    (in->ndst < 2 || svga_sh_op(c->p, in, i ^ 1)->type == VGPU10_OPD_NULL))
			return bad(c, i, "null destination without another result, destinations", in->ndst);
		if (dst && o->modifier)
			return bad(c, i, "destination with a modifier", o->modifier);
		if (dst && o->ncomp == VGPU10_NCOMP_4 && (o->selmode != VGPU10_SEL_MASK || !o->mask))
			return bad(c, i, "destination needs a non-empty write mask, mode", o->selmode);
		/* A double is .xy or .zw: vkd3d asserts on other masks. */
		if (dst && i == 0 && double_dst(in) && o->ncomp == VGPU10_NCOMP_4 &&
		    o->mask != 0x3 && o->mask != 0xc && o->mask != 0xf)
			return bad(c, i, "double destination needs mask .xy, .zw or .xyzw, not", o->mask);
		if (check_register(c, i, o))
			return -1;
	}
	return 0;
}

static bool ps_only(unsigned op)
{
	/* discard, derivatives, lod (implicit derivatives), pull-model interpolation */
	return op == 13 || op == 11 || op == 12 || op == 108 || (op >= 122 && op <= 125) ||
	       (op >= 203 && op <= 205);
}

static bool gs_only(unsigned op)
{
	return op == 9 || op == 19 || op == 20 || (op >= 117 && op <= 119);
}

/* Control-flow nesting: block kinds on a stack. */
enum block { B_IF = 1, B_ELSE, B_LOOP, B_SWITCH, B_CASE };

static int check_flow(struct check *c, uint8_t *stack, unsigned *depth)
{
	unsigned op = c->in->opcode, top = *depth ? stack[*depth - 1] : 0;
	bool in_loop = false, in_breakable = false;

	for (unsigned i = 0; i < *depth; i++) {
		in_loop |= stack[i] == B_LOOP;
		in_breakable |= stack[i] == B_LOOP || stack[i] == B_CASE;
	}
	switch (op) {
	case SVGA_SH_IF: case SVGA_SH_LOOP: case SVGA_SH_SWITCH:
		if (*depth == MAX_NESTING)
			return svga_sh_fail(c->err, c->in->offset, "%s: nesting deeper than %u", c->name, MAX_NESTING);
		stack[(*depth)++] = op == SVGA_SH_IF ? B_IF : op == SVGA_SH_LOOP ? B_LOOP : B_SWITCH;
		return 0;
	case SVGA_SH_ELSE:
		if (top != B_IF)
			break;
		stack[*depth - 1] = B_ELSE;
		return 0;
	case SVGA_SH_ENDIF:
		if (top != B_IF && top != B_ELSE)
			break;
		(*depth)--;
		return 0;
	case SVGA_SH_ENDLOOP:
		if (top != B_LOOP)
			break;
		(*depth)--;
		return 0;
	case SVGA_SH_CASE: case SVGA_SH_DEFAULT:
		if (top == B_SWITCH) {
			stack[*depth - 1] = B_CASE;
			return 0;
		}
		if (top != B_CASE)
			break;
		return 0;
	case SVGA_SH_ENDSWITCH:
		if (top != B_SWITCH && top != B_CASE)
			break;
		(*depth)--;
		return 0;
	case SVGA_SH_BREAK: case SVGA_SH_BREAKC:
		if (!in_breakable)
			break;
		return 0;
	case SVGA_SH_CONTINUE: case SVGA_SH_CONTINUEC:
		if (!in_loop)
			break;
		return 0;
	default:
		return 0;
	}
	return svga_sh_fail(c->err, c->in->offset, "%s: not inside a matching block", c->name);
}

int svga_sh_validate(struct svga_sh_program *p, struct svga_sh_error *err)
{
	struct check c = { .p = p, .err = err };
	uint8_t stack[MAX_NESTING];
	unsigned depth = 0, i;

	memset(&p->decls, 0, sizeof(p->decls));
	if (p->type != VGPU10_VS && p->type != VGPU10_GS && p->type != VGPU10_PS)
		return svga_sh_fail(err, 0, "program type %u: only vertex, geometry and pixel shaders", p->type);

	/* Declarations come first, as the format requires. */
	for (i = 0; i < p->ninstr; i++) {
		const struct svga_sh_instr *in = &p->instr[i];
		const struct svga_sh_opinfo *info = svga_sh_opinfo(in->opcode);

		if (!(info->flags & SVGA_SH_OP_DCL) && in->opcode != SVGA_SH_CUSTOMDATA)
			break;
		if (svga_sh_validate_decl(p, in, err))
			return -1;
	}
	if (svga_sh_validate_ranges(p, err))
		return -1;
	if (p->type == VGPU10_GS && (!p->decls.gs_input_primitive || !p->decls.gs_output_topology))
		return svga_sh_fail(err, 0, "geometry shader without input primitive or output topology");

	for (; i < p->ninstr; i++) {
		const struct svga_sh_instr *in = &p->instr[i];
		const struct svga_sh_opinfo *info = svga_sh_opinfo(in->opcode);

		c.in = in;
		c.name = info->name;
		if (info->flags & SVGA_SH_OP_DCL)
			return svga_sh_fail(err, in->offset, "%s: declaration after the first instruction", info->name);
		if (in->opcode == SVGA_SH_CUSTOMDATA) {
			if (VGPU10_OP_CUSTOM_CLASS(in->token0) == VGPU10_CUSTOM_ICB)
				return svga_sh_fail(err, in->offset, "customdata: immediate constant buffer after the first instruction");
			continue;
		}
		if (ps_only(in->opcode) && p->type != VGPU10_PS)
			return svga_sh_fail(err, in->offset, "%s: pixel shaders only", info->name);
		if (gs_only(in->opcode) && p->type != VGPU10_GS)
			return svga_sh_fail(err, in->offset, "%s: geometry shaders only", info->name);
		if (info->flags & SVGA_SH_OP_SM5 && info->flags & SVGA_SH_OP_BLOCK)
			return svga_sh_fail(err, in->offset, "%s: hull shaders only", info->name);
		if (check_operands(&c) || svga_sh_validate_op(p, in, info->name, err) ||
		    check_flow(&c, stack, &depth))
			return -1;
	}
	if (depth)
		return svga_sh_fail(err, p->ntokens, "%u control-flow block(s) not closed", depth);
	return 0;
}
