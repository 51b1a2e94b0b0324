/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga tests: the VGPU10 pixel shaders and the commands of
 * test_backend_texture.c, in the form Mesa's svga driver sends them
 * (shader resource views, sampler states, their bindings).
 */
#ifndef SVGA_TEST_TEXTURE_CMDS_H
#define SVGA_TEST_TEXTURE_CMDS_H

#include "dx_harness.h"
#include "shader_asm.h"

enum { PS_TYPE = 0, VS_TYPE = 1 };

/* vs: o0 = v0 (position), o1 = v1 (texture coordinates) */
static inline size_t build_vs(struct asm_buf *b)
{
	asm_begin(b, VS_TYPE, 4, 0);
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 0);            /* dcl_input v0 */
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 1);            /* dcl_input v1 */
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0);          /* dcl_output_siv */
	asm_dw(b, 1);                                          /* position */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 1);          /* dcl_output o1 */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 1); src(b, T_INPUT, SWZ_XYZW, 1);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: o0 = t0.sample(s0, v1.xy) (dim 3: Texture2D) or v1.xyz (dim 8:
 * Texture2DArray, z = 0: the view's first slice) */
static inline size_t build_ps_sample(struct asm_buf *b, unsigned dim)
{
	asm_begin(b, PS_TYPE, 4, 0);
	asm_op(b, 90, 0); reg0(b, T_SAMPLER, 0);               /* dcl_sampler */
	asm_op(b, 88, dim); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0xf, 1);             /* linear v1 */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);
	asm_op(b, 69, 0); dst(b, T_OUTPUT, 0xf, 0);            /* sample */
	src(b, T_INPUT, O_SWZ(0, 1, 2, 2), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: o0 = t0.SampleCmp(s0, v1.xy, 0.5).xxxx, declared as Mesa does:
 * sampler mode default, the comparison in the sampler state */
static inline size_t build_ps_cmp(struct asm_buf *b)
{
	asm_begin(b, PS_TYPE, 4, 0);
	asm_op(b, 90, 0); reg0(b, T_SAMPLER, 0);
	asm_op(b, 88, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0xf, 1);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);
	asm_op(b, 70, 0); dst(b, T_OUTPUT, 0xf, 0);            /* sample_c */
	src(b, T_INPUT, O_SWZ(0, 1, 1, 1), 1);
	src(b, T_RESOURCE, SWZ_XXXX, 0); reg0(b, T_SAMPLER, 0);
	imm1(b, 0x3f000000u);                                   /* 0.5 */
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* ps: o0 = t0.ld(ftou(v1.x * 4)), t0 a Buffer<float4> */
static inline size_t build_ps_buf(struct asm_buf *b)
{
	asm_begin(b, PS_TYPE, 4, 0);
	asm_op(b, 88, 1); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0xf, 1);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);
	asm_op(b, 104, 0); asm_dw(b, 1);                       /* dcl_temps 1 */
	asm_op(b, 56, 0); dst(b, T_TEMP, 0x1, 0);              /* mul */
	src(b, T_INPUT, SWZ_XXXX, 1); imm1(b, 0x40800000u);    /* 4.0 */
	asm_op(b, 28, 0); dst(b, T_TEMP, 0x1, 0); src(b, T_TEMP, SWZ_XXXX, 0);
	asm_op(b, 45, 0); dst(b, T_OUTPUT, 0xf, 0);            /* ld */
	src(b, T_TEMP, SWZ_XXXX, 0); src(b, T_RESOURCE, SWZ_XYZW, 0);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

static inline void define_view(struct cbuf *c, uint32_t id, uint32_t sid,
			uint32_t fmt, uint32_t dim, uint32_t a, uint32_t b,
			uint32_t cc, uint32_t d)
{
	SVGA3dCmdDXDefineShaderResourceView v;

	memset(&v, 0, sizeof(v));
	v.shaderResourceViewId = id;
	v.sid = sid;
	v.format = fmt;
	v.resourceDimension = dim;
	v.desc.tex.mostDetailedMip = a;
	v.desc.tex.firstArraySlice = b;
	v.desc.tex.mipLevels = cc;
	v.desc.tex.arraySize = d;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADERRESOURCE_VIEW, v);
}

static inline void define_rtv(struct cbuf *c, uint32_t id, uint32_t sid)
{
	dx_define_rtv_2d(c, id, sid, SVGA3D_R8G8B8A8_UNORM);
}

static inline void define_sampler(struct cbuf *c, uint32_t id, uint32_t filter)
{
	/* pass when the reference is below the texel (D3D and Vulkan both
	 * compare ref OP texel) */
	SVGA3dCmdDXDefineSamplerState s;

	memset(&s, 0, sizeof(s));
	s.samplerId = id;
	s.filter = filter;
	s.addressU = s.addressV = s.addressW = SVGA3D_TEX_ADDRESS_CLAMP;
	s.maxAnisotropy = 255;           /* as Mesa sends it */
	s.maxLOD = 1000.0f;
	s.comparisonFunc = SVGA3D_COMPARISON_LESS;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SAMPLER_STATE, s);
}

static inline void set_target(struct cbuf *c, uint32_t rtv, float w, float h)
{
	dx_set_render_target(c, rtv, SVGA3D_INVALID_ID);
	dx_set_single_viewport(c, w, h);
}

/* pixel shader, its view in t0 and its sampler in s0 */
static inline void bind(struct cbuf *c, uint32_t ps, uint32_t srv, uint32_t smp)
{
	SVGA3dCmdDXSetShader sps = { ps, SVGA3D_SHADERTYPE_PS };
	struct {
		SVGA3dCmdDXSetShaderResources h;
		uint32_t id[1];
	} sr = { { 0, SVGA3D_SHADERTYPE_PS }, { srv } };
	struct {
		SVGA3dCmdDXSetSamplers h;
		uint32_t id[1];
	} ss = { { 0, SVGA3D_SHADERTYPE_PS }, { smp } };

	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER_RESOURCES, sr);
	CMD(c, SVGA_3D_CMD_DX_SET_SAMPLERS, ss);
}

#endif
