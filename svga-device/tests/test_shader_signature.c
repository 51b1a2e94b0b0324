// SPDX-License-Identifier: MIT
/*
 * The DXBC containers the translator builds, read back byte by byte:
 * container header and chunk table, ISGN/OSGN elements (names, semantic
 * index, system value, component type from the key, register, masks),
 * and the code chunk (rewrites applied, Mesa's appended signature gone,
 * vertex-shader samples made explicit-LOD).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shader_opcode_streams.h"
#include "shader_streams.h"
#include "svga_shader_opcodes.h"
#include "svga_shader.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

static uint32_t rd(const uint8_t *b, size_t off)
{
	uint32_t v;

	memcpy(&v, b + off, 4);
	return v;
}

struct chunk { const uint8_t *data; uint32_t size; };

/* Checks the container layout; returns the chunk with this fourcc. */
static struct chunk find_chunk(const uint8_t *dxbc, size_t size, const char *fourcc)
{
	struct chunk c = { NULL, 0 };
	uint32_t count;

	CHECK(size >= 32 && !memcmp(dxbc, "DXBC", 4), "no DXBC magic");
	CHECK(rd(dxbc, 20) == 1, "container version %u", rd(dxbc, 20));
	CHECK(rd(dxbc, 24) == size, "container size %u != %zu", rd(dxbc, 24), size);
	count = rd(dxbc, 28);
	CHECK(count == 3, "%u chunks", count);
	for (uint32_t i = 0; i < count && 32 + 4 * i + 4 <= size; i++) {
		uint32_t off = rd(dxbc, 32 + 4 * i);

		CHECK(off + 8 <= size && off + 8 + rd(dxbc, off + 4) <= size, "chunk %u outside", i);
		if (off + 8 <= size && !memcmp(dxbc + off, fourcc, 4)) {
			c.data = dxbc + off + 8;
			c.size = rd(dxbc, off + 4);
		}
	}
	CHECK(c.data, "no %s chunk", fourcc);
	return c;
}

struct want {
	const char *name;
	uint32_t index, sysval, type, reg, mask;
};

/* The mask dword: the declared mask, then for an input the components
 * read (all declared), for an output the components never written (DXBC
 * stores that byte inverted for outputs; none: vkd3d stores 0.0 in what
 * is marked never written, which lost every clip distance). */
static void check_signature(const char *what, struct chunk c, const struct want *w, unsigned n,
			    bool output)
{
	size_t names = 0;

	if (!c.data)
		return;
	CHECK(rd(c.data, 0) == n, "%s: %u elements, want %u", what, rd(c.data, 0), n);
	CHECK(rd(c.data, 4) == 8, "%s: element offset %u", what, rd(c.data, 4));
	for (unsigned i = 0; i < n; i++)
		names += strlen(w[i].name) + 1;
	CHECK(c.size == 8 + 24 * n + ((names + 3) & ~(size_t)3), "%s: chunk size %u", what, c.size);
	for (unsigned i = 0; i < n && rd(c.data, 0) == n; i++) {
		const uint8_t *e = c.data + 8 + 24 * i;
		uint32_t name_off = rd(e, 0);
		uint32_t masks = w[i].mask | (output ? 0 : w[i].mask << 8);

		CHECK(name_off < c.size && !strncmp((const char *)c.data + name_off, w[i].name, c.size - name_off),
		      "%s[%u]: name", what, i);
		CHECK(rd(e, 4) == w[i].index, "%s[%u] %s: semantic index %u want %u", what, i, w[i].name, rd(e, 4), w[i].index);
		CHECK(rd(e, 8) == w[i].sysval, "%s[%u] %s: system value %u want %u", what, i, w[i].name, rd(e, 8), w[i].sysval);
		CHECK(rd(e, 12) == w[i].type, "%s[%u] %s: component type %u want %u", what, i, w[i].name, rd(e, 12), w[i].type);
		CHECK(rd(e, 16) == w[i].reg, "%s[%u] %s: register %u want %u", what, i, w[i].name, rd(e, 16), w[i].reg);
		CHECK(rd(e, 20) == masks, "%s[%u] %s: masks 0x%x want 0x%x", what, i, w[i].name, rd(e, 20),
		      masks);
	}
}

static uint8_t *translate(const char *name, const struct svga_shader_key *key, size_t *size,
			  struct asm_buf *b, size_t *token_bytes)
{
	struct svga_sh_error err = { 0 };
	void *dxbc = NULL;

	for (unsigned i = 0; i < shader_stream_count; i++) {
		if (strcmp(shader_streams[i].name, name))
			continue;
		*token_bytes = shader_streams[i].build(b);
		if (svga_shader_translate(shader_streams[i].stage, b->t, *token_bytes, key, &dxbc, size, &err)) {
			CHECK(0, "%s: %s", name, err.msg);
			return NULL;
		}
		return dxbc;
	}
	CHECK(0, "no stream %s", name);
	return NULL;
}

enum { U = 1, S = 2, F = 3 };

static void test_vs(void)
{
	struct svga_shader_key key;
	struct asm_buf b;
	size_t size, tb;
	uint8_t *d;
	static const struct want in[] = {
		{ "TEXCOORD", 0, 0, F, 0, 0xf },
		{ "TEXCOORD", 1, 0, U, 1, 0xf },       /* the key says uint */
		{ "SV_VertexID", 0, 6, U, 2, 0x1 },    /* .xyzw narrowed to .x */
	};
	static const struct want out[] = {
		{ "SV_Position", 0, 1, F, 0, 0xf },
		{ "TEXCOORD", 1, 0, F, 1, 0xf },
		{ "TEXCOORD", 2, 0, F, 2, 0x1 },
	};

	svga_shader_key_init(&key);
	key.vs_input_class[1] = SVGA_SHADER_CLASS_UINT;
	d = translate("vs_passthrough", &key, &size, &b, &tb);
	if (!d)
		return;
	check_signature("vs ISGN", find_chunk(d, size, "ISGN"), in, 3, false);
	check_signature("vs OSGN", find_chunk(d, size, "OSGN"), out, 3, true);
	{
		struct chunk code = find_chunk(d, size, "SHDR");
		CHECK(code.size == tb, "SHDR %u bytes, tokens %zu", code.size, tb);
		CHECK(code.data && rd(code.data, 0) == b.t[0] && rd(code.data, 4) == b.t[1], "version/length");
	}
	free(d);
}

static void test_ps(void)
{
	struct svga_shader_key key;
	struct asm_buf b;
	size_t size, tb;
	uint8_t *d;
	static const struct want in[] = {
		{ "SV_Position", 0, 1, F, 0, 0xf },
		{ "TEXCOORD", 1, 0, F, 1, 0x3 },
		{ "SV_IsFrontFace", 0, 9, U, 2, 0x1 },
	};
	static const struct want out[] = { { "SV_Target", 0, 0, S, 0, 0xf } };

	svga_shader_key_init(&key);
	key.ps_output_class[0] = SVGA_SHADER_CLASS_SINT;
	key.vs_input_class[1] = SVGA_SHADER_CLASS_UINT;    /* ignored by a pixel shader */
	d = translate("ps_icb", &key, &size, &b, &tb);
	if (!d)
		return;
	check_signature("ps ISGN", find_chunk(d, size, "ISGN"), in, 3, false);
	check_signature("ps OSGN", find_chunk(d, size, "OSGN"), out, 1, true);
	free(d);
}

static void test_gs(void)
{
	struct asm_buf b;
	size_t size, tb;
	uint8_t *d = translate("gs_primid", NULL, &size, &b, &tb);
	static const struct want in[] = { { "TEXCOORD", 0, 0, F, 0, 0xf } };  /* vPrim is no element */
	static const struct want out[] = {
		{ "SV_Position", 0, 1, F, 0, 0xf },
		{ "SV_PrimitiveID", 0, 7, U, 1, 0x1 },
	};
	struct chunk code;
	int found = 0;

	if (!d)
		return;
	check_signature("gs ISGN", find_chunk(d, size, "ISGN"), in, 1, false);
	check_signature("gs OSGN", find_chunk(d, size, "OSGN"), out, 2, true);
	code = find_chunk(d, size, "SHDR");
	/* dcl_output_sgv o1.xyzw, primitive_id -> dcl_output_siv o1.x */
	for (uint32_t pos = 8; code.data && pos + 16 <= code.size; pos += 4) {
		if ((rd(code.data, pos) & 0x7ff) == 102)
			CHECK(0, "DCL_OUTPUT_SGV left in the code chunk");
		if ((rd(code.data, pos) & 0x7f0007ffu) == (103 | 4u << 24) && rd(code.data, pos + 12) == 7) {
			found = 1;
			CHECK(((rd(code.data, pos + 4) >> 4) & 0xf) == 1, "primitive id mask 0x%x",
			      (rd(code.data, pos + 4) >> 4) & 0xf);
		}
	}
	CHECK(found, "no dcl_output_siv primitive_id in the code chunk");
	free(d);
}

static void test_sm5(void)
{
	struct asm_buf b;
	size_t size, tb;
	uint8_t *d = translate("vs_sm5_signature", NULL, &size, &b, &tb);
	static const struct want in[] = { { "TEXCOORD", 0, 0, F, 0, 0xf } };
	static const struct want out[] = { { "SV_Position", 0, 1, F, 0, 0xf } };
	struct chunk code;

	if (!d)
		return;
	check_signature("sm5 ISGN", find_chunk(d, size, "ISGN"), in, 1, false);
	check_signature("sm5 OSGN", find_chunk(d, size, "OSGN"), out, 1, true);
	code = find_chunk(d, size, "SHEX");
	CHECK(code.size == b.t[1] * 4 && tb > code.size, "SHEX %u bytes: appended signature kept", code.size);
	free(d);
}

/* Outside pixel shaders, sample becomes sample_l with an explicit lod 0. */
static void test_sample_rewrite(void)
{
	const struct svga_sh_opinfo *info = svga_sh_opinfo(69);
	struct svga_sh_error err = { 0 };
	struct asm_buf b;
	size_t size = shader_opcode_stream(&b, 69, info->ndst, info->nsrc), dxbc_size = 0;
	void *dxbc = NULL;
	const uint32_t *w;
	unsigned found = 0;

	CHECK(shader_opcode_stage(69) == 1, "sample stream is not a vertex shader");
	if (svga_shader_translate(SVGA_SHADER_STAGE_VS, b.t, size, NULL, &dxbc, &dxbc_size, &err)) {
		CHECK(0, "sample in a vertex shader: %s", err.msg);
		return;
	}
	w = dxbc;
	for (size_t i = 0; i + 3 < dxbc_size / 4; i++) {
		unsigned len = w[i] >> 24 & 0x7f;

		CHECK((w[i] & 0x800007ffu) != 69 || len != 9, "sample left at dword %zu", i);
		/* sample_l, 11 tokens (sample's 9 + lod), lod operand l(0) last */
		if ((w[i] & 0x800007ffu) == 72 && len == 11 && i + len <= dxbc_size / 4 &&
		    w[i + len - 2] == (1u | 4u << 12) && w[i + len - 1] == 0)
			found++;
	}
	CHECK(found == 1, "no sample_l with lod 0 in the vertex shader (%u)", found);
	if (found == 1)
		printf("ok vertex-shader sample rewritten to sample_l with lod 0\n");
	free(dxbc);
}

static void test_key(void)
{
	struct svga_shader_key key;
	struct svga_sh_error err = { 0 };
	struct asm_buf b;
	void *d = NULL;
	size_t size, tb = shader_streams[0].build(&b);

	svga_shader_key_init(&key);
	key.vs_input_class[3] = 7;
	CHECK(svga_shader_translate(SVGA_SHADER_STAGE_VS, b.t, tb, &key, &d, &size, &err) == -1 &&
	      strstr(err.msg, "class 7"), "bad key class accepted: %s", err.msg);
}

int main(void)
{
	test_vs();
	test_ps();
	test_gs();
	test_sm5();
	test_sample_rewrite();
	test_key();
	printf("%s: %d failure(s)\n", __FILE__, failures);
	return failures ? 1 : 0;
}
