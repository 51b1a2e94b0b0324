/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga tests: DX contexts with every COTable set, DX command
 * buffer submission, and a draw hook that records the snapshots the
 * device hands to the renderer.  On top of harness.h.
 */
#ifndef SVGA_TEST_DX_HARNESS_H
#define SVGA_TEST_DX_HARNESS_H

#include "harness.h"
#include "svga_dx_draw.h"

/* MOB ids used for the COTables of a DX context: 100 + type. */
#define DX_COT_MOB(type) (100u + (type))

/* Entry size of each COTable type, as vmwgfx sizes its MOBs. */
static inline uint32_t dx_cot_esize(uint32_t type)
{
	switch (type) {
	case SVGA_COTABLE_RTVIEW: return sizeof(SVGACOTableDXRTViewEntry);
	case SVGA_COTABLE_DSVIEW: return sizeof(SVGACOTableDXDSViewEntry);
	case SVGA_COTABLE_SRVIEW: return sizeof(SVGACOTableDXSRViewEntry);
	case SVGA_COTABLE_ELEMENTLAYOUT:
		return sizeof(SVGACOTableDXElementLayoutEntry);
	case SVGA_COTABLE_BLENDSTATE:
		return sizeof(SVGACOTableDXBlendStateEntry);
	case SVGA_COTABLE_DEPTHSTENCIL:
		return sizeof(SVGACOTableDXDepthStencilEntry);
	case SVGA_COTABLE_RASTERIZERSTATE:
		return sizeof(SVGACOTableDXRasterizerStateEntry);
	case SVGA_COTABLE_SAMPLER: return sizeof(SVGACOTableDXSamplerEntry);
	case SVGA_COTABLE_STREAMOUTPUT:
		return sizeof(SVGACOTableDXStreamOutputEntry);
	case SVGA_COTABLE_DXQUERY: return sizeof(SVGACOTableDXQueryEntry);
	case SVGA_COTABLE_DXSHADER: return sizeof(SVGACOTableDXShaderEntry);
	default: return 0;
	}
}

/* Defines DX context cid with `entries` entries in each COTable but UA
 * views (MOB DX_COT_MOB(type), exactly entries * entry size bytes). */
static inline void dx_setup(struct tdev *t, struct cbuf *c, uint32_t cid,
			    uint32_t entries, struct tmob cot[SVGA_COTABLE_MAX])
{
	SVGA3dCmdDXDefineContext d = { cid };
	uint64_t keep;

	CMD(c, SVGA_3D_CMD_DX_DEFINE_CONTEXT, d);
	for (uint32_t type = 0; type < SVGA_COTABLE_MAX; type++) {
		uint32_t es = dx_cot_esize(type);
		SVGA3dCmdDXSetCOTable s = { cid, DX_COT_MOB(type), type, 0 };

		if (!es)
			continue;
		tmob_build(t, c, &cot[type], DX_COT_MOB(type), entries * es,
			   SVGA3D_MOBFMT_PT64_1);
		CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, s);
	}
	keep = t->g.next;
	run_ok(t, c, "dx_setup");
	t->g.next = keep;
}

static inline void dx_cot_free(struct tmob cot[SVGA_COTABLE_MAX])
{
	for (uint32_t type = 0; type < SVGA_COTABLE_MAX; type++)
		if (dx_cot_esize(type))
			tmob_free(&cot[type]);
}

/* Submit c on DX context cid and expect success. */
static inline void dx_ok(struct tdev *t, struct cbuf *c, uint32_t cid,
			 const char *what)
{
	struct submit_result r = submit_dx(t, c, cid);

	t_checks++;
	if (r.status != SVGA_CB_STATUS_COMPLETED) {
		t_failures++;
		fprintf(stderr, "%s: status %u at offset %u (%s)\n", what,
			r.status, r.error_offset, t->g.last_error);
	}
	cb_reset(c);
}

/*
 * Submit c on DX context cid and expect a command error at command idx,
 * with a guest error logged whose text contains `needle`; then restart
 * context 0 as vmwgfx does.
 */
static inline void dx_err(struct tdev *t, struct cbuf *c, uint32_t cid,
			  unsigned idx, const char *needle, const char *what)
{
	unsigned errors = t->g.errors;
	struct submit_result r;

	t->g.quiet = true;
	t->g.last_error[0] = 0;
	r = submit_dx(t, c, cid);
	t->g.quiet = false;
	if (getenv("SVGA_TEST_VERBOSE"))
		fprintf(stderr, "%s: guest error \"%s\"\n", what,
			t->g.last_error);
	t_checks++;
	if (r.status != SVGA_CB_STATUS_COMMAND_ERROR ||
	    r.error_offset != c->offs[idx]) {
		t_failures++;
		fprintf(stderr, "%s: expected error at %u, got status %u "
			"offset %u\n", what, c->offs[idx], r.status,
			r.error_offset);
	}
	t_checks++;
	if (t->g.errors == errors || !strstr(t->g.last_error, needle)) {
		t_failures++;
		fprintf(stderr, "%s: no guest error naming \"%s\" (last: "
			"\"%s\")\n", what, needle, t->g.last_error);
	}
	cb_reset(c);
	restart_ctx0(t);
}

/*
 * Setup commands every DX draw test sends.  Each appends to c and
 * submits nothing (but dx_define_shader_in_mob), so a test still
 * chooses where its submissions fall.
 */

/* Writes `size` bytes of VGPU10 code at `off` in MOB sh, defines shader
 * `id` of `type` (SVGA3D_SHADERTYPE_*) and binds it to that MOB and
 * offset, as Mesa does; submits on cid and expects success. */
static inline void dx_define_shader_in_mob(struct tdev *t, struct cbuf *c,
					   uint32_t cid, uint32_t id,
					   uint32_t type, struct tmob *sh,
					   uint32_t off, const void *code,
					   size_t size)
{
	SVGA3dCmdDXDefineShader d = { id, type, (uint32_t)size };
	SVGA3dCmdDXBindShader bd = { cid, id, sh->id, off };

	tmob_write(t, sh, off, code, size);
	CMD(c, SVGA_3D_CMD_DX_DEFINE_SHADER, d);
	CMD(c, SVGA_3D_CMD_DX_BIND_SHADER, bd);
	dx_ok(t, c, cid, "shader");
}

/* Render target view `id` of mip `mip`, slices first..first + slices - 1
 * of 2D (array) surface sid, seen as `format`. */
static inline void dx_define_rtv(struct cbuf *c, uint32_t id, uint32_t sid,
				 uint32_t format, uint32_t mip,
				 uint32_t first, uint32_t slices)
{
	SVGA3dCmdDXDefineRenderTargetView rtv;

	memset(&rtv, 0, sizeof(rtv));
	rtv.renderTargetViewId = id;
	rtv.sid = sid;
	rtv.format = format;
	rtv.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
	rtv.desc.tex.mipSlice = mip;
	rtv.desc.tex.firstArraySlice = first;
	rtv.desc.tex.arraySize = slices;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, rtv);
}

/* Render target view `id` of mip 0, slice 0 of 2D surface sid. */
static inline void dx_define_rtv_2d(struct cbuf *c, uint32_t id, uint32_t sid,
				    uint32_t format)
{
	dx_define_rtv(c, id, sid, format, 0, 0, 1);
}

/* Rasterizer state `id`: solid fill, no culling (so winding cannot hide
 * a primitive), depth clip on, 1-pixel lines; everything else 0. */
static inline void dx_define_rasterizer_no_cull(struct cbuf *c, uint32_t id)
{
	SVGA3dCmdDXDefineRasterizerState_v2 rs;

	memset(&rs, 0, sizeof(rs));
	rs.rasterizerId = id;
	rs.fillMode = SVGA3D_FILLMODE_FILL;
	rs.cullMode = SVGA3D_CULL_NONE;
	rs.depthClipEnable = 1;
	rs.lineWidth = 1.0f;
	CMD(c, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE_V2, rs);
}

/* Element layout `id`: v0 and v1, two float4 per vertex read from
 * vertex buffer slot 0 at offsets 0 and 16 (a position and a colour or
 * texture coordinate, 32 bytes a vertex). */
static inline void dx_define_layout_two_float4(struct cbuf *c, uint32_t id)
{
	struct {
		SVGA3dCmdDXDefineElementLayout h;
		SVGA3dInputElementDesc e[2];
	} el = { { id }, {
		{ 0, 0, SVGA3D_R32G32B32A32_FLOAT, SVGA3D_INPUT_PER_VERTEX_DATA, 0, 0 },
		{ 0, 16, SVGA3D_R32G32B32A32_FLOAT, SVGA3D_INPUT_PER_VERTEX_DATA, 0, 1 } } };

	CMD(c, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, el);
}

/* Vertex buffer slot 0: buffer surface sid from offset 0, `stride` bytes
 * a vertex. */
static inline void dx_set_vertex_buffer(struct cbuf *c, uint32_t sid,
					uint32_t stride)
{
	struct {
		SVGA3dCmdDXSetVertexBuffers h;
		SVGA3dVertexBuffer vb[1];
	} vbs = { { 0 }, { { sid, stride, 0 } } };

	CMD(c, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS, vbs);
}

/* Viewport 0 only: (0, 0, w, h), depth 0..1. */
static inline void dx_set_single_viewport(struct cbuf *c, float w, float h)
{
	struct {
		SVGA3dCmdDXSetViewports h;
		SVGA3dViewport vp[1];
	} vps = { { 0 }, { { 0, 0, w, h, 0.0f, 1.0f } } };

	CMD(c, SVGA_3D_CMD_DX_SET_VIEWPORTS, vps);
}

/* One render target (view rtv) and depth view dsv (SVGA3D_INVALID_ID:
 * none). */
static inline void dx_set_render_target(struct cbuf *c, uint32_t rtv,
					uint32_t dsv)
{
	struct {
		SVGA3dCmdDXSetRenderTargets h;
		uint32_t rtv[1];
	} rts = { { dsv }, { rtv } };

	CMD(c, SVGA_3D_CMD_DX_SET_RENDERTARGETS, rts);
}

/* A draw hook keeping a copy of the last snapshot and its bytecode. */
struct dx_capture {
	unsigned draws;
	int fail;                      /* returned by the hook */
	struct svga_dx_draw d;
	uint8_t code[SVGA_DX_NUM_STAGES][4096];
};

static inline int dx_capture_draw(void *opaque, const struct svga_dx_draw *d)
{
	struct dx_capture *cap = opaque;

	cap->draws++;
	cap->d = *d;
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++) {
		uint32_t n = d->pipeline.shader[s].size;

		if (d->pipeline.shader[s].code && n <= sizeof(cap->code[s]))
			memcpy(cap->code[s], d->pipeline.shader[s].code, n);
		cap->d.pipeline.shader[s].code = NULL;
	}
	cap->d.pipeline.so_decl = NULL;
	return cap->fail;
}

static const struct svga_dx_hooks dx_capture_hooks = {
	.draw = dx_capture_draw,
};

static inline void dx_capture_attach(struct tdev *t, struct dx_capture *cap)
{
	svga_cmd_set_dx_hooks(&t->dev->cmd, &dx_capture_hooks, cap);
}

#endif
