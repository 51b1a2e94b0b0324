// SPDX-License-Identifier: MIT
/*
 * svga-tri: the device draws, seen through the vmwgfx uAPI alone (no Mesa).
 *
 * A DX context; a vertex shader and a pixel shader written as VGPU10
 * tokens, defined and bound to a buffer object; an element layout, a
 * rasterizer state and a render target view; a vertex buffer surface
 * filled through its mapping and UPDATE_GB_SURFACE; then a clear and a
 * draw of one triangle whose vertex colours the rasterizer interpolates.
 *
 * 1. Explicit: READBACK_GB_SURFACE after the draw, fence wait, and every
 *    pixel of the mapped render target compared with the triangle worked
 *    out on the CPU (barycentric weights; pixels within 1.5 pixels of an
 *    edge are not compared, rasterisation rules may put them either side).
 * 2. Coherent: the same draw into a coherent render target, with no
 *    readback command: after the fence wait the CPU reads the mapping,
 *    so the kernel must zap the CPU's PTEs at the GPU use and read the
 *    surface back at the next CPU fault.  Its coherency statistics must
 *    show that readback.
 *
 * A device that does not draw leaves the clear colour inside the
 * triangle; one that draws wrong colours fails the comparison.
 */
#define _GNU_SOURCE
#include "coh_lib.h"
#include "shader_asm.h"
#include "svga_cmds.h"
#include "tap.h"
#include "vmw_uapi.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define W 64
#define H 64
#define VS_ID 0
#define PS_ID 1
#define PS_OFFSET 512          /* pixel shader's place in the code buffer */
#define LAYOUT_ID 0
#define RASTERIZER_ID 0
#define RTV_ID 0

struct vertex {
	float pos[4];
	float color[4];
};

/* Clockwise on the screen (y down), with every culling mode off. */
static const struct vertex tri[3] = {
	{ { -0.7f, -0.75f, 0.0f, 1.0f }, { 1.0f, 0.0f, 0.0f, 1.0f } },
	{ { 0.05f, 0.8f, 0.0f, 1.0f }, { 0.0f, 1.0f, 0.0f, 0.5f } },
	{ { 0.75f, -0.55f, 0.0f, 1.0f }, { 0.0f, 0.25f, 1.0f, 0.0f } },
};
static const float clear_rgba[4] = { 0.25f, 0.125f, 0.5f, 1.0f };

enum { VGPU10_PS = 0, VGPU10_VS = 1 };

/* o0 = v0 (SV_Position), o1 = v1 (colour) */
static size_t vertex_shader(struct asm_buf *b)
{
	asm_begin(b, VGPU10_VS, 4, 0);
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 0);          /* dcl_input v0 */
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 1);          /* dcl_input v1 */
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0);        /* dcl_output_siv */
	asm_dw(b, 1);                                        /* position */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 1);        /* dcl_output o1 */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 1); src(b, T_INPUT, SWZ_XYZW, 1);
	asm_op(b, 62, 0);                                    /* ret */
	return asm_finish(b);
}

/* o0 = v1, interpolated linearly */
static size_t pixel_shader(struct asm_buf *b)
{
	asm_begin(b, VGPU10_PS, 4, 0);
	asm_op(b, 98, 2); dst(b, T_INPUT, 0xf, 1);          /* dcl_input_ps linear */
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 0);        /* dcl_output o0 */
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 1);
	asm_op(b, 62, 0);
	return asm_finish(b);
}

static uint8_t to_unorm8(float v)
{
	v = v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
	return (uint8_t)lrintf(v * 255.0f);
}

/*
 * What pixel (x, y) must hold: 1 inside the triangle (out: the
 * interpolated colour), 0 outside (out: the clear colour), -1 too close
 * to an edge to say.
 */
static int expected_pixel(unsigned int x, unsigned int y, uint8_t out[4])
{
	float px = ((float)x + 0.5f) * 2.0f / W - 1.0f;
	float py = 1.0f - ((float)y + 0.5f) * 2.0f / H;
	float weight[3], twice_area, nearest = INFINITY;

	twice_area = (tri[1].pos[0] - tri[0].pos[0]) * (tri[2].pos[1] - tri[0].pos[1]) -
		     (tri[2].pos[0] - tri[0].pos[0]) * (tri[1].pos[1] - tri[0].pos[1]);
	for (int i = 0; i < 3; i++) {
		const float *a = tri[(i + 1) % 3].pos, *b = tri[(i + 2) % 3].pos;
		float edge = (b[0] - a[0]) * (py - a[1]) - (px - a[0]) * (b[1] - a[1]);
		float length = hypotf(b[0] - a[0], b[1] - a[1]);
		float pixels = fabsf(edge) / length * (W / 2.0f);

		weight[i] = edge / twice_area;
		nearest = pixels < nearest ? pixels : nearest;
	}
	if (nearest < 1.5f)
		return -1;
	if (weight[0] < 0 || weight[1] < 0 || weight[2] < 0) {
		for (int c = 0; c < 4; c++)
			out[c] = to_unorm8(clear_rgba[c]);
		return 0;
	}
	for (int c = 0; c < 4; c++)
		out[c] = to_unorm8(weight[0] * tri[0].color[c] +
				   weight[1] * tri[1].color[c] +
				   weight[2] * tri[2].color[c]);
	return 1;
}

struct pixel_check {
	unsigned int inside, outside, wrong;
	unsigned int first_x, first_y;
	uint8_t got[4], want[4];
};

static void compare_pixels(const uint8_t *px, size_t pitch, struct pixel_check *r)
{
	memset(r, 0, sizeof(*r));
	for (unsigned int y = 0; y < H; y++)
		for (unsigned int x = 0; x < W; x++) {
			const uint8_t *p = px + y * pitch + x * 4;
			uint8_t want[4];
			int where = expected_pixel(x, y, want);
			bool bad = false;

			if (where < 0)
				continue;
			if (where)
				r->inside++;
			else
				r->outside++;
			for (int c = 0; c < 4; c++)
				bad = bad || abs((int)p[c] - (int)want[c]) > 2;
			if (bad && !r->wrong++) {
				r->first_x = x;
				r->first_y = y;
				memcpy(r->got, p, 4);
				memcpy(r->want, want, 4);
			}
		}
}

struct scene {
	struct coh_env env;
	uint32_t code_handle;
	struct coh_surf vb;
};

static int define_pipeline(struct scene *s)
{
	struct svga_cmd_stream cs;
	struct asm_buf vs, ps;
	size_t vs_size = vertex_shader(&vs), ps_size = pixel_shader(&ps);
	uint64_t map_handle;
	uint8_t *code;
	int ret;

	ret = vmw_buffer_create(s->env.fd, 4096, &s->code_handle, &map_handle);
	if (ret)
		return ret;
	code = vmw_map(s->env.fd, map_handle, 4096);
	if (!code)
		return -errno;
	memcpy(code, vs.t, vs_size);
	memcpy(code + PS_OFFSET, ps.t, ps_size);
	munmap(code, 4096);

	svga_cmd_init(&cs);
	{
		SVGA3dCmdDXDefineShader dvs = { VS_ID, SVGA3D_SHADERTYPE_VS, (uint32_t)vs_size };
		SVGA3dCmdDXBindShader bvs = { s->env.dx, VS_ID, s->code_handle, 0 };
		SVGA3dCmdDXDefineShader dps = { PS_ID, SVGA3D_SHADERTYPE_PS, (uint32_t)ps_size };
		SVGA3dCmdDXBindShader bps = { s->env.dx, PS_ID, s->code_handle, PS_OFFSET };

		svga_cmd_append(&cs, SVGA_3D_CMD_DX_DEFINE_SHADER, &dvs, sizeof(dvs));
		svga_cmd_append(&cs, SVGA_3D_CMD_DX_BIND_SHADER, &bvs, sizeof(bvs));
		svga_cmd_append(&cs, SVGA_3D_CMD_DX_DEFINE_SHADER, &dps, sizeof(dps));
		svga_cmd_append(&cs, SVGA_3D_CMD_DX_BIND_SHADER, &bps, sizeof(bps));
	}
	{
		struct {
			SVGA3dCmdDXDefineElementLayout h;
			SVGA3dInputElementDesc e[2];
		} el = { { LAYOUT_ID }, {
			{ 0, 0, SVGA3D_R32G32B32A32_FLOAT, SVGA3D_INPUT_PER_VERTEX_DATA, 0, 0 },
			{ 0, 16, SVGA3D_R32G32B32A32_FLOAT, SVGA3D_INPUT_PER_VERTEX_DATA, 0, 1 } } };
		SVGA3dCmdDXDefineRasterizerState rs;

		memset(&rs, 0, sizeof(rs));
		rs.rasterizerId = RASTERIZER_ID;
		rs.fillMode = SVGA3D_FILLMODE_FILL;
		rs.cullMode = SVGA3D_CULL_NONE;
		rs.depthClipEnable = 1;
		rs.lineWidth = 1.0f;
		svga_cmd_append(&cs, SVGA_3D_CMD_DX_DEFINE_ELEMENTLAYOUT, &el, sizeof(el));
		svga_cmd_append(&cs, SVGA_3D_CMD_DX_DEFINE_RASTERIZER_STATE, &rs, sizeof(rs));
	}
	memcpy(s->vb.map, tri, sizeof(tri));
	svga_cmd_update_gb_surface(&cs, s->vb.s.handle);
	if (svga_cmd_failed(&cs))
		return -E2BIG;
	return vmw_submit_and_wait(s->env.fd, s->env.dx, cs.buf, cs.len);
}

/* Clear and draw into rt (through a view defined here); read it back
 * explicitly unless the surface is coherent. */
static int draw_triangle(struct scene *s, struct coh_surf *rt, bool readback)
{
	struct svga_cmd_stream cs;
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { LAYOUT_ID };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_TRIANGLELIST };
	SVGA3dCmdDXSetRasterizerState srs = { RASTERIZER_ID };
	SVGA3dCmdDXDraw draw = { 3, 0 };
	struct {
		SVGA3dCmdDXSetVertexBuffers h;
		SVGA3dVertexBuffer vb[1];
	} vbs = { { 0 }, { { s->vb.s.handle, sizeof(struct vertex), 0 } } };
	struct {
		SVGA3dCmdDXSetRenderTargets h;
		uint32_t rtv[1];
	} rts = { { SVGA3D_INVALID_ID }, { RTV_ID } };
	struct {
		SVGA3dCmdDXSetViewports h;
		SVGA3dViewport vp[1];
	} vps = { { 0 }, { { 0, 0, W, H, 0.0f, 1.0f } } };

	svga_cmd_init(&cs);
	svga_cmd_dx_define_rtv(&cs, RTV_ID, rt->s.handle, SVGA3D_R8G8B8A8_UNORM, 0, 0, 1);
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_SHADER, &svs, sizeof(svs));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_SHADER, &sps, sizeof(sps));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, &il, sizeof(il));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_VERTEX_BUFFERS, &vbs, sizeof(vbs));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_TOPOLOGY, &topo, sizeof(topo));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_RENDERTARGETS, &rts, sizeof(rts));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, &srs, sizeof(srs));
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_VIEWPORTS, &vps, sizeof(vps));
	svga_cmd_dx_clear_rtv(&cs, RTV_ID, clear_rgba);
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_DRAW, &draw, sizeof(draw));
	/* unbind and drop the view, so the next draw can use the id again */
	rts.rtv[0] = SVGA3D_INVALID_ID;
	svga_cmd_append(&cs, SVGA_3D_CMD_DX_SET_RENDERTARGETS, &rts, sizeof(rts));
	svga_cmd_dx_destroy_rtv(&cs, RTV_ID);
	if (readback)
		svga_cmd_readback_gb_surface(&cs, rt->s.handle);
	if (svga_cmd_failed(&cs))
		return -E2BIG;
	return vmw_submit_and_wait(s->env.fd, s->env.dx, cs.buf, cs.len);
}

static void check_picture(const char *what, const struct coh_surf *rt)
{
	struct pixel_check r;

	compare_pixels(rt->map, W * 4, &r);
	if (r.wrong)
		tap_diag("%s: first wrong pixel (%u,%u): got %u %u %u %u, want %u %u %u %u",
			 what, r.first_x, r.first_y, r.got[0], r.got[1], r.got[2],
			 r.got[3], r.want[0], r.want[1], r.want[2], r.want[3]);
	tap_ok(!r.wrong && r.inside > 500 && r.outside > 500,
	       "%s: %u pixels inside the triangle and %u outside as computed on the CPU, %u wrong",
	       what, r.inside, r.outside, r.wrong);
}

static int create_target(struct scene *s, bool coherent, struct coh_surf *rt)
{
	struct vmw_surface_desc d = coh_desc(SVGA3D_R8G8B8A8_UNORM,
					     SVGA3D_SURFACE_BIND_RENDER_TARGET |
					     SVGA3D_SURFACE_BIND_SHADER_RESOURCE,
					     W, H, 1, 1, 0);

	return coh_surf_create(&s->env, &d, coherent, VMW_INVALID_ID, rt);
}

static uint64_t renderer_counter(struct coh_env *e, unsigned int which)
{
	struct svga_counter c;

	svga_counters_read(&e->ctr, SVGA_COUNTERS_RENDERER + which, &c);
	return c.count;
}

int main(void)
{
	struct scene s;
	struct coh_surf rt, crt;
	long long k0[COH_K_NUM], k1[COH_K_NUM];
	int ret;

	tap_plan(7);
	memset(&s, 0, sizeof(s));
	coh_env_init(&s.env);
	{
		struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER,
						     SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
						     4096, 1, 1, 1, 0);

		ret = coh_surf_create(&s.env, &d, false, VMW_INVALID_ID, &s.vb);
	}
	if (ret)
		tap_bail("cannot create the vertex buffer surface: %s", strerror(-ret));
	ret = define_pipeline(&s);
	tap_ok(ret == 0, "shaders defined and bound to a buffer object, element layout, rasterizer state, vertex data (ret %d)",
	       ret);
	if (ret)
		tap_bail("no pipeline: the remaining tests cannot run");

	ret = create_target(&s, false, &rt);
	if (ret)
		tap_bail("cannot create the render target: %s", strerror(-ret));
	ret = draw_triangle(&s, &rt, true);
	tap_ok(ret == 0, "clear, draw, READBACK_GB_SURFACE; fence signalled (ret %d)", ret);
	check_picture("explicit readback", &rt);

	/* the same pipeline again: after warm-up a frame compiles nothing */
	{
		uint64_t t0, p0, h0;
		struct coh_surf rt2;

		t0 = renderer_counter(&s.env, SVGA_RENDERER_TRANSLATIONS);
		p0 = renderer_counter(&s.env, SVGA_RENDERER_PIPELINE_CREATIONS);
		h0 = renderer_counter(&s.env, SVGA_RENDERER_PIPELINE_CACHE_HITS);
		ret = create_target(&s, false, &rt2);
		if (!ret)
			ret = draw_triangle(&s, &rt2, true);
		tap_ok(ret == 0 && s.env.have_ctr && t0 >= 2 && p0 >= 1 &&
		       renderer_counter(&s.env, SVGA_RENDERER_TRANSLATIONS) == t0 &&
		       renderer_counter(&s.env, SVGA_RENDERER_PIPELINE_CREATIONS) == p0 &&
		       renderer_counter(&s.env, SVGA_RENDERER_PIPELINE_CACHE_HITS) > h0,
		       "second frame: no shader translated, no pipeline created, a pipeline cache hit (so far %llu translations, %llu pipelines; ret %d)",
		       (unsigned long long)t0, (unsigned long long)p0, ret);
		if (!ret)
			coh_surf_destroy(&s.env, &rt2);
	}

	ret = create_target(&s, true, &crt);
	if (ret)
		tap_bail("cannot create the coherent render target: %s", strerror(-ret));
	/* fault the mapping in first: the GPU's write must invalidate it */
	memset(crt.map, 0, W * H * 4);
	coh_kstats_read(k0);
	ret = draw_triangle(&s, &crt, false);
	tap_ok(ret == 0, "coherent target: clear and draw without a readback command (ret %d)", ret);
	check_picture("coherent mapping", &crt);
	coh_kstats_read(k1);
	tap_ok(k1[COH_K_READBACKS] > k0[COH_K_READBACKS] &&
	       k1[COH_K_READBACK_BYTES] - k0[COH_K_READBACK_BYTES] >= W * 4,
	       "the kernel read the drawn surface back at the CPU's fault: %lld readbacks, %lld bytes",
	       k1[COH_K_READBACKS] - k0[COH_K_READBACKS],
	       k1[COH_K_READBACK_BYTES] - k0[COH_K_READBACK_BYTES]);

	coh_surf_destroy(&s.env, &crt);
	coh_surf_destroy(&s.env, &rt);
	coh_surf_destroy(&s.env, &s.vb);
	vmw_buffer_close(s.env.fd, s.code_handle);
	coh_env_fini(&s.env);
	return tap_finish();
}
