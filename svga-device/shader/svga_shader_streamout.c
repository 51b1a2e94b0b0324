// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stream output: the last pre-rasterization stage rewritten so that each
 * entry of the guest's SO declaration is an output register of its own.
 *
 * Why: vkd3d-shader 1.14 decorates whole signature elements for transform
 * feedback (XfbBuffer/XfbStride/Offset on the output variable) and refuses
 * a start component or a count below the element's (it merges the
 * elements of one register back into one).  GL and D3D capture subsets
 * (o1.yz, a vec3 varying of an .xyzw register).  So every SO'd register
 * oR is written to a fresh temp rT instead, and where a vertex is finished
 * (ret/retc in a vertex shader, emit/emit_stream in a geometry shader) the
 * temp is copied to oR and, per entry, its components to a new output oK
 * declared with exactly the entry's count from .x.  The xfb info then
 * names "TEXCOORD<K>" with component 0 and that count.  An entry that is
 * the whole of a plain output's only element is captured from that
 * register directly (K = R).
 */
#include "svga_shader_streamout.h"

#include <stdlib.h>
#include <string.h>

#include "svga_shader_opcodes.h"
#include "svga_shader_parse.h"
#include "svga_shader_validate.h"

enum { OP_EMIT = 19, OP_MOV = 54, OP_RETC = 63, OP_EMIT_STREAM = 117 };

/* Operand tokens: a 4-component register with one immediate index. */
static uint32_t opd_mask(unsigned type, unsigned mask)
{
	return VGPU10_NCOMP_4 | VGPU10_SEL_MASK << 2 | mask << VGPU10_OPD_MASK_SHIFT |
	       type << 12 | 1u << 20 | VGPU10_REP_IMM32 << 22;
}

static uint32_t opd_swizzle(unsigned type, unsigned swz)
{
	return VGPU10_NCOMP_4 | VGPU10_SEL_SWIZZLE << 2 | swz << 4 | type << 12 | 1u << 20 |
	       VGPU10_REP_IMM32 << 22;
}

struct so_plan {
	uint32_t so_regs;                 /* bit per SO'd output register  */
	uint32_t temp_of[VGPU10_MAX_IO_REGS];
	uint32_t temps;                   /* dcl_temps after the rewrite   */
	const struct svga_shader_key *key;
	uint8_t *shadow;                  /* key entry -> added register   */
};

struct out_buf {
	uint32_t *t;
	uint32_t n, room;
};

static int put(struct out_buf *o, uint32_t v)
{
	if (o->n == o->room) {
		uint32_t room = o->room * 2 + 64;
		uint32_t *t = realloc(o->t, (size_t)room * 4);

		if (!t)
			return -1;
		o->t = t;
		o->room = room;
	}
	o->t[o->n++] = v;
	return 0;
}

static int put_mov(struct out_buf *o, unsigned dst_reg, unsigned mask, unsigned temp,
		   unsigned swz)
{
	return put(o, OP_MOV | 5u << 24) || put(o, opd_mask(VGPU10_OPD_OUTPUT, mask)) ||
	       put(o, dst_reg) || put(o, opd_swizzle(VGPU10_OPD_TEMP, swz)) || put(o, temp);
}

/* The vertex is complete: temps to the guest's outputs and to the added
 * SO outputs. */
static int put_copies(struct out_buf *o, const struct svga_sh_program *p,
		      const struct so_plan *pl)
{
	const unsigned identity = 0 | 1 << 2 | 2 << 4 | 3 << 6;

	for (uint32_t i = 0; i < p->decls.nio; i++) {
		const struct svga_sh_ioelem *e = &p->decls.io[i];

		if (e->output && e->optype == VGPU10_OPD_OUTPUT && (pl->so_regs >> e->reg & 1) &&
		    put_mov(o, e->reg, e->mask, pl->temp_of[e->reg], identity))
			return -1;
	}
	for (uint32_t i = 0; i < pl->key->so_count; i++) {
		const struct svga_shader_key_so *s = &pl->key->so[i];
		unsigned first = (unsigned)__builtin_ctz(s->mask);
		unsigned count = (unsigned)__builtin_popcount(s->mask), swz = 0;

		if (s->reg == SVGA_SHADER_SO_GAP || pl->shadow[i] == s->reg)
			continue;
		for (unsigned c = 0; c < 4; c++)
			swz |= (first + (c < count ? c : count - 1)) << (2 * c);
		if (put_mov(o, pl->shadow[i], (1u << count) - 1, pl->temp_of[s->reg], swz))
			return -1;
	}
	return 0;
}

/* dcl_temps (when the shader had none) and one dcl_output per entry. */
static int put_decls(struct out_buf *o, const struct so_plan *pl, bool had_temps)
{
	if (!had_temps && (put(o, SVGA_SH_DCL_TEMPS | 2u << 24) || put(o, pl->temps)))
		return -1;
	for (uint32_t i = 0; i < pl->key->so_count; i++) {
		const struct svga_shader_key_so *s = &pl->key->so[i];

		if (s->reg == SVGA_SHADER_SO_GAP || pl->shadow[i] == s->reg)
			continue;
		if (put(o, SVGA_SH_DCL_OUTPUT | 3u << 24) ||
		    put(o, opd_mask(VGPU10_OPD_OUTPUT, (1u << __builtin_popcount(s->mask)) - 1)) ||
		    put(o, pl->shadow[i]))
			return -1;
	}
	return 0;
}

/* Copies one instruction, its writes to SO'd outputs sent to their temps. */
static int put_instr(struct out_buf *o, const struct svga_sh_program *p,
		     const struct svga_sh_instr *in, const struct so_plan *pl, bool is_dcl)
{
	uint32_t base = o->n;

	for (uint32_t k = 0; k < in->length; k++)
		if (put(o, p->tokens[in->offset + k]))
			return -1;
	if (in->opcode == SVGA_SH_DCL_TEMPS) {
		o->t[base + 1] = pl->temps;
		return 0;
	}
	if (is_dcl)
		return 0;
	for (unsigned i = 0; i < (unsigned)in->ndst + in->nsrc && i < SVGA_SH_MAX_OPERANDS; i++) {
		const struct svga_sh_operand *op;
		uint32_t at, reg;

		if (in->op[i] == SVGA_SH_NO_OPERAND)
			continue;
		op = svga_sh_op(p, in, i);
		if (op->type != VGPU10_OPD_OUTPUT || op->ndim != 1 ||
		    op->idx[0].rep != VGPU10_REP_IMM32)
			continue;
		reg = op->idx[0].imm;
		if (reg >= VGPU10_MAX_IO_REGS || !(pl->so_regs >> reg & 1))
			continue;
		at = base + (op->offset - in->offset);
		o->t[at] = (o->t[at] & ~(0xffu << 12)) | (uint32_t)VGPU10_OPD_TEMP << 12;
		o->t[at + 1 + VGPU10_OPD_EXTENDED(op->token)] = pl->temp_of[reg];
	}
	return 0;
}

static bool finishes_vertex(const struct svga_sh_program *p, const struct svga_sh_instr *in)
{
	if (p->type == VGPU10_GS)
		return in->opcode == OP_EMIT || in->opcode == OP_EMIT_STREAM;
	return in->opcode == SVGA_SH_RET || in->opcode == OP_RETC;
}

/*
 * An entry vkd3d can take as it is: the whole of a plain output element
 * (the register's only one, so that vkd3d keeps it apart) and the only
 * entry on that register.  It is captured from the register itself: no
 * temp, no added output (GL's max-varyings needs every register).
 */
static bool direct_entry(const struct svga_sh_decls *d, const struct svga_shader_key *key,
			 const struct svga_shader_key_so *s)
{
	const struct svga_sh_ioelem *only = NULL;
	unsigned uses = 0;

	for (uint32_t i = 0; i < key->so_count; i++)
		uses += key->so[i].reg == s->reg;
	for (uint32_t i = 0; i < d->nio; i++) {
		const struct svga_sh_ioelem *e = &d->io[i];

		if (!e->output || e->optype != VGPU10_OPD_OUTPUT || e->reg != s->reg)
			continue;
		if (only)
			return false;
		only = e;
	}
	return uses == 1 && only && only->opcode == SVGA_SH_DCL_OUTPUT && only->mask == s->mask;
}

/* Checks the entries against the declarations and plans registers. */
static int plan(const struct svga_sh_program *p, const struct svga_shader_key *key,
		struct so_plan *pl, struct svga_sh_error *err)
{
	const struct svga_sh_decls *d = &p->decls;
	uint32_t used = d->out_regs, next = 0, nregs = 0;

	if (p->type != VGPU10_VS && p->type != VGPU10_GS)
		return svga_sh_fail(err, 0, "stream output from a pixel shader");
	if (d->streams & ~1u)
		return svga_sh_fail(err, 0, "stream output of a multi-stream geometry shader is "
				    "not rendered yet");
	for (uint32_t i = 0; i < key->so_count; i++) {
		const struct svga_shader_key_so *s = &key->so[i];

		if (s->reg == SVGA_SHADER_SO_GAP)
			continue;
		if (s->reg >= VGPU10_MAX_IO_REGS || !(d->out_regs >> s->reg & 1) ||
		    (d->out_mask[s->reg] & s->mask) != s->mask)
			return svga_sh_fail(err, 0, "stream output entry %u: o%u mask 0x%x is not "
					    "declared by the shader", i, s->reg, s->mask);
		for (uint32_t r = 0; r < d->nrange; r++)
			if (d->range[r].type == VGPU10_OPD_OUTPUT && s->reg >= d->range[r].first &&
			    s->reg - d->range[r].first < d->range[r].count)
				return svga_sh_fail(err, 0, "stream output entry %u: o%u is "
						    "indexed relatively", i, s->reg);
		if (direct_entry(d, key, s)) {
			pl->shadow[i] = s->reg;
			continue;
		}
		while (next < VGPU10_MAX_IO_REGS && (used >> next & 1))
			next++;
		if (next >= VGPU10_MAX_IO_REGS)
			return svga_sh_fail(err, 0, "stream output entry %u: no output register "
					    "left of %u", i, VGPU10_MAX_IO_REGS);
		pl->shadow[i] = (uint8_t)next;
		used |= 1u << next;
		if (!(pl->so_regs >> s->reg & 1)) {
			pl->so_regs |= 1u << s->reg;
			pl->temp_of[s->reg] = d->temps + nregs++;
		}
	}
	pl->temps = d->temps + nregs;
	if (pl->temps > VGPU10_MAX_TEMPS)
		return svga_sh_fail(err, 0, "stream output: temp count over the limit");
	return 0;
}

int svga_sh_streamout(struct svga_sh_program **pp, const struct svga_shader_key *key,
		      uint8_t so_reg[SVGA_SHADER_KEY_SO_ENTRIES], struct svga_sh_error *err)
{
	struct svga_sh_program *p = *pp, *np = NULL;
	struct so_plan pl = { .key = key, .shadow = so_reg };
	struct out_buf o = { 0 };
	bool had_temps = false, decls_done = false, last_ret = false;

	memset(so_reg, SVGA_SHADER_SO_GAP, SVGA_SHADER_KEY_SO_ENTRIES);
	if (!key->so_count)
		return 0;
	if (plan(p, key, &pl, err))
		return -1;
	for (uint32_t i = 0; i < p->ninstr; i++)
		had_temps |= p->instr[i].opcode == SVGA_SH_DCL_TEMPS;
	if (put(&o, p->tokens[0]) || put(&o, 0))
		goto oom;
	for (uint32_t i = 0; i < p->ninstr; i++) {
		const struct svga_sh_instr *in = &p->instr[i];
		bool is_dcl = svga_sh_opinfo(in->opcode)->flags & SVGA_SH_OP_DCL;

		/* declarations end where the code starts (an ICB belongs to them) */
		if (!decls_done && !is_dcl && in->opcode != SVGA_SH_CUSTOMDATA) {
			if (put_decls(&o, &pl, had_temps))
				goto oom;
			decls_done = true;
		}
		if (finishes_vertex(p, in) && put_copies(&o, p, &pl))
			goto oom;
		if (put_instr(&o, p, in, &pl, is_dcl))
			goto oom;
		last_ret = in->opcode == SVGA_SH_RET;
	}
	if (!decls_done && put_decls(&o, &pl, had_temps))
		goto oom;
	if (p->type == VGPU10_VS && !last_ret && put_copies(&o, p, &pl))
		goto oom;
	o.t[1] = o.n;
	/* the result is a shader like any other: parsed and validated again */
	if (svga_sh_parse(o.t, (size_t)o.n * 4, p->type, &np, err) ||
	    svga_sh_validate(np, err)) {
		svga_sh_program_free(np);
		free(o.t);
		return -1;
	}
	free(o.t);
	svga_sh_program_free(p);
	*pp = np;
	return 0;
oom:
	free(o.t);
	return svga_sh_fail(err, 0, "out of memory for the stream-output rewrite");
}
