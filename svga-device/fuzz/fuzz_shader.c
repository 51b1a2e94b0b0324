// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the shader translator (parse, validate, rewrite,
 * signatures, DXBC) and, when built with vkd3d-shader, its compile to
 * SPIR-V: whatever the validator lets through must not crash or assert
 * inside vkd3d.  Input layout:
 *   byte 0: stage (0 vertex, 1 pixel, 2 geometry; other values mod 3)
 *   byte 1: key: bits 0-1 class of every vertex input / render target,
 *           bits 2-7 which register gets the other classes
 *   rest:   the guest's shader bytes (tokens, optional signature blob)
 */
#define _POSIX_C_SOURCE 200809L  /* setenv */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "svga_shader.h"
#ifdef SVGA_FUZZ_VKD3D
#include "svga_shader_vkd3d.h"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

#define HDR 2              /* stage and key bytes */
#define MAX_INSTR 512

static uint32_t next_rand(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Token offsets of the instructions, walked by their length fields;
 * at[n] is where the last one ends. */
static unsigned instructions(const uint8_t *tok, size_t ntok, uint32_t *at)
{
	size_t pos = 2;
	unsigned n = 0;

	while (pos < ntok && n < MAX_INSTR) {
		uint32_t t = rd32(tok + 4 * pos), len;

		len = (t & 0x7ff) == 53 && pos + 1 < ntok ? rd32(tok + 4 * (pos + 1)) : (t >> 24) & 0x7f;
		if (!len || len > ntok - pos)
			break;
		at[n++] = (uint32_t)pos;
		pos += len;
	}
	at[n] = (uint32_t)pos;
	return n;
}

/*
 * Structure-aware mutations: most byte-level mutants die at the length
 * token or an instruction length; these keep the framing and move whole
 * instructions (delete, duplicate, copy elsewhere), then fix the length
 * token.  Half the time libFuzzer's own mutation runs first.
 */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	static uint32_t at[MAX_INSTR + 1];
	uint32_t r = seed;
	uint8_t *tok = data + HDR;
	size_t ntok;
	unsigned n, a, b, len;

	if (next_rand(&r) & 1 || size < HDR + 8)
		size = LLVMFuzzerMutate(data, size, max_size);
	if (size < HDR + 8)
		return size;
	ntok = (size - HDR) / 4;
	n = instructions(tok, ntok, at);
	if (n && !(next_rand(&r) & 3)) {
		a = next_rand(&r) % n;
		b = next_rand(&r) % (n + 1);
		len = at[a + 1] - at[a];
		switch (next_rand(&r) % 3) {
		case 0:         /* delete instruction a */
			memmove(tok + 4 * at[a], tok + 4 * at[a + 1], size - HDR - 4 * at[a + 1]);
			size -= 4 * len;
			break;
		default:        /* copy instruction a before instruction b (or the end) */
			if (size + 4 * len > max_size || len > 127)
				break;
			{
				uint8_t copy[127 * 4];

				memcpy(copy, tok + 4 * at[a], 4 * len);
				memmove(tok + 4 * at[b] + 4 * len, tok + 4 * at[b], size - HDR - 4 * at[b]);
				memcpy(tok + 4 * at[b], copy, 4 * len);
				size += 4 * len;
			}
			break;
		}
		ntok = (size - HDR) / 4;
	}
	/* Mostly a consistent length token, sometimes not. */
	if (next_rand(&r) % 8) {
		uint32_t l = (uint32_t)ntok;

		memcpy(tok + 4, &l, 4);
	}
	return size;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
#ifdef SVGA_FUZZ_VKD3D
	/* vkd3d prints a FIXME per unknown token: keep the fuzzer's log readable. */
	setenv("VKD3D_SHADER_DEBUG", "none", 1);
#endif
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum svga_shader_stage stages[] = {
		SVGA_SHADER_STAGE_VS, SVGA_SHADER_STAGE_PS, SVGA_SHADER_STAGE_GS,
	};
	struct svga_shader_key key;
	struct svga_sh_error err;
	void *dxbc = NULL, *copy;
	size_t dxbc_size = 0;

	if (size < 2)
		return 0;
	svga_shader_key_init(&key);
	memset(key.vs_input_class, data[1] & 3 ? (data[1] & 3) - 1 : 0, sizeof(key.vs_input_class));
	memset(key.ps_output_class, data[1] & 3 ? (data[1] & 3) - 1 : 0, sizeof(key.ps_output_class));
	key.vs_input_class[(data[1] >> 2) % SVGA_SHADER_KEY_VS_INPUTS] = SVGA_SHADER_CLASS_UINT;
	key.ps_output_class[(data[1] >> 2) % SVGA_SHADER_KEY_PS_OUTPUTS] = SVGA_SHADER_CLASS_SINT;

	/* An exact-size heap copy, so ASan sees any read past the guest's bytes. */
	copy = malloc(size - 2 ? size - 2 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 2, size - 2);
	if (svga_shader_translate(stages[data[0] % 3], copy, size - 2, &key, &dxbc, &dxbc_size, &err) == 0) {
#ifdef SVGA_FUZZ_VKD3D
		void *spirv = NULL;
		size_t spirv_size = 0;

		if (svga_shader_compile_spirv(dxbc, dxbc_size, NULL,
					      VKD3D_SHADER_COMPILE_OPTION_FEATURE_FLOAT64 |
					      VKD3D_SHADER_COMPILE_OPTION_FEATURE_INT64,
					      &spirv, &spirv_size, &err) == 0)
			free(spirv);
#endif
		free(dxbc);
	} else if (!err.msg[0]) {
		abort();    /* every rejection must say why */
	}
	free(copy);
	return 0;
}
