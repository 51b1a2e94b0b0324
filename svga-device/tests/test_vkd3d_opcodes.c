/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VGPU10 opcodes that vkd3d-shader 1.14 lacks and our patch queue adds
 * (svga-device/vkd3d/patches), each checked by what it computes: a cs_5_0
 * token stream per opcode, in a DXBC container, compiled by vkd3d-shader
 * to SPIR-V and run on Vulkan (lavapipe here).  IMAD, which vkd3d has,
 * checks the harness itself.
 */
#include "test_vkd3d_common.h"

#include <limits.h>

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

int main(void)
{
	vc = test_vulkan();
	CHECK(vc != NULL);
	if (!vc)
		return t_report("test_vkd3d_opcodes");
	test_mad("imad", OP_IMAD);
	test_mad("umad", OP_UMAD);
	test_idiv();
	vk_compute_close(vc);
	return t_report("test_vkd3d_opcodes");
}
