// SPDX-License-Identifier: MIT
/*
 * Writes the hand-written test shaders (tests/shader_streams.c) as seeds
 * for fuzz_shader into the directory given: stage byte, key byte, tokens.
 */
#include <stdio.h>

#include "../tests/shader_streams.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (unsigned i = 0; i < shader_stream_count; i++) {
		struct asm_buf b;
		size_t size = shader_streams[i].build(&b);
		/* stage numbering of fuzz_shader: 0 vs, 1 ps, 2 gs */
		unsigned char hdr[2] = { (unsigned char)(shader_streams[i].stage - 1), (unsigned char)(i * 5) };
		char path[4096];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", argv[1], shader_streams[i].name);
		f = fopen(path, "wb");
		if (!f || fwrite(hdr, 1, 2, f) != 2 || fwrite(b.t, 1, size, f) != size || fclose(f)) {
			fprintf(stderr, "%s: cannot write %s\n", argv[0], path);
			return 1;
		}
	}
	return 0;
}
