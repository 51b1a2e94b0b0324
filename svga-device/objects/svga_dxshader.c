// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: DX shaders' bytecode.
 *
 * BIND_SHADER points a shader at a MOB range; the device reads the
 * bytecode then (vmwgfx writes it before binding and never changes it
 * while bound), so later draws need no guest memory access and the shader
 * translator sees one immutable copy.  The copy is bounded by the MOB and
 * by a per-device byte budget.
 */
#include "svga_dxstate.h"

#include <stdlib.h>

void svga_dxshader_unbind(struct svga_objects *om, struct svga_dxshader *sh)
{
	if (sh->code) {
		om->dx_shader_bytes -= sh->e.sizeInBytes;
		free(sh->code);
		sh->code = NULL;
	}
	sh->e.mobid = SVGA3D_INVALID_ID;
	sh->e.offsetInBytes = 0;
}

int svga_dxshader_bind(struct svga_objects *om, struct svga_dxshader *sh,
		       uint32_t mobid, uint32_t offset, const char *cmd)
{
	uint32_t size = sh->e.sizeInBytes;
	struct svga_mob *m;
	uint8_t *code;

	svga_dxshader_unbind(om, sh);
	if (mobid == SVGA3D_INVALID_ID)
		return SVGA_OK;
	m = svga_obj_lookup(om, SVGA_OBJ_MOB, mobid);
	if (!m)
		return SVGA_ERR;
	if (offset > m->size || size > m->size - offset) {
		svga_guest_error(om->log, "%s: shader bytecode [%u, +%u) beyond "
				 "MOB %u (%u bytes)", cmd, offset, size, mobid,
				 m->size);
		return SVGA_ERR;
	}
	if (size > SVGA_DX_SHADER_BYTES_MAX - om->dx_shader_bytes) {
		svga_guest_error(om->log, "%s: DX shader bytecode budget (%u "
				 "bytes) exhausted", cmd,
				 SVGA_DX_SHADER_BYTES_MAX);
		return SVGA_ERR;
	}
	code = malloc(size ? size : 1);
	if (!code) {
		svga_guest_error(om->log, "%s: no host memory for %u bytes of "
				 "bytecode", cmd, size);
		return SVGA_ERR;
	}
	if (svga_mob_read(om, m, offset, code, size)) {
		free(code);
		return SVGA_ERR;
	}
	sh->code = code;
	sh->e.mobid = mobid;
	sh->e.offsetInBytes = offset;
	om->dx_shader_bytes += size;
	return SVGA_OK;
}
