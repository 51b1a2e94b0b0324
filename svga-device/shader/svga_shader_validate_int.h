/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared between the validator's files (declarations, code). */
#ifndef SVGA_SHADER_VALIDATE_INT_H
#define SVGA_SHADER_VALIDATE_INT_H

#include "svga_shader_validate.h"

/* Checks one declaration (or CUSTOMDATA) and records it in p->decls. */
int svga_sh_validate_decl(struct svga_sh_program *p, const struct svga_sh_instr *in,
			  struct svga_sh_error *err);

/* Index ranges against the declared registers, once all are recorded. */
int svga_sh_validate_ranges(const struct svga_sh_program *p, struct svga_sh_error *err);

/* Instruction-specific rules (resource dimensions, atomics, sync, doubles). */
int svga_sh_validate_op(const struct svga_sh_program *p, const struct svga_sh_instr *in,
			const char *name, struct svga_sh_error *err);

#endif
