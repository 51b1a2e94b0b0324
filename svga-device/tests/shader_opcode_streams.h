/* SPDX-License-Identifier: MIT */
/* Minimal one-instruction streams (see shader_opcode_streams.c). */
#ifndef SHADER_OPCODE_STREAMS_H
#define SHADER_OPCODE_STREAMS_H

#include "shader_asm.h"

/* VGPU10 program type (0 ps, 1 vs, 2 gs) a stream of this opcode uses. */
int shader_opcode_stage(unsigned op);
/* Builds it; ndst/nsrc from the opcode table (VMware's 107: IDIV, 2/2). */
size_t shader_opcode_stream(struct asm_buf *b, unsigned op, unsigned ndst, unsigned nsrc);

#endif
