/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core: internal definitions shared by the core sources.
 */
#ifndef SVGA_INT_H
#define SVGA_INT_H

#include "svga_core.h"
#include "svga3d_reg.h"

#include <stdarg.h>

#define SVGA_PAGE_SIZE 4096u
#define SVGA_PAGE_SHIFT 12
#define SVGA_MAX_MIPS 16
#define SVGA_NUM_CB_CONTEXTS 2
#define SVGA_CB_QUEUE_LEN SVGA_CB_MAX_QUEUED_PER_CONTEXT
#define SVGA_NUM_DEVCAPS SVGA3D_DEVCAP_MAX
#define SVGA_MAX_CB_LEN (4u * 1024u * 1024u)
#define SVGA_PALETTE_REGS (3 * 256)

/* Errors returned by command handlers: any non-zero is a command error. */
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
};

struct svga_view {
	bool defined;
	uint32_t sid;
	uint32_t format;
	uint32_t dim;             /* SVGA3D_RESOURCE_*                     */
	uint32_t a, b, c;         /* desc: mip/first/size or elements      */
};

struct svga_cotable {
	uint32_t mobid;           /* SVGA3D_INVALID_ID when none           */
	uint32_t entries;         /* capacity from the MOB size            */
	struct svga_view *views;  /* for RT/DS/SR views, entries long      */
};

struct svga_dxctx {
	uint32_t cid;
	uint32_t mobid;
	struct svga_cotable cot[SVGA_COTABLE_MAX];
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

struct svga_cb_entry {
	uint64_t pa;
};

struct svga_cb_context {
	bool running;
	unsigned head, count;
	struct svga_cb_entry q[SVGA_CB_QUEUE_LEN];
};

/* State of the command buffer being executed. */
struct svga_exec {
	uint32_t dx_cid;          /* dxContext, or SVGA3D_INVALID_ID       */
	uint32_t cmd_id;          /* command being executed (counters)     */
};

struct svga_dev {
	struct svga_config cfg;
	struct svga_guest_mem_ops mem;
	struct svga_callbacks cb;
	void *opaque;

	/* registers */
	uint32_t id;
	uint32_t enable, config_done, traces, guest_id;
	uint32_t width, height, bpp, pitchlock;
	uint32_t irq_mask, irq_status;
	bool irq_level;
	uint32_t fence, fence_goal;
	uint32_t cmd_high, cmd_prepend_low, cmd_prepend_high;
	uint32_t devcap_index;
	uint32_t sync, blank_screen_targets, mshint, dirty_tracking;
	uint32_t num_guest_displays, display_id, display_primary;
	uint32_t display_x, display_y, display_w, display_h;
	uint32_t guest_driver[4];
	uint32_t cursor[10];
	uint32_t palette[SVGA_PALETTE_REGS];
	uint32_t devcaps[SVGA_NUM_DEVCAPS];

	/* command buffers */
	struct svga_cb_context cbctx[SVGA_NUM_CB_CONTEXTS];
	uint8_t *cb_buf;          /* SVGA_MAX_CB_LEN bytes of scratch      */
	struct svga_exec exec;

	/* objects */
	struct svga_otable ot[SVGA_OBJ_MAX];
	uint64_t mob_pages;       /* sum of num_pages over MOBs            */
	uint64_t storage;         /* bytes of surface host storage         */

	/* statistics */
	struct svga_counter *counters;   /* SVGA_COUNTER_SLOTS             */
	struct svga_totals totals;
	uint32_t cstats_select;
	struct svga_counter cstats_latch;
	uint64_t cstats_err_latch;
};

/* logging (svga_dev.c) */
void svga_guest_error(struct svga_dev *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void svga_trace(struct svga_dev *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void svga_irq_raise(struct svga_dev *dev, uint32_t flags);
void svga_count_bytes(struct svga_dev *dev, bool to_host, uint64_t bytes);

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

/* object tables (svga_objects.c) */
void *svga_obj_get(struct svga_dev *dev, enum svga_obj_type t, uint32_t id);
int svga_obj_check_new(struct svga_dev *dev, enum svga_obj_type t,
		       uint32_t id);
void svga_obj_put(struct svga_dev *dev, enum svga_obj_type t, uint32_t id,
		  void *obj);
void svga_obj_destroy(struct svga_dev *dev, enum svga_obj_type t,
		      uint32_t id);
void svga_objects_free_all(struct svga_dev *dev);
int svga_otable_set(struct svga_dev *dev, uint32_t type, uint64_t base,
		    uint32_t size, uint32_t valid_size, uint32_t pt_depth,
		    bool grow);
void svga_fence_signal(struct svga_dev *dev, uint32_t fence);

/* MOBs (svga_mob.c) */
int svga_mob_define(struct svga_dev *dev, uint32_t mobid, uint32_t pt_depth,
		    uint64_t base, uint32_t size);
struct svga_mob *svga_mob_build(struct svga_dev *dev, uint32_t pt_depth,
				uint64_t base, uint32_t size);
void svga_mob_free(struct svga_dev *dev, struct svga_mob *mob);
int svga_mob_read(struct svga_dev *dev, const struct svga_mob *mob,
		  uint64_t off, void *buf, uint64_t len);
int svga_mob_write(struct svga_dev *dev, const struct svga_mob *mob,
		   uint64_t off, const void *buf, uint64_t len);

/* surfaces (svga_surface.c) */
int svga_surface_define(struct svga_dev *dev, uint32_t sid, uint64_t flags,
			uint32_t format, uint32_t num_mips, uint32_t samples,
			uint32_t w, uint32_t h, uint32_t d,
			uint32_t array_size);
void svga_surface_free(struct svga_dev *dev, struct svga_surface *s);

struct svga_box {
	uint32_t x, y, z, w, h, d;
};

enum svga_xfer_dir { SVGA_XFER_TO_HOST, SVGA_XFER_TO_GUEST };

int svga_surface_xfer_image(struct svga_dev *dev, struct svga_surface *s,
			    uint32_t layer, uint32_t mip,
			    const struct svga_box *box, bool invert,
			    enum svga_xfer_dir dir);
int svga_surface_xfer_all(struct svga_dev *dev, struct svga_surface *s,
			  enum svga_xfer_dir dir);
int svga_surface_copy_region(struct svga_dev *dev, struct svga_surface *dst,
			     uint32_t dlayer, uint32_t dmip,
			     struct svga_surface *src, uint32_t slayer,
			     uint32_t smip, const SVGA3dCopyBox *cb);
int svga_surface_check_image(struct svga_dev *dev, struct svga_surface *s,
			     uint32_t layer, uint32_t mip);
int svga_surface_clear_view(struct svga_dev *dev, struct svga_surface *s,
			    const struct svga_view *v, const float rgba[4]);
/* flags: SVGA3D_CLEAR_DEPTH and/or SVGA3D_CLEAR_STENCIL */
int svga_surface_clear_depth_stencil(struct svga_dev *dev,
				     struct svga_surface *s,
				     const struct svga_view *v, uint32_t flags,
				     float depth, uint8_t stencil);

/* commands (svga_cmd.c) */
/* Execute one command at buf[0..len).  On success, *used is its size. */
int svga_cmd_exec(struct svga_dev *dev, const uint8_t *buf, uint32_t len,
		  uint32_t *used);

#endif
