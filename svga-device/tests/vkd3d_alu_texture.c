/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_vkd3d_alu's texture checks, against a C model of Vulkan's nearest
 * filtering of the textures below: sample_l, sample_d, gather4, resinfo,
 * ld, sample_c_lz and sample_pos in compute records programs
 * (run_texture), and sample, sample_b, sample_c and lod, which need
 * implicit derivatives, in a drawn pixel shader (run_pixel_texture, which
 * relies on run_texture having filled the textures).
 */
#include "vkd3d_alu.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- textures: sampled by vkd3d's SPIR-V, against a C sampler -------------- */

/*
 * An 8x8 RGBA32F texture with 4 levels: level 0's texel (x, y) is
 * (x + 8y, 100 + x, 200 + y, 1000), so each texel's red is its own;
 * level k > 0 is the constant (1000k + 1, 1000k + 2, 1000k + 3, 1000k + 4),
 * so the colour names the level.  A 4x4 one-level depth texture holds
 * (x + 4y) / 16 + 1/32.  Both sampled nearest, clamped to the edge, the
 * depth one with reference <= texel (vk_compute.h).
 */
#define TEX_SIZE 8u
#define TEX_LEVELS 4u
#define DEPTH_SIZE 4u

static float tex_rgba[4 * (64 + 16 + 4 + 1)], tex_depth[DEPTH_SIZE * DEPTH_SIZE];
static const struct vk_compute_texture rgba_texture = { TEX_SIZE, TEX_SIZE, TEX_LEVELS, tex_rgba, 0, 0, 1, { NULL, 0 }, { NULL, 0 } };
static const struct vk_compute_texture depth_texture = { DEPTH_SIZE, DEPTH_SIZE, 1, tex_depth, 1, 0, 1, { NULL, 0 },
								  { NULL, 0 } };

static void tex_texel(unsigned level, unsigned x, unsigned y, float *out)
{
	for (unsigned c = 0; c < 4; c++)
		out[c] = level ? (float)(1000 * level + c + 1) :
			 (float[4]){ (float)(x + 8 * y), (float)(100 + x), (float)(200 + y), 1000 }[c];
}

static void tex_fill(void)
{
	float *t = tex_rgba;

	for (unsigned k = 0; k < TEX_LEVELS; k++)
		for (unsigned y = 0; y < TEX_SIZE >> k; y++)
			for (unsigned x = 0; x < TEX_SIZE >> k; x++, t += 4)
				tex_texel(k, x, y, t);
	for (unsigned i = 0; i < DEPTH_SIZE * DEPTH_SIZE; i++)
		tex_depth[i] = (float)i / 16.0f + 1.0f / 32.0f;
}

static unsigned clampu(float v, unsigned size)
{
	return v < 0 ? 0 : v >= (float)size ? size - 1 : (unsigned)v;
}

/* Nearest filtering of level `level` at (u, v), clamped to the edge. */
static void tex_nearest(unsigned level, float u, float v, uint32_t *out)
{
	unsigned size = TEX_SIZE >> level;
	float texel[4];

	tex_texel(level, clampu(floorf(u * (float)size), size), clampu(floorf(v * (float)size), size), texel);
	for (unsigned c = 0; c < 4; c++)
		out[c] = f2u(texel[c]);
}

/* Vulkan's nearest mip level: ceil(lod + 0.5) - 1, clamped to the chain. */
static unsigned tex_level(float lod)
{
	float level = ceilf(lod + 0.5f) - 1.0f;

	return level <= 0 ? 0 : level >= (float)(TEX_LEVELS - 1) ? TEX_LEVELS - 1 : (unsigned)level;
}

/* sample_l r2, r1.xy (u, v), t0, s0, r1.z (lod) */
static void body_sample_l(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_L, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 1);
}

static void ref_sample_l(const uint32_t *in, uint32_t *out)
{
	tex_nearest(tex_level(u2f(in[2])), u2f(in[0]), u2f(in[1]), out);
}

/* sample_d r2, r1.xy, t0, s0, r3.xy (d/dx), r3.zw (d/dy) */
static void body_sample_d(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_D, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
	src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 3); src(b, T_TEMP, O_SWZ(2, 3, 2, 2), 3);
}

/* lod = log2 of the longer gradient in texels (Vulkan's rho, no approximation
 * needed for the axis-aligned power-of-two gradients of the cases). */
static void ref_sample_d(const uint32_t *in, uint32_t *out)
{
	float dx = hypotf(u2f(in[4]), u2f(in[5])) * TEX_SIZE, dy = hypotf(u2f(in[6]), u2f(in[7])) * TEX_SIZE;

	tex_nearest(tex_level(log2f(dx > dy ? dx : dy)), u2f(in[0]), u2f(in[1]), out);
}

/* gather4 r2, r1.xy, t0, s0: the red of the 2x2 footprint. */
static void body_gather4(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_GATHER4, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
}

/* D3D10.1's order: (i0, j1), (i1, j1), (i1, j0), (i0, j0), each clamped. */
static void ref_gather4(const uint32_t *in, uint32_t *out)
{
	float fx = floorf(u2f(in[0]) * TEX_SIZE - 0.5f), fy = floorf(u2f(in[1]) * TEX_SIZE - 0.5f);
	const unsigned i0 = clampu(fx, TEX_SIZE), i1 = clampu(fx + 1, TEX_SIZE);
	const unsigned j0 = clampu(fy, TEX_SIZE), j1 = clampu(fy + 1, TEX_SIZE);
	const unsigned xs[4] = { i0, i1, i1, i0 }, ys[4] = { j1, j1, j0, j0 };

	for (unsigned c = 0; c < 4; c++) {
		float texel[4];

		tex_texel(0, xs[c], ys[c], texel);
		out[c] = f2u(texel[0]);
	}
}

/* resinfo_uint r2, r1.x (level), t0 (Mesa's form for textureSize/levels) */
static void body_resinfo(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_RESINFO, 2); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, SWZ_XXXX, 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0);
}

/* (width, height, 0, levels) of the level; 2D has no depth or layers. */
static void ref_resinfo(const uint32_t *in, uint32_t *out)
{
	out[0] = TEX_SIZE >> in[0] ? TEX_SIZE >> in[0] : 1;
	out[1] = out[0];
	out[2] = 0;
	out[3] = TEX_LEVELS;
}

/* ld r2, r1.xyzw (x, y, -, level), t0: no sampler, integer texel addresses */
static void body_ld(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_LD, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, SWZ_XYZW, 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0);
}

static void ref_ld(const uint32_t *in, uint32_t *out)
{
	float texel[4];

	tex_texel(in[3], in[0], in[1], texel);
	for (unsigned c = 0; c < 4; c++)
		out[c] = f2u(texel[c]);
}

/* sample_c_lz r2.x, r1.xy, t0, s0, r1.z (reference) on the depth texture */
static void body_sample_c_lz(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_C_LZ, 0); dst(b, T_TEMP, 0x1, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, SWZ_XXXX, 0); reg0(b, T_SAMPLER, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 1);
}

static void ref_sample_c_lz(const uint32_t *in, uint32_t *out)
{
	float d = tex_depth[clampu(floorf(u2f(in[0]) * DEPTH_SIZE), DEPTH_SIZE) +
			    DEPTH_SIZE * clampu(floorf(u2f(in[1]) * DEPTH_SIZE), DEPTH_SIZE)];

	out[0] = f2u(u2f(in[2]) <= d ? 1.0f : 0.0f);
}

/*
 * The form Mesa's svga emitter sends: the identity swizzle on the
 * resource and all four components written; the comparison result is
 * broadcast to each.  vkd3d-shader computes it from this form too, with
 * an "Invalid swizzle" error logged; the device's translator selects .x
 * before vkd3d sees it (svga_shader_rewrite.c, test_shader_vkd3d).
 */
static void body_sample_c_lz_mesa(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_C_LZ, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 1);
	src(b, T_RESOURCE, O_SWZ(0, 1, 2, 3), 0); reg0(b, T_SAMPLER, 0); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 1);
}

static void ref_sample_c_lz_mesa(const uint32_t *in, uint32_t *out)
{
	ref_sample_c_lz(in, out);
	out[1] = out[2] = out[3] = out[0];
}

/* Texel centres (x + 0.5) / 8 of level 0; lods between and beyond levels. */
#define TC(x) (((float)(x) + 0.5f) / (float)TEX_SIZE)
CASES(sample_l_cases, FC(TC(0), TC(0), 0), FC(TC(5), TC(2), 0), FC(TC(7), TC(7), 0.4f),
      FC(TC(3), TC(6), 1), FC(TC(3), TC(6), 1.4f), FC(TC(1), TC(1), 2), FC(TC(1), TC(1), 2.6f),
      FC(TC(4), TC(4), 3), FC(TC(4), TC(4), 7), FC(TC(6), TC(1), -2), FC(-0.5f, 1.5f, 0),
      FC(1.25f, TC(3), 0));
/* u, v, -, -, du/dx, dv/dx, du/dy, dv/dy: 1, 2, 4, 8 texels. */
CASES(sample_d_cases, FC(TC(2), TC(5), 0, 0, 1.0f / 8, 0, 0, 1.0f / 8),
      FC(TC(2), TC(5), 0, 0, 2.0f / 8, 0, 0, 1.0f / 8), FC(TC(2), TC(5), 0, 0, 0, 0, 0, 4.0f / 8),
      FC(TC(7), TC(0), 0, 0, 0, 8.0f / 8, 0, 0), FC(TC(6), TC(3), 0, 0, 0.5f / 8, 0, 0, 0.5f / 8),
      FC(TC(6), TC(3), 0, 0, 32.0f / 8, 0, 0, 0));
/* Between texel centres i and i + 1 (u = (i + 1) / 8), and at the edges. */
CASES(gather4_cases, FC(1.0f / 8, 1.0f / 8), FC(4.0f / 8, 3.0f / 8), FC(7.0f / 8, 2.0f / 8),
      FC(3.0f / 8, 7.0f / 8), FC(0, 0), FC(1, 1), FC(TC(2) + 0.01f, TC(5) + 0.01f));
CASES(resinfo_cases, UC_(0), UC_(1), UC_(2), UC_(3));
/* x, y, -, level: inside each level (D3D's zero for outside is not checked) */
CASES(ld_cases, UC_(0, 0, 0, 0), UC_(7, 0, 0, 0), UC_(3, 5, 9, 0), UC_(7, 7, 0, 0), UC_(1, 2, 0, 1),
      UC_(3, 3, 0, 1), UC_(1, 0, 0, 2), UC_(0, 0, 0, 3));
#define DC(x) (((float)(x) + 0.5f) / (float)DEPTH_SIZE)
/* reference below, at and above the texel's (x + 4y) / 16 + 1/32 */
CASES(sample_c_lz_cases, FC(DC(0), DC(0), 0), FC(DC(0), DC(0), 1.0f / 32), FC(DC(0), DC(0), 0.04f),
      FC(DC(3), DC(1), 7.0f / 16), FC(DC(3), DC(1), 7.0f / 16 + 1.0f / 32), FC(DC(3), DC(1), 0.5f),
      FC(DC(2), DC(3), 0.9f), FC(DC(2), DC(3), 1), FC(DC(1), DC(2), -1), FC(1.5f, DC(3), 0.99f));

/*
 * sample_pos r2.xy, rasterizer.xyzw, r1.x: Mesa's gl_SamplePosition (which
 * writes .xyzw, uses .xy and adds 0.5; vkd3d repeats x, y in z, w).  The
 * rasterizer's sample count is a compile parameter
 * (VKD3D_SHADER_PARAMETER_NAME_RASTERIZER_SAMPLE_COUNT).
 */
static void body_sample_pos(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_SAMPLE_POS, 0); dst(b, T_TEMP, 0x3, 2);
	asm_dw(b, O_4C | SWZ_XYZW | O_TYPE(T_RASTERIZER)); src(b, T_TEMP, SWZ_XXXX, 1);
}

/* D3D's standard sample patterns (in 1/16 pixel); (0, 0) for an index
 * beyond the count. */
static void ref_sample_pos(const uint32_t *in, uint32_t *out)
{
	static const int8_t pattern2[2][2] = { { 4, 4 }, { -4, -4 } };
	static const int8_t pattern4[4][2] = { { -2, -6 }, { 6, -2 }, { -6, 2 }, { 2, 6 } };
	static const int8_t pattern8[8][2] = {
		{ 1, -3 }, { -1, 3 }, { 5, 1 }, { -3, -5 }, { -5, 5 }, { -7, -1 }, { 3, 7 }, { 7, -7 },
	};
	const int8_t (*pattern)[2] = records_sample_count == 2 ? pattern2 : records_sample_count == 4 ?
				     pattern4 : records_sample_count == 8 ? pattern8 : NULL;
	const int8_t *xy = pattern && in[0] < records_sample_count ? pattern[in[0]] : (const int8_t[2]){ 0, 0 };

	out[0] = f2u((float)xy[0] / 16.0f);
	out[1] = f2u((float)xy[1] / 16.0f);
}

CASES(sample_pos_cases, UC_(0), UC_(1), UC_(2), UC_(3), UC_(4), UC_(5), UC_(6), UC_(7), UC_(8), UC_(100));

static unsigned run_sample_pos(void)
{
	static const unsigned ops[] = { OP_SAMPLE_POS, ~0u };
	static const uint32_t counts[] = { 1, 2, 4, 8 };
	const char *names[] = { "sample_pos 1x", "sample_pos 2x", "sample_pos 4x", "sample_pos 8x" };
	unsigned wrong = 0;

	for (unsigned k = 0; k < N(counts); k++) {
		const struct check t = {
			names[k], body_sample_pos, NULL, ref_sample_pos, sample_pos_cases, N(sample_pos_cases),
			0x3, C_EXACT, 0, NULL, ops,
		};

		records_sample_count = counts[k];
		wrong += run_check(&t);
	}
	records_sample_count = 0;
	return wrong;
}

/*
 * ld_ms on a 4-sample RGBA32F texture whose samples a pixel shader drew
 * at sample rate: sample s of texel (x, y) holds (x, y, s, 1).  The fill:
 * vertex_shader's triangle over the texture, ps_4_1 o0 = (itof(ftoi(
 * v0.xy)), utof(SV_SampleIndex), 1).
 */
#define MS_SIZE 8

static bool ms_fill_compile(struct vkd3d_shader_code *vs, struct vkd3d_shader_code *ps)
{
	static const struct sig_elem ps_in[] = {
		{ "SV_Position", 0, SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "SV_SampleIndex", 0, 10 /* D3D_NAME_SAMPLE_INDEX */, CT_UINT, 1, 0x1 },
	};
	static const struct sig_elem ps_out[] = { { "SV_Target", 0, 0, CT_FLOAT, 0, 0xf } };
	struct sig var_sig, in_sig, out_sig;
	struct asm_buf b;
	bool built = vertex_shader_compile(vs, &var_sig);

	sig_build(&in_sig, ps_in, 2);
	sig_build(&out_sig, ps_out, 1);
	asm_begin(&b, 0, 4, 1);
	asm_op(&b, 100, 4); dst(&b, T_INPUT, 0x3, 0); asm_dw(&b, SV_POSITION);
	asm_op(&b, 99, 1); dst(&b, T_INPUT, 0x1, 1); asm_dw(&b, 10);  /* dcl_input_ps_sgv constant */
	asm_op(&b, 101, 0); dst(&b, T_OUTPUT, 0xf, 0);
	asm_op(&b, OP_DCL_TEMPS, 0); asm_dw(&b, 1);
	asm_op(&b, OP_FTOI, 0); dst(&b, T_TEMP, 0x3, 0); src(&b, T_INPUT, O_SWZ(0, 1, 0, 0), 0);
	asm_op(&b, OP_ITOF, 0); dst(&b, T_TEMP, 0x3, 0); src(&b, T_TEMP, O_SWZ(0, 1, 0, 0), 0);
	asm_op(&b, OP_UTOF, 0); dst(&b, T_TEMP, 0x4, 0); src(&b, T_INPUT, SWZ_XXXX, 1);
	asm_op(&b, OP_MOV, 0); dst(&b, T_TEMP, 0x8, 0); imm1(&b, f2u(1.0f));
	asm_op(&b, OP_MOV, 0); dst(&b, T_OUTPUT, 0xf, 0); src(&b, T_TEMP, SWZ_XYZW, 0);
	asm_op(&b, OP_RET, 0);
	asm_finish(&b);
	return compile_stream_sig(&b, &in_sig, &out_sig, 0, ps) >= 0 && built;
}

/* ld_ms r2, r1.xyzw (x, y, -, -), t0, r1.w (the sample) */
static void body_ld_ms(struct asm_buf *b, const void *arg)
{
	(void)arg;
	asm_op(b, OP_LD_MS, 0); dst(b, T_TEMP, 0xf, 2); src(b, T_TEMP, SWZ_XYZW, 1);
	src(b, T_RESOURCE, SWZ_XYZW, 0); src(b, T_TEMP, O_SWZ(3, 3, 3, 3), 1);
}

static void ref_ld_ms(const uint32_t *in, uint32_t *out)
{
	out[0] = f2u((float)in[0]);
	out[1] = f2u((float)in[1]);
	out[2] = f2u((float)in[3]);
	out[3] = f2u(1.0f);
}

CASES(ld_ms_cases, UC_(0, 0, 0, 0), UC_(0, 0, 0, 1), UC_(0, 0, 0, 2), UC_(0, 0, 0, 3),
      UC_(5, 2, 0, 0), UC_(5, 2, 0, 3), UC_(7, 7, 0, 1), UC_(7, 7, 0, 2), UC_(3, 6, 0, 3),
      UC_(6, 1, 0, 2));

static unsigned run_texture_check(const struct check *t, const struct vk_compute_texture *tex);

static unsigned run_ld_ms(void)
{
	static const unsigned ops[] = { OP_LD_MS, ~0u };
	const struct check t = {
		"ld_ms", body_ld_ms, NULL, ref_ld_ms, ld_ms_cases, N(ld_ms_cases), 0xf, C_EXACT, 0, NULL,
		ops,
	};
	struct vkd3d_shader_code vs = { 0 }, ps = { 0 };
	struct vk_compute_texture tex = { MS_SIZE, MS_SIZE, 1, NULL, 0, 0, 4, { NULL, 0 },
					  { NULL, 0 } };
	unsigned wrong = 1;

	if (ms_fill_compile(&vs, &ps)) {
		tex.fill_vs = (struct vk_compute_shader){ vs.code, vs.size };
		tex.fill_fs = (struct vk_compute_shader){ ps.code, ps.size };
		wrong = run_texture_check(&t, &tex);
	} else {
		fprintf(stderr, "ld_ms: the fill shaders did not compile\n");
		t_failures++;
	}
	vkd3d_shader_free_shader_code(&vs);
	vkd3d_shader_free_shader_code(&ps);
	return wrong;
}

/* Runs a check with tex bound to t0/s0. */
static unsigned run_texture_check(const struct check *t, const struct vk_compute_texture *tex)
{
	unsigned wrong;

	records_texture = tex;
	vk_compute_bind_texture(vc, tex);
	wrong = run_check(t);
	vk_compute_bind_texture(vc, NULL);
	records_texture = NULL;
	return wrong;
}

unsigned run_texture(void)
{
	static const unsigned sample_l_ops[] = { OP_SAMPLE_L, ~0u }, sample_d_ops[] = { OP_SAMPLE_D, ~0u };
	static const unsigned gather4_ops[] = { OP_GATHER4, ~0u }, resinfo_ops[] = { OP_RESINFO, ~0u };
	static const unsigned sample_c_lz_ops[] = { OP_SAMPLE_C_LZ, ~0u }, ld_ops[] = { OP_LD, ~0u };
	const struct check rgba[] = {
		{ "sample_l", body_sample_l, NULL, ref_sample_l, sample_l_cases, N(sample_l_cases), 0xf,
		  C_EXACT, 0, NULL, sample_l_ops },
		{ "sample_d", body_sample_d, NULL, ref_sample_d, sample_d_cases, N(sample_d_cases), 0xf,
		  C_EXACT, 0, NULL, sample_d_ops },
		{ "gather4", body_gather4, NULL, ref_gather4, gather4_cases, N(gather4_cases), 0xf,
		  C_EXACT, 0, NULL, gather4_ops },
		{ "resinfo_uint", body_resinfo, NULL, ref_resinfo, resinfo_cases, N(resinfo_cases), 0xf,
		  C_EXACT, 0, NULL, resinfo_ops },
		{ "ld", body_ld, NULL, ref_ld, ld_cases, N(ld_cases), 0xf, C_EXACT, 0, NULL, ld_ops },
	};
	const struct check depth[] = {
		{ "sample_c_lz", body_sample_c_lz, NULL, ref_sample_c_lz, sample_c_lz_cases,
		  N(sample_c_lz_cases), 0x1, C_EXACT, 0, NULL, sample_c_lz_ops },
		{ "sample_c_lz (Mesa's t0.xyzw)", body_sample_c_lz_mesa, NULL, ref_sample_c_lz_mesa,
		  sample_c_lz_cases, N(sample_c_lz_cases), 0xf, C_EXACT, 0, NULL, sample_c_lz_ops },
	};
	unsigned wrong = 0;

	tex_fill();
	for (unsigned k = 0; k < N(rgba); k++)
		wrong += run_texture_check(&rgba[k], &rgba_texture);
	for (unsigned k = 0; k < N(depth); k++)
		wrong += run_texture_check(&depth[k], &depth_texture);
	wrong += run_ld_ms();
	return wrong + run_sample_pos();
}

/* ---- textures with implicit LOD: a drawn pixel shader ----------------------- */

/*
 * ps_5_0 over the 4 x 4 target of vertex_shader: (u, v) = v1.xy * scale +
 * 0.5, so d(u, v)/d(x, y) = 0.5 * scale exactly and the LOD of the 8 x 8
 * texture is log2(4 * scale); then `op r2, r0.xy, t0, s0[, param]` and
 * u0[pixel] = r2 (r2 starts as SENTINEL).
 */
struct ps_tex_case {
	float scale, param;
};

struct ps_tex_check {
	const char *name;
	unsigned opcode;
	const struct vk_compute_texture *tex;
	bool has_param;        /* sample_b's bias, sample_c's reference */
	uint32_t mask;
	enum cmp how;
	double tol;
	void (*ref)(const struct ps_tex_case *c, float u, float v, uint32_t *out);
	const struct ps_tex_case *cases;
	unsigned ncases;
};

static size_t pixel_shader_tex(struct asm_buf *b, const struct ps_tex_check *t, const struct ps_tex_case *c)
{
	asm_begin(b, 0, 5, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, OP_DCL_RESOURCE, 3); reg0(b, T_RESOURCE, 0); asm_dw(b, 0x5555);
	asm_op(b, OP_DCL_SAMPLER, t->tex->depth ? 1 : 0); reg0(b, T_SAMPLER, 0);
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, SV_POSITION);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0x3, 1);
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 3);
	asm_op(b, OP_MAD, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, O_SWZ(0, 1, 0, 0), 1);
	imm4(b, f2u(c->scale), f2u(c->scale), 0, 0); imm4(b, f2u(0.5f), f2u(0.5f), 0, 0);
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xf, 2); imm4(b, SENTINEL, SENTINEL, SENTINEL, SENTINEL);
	asm_op(b, t->opcode, 0); dst(b, T_TEMP, t->mask, 2); src(b, T_TEMP, O_SWZ(0, 1, 0, 0), 0);
	src(b, T_RESOURCE, t->tex->depth ? SWZ_XXXX : SWZ_XYZW, 0); reg0(b, T_SAMPLER, 0);
	if (t->has_param)
		imm1(b, f2u(c->param));
	asm_op(b, OP_FTOU, 0); dst(b, T_TEMP, 0x3, 1); src(b, T_INPUT, SWZ_XYZW, 0);
	return ps_store_pixel(b, 1, 3, 4, 0xf, T_TEMP, SWZ_XYZW, 2);
}

static float ps_tex_lod(const struct ps_tex_case *c)
{
	return log2f(4.0f * c->scale);
}

/* sample: the level of the lod. */
static void ref_ps_sample(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	tex_nearest(tex_level(ps_tex_lod(c)), u, v, out);
}

/* sample_b: the level of lod + bias. */
static void ref_ps_sample_b(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	tex_nearest(tex_level(ps_tex_lod(c) + c->param), u, v, out);
}

/* sample_c: the depth texture (one level) compared with the reference. */
static void ref_ps_sample_c(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	const uint32_t in[3] = { f2u(u), f2u(v), f2u(c->param) };

	ref_sample_c_lz(in, out);
}

/* lod: (clamped to the levels, unclamped). */
static void ref_ps_lod(const struct ps_tex_case *c, float u, float v, uint32_t *out)
{
	float lod = ps_tex_lod(c);

	(void)u;
	(void)v;
	out[0] = f2u(lod < 0 ? 0 : lod > TEX_LEVELS - 1 ? (float)(TEX_LEVELS - 1) : lod);
	out[1] = f2u(lod);
}

static unsigned run_ps_tex_check(const struct ps_tex_check *t)
{
	struct vkd3d_shader_code vs = { 0 };
	struct sig var_sig;
	unsigned right = 0;
	struct asm_buf b;
	char err[256];

	CHECK(vertex_shader_compile(&vs, &var_sig));
	vk_compute_bind_texture(vc, t->tex);
	for (unsigned k = 0; k < t->ncases; k++) {
		const struct ps_tex_case *c = &t->cases[k];
		struct vkd3d_shader_code ps = { 0 };
		uint32_t px[16][4];
		struct vk_compute_buffer buf = { px, sizeof(px) };
		bool ok = true;

		memset(px, 0xdd, sizeof(px));
		pixel_shader_tex(&b, t, c);
		if (compile_stream_sig(&b, &var_sig, NULL, 1, &ps) < 0 || !vs.code) {
			CHECK(!"pixel shader does not compile");
			continue;
		}
		{
			const struct vk_compute_shader vss = { vs.code, vs.size }, pss = { ps.code, ps.size };

			if (vk_compute_draw(vc, &vss, NULL, &pss, &buf, 1, 3, 4, 4, err, sizeof(err))) {
				fprintf(stderr, "%s draw: %s\n", t->name, err);
				ok = false;
			}
		}
		vkd3d_shader_free_shader_code(&ps);
		for (unsigned i = 0; i < 16 && ok; i++) {
			/* v1 = the pixel centre in clip space: (x + 0.5) / 2 - 1. */
			const float u = ((float)(i % 4) * 0.5f - 0.75f) * c->scale + 0.5f;
			const float v = ((float)(i / 4) * 0.5f - 0.75f) * c->scale + 0.5f;
			uint32_t want[4] = { SENTINEL, SENTINEL, SENTINEL, SENTINEL };

			t->ref(c, u, v, want);
			for (unsigned comp = 0; comp < 4; comp++) {
				if (t->mask & 1u << comp ? float_match(px[i][comp], want[comp], t->how, t->tol)
							 : px[i][comp] == SENTINEL)
					continue;
				fprintf(stderr, "%s case %u (scale %g, %g) pixel (%u,%u): .%c = %#x (%g), want %#x (%g)\n",
					t->name, k, c->scale, c->param, i % 4, i / 4, "xyzw"[comp], px[i][comp],
					u2f(px[i][comp]), want[comp], u2f(want[comp]));
				ok = false;
			}
		}
		CHECK(ok);
		right += ok;
	}
	vk_compute_bind_texture(vc, NULL);
	vkd3d_shader_free_shader_code(&vs);
	printf("%-16s %2u of %2u cases right (16 pixels each)\n", t->name, right, t->ncases);
	mark_result(t->opcode, right == t->ncases);
	return t->ncases - right;
}

unsigned run_pixel_texture(void)
{
	/* scale 0.25: LOD 0 (1 texel per pixel), 0.5: 1, 1: 2, 4: 4, 0.125: -1 */
	static const struct ps_tex_case bias_cases[] = {
		{ 0.25f, 0 }, { 0.25f, 1 }, { 0.25f, 2.4f }, { 0.5f, 1 }, { 0.5f, -1 }, { 0.25f, 5 },
		{ 0.125f, 0.6f },
	};
	/* reference against the depth texture's (x + 4y) / 16 + 1/32 */
	static const struct ps_tex_case compare_cases[] = {
		{ 0.25f, 0.3f }, { 0.25f, 0.5f }, { 0.25f, 0.7f }, { 1, 0.45f }, { 0.25f, 5.0f / 16 + 1.0f / 32 },
	};
	static const struct ps_tex_case sample_cases[] = {
		{ 0.25f, 0 }, { 0.5f, 0 }, { 1, 0 }, { 2, 0 }, { 8, 0 }, { 0.125f, 0 },
	};
	static const struct ps_tex_case lod_cases[] = {
		{ 0.25f, 0 }, { 0.5f, 0 }, { 1, 0 }, { 4, 0 }, { 0.125f, 0 },
	};
	/* LOD computations may approximate log2: 1/256 of a level. */
	const struct ps_tex_check checks[] = {
		{ "sample", OP_SAMPLE, &rgba_texture, false, 0xf, C_EXACT, 0, ref_ps_sample,
		  sample_cases, N(sample_cases) },
		{ "sample_b", OP_SAMPLE_B, &rgba_texture, true, 0xf, C_EXACT, 0, ref_ps_sample_b,
		  bias_cases, N(bias_cases) },
		{ "sample_c", OP_SAMPLE_C, &depth_texture, true, 0x1, C_EXACT, 0, ref_ps_sample_c,
		  compare_cases, N(compare_cases) },
		{ "lod", OP_LOD, &rgba_texture, false, 0x3, C_ABS, 1.0 / 256, ref_ps_lod,
		  lod_cases, N(lod_cases) },
	};
	unsigned wrong = 0;

	for (unsigned k = 0; k < N(checks); k++)
		wrong += run_ps_tex_check(&checks[k]);
	return wrong;
}
