/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, object layer: MOBs and object tables,
 * surfaces and their host storage (formats, layout, transfers, copies,
 * clears), GB and DX contexts with their COTables and views, shaders and
 * screen targets.
 *
 * Objects know nothing of registers, command buffers or the wire format of
 * commands (the protocol and command layers); they report through the log
 * leaf only.
 */
#ifndef SVGA_OBJECTS_H
#define SVGA_OBJECTS_H

#include "svga_core.h"
#include "svga_log.h"
#include "svga3d_reg.h"

#define SVGA_PAGE_SIZE 4096u
#define SVGA_PAGE_SHIFT 12
#define SVGA_MAX_MIPS 16
#define SVGA_NUM_DEVCAPS SVGA3D_DEVCAP_MAX

/* Results of object operations and command handlers: SVGA_ERR (after a
 * guest error was logged) becomes a command error. */
#define SVGA_OK 0
#define SVGA_ERR (-1)

/* ---- formats and layout ---------------------------------------------- */

enum svga_clear_kind {
	SVGA_CLEAR_NONE = 0,
	SVGA_CLEAR_RGBA8,      /* bytes R,G,B,A                      */
	SVGA_CLEAR_BGRA8,      /* bytes B,G,R,A                      */
	SVGA_CLEAR_BGRX8,      /* bytes B,G,R,0xff                   */
	SVGA_CLEAR_RGBA8_SRGB,
	SVGA_CLEAR_BGRA8_SRGB,
	SVGA_CLEAR_R8,
	SVGA_CLEAR_RG8,
	SVGA_CLEAR_R16F,
	SVGA_CLEAR_RG16F,
	SVGA_CLEAR_RGBA16F,
	SVGA_CLEAR_R32F,
	SVGA_CLEAR_RG32F,
	SVGA_CLEAR_RGBA32F,
	SVGA_CLEAR_RGBA16_UNORM,
	SVGA_CLEAR_R16_UNORM,
	SVGA_CLEAR_RGB10A2,
	SVGA_CLEAR_B5G6R5,
};

struct svga_format_info {
	uint32_t format;        /* SVGA3dSurfaceFormat                    */
	const char *name;
	uint32_t block_w, block_h, block_d;
	uint32_t bytes_per_block;
	uint32_t devcap;        /* SVGA3D_DEVCAP_* index, or ~0u          */
	uint32_t devcap_value;  /* SVGA3D_DXFMT_* or SVGA3DFORMAT_OP_*   */
	uint8_t clear;          /* enum svga_clear_kind                  */
	uint8_t depth;          /* depth/stencil format                  */
};

/* Lookup of an advertised format; NULL when the device does not support it. */
const struct svga_format_info *svga_format_get(uint32_t format);
/* Number of advertised formats, and iteration. */
unsigned svga_format_count(void);
const struct svga_format_info *svga_format_at(unsigned i);
void svga_devcaps_init(uint32_t *caps, const struct svga_config *cfg);
/* Index of the SVGA3D_DEVCAP_DXFMT_* cap of a format the core implements
 * (pre-DX formats included), or ~0u. */
uint32_t svga_format_dxfmt_devcap(uint32_t format);
struct svga_limits;
/* The limits surface definitions are checked against, from the devcaps. */
void svga_limits_from_devcaps(struct svga_limits *l, const uint32_t *caps,
			      uint32_t max_array_layers);

struct svga_mip_layout {
	uint32_t w, h, d;         /* size in pixels                        */
	uint32_t bw, bh, bd;      /* size in blocks                        */
	uint64_t row_stride;      /* bytes per block row                   */
	uint64_t img_stride;      /* bytes per block slice                 */
	uint64_t bytes;           /* bytes of the mip image                */
	uint64_t offset;          /* offset in the mip chain               */
};

struct svga_layout {
	const struct svga_format_info *fmt;
	uint32_t num_mips, num_layers;
	struct svga_mip_layout mip[SVGA_MAX_MIPS];
	uint64_t mip_chain_bytes;
	uint64_t total_bytes;     /* chain * layers (one sample)           */
};

/* Compute the guest (= host) layout.  Returns 0 or SVGA_ERR. */
int svga_layout_compute(struct svga_layout *l, uint32_t format, uint32_t w,
			uint32_t h, uint32_t d, uint32_t num_mips,
			uint32_t num_layers);

/* ---- objects ------------------------------------------------------- */

struct svga_mob {
	uint32_t id;
	uint32_t size;
	uint32_t num_pages;
	uint64_t *ppn;            /* page frame numbers, num_pages entries */
};

struct svga_surface {
	uint32_t sid;
	uint32_t format;
	uint64_t flags;
	uint32_t width, height, depth;
	uint32_t array_size;
	uint32_t samples;
	struct svga_layout layout;
	uint64_t backup_size;     /* guest backing size as vmwgfx computes */
	uint8_t *data;            /* host storage, layout.total_bytes      */
	uint32_t mobid;           /* bound backing MOB or SVGA3D_INVALID_ID*/
	void *gpu;                /* the renderer glue's copy (backend/);
				   * NULL without a renderer               */
};

struct svga_view {
	bool defined;
	uint32_t sid;
	uint32_t format;
	uint32_t dim;             /* SVGA3D_RESOURCE_*                     */
	uint32_t a, b, c;         /* desc: mip/first/size or elements      */
	uint32_t d;               /* SRVs: arraySize (set by the command)  */
};

struct svga_cotable {
	uint32_t mobid;           /* SVGA3D_INVALID_ID when none           */
	uint32_t entries;         /* capacity from the MOB size: ids below
				   * it are valid (0 while no MOB is set) */
	uint32_t held;            /* entries kept on the host: the arrays'
				   * length (kept across a scrub)          */
	struct svga_view *views;  /* for RT/DS/SR views, entries long      */
	/* the other types' entries (svga_dxstate.h), entries long */
	uint8_t *objs;
	uint8_t *live;
};

struct svga_dx_bound;

struct svga_dxctx {
	uint32_t cid;
	uint32_t mobid;
	struct svga_cotable cot[SVGA_COTABLE_MAX];
	struct svga_dx_bound *bound;  /* DX_SET_* state (svga_dxstate.h) */
};

struct svga_gbctx {
	uint32_t cid;
	uint32_t mobid;
};

struct svga_shader {
	uint32_t shid;
	uint32_t type;
	uint32_t size;
	uint32_t mobid;
	uint32_t offset;
};

struct svga_stdu {
	bool defined;
	uint32_t width, height;
	int32_t x, y;
	uint32_t flags;
	SVGA3dSurfaceImageId image;   /* sid == SVGA3D_INVALID_ID: unbound */
};

/* A table of object pointers indexed by id, sized by the guest OTable. */
struct svga_otable {
	bool set;
	uint32_t capacity;        /* ids allowed: 0 .. capacity-1           */
	uint32_t count;           /* live objects                           */
	void **obj;
};

enum svga_obj_type {
	SVGA_OBJ_MOB = SVGA_OTABLE_MOB,
	SVGA_OBJ_SURFACE = SVGA_OTABLE_SURFACE,
	SVGA_OBJ_CONTEXT = SVGA_OTABLE_CONTEXT,
	SVGA_OBJ_SHADER = SVGA_OTABLE_SHADER,
	SVGA_OBJ_SCREENTARGET = SVGA_OTABLE_SCREENTARGET,
	SVGA_OBJ_DXCONTEXT = SVGA_OTABLE_DXCONTEXT,
	SVGA_OBJ_MAX = SVGA_OTABLE_DX_MAX
};

/*
 * A renderer (backend/) may keep a GPU copy of a surface next to its host
 * storage.  The object layer does not know which copy is newer: it asks
 * before every CPU access to s->data (transfers to and from the guest,
 * CPU copies and clears, scanout), naming the subresources it touches,
 * and the glue brings those up to date in host storage (READ), or does
 * so and then marks them stale in its GPU copy (WRITE).
 */
enum svga_storage_access { SVGA_STORAGE_READ, SVGA_STORAGE_WRITE };
/* Mips mip .. mip + mips - 1 of layers layer .. layer + layers - 1 (a 3D
 * surface has one layer per mip: its slices are one subresource).  For
 * SVGA3D_BUFFER surfaces, bytes offset .. offset + bytes - 1 (bytes 0:
 * the whole buffer). */
struct svga_subres {
	uint32_t mip, mips;
	uint32_t layer, layers;
	uint64_t offset, bytes;
};
/* A clear of a view, for the renderer's copy (svga_clear.c). */
struct svga_clear_req {
	bool depth_stencil;       /* DX_CLEAR_DEPTHSTENCIL_VIEW             */
	float rgba[4];            /* colour (as the command sends it)      */
	uint32_t flags;           /* SVGA3D_CLEAR_DEPTH / _STENCIL         */
	float depth;
	uint8_t stencil;
};
struct svga_storage_ops {
	/* r NULL: the whole surface.  0, or SVGA_ERR after logging a
	 * guest error */
	int (*access)(void *opaque, struct svga_surface *s,
		      enum svga_storage_access a, const struct svga_subres *r);
	/* the surface is being destroyed: free its GPU copy */
	void (*freed)(void *opaque, struct svga_surface *s);
	/* Optional: clear view v of s on the GPU copy.  1: done there (host
	 * storage of those subresources is now stale); 0: not taken, the
	 * core clears host storage; SVGA_ERR after a guest error. */
	int (*clear)(void *opaque, struct svga_surface *s,
		     const struct svga_view *v, const struct svga_clear_req *c);
	/* Optional: a copy between two multisampled surfaces of one sample
	 * count (their samples live on the GPU only), box clipped to both
	 * subresources, in texels.  0 after the copy, SVGA_ERR after a
	 * guest error. */
	int (*copy_ms)(void *opaque, struct svga_surface *dst,
		       uint32_t dlayer, uint32_t dmip,
		       struct svga_surface *src, uint32_t slayer,
		       uint32_t smip, const SVGA3dCopyBox *box);
};

/* The object model of one device. */
/* The core's own bound on 3D extents (host storage, not a renderer). */
#define SVGA_MAX_VOLUME_EXTENT 2048

/* What DEFINE_GB_SURFACE* accepts: the devcaps' promises (svga_format.c). */
struct svga_limits {
	uint32_t max_texture_size;    /* DEVCAP MAX_TEXTURE_WIDTH/HEIGHT     */
	uint32_t max_volume_extent;   /* DEVCAP MAX_VOLUME_EXTENT            */
	uint32_t max_array_layers;    /* array size (cube faces included)    */
	/* the devcaps themselves (svga_dev's array): DEVCAP_MULTISAMPLE_4X
	 * and each format's DXFMT_MULTISAMPLE bit say which multisampled
	 * surfaces DEFINE_GB_SURFACE accepts */
	const uint32_t *devcaps;
};

struct svga_objects {
	const struct svga_config *cfg;
	struct svga_limits limits;
	struct svga_guest_mem_ops mem;
	void *opaque;             /* argument of the mem callbacks         */
	struct svga_log *log;
	struct svga_otable ot[SVGA_OBJ_MAX];
	uint64_t mob_pages;       /* sum of num_pages over MOBs            */
	uint64_t storage;         /* bytes of surface host storage         */
	uint64_t dx_shader_bytes; /* bytecode kept for DX shaders          */
	uint64_t dx_cotable_bytes;/* host DX COTable entries (svga_dxobj.c)*/
	const struct svga_storage_ops *storage_ops;  /* NULL: no renderer */
	void *storage_opaque;
};

/* Before the CPU touches s->data: see struct svga_storage_ops.  r NULL:
 * the whole surface. */
int svga_surface_ms_refused(struct svga_objects *om,
			    const struct svga_surface *s);
static inline int svga_surface_access_range(struct svga_objects *om,
					    struct svga_surface *s,
					    enum svga_storage_access a,
					    const struct svga_subres *r)
{
	if (s->samples > 1)
		return svga_surface_ms_refused(om, s);
	if (!om->storage_ops || !om->storage_ops->access)
		return 0;
	return om->storage_ops->access(om->storage_opaque, s, a, r);
}

static inline int svga_surface_access(struct svga_objects *om,
				      struct svga_surface *s,
				      enum svga_storage_access a)
{
	return svga_surface_access_range(om, s, a, NULL);
}

/* Bytes [offset, offset + bytes) of a buffer surface. */
static inline int svga_surface_access_bytes(struct svga_objects *om,
					    struct svga_surface *s,
					    enum svga_storage_access a,
					    uint64_t offset, uint64_t bytes)
{
	struct svga_subres r = { 0, 1, 0, 1, offset, bytes };

	return svga_surface_access_range(om, s, a, &r);
}

/* One subresource (layer, mip). */
static inline int svga_surface_access_sub(struct svga_objects *om,
					  struct svga_surface *s,
					  enum svga_storage_access a,
					  uint32_t layer, uint32_t mip)
{
	struct svga_subres r = { mip, 1, layer, 1, 0, 0 };

	return svga_surface_access_range(om, s, a, &r);
}

/* overflow-safe helpers */
static inline bool svga_add_ovf(uint64_t a, uint64_t b, uint64_t *r)
{
	*r = a + b;
	return *r < a;
}
static inline bool svga_mul_ovf(uint64_t a, uint64_t b, uint64_t *r)
{
	if (a != 0 && b > UINT64_MAX / a)
		return true;
	*r = a * b;
	return false;
}

/* object tables (svga_otable.c) */
void svga_objects_init(struct svga_objects *om, const struct svga_config *cfg,
		       const struct svga_guest_mem_ops *mem, void *opaque,
		       struct svga_log *log);
void *svga_obj_get(struct svga_objects *om, enum svga_obj_type t, uint32_t id);
/* svga_obj_get, with a guest error ("no surface 3") when id is not live. */
void *svga_obj_lookup(struct svga_objects *om, enum svga_obj_type t,
		      uint32_t id);
int svga_obj_check_new(struct svga_objects *om, enum svga_obj_type t,
		       uint32_t id);
void svga_obj_put(struct svga_objects *om, enum svga_obj_type t, uint32_t id,
		  void *obj);
void svga_obj_destroy(struct svga_objects *om, enum svga_obj_type t,
		      uint32_t id);
void svga_objects_free_all(struct svga_objects *om);
int svga_otable_set(struct svga_objects *om, uint32_t type, uint64_t base,
		    uint32_t size, uint32_t valid_size, uint32_t pt_depth,
		    bool grow);

/* MOBs (svga_mob.c) */
int svga_mob_define(struct svga_objects *om, uint32_t mobid, uint32_t pt_depth,
		    uint64_t base, uint32_t size);
struct svga_mob *svga_mob_build(struct svga_objects *om, uint32_t pt_depth,
				uint64_t base, uint32_t size);
void svga_mob_free(struct svga_objects *om, struct svga_mob *mob);
int svga_mob_read(struct svga_objects *om, const struct svga_mob *mob,
		  uint64_t off, void *buf, uint64_t len);
int svga_mob_write(struct svga_objects *om, const struct svga_mob *mob,
		   uint64_t off, const void *buf, uint64_t len);

/* surfaces (svga_surface.c) */
int svga_surface_define(struct svga_objects *om, uint32_t sid, uint64_t flags,
			uint32_t format, uint32_t num_mips, uint32_t samples,
			uint32_t w, uint32_t h, uint32_t d,
			uint32_t array_size);
void svga_surface_free(struct svga_objects *om, struct svga_surface *s);

struct svga_box {
	uint32_t x, y, z, w, h, d;
};

/*
 * Box clipping (svga_box.c): what a VMware host does with boxes that reach
 * outside an image (see README.md, "Boxes and rectangles").  Each returns
 * false when nothing is left.
 */
bool svga_box_clip(const struct svga_mip_layout *m, struct svga_box *b);
/* A copy box, clipped against the source and the destination image. */
bool svga_copy_box_clip(const struct svga_mip_layout *src,
			const struct svga_mip_layout *dst, SVGA3dCopyBox *cb);
/* A byte range [off, off + *len) of a buffer of size bytes. */
bool svga_range_clip(uint64_t size, uint32_t off, uint32_t *len);

enum svga_xfer_dir { SVGA_XFER_TO_HOST, SVGA_XFER_TO_GUEST };

int svga_surface_xfer_image(struct svga_objects *om, struct svga_surface *s,
			    uint32_t layer, uint32_t mip,
			    const struct svga_box *box, bool invert,
			    enum svga_xfer_dir dir);
int svga_surface_xfer_all(struct svga_objects *om, struct svga_surface *s,
			  enum svga_xfer_dir dir);
int svga_surface_copy_region(struct svga_objects *om, struct svga_surface *dst,
			     uint32_t dlayer, uint32_t dmip,
			     struct svga_surface *src, uint32_t slayer,
			     uint32_t smip, const SVGA3dCopyBox *cb);
int svga_surface_copy_from_buffer(struct svga_objects *om,
				  struct svga_surface *dst, uint32_t layer,
				  uint32_t mip, const struct svga_box *box,
				  struct svga_surface *src, uint32_t src_off,
				  uint32_t pitch, uint32_t slice_pitch);
int svga_surface_check_image(struct svga_objects *om, struct svga_surface *s,
			     uint32_t layer, uint32_t mip);
/* True when the image exists; no guest error. */
bool svga_surface_has_image(const struct svga_surface *s, uint32_t layer,
			    uint32_t mip);
/* True when a copy between the two surfaces' formats is byte-exact. */
bool svga_surface_copy_compatible(const struct svga_surface *a,
				  const struct svga_surface *b);
int svga_surface_bind(struct svga_objects *om, struct svga_surface *s,
		      uint32_t mobid);
/* clears (svga_clear.c) */
int svga_surface_clear_view(struct svga_objects *om, struct svga_surface *s,
			    const struct svga_view *v, const float rgba[4]);
/* flags: SVGA3D_CLEAR_DEPTH and/or SVGA3D_CLEAR_STENCIL */
int svga_surface_clear_depth_stencil(struct svga_objects *om,
				     struct svga_surface *s,
				     const struct svga_view *v, uint32_t flags,
				     float depth, uint8_t stencil);

/* Pixel kinds (SVGA_CLEAR_*) to bytes; 0 when the kind has no encoding. */
unsigned svga_pixel_encode(unsigned kind, const float c[4], uint8_t *px);

/* GENMIPS on host storage (svga_genmips.c): each mip after first_mip, up
 * to first_mip + mip_count - 1 (~0u: to the last), from the one before by
 * a 2x2(x2) box filter in the view format's linear space, for layers
 * first_layer .. the last. */
int svga_surface_gen_mips(struct svga_objects *om, struct svga_surface *s,
			  uint32_t view_format, uint32_t first_mip,
			  uint32_t mip_count, uint32_t first_layer);

/* GB contexts, shaders and DX contexts (svga_context.c) */
int svga_gbctx_define(struct svga_objects *om, uint32_t cid);
int svga_shader_define(struct svga_objects *om, uint32_t shid, uint32_t type,
		       uint32_t size);
int svga_dxctx_define(struct svga_objects *om, uint32_t cid);
void svga_dxctx_free(struct svga_objects *om, struct svga_dxctx *ctx);
/* Point COTable type of ctx at MOB mobid (or none); views below the new
 * valid size are kept. */
int svga_dxctx_set_cotable(struct svga_objects *om, struct svga_dxctx *ctx,
			   uint32_t type, uint32_t mobid, uint32_t valid_size);
bool svga_cotable_type_valid(uint32_t type);
/* Slot of view id in ctx's COTable type (RT/DS/SR views), or NULL. */
struct svga_view *svga_dxctx_view(struct svga_objects *om,
				  struct svga_dxctx *ctx, uint32_t type,
				  uint32_t id);
int svga_view_define(struct svga_objects *om, struct svga_view *v,
		     uint32_t sid, uint32_t format, uint32_t dim, uint32_t a,
		     uint32_t b, uint32_t c);

/* screen targets (svga_screen.c) */
int svga_stdu_define(struct svga_objects *om, uint32_t stid, uint32_t width,
		     uint32_t height, int32_t x, int32_t y, uint32_t flags);
int svga_stdu_bind(struct svga_objects *om, uint32_t stid,
		   struct svga_stdu *st, const SVGA3dSurfaceImageId *image);
/* The part of rect inside the target; false when empty. */
bool svga_stdu_clip(const struct svga_stdu *st, const SVGA3dRect *r,
		    SVGA3dRect *out);
bool svga_stdu_scanout(struct svga_objects *om, uint32_t stid,
		       struct svga_scanout *out);

#endif
