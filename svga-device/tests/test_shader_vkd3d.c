// SPDX-License-Identifier: MIT
/*
 * The whole path on the hand-written streams: translate, then compile the
 * DXBC with vkd3d-shader to SPIR-V.  vkd3d verifies the container's
 * checksum and parses our signatures and code chunk, so a wrong byte
 * anywhere fails here.  The SPIR-V is checked for its header and for the
 * interface variables the signatures must have produced, and by
 * spirv-val (Vulkan 1.0 rules) when it is installed.
 */
#define _POSIX_C_SOURCE 200809L  /* mkstemp, fdopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shader_streams.h"
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
	printf("%s: %d failure(s)\n", __FILE__, failures);
	return failures ? 1 : 0;
}
