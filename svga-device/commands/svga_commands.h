/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, command layer: one handler per SVGA3D
 * command, grouped by family (one file each).  A handler decodes its
 * command's body, validates it and acts on the object model (later also
 * the renderer).  It knows nothing of registers or command buffers: the
 * protocol layer's table (protocol/svga_cmd_table.c) maps ids to handlers
 * and has already checked that the body is at least as large as the
 * command's fixed part.
 *
 * Handlers return SVGA_OK, or SVGA_ERR after logging a guest error; the
 * protocol layer turns that into a command error of the buffer.
 */
#ifndef SVGA_COMMANDS_H
#define SVGA_COMMANDS_H

#include "svga_objects.h"

#include <string.h>

/* What a handler may use while a command buffer runs. */
struct svga_cmd_ctx {
	struct svga_objects *om;
	struct svga_log *log;
	const struct svga_config *cfg;
	/* the embedder's screen_update callback (may be NULL) and argument */
	void (*screen_update)(void *opaque, uint32_t stid, uint32_t x,
			      uint32_t y, uint32_t w, uint32_t h);
	void *opaque;
	uint32_t dx_cid;          /* dxContext of the buffer being run, or
				   * SVGA3D_INVALID_ID                     */
	/* The renderer's entry points for DX draws and query results, set
	 * by its wiring (svga_cmd_set_dx_hooks, cmd_dx_draw.c); NULL: no
	 * renderer, draws are validated and counted, not executed. */
	const struct svga_dx_hooks *dx_hooks;
	void *dx_hooks_opaque;
	uint64_t dx_draws_validated;  /* draws that passed validation    */
};

struct svga_dx_draw;
/* What a renderer provides to the DX command layer (all optional). */
struct svga_dx_hooks {
	/* Executes one validated draw; the snapshot lives for the call
	 * only.  Non-zero: the draw failed (a command error). */
	int (*draw)(void *opaque, const struct svga_dx_draw *d);
	/* Queries answered by the renderer (cmd_dx_query.c), query qid of
	 * DX context cid, already validated.  begin: restarts the count
	 * (non-zero: a command error, the hook logged why).  end: ends it
	 * (timestamps: takes the time).  result: the result bytes (len) of
	 * an ended query; non-zero: no result (written as FAILED).
	 * query_destroy: the id is gone or redefined (qid
	 * SVGA3D_INVALID_ID: every query of cid, the context is gone); the
	 * renderer frees what it kept for it. */
	int (*query_begin)(void *opaque, uint32_t cid, uint32_t qid,
			   const SVGACOTableDXQueryEntry *q);
	int (*query_end)(void *opaque, uint32_t cid, uint32_t qid,
			 const SVGACOTableDXQueryEntry *q);
	int (*query_result)(void *opaque, uint32_t cid, uint32_t qid,
			    const SVGACOTableDXQueryEntry *q, void *result,
			    uint32_t len);
	void (*query_destroy)(void *opaque, uint32_t cid, uint32_t qid);
	/* The result of predicate qid for a predicated clear or copy
	 * (svga_cmd_dx_predicated): 0 with *any_passed set; 1: no result
	 * (never begun or not ended: the operation runs); -1: a predicate
	 * the renderer cannot evaluate (a command error, the hook logged
	 * why). */
	int (*predicate_result)(void *opaque, uint32_t cid, uint32_t qid,
				uint32_t *any_passed);
	/* PRESENTBLT, already validated (cmd_dx_draw.c); NULL: a command
	 * error (GENMIPS runs on host storage, objects/svga_genmips.c). */
	int (*present_blt)(void *opaque, const SVGA3dCmdDXPresentBlt *c);
	/* DX_RESOLVE_COPY, already validated (cmd_dx_transfer.c): src
	 * multisampled, dst single-sampled, the subresources' sizes equal,
	 * the formats of one block size; NULL: a command error (host
	 * storage holds no samples). */
	int (*resolve_copy)(void *opaque, const SVGA3dCmdDXResolveCopy *c);
};
void svga_cmd_set_dx_hooks(struct svga_cmd_ctx *cx,
			   const struct svga_dx_hooks *hooks, void *opaque);

typedef int (*svga_cmd_fn)(struct svga_cmd_ctx *cx, const uint8_t *body,
			   uint32_t size);

/* The fixed part of a command body, copied out (the buffer is unaligned). */
#define SVGA_BODY(T, v) T v; memcpy(&v, body, sizeof(v))

#define SVGA_CMD(name) \
	int name(struct svga_cmd_ctx *cx, const uint8_t *body, uint32_t size)

/* Every command without an effect on this device yet. */
SVGA_CMD(svga_cmd_noop);

/* cmd_mob.c: object tables and MOBs */
SVGA_CMD(svga_cmd_set_otable_base);
SVGA_CMD(svga_cmd_set_otable_base64);
SVGA_CMD(svga_cmd_grow_otable);
SVGA_CMD(svga_cmd_readback_otable);
SVGA_CMD(svga_cmd_define_gb_mob);
SVGA_CMD(svga_cmd_define_gb_mob64);
SVGA_CMD(svga_cmd_redefine_gb_mob64);
SVGA_CMD(svga_cmd_destroy_gb_mob);

/* cmd_surface.c: GB surfaces, their transfers and copies */
SVGA_CMD(svga_cmd_define_gb_surface);
SVGA_CMD(svga_cmd_define_gb_surface_v2);
SVGA_CMD(svga_cmd_define_gb_surface_v3);
SVGA_CMD(svga_cmd_define_gb_surface_v4);
SVGA_CMD(svga_cmd_destroy_gb_surface);
SVGA_CMD(svga_cmd_bind_gb_surface);
SVGA_CMD(svga_cmd_cond_bind_gb_surface);
SVGA_CMD(svga_cmd_update_gb_image);
SVGA_CMD(svga_cmd_update_gb_surface);
SVGA_CMD(svga_cmd_readback_gb_image);
SVGA_CMD(svga_cmd_readback_gb_surface);
SVGA_CMD(svga_cmd_readback_gb_image_partial);
SVGA_CMD(svga_cmd_invalidate_gb_image);
SVGA_CMD(svga_cmd_invalidate_gb_image_partial);
SVGA_CMD(svga_cmd_invalidate_gb_surface);
SVGA_CMD(svga_cmd_surface_copy);
SVGA_CMD(svga_cmd_intra_surface_copy);

/* cmd_context.c: GB contexts, GB shaders, GB queries */
SVGA_CMD(svga_cmd_define_gb_context);
SVGA_CMD(svga_cmd_destroy_gb_context);
SVGA_CMD(svga_cmd_bind_gb_context);
SVGA_CMD(svga_cmd_gb_context_op);
SVGA_CMD(svga_cmd_define_gb_shader);
SVGA_CMD(svga_cmd_bind_gb_shader);
SVGA_CMD(svga_cmd_destroy_gb_shader);
SVGA_CMD(svga_cmd_begin_gb_query);
SVGA_CMD(svga_cmd_end_gb_query);

/* cmd_screen.c: screen targets */
SVGA_CMD(svga_cmd_define_gb_screentarget);
SVGA_CMD(svga_cmd_destroy_gb_screentarget);
SVGA_CMD(svga_cmd_bind_gb_screentarget);
SVGA_CMD(svga_cmd_update_gb_screentarget);

/* cmd_dx_context.c: DX contexts and their COTables */
SVGA_CMD(svga_cmd_dx_define_context);
SVGA_CMD(svga_cmd_dx_destroy_context);
SVGA_CMD(svga_cmd_dx_bind_context);
SVGA_CMD(svga_cmd_dx_context_op);
SVGA_CMD(svga_cmd_dx_set_cotable);
SVGA_CMD(svga_cmd_dx_readback_cotable);
/* The DX context the current buffer runs on, with a guest error if none. */
struct svga_dxctx *svga_cmd_cur_dxctx(struct svga_cmd_ctx *cx);

/* cmd_dx_view.c: DX views and their clears */
SVGA_CMD(svga_cmd_dx_define_rtv);
SVGA_CMD(svga_cmd_dx_destroy_rtv);
SVGA_CMD(svga_cmd_dx_define_srv);
SVGA_CMD(svga_cmd_dx_destroy_srv);
SVGA_CMD(svga_cmd_dx_define_dsv);
SVGA_CMD(svga_cmd_dx_destroy_dsv);
SVGA_CMD(svga_cmd_dx_clear_rtv);
SVGA_CMD(svga_cmd_dx_clear_dsv);

/* cmd_dx_states.c: element layouts, blend / depth-stencil / rasterizer /
 * sampler states, stream output */
SVGA_CMD(svga_cmd_dx_define_element_layout);
SVGA_CMD(svga_cmd_dx_destroy_element_layout);
SVGA_CMD(svga_cmd_dx_define_blend_state);
SVGA_CMD(svga_cmd_dx_destroy_blend_state);
SVGA_CMD(svga_cmd_dx_define_depthstencil_state);
SVGA_CMD(svga_cmd_dx_destroy_depthstencil_state);
SVGA_CMD(svga_cmd_dx_define_rasterizer_state);
SVGA_CMD(svga_cmd_dx_define_rasterizer_state_v2);
SVGA_CMD(svga_cmd_dx_destroy_rasterizer_state);
SVGA_CMD(svga_cmd_dx_define_sampler_state);
SVGA_CMD(svga_cmd_dx_destroy_sampler_state);
SVGA_CMD(svga_cmd_dx_define_streamoutput);
SVGA_CMD(svga_cmd_dx_destroy_streamoutput);
SVGA_CMD(svga_cmd_dx_set_streamoutput);

/* cmd_dx_shader.c: DX shaders */
SVGA_CMD(svga_cmd_dx_define_shader);
SVGA_CMD(svga_cmd_dx_destroy_shader);
SVGA_CMD(svga_cmd_dx_bind_shader);
SVGA_CMD(svga_cmd_dx_bind_all_shader);
SVGA_CMD(svga_cmd_dx_cond_bind_all_shader);
/* VS, GS or PS (an SM4.1 device), else a guest error naming cmd. */
bool svga_cmd_dx_shader_type_ok(struct svga_cmd_ctx *cx, const char *cmd,
				uint32_t type);

/* cmd_dx_query.c: DX queries and predication */
/* Whether the current DX context's predication skips a predicated clear
 * or copy: 1 skip, 0 run, SVGA_ERR after a guest error.  Without a
 * renderer there are no results: it runs. */
int svga_cmd_dx_predicated(struct svga_cmd_ctx *cx, const char *cmd);
SVGA_CMD(svga_cmd_dx_define_query);
SVGA_CMD(svga_cmd_dx_destroy_query);
SVGA_CMD(svga_cmd_dx_bind_query);
SVGA_CMD(svga_cmd_dx_set_query_offset);
SVGA_CMD(svga_cmd_dx_move_query);
SVGA_CMD(svga_cmd_dx_begin_query);
SVGA_CMD(svga_cmd_dx_end_query);
SVGA_CMD(svga_cmd_dx_readback_query);
SVGA_CMD(svga_cmd_dx_bind_all_query);
SVGA_CMD(svga_cmd_dx_readback_all_query);
SVGA_CMD(svga_cmd_dx_set_predication);

/* cmd_dx_bind.c: the DX_SET_* pipeline bindings */
SVGA_CMD(svga_cmd_dx_set_shader);
SVGA_CMD(svga_cmd_dx_set_single_constant_buffer);
SVGA_CMD(svga_cmd_dx_set_vs_cb_offset);
SVGA_CMD(svga_cmd_dx_set_ps_cb_offset);
SVGA_CMD(svga_cmd_dx_set_gs_cb_offset);
SVGA_CMD(svga_cmd_dx_set_shader_resources);
SVGA_CMD(svga_cmd_dx_set_samplers);
SVGA_CMD(svga_cmd_dx_set_input_layout);
SVGA_CMD(svga_cmd_dx_set_vertex_buffers);
SVGA_CMD(svga_cmd_dx_set_vertex_buffers_v2);
SVGA_CMD(svga_cmd_dx_set_vertex_buffers_offset_and_size);
SVGA_CMD(svga_cmd_dx_set_index_buffer);
SVGA_CMD(svga_cmd_dx_set_index_buffer_v2);
SVGA_CMD(svga_cmd_dx_set_index_buffer_offset_and_size);
SVGA_CMD(svga_cmd_dx_set_topology);
SVGA_CMD(svga_cmd_dx_set_rendertargets);
SVGA_CMD(svga_cmd_dx_set_blend_state);
SVGA_CMD(svga_cmd_dx_set_depthstencil_state);
SVGA_CMD(svga_cmd_dx_set_rasterizer_state);
SVGA_CMD(svga_cmd_dx_set_viewports);
SVGA_CMD(svga_cmd_dx_set_scissorrects);
SVGA_CMD(svga_cmd_dx_set_sotargets);
SVGA_CMD(svga_cmd_dx_set_min_lod);
SVGA_CMD(svga_cmd_dx_hint);

/* cmd_dx_draw.c: draws (validated, snapshotted, handed to the hook),
 * PRESENTBLT, GENMIPS */
SVGA_CMD(svga_cmd_dx_draw);
SVGA_CMD(svga_cmd_dx_draw_indexed);
SVGA_CMD(svga_cmd_dx_draw_instanced);
SVGA_CMD(svga_cmd_dx_draw_indexed_instanced);
SVGA_CMD(svga_cmd_dx_draw_auto);
SVGA_CMD(svga_cmd_dx_present_blt);
SVGA_CMD(svga_cmd_dx_gen_mips);

/* cmd_dx_transfer.c: DX subresource transfers and copies */
SVGA_CMD(svga_cmd_dx_update_subresource);
SVGA_CMD(svga_cmd_dx_readback_subresource);
SVGA_CMD(svga_cmd_dx_invalidate_subresource);
SVGA_CMD(svga_cmd_dx_pred_copy_region);
SVGA_CMD(svga_cmd_dx_pred_copy);
SVGA_CMD(svga_cmd_dx_resolve_copy);
SVGA_CMD(svga_cmd_dx_buffer_copy);
SVGA_CMD(svga_cmd_dx_transfer_from_buffer);

static inline struct svga_surface *svga_cmd_surface(struct svga_cmd_ctx *cx,
						   uint32_t sid)
{
	return svga_obj_lookup(cx->om, SVGA_OBJ_SURFACE, sid);
}

static inline struct svga_mob *svga_cmd_mob(struct svga_cmd_ctx *cx,
					    uint32_t mobid)
{
	return svga_obj_lookup(cx->om, SVGA_OBJ_MOB, mobid);
}

static inline struct svga_gbctx *svga_cmd_gbctx(struct svga_cmd_ctx *cx,
						uint32_t cid)
{
	return svga_obj_lookup(cx->om, SVGA_OBJ_CONTEXT, cid);
}

/* A MOB id argument that may be SVGA3D_INVALID_ID (unbind). */
static inline int svga_cmd_check_mob_or_invalid(struct svga_cmd_ctx *cx,
						uint32_t mobid)
{
	if (mobid == SVGA3D_INVALID_ID)
		return SVGA_OK;
	return svga_cmd_mob(cx, mobid) ? SVGA_OK : SVGA_ERR;
}

static inline void svga_box_from(struct svga_box *b, const SVGA3dBox *sb)
{
	*b = (struct svga_box){ sb->x, sb->y, sb->z, sb->w, sb->h, sb->d };
}

#endif
