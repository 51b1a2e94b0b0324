/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Rewrites of forms vkd3d-shader does not take well, applied to a
 * validated program, and the emission of the code chunk (SHDR/SHEX
 * payload) from it.
 */
#ifndef SVGA_SHADER_REWRITE_H
#define SVGA_SHADER_REWRITE_H

#include <stddef.h>

#include "svga_shader_error.h"
#include "svga_shader_ir.h"

/*
 * In place, on p->tokens and p->decls (the sample rewrite at emission):
 *  - DCL_OUTPUT_SGV becomes DCL_OUTPUT_SIV (same meaning for the one
 *    output SGV Mesa declares, a geometry shader's primitive id) so that
 *    an unpatched vkd3d takes it too;
 *  - the mask of scalar system values (vertex/instance/primitive id,
 *    front face, sample index, layer, viewport index) is narrowed from
 *    Mesa's .xyzw to .x: vkd3d otherwise emits a 4-component variable
 *    for a scalar built-in, which is invalid SPIR-V;
 *  - outside pixel shaders, the implicit-LOD samples Mesa emits ("our
 *    virtual GPU accepts this as-is", svga_tgsi_vgpu10.c) become explicit
 *    ones, since SPIR-V allows implicit LOD only in fragment shaders:
 *    sample -> sample_l with lod 0, sample_b -> sample_l (lod = bias),
 *    sample_c -> sample_c_lz;
 *  - a sync without flags (Mesa's release builds can send one for a
 *    barrier kind graphics stages lack) becomes a nop.
 * Returns the number of instructions changed, or -1 (err set).
 */
int svga_sh_rewrite(struct svga_sh_program *p, struct svga_sh_error *err);

/*
 * The code chunk: version token, new length token, every instruction
 * except comment/debug/opaque CUSTOMDATA blocks (vkd3d rejects unknown
 * classes; they carry nothing the host needs).  Mesa's appended
 * signature blob is not part of it.  malloc'ed, size in bytes.
 */
int svga_sh_emit_code(const struct svga_sh_program *p, void **data, size_t *size,
		      struct svga_sh_error *err);

#endif
