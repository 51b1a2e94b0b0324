// SPDX-License-Identifier: MIT
/*
 * The translator on the hand-written streams: each one parses, validates
 * and becomes a DXBC container; each malformed variant is rejected with
 * the reason we expect (not just "some error").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shader_streams.h"
#include "svga_shader.h"
#include "svga_shader_parse.h"
#include "svga_shader_validate.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

static unsigned vgpu10_type(unsigned stage)
{
	return stage == SVGA_SHADER_STAGE_VS ? 1 : stage == SVGA_SHADER_STAGE_GS ? 2 : 0;
}

static void test_valid(void)
{
	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct asm_buf b;
		size_t size = shader_streams[i].build(&b);
		struct svga_sh_error err = { 0 };
		struct svga_sh_program *p = NULL;
		void *dxbc = NULL;
		size_t dxbc_size = 0;
		int r;

		r = svga_sh_parse(b.t, size, vgpu10_type(shader_streams[i].stage), &p, &err);
		CHECK(r == 0, "%s: parse: %s", shader_streams[i].name, err.msg);
		if (r == 0) {
			r = svga_sh_validate(p, &err);
			CHECK(r == 0, "%s: validate: %s", shader_streams[i].name, err.msg);
			CHECK(p->ninstr > 2, "%s: %u instructions", shader_streams[i].name, p->ninstr);
		}
		svga_sh_program_free(p);

		r = svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &dxbc, &dxbc_size, &err);
		CHECK(r == 0 && dxbc && dxbc_size > 32 && !memcmp(dxbc, "DXBC", 4),
		      "%s: translate: %s", shader_streams[i].name, r ? err.msg : "bad container");
		if (r == 0)
			printf("ok %s: %zu token bytes -> %zu DXBC bytes\n", shader_streams[i].name, size, dxbc_size);
		free(dxbc);
	}
}

/* Builds stream `name`, lets `mutate` break it, expects `want` in the error. */
static void expect_reject(const char *name, void (*mutate)(struct asm_buf *b, size_t *size),
			  const char *what, const char *want)
{
	const struct shader_stream *s = NULL;
	struct svga_sh_error err = { 0 };
	struct asm_buf b;
	void *dxbc = (void *)1;
	size_t size, dxbc_size = 1;
	int r;

	for (unsigned i = 0; i < shader_stream_count; i++)
		if (!strcmp(shader_streams[i].name, name))
			s = &shader_streams[i];
	if (!s) {
		CHECK(0, "no stream %s", name);
		return;
	}
	size = s->build(&b);
	mutate(&b, &size);
	r = svga_shader_translate(s->stage, b.t, size, NULL, &dxbc, &dxbc_size, &err);
	CHECK(r == -1 && dxbc == NULL && dxbc_size == 0, "%s: %s accepted", name, what);
	CHECK(r == -1 && strstr(err.msg, want), "%s: %s: error \"%s\" lacks \"%s\"", name, what, err.msg, want);
	if (r == -1 && strstr(err.msg, want))
		printf("ok rejected %s (%s): %s\n", what, name, err.msg);
	if (r == 0)
		free(dxbc);
}

/* Finds the first instruction with this opcode; returns its offset. */
static unsigned find_op(const struct asm_buf *b, unsigned opcode, unsigned nth)
{
	for (unsigned pos = 2; pos < b->t[1];) {
		unsigned op = b->t[pos] & 0x7ff, len = op == 53 ? b->t[pos + 1] : (b->t[pos] >> 24) & 0x7f;

		if (op == opcode && nth-- == 0)
			return pos;
		if (!len)
			break;
		pos += len;
	}
	return 0;
}

static void m_truncate(struct asm_buf *b, size_t *size) { (void)b; *size -= 8; }
static void m_huge_length(struct asm_buf *b, size_t *size) { (void)size; b->t[1] = 0x40000000; }
static void m_inst_past_end(struct asm_buf *b, size_t *size)
{
	unsigned ret = find_op(b, 62, 0);
	(void)size;
	b->t[ret] |= 5u << 24;
}
static void m_zero_length(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 54, 0)] &= ~(0x7fu << 24);
}
static void m_long_inst(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	/* one token more than the operands: swallows the next opcode */
	b->t[mov] += 1u << 24;
}
static void m_bad_temp(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	b->t[mov + 2] = 7;     /* mov r7.x, l(0) with dcl_temps 2 */
}
static void m_undeclared_input(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 1);
	(void)size;
	b->t[mov + 4] = 5;     /* mov o1, v5 */
}
static void m_cb_slot(struct asm_buf *b, size_t *size)
{
	unsigned dcl = find_op(b, 89, 0);
	(void)size;
	b->t[dcl + 2] = 16;
}
static void m_cb_index(struct asm_buf *b, size_t *size)
{
	unsigned ige = find_op(b, 33, 0);
	(void)size;
	b->t[ige + 7] = 2;     /* cb0[2] of a 2-element buffer */
}
static void m_rel_temp(struct asm_buf *b, size_t *size)
{
	/* ps_icb's mov o0, icb[r0.x]: make the indexed register a temp */
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	b->t[mov + 3] = (b->t[mov + 3] & ~(0xffu << 12)) | (uint32_t)T_TEMP << 12;
}
static void m_rel_cb_slot(struct asm_buf *b, size_t *size)
{
	unsigned ige = find_op(b, 33, 0);
	/* cb0[1] -> cb[r0.x][1]: shift in a relative operand for index 0 */
	memmove(&b->t[ige + 8], &b->t[ige + 7], (b->n - ige - 7) * 4);
	b->t[ige + 5] |= 2u << 22;
	b->t[ige + 6] = O_4C | O_SEL(0) | O_TYPE(T_TEMP) | O_NDIM(1);
	b->t[ige + 7] = 0;
	b->t[ige] += 1u << 24;
	b->n += 1;
	b->t[1] += 1;
	*size += 4;
}
static void m_icb_range(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	b->t[mov + 4] = 4;     /* icb[r0.x + 4] with 4 elements */
}
static void m_opcode(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 62, 0)] = 4u | 1u << 24;     /* call (no operand) */
}
static void m_endif(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 62, 0)] = 21u | 1u << 24;    /* endif without if */
}
static void m_open_loop(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 62, 0)] = 48u | 1u << 24;    /* loop never closed */
}
static void m_sm5_in_sm4(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 54, 0)] = (b->t[find_op(b, 54, 0)] & ~0x7ffu) | 129;  /* rcp */
}
static void m_dcl_after_code(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 62, 0)] = 106u | 1u << 24;   /* dcl_globalflags at the end */
}
static void m_type(struct asm_buf *b, size_t *size) { (void)size; b->t[0] = 1u << 16 | 0x40; }
static void m_trailing(struct asm_buf *b, size_t *size)
{
	b->t[b->n++] = 0xdeadbeef;
	*size += 4;
	b->t[b->n++] = 0;
	*size += 4;
	b->t[b->n++] = 0;
	*size += 4;
	b->t[b->n++] = 0;
	*size += 4;
}
static void m_sig_size(struct asm_buf *b, size_t *size) { (void)b; *size -= 4; }
static void m_operand_type(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	b->t[mov + 1] = (b->t[mov + 1] & ~(0xffu << 12)) | 40u << 12;   /* cycle counter */
}
static void m_sel_mode(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	b->t[mov + 1] |= 3u << 2;
}
static void m_sampler_slot(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 90, 0) + 2] = 16;
}
static void m_resource_as_value(struct asm_buf *b, size_t *size)
{
	unsigned mul = find_op(b, 56, 0);
	(void)size;
	/* mul o0, r0, t0 */
	b->t[mul + 5] = (b->t[mul + 5] & ~(0xffu << 12)) | (uint32_t)T_RESOURCE << 12;
	b->t[mul + 6] = 0;
}
static void m_undeclared_sampler(struct asm_buf *b, size_t *size)
{
	unsigned s = find_op(b, 69, 0);
	(void)size;
	b->t[s + 8] = 1;      /* sample ..., s1 */
}
static void m_temps_limit(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 104, 0) + 1] = 4097;
}
static void m_xtemp_index(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 1);
	(void)size;
	b->t[mov + 3] = 4;    /* x0[4] of 4 */
}
static void m_gs_vertex(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 95, 0) + 2] = 4;   /* v[4][0] for a triangle */
}
static void m_icb_size(struct asm_buf *b, size_t *size)
{
	unsigned icb = find_op(b, 53, 0);
	(void)size;
	b->t[icb + 1] = 2 + 14;                 /* 14 dwords: not whole vec4s */
	b->t[icb + 16] = 58u | 1u << 24;        /* the other two become nops */
	b->t[icb + 17] = 58u | 1u << 24;
}
static void m_relative_nested(struct asm_buf *b, size_t *size)
{
	unsigned mov = find_op(b, 54, 0);
	(void)size;
	/* icb[r0.x]: give the relative operand itself a relative index */
	b->t[mov + 5] |= 2u << 22;
}
static void m_ext_operand(struct asm_buf *b, size_t *size)
{
	unsigned itof = find_op(b, 43, 0);
	(void)size;
	b->t[itof + 4] = 1u | 9u << 6;    /* modifier 9 */
}

static void m_vs_viewport(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 103, 0) + 3] = 5;   /* dcl_output_siv o0, viewport_array_index */
}

static void m_range_undeclared(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 91, 0) + 3] = 4;    /* dcl_indexrange v1, 4: v4 is not declared */
}
static void m_range_mask_narrower(struct asm_buf *b, size_t *size)
{
	unsigned r = find_op(b, 91, 0);
	(void)size;
	/* dcl_indexrange v1.yzw, 3 over v1..v3 declared .xyzw: vkd3d merges
	 * the range's elements with its mask and then finds none for the
	 * declared x (found by fuzz_shader: a NULL read in
	 * shader_dst_param_io_normalise) */
	b->t[r + 1] = (b->t[r + 1] & ~O_MASK(0xf)) | O_MASK(0xe);
}

static void m_input_twice(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 95, 1) + 2] = 0;    /* dcl_input v0 a second time */
}

static void m_null_single_dst(struct asm_buf *b, size_t *size)
{
	unsigned umad = find_op(b, 82, 0);
	/* umad null, ... (found by fuzz_shader: vkd3d errors and leaks) */
	memmove(&b->t[umad + 2], &b->t[umad + 3], (b->n - umad - 3) * 4);
	b->t[umad + 1] = O_TYPE(T_NULL);
	b->t[umad] -= 1u << 24;
	b->n -= 1;
	b->t[1] -= 1;
	*size -= 4;
}

static void m_double_mask(struct asm_buf *b, size_t *size)
{
	(void)size;
	b->t[find_op(b, 191, 0) + 1] &= ~(0xfu << 4);   /* dadd r0.y, ... */
	b->t[find_op(b, 191, 0) + 1] |= 0x2u << 4;
}

static void test_malformed(void)
{
	expect_reject("ps_constant", m_truncate, "truncated stream", "only");
	expect_reject("ps_constant", m_huge_length, "huge length", "over the limit");
	expect_reject("ps_constant", m_inst_past_end, "instruction past the end", "runs past the end");
	expect_reject("ps_constant", m_zero_length, "zero instruction length", "length 0");
	expect_reject("ps_constant", m_long_inst, "length longer than operands", "operands end after");
	expect_reject("ps_control_flow", m_bad_temp, "bad operand index", "temp not declared");
	expect_reject("vs_passthrough", m_undeclared_input, "undeclared register", "input not declared");
	expect_reject("ps_control_flow", m_cb_slot, "CB slot 16", "constant buffer slot out of range");
	expect_reject("ps_control_flow", m_cb_index, "CB element past its size", "out of the declared size");
	expect_reject("ps_icb", m_rel_temp, "relative index on a temp", "relative index 0 not allowed");
	expect_reject("ps_control_flow", m_rel_cb_slot, "relative CB slot", "relative index 0 not allowed");
	expect_reject("ps_icb", m_icb_range, "ICB element out of range", "immediate constant buffer element");
	expect_reject("ps_icb", m_icb_size, "ICB of partial vec4s", "immediate constant buffer of dwords");
	expect_reject("ps_icb", m_relative_nested, "nested relative index", "nested relative");
	expect_reject("ps_constant", m_opcode, "subroutine call", "opcode 4 not supported");
	expect_reject("ps_constant", m_endif, "endif without if", "not inside a matching block");
	expect_reject("ps_constant", m_open_loop, "unclosed loop", "not closed");
	expect_reject("ps_constant", m_sm5_in_sm4, "SM5 opcode in SM4.0", "needs shader model 5");
	expect_reject("ps_constant", m_dcl_after_code, "declaration after code", "after the first instruction");
	expect_reject("ps_constant", m_type, "wrong program type", "program type 1, expected 0");
	expect_reject("ps_constant", m_trailing, "trailing garbage", "not a signature");
	expect_reject("vs_sm5_signature", m_sig_size, "short appended signature", "appended signature");
	expect_reject("ps_constant", m_operand_type, "operand type", "type 40 not accepted");
	expect_reject("ps_constant", m_sel_mode, "selection mode 3", "selection mode 3 invalid");
	expect_reject("ps_texture", m_sampler_slot, "sampler slot 16", "sampler slot out of range");
	expect_reject("ps_texture", m_resource_as_value, "resource as a value", "not accepted in this position");
	expect_reject("ps_texture", m_undeclared_sampler, "undeclared sampler", "sampler not declared");
	expect_reject("ps_control_flow", m_temps_limit, "4097 temps", "temp count over the limit");
	expect_reject("vs_indexable", m_xtemp_index, "indexable temp out of range", "indexable temp index out of range");
	expect_reject("gs_primid", m_gs_vertex, "GS input vertex count", "input vertex count differs");
	expect_reject("vs_passthrough", m_vs_viewport, "VS viewport index", "system value not allowed here");
	expect_reject("ps_indexed_input", m_range_undeclared, "index range over undeclared registers", "register 4 not declared");
	expect_reject("ps_indexed_input", m_range_mask_narrower, "index range with fewer components than its registers", "register 1 not declared with mask 0xe");
	expect_reject("vs_passthrough", m_input_twice, "input declared twice", "components declared twice");
	expect_reject("vs_integer", m_null_single_dst, "null single destination", "null destination without another result");
	expect_reject("vs_double", m_double_mask, "double into .y", "double destination needs mask");
	expect_reject("vs_integer", m_ext_operand, "bad operand modifier", "extended operand token");
}

/* Every prefix of every stream, and every single-bit flip of the first
 * 64 tokens: never a crash (ASan in the fuzz build), always an answer. */
static void test_no_crash(void)
{
	unsigned accepted = 0, rejected = 0;

	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct asm_buf b;
		size_t size = shader_streams[i].build(&b);

		for (size_t cut = 0; cut < size; cut += 4) {
			struct svga_sh_error err = { 0 };
			void *dxbc = NULL;
			size_t n = 0;

			if (svga_shader_translate(shader_streams[i].stage, b.t, cut, NULL, &dxbc, &n, &err) == 0)
				accepted++, free(dxbc);
			else
				rejected++;
		}
		for (unsigned w = 0; w < 64 && w < b.n; w++) {
			for (unsigned bit = 0; bit < 32; bit++) {
				struct svga_sh_error err = { 0 };
				void *dxbc = NULL;
				size_t n = 0;

				b.t[w] ^= 1u << bit;
				if (svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &dxbc, &n, &err) == 0)
					accepted++, free(dxbc);
				else
					rejected++;
				if (!dxbc)
					CHECK(err.msg[0], "rejection without a message");
				b.t[w] ^= 1u << bit;
			}
		}
	}
	printf("ok mutations: %u accepted, %u rejected\n", accepted, rejected);
	CHECK(rejected > accepted, "mutations mostly accepted (%u of %u)", accepted, accepted + rejected);
}

/*
 * Mesa's svga driver writes a select-1 source operand as a swizzle of four
 * equal components (bits 4-11) in select-1 mode; only bits 4-5 select.
 * Such a shader must be accepted and translate to the same DXBC as the
 * one with bits 6-11 clear.
 */
static void test_mesa_select1(void)
{
	unsigned tried = 0;

	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct svga_sh_error err = { 0 };
		struct svga_sh_program *p = NULL;
		void *want = NULL, *got = NULL;
		size_t size, want_size = 0, got_size = 0;
		struct asm_buf b;
		uint32_t off = 0;
		int r;

		size = shader_streams[i].build(&b);
		if (svga_sh_parse(b.t, size, vgpu10_type(shader_streams[i].stage), &p, &err))
			continue;
		for (uint32_t k = 0; k < p->nops && !off; k++)
			if (p->ops[k].ncomp == VGPU10_NCOMP_4 && p->ops[k].selmode == VGPU10_SEL_SELECT1)
				off = p->ops[k].offset;
		svga_sh_program_free(p);
		if (!off)
			continue;
		tried++;
		/* select .w (.x would leave bits 6-11 clear in Mesa's form) */
		b.t[off] |= 3u << 4;
		r = svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &want, &want_size, &err);
		CHECK(r == 0, "%s: translate: %s", shader_streams[i].name, err.msg);
		b.t[off] |= 3u << 6 | 3u << 8 | 3u << 10;   /* Mesa's wwww */
		r = svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &got, &got_size, &err);
		CHECK(r == 0, "%s: Mesa's select-1 form rejected: %s", shader_streams[i].name, err.msg);
		CHECK(r != 0 || (got_size == want_size && !memcmp(got, want, want_size)),
		      "%s: Mesa's select-1 form translates differently", shader_streams[i].name);
		free(want);
		free(got);
	}
	CHECK(tried > 0, "no stream has a select-1 operand");
	printf("ok Mesa's select-1 operands accepted and normalised (%u streams)\n", tried);
}

/*
 * Mesa's svga driver declares a geometry shader's primitive ID input
 * (vPrim, a 0-component operand) with mask mode and the mask xyzw
 * (emit_gs_input_declarations), bits a 0-component operand has no use
 * for.  Such a shader must be accepted and translate to the same DXBC as
 * the declaration without those bits.
 */
static void test_mesa_zero_component_mask(void)
{
	unsigned tried = 0;

	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct svga_sh_error err = { 0 };
		void *want = NULL, *got = NULL;
		size_t size, want_size = 0, got_size = 0;
		struct asm_buf b;
		unsigned dcl;
		int r;

		size = shader_streams[i].build(&b);
		for (unsigned nth = 0; (dcl = find_op(&b, 95, nth)); nth++)
			if (((b.t[dcl + 1] >> 12) & 0xff) == T_PRIMID)
				break;
		if (!dcl)
			continue;
		tried++;
		r = svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &want, &want_size, &err);
		CHECK(r == 0, "%s: translate: %s", shader_streams[i].name, err.msg);
		b.t[dcl + 1] |= 0xfu << 4;   /* Mesa's mask mode, .xyzw */
		r = svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &got, &got_size, &err);
		CHECK(r == 0, "%s: Mesa's vPrim declaration rejected: %s", shader_streams[i].name, err.msg);
		CHECK(r != 0 || (got_size == want_size && !memcmp(got, want, want_size)),
		      "%s: Mesa's vPrim declaration translates differently", shader_streams[i].name);
		free(want);
		free(got);
	}
	CHECK(tried > 0, "no stream declares vPrim");
	printf("ok Mesa's 0-component declarations with a mask accepted and normalised (%u streams)\n", tried);
}

int main(void)
{
	test_valid();
	test_mesa_select1();
	test_mesa_zero_component_mask();
	test_malformed();
	test_no_crash();
	printf("%s: %d failure(s)\n", __FILE__, failures);
	return failures ? 1 : 0;
}
