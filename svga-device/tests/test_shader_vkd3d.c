// SPDX-License-Identifier: MIT
/*
 * The whole path on the hand-written streams: translate, then compile the
 * DXBC with vkd3d-shader to SPIR-V.  vkd3d verifies the container's
 * checksum and parses our signatures and code chunk, so a wrong byte
 * anywhere fails here.  The SPIR-V is checked for its header and for the
 * interface variables the signatures must have produced, and by
 * spirv-val (Vulkan 1.0 rules) when it is installed.  Then every
 * instruction opcode the translator accepts, in a minimal stream of its
 * stage (shader_opcode_streams.c), the same way: this needs the vkd3d
 * queue up to 0007 (UMAD, IDIV/DFRC/DRSQ, EVAL_SNAPPED).
 */
#define _POSIX_C_SOURCE 200809L  /* mkstemp, fdopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shader_opcode_streams.h"
#include "shader_streams.h"
#include "svga_shader_opcodes.h"
#include "svga_shader.h"
#include "svga_shader_vkd3d.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

/* What lavapipe offers: doubles and 64-bit integers. */
#define FEATURES (VKD3D_SHADER_COMPILE_OPTION_FEATURE_FLOAT64 | VKD3D_SHADER_COMPILE_OPTION_FEATURE_INT64)
#define SPIRV_MAGIC 0x07230203u
#define OP_ENTRY_POINT 15u
#define OP_VARIABLE 59u
#define STORAGE_INPUT 1u
#define STORAGE_OUTPUT 3u

/* Counts Input and Output variables; checks the module's framing. */
static int count_io(const uint32_t *w, size_t words, unsigned *in, unsigned *out)
{
	*in = *out = 0;
	if (words < 5 || w[0] != SPIRV_MAGIC)
		return -1;
	for (size_t i = 5; i < words;) {
		unsigned len = w[i] >> 16, op = w[i] & 0xffff;

		if (!len || i + len > words)
			return -1;
		if (op == OP_VARIABLE && len >= 4) {
			*in += w[i + 3] == STORAGE_INPUT;
			*out += w[i + 3] == STORAGE_OUTPUT;
		}
		i += len;
	}
	return 0;
}

/* spirv-val (argv[1], when meson found it) on the module. */
static int spirv_val(const char *tool, const char *name, const void *spirv, size_t size)
{
	char path[] = "/tmp/test_shader_vkd3d-XXXXXX", cmd[512];
	int fd = mkstemp(path), r;
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;

	if (!f || fwrite(spirv, 1, size, f) != size || fclose(f)) {
		printf("FAIL %s: cannot write %s\n", name, path);
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "'%s' --target-env vulkan1.0 '%s'", tool, path);
	r = system(cmd);
	unlink(path);
	return r == 0 ? 0 : -1;
}

/* Translates and compiles one stream; 0 when the SPIR-V is valid. */
static int compile_one(const char *name, unsigned stage, const struct asm_buf *b, size_t size,
		       const char *val)
{
	struct svga_sh_error err = { 0 };
	void *dxbc = NULL, *spirv = NULL;
	size_t dxbc_size = 0, spirv_size = 0;
	unsigned in = 0, out = 0;
	int r = -1;

	if (svga_shader_translate(stage, b->t, size, NULL, &dxbc, &dxbc_size, &err)) {
		printf("FAIL %s: translate: %s\n", name, err.msg);
		return -1;
	}
	if (svga_shader_compile_spirv(dxbc, dxbc_size, NULL, FEATURES, &spirv, &spirv_size, &err))
		printf("FAIL %s: %s\n", name, err.msg);
	else if (count_io(spirv, spirv_size / 4, &in, &out))
		printf("FAIL %s: malformed SPIR-V\n", name);
	else if (val && spirv_val(val, name, spirv, spirv_size))
		printf("FAIL %s: spirv-val rejects the module\n", name);
	else
		r = 0;
	free(spirv);
	free(dxbc);
	return r;
}

static void test_opcodes(const char *val)
{
	static const unsigned stage_of_type[] = {
		SVGA_SHADER_STAGE_PS, SVGA_SHADER_STAGE_VS, SVGA_SHADER_STAGE_GS,
	};
	unsigned tried = 0, passed = 0;

	for (unsigned k = 0; k < svga_sh_opcode_count(); k++) {
		unsigned op = (unsigned)svga_sh_opcode_at(k);
		const struct svga_sh_opinfo *info = svga_sh_opinfo(op);
		struct asm_buf b;
		size_t size;
		int r;

		if (info->flags & (SVGA_SH_OP_DCL | SVGA_SH_OP_BLOCK) ||
		    (info->flags & SVGA_SH_OP_SPECIAL && op != 107))
			continue;
		tried++;
		size = shader_opcode_stream(&b, op, info->ndst, info->nsrc);
		r = compile_one(info->name, stage_of_type[shader_opcode_stage(op)], &b, size, val);
		passed += r == 0;
		CHECK(r == 0, "%s (%u) does not compile to valid SPIR-V", info->name, op);
	}
	printf("ok opcodes: %u of %u instruction opcodes compile to SPIR-V%s\n", passed, tried,
	       val ? " that spirv-val accepts" : "");

	/* sync without flags (Mesa release builds): rewritten to a nop */
	{
		const struct svga_sh_opinfo *info = svga_sh_opinfo(190);
		struct asm_buf b;
		size_t size = shader_opcode_stream(&b, 190, info->ndst, info->nsrc);

		for (unsigned pos = 2; pos < b.n; pos += (b.t[pos] >> 24) & 0x7f ? (b.t[pos] >> 24) & 0x7f : 1)
			if ((b.t[pos] & 0x7ff) == 190)
				b.t[pos] &= ~(0x1fffu << 11);
		CHECK(compile_one("sync (no flags)", SVGA_SHADER_STAGE_VS, &b, size, val) == 0,
		      "flagless sync does not compile");
	}
}

/*
 * sample_c and sample_c_lz as Mesa sends them (the identity swizzle on the
 * resource) leave the translator with the resource's .x selected, the
 * form vkd3d-shader takes: the code chunk of the DXBC is searched for the
 * instruction and its resource operand.
 */
static void test_compare_resource_swizzle(void)
{
	static const unsigned ops[] = { 70, 71 };
	static const unsigned stage_of_type[] = {
		SVGA_SHADER_STAGE_PS, SVGA_SHADER_STAGE_VS, SVGA_SHADER_STAGE_GS,
	};

	for (unsigned k = 0; k < 2; k++) {
		const struct svga_sh_opinfo *info = svga_sh_opinfo(ops[k]);
		struct svga_sh_error err = { 0 };
		struct asm_buf b;
		size_t size = shader_opcode_stream(&b, ops[k], info->ndst, info->nsrc), dxbc_size = 0;
		void *dxbc = NULL;
		const uint32_t *w;
		size_t words;
		int found = 0;

		if (svga_shader_translate(stage_of_type[shader_opcode_stage(ops[k])], b.t, size, NULL, &dxbc,
					  &dxbc_size, &err)) {
			CHECK(0, "%s: translate: %s", info->name, err.msg);
			continue;
		}
		w = dxbc;
		words = dxbc_size / 4;
		/* opcode token, then dst (1 + its index), coord, then the resource */
		for (size_t i = 0; i + 8 < words; i++) {
			uint32_t t = w[i];
			size_t res;

			/* outside pixel shaders sample_c becomes sample_c_lz */
			if (((t & 0x7ff) != 70 && (t & 0x7ff) != 71) || ((t >> 24) & 0x7f) < 8 ||
			    ((t >> 24) & 0x7f) > 16)
				continue;
			res = i + 1;
			for (unsigned op = 0; op < 2 && res < words; op++)
				res += 1 + ((w[res] >> 20) & 3);
			if (res >= words || ((w[res] >> 12) & 0xff) != 7 /* resource */)
				continue;
			found++;
			CHECK(((w[res] >> 2) & 3) == 1 && ((w[res] >> 4) & 0xff) == 0,
			      "%s: resource operand 0x%08x is not .xxxx", info->name, w[res]);
		}
		CHECK(found == 1, "%s: %d instructions found in the code chunk", info->name, found);
		free(dxbc);
	}
}

/*
 * Stream output: every vertex and geometry stream, with an SO key on each
 * output register in turn, once a subset (.yz, then a hole: the
 * rewrite's added output) and once the whole .xyzw (captured directly
 * when that is the register's only element), compiled with the transform
 * feedback info the backend builds, and checked by spirv-val.  An entry
 * on a register the stream lacks and SO from a pixel shader fail.
 */
static void test_streamout(const char *val)
{
	static const uint8_t masks[2] = { 0x6, 0xf };
	unsigned compiled = 0, refused = 0;

	for (unsigned i = 0; i < shader_stream_count; i++) {
		unsigned stage = shader_streams[i].stage;
		struct asm_buf b;
		size_t size = shader_streams[i].build(&b);

		for (unsigned reg = 0; reg < 16; reg++) {
			for (unsigned m = 0; m < 2; m++) {
				struct svga_shader_key key;
				struct svga_shader_resources res;
				struct svga_sh_error err = { 0 };
				struct vkd3d_shader_transform_feedback_element el[2];
				unsigned strides[4] = { 4u * (unsigned)__builtin_popcount(masks[m]) + 4 };
				struct vkd3d_shader_transform_feedback_info xfb = {
					.type = VKD3D_SHADER_STRUCTURE_TYPE_TRANSFORM_FEEDBACK_INFO,
					.elements = el, .element_count = 2,
					.buffer_strides = strides, .buffer_stride_count = 4,
				};
				struct vkd3d_shader_interface_info iface = {
					.type = VKD3D_SHADER_STRUCTURE_TYPE_INTERFACE_INFO,
					.next = &xfb,
				};
				void *dxbc = NULL, *spirv = NULL;
				size_t dxbc_size = 0, spirv_size = 0;

				svga_shader_key_init(&key);
				key.so_count = 2;
				key.so[0] = (struct svga_shader_key_so){ (uint8_t)reg, masks[m], 0, 0 };
				key.so[1] = (struct svga_shader_key_so){ SVGA_SHADER_SO_GAP, 1, 0, 0 };
				key.so_stride[0] = strides[0];
				if (svga_shader_translate_info(stage, b.t, size, &key, &dxbc, &dxbc_size,
							       &res, &err)) {
					refused++;
					if (stage == SVGA_SHADER_STAGE_PS)
						CHECK(strstr(err.msg, "pixel shader"),
						      "%s: SO from a PS: %s", shader_streams[i].name, err.msg);
					else
						CHECK(strstr(err.msg, "not declared") ||
						      strstr(err.msg, "relatively") ||
						      strstr(err.msg, "multi-stream"),
						      "%s o%u: %s", shader_streams[i].name, reg, err.msg);
					continue;
				}
				CHECK(stage != SVGA_SHADER_STAGE_PS, "%s: SO from a PS translated",
				      shader_streams[i].name);
				el[0] = (struct vkd3d_shader_transform_feedback_element){
					0, "TEXCOORD", res.so_reg[0], 0,
					(uint8_t)__builtin_popcount(masks[m]), 0 };
				el[1] = (struct vkd3d_shader_transform_feedback_element){ 0, "", 0, 0, 1, 0 };
				if (svga_shader_compile_spirv(dxbc, dxbc_size, &iface, FEATURES, &spirv,
							      &spirv_size, &err))
					CHECK(0, "%s o%u mask %x: %s", shader_streams[i].name, reg, masks[m],
					      err.msg);
				else if (val)
					CHECK(spirv_val(val, shader_streams[i].name, spirv, spirv_size) == 0,
					      "%s o%u mask %x: spirv-val rejects the module",
					      shader_streams[i].name, reg, masks[m]);
				compiled++;
				free(spirv);
				free(dxbc);
			}
		}
	}
	printf("ok stream output: %u keyed variants compiled%s, %u refused\n", compiled,
	       val ? " and accepted by spirv-val" : "", refused);
	CHECK(compiled >= 8, "only %u stream-output variants compiled", compiled);
}

int main(int argc, char **argv)
{
	const char *val = argc > 1 ? argv[1] : NULL;

	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct svga_sh_error err = { 0 };
		struct asm_buf b;
		size_t size = shader_streams[i].build(&b), dxbc_size = 0, spirv_size = 0;
		void *dxbc = NULL, *spirv = NULL;
		unsigned in = 0, out = 0;

		if (svga_shader_translate(shader_streams[i].stage, b.t, size, NULL, &dxbc, &dxbc_size, &err)) {
			CHECK(0, "%s: translate: %s", shader_streams[i].name, err.msg);
			continue;
		}
		if (svga_shader_compile_spirv(dxbc, dxbc_size, NULL, FEATURES, &spirv, &spirv_size, &err)) {
			CHECK(0, "%s: %s", shader_streams[i].name, err.msg);
		} else {
			CHECK(spirv_size % 4 == 0 && count_io(spirv, spirv_size / 4, &in, &out) == 0,
			      "%s: malformed SPIR-V", shader_streams[i].name);
			CHECK(in + out > 0 && out > 0, "%s: %u inputs, %u outputs", shader_streams[i].name, in, out);
			if (val)
				CHECK(spirv_val(val, shader_streams[i].name, spirv, spirv_size) == 0,
				      "%s: spirv-val rejects the module", shader_streams[i].name);
			printf("ok %s: %zu DXBC bytes -> %zu SPIR-V bytes, %u in, %u out\n",
			       shader_streams[i].name, dxbc_size, spirv_size, in, out);
		}
		/* A flipped byte must fail the checksum, not crash. */
		((uint8_t *)dxbc)[dxbc_size - 1] ^= 0x40;
		free(spirv);
		spirv = NULL;
		CHECK(svga_shader_compile_spirv(dxbc, dxbc_size, NULL, FEATURES, &spirv, &spirv_size, &err) == -1,
		      "%s: corrupted container compiled", shader_streams[i].name);
		free(spirv);
		free(dxbc);
	}
	test_opcodes(val);
	test_compare_resource_swizzle();
	test_streamout(val);
	printf("%s: %d failure(s)\n", __FILE__, failures);
	return failures ? 1 : 0;
}
