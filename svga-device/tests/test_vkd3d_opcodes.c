/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VGPU10 opcodes that vkd3d-shader 1.14 lacks and our patch queue adds
 * (svga-device/vkd3d/patches), each checked by what it computes: a cs_5_0
 * token stream per opcode, in a DXBC container, compiled by vkd3d-shader
 * to SPIR-V and run on Vulkan (lavapipe here).  IMAD, which vkd3d has,
 * checks the harness itself.
 */
#include "test_vkd3d_tok.h"

#include <limits.h>
#include <float.h>
#include <math.h>

static struct vk_compute *vc;

/* r2.x = op(r1.x, r1.y, r1.z) for three-source integer ops. */
static uint32_t mad_opcode;
static void body_mad(struct tok *s)
{
	tok_op(s, mad_opcode);
	tok_dst(s, RT_TEMP, 2, 0x1);
	tok_src(s, RT_TEMP, 1, SWZ_XXXX);
	tok_src(s, RT_TEMP, 1, SWZ_YYYY);
	tok_src(s, RT_TEMP, 1, SWZ_ZZZZ);
	tok_end(s);
}

static const uint32_t mad_cases[][4] = {
	{ 3, 4, 5 },
	{ 0xffffffffu, 2, 1 },              /* wraps: 0x1fffffffe + 1 */
	{ 0x10000u, 0x10000u, 7 },          /* 2^32 + 7 wraps to 7 */
	{ 0x80000000u, 0x80000000u, 0xffffffffu },
	{ 123456789u, 987654321u, 42 },
	{ 0, 0xdeadbeefu, 0xffffffffu },
	{ 0xfffffffbu, 3, 0 },              /* -5 * 3 = -15 as uint */
};
#define N_MAD (sizeof(mad_cases) / sizeof(mad_cases[0]))

static void test_mad(const char *name, uint32_t opcode)
{
	uint32_t out[N_MAD][4];
	unsigned right = 0;
	struct tok s;

	mad_opcode = opcode;
	tok_records_program(&s, body_mad);
	CHECK(test_run_records(vc, &s, mad_cases, out, N_MAD) == 0);
	for (unsigned i = 0; i < N_MAD; i++) {
		uint32_t want = mad_cases[i][0] * mad_cases[i][1] + mad_cases[i][2];

		CHECK(out[i][0] == want);
		CHECK(out[i][1] == SENTINEL);  /* the write mask is honoured */
		if (out[i][0] == want)
			right++;
		else
			fprintf(stderr, "%s %#x * %#x + %#x = %#x, want %#x\n", name, mad_cases[i][0],
				mad_cases[i][1], mad_cases[i][2], out[i][0], want);
	}
	printf("%s: %u of %zu right\n", name, right, N_MAD);
}

/*
 * VMware's IDIV (opcode 107, sub-opcode 0), as Mesa's svga driver emits
 * it for GLSL's signed "/": "idiv dst, null, src0, src1".  Division
 * truncates towards zero (as C's); the rules for what C leaves undefined
 * follow D3D's UDIV, which the same devices implement: a zero divisor
 * gives 0xffffffff, and INT_MIN / -1 wraps to INT_MIN.
 */
static void body_idiv(struct tok *s)
{
	tok_op(s, OP_VMWARE | VMW_IDIV << 11);
	tok_dst(s, RT_TEMP, 2, 0x1);
	tok_null_dst(s);
	tok_src(s, RT_TEMP, 1, SWZ_XXXX);
	tok_src(s, RT_TEMP, 1, SWZ_YYYY);
	tok_end(s);
}

static int32_t idiv_reference(int32_t a, int32_t b)
{
	if (b == 0)
		return -1;
	if (a == INT_MIN && b == -1)
		return INT_MIN;
	return a / b;
}

static void test_idiv(void)
{
	static const int32_t cases[][2] = {
		{ -42, 6 }, { 42, -6 }, { -42, -6 }, { 42, 6 }, { 7, 2 }, { -7, 2 },
		{ 7, -2 }, { -7, -2 }, { 0, 5 }, { 1, 0 }, { -1, 0 }, { 0, 0 },
		{ INT_MIN, -1 }, { INT_MIN, 1 }, { INT_MIN, 2 }, { INT_MIN, INT_MIN },
		{ INT_MAX, -1 }, { INT_MAX, INT_MIN }, { 5, INT_MIN }, { -5, 3 },
	};
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	uint32_t in[N][4] = { { 0 } }, out[N][4];
	unsigned right = 0;
	struct tok s;

	for (unsigned i = 0; i < N; i++) {
		in[i][0] = (uint32_t)cases[i][0];
		in[i][1] = (uint32_t)cases[i][1];
	}
	tok_records_program(&s, body_idiv);
	CHECK(test_run_records(vc, &s, in, out, N) == 0);
	for (unsigned i = 0; i < N; i++) {
		int32_t want = idiv_reference(cases[i][0], cases[i][1]);

		CHECK((int32_t)out[i][0] == want);
		CHECK(out[i][1] == SENTINEL);
		if ((int32_t)out[i][0] == want)
			right++;
		else
			fprintf(stderr, "idiv %d / %d = %d, want %d\n", cases[i][0], cases[i][1],
				(int32_t)out[i][0], want);
	}
	printf("idiv: %u of %d right\n", right, N);
}

/*
 * VMware's DFRC and DRSQ (sub-opcodes 1 and 2, SM5), on the double in
 * r1.xy: r2.xy = fraction (x - floor(x)) or 1 / sqrt(x).
 */
static uint32_t vmware_sub_opcode;
static void body_double_unary(struct tok *s)
{
	tok_op(s, OP_VMWARE | vmware_sub_opcode << 11);
	tok_dst(s, RT_TEMP, 2, 0x3);
	tok_src(s, RT_TEMP, 1, 0x44);  /* .xyxy: the double in x and y */
	tok_end(s);
}

static void test_double_unary(const char *name, uint32_t sub_opcode, const double *in_values,
			      const double *want, unsigned n)
{
	uint32_t in[16][4] = { { 0 } }, out[16][4];
	unsigned right = 0;
	struct tok s;

	for (unsigned i = 0; i < n && i < 16; i++)
		memcpy(in[i], &in_values[i], sizeof(double));
	vmware_sub_opcode = sub_opcode;
	tok_records_program(&s, body_double_unary);
	CHECK(test_run_records(vc, &s, in, out, n) == 0);
	for (unsigned i = 0; i < n && i < 16; i++) {
		double got;

		memcpy(&got, out[i], sizeof(got));
		/* Within a few ulps: the device may round differently. */
		if (fabs(got - want[i]) <= 4 * DBL_EPSILON * fabs(want[i])) {
			right++;
		} else {
			fprintf(stderr, "%s(%.17g) = %.17g, want %.17g\n", name, in_values[i], got, want[i]);
			CHECK(!"double result");
		}
		CHECK(out[i][2] == SENTINEL && out[i][3] == SENTINEL);
	}
	printf("%s: %u of %u right\n", name, right, n);
}

static void test_doubles(void)
{
	/* Values a float cannot hold, so a float path would be caught. */
	static const double frc_in[] = { 2.75, -1.25, 1e10 + 0.5, 0.1, -0.1, 4503599627370495.5, 3.0, -7.0 };
	static const double rsq_in[] = { 4.0, 0.25, 2.0, 1e-300, 1e300, 3.0, 123456789.0 };
	double frc_want[8], rsq_want[7];

	for (unsigned i = 0; i < 8; i++)
		frc_want[i] = frc_in[i] - floor(frc_in[i]);
	for (unsigned i = 0; i < 7; i++)
		rsq_want[i] = 1.0 / sqrt(rsq_in[i]);
	test_double_unary("dfrc", VMW_DFRC, frc_in, frc_want, 8);
	test_double_unary("drsq", VMW_DRSQ, rsq_in, rsq_want, 7);
}

int main(void)
{
	vc = test_vulkan();
	CHECK(vc != NULL);
	if (!vc)
		return t_report("test_vkd3d_opcodes");
	test_mad("imad", OP_IMAD);
	test_mad("umad", OP_UMAD);
	test_idiv();
	test_doubles();
	vk_compute_close(vc);
	return t_report("test_vkd3d_opcodes");
}
