/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ISGN and OSGN chunks synthesized from a validated program's input and
 * output declarations.  Layout (each element 24 bytes): element count,
 * offset of the first element (8), then per element: semantic-name
 * offset, semantic index, system value, component type, register, and a
 * dword holding the mask (bits 0..7) and the used mask (bits 8..15);
 * the NUL-terminated names follow, padded to a dword.
 */
#ifndef SVGA_SHADER_SIGNATURE_H
#define SVGA_SHADER_SIGNATURE_H

#include <stddef.h>

#include "svga_shader.h"
#include "svga_shader_ir.h"

/* DXBC signature component types. */
enum {
	SVGA_SIG_TYPE_UINT = 1,
	SVGA_SIG_TYPE_SINT = 2,
	SVGA_SIG_TYPE_FLOAT = 3,
};

#define SVGA_SIG_ELEMENT_BYTES 24u
#define SVGA_SIG_REGISTER_NONE 0xffffffffu  /* oDepth, oMask */

/* Builds one chunk's payload (output=false: ISGN, true: OSGN); malloc'ed. */
int svga_sh_build_signature(const struct svga_sh_program *p, const struct svga_shader_key *key,
			    bool output, void **data, size_t *size, struct svga_sh_error *err);

#endif
