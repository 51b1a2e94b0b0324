// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: guest shaders to render shaders.  VGPU10
 * tokens -> svga_shader_translate (validated, DXBC with signatures from
 * the key) -> vkd3d-shader (SPIR-V, bindings as render/README.md says)
 * -> svga_render_shader_new.  Variants are cached by (stage, bytecode
 * hash, size, key) with a full compare of the bytecode, bounded by
 * max_variants (least recently used evicted); failed translations are
 * cached too, so that a bad shader costs one translation, not one per
 * draw.
 */
#include "backend_int.h"
#include "svga_shader_vkd3d.h"

#include <stdio.h>
#include <stdlib.h>

enum svga_shader_class backend_format_class(uint32_t format)
{
	const struct svga_format_info *f = svga_format_get(format);

	/* the format names follow DXGI: _UINT / _SINT suffixes */
	if (!f || !f->name)
		return SVGA_SHADER_CLASS_FLOAT;
	if (strstr(f->name, "_UINT"))
		return SVGA_SHADER_CLASS_UINT;
	if (strstr(f->name, "_SINT"))
		return SVGA_SHADER_CLASS_SINT;
	return SVGA_SHADER_CLASS_FLOAT;
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* Every register the renderer binds: set = stage, binding by slot. */
#define BACKEND_BINDINGS (SVGA_RENDER_MAX_CBS + SVGA_RENDER_MAX_SAMPLERS + \
			  SVGA_RENDER_MAX_IMAGE_SRVS + \
			  SVGA_RENDER_MAX_BUFFER_SRVS)

static unsigned fill_bindings(struct vkd3d_shader_resource_binding *bd,
			      unsigned set, unsigned num_cbs)
{
	unsigned n = 0;

	/* a shader declaring a slot past num_cbs fails to translate (no
	 * binding): the set layout has none for it */
	for (unsigned i = 0; i < num_cbs; i++)
		bd[n++] = (struct vkd3d_shader_resource_binding){
			.type = VKD3D_SHADER_DESCRIPTOR_TYPE_CBV,
			.register_index = i,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_BUFFER,
			.binding = { set, SVGA_RENDER_BINDING_CB(i), 1 },
		};
	for (unsigned i = 0; i < SVGA_RENDER_MAX_SAMPLERS; i++)
		bd[n++] = (struct vkd3d_shader_resource_binding){
			.type = VKD3D_SHADER_DESCRIPTOR_TYPE_SAMPLER,
			.register_index = i,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			/* vkd3d matches samplers as image bindings */
			.flags = VKD3D_SHADER_BINDING_FLAG_IMAGE,
			.binding = { set, SVGA_RENDER_BINDING_SAMPLER(i), 1 },
		};
	for (unsigned i = 0; i < SVGA_RENDER_MAX_IMAGE_SRVS; i++)
		bd[n++] = (struct vkd3d_shader_resource_binding){
			.type = VKD3D_SHADER_DESCRIPTOR_TYPE_SRV,
			.register_index = i,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_IMAGE,
			.binding = { set, SVGA_RENDER_BINDING_SRV(i), 1 },
		};
	/* t# declared as a Buffer: a uniform texel buffer */
	for (unsigned i = 0; i < SVGA_RENDER_MAX_BUFFER_SRVS; i++)
		bd[n++] = (struct vkd3d_shader_resource_binding){
			.type = VKD3D_SHADER_DESCRIPTOR_TYPE_SRV,
			.register_index = i,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_BUFFER,
			.binding = { set, SVGA_RENDER_BINDING_BUFFER_SRV(i), 1 },
		};
	return n;
}

static unsigned render_stage(uint32_t type)
{
	switch (type) {
	case SVGA3D_SHADERTYPE_VS: return SVGA_RENDER_STAGE_VS;
	case SVGA3D_SHADERTYPE_GS: return SVGA_RENDER_STAGE_GS;
	default: return SVGA_RENDER_STAGE_PS;
	}
}

/* vkd3d's transform feedback info from the key's SO entries: each entry
 * is the translator's added output TEXCOORD<so_reg[i]>, from component 0
 * (svga_shader_streamout.c); holes match no signature element but still
 * advance the offset in their buffer. */
static void fill_xfb(const struct backend_variant *v,
		     struct vkd3d_shader_transform_feedback_element *el,
		     unsigned int *strides,
		     struct vkd3d_shader_transform_feedback_info *xfb)
{
	for (uint32_t i = 0; i < v->key.so_count; i++) {
		const struct svga_shader_key_so *s = &v->key.so[i];
		bool gap = s->reg == SVGA_SHADER_SO_GAP;

		el[i] = (struct vkd3d_shader_transform_feedback_element){
			.stream_index = 0,
			.semantic_name = gap ? "" : "TEXCOORD",
			.semantic_index = gap ? 0 : v->res.so_reg[i],
			.component_index = 0,
			.component_count = (uint8_t)__builtin_popcount(s->mask),
			.output_slot = s->slot,
		};
	}
	for (unsigned i = 0; i < SVGA_SHADER_SO_SLOTS; i++)
		strides[i] = v->key.so_stride[i];
	*xfb = (struct vkd3d_shader_transform_feedback_info){
		.type = VKD3D_SHADER_STRUCTURE_TYPE_TRANSFORM_FEEDBACK_INFO,
		.elements = el,
		.element_count = v->key.so_count,
		.buffer_strides = strides,
		.buffer_stride_count = SVGA_SHADER_SO_SLOTS,
	};
}

/* Translates and compiles v (its error is kept on failure). */
static void make_variant(struct svga_backend *b, struct backend_variant *v)
{
	struct vkd3d_shader_resource_binding bd[BACKEND_BINDINGS];
	struct vkd3d_shader_transform_feedback_element
		xfb_el[SVGA_SHADER_KEY_SO_ENTRIES];
	unsigned int xfb_strides[SVGA_SHADER_SO_SLOTS];
	struct vkd3d_shader_transform_feedback_info xfb;
	struct vkd3d_shader_interface_info iface = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_INTERFACE_INFO,
		.bindings = bd,
	};
	struct vkd3d_shader_parameter1 sample_count = {
		.name = VKD3D_SHADER_PARAMETER_NAME_RASTERIZER_SAMPLE_COUNT,
		.type = VKD3D_SHADER_PARAMETER_TYPE_IMMEDIATE_CONSTANT,
		.data_type = VKD3D_SHADER_PARAMETER_DATA_TYPE_UINT32,
	};
	struct vkd3d_shader_parameter_info params = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_PARAMETER_INFO,
		.parameters = &sample_count,
		.parameter_count = 1,
	};
	struct svga_sh_error err;
	void *dxbc = NULL, *spirv = NULL;
	size_t dxbc_size = 0, spirv_size = 0;
	unsigned stage = render_stage(v->stage);
	struct svga_render_limits lim;

	memset(&err, 0, sizeof(err));
	svga_render_get_limits(b->r, &lim);
	iface.binding_count = fill_bindings(bd, stage, lim.max_constant_buffers);
	if (svga_shader_translate_info(v->stage, v->code, v->size, &v->key,
				       &dxbc, &dxbc_size, &v->res, &err)) {
		snprintf(v->error, sizeof(v->error), "%s", err.msg);
		goto done;
	}
	if (v->key.so_count) {
		fill_xfb(v, xfb_el, xfb_strides, &xfb);
		iface.next = &xfb;
	}
	if (v->key.ps_samples) {
		/* sample_pos's pattern (without it vkd3d assumes 1 sample:
		 * the pixel centre for every sample) */
		sample_count.u.immediate_constant.u.u32 = v->key.ps_samples;
		params.next = iface.next;
		iface.next = &params;
	}
	if (svga_shader_compile_spirv_blend(dxbc, dxbc_size, &iface, 0,
					    v->key.ps_dual_source != 0, &spirv,
					    &spirv_size, &err)) {
		snprintf(v->error, sizeof(v->error), "%s", err.msg);
	} else if (svga_render_shader_new(b->r, stage, spirv, spirv_size,
					  &v->shader)) {
		snprintf(v->error, sizeof(v->error), "%s",
			 svga_render_last_error(b->r));
		v->shader = NULL;
	}
done:
	backend_shader_dump(b, v, dxbc, dxbc_size, spirv, spirv_size,
			    v->error);
	free(dxbc);
	free(spirv);
	if (v->shader)
		b->st.translations++;
	else
		b->st.translation_failures++;
}

static void free_variant(struct svga_backend *b, struct backend_variant *v)
{
	if (v->shader)
		svga_render_shader_free(b->r, v->shader);
	free(v->code);
	free(v);
}

static void evict_oldest(struct svga_backend *b)
{
	struct backend_variant **oldest = NULL;

	for (unsigned i = 0; i < BACKEND_VARIANT_BUCKETS; i++)
		for (struct backend_variant **p = &b->variants[i]; *p;
		     p = &(*p)->next)
			if (!oldest || (*p)->last_use < (*oldest)->last_use)
				oldest = p;
	if (oldest) {
		struct backend_variant *v = *oldest;

		*oldest = v->next;
		free_variant(b, v);
		b->num_variants--;
		b->st.shader_evictions++;
	}
}

int backend_shader_get(struct svga_backend *b,
		       const struct svga_dx_draw_shader *sh,
		       const struct svga_shader_key *key,
		       struct svga_render_shader **out,
		       struct svga_shader_resources *res)
{
	uint64_t hash = fnv1a(sh->code, sh->size) ^ sh->type;
	struct backend_variant **head =
		&b->variants[hash % BACKEND_VARIANT_BUCKETS];
	struct backend_variant *v;

	for (v = *head; v; v = v->next)
		if (v->hash == hash && v->stage == sh->type &&
		    v->size == sh->size &&
		    !memcmp(&v->key, key, sizeof(*key)) &&
		    !memcmp(v->code, sh->code, sh->size))
			break;
	if (v) {
		b->st.shader_cache_hits++;
	} else {
		if (b->num_variants >= b->max_variants)
			evict_oldest(b);
		v = calloc(1, sizeof(*v));
		if (v)
			v->code = malloc(sh->size ? sh->size : 1);
		if (!v || !v->code) {
			free(v);
			svga_guest_error(b->log, "shader %u: out of host "
					 "memory", sh->id);
			return SVGA_ERR;
		}
		memcpy(v->code, sh->code, sh->size);
		v->hash = hash;
		v->stage = sh->type;
		v->size = sh->size;
		v->key = *key;
		svga_phase_push(b->phases, SVGA_PHASE_TRANSLATE);
		make_variant(b, v);
		svga_phase_pop(b->phases);
		v->next = *head;
		*head = v;
		b->num_variants++;
	}
	v->last_use = ++b->use_clock;
	if (!v->shader) {
		svga_guest_error(b->log, "shader %u: %s", sh->id, v->error);
		return SVGA_ERR;
	}
	*out = v->shader;
	*res = v->res;
	return SVGA_OK;
}

void backend_shader_free_all(struct svga_backend *b)
{
	for (unsigned i = 0; i < BACKEND_VARIANT_BUCKETS; i++) {
		while (b->variants[i]) {
			struct backend_variant *v = b->variants[i];

			b->variants[i] = v->next;
			free_variant(b, v);
		}
	}
	b->num_variants = 0;
}
