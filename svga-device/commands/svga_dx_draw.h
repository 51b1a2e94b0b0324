/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, command layer: the snapshot of everything a
 * validated DX draw needs, handed to svga_dx_hooks.draw.
 *
 * It follows the renderer's interface (render/svga_render.h) field by
 * field: .pipeline maps onto struct svga_render_pipeline_desc and the rest
 * onto struct svga_render_draw, with device objects (surfaces, views,
 * states, shaders) in place of the renderer's handles and with SVGA
 * enumerations (SVGA3dPrimitiveType, SVGA3D_BLENDOP_*, ...) kept as the
 * guest sent them: the renderer's wiring translates values and looks up
 * its images, buffers, samplers and translated shaders.  Every id and
 * enumeration in it has been validated; every pointer is valid for the
 * duration of the hook call only.
 *
 * Field map (snapshot -> renderer):
 *   pipeline.shader[VS,GS,PS]   -> pipeline_desc.shaders[] (translate code)
 *   pipeline.topology           -> .topology (SVGA3D_PRIMITIVE_* table)
 *   pipeline.elements[i]        -> .elements[i]: inputRegister -> location,
 *                                  inputSlot -> binding, format, offset
 *                                  (alignedByteOffset ~0u: append-aligned)
 *                                  and .bindings[inputSlot]: per_instance =
 *                                  inputSlotClass, divisor = step rate
 *   pipeline.rs                 -> fill (FILL -> SOLID, LINE -> WIREFRAME),
 *                                  cull (NONE/FRONT/BACK), front_ccw,
 *                                  depth_clip_enable, provoking_last,
 *                                  depth_bias*, and draw.scissor_enable
 *   pipeline.so_decl            -> rasterizer_discard when its
 *                                  rasterizedStream is NO_RASTERIZED_STREAM;
 *                                  the shader key of the GS (else VS)
 *   so[] (sid, offset, size)    -> draw.so[]: buffer, offset (~0: append),
 *                                  end (backend/backend_streamout.c)
 *   pipeline.ds                 -> depth_*, stencil_*, front, back
 *                                  (SVGA3D_COMPARISON_* / STENCILOP_* are
 *                                  the renderer's values + 1)
 *   pipeline.bs                 -> alpha_to_coverage, blend[] (perRT)
 *   pipeline.num_rts, rt_formats, ds_format, samples, sample_mask
 *   rt[] / ds (view a, b, c = mip, first layer, layers for textures)
 *                               -> draw.rt[] + rt_view[], ds + ds_view
 *   viewports, scissors (left, top, right, bottom -> x, y, w, h)
 *   vbufs[], index_buffer + index_size, stage[].cb/sampler/srv
 *   blend_factor, stencil_ref, count, instances, first, base_vertex,
 *   first_instance              -> the same fields of svga_render_draw
 * SRV (a, b, c, d) = (mostDetailedMip, firstArraySlice, mipLevels,
 * arraySize), buffers (firstElement, numElements); the shader's
 * dcl_resource chooses the view type (backend/backend_srv.c).
 * Sampler maxAnisotropy is as the guest sent it (Mesa: always 255):
 * clamp it.  The snapshot carries the protocol's 16 constant-buffer slots;
 * the renderer backs 14 to 16 of them (svga_render_limits), the glue
 * refuses a buffer bound past that.
 */
#ifndef SVGA_DX_DRAW_H
#define SVGA_DX_DRAW_H

#include "svga_commands.h"
#include "svga_dxstate.h"

struct svga_dx_draw_shader {
	uint32_t id;                  /* SVGA3D_INVALID_ID: stage unused */
	uint32_t type;                /* SVGA3D_SHADERTYPE_*             */
	const uint8_t *code;          /* VGPU10 bytecode                 */
	uint32_t size;
};

/* -> svga_render_pipeline_desc */
struct svga_dx_draw_pipeline {
	struct svga_dx_draw_shader shader[SVGA_DX_NUM_STAGES];
	uint32_t topology;            /* SVGA3dPrimitiveType             */
	uint32_t element_layout;      /* id or INVALID (no inputs)       */
	uint32_t num_elements;
	SVGA3dInputElementDesc elements[SVGA3D_DX_SM41_MAX_VERTEXINPUTREGISTERS];
	/* id INVALID: D3D10 defaults, the entry is zero */
	uint32_t rasterizer;
	SVGACOTableDXRasterizerStateEntry rs;
	uint32_t depth_stencil;
	SVGACOTableDXDepthStencilEntry ds;
	uint32_t blend;
	/* perRT[i] already resolved: RT 0's state for every target when
	 * independent blending is off */
	SVGACOTableDXBlendStateEntry bs;
	uint32_t num_rts;
	uint32_t rt_formats[SVGA3D_DX_MAX_RENDER_TARGETS];  /* 0: none  */
	uint32_t ds_format;                                /* 0: none   */
	uint32_t samples, sample_mask;
	uint32_t streamoutput;        /* id or INVALID                  */
	const SVGACOTableDXStreamOutputEntry *so_decl;
};

/* A view as bound: its id, surface and subresource range. */
struct svga_dx_draw_view {
	uint32_t id;                  /* INVALID: unbound                */
	uint32_t sid;
	uint32_t format;
	uint32_t dim;                 /* SVGA3D_RESOURCE_*              */
	uint32_t a, b, c;             /* the view desc as defined        */
	uint32_t d;                   /* SRVs: arraySize                 */
};

struct svga_dx_draw_buffer {
	uint32_t sid;                 /* INVALID: unbound (reads 0)      */
	uint32_t offset;
	uint32_t size;                /* bytes from offset, clamped to the
				       * surface                         */
	uint32_t stride;              /* vertex buffers only             */
};

struct svga_dx_draw_stage {
	struct svga_dx_draw_buffer cb[SVGA3D_DX_MAX_CONSTBUFFERS];
	uint32_t sampler_id[SVGA3D_DX_MAX_SAMPLERS];   /* INVALID: none */
	SVGACOTableDXSamplerEntry sampler[SVGA3D_DX_MAX_SAMPLERS];
	struct svga_dx_draw_view srv[SVGA3D_DX_MAX_SRVIEWS];
};

enum svga_dx_draw_kind {
	SVGA_DX_DRAW_PLAIN,            /* DRAW, DRAW_INSTANCED            */
	SVGA_DX_DRAW_INDEXED,          /* DRAW_INDEXED(_INSTANCED)        */
	SVGA_DX_DRAW_AUTO,             /* DRAW_AUTO: count from SO target */
};

/* -> svga_render_draw */
struct svga_dx_draw {
	uint32_t cid;
	struct svga_dx_draw_pipeline pipeline;
	struct svga_dx_draw_view rt[SVGA3D_DX_MAX_RENDER_TARGETS];
	struct svga_dx_draw_view ds;
	uint32_t num_viewports;
	SVGA3dViewport viewports[SVGA3D_DX_MAX_VIEWPORTS];
	uint32_t scissor_enable;
	uint32_t num_scissors;
	SVGASignedRect scissors[SVGA3D_DX_MAX_SCISSORRECTS];
	struct svga_dx_draw_buffer vbufs[SVGA3D_DX_MAX_VERTEXBUFFERS];
	struct svga_dx_draw_buffer index_buffer;
	uint32_t index_size;          /* 2 or 4; 0 when not indexed      */
	struct svga_dx_draw_stage stage[SVGA_DX_NUM_STAGES];
	float blend_factor[4];
	uint32_t stencil_ref;
	uint32_t num_so;
	SVGA3dSoTarget so[SVGA3D_DX_MAX_SOTARGETS];
	uint32_t pred_query, pred_value;   /* INVALID: not predicated    */
	/* what to draw */
	uint32_t kind;                /* enum svga_dx_draw_kind          */
	uint32_t count;               /* vertices or indices             */
	uint32_t instances;           /* 1 for the non-instanced draws   */
	uint32_t first;               /* first vertex or first index     */
	int32_t base_vertex;          /* indexed only                    */
	uint32_t first_instance;
};

#endif
