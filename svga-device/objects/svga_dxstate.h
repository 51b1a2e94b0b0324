/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, object layer: the DX pipeline objects kept in
 * a DX context's COTables (element layouts, blend / depth-stencil /
 * rasterizer / sampler states, DX shaders, stream-output declarations,
 * queries) and the state a context has bound for its draws.
 *
 * Each COTable holds its entries on the host in the guest's own entry
 * format (SVGACOTableDX*Entry), so a later READBACK_COTABLE can write them
 * out unchanged; ids are bounded by the entries the guest's COTable MOB
 * holds (SET_COTABLE / GROW_COTABLE), as on a VMware host.
 */
#ifndef SVGA_DXSTATE_H
#define SVGA_DXSTATE_H

#include "svga_objects.h"

/* Bytecode kept for all DX shaders of the device together, and for one. */
#define SVGA_DX_SHADER_BYTES_MAX (64u << 20)
#define SVGA_DX_SHADER_SIZE_MAX (1u << 20)
/* Host memory for the COTable entries of all DX contexts together. */
#define SVGA_DX_COTABLE_BYTES_MAX (64u << 20)

/* Shader stages a draw uses, in the renderer's order (VS, GS, PS). */
enum svga_dx_stage {
	SVGA_DX_STAGE_VS = 0,
	SVGA_DX_STAGE_GS = 1,
	SVGA_DX_STAGE_PS = 2,
	SVGA_DX_NUM_STAGES = 3,
};

/* A DX shader: its COTable entry and, once bound, its bytecode. */
struct svga_dxshader {
	SVGACOTableDXShaderEntry e;
	uint8_t *code;            /* sizeInBytes bytes read at BIND_SHADER */
};

/* One COTable's host entries (every type but the views). */
struct svga_dxobjs {
	uint8_t *data;            /* entries * svga_dxobj_size(type) bytes  */
	uint8_t *live;            /* entries flags                          */
};

struct svga_dx_cb {
	uint32_t sid;             /* SVGA3D_INVALID_ID: unbound              */
	uint32_t offset, size;
};

struct svga_dx_vbuf {
	uint32_t sid;             /* SVGA3D_INVALID_ID: unbound              */
	uint32_t stride, offset;
	uint32_t size;            /* 0 from the v1 command: to the end       */
};

/* What one DX context has bound: set by the DX_SET_* commands. */
struct svga_dx_bound {
	uint32_t shader[SVGA_DX_NUM_STAGES];      /* shader ids or INVALID */
	struct svga_dx_cb cb[SVGA_DX_NUM_STAGES][SVGA3D_DX_MAX_CONSTBUFFERS];
	uint32_t srv[SVGA_DX_NUM_STAGES][SVGA3D_DX_MAX_SRVIEWS];
	uint32_t sampler[SVGA_DX_NUM_STAGES][SVGA3D_DX_MAX_SAMPLERS];
	uint32_t element_layout;
	struct svga_dx_vbuf vbuf[SVGA3D_DX_MAX_VERTEXBUFFERS];
	struct svga_dx_vbuf ibuf;                 /* stride unused         */
	uint32_t ib_format;                       /* R16_UINT / R32_UINT   */
	uint32_t topology;                        /* SVGA3dPrimitiveType   */
	uint32_t num_rts;
	uint32_t rtv[SVGA3D_DX_MAX_RENDER_TARGETS];
	uint32_t dsv;
	uint32_t blend;
	float blend_factor[4];
	uint32_t sample_mask;
	uint32_t depth_stencil;
	uint32_t stencil_ref;
	uint32_t rasterizer;
	uint32_t num_viewports;
	SVGA3dViewport viewport[SVGA3D_DX_MAX_VIEWPORTS];
	uint32_t num_scissors;
	SVGASignedRect scissor[SVGA3D_DX_MAX_SCISSORRECTS];
	uint32_t pred_query;
	uint32_t pred_value;
	uint32_t num_so;
	SVGA3dSoTarget so[SVGA3D_DX_MAX_SOTARGETS];
	uint32_t streamoutput;                    /* SET_STREAMOUTPUT id   */
};

/* Resets a context's bindings to "nothing bound" (all ids INVALID). */
void svga_dx_bound_reset(struct svga_dx_bound *b);

/* Host bytes of one entry of COTable type (0 for the view types). */
uint32_t svga_dxobj_size(uint32_t type);
/* Bytes of one entry of a COTable of this type, as the guest lays it out. */
uint32_t svga_cotable_entry_size(uint32_t type);

/*
 * The entry id of COTable type in ctx, for defining it: a guest error
 * naming cmd when id is beyond the COTable or already live.
 */
void *svga_dxobj_new(struct svga_objects *om, struct svga_dxctx *ctx,
		     uint32_t type, uint32_t id, const char *cmd);
/* Marks the entry returned by svga_dxobj_new live. */
void svga_dxobj_commit(struct svga_dxctx *ctx, uint32_t type, uint32_t id);
/* A live entry, or NULL with a guest error naming cmd. */
void *svga_dxobj_get(struct svga_objects *om, struct svga_dxctx *ctx,
		     uint32_t type, uint32_t id, const char *cmd);
/* A live entry or NULL, without logging (draw-time checks log their own). */
void *svga_dxobj_peek(struct svga_dxctx *ctx, uint32_t type, uint32_t id);
/* Destroys a live entry (frees a shader's bytecode). */
int svga_dxobj_destroy(struct svga_objects *om, struct svga_dxctx *ctx,
		       uint32_t type, uint32_t id, const char *cmd);

/* COTable resize: keeps entries [0, keep), frees the others. */
int svga_dxobjs_resize(struct svga_objects *om, struct svga_cotable *cot,
		       uint32_t type, uint32_t old_entries,
		       uint32_t new_entries, uint32_t keep);
void svga_dxobjs_free(struct svga_objects *om, struct svga_cotable *cot,
		      uint32_t type);

/* DX shaders (svga_dxshader.c) */
int svga_dxshader_bind(struct svga_objects *om, struct svga_dxshader *sh,
		       uint32_t mobid, uint32_t offset, const char *cmd);
void svga_dxshader_unbind(struct svga_objects *om, struct svga_dxshader *sh);

/* DX queries (svga_dxquery.c) */
/* Writes state (and result bytes, if any) at the query's MOB offset. */
int svga_dxquery_write(struct svga_objects *om, SVGACOTableDXQueryEntry *q,
		       uint32_t state, const void *result, uint32_t len);
/* Size of the result struct of query type (0 for an unknown type). */
uint32_t svga_dxquery_result_size(uint32_t type);
/* Host monotonic clock in ns, and its frequency (1e9). */
uint64_t svga_dxquery_now_ns(void);
#define SVGA_DX_TIMESTAMP_FREQUENCY 1000000000ull

#endif
