/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Semantic checks on a parsed program: declaration limits (registers,
 * constant-buffer slots and sizes, samplers, resources, temps, indexable
 * temps, the immediate constant buffer), that every register an
 * instruction uses is declared and in range, relative indices only where
 * the format allows them, operand kinds per position, control-flow
 * nesting and stage-only instructions.  Fills program->decls.
 * Vertex, geometry and pixel shaders only.
 */
#ifndef SVGA_SHADER_VALIDATE_H
#define SVGA_SHADER_VALIDATE_H

#include "svga_shader_error.h"
#include "svga_shader_ir.h"

int svga_sh_validate(struct svga_sh_program *p, struct svga_sh_error *err);

#endif
