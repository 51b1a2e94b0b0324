// SPDX-License-Identifier: MIT
/*
 * Writes the hand-written test shaders (tests/shader_streams.c) and one
 * minimal stream per instruction opcode (tests/shader_opcode_streams.c)
 * as seeds for fuzz_shader into the directory given: stage byte, key
 * byte, tokens.
 */
#include <stdio.h>

#include "../tests/shader_opcode_streams.h"
#include "../tests/shader_streams.h"
#include "svga_shader_opcodes.h"

static int write_seed(const char *dir, const char *name, unsigned stage, unsigned key,
		      const struct asm_buf *b, size_t size)
{
	unsigned char hdr[2] = { (unsigned char)stage, (unsigned char)key };
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(hdr, 1, 2, f) != 2 || fwrite(b->t, 1, size, f) != size || fclose(f)) {
		fprintf(stderr, "gen_shader_seeds: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	/* fuzz_shader's stage byte (0 vs, 1 ps, 2 gs) by VGPU10 program type */
	static const unsigned fuzz_stage[] = { 1, 0, 2 };

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct asm_buf b;
		size_t size = shader_streams[i].build(&b);

		/* svga_shader_stage: 1 vs, 2 ps, 3 gs */
		if (write_seed(argv[1], shader_streams[i].name, shader_streams[i].stage - 1, i * 5, &b, size))
			return 1;
	}
	for (unsigned k = 0; k < svga_sh_opcode_count(); k++) {
		unsigned op = (unsigned)svga_sh_opcode_at(k);
		const struct svga_sh_opinfo *info = svga_sh_opinfo(op);
		struct asm_buf b;
		char name[96];
		size_t size;

		if (info->flags & (SVGA_SH_OP_DCL | SVGA_SH_OP_BLOCK) ||
		    (info->flags & SVGA_SH_OP_SPECIAL && op != 107))
			continue;
		size = shader_opcode_stream(&b, op, info->ndst, info->nsrc);
		snprintf(name, sizeof(name), "op-%s", info->name);
		if (write_seed(argv[1], name, fuzz_stage[shader_opcode_stage(op)], 0, &b, size))
			return 1;
	}
	return 0;
}
