// SPDX-License-Identifier: MIT
/*
 * Renderer draws, checked by rendered pixels: a triangle against a CPU
 * barycentric reference away from its edges; cull, blend, write masks,
 * depth test; constant buffer + texture + sampler (and null descriptors);
 * indexed, instanced draws with instance divisors; the pipeline cache's
 * hits, creations and evictions.  SPIR-V from GLSL (shaders/, compiled by
 * glslangValidator at build time).
 */
#include "render_test.h"

#include "svga3d_types.h"

#include <math.h>

#include "spv_color_vs.h"
#include "spv_color_ps.h"
#include "spv_texture_ps.h"
#include "spv_xfb_vs.h"
#include "spv_dual_ps.h"
#include "spv_mrt_ps.h"
#include "spv_shift_gs.h"

#define W 64
#define H 64

struct vtx {
	float pos[3];
	float color[4];
};

struct ctx {
	struct svga_render *r;
	struct svga_render_shader *vs, *ps, *ps_tex;
	struct svga_render_image *rt, *ds;
	struct svga_render_buffer *vb, *inst, *ib;
	uint8_t px[W * H * 4];
};

static void base_desc(struct ctx *c, struct svga_render_pipeline_desc *d)
{
	svga_render_pipeline_desc_init(d);
	d->shaders[SVGA_RENDER_STAGE_VS] = c->vs;
	d->shaders[SVGA_RENDER_STAGE_PS] = c->ps;
	d->num_elements = 3;
	d->elements[0] = (struct svga_render_vertex_element){
		0, 0, SVGA3D_R32G32B32_FLOAT, 0 };
	d->elements[1] = (struct svga_render_vertex_element){
		1, 0, SVGA3D_R32G32B32A32_FLOAT, 12 };
	/* per-instance x offset from slot 1 (unbound: reads 0) */
	d->elements[2] = (struct svga_render_vertex_element){
		2, 1, SVGA3D_R32_FLOAT, 0 };
	d->bindings[1] = (struct svga_render_vertex_binding){ 1, 1 };
	d->num_rts = 1;
	d->rt_formats[0] = SVGA3D_R8G8B8A8_UNORM;
	d->depth_enable = 0;
}

static void base_draw(struct ctx *c, struct svga_render_draw *dr,
		      const struct svga_render_pipeline_desc *d)
{
	memset(dr, 0, sizeof(*dr));
	dr->pipeline = d;
	dr->rt[0] = c->rt;
	dr->rt_view[0] = (struct svga_render_view){ 0, 0, 1 };
	dr->num_viewports = 1;
	dr->viewports[0] = (struct svga_render_viewport){ 0, 0, W, H, 0, 1 };
	dr->vbufs[0] = (struct svga_render_vbuf){ c->vb, 0, sizeof(struct vtx), 0 };
	dr->count = 3;
}

static void clear_rt(struct ctx *c, float r, float g, float b, float a)
{
	struct svga_render_view v = { 0, 0, 1 };
	union svga_render_color col = { .f = { r, g, b, a } };

	ROK(c->r, svga_render_clear_color(c->r, c->rt, &v, NULL, &col));
}

static void read_rt(struct ctx *c)
{
	struct svga_render_box all = { 0, 0, 0, W, H, 1 };

	memset(c->px, 0xcd, sizeof(c->px));
	ROK(c->r, svga_render_image_readback(c->r, c->rt, 0, 0, &all, c->px,
					     W * 4, W * H * 4));
}

static void draw_verts(struct ctx *c, const struct svga_render_pipeline_desc *d,
		       const struct vtx *v, uint32_t n, bool with_ds)
{
	struct svga_render_draw dr;

	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, n * sizeof(*v), v));
	base_draw(c, &dr, d);
	dr.count = n;
	if (with_ds) {
		dr.ds = c->ds;
		dr.ds_view = (struct svga_render_view){ 0, 0, 1 };
	}
	ROK(c->r, svga_render_draw(c->r, &dr));
}

/* a triangle covering the whole target, one color, depth z */
static void fullscreen(struct vtx v[3], const float col[4], float z)
{
	const float p[3][2] = { { -1, -1 }, { 3, -1 }, { -1, 3 } };

	for (int i = 0; i < 3; i++) {
		v[i] = (struct vtx){ { p[i][0], p[i][1], z },
				     { col[0], col[1], col[2], col[3] } };
	}
}

static int count_pixels(const struct ctx *c, const uint8_t want[4], int tol)
{
	int n = 0;

	for (int i = 0; i < W * H; i++) {
		bool ok = true;

		for (int k = 0; k < 4; k++)
			if (abs((int)c->px[i * 4 + k] - want[k]) > tol)
				ok = false;
		n += ok;
	}
	return n;
}

/* ---- the triangle against a CPU reference ------------------------------ */

static const struct vtx tri[3] = {
	{ { -0.8f, -0.8f, 0.5f }, { 1, 0, 0, 1 } },
	{ { 0.8f, -0.6f, 0.5f }, { 0, 1, 0, 1 } },
	{ { 0.0f, 0.8f, 0.5f }, { 0, 0, 1, 1 } },
};

static void to_screen(const struct vtx *v, double *x, double *y)
{
	*x = (v->pos[0] + 1.0) * 0.5 * W;
	*y = (1.0 - v->pos[1]) * 0.5 * H;      /* D3D: NDC +y is up */
}

static double edge(double ax, double ay, double bx, double by, double px,
		   double py)
{
	return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

static void check_triangle_of(struct ctx *c, const struct vtx *tri)
{
	double sx[3], sy[3], area;
	int inside = 0, outside = 0, bad = 0, maxdiff = 0;

	for (int i = 0; i < 3; i++)
		to_screen(&tri[i], &sx[i], &sy[i]);
	area = edge(sx[0], sy[0], sx[1], sy[1], sx[2], sy[2]);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			double px = x + 0.5, py = y + 0.5, l[3], dmin = 1e9;
			const uint8_t *p = &c->px[(y * W + x) * 4];

			for (int i = 0; i < 3; i++) {
				int a = (i + 1) % 3, b = (i + 2) % 3;
				double e = edge(sx[a], sy[a], sx[b], sy[b], px, py);
				double len = hypot(sx[b] - sx[a], sy[b] - sy[a]);

				l[i] = e / area;
				/* signed distance, positive inside */
				dmin = fmin(dmin, (area > 0 ? e : -e) / len);
			}
			if (dmin >= 1.0) {
				inside++;
				for (int k = 0; k < 4; k++) {
					double v = 0;
					int want, d;

					for (int i = 0; i < 3; i++)
						v += l[i] * tri[i].color[k];
					want = (int)lround(v * 255.0);
					d = abs(want - p[k]);
					maxdiff = d > maxdiff ? d : maxdiff;
					bad += d > 1;
				}
			} else if (dmin <= -1.0) {
				outside++;
				/* the clear color: (0.2, 0.4, 0.6, 0.8) */
				bad += p[0] != 51 || p[1] != 102 || p[2] != 153 ||
				       p[3] != 204;
			}
		}
	printf("# triangle: %d pixels inside, %d outside, max channel "
	       "difference %d, %d mismatches\n", inside, outside, maxdiff, bad);
	RCHECK(inside > 1000 && outside > 1500, "pixels tested: %d in, %d out",
	       inside, outside);
	RCHECK(bad == 0, "%d pixel channels differ from the reference", bad);
}

static void check_triangle(struct ctx *c)
{
	check_triangle_of(c, tri);
}

static void test_triangle(struct ctx *c)
{
	struct svga_render_pipeline_desc d;

	base_desc(c, &d);
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	draw_verts(c, &d, tri, 3, false);
	read_rt(c);
	check_triangle(c);
}

/* The triangle is counter-clockwise on screen: D3D's back face. */
static void test_cull(struct ctx *c)
{
	const uint8_t clear[4] = { 51, 102, 153, 204 };
	struct svga_render_pipeline_desc d;

	base_desc(c, &d);
	d.cull = SVGA_RENDER_CULL_BACK;
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	draw_verts(c, &d, tri, 3, false);
	read_rt(c);
	RCHECK(count_pixels(c, clear, 0) == W * H, "cull back: nothing drawn");
	d.cull = SVGA_RENDER_CULL_FRONT;
	draw_verts(c, &d, tri, 3, false);
	read_rt(c);
	check_triangle(c);
	d.cull = SVGA_RENDER_CULL_BACK;
	d.front_ccw = 1;
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	draw_verts(c, &d, tri, 3, false);
	read_rt(c);
	check_triangle(c);
}

static void test_blend(struct ctx *c)
{
	const float red_q[4] = { 1, 0, 0, 0.25f }, white[4] = { 1, 1, 1, 1 };
	const uint8_t want[4] = { 64, 0, 191, 64 }, masked[4] = { 255, 102, 153, 255 };
	struct svga_render_pipeline_desc d;
	struct vtx v[3];

	base_desc(c, &d);
	d.blend[0] = (struct svga_render_blend_rt){
		1, SVGA_RENDER_BF_SRC_ALPHA, SVGA_RENDER_BF_INV_SRC_ALPHA,
		SVGA_RENDER_BOP_ADD, SVGA_RENDER_BF_ONE, SVGA_RENDER_BF_ZERO,
		SVGA_RENDER_BOP_ADD, 0xf };
	clear_rt(c, 0, 0, 1, 1);
	fullscreen(v, red_q, 0.5f);
	draw_verts(c, &d, v, 3, false);
	read_rt(c);
	RCHECK(count_pixels(c, want, 1) == W * H,
	       "src-alpha blend: pixel 0 = %u,%u,%u,%u", c->px[0], c->px[1],
	       c->px[2], c->px[3]);

	base_desc(c, &d);
	d.blend[0].write_mask = 0x9;    /* R and A */
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	fullscreen(v, white, 0.5f);
	draw_verts(c, &d, v, 3, false);
	read_rt(c);
	RCHECK(count_pixels(c, masked, 0) == W * H,
	       "write mask R|A: pixel 0 = %u,%u,%u,%u", c->px[0], c->px[1],
	       c->px[2], c->px[3]);
}

static void test_depth(struct ctx *c)
{
	const float green[4] = { 0, 1, 0, 1 }, red[4] = { 1, 0, 0, 1 };
	const uint8_t blue8[4] = { 0, 0, 255, 255 }, red8[4] = { 255, 0, 0, 255 };
	struct svga_render_view v0 = { 0, 0, 1 };
	struct svga_render_box all = { 0, 0, 0, W, H, 1 };
	struct svga_render_pipeline_desc d;
	static float depth[W * H];
	struct vtx v[3];
	int bad = 0;

	base_desc(c, &d);
	d.ds_format = SVGA3D_D32_FLOAT;
	d.depth_enable = 1;
	d.depth_write = 1;
	d.depth_func = SVGA_RENDER_CMP_LESS;
	clear_rt(c, 0, 0, 1, 1);
	ROK(c->r, svga_render_clear_depth_stencil(c->r, c->ds, &v0, NULL,
			SVGA_RENDER_CLEAR_DEPTH, 0.5f, 0));
	fullscreen(v, green, 0.7f);
	draw_verts(c, &d, v, 3, true);
	read_rt(c);
	RCHECK(count_pixels(c, blue8, 0) == W * H, "z 0.7 fails LESS 0.5");
	fullscreen(v, red, 0.3f);
	draw_verts(c, &d, v, 3, true);
	read_rt(c);
	RCHECK(count_pixels(c, red8, 0) == W * H, "z 0.3 passes LESS 0.5");
	ROK(c->r, svga_render_image_readback(c->r, c->ds, 0, 0, &all, depth,
					     W * 4, W * H * 4));
	for (int i = 0; i < W * H; i++)
		bad += fabsf(depth[i] - 0.3f) > 1e-6f;
	RCHECK(bad == 0, "depth written: %d values differ (first %f)", bad,
	       depth[0]);
	d.depth_func = SVGA_RENDER_CMP_GREATER;
	fullscreen(v, green, 0.2f);
	draw_verts(c, &d, v, 3, true);
	read_rt(c);
	RCHECK(count_pixels(c, red8, 0) == W * H, "z 0.2 fails GREATER 0.3");
}

static void test_texture(struct ctx *c)
{
	const uint8_t texel[4] = { 200, 100, 50, 255 };
	const uint8_t want[4] = { 100, 100, 50, 255 }, zero[4] = { 0, 0, 0, 0 };
	const float tint[4] = { 0.5f, 1, 1, 1 }, uv[4] = { 0.5f, 0.5f, 0, 0 };
	struct svga_render_image_desc td = { SVGA3D_R8G8B8A8_UNORM, 1, 1, 1, 1,
					     1, 1, SVGA_RENDER_USAGE_SAMPLED };
	struct svga_render_sampler_desc sd = { 0 };
	struct svga_render_box one = { 0, 0, 0, 1, 1, 1 };
	struct svga_render_image *tex;
	struct svga_render_buffer *cb;
	struct svga_render_sampler *smp;
	struct svga_render_pipeline_desc d;
	static struct svga_render_draw dr;
	struct vtx v[3];

	ROK(c->r, svga_render_image_new(c->r, &td, &tex));
	ROK(c->r, svga_render_buffer_new(c->r, 256, SVGA_RENDER_BUF_CONSTANT, &cb));
	sd.max_lod = 1000.0f;
	sd.address_u = sd.address_v = sd.address_w = SVGA_RENDER_ADDRESS_CLAMP;
	ROK(c->r, svga_render_sampler_new(c->r, &sd, &smp));
	if (!tex || !cb || !smp)
		return;
	ROK(c->r, svga_render_image_upload(c->r, tex, 0, 0, &one, texel, 4, 4));
	ROK(c->r, svga_render_buffer_upload(c->r, cb, 0, sizeof(tint), tint));
	base_desc(c, &d);
	d.shaders[SVGA_RENDER_STAGE_PS] = c->ps_tex;
	fullscreen(v, uv, 0.5f);
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(v), v));
	base_draw(c, &dr, &d);
	dr.stage[SVGA_RENDER_STAGE_PS].cb[0] =
		(struct svga_render_cb){ cb, 0, 16 };
	dr.stage[SVGA_RENDER_STAGE_PS].sampler[0] = smp;
	dr.stage[SVGA_RENDER_STAGE_PS].srv[0] = (struct svga_render_srv){
		tex, 0, SVGA_RENDER_VIEW_2D, 0, 1, 0, 1, NULL, 0, 0 };
	clear_rt(c, 0, 0, 1, 1);
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	RCHECK(count_pixels(c, want, 1) == W * H,
	       "texel * tint: pixel 0 = %u,%u,%u,%u", c->px[0], c->px[1],
	       c->px[2], c->px[3]);
	/* an SRV of layer 1, mip 1 of a 2-layer, 2-mip array */
	{
		struct svga_render_image_desc ad = { SVGA3D_R8G8B8A8_UNORM, 2, 2,
			1, 2, 2, 1, SVGA_RENDER_USAGE_SAMPLED };
		const uint8_t l1m1[4] = { 10, 20, 30, 40 }, other[16] = { 0 };
		const uint8_t want2[4] = { 5, 20, 30, 40 };
		struct svga_render_box b2 = { 0, 0, 0, 2, 2, 1 };
		struct svga_render_image *arr;

		ROK(c->r, svga_render_image_new(c->r, &ad, &arr));
		if (arr) {
			for (uint32_t l = 0; l < 2; l++) {
				ROK(c->r, svga_render_image_upload(c->r, arr, 0, l,
						&b2, other, 8, 16));
				ROK(c->r, svga_render_image_upload(c->r, arr, 1, l,
						&one, l ? l1m1 : other, 4, 4));
			}
			dr.stage[SVGA_RENDER_STAGE_PS].srv[0] =
				(struct svga_render_srv){ arr, 0,
					SVGA_RENDER_VIEW_2D, 1, 1, 1, 1, NULL, 0, 0 };
			ROK(c->r, svga_render_draw(c->r, &dr));
			read_rt(c);
			RCHECK(count_pixels(c, want2, 1) == W * H,
			       "SRV layer 1 mip 1: pixel 0 = %u,%u,%u,%u",
			       c->px[0], c->px[1], c->px[2], c->px[3]);
			svga_render_image_free(c->r, arr);
		}
	}
	/* unbound SRV: a null descriptor reads zero */
	memset(&dr.stage[SVGA_RENDER_STAGE_PS].srv[0], 0,
	       sizeof(dr.stage[0].srv[0]));
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	RCHECK(count_pixels(c, zero, 0) == W * H, "unbound SRV reads zero");
	/* a view the image cannot have is refused */
	dr.stage[SVGA_RENDER_STAGE_PS].srv[0] = (struct svga_render_srv){
		tex, 0, SVGA_RENDER_VIEW_CUBE, 0, 1, 0, 6, NULL, 0, 0 };
	RCHECK(svga_render_draw(c->r, &dr) != 0, "cube view of a 2D image "
	       "refused");
	svga_render_image_free(c->r, tex);
	svga_render_buffer_free(c->r, cb);
	svga_render_sampler_free(c->r, smp);
}

static void test_indexed_instanced(struct ctx *c)
{
	const struct vtx quad[4] = {
		{ { -0.2f, -0.2f, 0.5f }, { 1, 1, 0, 1 } },
		{ { 0.2f, -0.2f, 0.5f }, { 1, 1, 0, 1 } },
		{ { 0.2f, 0.2f, 0.5f }, { 1, 1, 0, 1 } },
		{ { -0.2f, 0.2f, 0.5f }, { 1, 1, 0, 1 } },
	};
	const uint16_t idx[6] = { 0, 1, 2, 0, 2, 3 };
	const float offsets[2] = { -0.5f, 0.5f };
	const uint8_t yellow[4] = { 255, 255, 0, 255 }, clear[4] = { 0, 0, 0, 255 };
	struct svga_render_pipeline_desc d;
	struct svga_render_draw dr;
	const uint8_t *p;

	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(quad), quad));
	ROK(c->r, svga_render_buffer_upload(c->r, c->ib, 0, sizeof(idx), idx));
	ROK(c->r, svga_render_buffer_upload(c->r, c->inst, 0, sizeof(offsets),
					    offsets));
	base_desc(c, &d);
	base_draw(c, &dr, &d);
	dr.vbufs[1] = (struct svga_render_vbuf){ c->inst, 0, 4, 0 };
	dr.indexed = 1;
	dr.index_buffer = c->ib;
	dr.index_size = 2;
	dr.count = 6;
	dr.instances = 2;
	clear_rt(c, 0, 0, 0, 1);
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
#define PX(x, y) (&c->px[((y) * W + (x)) * 4])
	p = PX(16, 32);
	RCHECK(!memcmp(p, yellow, 4), "instance 0 at x=16");
	p = PX(48, 32);
	RCHECK(!memcmp(p, yellow, 4), "instance 1 at x=48");
	p = PX(32, 32);
	RCHECK(!memcmp(p, clear, 4), "nothing between the instances");
	RCHECK(count_pixels(c, yellow, 0) > 2 * 100, "two quads drawn: %d px",
	       count_pixels(c, yellow, 0));
	/* divisor 2: both instances take the first offset */
	d.bindings[1].divisor = 2;
	clear_rt(c, 0, 0, 0, 1);
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	RCHECK(!memcmp(PX(16, 32), yellow, 4) && !memcmp(PX(48, 32), clear, 4),
	       "divisor 2: one position");
	/* indices past the buffer's end are not drawn; bad sizes refused */
	dr.first = 1000;
	ROK(c->r, svga_render_draw(c->r, &dr));
	dr.first = 0;
	dr.index_size = 3;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "index size 3 refused");
}

static void test_scissor_stencil(struct ctx *c)
{
	const float white[4] = { 1, 1, 1, 1 }, red[4] = { 1, 0, 0, 1 };
	const uint8_t white8[4] = { 255, 255, 255, 255 };
	const uint8_t clear8[4] = { 51, 102, 153, 204 }, red8[4] = { 255, 0, 0, 255 };
	struct svga_render_image_desc dd = { SVGA3D_D24_UNORM_S8_UINT, W, H, 1, 1,
		1, 1, SVGA_RENDER_USAGE_DEPTH_STENCIL };
	struct svga_render_view v0 = { 0, 0, 1 };
	struct svga_render_box all = { 0, 0, 0, W, H, 1 };
	struct svga_render_pipeline_desc d;
	struct svga_render_image *ds;
	struct svga_render_draw dr;
	static uint32_t dsv[W * H];
	struct vtx v[3];
	int bad = 0;

	/* scissor: only (8,8)-(24,24) is written */
	base_desc(c, &d);
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	fullscreen(v, white, 0.5f);
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(v), v));
	base_draw(c, &dr, &d);
	dr.scissor_enable = 1;
	dr.scissors[0] = (struct svga_render_rect){ 8, 8, 16, 16 };
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			bool in = x >= 8 && x < 24 && y >= 8 && y < 24;

			bad += memcmp(&c->px[(y * W + x) * 4], in ? white8 : clear8, 4) != 0;
		}
	RCHECK(bad == 0, "scissor: %d pixels wrong", bad);

	/* stencil: mark the left half with 7, then draw where it equals 7 */
	ROK(c->r, svga_render_image_new(c->r, &dd, &ds));
	if (!ds)
		return;
	ROK(c->r, svga_render_clear_depth_stencil(c->r, ds, &v0, NULL,
			SVGA_RENDER_CLEAR_DEPTH | SVGA_RENDER_CLEAR_STENCIL, 1.0f, 0));
	base_desc(c, &d);
	d.ds_format = SVGA3D_D24_UNORM_S8_UINT;
	d.depth_enable = 0;
	d.stencil_enable = 1;
	d.front = d.back = (struct svga_render_stencil_face){
		SVGA_RENDER_SOP_KEEP, SVGA_RENDER_SOP_KEEP,
		SVGA_RENDER_SOP_REPLACE, SVGA_RENDER_CMP_ALWAYS };
	d.blend[0].write_mask = 0;
	base_draw(c, &dr, &d);
	dr.ds = ds;
	dr.ds_view = v0;
	dr.stencil_ref = 7;
	dr.scissor_enable = 1;
	dr.scissors[0] = (struct svga_render_rect){ 0, 0, W / 2, H };
	ROK(c->r, svga_render_draw(c->r, &dr));
	fullscreen(v, red, 0.5f);
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(v), v));
	d.front.func = d.back.func = SVGA_RENDER_CMP_EQUAL;
	d.front.pass_op = d.back.pass_op = SVGA_RENDER_SOP_KEEP;
	d.blend[0].write_mask = 0xf;
	dr.scissor_enable = 0;
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	ROK(c->r, svga_render_image_readback(c->r, ds, 0, 0, &all, dsv, W * 4,
					     W * H * 4));
	bad = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			bool left = x < W / 2;

			bad += memcmp(&c->px[(y * W + x) * 4], left ? red8 : clear8, 4) != 0;
			bad += dsv[y * W + x] != (left ? 0x07ffffffu : 0x00ffffffu);
		}
	RCHECK(bad == 0, "stencil: %d pixels or stencil values wrong "
	       "(stencil/depth at 0,0: %08x)", bad, dsv[0]);
	svga_render_image_free(c->r, ds);
}

/* Depth clip on: a triangle at z 1.5 is clipped; off: clamped and drawn. */
static void test_depth_clip(struct ctx *c)
{
	const float green[4] = { 0, 1, 0, 1 };
	const uint8_t green8[4] = { 0, 255, 0, 255 };
	struct svga_render_pipeline_desc d;
	struct vtx v[3];

	base_desc(c, &d);
	fullscreen(v, green, 1.5f);
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	draw_verts(c, &d, v, 3, false);
	read_rt(c);
	RCHECK(count_pixels(c, green8, 0) == 0, "depth clip on: clipped");
	d.depth_clip_enable = 0;
	draw_verts(c, &d, v, 3, false);
	read_rt(c);
	RCHECK(count_pixels(c, green8, 0) == W * H, "depth clip off: drawn");
}

static void test_dual_source_and_mrt(struct ctx *c)
{
	const float zero4[4] = { 0, 0, 0, 0 }, fifth[4] = { 0.2f, 0.2f, 0.2f, 0.2f };
	const uint8_t dual8[4] = { 102, 51, 153, 0 };
	const uint8_t rt0_8[4] = { 51, 51, 51, 51 }, rt1_8[4] = { 102, 153, 204, 255 };
	struct svga_render_image_desc rd = { SVGA3D_R8G8B8A8_UNORM, W, H, 1, 1,
		1, 1, SVGA_RENDER_USAGE_RENDER_TARGET };
	struct svga_render_shader *dual, *mrt;
	struct svga_render_pipeline_desc d;
	struct svga_render_image *rt1;
	struct svga_render_draw dr;
	struct svga_render_view v0 = { 0, 0, 1 };
	union svga_render_color col = { .f = { 0.2f, 0.4f, 0.6f, 0.8f } };
	struct vtx v[3];

	ROK(c->r, svga_render_shader_new(c->r, SVGA_RENDER_STAGE_PS, spv_dual_ps,
					 sizeof(spv_dual_ps), &dual));
	ROK(c->r, svga_render_shader_new(c->r, SVGA_RENDER_STAGE_PS, spv_mrt_ps,
					 sizeof(spv_mrt_ps), &mrt));
	ROK(c->r, svga_render_image_new(c->r, &rd, &rt1));
	if (!dual || !mrt || !rt1)
		return;
	/* dst * src1: (0.8,0.8,0.6,0.4) * (0.5,0.25,1,0) */
	base_desc(c, &d);
	d.shaders[SVGA_RENDER_STAGE_PS] = dual;
	d.blend[0] = (struct svga_render_blend_rt){
		1, SVGA_RENDER_BF_ONE, SVGA_RENDER_BF_SRC1_COLOR,
		SVGA_RENDER_BOP_ADD, SVGA_RENDER_BF_ONE,
		SVGA_RENDER_BF_SRC1_ALPHA, SVGA_RENDER_BOP_ADD, 0xf };
	clear_rt(c, 0.8f, 0.8f, 0.6f, 0.4f);
	fullscreen(v, zero4, 0.5f);
	draw_verts(c, &d, v, 3, false);
	read_rt(c);
	RCHECK(count_pixels(c, dual8, 0) == W * H,
	       "dual-source blend: pixel 0 = %u,%u,%u,%u", c->px[0], c->px[1],
	       c->px[2], c->px[3]);

	/* independent blend: RT0 replaces, RT1 adds */
	base_desc(c, &d);
	d.shaders[SVGA_RENDER_STAGE_PS] = mrt;
	d.num_rts = 2;
	d.rt_formats[1] = SVGA3D_R8G8B8A8_UNORM;
	d.blend[1] = (struct svga_render_blend_rt){
		1, SVGA_RENDER_BF_ONE, SVGA_RENDER_BF_ONE, SVGA_RENDER_BOP_ADD,
		SVGA_RENDER_BF_ONE, SVGA_RENDER_BF_ONE, SVGA_RENDER_BOP_ADD, 0xf };
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	ROK(c->r, svga_render_clear_color(c->r, rt1, &v0, NULL, &col));
	fullscreen(v, fifth, 0.5f);
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(v), v));
	base_draw(c, &dr, &d);
	dr.rt[1] = rt1;
	dr.rt_view[1] = v0;
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	RCHECK(count_pixels(c, rt0_8, 0) == W * H, "MRT: RT0 replaced");
	{
		struct ctx *c1 = malloc(sizeof(*c1));

		if (c1) {
			c1->r = c->r;
			c1->rt = rt1;
			read_rt(c1);
			RCHECK(count_pixels(c1, rt1_8, 0) == W * H,
			       "MRT: RT1 added: %u,%u,%u,%u", c1->px[0],
			       c1->px[1], c1->px[2], c1->px[3]);
			free(c1);
		}
	}
	/* dual-source factors on RT1 are refused */
	d.blend[1].dst = SVGA_RENDER_BF_SRC1_COLOR;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "dual source on RT1 refused");
	svga_render_image_free(c->r, rt1);
	svga_render_shader_free(c->r, dual);
	svga_render_shader_free(c->r, mrt);
}

/* 4 samples, resolved: the interior matches the reference, and edge pixels
 * carry partial coverage (alpha between the clear's 204 and 255). */
static void test_multisample(struct ctx *c)
{
	struct svga_render_image_desc md = { SVGA3D_R8G8B8A8_UNORM, W, H, 1, 1,
		1, 4, SVGA_RENDER_USAGE_RENDER_TARGET };
	struct svga_render_view v0 = { 0, 0, 1 };
	union svga_render_color col = { .f = { 0.2f, 0.4f, 0.6f, 0.8f } };
	struct svga_render_pipeline_desc d;
	struct svga_render_image *ms;
	struct svga_render_draw dr;
	int partial = 0;

	ROK(c->r, svga_render_image_new(c->r, &md, &ms));
	if (!ms)
		return;
	ROK(c->r, svga_render_clear_color(c->r, ms, &v0, NULL, &col));
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(tri), tri));
	base_desc(c, &d);
	d.samples = 4;
	base_draw(c, &dr, &d);
	dr.rt[0] = ms;
	ROK(c->r, svga_render_draw(c->r, &dr));
	ROK(c->r, svga_render_image_resolve(c->r, c->rt, 0, 0, ms, 0));
	read_rt(c);
	check_triangle(c);
	for (int i = 0; i < W * H; i++)
		partial += c->px[i * 4 + 3] > 204 && c->px[i * 4 + 3] < 255;
	printf("# multisample: %d edge pixels with partial coverage\n", partial);
	RCHECK(partial > 20, "partial coverage at edges: %d pixels", partial);
	/* a 1-sample pipeline on a 4-sample target is refused */
	d.samples = 1;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "sample count mismatch refused");
	svga_render_image_free(c->r, ms);
}

/* A geometry shader (descriptor set 1) moves the triangle by a constant
 * buffer's offset; compared with the reference of the moved triangle. */
static void test_geometry_shader(struct ctx *c)
{
	const float shift[4] = { 0.25f, -0.125f, 0, 0 };
	struct svga_render_pipeline_desc d;
	struct svga_render_shader *gs;
	struct svga_render_buffer *cb;
	static struct svga_render_draw dr;
	struct vtx moved[3];

	ROK(c->r, svga_render_shader_new(c->r, SVGA_RENDER_STAGE_GS, spv_shift_gs,
					 sizeof(spv_shift_gs), &gs));
	ROK(c->r, svga_render_buffer_new(c->r, 256, SVGA_RENDER_BUF_CONSTANT, &cb));
	if (!gs || !cb)
		return;
	ROK(c->r, svga_render_buffer_upload(c->r, cb, 0, sizeof(shift), shift));
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(tri), tri));
	for (int i = 0; i < 3; i++) {
		moved[i] = tri[i];
		moved[i].pos[0] += shift[0];
		moved[i].pos[1] += shift[1];
	}
	base_desc(c, &d);
	d.shaders[SVGA_RENDER_STAGE_GS] = gs;
	base_draw(c, &dr, &d);
	dr.stage[SVGA_RENDER_STAGE_GS].cb[0] = (struct svga_render_cb){ cb, 0, 16 };
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	check_triangle_of(c, moved);
	svga_render_buffer_free(c->r, cb);
	svga_render_shader_free(c->r, gs);
}

static int count_not(const struct ctx *c, const uint8_t clear[4])
{
	int n = 0;

	for (int i = 0; i < W * H; i++)
		n += memcmp(&c->px[i * 4], clear, 4) != 0;
	return n;
}

static uint64_t query_value(struct ctx *c, struct svga_render_query *q,
			    unsigned i)
{
	uint64_t v[SVGA_RENDER_QUERY_MAX_VALUES] = { 0 };
	unsigned n = 0;

	ROK(c->r, svga_render_query_result(c->r, q, v, &n));
	return i < n ? v[i] : ~0ull;
}

/* Occlusion counts exactly the pixels drawn, across a submission in the
 * middle; timestamps move forward; stream-output statistics see an
 * overflow; pipeline statistics count the triangle's vertices. */
static void test_queries(struct ctx *c)
{
	const uint8_t clear8[4] = { 51, 102, 153, 204 };
	struct svga_render_query *occ, *t1, *t2, *so_q, *ps_q = NULL;
	struct svga_render_pipeline_desc d;
	uint64_t a, b;
	int drawn;

	ROK(c->r, svga_render_query_new(c->r, SVGA_RENDER_QUERY_OCCLUSION, &occ));
	ROK(c->r, svga_render_query_new(c->r, SVGA_RENDER_QUERY_TIMESTAMP, &t1));
	ROK(c->r, svga_render_query_new(c->r, SVGA_RENDER_QUERY_TIMESTAMP, &t2));
	ROK(c->r, svga_render_query_new(c->r, SVGA_RENDER_QUERY_SO_STATISTICS,
					&so_q));
	if (!occ || !t1 || !t2 || !so_q)
		return;
	RCHECK(svga_render_query_end(c->r, occ) != 0, "end without begin refused");
	base_desc(c, &d);
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	ROK(c->r, svga_render_query_end(c->r, t1));
	ROK(c->r, svga_render_query_begin(c->r, occ));
	draw_verts(c, &d, tri, 3, false);
	read_rt(c);                 /* submits in the middle of the query */
	drawn = count_not(c, clear8);
	draw_verts(c, &d, tri, 3, false);
	ROK(c->r, svga_render_query_end(c->r, occ));
	ROK(c->r, svga_render_query_end(c->r, t2));
	a = query_value(c, occ, 0);
	printf("# occlusion: %llu samples for 2 x %d pixels\n",
	       (unsigned long long)a, drawn);
	RCHECK(drawn > 1000 && a == 2ull * (uint64_t)drawn,
	       "occlusion %llu, drawn 2 x %d", (unsigned long long)a, drawn);
	a = query_value(c, t1, 0);
	b = query_value(c, t2, 0);
	RCHECK(a > 0 && b >= a, "timestamps %llu then %llu",
	       (unsigned long long)a, (unsigned long long)b);

	/* nothing passes the depth test: 0 samples */
	{
		const float green[4] = { 0, 1, 0, 1 };
		struct svga_render_view v0 = { 0, 0, 1 };
		struct vtx v[3];

		d.ds_format = SVGA3D_D32_FLOAT;
		d.depth_enable = 1;
		ROK(c->r, svga_render_clear_depth_stencil(c->r, c->ds, &v0, NULL,
				SVGA_RENDER_CLEAR_DEPTH, 0.5f, 0));
		fullscreen(v, green, 0.7f);
		ROK(c->r, svga_render_query_begin(c->r, occ));
		draw_verts(c, &d, v, 3, true);
		ROK(c->r, svga_render_query_end(c->r, occ));
		RCHECK(query_value(c, occ, 0) == 0, "occluded draw counts 0");
	}

	/* predication on the occlusion result */
	{
		const float blue[4] = { 0, 0, 1, 1 };
		const uint8_t blue8[4] = { 0, 0, 255, 255 };
		static struct svga_render_draw dr;
		struct vtx v[3];

		base_desc(c, &d);
		fullscreen(v, blue, 0.5f);
		ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(v), v));
		base_draw(c, &dr, &d);
		dr.predicate = occ;             /* 0 samples passed */
		dr.predicate_value = 0;         /* skip when none passed */
		clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
		ROK(c->r, svga_render_draw(c->r, &dr));
		read_rt(c);
		RCHECK(count_pixels(c, clear8, 0) == W * H,
		       "predicated draw skipped (nothing passed)");
		dr.predicate_value = 1;         /* skip when some passed */
		ROK(c->r, svga_render_draw(c->r, &dr));
		read_rt(c);
		RCHECK(count_pixels(c, blue8, 0) == W * H,
		       "inverted predicate draws");
		/* now a query that saw samples */
		ROK(c->r, svga_render_query_begin(c->r, occ));
		RCHECK(svga_render_draw(c->r, &(struct svga_render_draw){ 0 }) != 0,
		       "draw without pipeline state refused");
		dr.predicate = NULL;
		ROK(c->r, svga_render_draw(c->r, &dr));
		ROK(c->r, svga_render_query_end(c->r, occ));
		dr.predicate = occ;
		dr.predicate_value = 0;
		clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
		ROK(c->r, svga_render_draw(c->r, &dr));
		read_rt(c);
		RCHECK(count_pixels(c, blue8, 0) == W * H,
		       "predicate with samples passed draws");
		ROK(c->r, svga_render_query_begin(c->r, occ));
		RCHECK(svga_render_draw(c->r, &dr) != 0,
		       "predicate on an active query refused");
		ROK(c->r, svga_render_query_end(c->r, occ));
	}

	/* stream output: one triangle fits in 256 bytes, not in 16 */
	{
		struct svga_render_shader *xvs;
		struct svga_render_buffer *big, *small;
		static struct svga_render_draw dr;

		ROK(c->r, svga_render_shader_new(c->r, SVGA_RENDER_STAGE_VS,
				spv_xfb_vs, sizeof(spv_xfb_vs), &xvs));
		ROK(c->r, svga_render_buffer_new(c->r, 256,
				SVGA_RENDER_BUF_STREAM_OUTPUT, &big));
		ROK(c->r, svga_render_buffer_new(c->r, 16,
				SVGA_RENDER_BUF_STREAM_OUTPUT, &small));
		if (xvs && big && small) {
			base_desc(c, &d);
			d.shaders[SVGA_RENDER_STAGE_VS] = xvs;
			d.shaders[SVGA_RENDER_STAGE_PS] = NULL;
			d.rasterizer_discard = 1;
			d.num_rts = 0;
			ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0,
					sizeof(tri), tri));
			base_draw(c, &dr, &d);
			dr.so[0] = (struct svga_render_so){ big, 0, 0 };
			ROK(c->r, svga_render_query_begin(c->r, so_q));
			ROK(c->r, svga_render_draw(c->r, &dr));
			ROK(c->r, svga_render_query_end(c->r, so_q));
			RCHECK(query_value(c, so_q, 0) == 1 &&
			       query_value(c, so_q, 1) == 1,
			       "SO statistics: %llu written, %llu needed",
			       (unsigned long long)query_value(c, so_q, 0),
			       (unsigned long long)query_value(c, so_q, 1));
			dr.so[0] = (struct svga_render_so){ small, 0, 0 };
			ROK(c->r, svga_render_query_begin(c->r, so_q));
			ROK(c->r, svga_render_draw(c->r, &dr));
			ROK(c->r, svga_render_query_end(c->r, so_q));
			RCHECK(query_value(c, so_q, 0) == 0 &&
			       query_value(c, so_q, 1) == 1,
			       "SO overflow: %llu written, %llu needed",
			       (unsigned long long)query_value(c, so_q, 0),
			       (unsigned long long)query_value(c, so_q, 1));
		}
		svga_render_buffer_free(c->r, big);
		svga_render_buffer_free(c->r, small);
		svga_render_shader_free(c->r, xvs);
	}

	/* pipeline statistics, where the device has them */
	if (svga_render_query_new(c->r, SVGA_RENDER_QUERY_PIPELINE_STATISTICS,
				  &ps_q) == 0) {
		base_desc(c, &d);
		ROK(c->r, svga_render_query_begin(c->r, ps_q));
		draw_verts(c, &d, tri, 3, false);
		ROK(c->r, svga_render_query_end(c->r, ps_q));
		RCHECK(query_value(c, ps_q, 0) == 3 && query_value(c, ps_q, 1) == 1,
		       "pipeline statistics: %llu IA vertices, %llu primitives",
		       (unsigned long long)query_value(c, ps_q, 0),
		       (unsigned long long)query_value(c, ps_q, 1));
		svga_render_query_free(c->r, ps_q);
	} else {
		printf("# no pipeline statistics queries: %s\n",
		       svga_render_last_error(c->r));
	}
	svga_render_query_free(c->r, occ);
	svga_render_query_free(c->r, t1);
	svga_render_query_free(c->r, t2);
	svga_render_query_free(c->r, so_q);
}

/* Stream output: capture, append, then DrawAuto from what was written. */
static void test_stream_output(struct ctx *c)
{
	const uint8_t zero[4] = { 0, 0, 0, 0 };
	struct svga_render_pipeline_desc d;
	struct svga_render_shader *xvs;
	struct svga_render_buffer *so;
	struct svga_render_draw dr;
	float got[24], want[24];
	int drawn;

	ROK(c->r, svga_render_shader_new(c->r, SVGA_RENDER_STAGE_VS, spv_xfb_vs,
					 sizeof(spv_xfb_vs), &xvs));
	ROK(c->r, svga_render_buffer_new(c->r, 256, SVGA_RENDER_BUF_STREAM_OUTPUT |
					 SVGA_RENDER_BUF_VERTEX, &so));
	if (!xvs || !so)
		return;
	for (int i = 0; i < 6; i++) {
		memcpy(&want[i * 4], tri[i % 3].pos, 12);
		want[i * 4 + 3] = 1.0f;
	}
	base_desc(c, &d);
	d.shaders[SVGA_RENDER_STAGE_VS] = xvs;
	d.shaders[SVGA_RENDER_STAGE_PS] = NULL;
	d.num_elements = 1;
	d.rasterizer_discard = 1;
	d.num_rts = 0;
	ROK(c->r, svga_render_buffer_upload(c->r, c->vb, 0, sizeof(tri), tri));
	base_draw(c, &dr, &d);
	dr.rt[0] = NULL;
	dr.so[0] = (struct svga_render_so){ so, 0, 0 };
	ROK(c->r, svga_render_draw(c->r, &dr));
	dr.so[0].offset = SVGA_RENDER_SO_APPEND;
	ROK(c->r, svga_render_draw(c->r, &dr));
	ROK(c->r, svga_render_buffer_readback(c->r, so, 0, sizeof(got), got));
	RCHECK(!memcmp(got, want, sizeof(got)),
	       "captured positions (first %f %f %f %f)", got[0], got[1],
	       got[2], got[3]);

	/* DrawAuto: 96 bytes written, stride 16: two triangles of zero color
	 * (the color element reads unbound slot 2) */
	base_desc(c, &d);
	d.elements[1] = (struct svga_render_vertex_element){
		1, 2, SVGA3D_R32G32B32A32_FLOAT, 0 };
	base_draw(c, &dr, &d);
	dr.vbufs[0] = (struct svga_render_vbuf){ so, 0, 16, 0 };
	dr.draw_auto = 1;
	clear_rt(c, 0.2f, 0.4f, 0.6f, 0.8f);
	ROK(c->r, svga_render_draw(c->r, &dr));
	read_rt(c);
	drawn = count_pixels(c, zero, 0);
	printf("# DrawAuto drew %d pixels\n", drawn);
	RCHECK(drawn > 1062 && drawn < 1500, "DrawAuto: %d pixels", drawn);
	/* a buffer without stream-output usage is refused */
	dr.vbufs[0].buffer = c->vb;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "DrawAuto from a plain "
	       "vertex buffer refused");
	svga_render_buffer_free(c->r, so);
	svga_render_shader_free(c->r, xvs);
}

static void test_cache(struct ctx *c)
{
	struct svga_render_pipeline_desc d, d2, d3;
	struct svga_render_stats s0, s1, s2;
	struct svga_render_config cfg = { .max_pipelines = 2 };
	struct ctx c2;

	base_desc(c, &d);
	d.blend[0].write_mask = 0x7;   /* a state no other test used */
	svga_render_get_stats(c->r, &s0);
	draw_verts(c, &d, tri, 3, false);
	svga_render_get_stats(c->r, &s1);
	draw_verts(c, &d, tri, 3, false);
	svga_render_get_stats(c->r, &s2);
	printf("# pipeline cache: %llu creations, %llu hits, %llu cached\n",
	       (unsigned long long)s2.pipeline_creations,
	       (unsigned long long)s2.pipeline_cache_hits,
	       (unsigned long long)s2.pipelines_cached);
	RCHECK(s1.pipeline_creations == s0.pipeline_creations + 1 &&
	       s1.pipeline_cache_hits == s0.pipeline_cache_hits,
	       "first draw creates a pipeline");
	RCHECK(s2.pipeline_creations == s1.pipeline_creations &&
	       s2.pipeline_cache_hits == s1.pipeline_cache_hits + 1,
	       "second identical draw hits the cache");

	/* bound of 2: a third state evicts the least recently used */
	memset(&c2, 0, sizeof(c2));
	c2.r = rt_open(&cfg);
	ROK(c2.r, svga_render_shader_new(c2.r, SVGA_RENDER_STAGE_VS,
		spv_color_vs, sizeof(spv_color_vs), &c2.vs));
	ROK(c2.r, svga_render_shader_new(c2.r, SVGA_RENDER_STAGE_PS,
		spv_color_ps, sizeof(spv_color_ps), &c2.ps));
	{
		struct svga_render_image_desc rd = { SVGA3D_R8G8B8A8_UNORM, W, H,
			1, 1, 1, 1, SVGA_RENDER_USAGE_RENDER_TARGET };

		ROK(c2.r, svga_render_image_new(c2.r, &rd, &c2.rt));
		ROK(c2.r, svga_render_buffer_new(c2.r, 4096,
				SVGA_RENDER_BUF_VERTEX, &c2.vb));
	}
	if (c2.vs && c2.ps && c2.rt && c2.vb) {
		base_desc(&c2, &d);
		d2 = d;
		d2.cull = SVGA_RENDER_CULL_FRONT;
		d3 = d;
		d3.fill = SVGA_RENDER_FILL_WIREFRAME;
		draw_verts(&c2, &d, tri, 3, false);
		draw_verts(&c2, &d2, tri, 3, false);
		draw_verts(&c2, &d3, tri, 3, false);
		svga_render_get_stats(c2.r, &s0);
		RCHECK(s0.pipeline_creations == 3 && s0.pipelines_cached == 2 &&
		       s0.pipeline_evictions == 1, "bounded: %llu created, "
		       "%llu cached, %llu evicted",
		       (unsigned long long)s0.pipeline_creations,
		       (unsigned long long)s0.pipelines_cached,
		       (unsigned long long)s0.pipeline_evictions);
		draw_verts(&c2, &d, tri, 3, false);   /* evicted: made again */
		svga_render_get_stats(c2.r, &s1);
		RCHECK(s1.pipeline_creations == 4, "evicted state recreated");
		/* and it still renders right */
		c2.px[0] = 0;
		read_rt(&c2);
		RCHECK(c2.px[(32 * W + 32) * 4 + 3] == 255, "drawn after eviction");
	}
	svga_render_image_free(c2.r, c2.rt);
	svga_render_buffer_free(c2.r, c2.vb);
	svga_render_shader_free(c2.r, c2.vs);
	svga_render_shader_free(c2.r, c2.ps);
	svga_render_free(c2.r);
}

static void test_bad_state(struct ctx *c)
{
	struct svga_render_pipeline_desc d;
	struct svga_render_draw dr;

	base_desc(c, &d);
	base_draw(c, &dr, &d);
	d.topology = 42;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "topology 42 refused");
	base_desc(c, &d);
	d.blend[0].src = 99;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "blend factor 99 refused");
	base_desc(c, &d);
	d.elements[0].format = SVGA3D_BC1_UNORM;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "BC1 vertex element refused");
	base_desc(c, &d);
	d.shaders[SVGA_RENDER_STAGE_VS] = c->ps;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "pixel shader as VS refused");
	base_desc(c, &d);
	d.elements[1].format = SVGA3D_R8G8B8A8_UINT;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "integer element for a float "
	       "input refused");
	base_desc(c, &d);
	d.num_elements = 2;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "shader input without an "
	       "element refused");
	base_desc(c, &d);
	d.elements[2].format = SVGA3D_R8_UNORM;     /* from unbound slot 1 */
	ROK(c->r, svga_render_draw(c->r, &dr));
	ROK(c->r, svga_render_flush(c->r));
	base_desc(c, &d);
	d.blend[0] = (struct svga_render_blend_rt){
		1, SVGA_RENDER_BF_SRC1_ALPHA, SVGA_RENDER_BF_ZERO,
		SVGA_RENDER_BOP_ADD, SVGA_RENDER_BF_ONE, SVGA_RENDER_BF_ZERO,
		SVGA_RENDER_BOP_ADD, 0xf };
	RCHECK(svga_render_draw(c->r, &dr) != 0, "dual-source factor without "
	       "a second source refused");
	base_desc(c, &d);
	d.rt_formats[0] = SVGA3D_R8G8B8A8_UINT;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "integer target for a float "
	       "output refused");
	base_desc(c, &d);
	dr.num_viewports = 0;
	RCHECK(svga_render_draw(c->r, &dr) != 0, "no viewport refused");
	{
		const uint32_t junk[5] = { 1, 2, 3, 4, 5 };
		struct svga_render_shader *sh;

		RCHECK(svga_render_shader_new(c->r, SVGA_RENDER_STAGE_VS, junk,
					      sizeof(junk), &sh) != 0,
		       "non-SPIR-V refused");
	}
}

/* Guest-controlled state, mutated at random: every draw either works or
 * returns an error (never a crash, never a sanitizer report), and a
 * normal draw still renders right afterwards. */
static void test_random_state(struct ctx *c)
{
	/* RT_SEED, RT_ITERATIONS: longer runs; RT_TRACE: print each
	 * mutation and submit each draw, to find the one that fails */
	static struct svga_render_draw dr;
	struct svga_render_pipeline_desc d;
	uint32_t seed = 0xc0ffee, errors = 0, drawn = 0;
	int iters = getenv("RT_ITERATIONS") ? atoi(getenv("RT_ITERATIONS")) : 400;

	if (getenv("RT_SEED"))
		seed = (uint32_t)strtoul(getenv("RT_SEED"), NULL, 0);
	for (int iter = 0; iter < iters; iter++) {
		base_desc(c, &d);
		base_draw(c, &dr, &d);
		for (int k = 1 + rt_rand(&seed) % 3; k > 0; k--) {
			uint32_t v = rt_rand(&seed), small = v % 24;

			uint32_t which = rt_rand(&seed) % 24;

			if (getenv("RT_TRACE"))
				fprintf(stderr, "iter %d case %u v %u\n", iter,
					which, v);
			switch (which) {
			case 0: d.topology = small; break;
			case 1: d.fill = small % 4; break;
			case 2: d.cull = small % 4; break;
			case 3: d.depth_bias = (int32_t)v; break;
			case 4: d.depth_enable = 1; d.depth_func = small; break;
			case 5: d.stencil_enable = 1; d.front.pass_op = small;
				d.back.func = (uint8_t)(v >> 8); break;
			case 6: d.blend[0].enable = 1; d.blend[0].src = small;
				d.blend[0].dst = (uint8_t)(v >> 8) % 24; break;
			case 7: d.blend[0].op = small; d.blend[0].write_mask =
				(uint8_t)(v >> 8); break;
			case 8: d.num_rts = small % 10; break;
			case 9: d.rt_formats[0] = v % 200; break;
			case 10: d.ds_format = v % 200; break;
			case 11: d.samples = small % 9; break;
			case 12: d.num_elements = small % 34; break;
			case 13: d.elements[small % 3].format = v % 200; break;
			case 14: d.elements[small % 3].offset = v % 5000; break;
			case 15: d.elements[small % 3].binding = v % 40;
				d.elements[small % 3].location = (v >> 8) % 40; break;
			case 16: d.bindings[1].divisor = v; break;
			case 17: dr.num_viewports = small % 18; break;
			case 18: dr.viewports[0].x = (float)(int32_t)v / 1024.0f;
				dr.viewports[0].w = (float)(v >> 16) - 1000.0f; break;
			case 19: dr.scissor_enable = 1;
				dr.scissors[0] = (struct svga_render_rect){
					(int32_t)v % 100, (int32_t)(v >> 8) % 100,
					v >> 20, small * 7 }; break;
			case 20: dr.indexed = 1; dr.index_buffer = c->ib;
				dr.index_size = small % 6;
				dr.index_offset = v % 80; dr.count = v >> 24; break;
			case 21: dr.vbufs[0].offset = v % 8192;
				dr.vbufs[0].stride = (v >> 13) % 5000; break;
			case 22: dr.rt_view[0] = (struct svga_render_view){
					small % 3, (v >> 8) % 3, (v >> 16) % 3 }; break;
			default: d.primitive_restart = 1; d.provoking_last = 1;
				d.depth_clip_enable = 0; d.rasterizer_discard = v & 1;
				break;
			}
		}
		if (svga_render_draw(c->r, &dr))
			errors++;
		else
			drawn++;
		if (getenv("RT_TRACE"))
			svga_render_flush(c->r);
	}
	printf("# random state: %u draws done, %u refused\n", drawn, errors);
	RCHECK(drawn > 0 && errors > 0, "both outcomes seen");
	ROK(c->r, svga_render_flush(c->r));
	test_triangle(c);
}

int main(void)
{
	struct svga_render_image_desc rd = { SVGA3D_R8G8B8A8_UNORM, W, H, 1, 1,
		1, 1, SVGA_RENDER_USAGE_RENDER_TARGET };
	struct svga_render_image_desc dd = { SVGA3D_D32_FLOAT, W, H, 1, 1, 1, 1,
		SVGA_RENDER_USAGE_DEPTH_STENCIL };
	static struct ctx c;

	c.r = rt_open(NULL);
	ROK(c.r, svga_render_shader_new(c.r, SVGA_RENDER_STAGE_VS, spv_color_vs,
					sizeof(spv_color_vs), &c.vs));
	ROK(c.r, svga_render_shader_new(c.r, SVGA_RENDER_STAGE_PS, spv_color_ps,
					sizeof(spv_color_ps), &c.ps));
	ROK(c.r, svga_render_shader_new(c.r, SVGA_RENDER_STAGE_PS,
					spv_texture_ps, sizeof(spv_texture_ps),
					&c.ps_tex));
	ROK(c.r, svga_render_image_new(c.r, &rd, &c.rt));
	ROK(c.r, svga_render_image_new(c.r, &dd, &c.ds));
	ROK(c.r, svga_render_buffer_new(c.r, 4096, SVGA_RENDER_BUF_VERTEX, &c.vb));
	ROK(c.r, svga_render_buffer_new(c.r, 64, SVGA_RENDER_BUF_VERTEX, &c.inst));
	ROK(c.r, svga_render_buffer_new(c.r, 64, SVGA_RENDER_BUF_INDEX, &c.ib));
	if (rt_failures)
		return rt_report("test_render_draw");
	test_triangle(&c);
	test_cull(&c);
	test_blend(&c);
	test_depth(&c);
	test_texture(&c);
	test_indexed_instanced(&c);
	test_scissor_stencil(&c);
	test_depth_clip(&c);
	test_dual_source_and_mrt(&c);
	test_geometry_shader(&c);
	test_multisample(&c);
	test_queries(&c);
	test_stream_output(&c);
	test_cache(&c);
	test_bad_state(&c);
	test_random_state(&c);
	svga_render_image_free(c.r, c.rt);
	svga_render_image_free(c.r, c.ds);
	svga_render_buffer_free(c.r, c.vb);
	svga_render_buffer_free(c.r, c.inst);
	svga_render_buffer_free(c.r, c.ib);
	svga_render_shader_free(c.r, c.vs);
	svga_render_shader_free(c.r, c.ps);
	svga_render_shader_free(c.r, c.ps_tex);
	svga_render_free(c.r);
	return rt_report("test_render_draw");
}
