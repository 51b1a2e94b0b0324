/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Structural parse of a VGPU10 token stream: version and length tokens,
 * every instruction's length, opcode, extended tokens and operands
 * (type, components, indices, immediates), and Mesa's optional signature
 * blob after the tokens.  Never reads outside `data`; on failure returns
 * -1 with err naming the token offset and the reason.
 */
#ifndef SVGA_SHADER_PARSE_H
#define SVGA_SHADER_PARSE_H

#include <stddef.h>

#include "svga_shader_error.h"
#include "svga_shader_ir.h"

int svga_sh_parse(const void *data, size_t size, unsigned expected_type,
		  struct svga_sh_program **out, struct svga_sh_error *err);
void svga_sh_program_free(struct svga_sh_program *p);

#endif
