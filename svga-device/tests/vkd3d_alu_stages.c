/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_vkd3d_alu's checks of the opcodes only a graphics stage has, drawn
 * with vk_compute_draw on a 4 x 4 target: deriv_rtx/rty and discard in a
 * pixel shader (run_pixel), emit and cut in a geometry shader
 * (run_geometry).  Also the vertex shader every draw of the test uses.
 */
#include "vkd3d_alu.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- pixel shader: derivatives and discard --------------------------------- */

/* vs_4_0: a triangle covering the viewport; o1.xy = the clip-space position. */
static size_t vertex_shader(struct asm_buf *b)
{
	asm_begin(b, 1, 4, 0);
	asm_op(b, 96, 0); dst(b, T_INPUT, 0x1, 0); asm_dw(b, SV_VERTEX_ID);   /* dcl_input_sgv */
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0); asm_dw(b, SV_POSITION);  /* dcl_output_siv */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0x3, 1);                          /* dcl_output */
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 2);
	asm_op(b, OP_UDIV, 0); null_dst(b); dst(b, T_TEMP, 0x1, 0);           /* r0.x = id % 3 */
	src(b, T_INPUT, SWZ_XXXX, 0); imm1(b, 3);
	asm_op(b, OP_IEQ, 0); dst(b, T_TEMP, 0x2, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	asm_op(b, OP_IEQ, 0); dst(b, T_TEMP, 0x4, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 2);
	asm_op(b, OP_MOVC, 0); dst(b, T_TEMP, 0x1, 1); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), 0);
	imm1(b, f2u(3.0f)); imm1(b, f2u(-1.0f));
	asm_op(b, OP_MOVC, 0); dst(b, T_TEMP, 0x2, 1); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	imm1(b, f2u(3.0f)); imm1(b, f2u(-1.0f));
	asm_op(b, OP_MOV, 0); dst(b, T_TEMP, 0xc, 1); imm4(b, 0, 0, 0, f2u(1.0f));
	asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0x3, 1); src(b, T_TEMP, SWZ_XYZW, 1);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

bool vertex_shader_compile(struct vkd3d_shader_code *vs, struct sig *varyings)
{
	static const struct sig_elem vs_in[] = { { "SV_VertexID", 0, SV_VERTEX_ID, CT_UINT, 0, 0x1 } };
	static const struct sig_elem vs_out[] = {
		{ "SV_Position", 0, SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "TEXCOORD", 0, 0, CT_FLOAT, 1, 0x3 },
	};
	struct sig in_sig;
	struct asm_buf b;

	sig_build(&in_sig, vs_in, 1);
	sig_build(varyings, vs_out, 2);
	vertex_shader(&b);
	return compile_stream_sig(&b, &in_sig, varyings, 0, vs) >= 0;
}

size_t ps_store_pixel(struct asm_buf *b, unsigned reg, unsigned comp, unsigned shift,
		      uint32_t mask, unsigned type, uint32_t swizzle, unsigned index)
{
	const uint32_t offset = O_SWZ(comp, comp, comp, comp);

	asm_op(b, OP_UMAD, 0); dst(b, T_TEMP, 1u << comp, reg); src(b, T_TEMP, O_SWZ(1, 1, 1, 1), reg);
	imm1(b, 4); src(b, T_TEMP, SWZ_XXXX, reg);
	asm_op(b, OP_ISHL, 0); dst(b, T_TEMP, 1u << comp, reg); src(b, T_TEMP, offset, reg); imm1(b, shift);
	asm_op(b, OP_STORE_RAW, 0); dst(b, T_UAV, mask, 0); src(b, T_TEMP, offset, reg);
	src(b, type, swizzle, index);
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

/*
 * ps_5_0 (for the UAV): r1 = (ddx(v1.x), ddy(v1.y), ddx(v1.y), ddy(v1.x)),
 * then discard_nz (pixel x == 1), then u0[pixel] = r1.  The varying is
 * linear in the pixel position (0.5 per pixel), so every derivative is
 * exact whether coarse or fine.
 */
static size_t pixel_shader(struct asm_buf *b)
{
	static const unsigned deriv[4][2] = {
		{ OP_DERIV_RTX, 0 }, { OP_DERIV_RTY, 1 }, { OP_DERIV_RTX, 1 }, { OP_DERIV_RTY, 0 },
	};

	asm_begin(b, 0, 5, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, SV_POSITION);  /* linear noperspective */
	asm_op(b, 98, 2); dst(b, T_INPUT, 0x3, 1);                           /* dcl_input_ps linear */
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 2);
	for (unsigned c = 0; c < 4; c++) {
		asm_op(b, deriv[c][0], 0);
		dst(b, T_TEMP, 1u << c, 1);
		src(b, T_INPUT, O_SWZ(deriv[c][1], deriv[c][1], deriv[c][1], deriv[c][1]), 1);
	}
	asm_op(b, OP_FTOU, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, OP_IEQ, 0); dst(b, T_TEMP, 0x4, 0); src(b, T_TEMP, SWZ_XXXX, 0); imm1(b, 1);
	asm_op(b, OP_DISCARD, TEST_NZ); src(b, T_TEMP, O_SWZ(2, 2, 2, 2), 0);
	return ps_store_pixel(b, 0, 3, 4, 0xf, T_TEMP, SWZ_XYZW, 1);
}

unsigned run_pixel(void)
{
	struct vkd3d_shader_code vs = { 0 }, ps = { 0 };
	struct sig var_sig;
	float px[16][4];
	struct vk_compute_buffer buf = { px, sizeof(px) };
	unsigned right = 0;
	struct asm_buf b;
	char err[256];
	bool built;

	for (unsigned i = 0; i < 16; i++)
		px[i][0] = px[i][1] = px[i][2] = px[i][3] = -100.0f;
	built = vertex_shader_compile(&vs, &var_sig);
	pixel_shader(&b);
	built = compile_stream_sig(&b, &var_sig, NULL, 1, &ps) >= 0 && built;
	CHECK(built);
	if (built) {
		const struct vk_compute_shader vss = { vs.code, vs.size }, pss = { ps.code, ps.size };

		if (vk_compute_draw(vc, &vss, NULL, &pss, &buf, 1, 3, 4, 4, err, sizeof(err))) {
			fprintf(stderr, "draw: %s\n", err);
			CHECK(!"draw failed");
		}
	}
	for (unsigned i = 0; i < 16; i++) {
		const bool discarded = i % 4 == 1;
		const float want[4] = { discarded ? -100.0f : 0.5f, discarded ? -100.0f : 0.5f,
					discarded ? -100.0f : 0.0f, discarded ? -100.0f : 0.0f };
		/* Exact; a zero derivative may come out as -0. */
		bool ok = !memcmp(px[i], want, sizeof(want)) ||
			  (!discarded && px[i][0] == 0.5f && px[i][1] == 0.5f && px[i][2] == 0 && px[i][3] == 0);

		CHECK(ok);
		right += ok;
		if (!ok)
			fprintf(stderr, "pixel (%u,%u): (%g %g %g %g), want (%g %g %g %g)\n", i % 4, i / 4,
				px[i][0], px[i][1], px[i][2], px[i][3], want[0], want[1], want[2], want[3]);
	}
	printf("%-16s %2u of 16 pixels right\n", "deriv/discard", right);
	if (right == 16) {
		mark_checked(OP_DERIV_RTX);
		mark_checked(OP_DERIV_RTY);
		mark_checked(OP_DISCARD);
	}
	vkd3d_shader_free_shader_code(&vs);
	vkd3d_shader_free_shader_code(&ps);
	return 16 - right;
}

/* ---- geometry shader: emit and cut ---------------------------------------- */

/*
 * gs_4_0: two triangles as a strip cut in two, o1.x = 1 or 2 naming them.
 * Triangle 1 covers pixels (0,0), (1,0), (0,1) of the 4 x 4 target,
 * triangle 2 (3,3), (2,3), (3,2).  Without the cut the six vertices are
 * one strip of four triangles, which also covers the diagonal between.
 */
static const float gs_vertices[6][2] = {
	{ -1, -1 }, { 0.1f, -1 }, { -1, 0.1f }, { 1, 1 }, { -0.1f, 1 }, { 1, -0.1f },
};

static size_t geometry_shader(struct asm_buf *b)
{
	asm_begin(b, 2, 4, 0);
	asm_op(b, 93, 3);                                  /* dcl_inputprimitive triangle */
	asm_op(b, 92, 5);                                  /* dcl_outputtopology trianglestrip */
	asm_op(b, 94, 0); asm_dw(b, 6);                    /* dcl_maxout 6 */
	asm_op(b, 97, 0);                                  /* dcl_input_siv v[3][0] position */
	asm_dw(b, O_4C | O_MASK(0xf) | O_TYPE(T_INPUT) | O_NDIM(2)); asm_dw(b, 3); asm_dw(b, 0);
	asm_dw(b, SV_POSITION);
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0); asm_dw(b, SV_POSITION);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0x1, 1);
	for (unsigned v = 0; v < 6; v++) {
		asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0xf, 0);
		imm4(b, f2u(gs_vertices[v][0]), f2u(gs_vertices[v][1]), 0, f2u(1.0f));
		asm_op(b, OP_MOV, 0); dst(b, T_OUTPUT, 0x1, 1); imm1(b, f2u(v < 3 ? 1.0f : 2.0f));
		asm_op(b, OP_EMIT, 0);
		if (v == 2)
			asm_op(b, OP_CUT, 0);
	}
	asm_op(b, OP_RET, 0);
	return asm_finish(b);
}

/* ps_5_0: u0[pixel] = v1.x (constant-interpolated triangle number). */
static size_t pixel_shader_mark(struct asm_buf *b)
{
	asm_begin(b, 0, 5, 0);
	asm_op(b, OP_DCL_UAV_RAW, 0); reg0(b, T_UAV, 0);
	asm_op(b, 100, 4); dst(b, T_INPUT, 0x3, 0); asm_dw(b, SV_POSITION);
	asm_op(b, 98, 1); dst(b, T_INPUT, 0x1, 1);                          /* constant */
	asm_op(b, OP_DCL_TEMPS, 0); asm_dw(b, 1);
	asm_op(b, OP_FTOU, 0); dst(b, T_TEMP, 0x3, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	return ps_store_pixel(b, 0, 2, 2, 0x1, T_INPUT, SWZ_XXXX, 1);
}

unsigned run_geometry(void)
{
	static const struct sig_elem position[] = { { "SV_Position", 0, SV_POSITION, CT_FLOAT, 0, 0xf } };
	static const struct sig_elem gs_out[] = {
		{ "SV_Position", 0, SV_POSITION, CT_FLOAT, 0, 0xf },
		{ "TEXCOORD", 0, 0, CT_FLOAT, 1, 0x1 },
	};
	struct vkd3d_shader_code vs = { 0 }, gs = { 0 }, ps = { 0 };
	struct sig vs_out_sig, pos_sig, gs_out_sig;
	uint32_t words[16] = { 0 };
	struct vk_compute_buffer buf = { words, sizeof(words) };
	unsigned right = 0;
	struct asm_buf b;
	char err[256];
	bool built;

	sig_build(&pos_sig, position, 1);
	sig_build(&gs_out_sig, gs_out, 2);
	built = vertex_shader_compile(&vs, &vs_out_sig);
	geometry_shader(&b);
	built = compile_stream_sig(&b, &pos_sig, &gs_out_sig, 0, &gs) >= 0 && built;
	pixel_shader_mark(&b);
	built = compile_stream_sig(&b, &gs_out_sig, NULL, 1, &ps) >= 0 && built;
	CHECK(built);
	if (built) {
		const struct vk_compute_shader vss = { vs.code, vs.size }, gss = { gs.code, gs.size },
					       pss = { ps.code, ps.size };

		if (vk_compute_draw(vc, &vss, &gss, &pss, &buf, 1, 3, 4, 4, err, sizeof(err))) {
			fprintf(stderr, "draw: %s\n", err);
			CHECK(!"draw failed");
		}
	}
	for (unsigned i = 0; i < 16; i++) {
		const unsigned x = i % 4, y = i / 4;
		const float want = x + y <= 1 ? 1.0f : x + y >= 5 ? 2.0f : 0.0f;
		const bool ok = words[i] == f2u(want);

		CHECK(ok);
		right += ok;
		if (!ok)
			fprintf(stderr, "pixel (%u,%u): %#x, want %#x (triangle %g)\n", x, y, words[i],
				f2u(want), want);
	}
	printf("%-16s %2u of 16 pixels right\n", "emit/cut", right);
	if (right == 16) {
		mark_checked(OP_EMIT);
		mark_checked(OP_CUT);
	}
	vkd3d_shader_free_shader_code(&vs);
	vkd3d_shader_free_shader_code(&gs);
	vkd3d_shader_free_shader_code(&ps);
	return 16 - right;
}
