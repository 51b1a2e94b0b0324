/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The shader translator's public interface: a VGPU10 token stream (as the
 * guest defined it with DX_DEFINE_SHADER) in, a DXBC container vkd3d-shader
 * can compile out, or an error naming the token and the reason.  Plain C,
 * no Vulkan, no vkd3d: svga_shader_vkd3d.h compiles the container.
 */
#ifndef SVGA_SHADER_H
#define SVGA_SHADER_H

#include <stddef.h>
#include <stdint.h>

#include "svga_shader_error.h"

/* Shader stages, numbered as SVGA3dShaderType (svga3d_types.h). */
enum svga_shader_stage {
	SVGA_SHADER_STAGE_VS = 1,
	SVGA_SHADER_STAGE_PS = 2,
	SVGA_SHADER_STAGE_GS = 3,
};

/* Component class of a signature element: what SPIR-V type vkd3d gives it. */
enum svga_shader_class {
	SVGA_SHADER_CLASS_FLOAT = 0,  /* float, unorm, snorm formats */
	SVGA_SHADER_CLASS_UINT = 1,
	SVGA_SHADER_CLASS_SINT = 2,
};

#define SVGA_SHADER_KEY_VS_INPUTS 32
#define SVGA_SHADER_KEY_PS_OUTPUTS 8

/*
 * What a translation depends on besides the tokens: variants of one guest
 * shader are keyed on it (compare with memcmp after svga_shader_key_init).
 * vs_input_class[i]: the class of the input layout element feeding v<i>
 * (vertex shaders); ps_output_class[i]: the class of the render target
 * bound at slot i (pixel shaders).  Unused entries stay FLOAT.
 */
/*
 * Stream output (vertex or geometry shader, whichever is the last stage
 * before the rasterizer): so_count entries of the guest's SO declaration
 * in its order, stream 0.  reg is the output register (SVGA_SHADER_SO_GAP:
 * a hole of popcount(mask) components), mask its contiguous components,
 * slot the buffer.  so_stride[slot] in bytes is not used by the
 * translation but by the SPIR-V compile (vkd3d's transform feedback info),
 * so variants are keyed on it too.
 */
#define SVGA_SHADER_KEY_SO_ENTRIES 64
#define SVGA_SHADER_SO_GAP 0xffu
#define SVGA_SHADER_SO_SLOTS 4
struct svga_shader_key_so {
	uint8_t reg, mask, slot, pad;
};

struct svga_shader_key {
	uint8_t vs_input_class[SVGA_SHADER_KEY_VS_INPUTS];
	uint8_t ps_output_class[SVGA_SHADER_KEY_PS_OUTPUTS];
	uint32_t so_count;                 /* 0: no stream output */
	uint32_t so_stride[SVGA_SHADER_SO_SLOTS];
	struct svga_shader_key_so so[SVGA_SHADER_KEY_SO_ENTRIES];
	/* pixel shaders: the render targets' sample count when above 1
	 * (vkd3d's RASTERIZER_SAMPLE_COUNT, for sample_pos); 0 otherwise.
	 * The translator ignores it; the compile parameter carries it. */
	uint32_t ps_samples;
	/* pixel shaders: 1 when render target 0 blends with a SRC1 factor
	 * (o1 is then the second blend source, not a render target's
	 * output); the translator ignores it, the SPIR-V compile uses it */
	uint32_t ps_dual_source;
};

void svga_shader_key_init(struct svga_shader_key *key);

/*
 * Parses, validates and rewrites `size` bytes of tokens (Mesa's appended
 * signature blob, if any, is checked and dropped), synthesizes ISGN/OSGN
 * from the declarations and `key`, and returns a malloc'ed DXBC container
 * in *dxbc / *dxbc_size.  0 on success; -1 with `err` filled otherwise.
 * A NULL key means all classes FLOAT.
 */
int svga_shader_translate(enum svga_shader_stage stage, const void *tokens, size_t size,
			  const struct svga_shader_key *key, void **dxbc, size_t *dxbc_size,
			  struct svga_sh_error *err);

/*
 * What a shader binds, from its declarations (filled by
 * svga_shader_translate_info): the renderer glue checks the bound views
 * and samplers against it.  resource_dim[t] is the VGPU10 resource
 * dimension of dcl_resource t# + 1 (0: not declared; VGPU10_RESDIM_RAW + 1
 * for dcl_resource_raw); resource_class[t] the class its return type
 * gives the texels (UNORM/SNORM/FLOAT: FLOAT).
 */
#define SVGA_SHADER_MAX_RESOURCES 128
struct svga_shader_resources {
	uint32_t samplers;                         /* bit per dcl_sampler s# */
	uint8_t resource_dim[SVGA_SHADER_MAX_RESOURCES];
	uint8_t resource_class[SVGA_SHADER_MAX_RESOURCES];
	/* stream output: key entry i is written by the added output register
	 * so_reg[i] (signature "TEXCOORD<so_reg[i]>", components from .x);
	 * SVGA_SHADER_SO_GAP for holes */
	uint8_t so_reg[SVGA_SHADER_KEY_SO_ENTRIES];
};

/* VGPU10 resource dimensions (resource_dim - 1), as the token format
 * numbers them. */
enum svga_shader_resdim {
	SVGA_SHADER_RESDIM_BUFFER = 1, SVGA_SHADER_RESDIM_1D = 2,
	SVGA_SHADER_RESDIM_2D = 3, SVGA_SHADER_RESDIM_2DMS = 4,
	SVGA_SHADER_RESDIM_3D = 5, SVGA_SHADER_RESDIM_CUBE = 6,
	SVGA_SHADER_RESDIM_1DARRAY = 7, SVGA_SHADER_RESDIM_2DARRAY = 8,
	SVGA_SHADER_RESDIM_2DMSARRAY = 9, SVGA_SHADER_RESDIM_CUBEARRAY = 10,
	SVGA_SHADER_RESDIM_RAW = 11,
};

/* svga_shader_translate, and (res not NULL) what the shader binds. */
int svga_shader_translate_info(enum svga_shader_stage stage, const void *tokens,
			       size_t size, const struct svga_shader_key *key,
			       void **dxbc, size_t *dxbc_size,
			       struct svga_shader_resources *res,
			       struct svga_sh_error *err);

#endif
