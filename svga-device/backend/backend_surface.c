// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: each surface's GPU copy (an image, or a
 * buffer for SVGA3D_BUFFER surfaces) next to its host storage.
 *
 * Who has the newest copy.  Host storage (s->data) stays the device's
 * reference: UPDATE commands write it and READBACK commands read it, as
 * without a renderer, and every CPU-side operation of the object layer
 * (copies, clears, scanout) works on it.  The GPU copy is made when a
 * surface is first used by the GPU.  Two flags keep the copies honest:
 *   gpu_stale   host storage was written since the GPU copy was made or
 *               last refreshed: upload all of it before the GPU uses it;
 *   host_stale  the GPU wrote its copy (draw targets, later clears,
 *               copies, stream output, GENMIPS): read all of it back
 *               before the CPU reads or writes host storage.
 * At most one is set.  The object layer asks (svga_storage_ops.access)
 * before it touches host storage; the draw path asks here before the GPU
 * touches an image.  Whole surfaces move each time: simple and correct
 * first; per-subresource tracking is a later optimisation.  Bytes moved
 * are counted in svga_backend_stats (upload_bytes, readback_bytes).
 */
#include "backend_int.h"

#include <stdlib.h>

struct backend_surface {
	struct svga_render_image *image;
	struct svga_render_buffer *buffer;
	bool gpu_stale;
	bool host_stale;
};

static struct backend_surface *gpu_state(struct svga_surface *s)
{
	if (!s->gpu)
		s->gpu = calloc(1, sizeof(struct backend_surface));
	return s->gpu;
}

/* Every (layer, mip) of s, between host storage and the image. */
static int move_image(struct svga_backend *b, struct svga_surface *s,
		      struct backend_surface *g, bool to_gpu)
{
	const struct svga_layout *l = &s->layout;

	for (uint32_t layer = 0; layer < l->num_layers; layer++) {
		for (uint32_t mip = 0; mip < l->num_mips; mip++) {
			const struct svga_mip_layout *m = &l->mip[mip];
			struct svga_render_box box = { 0, 0, 0, m->w, m->h,
						       m->d };
			uint8_t *p = s->data +
				     (uint64_t)layer * l->mip_chain_bytes +
				     m->offset;
			int rc;

			rc = to_gpu ?
			     svga_render_image_upload(b->r, g->image, mip,
						      layer, &box, p,
						      (uint32_t)m->row_stride,
						      (uint32_t)m->img_stride) :
			     svga_render_image_readback(b->r, g->image, mip,
							layer, &box, p,
							(uint32_t)m->row_stride,
							(uint32_t)m->img_stride);
			if (rc)
				return -1;
		}
	}
	return 0;
}

static int move(struct svga_backend *b, struct svga_surface *s,
		struct backend_surface *g, bool to_gpu)
{
	uint64_t n = s->layout.total_bytes;
	int rc;

	if (g->buffer)
		rc = to_gpu ? svga_render_buffer_upload(b->r, g->buffer, 0, n,
							s->data) :
		     svga_render_buffer_readback(b->r, g->buffer, 0, n,
						 s->data);
	else
		rc = move_image(b, s, g, to_gpu);
	if (rc) {
		svga_guest_error(b->log, "surface %u: %s failed: %s", s->sid,
				 to_gpu ? "upload to the GPU" :
					  "readback from the GPU",
				 svga_render_last_error(b->r));
		return SVGA_ERR;
	}
	if (to_gpu)
		b->st.upload_bytes += n;
	else
		b->st.readback_bytes += n;
	return SVGA_OK;
}

/* The rule, CPU side: called by the object layer before it touches
 * s->data (see the comment at the top). */
static int storage_access(void *opaque, struct svga_surface *s,
			  enum svga_storage_access a)
{
	struct svga_backend *b = opaque;
	struct backend_surface *g = s->gpu;

	if (!g)
		return SVGA_OK;          /* never used by the GPU */
	if (g->host_stale) {
		if (move(b, s, g, false))
			return SVGA_ERR;
		g->host_stale = false;
	}
	if (a == SVGA_STORAGE_WRITE)
		g->gpu_stale = true;
	return SVGA_OK;
}

static void free_gpu(struct svga_backend *b, struct svga_surface *s)
{
	struct backend_surface *g = s->gpu;

	if (!g)
		return;
	if (g->image)
		svga_render_image_free(b->r, g->image);
	if (g->buffer)
		svga_render_buffer_free(b->r, g->buffer);
	free(g);
	s->gpu = NULL;
}

static void storage_freed(void *opaque, struct svga_surface *s)
{
	free_gpu(opaque, s);
}

const struct svga_storage_ops backend_storage_ops = {
	.access = storage_access,
	.freed = storage_freed,
};

/* The rule, GPU side: a fresh copy before the GPU uses it. */
static int gpu_ready(struct svga_backend *b, struct svga_surface *s,
		     struct backend_surface *g)
{
	if (g->gpu_stale) {
		if (move(b, s, g, true))
			return SVGA_ERR;
		g->gpu_stale = false;
	}
	return SVGA_OK;
}

void backend_surface_gpu_wrote(struct svga_backend *b, struct svga_surface *s)
{
	struct backend_surface *g = s->gpu;

	(void)b;
	if (g)
		g->host_stale = true;
}

static uint32_t image_usage(struct svga_backend *b, struct svga_surface *s)
{
	uint32_t caps = svga_render_format_caps(b->r, s->format, NULL);
	uint32_t usage = 0;

	if (caps & SVGA_RENDER_FMT_SAMPLE)
		usage |= SVGA_RENDER_USAGE_SAMPLED;
	/* Mesa makes depth textures typeless (R24G8_TYPELESS, bound as a
	 * depth-stencil target through a D24_UNORM_S8_UINT view): the
	 * surface's bind flag says what the format alone does not. */
	if (s->layout.fmt->depth ||
	    (s->flags & SVGA3D_SURFACE_BIND_DEPTH_STENCIL)) {
		if (caps & SVGA_RENDER_FMT_DEPTH)
			usage |= SVGA_RENDER_USAGE_DEPTH_STENCIL;
	} else if (caps & SVGA_RENDER_FMT_RENDER) {
		usage |= SVGA_RENDER_USAGE_RENDER_TARGET;
	}
	if (s->flags & SVGA3D_SURFACE_CUBEMAP)
		usage |= SVGA_RENDER_USAGE_CUBE;
	if (s->flags & SVGA3D_SURFACE_1D)
		usage |= SVGA_RENDER_USAGE_1D;
	return usage;
}

int backend_surface_image(struct svga_backend *b, struct svga_surface *s,
			  struct svga_render_image **out)
{
	struct backend_surface *g;

	if (s->format == SVGA3D_BUFFER) {
		svga_guest_error(b->log, "surface %u: a buffer used as an "
				 "image", s->sid);
		return SVGA_ERR;
	}
	if (s->samples > 1) {
		/* host storage holds one sample: no honest upload exists */
		svga_guest_error(b->log, "surface %u: multisampled surfaces "
				 "are not rendered yet", s->sid);
		return SVGA_ERR;
	}
	g = gpu_state(s);
	if (!g) {
		svga_guest_error(b->log, "surface %u: out of host memory",
				 s->sid);
		return SVGA_ERR;
	}
	if (!g->image) {
		struct svga_render_image_desc desc = {
			.format = s->format,
			.width = s->width, .height = s->height,
			.depth = s->depth,
			.mips = s->layout.num_mips,
			.layers = s->layout.num_layers,
			.samples = 1,
			.usage = image_usage(b, s),
		};

		if (svga_render_image_new(b->r, &desc, &g->image)) {
			svga_guest_error(b->log, "surface %u: no GPU image: %s",
					 s->sid, svga_render_last_error(b->r));
			return SVGA_ERR;
		}
		b->st.images++;
		g->gpu_stale = true;
		g->host_stale = false;
	}
	if (gpu_ready(b, s, g))
		return SVGA_ERR;
	*out = g->image;
	return SVGA_OK;
}

int backend_surface_buffer(struct svga_backend *b, struct svga_surface *s,
			   struct svga_render_buffer **out)
{
	struct backend_surface *g;

	if (s->format != SVGA3D_BUFFER) {
		svga_guest_error(b->log, "surface %u: an image used as a "
				 "buffer", s->sid);
		return SVGA_ERR;
	}
	g = gpu_state(s);
	if (!g) {
		svga_guest_error(b->log, "surface %u: out of host memory",
				 s->sid);
		return SVGA_ERR;
	}
	if (!g->buffer) {
		if (svga_render_buffer_new(b->r, s->layout.total_bytes,
					   SVGA_RENDER_BUF_VERTEX |
					   SVGA_RENDER_BUF_INDEX |
					   SVGA_RENDER_BUF_CONSTANT |
					   SVGA_RENDER_BUF_STREAM_OUTPUT |
					   SVGA_RENDER_BUF_SAMPLED,
					   &g->buffer)) {
			svga_guest_error(b->log, "surface %u: no GPU buffer: "
					 "%s", s->sid,
					 svga_render_last_error(b->r));
			return SVGA_ERR;
		}
		b->st.buffers++;
		g->gpu_stale = true;
		g->host_stale = false;
	}
	if (gpu_ready(b, s, g))
		return SVGA_ERR;
	*out = g->buffer;
	return SVGA_OK;
}

void backend_surface_free_all(struct svga_backend *b)
{
	struct svga_otable *t = &b->om->ot[SVGA_OBJ_SURFACE];

	/* what only the GPU has goes back to host storage first */
	for (uint32_t i = 0; t->obj && i < t->capacity; i++) {
		struct svga_surface *s = t->obj[i];

		if (!s)
			continue;
		storage_access(b, s, SVGA_STORAGE_READ);
		free_gpu(b, s);
	}
}
