// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Signature synthesis.  vkd3d-shader takes the SPIR-V location from the
 * register and the SPIR-V type from the component type; names matter only
 * for system values.  So: system values get their SV_ names and fixed
 * types, plain registers "TEXCOORD<register>" with the class the key
 * gives (vertex inputs, pixel outputs) or float (between stages, where
 * both sides must agree and vkd3d bit-casts), pixel outputs "SV_Target".
 */
#include "svga_shader_signature.h"

#include <stdlib.h>
#include <string.h>

struct elem {
	const char *name;
	uint32_t index, sysval, type, reg, mask;
};

static const char *sv_name(unsigned name)
{
	switch (name) {
	case VGPU10_NAME_POSITION: return "SV_Position";
	case VGPU10_NAME_CLIP_DISTANCE: return "SV_ClipDistance";
	case VGPU10_NAME_CULL_DISTANCE: return "SV_CullDistance";
	case VGPU10_NAME_RT_ARRAY_INDEX: return "SV_RenderTargetArrayIndex";
	case VGPU10_NAME_VIEWPORT_ARRAY_INDEX: return "SV_ViewportArrayIndex";
	case VGPU10_NAME_VERTEX_ID: return "SV_VertexID";
	case VGPU10_NAME_PRIMITIVE_ID: return "SV_PrimitiveID";
	case VGPU10_NAME_INSTANCE_ID: return "SV_InstanceID";
	case VGPU10_NAME_IS_FRONT_FACE: return "SV_IsFrontFace";
	case VGPU10_NAME_SAMPLE_INDEX: return "SV_SampleIndex";
	default: return NULL;
	}
}

static uint32_t sv_type(unsigned name)
{
	switch (name) {
	case VGPU10_NAME_POSITION:
	case VGPU10_NAME_CLIP_DISTANCE:
	case VGPU10_NAME_CULL_DISTANCE:
		return SVGA_SIG_TYPE_FLOAT;
	default:
		return SVGA_SIG_TYPE_UINT;
	}
}

static uint32_t class_type(uint8_t cls)
{
	return cls == SVGA_SHADER_CLASS_UINT ? SVGA_SIG_TYPE_UINT :
	       cls == SVGA_SHADER_CLASS_SINT ? SVGA_SIG_TYPE_SINT : SVGA_SIG_TYPE_FLOAT;
}

/* Fills e from one declaration; false when it has no signature element. */
static bool describe(const struct svga_sh_program *p, const struct svga_shader_key *key,
		     const struct svga_sh_ioelem *io, struct elem *e)
{
	memset(e, 0, sizeof(*e));
	e->reg = io->reg;
	e->mask = io->mask;
	switch (io->optype) {
	case VGPU10_OPD_INPUT:
	case VGPU10_OPD_OUTPUT:
		break;
	case VGPU10_OPD_OUTPUT_DEPTH: e->name = "SV_Depth"; goto depth;
	case VGPU10_OPD_OUTPUT_DEPTH_GE: e->name = "SV_DepthGreaterEqual"; goto depth;
	case VGPU10_OPD_OUTPUT_DEPTH_LE: e->name = "SV_DepthLessEqual";
depth:
		e->type = SVGA_SIG_TYPE_FLOAT;
		e->reg = SVGA_SIG_REGISTER_NONE;
		e->mask = 0x1;
		return true;
	case VGPU10_OPD_OUTPUT_COVERAGE_MASK:
		e->name = "SV_Coverage";
		e->type = SVGA_SIG_TYPE_UINT;
		e->reg = SVGA_SIG_REGISTER_NONE;
		e->mask = 0x1;
		return true;
	default:
		return false;  /* vPrim, vCoverage, vGSInstanceID: registers, not elements */
	}
	if (io->name) {
		e->name = sv_name(io->name);
		e->sysval = io->name;
		e->type = sv_type(io->name);
		return e->name != NULL;
	}
	if (io->output && p->type == VGPU10_PS) {
		e->name = "SV_Target";
		e->index = io->reg;
		e->type = class_type(key->ps_output_class[io->reg]);
		return true;
	}
	e->name = "TEXCOORD";
	e->index = io->reg;
	e->type = !io->output && p->type == VGPU10_VS ? class_type(key->vs_input_class[io->reg])
						      : SVGA_SIG_TYPE_FLOAT;
	return true;
}

/*
 * The mask dword's second byte: for an input the components the shader
 * reads, for an output (DXBC stores it inverted there) the components it
 * never writes.  We claim every declared component used and written: 0
 * for an output.  Giving an output its declared mask here, as for an
 * input, told vkd3d-shader that nothing of it was written; vkd3d stores
 * 0.0 in the unwritten components of the outputs it copies at the end of
 * the shader (SV_ClipDistance and SV_CullDistance, which become arrays),
 * so no clip distance ever clipped (issue 13).
 */
static uint32_t second_mask(const struct elem *e, bool output)
{
	return output ? 0 : e->mask;
}

static void put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, 4);
}

int svga_sh_build_signature(const struct svga_sh_program *p, const struct svga_shader_key *key,
			    bool output, void **data, size_t *size, struct svga_sh_error *err)
{
	struct elem el[SVGA_SH_MAX_IOELEMS];
	size_t names = 0, total, name_at;
	uint32_t n = 0;
	uint8_t *b;

	*data = NULL;
	for (uint32_t i = 0; i < p->decls.nio; i++) {
		const struct svga_sh_ioelem *io = &p->decls.io[i];

		if (io->output != output || !describe(p, key, io, &el[n]))
			continue;
		/* Semantic index of system values: their order among equals. */
		if (el[n].sysval) {
			for (uint32_t k = 0; k < n; k++)
				el[n].index += el[k].sysval == el[n].sysval;
		}
		names += strlen(el[n].name) + 1;
		n++;
	}
	total = 8 + (size_t)n * SVGA_SIG_ELEMENT_BYTES + ((names + 3) & ~(size_t)3);
	b = calloc(1, total);
	if (!b)
		return svga_sh_fail(err, 0, "out of memory for a signature");
	put32(b, 0, n);
	put32(b, 4, 8);
	name_at = 8 + (size_t)n * SVGA_SIG_ELEMENT_BYTES;
	for (uint32_t i = 0; i < n; i++) {
		size_t at = 8 + (size_t)i * SVGA_SIG_ELEMENT_BYTES, len = strlen(el[i].name) + 1;

		put32(b, at, (uint32_t)name_at);
		put32(b, at + 4, el[i].index);
		put32(b, at + 8, el[i].sysval);
		put32(b, at + 12, el[i].type);
		put32(b, at + 16, el[i].reg);
		put32(b, at + 20, el[i].mask | second_mask(&el[i], output) << 8);
		memcpy(b + name_at, el[i].name, len);
		name_at += len;
	}
	*data = b;
	*size = total;
	return 0;
}
