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
