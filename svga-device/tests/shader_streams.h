/* SPDX-License-Identifier: MIT */
/* Hand-written VGPU10 shaders in Mesa's form (tests, fuzz seeds). */
#ifndef SHADER_STREAMS_H
#define SHADER_STREAMS_H

#include "shader_asm.h"

struct shader_stream {
	const char *name;
	unsigned stage;          /* enum svga_shader_stage */
	size_t (*build)(struct asm_buf *b);
};

extern const struct shader_stream shader_streams[];
extern const unsigned shader_stream_count;

#endif
