/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * svga_dxbc_build against vkd3d-shader's own DXBC parser: containers
 * whose checksummed length takes every value mod 64 (both shapes of the
 * checksum's final block) are accepted with their chunks intact; a
 * flipped byte anywhere after the checksum is rejected as "Invalid DXBC
 * checksum"; a real shader in the container compiles.
 */
#include "test_vkd3d_tok.h"

/* Parses with checksum verification; returns vkd3d's result. */
static int parse(const void *dxbc, size_t size, struct vkd3d_shader_dxbc_desc *desc, char **messages)
{
	const struct vkd3d_shader_code code = { dxbc, size };

	return vkd3d_shader_parse_dxbc(&code, 0, desc, messages);
}

static void test_every_length(void)
{
	uint8_t payload[200];
	unsigned accepted = 0;

	for (unsigned i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i * 13 + 1);
	/* Total = 32 + 8 + 8 + align4(a) + align4(b): sweep b to cover
	 * every residue of (total - 20) mod 64 (steps of 4). */
	for (unsigned extra = 0; extra < 64 + 8; extra++) {
		const struct svga_dxbc_chunk chunks[] = {
			{ SVGA_DXBC_FOURCC('A', 'A', 'A', 'A'), payload, 5 },
			{ SVGA_DXBC_FOURCC('B', 'B', 'B', 'B'), payload + 7, extra },
		};
		struct vkd3d_shader_dxbc_desc desc;
		char *messages = NULL;
		size_t size;
		void *dxbc = svga_dxbc_build(chunks, 2, &size);
		int ret;

		CHECK(dxbc != NULL);
		if (!dxbc)
			continue;
		ret = parse(dxbc, size, &desc, &messages);
		CHECK(ret == VKD3D_OK);
		if (ret == VKD3D_OK) {
			accepted++;
			CHECK(desc.size == size);
			CHECK(desc.section_count == 2);
			CHECK(desc.sections[0].tag == chunks[0].fourcc);
			CHECK(desc.sections[0].data.size == 5);
			CHECK(!memcmp(desc.sections[0].data.code, payload, 5));
			CHECK(desc.sections[1].tag == chunks[1].fourcc);
			CHECK(desc.sections[1].data.size == extra);
			CHECK(!extra || !memcmp(desc.sections[1].data.code, payload + 7, extra));
			vkd3d_shader_free_dxbc(&desc);
		} else {
			fprintf(stderr, "length %zu rejected: %s\n", size, messages ? messages : "");
		}
		vkd3d_shader_free_messages(messages);
		free(dxbc);
	}
	printf("containers of every length mod 64 accepted: %u of %u\n", accepted, 64 + 8);
}

static void test_flipped_bytes(void)
{
	static const uint32_t code[] = { 1, 2, 3, 4, 5, 6, 7 };
	const struct svga_dxbc_chunk chunk = { SVGA_DXBC_FOURCC('S', 'H', 'E', 'X'), code, sizeof(code) };
	unsigned rejected = 0, tried = 0;
	uint8_t *dxbc;
	size_t size;

	dxbc = svga_dxbc_build(&chunk, 1, &size);
	CHECK(dxbc != NULL);
	if (!dxbc)
		return;
	/* Every byte the checksum covers, and one byte of the checksum. */
	for (size_t at = 19; at < size; at++) {
		struct vkd3d_shader_dxbc_desc desc;
		char *messages = NULL;
		int ret;

		dxbc[at] ^= 0x10;
		ret = parse(dxbc, size, &desc, &messages);
		dxbc[at] ^= 0x10;
		tried++;
		if (ret == VKD3D_OK) {
			vkd3d_shader_free_dxbc(&desc);
			fprintf(stderr, "flipped byte %zu accepted\n", at);
		} else if (messages && strstr(messages, "Invalid DXBC checksum")) {
			rejected++;
		} else {
			fprintf(stderr, "flipped byte %zu: unexpected error %s\n", at, messages ? messages : "");
		}
		vkd3d_shader_free_messages(messages);
	}
	CHECK(rejected == tried);
	printf("flipped bytes rejected as invalid checksum: %u of %u\n", rejected, tried);
	free(dxbc);
}

static void test_bad_arguments(void)
{
	const struct svga_dxbc_chunk null_data = { SVGA_DXBC_FOURCC('X', 'X', 'X', 'X'), NULL, 4 };
	const struct svga_dxbc_chunk huge = { SVGA_DXBC_FOURCC('X', 'X', 'X', 'X'), "", (size_t)0xfffffff8u };
	size_t size = 1;

	CHECK(svga_dxbc_build(&null_data, 1, &size) == NULL && size == 0);
	CHECK(svga_dxbc_build(&huge, 1, &size) == NULL && size == 0);
	CHECK(svga_dxbc_build(NULL, 1, &size) == NULL);
}

static void body_mov(struct tok *s)
{
	tok_op(s, OP_MOV);
	tok_dst(s, RT_TEMP, 2, 0xf);
	tok_src(s, RT_TEMP, 1, SWZ_XYZW);
	tok_end(s);
}

/* A container around a real cs_5_0 program compiles to SPIR-V. */
static void test_compiles(void)
{
	struct vkd3d_shader_code spirv;
	struct tok s;
	size_t size;
	void *dxbc;

	tok_records_program(&s, body_mov);
	dxbc = test_dxbc(&s, &size);
	CHECK(dxbc != NULL);
	if (!dxbc)
		return;
	CHECK(test_compile(dxbc, size, 2, &spirv) == VKD3D_OK);
	CHECK(spirv.size > 20 && ((const uint32_t *)spirv.code)[0] == 0x07230203);
	vkd3d_shader_free_shader_code(&spirv);
	free(dxbc);
}

int main(void)
{
	test_every_length();
	test_flipped_bytes();
	test_bad_arguments();
	test_compiles();
	return t_report("test_vkd3d_dxbc");
}
