// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: a stage's shader resource views and
 * samplers, as the draw snapshot carries them (DX_SET_SHADER_RESOURCES,
 * DX_SET_SAMPLERS), become the renderer's SRVs and samplers.
 *
 * Only the slots the stage's shader declares are bound (dcl_resource
 * t#, dcl_sampler s#): a view bound to a slot the shader does not read
 * costs nothing and is not checked, as on D3D.  A declared slot with a
 * view is checked against the shader and the surface:
 *   - the view's resourceDimension agrees with the declaration (BUFFER
 *     with Buffer, TEXTURE2D with Texture2D/Texture2DArray, ...); the
 *     declaration chooses the Vulkan view type (VGPU10's views carry no
 *     array flag: Mesa's arraySize and the shader say it);
 *   - the view format's class (float / uint / sint) is the declared
 *     return type's: Vulkan leaves a mismatch undefined;
 *   - the mip and layer ranges name subresources the surface has (counts
 *     past the end are clamped, as D3D's -1 "all"; a first mip or slice
 *     past the end is an error); a buffer view's elements past the end
 *     read zeros (the renderer cuts the range).
 * Each failure is a guest error naming the slot and the reason.  A view
 * whose subresources are also bound as a render target or depth-stencil
 * target of the draw is unbound instead (reads zeros, traced): what
 * D3D's runtime does with such a hazard, and Vulkan leaves sampling what
 * the same draw writes undefined.  (Mesa copies such textures itself.)
 *
 * Samplers are translated (filter bits, address modes, LOD, comparison,
 * border colour, anisotropy: Mesa sends 255, clamped here to D3D's 16 and
 * by the renderer to the device's limit) and cached by the translated
 * state: objects with the same state share one Vulkan sampler, at most
 * BACKEND_MAX_SAMPLERS live (least recently used evicted), all freed at
 * detach.
 */
#include "backend_int.h"

#include <stdio.h>
#include <stdlib.h>

struct backend_sampler {
	struct backend_sampler *next;
	struct svga_render_sampler_desc desc;
	struct svga_render_sampler *sampler;
	uint64_t last_use;
};

static uint64_t hash_bytes(const void *p, size_t n)
{
	const uint8_t *c = p;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static void translate_sampler(const SVGACOTableDXSamplerEntry *e,
			      struct svga_render_sampler_desc *d)
{
	bool aniso = e->filter & SVGA3D_FILTER_ANISOTROPIC;

	memset(d, 0, sizeof(*d));     /* the cache compares the bytes */
	d->min_filter = aniso || (e->filter & SVGA3D_FILTER_MIN_LINEAR);
	d->mag_filter = aniso || (e->filter & SVGA3D_FILTER_MAG_LINEAR);
	d->mip_filter = aniso || (e->filter & SVGA3D_FILTER_MIP_LINEAR);
	/* SVGA3D_TEX_ADDRESS_WRAP.. MIRRORONCE (1..5): the renderer's + 1
	 * (the command layer refused anything else) */
	d->address_u = (uint8_t)(e->addressU - 1);
	d->address_v = (uint8_t)(e->addressV - 1);
	d->address_w = (uint8_t)(e->addressW - 1);
	if (e->filter & SVGA3D_FILTER_COMPARE) {
		d->compare_enable = 1;
		d->compare_op = (uint8_t)(e->comparisonFunc - 1);
	}
	/* anisotropy only with the anisotropic filter (D3D10: at most 16) */
	if (aniso)
		d->max_anisotropy = e->maxAnisotropy < 1 ? 1 :
				    e->maxAnisotropy > 16 ? 16 :
				    e->maxAnisotropy;
	d->mip_lod_bias = e->mipLODBias;
	d->min_lod = e->minLOD;
	d->max_lod = e->maxLOD;
	memcpy(d->border_color, e->borderColor.value, sizeof(d->border_color));
}

static void evict_oldest_sampler(struct svga_backend *b)
{
	struct backend_sampler **oldest = NULL;

	for (unsigned i = 0; i < BACKEND_SAMPLER_BUCKETS; i++)
		for (struct backend_sampler **p = &b->samplers[i]; *p;
		     p = &(*p)->next)
			if (!oldest || (*p)->last_use < (*oldest)->last_use)
				oldest = p;
	if (oldest) {
		struct backend_sampler *s = *oldest;

		*oldest = s->next;
		svga_render_sampler_free(b->r, s->sampler);
		free(s);
		b->num_samplers--;
		b->st.samplers--;
	}
}

static int sampler_get(struct svga_backend *b, uint32_t id,
		       const SVGACOTableDXSamplerEntry *e,
		       struct svga_render_sampler **out)
{
	struct svga_render_sampler_desc d;
	struct backend_sampler **head, *s;

	translate_sampler(e, &d);
	head = &b->samplers[hash_bytes(&d, sizeof(d)) %
			    BACKEND_SAMPLER_BUCKETS];
	for (s = *head; s; s = s->next)
		if (!memcmp(&s->desc, &d, sizeof(d)))
			break;
	if (!s) {
		if (b->num_samplers >= BACKEND_MAX_SAMPLERS)
			evict_oldest_sampler(b);
		s = calloc(1, sizeof(*s));
		if (!s) {
			svga_guest_error(b->log, "sampler %u: out of host "
					 "memory", id);
			return SVGA_ERR;
		}
		if (svga_render_sampler_new(b->r, &d, &s->sampler)) {
			svga_guest_error(b->log, "sampler %u: %s", id,
					 svga_render_last_error(b->r));
			free(s);
			return SVGA_ERR;
		}
		s->desc = d;
		s->next = *head;
		*head = s;
		b->num_samplers++;
		b->st.samplers++;
	}
	s->last_use = ++b->sampler_clock;
	*out = s->sampler;
	return SVGA_OK;
}

void backend_sampler_free_all(struct svga_backend *b)
{
	for (unsigned i = 0; i < BACKEND_SAMPLER_BUCKETS; i++) {
		while (b->samplers[i]) {
			struct backend_sampler *s = b->samplers[i];

			b->samplers[i] = s->next;
			svga_render_sampler_free(b->r, s->sampler);
			free(s);
		}
	}
	b->num_samplers = 0;
	b->st.samplers = 0;
}

/* The SVGA3dResourceType a declared dimension takes, and the renderer's
 * view type for it (-1: not rendered). */
static int view_for_dim(uint32_t dim, uint32_t *resource, uint32_t *type)
{
	switch (dim) {
	case SVGA_SHADER_RESDIM_1D:
		*resource = SVGA3D_RESOURCE_TEXTURE1D;
		*type = SVGA_RENDER_VIEW_1D;
		return 0;
	case SVGA_SHADER_RESDIM_1DARRAY:
		*resource = SVGA3D_RESOURCE_TEXTURE1D;
		*type = SVGA_RENDER_VIEW_1D_ARRAY;
		return 0;
	case SVGA_SHADER_RESDIM_2D:
		*resource = SVGA3D_RESOURCE_TEXTURE2D;
		*type = SVGA_RENDER_VIEW_2D;
		return 0;
	case SVGA_SHADER_RESDIM_2DARRAY:
		*resource = SVGA3D_RESOURCE_TEXTURE2D;
		*type = SVGA_RENDER_VIEW_2D_ARRAY;
		return 0;
	/* multisampled: views of 2D images of 4 samples (ld_ms) */
	case SVGA_SHADER_RESDIM_2DMS:
		*resource = SVGA3D_RESOURCE_TEXTURE2D;
		*type = SVGA_RENDER_VIEW_2D;
		return 0;
	case SVGA_SHADER_RESDIM_2DMSARRAY:
		*resource = SVGA3D_RESOURCE_TEXTURE2D;
		*type = SVGA_RENDER_VIEW_2D_ARRAY;
		return 0;
	case SVGA_SHADER_RESDIM_3D:
		*resource = SVGA3D_RESOURCE_TEXTURE3D;
		*type = SVGA_RENDER_VIEW_3D;
		return 0;
	case SVGA_SHADER_RESDIM_CUBE:
		*resource = SVGA3D_RESOURCE_TEXTURECUBE;
		*type = SVGA_RENDER_VIEW_CUBE;
		return 0;
	case SVGA_SHADER_RESDIM_CUBEARRAY:
		*resource = SVGA3D_RESOURCE_TEXTURECUBE;
		*type = SVGA_RENDER_VIEW_CUBE_ARRAY;
		return 0;
	default:
		return -1;
	}
}

static const char *const class_names[] = { "float", "uint", "sint" };

/* The subresources of a texture view: mips and layers clamped to the
 * surface, the view type's layer count enforced. */
static int texture_range(struct svga_backend *b, const char *where,
			 const struct svga_dx_draw_view *v,
			 const struct svga_surface *s, uint32_t type,
			 struct svga_render_srv *out)
{
	uint32_t mips = s->layout.num_mips, layers = s->layout.num_layers;
	uint32_t count;

	if (v->a >= mips || !v->c) {
		svga_guest_error(b->log, "%s: mips %u+%u outside surface %u's "
				 "%u", where, v->a, v->c, v->sid, mips);
		return SVGA_ERR;
	}
	out->mip = v->a;
	out->mips = v->c > mips - v->a ? mips - v->a : v->c;
	if (type == SVGA_RENDER_VIEW_3D) {
		out->layer = 0;
		out->layers = 1;
		return SVGA_OK;
	}
	if (v->b >= layers) {
		svga_guest_error(b->log, "%s: first slice %u outside surface "
				 "%u's %u", where, v->b, v->sid, layers);
		return SVGA_ERR;
	}
	count = v->d > layers - v->b ? layers - v->b : v->d;
	switch (type) {
	case SVGA_RENDER_VIEW_1D:
	case SVGA_RENDER_VIEW_2D:
		count = 1;     /* a non-array declaration reads one slice */
		break;
	case SVGA_RENDER_VIEW_CUBE:
		count = 6;
		break;
	case SVGA_RENDER_VIEW_CUBE_ARRAY:
		count -= count % 6;
		break;
	}
	if (!count || count > layers - v->b) {
		svga_guest_error(b->log, "%s: slices %u+%u do not make the "
				 "shader's view of surface %u (%u slices)",
				 where, v->b, v->d, v->sid, layers);
		return SVGA_ERR;
	}
	out->layer = v->b;
	out->layers = count;
	return SVGA_OK;
}

/* Whether target view t (mip a, layers b + c) overlaps srv on sid. */
static bool overlaps(const struct svga_dx_draw_view *t, uint32_t sid,
		     const struct svga_render_srv *srv)
{
	uint32_t layers = t->c ? t->c : 1;

	if (t->id == SVGA3D_INVALID_ID || t->sid != sid ||
	    t->a < srv->mip || t->a >= srv->mip + srv->mips)
		return false;
	if (srv->view_type == SVGA_RENDER_VIEW_3D)
		return true;
	return t->b < srv->layer + srv->layers && srv->layer < t->b + layers;
}

static bool target_hazard(const struct svga_dx_draw *d, uint32_t sid,
			  const struct svga_render_srv *srv)
{
	for (unsigned i = 0; i < SVGA3D_DX_MAX_RENDER_TARGETS; i++)
		if (overlaps(&d->rt[i], sid, srv))
			return true;
	return overlaps(&d->ds, sid, srv);
}

static int map_srv(struct svga_backend *b, const struct svga_dx_draw *d,
		   const char *where,
		   const struct svga_dx_draw_view *v, uint32_t dim,
		   uint32_t cls, struct svga_render_srv *out)
{
	struct svga_surface *s = svga_obj_lookup(b->om, SVGA_OBJ_SURFACE,
						 v->sid);
	const struct svga_format_info *f = svga_format_get(v->format);
	uint32_t want, type, fcls = backend_format_class(v->format);

	if (!s || !f)
		return SVGA_ERR;
	if (fcls != cls) {
		svga_guest_error(b->log, "%s: view format %s reads %s, the "
				 "shader declares %s", where,
				 f->name ? f->name : "?", class_names[fcls],
				 class_names[cls]);
		return SVGA_ERR;
	}
	if (dim == SVGA_SHADER_RESDIM_BUFFER) {
		if (v->dim != SVGA3D_RESOURCE_BUFFER &&
		    v->dim != SVGA3D_RESOURCE_BUFFEREX) {
			svga_guest_error(b->log, "%s: a view of resource type "
					 "%u where the shader declares a "
					 "buffer", where, v->dim);
			return SVGA_ERR;
		}
		if (v->dim == SVGA3D_RESOURCE_BUFFEREX &&
		    (v->c & SVGA3D_BUFFEREX_SRV_RAW)) {
			svga_guest_error(b->log, "%s: a raw buffer view where "
					 "the shader declares a typed buffer",
					 where);
			return SVGA_ERR;
		}
		out->format = v->format;
		out->first_element = v->a;
		out->num_elements = v->b;
		return backend_surface_buffer(b, s, &out->buffer);
	}
	if (view_for_dim(dim, &want, &type)) {
		svga_guest_error(b->log, "%s: resource dimension %u (raw) is "
				 "not rendered yet", where, dim);
		return SVGA_ERR;
	}
	/* Vulkan binds a multisampled image only where the shader declares
	 * one, and a single-sampled one only elsewhere */
	if ((dim == SVGA_SHADER_RESDIM_2DMS ||
	     dim == SVGA_SHADER_RESDIM_2DMSARRAY) != (s->samples > 1)) {
		svga_guest_error(b->log, "%s: surface %u of %u samples where "
				 "the shader declares dimension %u", where,
				 v->sid, s->samples, dim);
		return SVGA_ERR;
	}
	if (v->dim != want) {
		svga_guest_error(b->log, "%s: a view of resource type %u where "
				 "the shader declares dimension %u (resource "
				 "type %u)", where, v->dim, dim, want);
		return SVGA_ERR;
	}
	out->format = v->format;
	out->view_type = type;
	if (texture_range(b, where, v, s, type, out))
		return SVGA_ERR;
	if (target_hazard(d, v->sid, out)) {
		svga_trace(b->log, "%s: surface %u is a target of the same "
			   "draw: unbound (reads zeros)", where, v->sid);
		memset(out, 0, sizeof(*out));
		return SVGA_OK;
	}
	return backend_surface_image(b, s, &out->image);
}

int backend_map_stage_resources(struct svga_backend *b,
				const struct svga_dx_draw *d,
				const struct svga_dx_draw_stage *st,
				const struct svga_shader_resources *res,
				const char *stage_name,
				struct svga_render_stage_bindings *out)
{
	char where[64];

	for (unsigned i = 0; i < SVGA3D_DX_MAX_SRVIEWS &&
	     i < SVGA_SHADER_MAX_RESOURCES; i++) {
		const struct svga_dx_draw_view *v = &st->srv[i];

		if (!res->resource_dim[i] || v->id == SVGA3D_INVALID_ID)
			continue;      /* undeclared, or unbound (reads 0) */
		snprintf(where, sizeof(where), "%s shader resource %u (view "
			 "%u)", stage_name, i, v->id);
		if (map_srv(b, d, where, v, res->resource_dim[i] - 1u,
			    res->resource_class[i], &out->srv[i]))
			return SVGA_ERR;
	}
	for (unsigned i = 0; i < SVGA3D_DX_MAX_SAMPLERS &&
	     i < SVGA_RENDER_MAX_SAMPLERS; i++) {
		if (!(res->samplers & (1u << i)) ||
		    st->sampler_id[i] == SVGA3D_INVALID_ID)
			continue;      /* D3D's default sampler */
		if (sampler_get(b, st->sampler_id[i], &st->sampler[i],
				&out->sampler[i]))
			return SVGA_ERR;
	}
	return SVGA_OK;
}
