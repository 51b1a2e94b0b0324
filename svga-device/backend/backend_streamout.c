// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: stream output.  The bound SO declaration
 * (DX_DEFINE_STREAMOUTPUT, as Mesa's svga driver sends it for GL
 * transform feedback) becomes part of the shader-variant key of the last
 * stage before the rasterizer (the GS when one is bound, else the VS):
 * the translator gives each entry an output of its own and vkd3d decorates
 * it for transform feedback (shader/svga_shader_streamout.c).  The SO
 * targets become the renderer's stream-output buffers: an explicit offset
 * starts writing there, SVGA3D_DX_SO_OFFSET_APPEND goes on where the last
 * draw into that buffer stopped (the renderer keeps that filled size in
 * the buffer, on the GPU, which is also what DX_DRAW_AUTO counts), and
 * writes stop at offset + sizeInBytes.  What the GPU wrote makes host
 * storage stale (backend_surface.c's rule), so READBACK returns it.
 */
#include "backend_int.h"

/* D3D10/11's largest stream-output stride (D3D11_SO_BUFFER_MAX_STRIDE_IN_BYTES) */
#define BACKEND_SO_MAX_STRIDE 2048u

bool backend_so_active(const struct svga_dx_draw *d)
{
	return d->pipeline.so_decl &&
	       d->pipeline.so_decl->numOutputStreamEntries;
}

unsigned backend_so_stage(const struct svga_dx_draw *d)
{
	return d->pipeline.shader[SVGA_DX_STAGE_GS].id != SVGA3D_INVALID_ID ?
	       SVGA_DX_STAGE_GS : SVGA_DX_STAGE_VS;
}

static bool contiguous_mask(uint32_t m)
{
	if (!m || m > 0xf)
		return false;
	m >>= __builtin_ctz(m);
	return !(m & (m + 1));
}

int backend_so_key(struct svga_backend *b, const struct svga_dx_draw *d,
		   struct svga_shader_key *key)
{
	const SVGACOTableDXStreamOutputEntry *so = d->pipeline.so_decl;
	uint32_t words[SVGA_SHADER_SO_SLOTS] = { 0 };
	struct svga_render_limits lim;
	uint32_t max_stride;

	if (!backend_so_active(d))
		return SVGA_OK;
	svga_render_get_limits(b->r, &lim);
	max_stride = lim.max_so_stride < BACKEND_SO_MAX_STRIDE ?
		     lim.max_so_stride : BACKEND_SO_MAX_STRIDE;
	if (so->numOutputStreamEntries > SVGA_SHADER_KEY_SO_ENTRIES) {
		svga_guest_error(b->log, "DX_DRAW: stream output %u: %u "
				 "entries, at most %u", d->pipeline.streamoutput,
				 so->numOutputStreamEntries,
				 SVGA_SHADER_KEY_SO_ENTRIES);
		return SVGA_ERR;
	}
	for (uint32_t i = 0; i < so->numOutputStreamEntries; i++) {
		const SVGA3dStreamOutputDeclarationEntry *e = &so->decl[i];
		bool gap = e->registerIndex == SVGA3D_INVALID_ID;

		if (!contiguous_mask(e->registerMask) ||
		    e->outputSlot >= SVGA_SHADER_SO_SLOTS || e->stream ||
		    (!gap && e->registerIndex >= SVGA_SHADER_SO_GAP)) {
			svga_guest_error(b->log, "DX_DRAW: stream output %u "
					 "entry %u: register %u mask 0x%x slot "
					 "%u stream %u cannot be written",
					 d->pipeline.streamoutput, i,
					 e->registerIndex, e->registerMask,
					 e->outputSlot, e->stream);
			return SVGA_ERR;
		}
		key->so[i] = (struct svga_shader_key_so){
			gap ? SVGA_SHADER_SO_GAP : (uint8_t)e->registerIndex,
			(uint8_t)e->registerMask, (uint8_t)e->outputSlot, 0 };
		words[e->outputSlot] += (uint32_t)__builtin_popcount(
			e->registerMask);
	}
	for (unsigned s = 0; s < SVGA_SHADER_SO_SLOTS; s++) {
		uint32_t stride = so->streamOutputStrideInBytes[s];

		if (!words[s])
			continue;
		if (stride % 4 || stride < words[s] * 4 || stride > max_stride) {
			svga_guest_error(b->log, "DX_DRAW: stream output %u "
					 "buffer %u: stride %u (its entries "
					 "need %u bytes; at most %u, a "
					 "multiple of 4)",
					 d->pipeline.streamoutput, s, stride,
					 words[s] * 4, max_stride);
			return SVGA_ERR;
		}
		key->so_stride[s] = stride;
	}
	key->so_count = so->numOutputStreamEntries;
	return SVGA_OK;
}

/* The end of sid's last explicit binding (0 if none is remembered). */
static uint64_t *so_end_slot(struct svga_backend *b, uint32_t sid, bool add)
{
	for (unsigned i = 0; i < BACKEND_SO_ENDS; i++)
		if (b->so_end[i].sid == sid && b->so_end[i].end)
			return &b->so_end[i].end;
	if (!add)
		return NULL;
	b->so_end_next = (b->so_end_next + 1) % BACKEND_SO_ENDS;
	b->so_end[b->so_end_next].sid = sid;
	return &b->so_end[b->so_end_next].end;
}

int backend_so_targets(struct svga_backend *b, const struct svga_dx_draw *d,
		       struct svga_render_draw *rd)
{
	if (!backend_so_active(d))
		return SVGA_OK;     /* targets without a declaration: nothing */
	for (uint32_t i = 0; i < d->num_so && i < SVGA_RENDER_MAX_SO; i++) {
		const SVGA3dSoTarget *t = &d->so[i];
		struct svga_surface *s;
		uint64_t bytes, end;

		if (t->sid == SVGA3D_INVALID_ID)
			continue;
		s = svga_obj_lookup(b->om, SVGA_OBJ_SURFACE, t->sid);
		if (!s)
			return SVGA_ERR;
		bytes = s->layout.total_bytes;
		end = (uint64_t)t->offset + t->sizeInBytes;
		if (t->offset != SVGA3D_DX_SO_OFFSET_APPEND &&
		    (t->offset % 4 || end > bytes)) {
			svga_guest_error(b->log, "DX_DRAW: stream-output target "
					 "%u (surface %u): offset %u + size %u "
					 "outside its %llu bytes or unaligned",
					 i, t->sid, t->offset, t->sizeInBytes,
					 (unsigned long long)bytes);
			return SVGA_ERR;
		}
		if (t->offset != SVGA3D_DX_SO_OFFSET_APPEND && !end)
			continue;   /* an empty range takes nothing */
		if (backend_surface_buffer(b, s, &rd->so[i].buffer))
			return SVGA_ERR;
		if (t->offset == SVGA3D_DX_SO_OFFSET_APPEND) {
			/* where the last draw stopped, up to where the last
			 * explicit binding of this buffer ended (GL's range
			 * on a resume; the command layer's APPEND after the
			 * first draw) or else the buffer's end */
			uint64_t *e = so_end_slot(b, t->sid, false);

			rd->so[i].offset = SVGA_RENDER_SO_APPEND;
			rd->so[i].end = e && *e <= bytes ? *e : 0;
		} else {
			rd->so[i].offset = t->offset;
			rd->so[i].end = end;
			*so_end_slot(b, t->sid, true) = end;
		}
	}
	return SVGA_OK;
}

void backend_so_wrote(struct svga_backend *b, const struct svga_dx_draw *d,
		      const struct svga_render_draw *rd)
{
	for (uint32_t i = 0; i < d->num_so && i < SVGA_RENDER_MAX_SO; i++)
		if (rd->so[i].buffer)
			backend_surface_gpu_wrote(b, svga_obj_lookup(b->om,
						  SVGA_OBJ_SURFACE,
						  d->so[i].sid));
}
