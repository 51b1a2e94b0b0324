// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The token-level parser.  Every read goes through `take()`, which checks
 * the current instruction's end, so a wrong length or a missing operand
 * becomes an error and never a read past the buffer.
 */
#include "svga_shader_parse.h"

#include <stdlib.h>
#include <string.h>

#include "svga_shader_opcodes.h"

/* Mesa's SVGA3dDXShaderSignatureHeader.headerVersion. */
#define SIG_HEADER_VERSION 0x08a92d12u
#define SIG_HEADER_BYTES 16u
#define SIG_ENTRY_BYTES 20u

struct cursor {
	struct svga_sh_program *p;
	struct svga_sh_error *err;
	uint32_t pos;       /* next token */
	uint32_t end;       /* end of the current instruction */
	uint32_t start;     /* its first token, for messages */
	const char *name;   /* its opcode name */
};

static int take(struct cursor *c, uint32_t *v, const char *what)
{
	if (c->pos >= c->end)
		return svga_sh_fail(c->err, c->start, "%s: instruction too short for %s (length %u)",
				    c->name, what, c->end - c->start);
	*v = c->p->tokens[c->pos++];
	return 0;
}

static bool operand_type_known(unsigned type)
{
	switch (type) {
	case VGPU10_OPD_TEMP: case VGPU10_OPD_INPUT: case VGPU10_OPD_OUTPUT:
	case VGPU10_OPD_INDEXABLE_TEMP: case VGPU10_OPD_IMM32: case VGPU10_OPD_IMM64:
	case VGPU10_OPD_SAMPLER: case VGPU10_OPD_RESOURCE: case VGPU10_OPD_CONSTANT_BUFFER:
	case VGPU10_OPD_ICB: case VGPU10_OPD_INPUT_PRIMITIVEID: case VGPU10_OPD_OUTPUT_DEPTH:
	case VGPU10_OPD_NULL: case VGPU10_OPD_OUTPUT_COVERAGE_MASK: case VGPU10_OPD_STREAM:
	case VGPU10_OPD_OUTPUT_CONTROL_POINT_ID: case VGPU10_OPD_INPUT_FORK_INSTANCE_ID:
	case VGPU10_OPD_INPUT_JOIN_INSTANCE_ID: case VGPU10_OPD_INPUT_CONTROL_POINT:
	case VGPU10_OPD_OUTPUT_CONTROL_POINT: case VGPU10_OPD_INPUT_PATCH_CONSTANT:
	case VGPU10_OPD_INPUT_DOMAIN_POINT: case VGPU10_OPD_UAV: case VGPU10_OPD_TGSM:
	case VGPU10_OPD_INPUT_THREAD_ID: case VGPU10_OPD_INPUT_THREAD_GROUP_ID:
	case VGPU10_OPD_INPUT_THREAD_ID_IN_GROUP: case VGPU10_OPD_INPUT_COVERAGE_MASK:
	case VGPU10_OPD_INPUT_THREAD_ID_IN_GROUP_FLATTENED: case VGPU10_OPD_INPUT_GS_INSTANCE_ID:
	case VGPU10_OPD_OUTPUT_DEPTH_GE: case VGPU10_OPD_OUTPUT_DEPTH_LE:
	/* the rasterizer: sample_pos's source for gl_SamplePosition
	 * (svga_tgsi_vgpu10.c emit_rasterizer_register, sample shading at
	 * SM4.1); the validator admits it only there */
	case VGPU10_OPD_RASTERIZER:
		return true;
	default:
		/* labels, function bodies/tables, interfaces, this-pointers
		 * and the cycle counter: never emitted by Mesa. */
		return false;
	}
}

static int parse_operand(struct cursor *c, unsigned n, bool relative, uint32_t *out);

static int parse_index(struct cursor *c, unsigned n, struct svga_sh_operand *o, unsigned i)
{
	struct svga_sh_index *ix = &o->idx[i];
	uint32_t rel;

	ix->rep = VGPU10_OPD_REP(o->token, i);
	ix->imm = 0;
	ix->rel = SVGA_SH_NO_OPERAND;
	switch (ix->rep) {
	case VGPU10_REP_IMM32:
		return take(c, &ix->imm, "an operand index");
	case VGPU10_REP_IMM32_REL:
		if (take(c, &ix->imm, "an operand index"))
			return -1;
		/* fall through */
	case VGPU10_REP_REL:
		if (parse_operand(c, n, true, &rel))
			return -1;
		ix->rel = rel;
		return 0;
	case VGPU10_REP_IMM64:
	case VGPU10_REP_IMM64_REL:
		return svga_sh_fail(c->err, o->offset, "%s: operand %u: 64-bit index not supported",
				    c->name, n);
	default:
		return svga_sh_fail(c->err, o->offset, "%s: operand %u: index %u representation %u invalid",
				    c->name, n, i, ix->rep);
	}
}

static int parse_operand(struct cursor *c, unsigned n, bool relative, uint32_t *out)
{
	struct svga_sh_program *p = c->p;
	struct svga_sh_operand *o;
	uint32_t t, ext = 0, off = c->pos;
	unsigned next = 0;

	if (take(c, &t, "an operand"))
		return -1;
	/* Each operand takes at least one token, so ops never outgrows ntokens. */
	o = &p->ops[p->nops];
	*out = p->nops++;
	memset(o, 0, sizeof(*o));
	o->offset = off;
	o->token = t;
	o->type = VGPU10_OPD_TYPE(t);
	o->ncomp = VGPU10_OPD_NCOMP(t);
	o->ndim = VGPU10_OPD_NDIM(t);
	if (!operand_type_known(o->type))
		return svga_sh_fail(c->err, off, "%s: operand %u: type %u not accepted", c->name, n, o->type);

	while (VGPU10_OPD_EXTENDED(t)) {
		if (++next > 1)
			return svga_sh_fail(c->err, off, "%s: operand %u: more than one extended operand token",
					    c->name, n);
		if (take(c, &ext, "an extended operand token"))
			return -1;
		if (VGPU10_EXTOPD_TYPE(ext) > 1 || VGPU10_EXTOPD_MODIFIER(ext) > 3 ||
		    (ext & 0x7fffc000u))
			return svga_sh_fail(c->err, off, "%s: operand %u: extended operand token 0x%08x invalid",
					    c->name, n, ext);
		o->modifier = VGPU10_EXTOPD_TYPE(ext) ? VGPU10_EXTOPD_MODIFIER(ext) : 0;
		t = ext;
	}

	switch (o->ncomp) {
	case VGPU10_NCOMP_0:
		/*
		 * A 0-component operand selects nothing, so the token format
		 * leaves bits 2-11 unused.  Mesa's svga driver declares a
		 * geometry shader's primitive ID (vPrim) with mask mode and
		 * the mask xyzw there.  Ignore the bits, and clear them in
		 * what we hand on, as for select-1 below.
		 */
		o->token &= ~0xffcu;
		p->tokens[off] = o->token;
		o->mask = 0;
		break;
	case VGPU10_NCOMP_1:
		if (VGPU10_OPD_SELMODE(o->token) || VGPU10_OPD_COMPBITS(o->token))
			return svga_sh_fail(c->err, off, "%s: operand %u: component bits set on a 1-component operand",
					    c->name, n);
		o->mask = 0x1;
		break;
	case VGPU10_NCOMP_4:
		o->selmode = VGPU10_OPD_SELMODE(o->token);
		switch (o->selmode) {
		case VGPU10_SEL_MASK:
			if (o->token & 0xf00u)
				return svga_sh_fail(c->err, off, "%s: operand %u: stray bits after the mask",
						    c->name, n);
			o->mask = VGPU10_OPD_MASK(o->token);
			break;
		case VGPU10_SEL_SWIZZLE:
			for (unsigned k = 0; k < 4; k++)
				o->mask |= 1u << VGPU10_OPD_SWZ(o->token, k);
			break;
		case VGPU10_SEL_SELECT1:
			/*
			 * Only bits 4-5 select; Mesa's svga driver fills bits
			 * 4-11 as a swizzle of four equal components (xxxx)
			 * and then picks select-1 mode.  Ignore bits 6-11 as
			 * the token format says, and clear them in what we
			 * hand on, so that no later stage sees them.
			 */
			o->token &= ~0xfc0u;
			p->tokens[off] = o->token;
			o->mask = 1u << VGPU10_OPD_SEL1(o->token);
			break;
		default:
			return svga_sh_fail(c->err, off, "%s: operand %u: selection mode 3 invalid", c->name, n);
		}
		break;
	default:
		return svga_sh_fail(c->err, off, "%s: operand %u: N-component operands not supported",
				    c->name, n);
	}

	if (o->type == VGPU10_OPD_IMM32 || o->type == VGPU10_OPD_IMM64) {
		if (o->ndim)
			return svga_sh_fail(c->err, off, "%s: operand %u: immediate with an index", c->name, n);
		if (o->ncomp == VGPU10_NCOMP_0)
			return svga_sh_fail(c->err, off, "%s: operand %u: immediate without components", c->name, n);
		o->nimm = o->ncomp == VGPU10_NCOMP_1 ? 1 : 4;
		if (o->type == VGPU10_OPD_IMM64 && o->ncomp == VGPU10_NCOMP_1)
			o->nimm = 2;
		for (unsigned k = 0; k < o->nimm; k++)
			if (take(c, &o->imm[k], "an immediate value"))
				return -1;
	}
	/* Representation fields beyond the dimension must be zero. */
	for (unsigned i = o->ndim; i < 3; i++)
		if (VGPU10_OPD_REP(o->token, i))
			return svga_sh_fail(c->err, off, "%s: operand %u: index %u representation set beyond dimension %u",
					    c->name, n, i, o->ndim);
	if (o->ndim && relative) {
		/* A relative index is a register read: no deeper nesting. */
		for (unsigned i = 0; i < o->ndim; i++)
			if (VGPU10_OPD_REP(o->token, i) != VGPU10_REP_IMM32)
				return svga_sh_fail(c->err, off, "%s: operand %u: nested relative index",
						    c->name, n);
	}
	for (unsigned i = 0; i < o->ndim; i++)
		if (parse_index(c, n, o, i))
			return -1;
	return 0;
}

static bool takes_sample_controls(unsigned opcode)
{
	return (opcode >= 69 && opcode <= 74) || opcode == 45 || opcode == 46 ||
	       opcode == 109 || opcode == 126 || opcode == 128 || opcode == 163;
}

static int parse_customdata(struct cursor *c, struct svga_sh_instr *in)
{
	struct svga_sh_program *p = c->p;
	uint32_t len;

	if (c->pos + 1 >= p->ntokens)
		return svga_sh_fail(c->err, in->offset, "customdata: no length dword");
	len = p->tokens[c->pos + 1];
	if (len < 2 || len > p->ntokens - c->pos)
		return svga_sh_fail(c->err, in->offset, "customdata: length %u outside the stream (%u left)",
				    len, p->ntokens - c->pos);
	in->length = len;
	in->raw = c->pos + 2;
	in->nraw = len - 2;
	if (VGPU10_OP_CUSTOM_CLASS(in->token0) > VGPU10_CUSTOM_ICB)
		return svga_sh_fail(c->err, in->offset, "customdata: class %u unknown",
				    VGPU10_OP_CUSTOM_CLASS(in->token0));
	c->pos += len;
	return 0;
}

static int parse_instruction(struct cursor *c, struct svga_sh_instr *in)
{
	struct svga_sh_program *p = c->p;
	const struct svga_sh_opinfo *info;
	uint32_t t;
	unsigned nops;

	memset(in, 0, sizeof(*in));
	in->offset = c->pos;
	in->token0 = p->tokens[c->pos];
	in->opcode = VGPU10_OP_TYPE(in->token0);
	c->start = c->pos;
	info = svga_sh_opinfo(in->opcode);
	if (!info)
		return svga_sh_fail(c->err, c->pos, "opcode %u not supported", in->opcode);
	c->name = info->name;
	if ((info->flags & SVGA_SH_OP_SM5) && p->major < 5)
		return svga_sh_fail(c->err, c->pos, "%s needs shader model 5 (stream is %u.%u)",
				    info->name, p->major, p->minor);
	if ((info->flags & SVGA_SH_OP_SM41) && p->major == 4 && p->minor < 1)
		return svga_sh_fail(c->err, c->pos, "%s needs shader model 4.1 (stream is 4.0)", info->name);
	if (in->opcode == SVGA_SH_CUSTOMDATA)
		return parse_customdata(c, in);

	in->length = VGPU10_OP_LENGTH(in->token0);
	if (in->length == 0)
		return svga_sh_fail(c->err, c->pos, "%s: instruction length 0", info->name);
	if (in->length > p->ntokens - c->pos)
		return svga_sh_fail(c->err, c->pos, "%s: instruction length %u runs past the end (%u tokens left)",
				    info->name, in->length, p->ntokens - c->pos);
	c->end = c->pos + in->length;
	c->pos++;

	t = in->token0;
	while (VGPU10_OP_EXTENDED(t)) {
		if (in->next == 3)
			return svga_sh_fail(c->err, in->offset, "%s: more than 3 extended opcode tokens", info->name);
		if (take(c, &t, "an extended opcode token"))
			return -1;
		if (VGPU10_EXTOP_TYPE(t) != VGPU10_EXTOP_SAMPLE_CONTROLS || !takes_sample_controls(in->opcode) ||
		    (t & 0x7fe001c0u))
			return svga_sh_fail(c->err, in->offset, "%s: extended opcode token 0x%08x not accepted",
					    info->name, t);
		in->ext[in->next++] = t;
	}

	in->ndst = info->ndst;
	in->nsrc = info->nsrc;
	if (in->opcode == SVGA_SH_VMWARE) {
		switch (VGPU10_OP_SUBOP(in->token0)) {
		case VGPU10_VMW_IDIV: in->ndst = 2; in->nsrc = 2; break;
		case VGPU10_VMW_DFRC:
		case VGPU10_VMW_DRSQ:
			if (p->major < 5)
				return svga_sh_fail(c->err, in->offset, "vmware: double op needs shader model 5");
			in->ndst = 1; in->nsrc = 1; break;
		default:
			return svga_sh_fail(c->err, in->offset, "vmware: sub-opcode %u unknown",
					    VGPU10_OP_SUBOP(in->token0));
		}
	}
	nops = in->ndst + in->nsrc;
	for (unsigned i = 0; i < nops; i++)
		if (parse_operand(c, i, false, &in->op[i]))
			return -1;
	in->raw = c->pos;
	in->nraw = info->nraw;
	for (unsigned i = 0; i < info->nraw; i++)
		if (take(c, &t, "a declaration value"))
			return -1;
	if (c->pos != c->end)
		return svga_sh_fail(c->err, in->offset, "%s: length %u but operands end after %u tokens",
				    info->name, in->length, c->pos - in->offset);
	return 0;
}

/* Mesa (SM5 devices) appends SVGA3dDXShaderSignatureHeader + entries. */
static int check_appended_signature(const uint8_t *b, size_t n, uint32_t at, struct svga_sh_error *err)
{
	uint32_t h[4];
	uint64_t want;

	if (n < SIG_HEADER_BYTES)
		return svga_sh_fail(err, at, "%zu stray bytes after the last token", n);
	memcpy(h, b, sizeof(h));
	if (h[0] != SIG_HEADER_VERSION)
		return svga_sh_fail(err, at, "bytes after the tokens are not a signature (header 0x%08x)", h[0]);
	if (h[1] > 64 || h[2] > 64 || h[3] > 64)
		return svga_sh_fail(err, at, "appended signature: %u/%u/%u entries, at most 64 each",
				    h[1], h[2], h[3]);
	want = SIG_HEADER_BYTES + (uint64_t)(h[1] + h[2] + h[3]) * SIG_ENTRY_BYTES;
	if (want != n)
		return svga_sh_fail(err, at, "appended signature: %zu bytes, entries need %llu",
				    n, (unsigned long long)want);
	return 0;
}

int svga_sh_parse(const void *data, size_t size, unsigned expected_type,
		  struct svga_sh_program **out, struct svga_sh_error *err)
{
	struct svga_sh_program *p;
	struct cursor c = { 0 };
	uint32_t hdr[2];

	*out = NULL;
	if (size < 8)
		return svga_sh_fail(err, 0, "stream of %zu bytes has no version and length tokens", size);
	memcpy(hdr, data, sizeof(hdr));
	if (VGPU10_VERSION_TYPE(hdr[0]) != expected_type)
		return svga_sh_fail(err, 0, "program type %u, expected %u", VGPU10_VERSION_TYPE(hdr[0]),
				    expected_type);
	if (hdr[0] & 0xff00u)
		return svga_sh_fail(err, 0, "version token 0x%08x has reserved bits set", hdr[0]);
	if (!((VGPU10_VERSION_MAJOR(hdr[0]) == 4 && VGPU10_VERSION_MINOR(hdr[0]) <= 1) ||
	      (VGPU10_VERSION_MAJOR(hdr[0]) == 5 && VGPU10_VERSION_MINOR(hdr[0]) == 0)))
		return svga_sh_fail(err, 0, "shader model %u.%u not supported",
				    VGPU10_VERSION_MAJOR(hdr[0]), VGPU10_VERSION_MINOR(hdr[0]));
	if (expected_type > VGPU10_GS && VGPU10_VERSION_MAJOR(hdr[0]) < 5)
		return svga_sh_fail(err, 0, "program type %u needs shader model 5", expected_type);
	if (hdr[1] < 2)
		return svga_sh_fail(err, 1, "length token %u shorter than the header", hdr[1]);
	if (hdr[1] > VGPU10_MAX_STREAM_DWORDS)
		return svga_sh_fail(err, 1, "length token %u over the limit of %u tokens", hdr[1],
				    VGPU10_MAX_STREAM_DWORDS);
	if ((size_t)hdr[1] * 4 > size)
		return svga_sh_fail(err, 1, "length token %u but only %zu bytes sent", hdr[1], size);
	if ((size_t)hdr[1] * 4 < size &&
	    check_appended_signature((const uint8_t *)data + hdr[1] * 4, size - hdr[1] * 4, hdr[1], err))
		return -1;

	p = calloc(1, sizeof(*p));
	if (!p)
		return svga_sh_fail(err, 0, "out of memory");
	p->type = expected_type;
	p->major = VGPU10_VERSION_MAJOR(hdr[0]);
	p->minor = VGPU10_VERSION_MINOR(hdr[0]);
	p->ntokens = hdr[1];
	p->appended_sig_bytes = (uint32_t)(size - (size_t)hdr[1] * 4);
	p->tokens = malloc((size_t)p->ntokens * 4);
	/* Every instruction and every operand takes at least one token. */
	p->instr = malloc((size_t)p->ntokens * sizeof(*p->instr));
	p->ops = malloc((size_t)p->ntokens * sizeof(*p->ops));
	if (!p->tokens || !p->instr || !p->ops) {
		svga_sh_program_free(p);
		return svga_sh_fail(err, 0, "out of memory");
	}
	memcpy(p->tokens, data, (size_t)p->ntokens * 4);

	c.p = p;
	c.err = err;
	c.pos = 2;
	while (c.pos < p->ntokens) {
		if (parse_instruction(&c, &p->instr[p->ninstr])) {
			svga_sh_program_free(p);
			return -1;
		}
		p->ninstr++;
		if (c.pos < c.end)
			c.pos = c.end;
	}
	*out = p;
	return 0;
}

void svga_sh_program_free(struct svga_sh_program *p)
{
	if (!p)
		return;
	free(p->tokens);
	free(p->instr);
	free(p->ops);
	free(p);
}
