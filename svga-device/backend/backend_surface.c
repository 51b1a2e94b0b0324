// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: each surface's GPU copy (an image, or a
 * buffer for SVGA3D_BUFFER surfaces) next to its host storage.
 *
 * Who has the newest copy.  Host storage (s->data) stays the device's
 * reference: UPDATE commands write it and READBACK commands read it, as
 * without a renderer, and every CPU-side operation of the object layer
 * (copies, CPU clears, scanout) works on it.  The GPU copy is made when a
 * surface is first used by the GPU (or cleared there, backend_clear.c).
 * Two flags per subresource (mip x layer; a buffer is one, with the span
 * of bytes each covers) keep the copies honest:
 *   GPU_STALE   host storage was written since the GPU copy was made or
 *               last refreshed: upload it before the GPU uses the surface;
 *   HOST_STALE  the GPU wrote its copy (draw targets, clears, PRESENTBLT):
 *               read it back before the CPU reads or writes it.
 * At most one is set.  The object layer asks (svga_storage_ops.access,
 * naming the subresources it touches) before it touches host storage; the
 * GPU paths ask here before the GPU touches an image.  Only flagged
 * subresources move, each whole; bytes moved are counted in
 * svga_backend_stats (upload_bytes, readback_bytes).
 */
#include "backend_int.h"

#include <stdlib.h>

enum { SUB_GPU_STALE = 1u << 0, SUB_HOST_STALE = 1u << 1 };

struct backend_surface {
	struct svga_render_image *image;
	struct svga_render_buffer *buffer;
	uint32_t mips, layers;
	uint8_t *sub;               /* mips * layers flags, [layer][mip] */
	uint32_t gpu_stale;         /* subresources with SUB_GPU_STALE  */
	uint32_t host_stale;        /* ... with SUB_HOST_STALE          */
	/* a buffer's flagged bytes: [lo, hi) spans each flag's writes */
	uint64_t gpu_lo, gpu_hi, host_lo, host_hi;
};

static struct backend_surface *gpu_state(struct svga_surface *s)
{
	struct backend_surface *g = s->gpu;
	uint32_t mips = 1, layers = 1;

	if (g)
		return g;
	if (s->format != SVGA3D_BUFFER) {
		mips = s->layout.num_mips;
		layers = s->layout.num_layers;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	/* bounded by the surface limits: 16 mips x the array-size limit */
	g->sub = calloc((size_t)mips * layers, 1);
	if (!g->sub) {
		free(g);
		return NULL;
	}
	g->mips = mips;
	g->layers = layers;
	s->gpu = g;
	return g;
}

static void set_flag(struct backend_surface *g, uint8_t *f, uint8_t flag)
{
	if (*f & flag)
		return;
	*f |= flag;
	if (flag == SUB_GPU_STALE)
		g->gpu_stale++;
	else
		g->host_stale++;
}

static void clear_flag(struct backend_surface *g, uint8_t *f, uint8_t flag)
{
	if (!(*f & flag))
		return;
	*f &= (uint8_t)~flag;
	if (flag == SUB_GPU_STALE)
		g->gpu_stale--;
	else
		g->host_stale--;
}

/* r clipped to g's subresources (NULL or a buffer: all of them). */
static struct svga_subres clip_range(const struct backend_surface *g,
				     const struct svga_subres *r)
{
	struct svga_subres c = { 0, g->mips, 0, g->layers, 0, 0 };

	if (!r || g->buffer)
		return c;
	c.mip = r->mip < g->mips ? r->mip : g->mips;
	c.mips = r->mips < g->mips - c.mip ? r->mips : g->mips - c.mip;
	c.layer = r->layer < g->layers ? r->layer : g->layers;
	c.layers = r->layers < g->layers - c.layer ? r->layers :
		   g->layers - c.layer;
	return c;
}

/* The bytes r names of buffer s (r NULL or bytes 0: all), clipped. */
static void byte_range(const struct svga_surface *s, const struct svga_subres *r,
		       uint64_t *lo, uint64_t *hi)
{
	uint64_t n = s->layout.total_bytes;

	*lo = 0;
	*hi = n;
	if (!r || !r->bytes)
		return;
	*lo = r->offset < n ? r->offset : n;
	*hi = r->bytes < n - *lo ? *lo + r->bytes : n;
}

static void widen(uint64_t *lo, uint64_t *hi, bool was_set, uint64_t a,
		  uint64_t b)
{
	if (!was_set) {
		*lo = a;
		*hi = b;
		return;
	}
	*lo = a < *lo ? a : *lo;
	*hi = b > *hi ? b : *hi;
}

/* One subresource (of a buffer: its flagged bytes) between host storage
 * and the GPU copy. */
static int move_sub(struct svga_backend *b, struct svga_surface *s,
		    struct backend_surface *g, uint32_t layer, uint32_t mip,
		    bool to_gpu)
{
	const struct svga_layout *l = &s->layout;
	uint64_t n;
	int rc;

	/* a readback's wait for the GPU is charged to GPU_WAIT inside */
	svga_phase_push(b->phases, to_gpu ? SVGA_PHASE_UPLOAD :
					    SVGA_PHASE_READBACK);
	if (g->buffer) {
		uint64_t lo = to_gpu ? g->gpu_lo : g->host_lo;

		n = (to_gpu ? g->gpu_hi : g->host_hi) - lo;
		rc = to_gpu ? svga_render_buffer_upload(b->r, g->buffer, lo, n,
							s->data + lo) :
		     svga_render_buffer_readback(b->r, g->buffer, lo, n,
						 s->data + lo);
	} else {
		const struct svga_mip_layout *m = &l->mip[mip];
		struct svga_render_box box = { 0, 0, 0, m->w, m->h, m->d };
		uint8_t *p = s->data + (uint64_t)layer * l->mip_chain_bytes +
			     m->offset;

		n = m->bytes;
		rc = to_gpu ?
		     svga_render_image_upload(b->r, g->image, mip, layer, &box,
					      p, (uint32_t)m->row_stride,
					      (uint32_t)m->img_stride) :
		     svga_render_image_readback(b->r, g->image, mip, layer,
						&box, p,
						(uint32_t)m->row_stride,
						(uint32_t)m->img_stride);
	}
	svga_phase_pop(b->phases);
	if (rc) {
		svga_guest_error(b->log, "surface %u (mip %u, layer %u): %s "
				 "failed: %s", s->sid, mip, layer,
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

/* Every subresource of r (clipped) flagged `flag` moves and is unflagged. */
static int move_flagged(struct svga_backend *b, struct svga_surface *s,
			struct backend_surface *g, const struct svga_subres *r,
			uint8_t flag)
{
	struct svga_subres c = clip_range(g, r);

	for (uint32_t layer = c.layer; layer < c.layer + c.layers; layer++) {
		for (uint32_t mip = c.mip; mip < c.mip + c.mips; mip++) {
			uint8_t *f = &g->sub[layer * g->mips + mip];

			if (!(*f & flag))
				continue;
			if (move_sub(b, s, g, layer, mip,
				     flag == SUB_GPU_STALE))
				return SVGA_ERR;
			clear_flag(g, f, flag);
		}
	}
	return SVGA_OK;
}

/* The rule, CPU side: called by the object layer before it touches the
 * subresources r of s->data (see the comment at the top). */
static int storage_access(void *opaque, struct svga_surface *s,
			  enum svga_storage_access a,
			  const struct svga_subres *r)
{
	struct svga_backend *b = opaque;
	struct backend_surface *g = s->gpu;
	struct svga_subres c;

	if (!g || (!g->image && !g->buffer))
		return SVGA_OK;          /* never used by the GPU */
	if (g->host_stale && move_flagged(b, s, g, r, SUB_HOST_STALE))
		return SVGA_ERR;
	if (a != SVGA_STORAGE_WRITE)
		return SVGA_OK;
	if (g->buffer) {
		uint64_t lo, hi;

		byte_range(s, r, &lo, &hi);
		if (hi <= lo)
			return SVGA_OK;
		widen(&g->gpu_lo, &g->gpu_hi, g->sub[0] & SUB_GPU_STALE, lo,
		      hi);
		set_flag(g, &g->sub[0], SUB_GPU_STALE);
		return SVGA_OK;
	}
	c = clip_range(g, r);
	for (uint32_t layer = c.layer; layer < c.layer + c.layers; layer++)
		for (uint32_t mip = c.mip; mip < c.mip + c.mips; mip++)
			set_flag(g, &g->sub[layer * g->mips + mip],
				 SUB_GPU_STALE);
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
	free(g->sub);
	free(g);
	s->gpu = NULL;
}

static void storage_freed(void *opaque, struct svga_surface *s)
{
	free_gpu(opaque, s);
}

/* Copies between multisampled surfaces (DX_PRED_COPY_REGION, Mesa's
 * blits between framebuffers of one sample count): image to image. */
static int storage_copy_ms(void *opaque, struct svga_surface *dst,
			   uint32_t dlayer, uint32_t dmip,
			   struct svga_surface *src, uint32_t slayer,
			   uint32_t smip, const SVGA3dCopyBox *c)
{
	struct svga_backend *b = opaque;
	struct svga_render_box box = { c->srcx, c->srcy, c->srcz, c->w, c->h,
				       c->d };
	struct svga_render_image *si, *di;

	if (backend_surface_image(b, src, &si) ||
	    backend_surface_image(b, dst, &di))
		return SVGA_ERR;
	if (svga_render_image_copy(b->r, di, dmip, dlayer, c->x, c->y, c->z,
				   si, smip, slayer, &box)) {
		svga_guest_error(b->log, "copy %u -> %u (multisampled): %s",
				 src->sid, dst->sid,
				 svga_render_last_error(b->r));
		return SVGA_ERR;
	}
	return SVGA_OK;
}

const struct svga_storage_ops backend_storage_ops = {
	.access = storage_access,
	.freed = storage_freed,
	.clear = backend_clear,
	.copy_ms = storage_copy_ms,
};

/* Every subresource marked GPU_STALE (a fresh GPU copy has all). */
static void mark_all_gpu_stale(struct svga_surface *s,
			       struct backend_surface *g)
{
	g->gpu_lo = 0;
	g->gpu_hi = s->layout.total_bytes;
	for (uint32_t i = 0; i < g->mips * g->layers; i++) {
		g->sub[i] = SUB_GPU_STALE;
	}
	g->gpu_stale = g->mips * g->layers;
	g->host_stale = 0;
}

void backend_surface_gpu_wrote_range(struct svga_backend *b,
				     struct svga_surface *s,
				     const struct svga_subres *r)
{
	struct backend_surface *g = s ? s->gpu : NULL;
	struct svga_subres c;

	(void)b;
	/* a multisampled image is the surface's only copy: nothing to flag */
	if (!g || s->samples > 1)
		return;
	if (g->buffer) {
		uint64_t lo, hi;

		byte_range(s, r, &lo, &hi);
		widen(&g->host_lo, &g->host_hi, g->sub[0] & SUB_HOST_STALE, lo,
		      hi);
		clear_flag(g, &g->sub[0], SUB_GPU_STALE);
		set_flag(g, &g->sub[0], SUB_HOST_STALE);
		return;
	}
	c = clip_range(g, r);
	for (uint32_t layer = c.layer; layer < c.layer + c.layers; layer++) {
		for (uint32_t mip = c.mip; mip < c.mip + c.mips; mip++) {
			uint8_t *f = &g->sub[layer * g->mips + mip];

			/* the GPU path brought it up to date before */
			clear_flag(g, f, SUB_GPU_STALE);
			set_flag(g, f, SUB_HOST_STALE);
		}
	}
}

bool backend_surface_has_image(const struct svga_surface *s)
{
	const struct backend_surface *g = s->gpu;

	return g && g->image;
}

void backend_surface_gpu_wrote(struct svga_backend *b, struct svga_surface *s)
{
	backend_surface_gpu_wrote_range(b, s, NULL);
}

void backend_surface_gpu_wrote_view(struct svga_backend *b,
				    struct svga_surface *s, uint32_t dim,
				    uint32_t mip, uint32_t layer,
				    uint32_t layers)
{
	struct svga_subres r = { mip, 1, layer, layers ? layers : 1, 0, 0 };

	if (!s)
		return;
	if (dim == SVGA3D_RESOURCE_TEXTURE3D || s->layout.num_layers == 1) {
		/* a 3D view's layers are W slices of one subresource */
		r.layer = 0;
		r.layers = 1;
	}
	backend_surface_gpu_wrote_range(b, s, &r);
}

static uint32_t image_usage(struct svga_backend *b, struct svga_surface *s)
{
	uint32_t caps = svga_render_format_caps(b->r, s->format, NULL);
	uint32_t usage = 0;

	if (caps & SVGA_RENDER_FMT_SAMPLE)
		usage |= SVGA_RENDER_USAGE_SAMPLED;
	/* Mesa makes depth textures typeless (R24G8_TYPELESS, R16_TYPELESS,
	 * R32_TYPELESS, bound as a depth-stencil target through a depth
	 * view): the surface's bind flag says what the format alone does
	 * not, and the typeless ones without stencil are depth images in
	 * their depth form (render_format's vk_ds). */
	if (s->layout.fmt->depth ||
	    (s->flags & SVGA3D_SURFACE_BIND_DEPTH_STENCIL)) {
		if (svga_render_format_can_be_depth(b->r, s->format))
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

/*
 * A multisampled surface's image is its only copy (host storage holds no
 * samples and is never read or written, svga_surface_ms_refused): it
 * starts as host storage does, all zero, by a clear of every sample, and
 * no subresource is ever flagged.
 */
static int ms_image_zero(struct svga_backend *b, struct svga_surface *s,
			 struct svga_render_image *img, uint32_t usage)
{
	const struct svga_render_view all = { 0, 0, s->layout.num_layers };
	const union svga_render_color zero = { .u = { 0, 0, 0, 0 } };
	int rc = -1;

	if (usage & SVGA_RENDER_USAGE_DEPTH_STENCIL)
		rc = svga_render_clear_depth_stencil(b->r, img, &all, NULL,
						     SVGA_RENDER_CLEAR_DEPTH |
						     SVGA_RENDER_CLEAR_STENCIL,
						     0.0f, 0);
	else if (usage & SVGA_RENDER_USAGE_RENDER_TARGET)
		rc = svga_render_clear_color(b->r, img, &all, NULL, &zero);
	if (rc) {
		svga_guest_error(b->log, "surface %u: multisampled image of "
				 "format %u not initialised: %s", s->sid,
				 s->format,
				 usage & (SVGA_RENDER_USAGE_DEPTH_STENCIL |
					  SVGA_RENDER_USAGE_RENDER_TARGET) ?
				 svga_render_last_error(b->r) :
				 "not a target format");
		return SVGA_ERR;
	}
	return SVGA_OK;
}

int backend_surface_image_prepare(struct svga_backend *b,
				  struct svga_surface *s,
				  const struct svga_subres *ready,
				  struct svga_render_image **out)
{
	struct backend_surface *g;

	if (s->format == SVGA3D_BUFFER) {
		svga_guest_error(b->log, "surface %u: a buffer used as an "
				 "image", s->sid);
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
			.samples = s->samples,
			.usage = image_usage(b, s),
		};

		if (svga_render_image_new(b->r, &desc, &g->image)) {
			svga_guest_error(b->log, "surface %u: no GPU image: %s",
					 s->sid, svga_render_last_error(b->r));
			return SVGA_ERR;
		}
		b->st.images++;
		if (s->samples > 1) {
			if (ms_image_zero(b, s, g->image, desc.usage)) {
				svga_render_image_free(b->r, g->image);
				g->image = NULL;
				return SVGA_ERR;
			}
		} else {
			mark_all_gpu_stale(s, g);
		}
	}
	if (g->gpu_stale && move_flagged(b, s, g, ready, SUB_GPU_STALE))
		return SVGA_ERR;
	*out = g->image;
	return SVGA_OK;
}

int backend_surface_image(struct svga_backend *b, struct svga_surface *s,
			  struct svga_render_image **out)
{
	return backend_surface_image_prepare(b, s, NULL, out);
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
		mark_all_gpu_stale(s, g);
	}
	if (g->gpu_stale && move_flagged(b, s, g, NULL, SUB_GPU_STALE))
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
		/* a multisampled surface's samples have no place there */
		if (s->samples == 1)
			storage_access(b, s, SVGA_STORAGE_READ, NULL);
		free_gpu(b, s);
	}
}
