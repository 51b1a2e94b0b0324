// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: stream output (GL transform feedback) and
 * DX_DRAW_AUTO through the device core on the renderer (lavapipe here).
 * Command buffers in the form Mesa's svga driver sends for transform
 * feedback (DX_DEFINE_STREAMOUTPUT, the plain SM4.1 form; DX_SET_
 * STREAMOUTPUT; DX_SET_SOTARGETS), hand-written VGPU10 shaders; what the
 * GPU wrote leaves through READBACK_GB_IMAGE / READBACK_GB_SURFACE into
 * the fake guest memory and is compared word by word with what the
 * shaders compute, the words the GPU must not write holding a sentinel.
 * Cases: a whole register; a component subset from a non-zero start
 * component with a hole; two buffers; append (offset ~0) across two
 * draws; a target too small (writes stop at its end); a geometry shader
 * writing the stream; rasterizer discard; DX_DRAW_AUTO drawing what was
 * written (checked by pixels); bad declarations and targets, each a
 * command error with its guest-error line, then a correct draw.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "backend_harness.h"
#include "shader_asm.h"

#include <math.h>

#define CID 2
#define ENTRIES 8
#define W 8
#define H 8
#define SO_BYTES 256
#define SO_WORDS (SO_BYTES / 4)
#define SENTINEL 0xdeadbeefu
enum { SID_VB = 1, SID_SO0 = 2, SID_SO1 = 3, SID_RT = 4 };
enum { MOB_VB = 20, MOB_SO0 = 21, MOB_SO1 = 22, MOB_RT = 23, MOB_SH = 24 };
enum { RTV = 3, VS_ID = 5, PS_ID = 6, GS_ID = 7 };
/* stream-output declarations */
enum { SO_FULL = 0, SO_SUBSET, SO_TWO, SO_POSCOL, SO_GS, SO_BADREG,
       SO_BADSTRIDE };
enum { PS_TYPE = 0, VS_TYPE = 1, GS_TYPE = 2 };
enum { NAME_POSITION = 1 };

struct vertex {
	float pos[4];
	float color[4];
};

/* points at the centres of pixels (1,1), (6,1), (1,6), (6,6) */
static struct vertex verts[4];
static const float clear_color[4] = { 0.0f, 0.0f, 0.0f, 1.0f };
static const float add_imm[4] = { 100.0f, 200.0f, 300.0f, 400.0f };
static const unsigned px_of[4][2] = { { 1, 1 }, { 6, 1 }, { 1, 6 }, { 6, 6 } };

static void make_vertices(void)
{
	for (unsigned i = 0; i < 4; i++) {
		verts[i].pos[0] = ((float)px_of[i][0] + 0.5f) / W * 2.0f - 1.0f;
		verts[i].pos[1] = 1.0f - ((float)px_of[i][1] + 0.5f) / H * 2.0f;
		verts[i].pos[2] = 0.0f;
		verts[i].pos[3] = 1.0f;
		for (unsigned c = 0; c < 3; c++)
			verts[i].color[c] = (float)(i + c + 1) / 8.0f;
		verts[i].color[3] = 1.0f;
	}
}

static uint32_t fbits(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

/* vs: o0 = v0 (SV_Position), o1 = v1, o2 = v1 + (100, 200, 300, 400) */
static size_t build_vs(struct asm_buf *b)
{
	asm_begin(b, VS_TYPE, 4, 0);
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 0);
	asm_op(b, 95, 0); dst(b, T_INPUT, 0xf, 1);
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0); asm_dw(b, NAME_POSITION);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 1);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 2);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src(b, T_INPUT, SWZ_XYZW, 0);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 1); src(b, T_INPUT, SWZ_XYZW, 1);
	asm_op(b, 0, 0); dst(b, T_OUTPUT, 0xf, 2); src(b, T_INPUT, SWZ_XYZW, 1);
	imm4(b, fbits(add_imm[0]), fbits(add_imm[1]), fbits(add_imm[2]),
	     fbits(add_imm[3]));
	asm_op(b, 62, 0);
	return asm_finish(b);
}

/* gs: point in, point out; o0 = v[0][0], o1 = v[0][1] * 2 */
static size_t build_gs(struct asm_buf *b)
{
	asm_begin(b, GS_TYPE, 4, 0);
	asm_op(b, 93, 1);                          /* dcl_inputprimitive point */
	asm_op(b, 92, 1);                          /* dcl_outputtopology pointlist */
	asm_op(b, 94, 0); asm_dw(b, 1);            /* dcl_maxout 1 */
	asm_op(b, 95, 0); dst2(b, T_INPUT, 0xf, 1, 0);
	asm_op(b, 95, 0); dst2(b, T_INPUT, 0xf, 1, 1);
	asm_op(b, 103, 0); dst(b, T_OUTPUT, 0xf, 0); asm_dw(b, NAME_POSITION);
	asm_op(b, 101, 0); dst(b, T_OUTPUT, 0xf, 1);
	asm_op(b, 54, 0); dst(b, T_OUTPUT, 0xf, 0); src2(b, T_INPUT, SWZ_XYZW, 0, 0);
	asm_op(b, 56, 0); dst(b, T_OUTPUT, 0xf, 1); src2(b, T_INPUT, SWZ_XYZW, 0, 1);
	imm4(b, fbits(2.0f), fbits(2.0f), fbits(2.0f), fbits(2.0f));
	asm_op(b, 19, 0);                          /* emit */
	asm_op(b, 62, 0);
	return asm_finish(b);
}

struct fixture {
	struct tdev t;
	struct cbuf *c;
	struct tmob cot[SVGA_COTABLE_MAX];
	struct tmob vb, so0, so1, rt, sh;
	struct svga_backend *be;
};

static void setup_resources(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
				      { 0, 0, 0, sizeof(verts), 1, 1 } };
	uint64_t keep;

	tmob_build(&f->t, c, &f->vb, MOB_VB, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->so0, MOB_SO0, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->so1, MOB_SO1, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->rt, MOB_RT, PG, SVGA3D_MOBFMT_PT64_0);
	tmob_build(&f->t, c, &f->sh, MOB_SH, 3 * PG, SVGA3D_MOBFMT_PT64_1);
	keep = f->t.g.next;
	run_ok(&f->t, c, "MOBs");
	f->t.g.next = keep;
	define_surface(c, SID_VB, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, sizeof(verts), 1, 1,
		       1, 1);
	define_surface(c, SID_SO0, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_STREAM_OUTPUT |
		       SVGA3D_SURFACE_BIND_VERTEX_BUFFER, SO_BYTES, 1, 1, 1, 1);
	define_surface(c, SID_SO1, SVGA3D_BUFFER,
		       SVGA3D_SURFACE_BIND_STREAM_OUTPUT, SO_BYTES, 1, 1, 1, 1);
	define_surface(c, SID_RT, SVGA3D_R8G8B8A8_UNORM,
		       SVGA3D_SURFACE_BIND_RENDER_TARGET, W, H, 1, 1, 1);
	bind_surface(c, SID_VB, MOB_VB);
	bind_surface(c, SID_SO0, MOB_SO0);
	bind_surface(c, SID_SO1, MOB_SO1);
	bind_surface(c, SID_RT, MOB_RT);
	run_ok(&f->t, c, "surfaces");
	tmob_write(&f->t, &f->vb, 0, verts, sizeof(verts));
	CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
	dx_define_rtv_2d(c, RTV, SID_RT, SVGA3D_R8G8B8A8_UNORM);
	dx_ok(&f->t, c, CID, "vertex data, render target view");
}

static void define_shader(struct fixture *f, uint32_t id, uint32_t type,
			  const struct asm_buf *code, size_t size, uint32_t off)
{
	dx_define_shader_in_mob(&f->t, f->c, CID, id, type, &f->sh, off,
				code->t, size);
}

struct so_entry {
	uint32_t slot, reg, mask;
};

static void define_so(struct fixture *f, uint32_t soid, unsigned n,
		      const struct so_entry *e, uint32_t stride0,
		      uint32_t stride1, uint32_t rasterized)
{
	SVGA3dCmdDXDefineStreamOutput d;

	memset(&d, 0, sizeof(d));
	d.soid = soid;
	d.numOutputStreamEntries = n;
	for (unsigned i = 0; i < n; i++) {
		d.decl[i].outputSlot = e[i].slot;
		d.decl[i].registerIndex = e[i].reg;
		d.decl[i].registerMask = e[i].mask;
	}
	d.streamOutputStrideInBytes[0] = stride0;
	d.streamOutputStrideInBytes[1] = stride1;
	d.rasterizedStream = rasterized;
	CMD(f->c, SVGA_3D_CMD_DX_DEFINE_STREAMOUTPUT, d);
}

static void define_decls(struct fixture *f)
{
	static const struct so_entry full[] = { { 0, 1, 0xf } };
	/* o1.yz, a hole of one component, o2.x: 16 bytes */
	static const struct so_entry subset[] = {
		{ 0, 1, 0x6 }, { 0, SVGA3D_INVALID_ID, 0x1 }, { 0, 2, 0x1 } };
	static const struct so_entry two[] = { { 0, 1, 0xf }, { 1, 2, 0xc } };
	static const struct so_entry poscol[] = { { 0, 0, 0xf }, { 0, 1, 0xf } };
	static const struct so_entry badreg[] = { { 0, 5, 0xf } };

	define_so(f, SO_FULL, 1, full, 16, 0, 0);
	define_so(f, SO_SUBSET, 3, subset, 16, 0, 0);
	define_so(f, SO_TWO, 2, two, 16, 8, 0);
	define_so(f, SO_POSCOL, 2, poscol, 32, 0,
		  SVGA3D_DX_SO_NO_RASTERIZED_STREAM);
	define_so(f, SO_GS, 1, full, 16, 0, 0);
	define_so(f, SO_BADREG, 1, badreg, 16, 0, 0);
	define_so(f, SO_BADSTRIDE, 1, full, 4096, 0, 0);
	dx_ok(&f->t, f->c, CID, "stream-output declarations");
}

static void set_state(struct fixture *f)
{
	struct cbuf *c = f->c;
	SVGA3dCmdDXSetShader svs = { VS_ID, SVGA3D_SHADERTYPE_VS };
	SVGA3dCmdDXSetShader sps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetInputLayout il = { 1 };
	SVGA3dCmdDXSetTopology topo = { SVGA3D_PRIMITIVE_POINTLIST };
	SVGA3dCmdDXSetRasterizerState srs = { 1 };

	dx_define_layout_two_float4(c, 1);
	dx_define_rasterizer_no_cull(c, 1);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, svs);
	CMD(c, SVGA_3D_CMD_DX_SET_SHADER, sps);
	CMD(c, SVGA_3D_CMD_DX_SET_INPUT_LAYOUT, il);
	CMD(c, SVGA_3D_CMD_DX_SET_TOPOLOGY, topo);
	dx_set_render_target(c, RTV, SVGA3D_INVALID_ID);
	CMD(c, SVGA_3D_CMD_DX_SET_RASTERIZER_STATE, srs);
	dx_set_single_viewport(c, W, H);
	dx_ok(&f->t, c, CID, "state");
}

static void set_vb(struct fixture *f, uint32_t sid)
{
	dx_set_vertex_buffer(f->c, sid, sizeof(struct vertex));
}

/* DX_SET_STREAMOUTPUT + DX_SET_SOTARGETS (n targets, as Mesa sends) */
static void set_so(struct fixture *f, uint32_t soid, unsigned n,
		   const SVGA3dSoTarget *t)
{
	SVGA3dCmdDXSetStreamOutput s = { soid };
	struct {
		SVGA3dCmdDXSetSOTargets h;
		SVGA3dSoTarget t[SVGA3D_DX_MAX_SOTARGETS];
	} st;

	memset(&st, 0, sizeof(st));
	if (n)
		memcpy(st.t, t, n * sizeof(*t));
	CMD(f->c, SVGA_3D_CMD_DX_SET_STREAMOUTPUT, s);
	cb_3d(f->c, SVGA_3D_CMD_DX_SET_SOTARGETS, &st,
	      (uint32_t)(sizeof(st.h) + n * sizeof(*t)));
}

static void draw(struct fixture *f, uint32_t count, uint32_t first)
{
	SVGA3dCmdDXDraw d = { count, first };

	CMD(f->c, SVGA_3D_CMD_DX_DRAW, d);
}

/* Host storage and guest memory of a SO buffer: the sentinel, plus
 * `extra` bytes at `at` (what the GPU must leave alone). */
static void so_fill(struct fixture *f, uint32_t sid, const struct tmob *m,
		    uint32_t at, const void *extra, uint32_t extra_bytes)
{
	SVGA3dCmdUpdateGBImage up = { { sid, 0, 0 },
				      { 0, 0, 0, SO_BYTES, 1, 1 } };
	uint32_t w[SO_WORDS];

	for (unsigned i = 0; i < SO_WORDS; i++)
		w[i] = SENTINEL;
	if (extra)
		memcpy((uint8_t *)w + at, extra, extra_bytes);
	tmob_write(&f->t, m, 0, w, sizeof(w));
	CMD(f->c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
}

/* READBACK (image or whole surface) after what is queued, then the words */
static void so_read(struct fixture *f, uint32_t sid, const struct tmob *m,
		    bool whole, uint32_t *w, const char *what)
{
	SVGA3dCmdReadbackGBImage rb = { { sid, 0, 0 } };
	SVGA3dCmdReadbackGBSurface rbs = { sid };

	if (whole)
		CMD(f->c, SVGA_3D_CMD_READBACK_GB_SURFACE, rbs);
	else
		CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, what);
	memset(w, 0, SO_BYTES);
	tmob_read(&f->t, m, 0, w, SO_BYTES);
}

static void compare_words(const char *what, const uint32_t *got,
			  const uint32_t *want)
{
	unsigned bad = 0, written = 0;

	for (unsigned i = 0; i < SO_WORDS; i++) {
		written += want[i] != SENTINEL;
		if (got[i] == want[i])
			continue;
		if (bad++ < 6)
			fprintf(stderr, "%s: word %u is 0x%08x, expected "
				"0x%08x\n", what, i, got[i], want[i]);
	}
	printf("%s: %u words compared (%u written by the GPU), %u wrong\n",
	       what, SO_WORDS, written, bad);
	CHECK(written > 0);
	CHECK_EQ(bad, 0);
}

static void expect_init(uint32_t *want)
{
	for (unsigned i = 0; i < SO_WORDS; i++)
		want[i] = SENTINEL;
}

/* o1 (the colour) of vertices first.., one vec4 per 16 bytes from `at` */
static void expect_colors(uint32_t *want, unsigned at_word, unsigned first,
			  unsigned n, float scale)
{
	for (unsigned v = 0; v < n; v++)
		for (unsigned c = 0; c < 4; c++)
			want[at_word + v * 4 + c] =
				fbits(verts[first + v].color[c] * scale);
}

static void case_full(struct fixture *f, bool whole, const char *what)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	set_so(f, SO_FULL, 1, &t);
	draw(f, 4, 0);
	so_read(f, SID_SO0, &f->so0, whole, got, what);
	expect_init(want);
	expect_colors(want, 0, 0, 4, 1.0f);
	compare_words(what, got, want);
}

static void case_subset(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	set_so(f, SO_SUBSET, 1, &t);
	draw(f, 4, 0);
	so_read(f, SID_SO0, &f->so0, false, got, "subset");
	expect_init(want);
	for (unsigned v = 0; v < 4; v++) {
		want[v * 4 + 0] = fbits(verts[v].color[1]);
		want[v * 4 + 1] = fbits(verts[v].color[2]);
		/* word 2: the hole keeps the sentinel */
		want[v * 4 + 3] = fbits(verts[v].color[0] + add_imm[0]);
	}
	compare_words("o1.yz, a hole, o2.x (start component 1)", got, want);
}

static void case_two_buffers(struct fixture *f)
{
	SVGA3dSoTarget t[2] = { { SID_SO0, 0, SO_BYTES },
				{ SID_SO1, 0, SO_BYTES } };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	so_fill(f, SID_SO1, &f->so1, 0, NULL, 0);
	set_so(f, SO_TWO, 2, t);
	draw(f, 4, 0);
	so_read(f, SID_SO0, &f->so0, false, got, "two buffers");
	expect_init(want);
	expect_colors(want, 0, 0, 4, 1.0f);
	compare_words("two buffers, buffer 0 (o1)", got, want);
	so_read(f, SID_SO1, &f->so1, false, got, "two buffers");
	expect_init(want);
	for (unsigned v = 0; v < 4; v++) {
		want[v * 2 + 0] = fbits(verts[v].color[2] + add_imm[2]);
		want[v * 2 + 1] = fbits(verts[v].color[3] + add_imm[3]);
	}
	compare_words("two buffers, buffer 1 (o2.zw, stride 8)", got, want);
}

static void case_append(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	SVGA3dSoTarget ta = { SID_SO0, SVGA3D_DX_SO_OFFSET_APPEND, SO_BYTES };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	set_so(f, SO_FULL, 1, &t);
	draw(f, 2, 0);
	set_so(f, SO_FULL, 1, &ta);
	draw(f, 2, 2);
	so_read(f, SID_SO0, &f->so0, false, got, "append");
	expect_init(want);
	expect_colors(want, 0, 0, 4, 1.0f);
	compare_words("append: 2 vertices, then 2 at offset ~0", got, want);
}

/* D3D: one DX_SET_SOTARGETS, two draws: the second goes on after the
 * first (what Mesa sends for two draws inside one transform feedback) */
static void case_two_draws(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	/* a stale filled size first: the next binding's offset 0 must win
	 * even though its first draw draws nothing */
	set_so(f, SO_FULL, 1, &t);
	draw(f, 3, 0);
	set_so(f, SO_FULL, 1, &t);
	draw(f, 0, 0);
	draw(f, 2, 0);
	draw(f, 2, 2);
	so_read(f, SID_SO0, &f->so0, false, got, "two draws");
	expect_init(want);
	expect_colors(want, 0, 0, 4, 1.0f);
	compare_words("two draws after one DX_SET_SOTARGETS", got, want);
}

/* GL's intervening-read: one binding of 32 bytes at 16, then draws of 1
 * and 3 vertices: the second goes on after the first and stops at the
 * binding's end (the offset became APPEND, the end stays). */
static void case_overflow_two_draws(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 16, 32 };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	set_so(f, SO_FULL, 1, &t);
	draw(f, 1, 0);
	draw(f, 3, 1);
	so_read(f, SID_SO0, &f->so0, false, got, "overflow, two draws");
	expect_init(want);
	expect_colors(want, 4, 0, 2, 1.0f);
	compare_words("overflow: 1 + 3 vertices into 32 bytes at 16", got,
		      want);
}

static void case_overflow(struct fixture *f)
{
	/* room for two of the four vertices, from byte 16 */
	SVGA3dSoTarget t = { SID_SO0, 16, 32 };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	set_so(f, SO_FULL, 1, &t);
	draw(f, 4, 0);
	so_read(f, SID_SO0, &f->so0, false, got, "overflow");
	expect_init(want);
	expect_colors(want, 4, 0, 2, 1.0f);
	compare_words("overflow: 4 vertices into 32 bytes at 16", got, want);
}

static void case_gs(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	SVGA3dCmdDXSetShader sgs = { GS_ID, SVGA3D_SHADERTYPE_GS };
	SVGA3dCmdDXSetShader nogs = { SVGA3D_INVALID_ID,
				      SVGA3D_SHADERTYPE_GS };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER, sgs);
	set_so(f, SO_GS, 1, &t);
	draw(f, 4, 0);
	CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER, nogs);
	so_read(f, SID_SO0, &f->so0, false, got, "geometry shader");
	expect_init(want);
	expect_colors(want, 0, 0, 4, 2.0f);
	compare_words("VS + GS: the GS's o1 (2 x colour)", got, want);
}

static unsigned unorm8(float v)
{
	v = v < 0 ? 0 : v > 1 ? 1 : v;
	return (unsigned)lrintf(v * 255.0f);
}

/* The target after a clear and what is queued: `lit` of the vertices
 * (bit per vertex) in their colours, every other pixel the clear colour. */
static void check_pixels(struct fixture *f, unsigned lit, const char *what)
{
	SVGA3dCmdReadbackGBImage rb = { { SID_RT, 0, 0 } };
	uint8_t px[W * H * 4];
	unsigned bad = 0;

	CMD(f->c, SVGA_3D_CMD_READBACK_GB_IMAGE, rb);
	dx_ok(&f->t, f->c, CID, what);
	tmob_read(&f->t, &f->rt, 0, px, sizeof(px));
	for (unsigned y = 0; y < H; y++)
		for (unsigned x = 0; x < W; x++) {
			const float *want = clear_color;
			const uint8_t *p = px + (y * W + x) * 4;

			for (unsigned v = 0; v < 4; v++)
				if ((lit >> v & 1) && px_of[v][0] == x &&
				    px_of[v][1] == y)
					want = verts[v].color;
			for (unsigned c = 0; c < 4; c++)
				if (abs((int)p[c] - (int)unorm8(want[c])) > 1) {
					if (bad++ < 6)
						fprintf(stderr, "%s: pixel "
							"(%u,%u) %u,%u,%u,%u\n",
							what, x, y, p[0], p[1],
							p[2], p[3]);
					break;
				}
		}
	printf("%s: %u pixels compared, %u wrong\n", what, W * H, bad);
	CHECK_EQ(bad, 0);
}

static void clear_rt(struct fixture *f)
{
	SVGA3dCmdDXClearRenderTargetView clr;

	memset(&clr, 0, sizeof(clr));
	clr.renderTargetViewId = RTV;
	memcpy(clr.rgba.value, clear_color, sizeof(clear_color));
	CMD(f->c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, clr);
}

/*
 * Rasterizer discard: three vertices (position and colour, 32 bytes each)
 * captured, none drawn.  Then DX_DRAW_AUTO from that buffer as vertex
 * buffer 0: exactly the three are drawn, although the buffer holds a
 * fourth, valid vertex behind them (a decoy at pixel (6,6)).
 */
static void case_discard_and_auto(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	SVGA3dCmdDXDrawAuto da = { 0 };
	uint32_t got[SO_WORDS], want[SO_WORDS];

	so_fill(f, SID_SO0, &f->so0, 3 * sizeof(struct vertex), &verts[3],
		sizeof(struct vertex));
	clear_rt(f);
	set_so(f, SO_POSCOL, 1, &t);
	draw(f, 3, 0);
	check_pixels(f, 0, "rasterizer discard: nothing drawn");
	so_read(f, SID_SO0, &f->so0, false, got, "rasterizer discard");
	expect_init(want);
	memcpy(want, verts, sizeof(verts));     /* 3 captured + the decoy */
	compare_words("rasterizer discard: position and colour captured",
		      got, want);

	clear_rt(f);
	set_so(f, SVGA3D_INVALID_ID, 0, NULL);
	set_vb(f, SID_SO0);
	CMD(f->c, SVGA_3D_CMD_DX_DRAW_AUTO, da);
	set_vb(f, SID_VB);
	check_pixels(f, 0x7, "DX_DRAW_AUTO: the 3 captured vertices");

	/* from a buffer stream output never wrote: nothing (filled size 0) */
	clear_rt(f);
	CMD(f->c, SVGA_3D_CMD_DX_DRAW_AUTO, da);
	check_pixels(f, 0, "DX_DRAW_AUTO from a buffer never written by SO");
}

/*
 * Rasterizer discard as Mesa's svga driver does it (svga_state_fs.c,
 * svga_state_framebuffer.c): the SO declaration's rasterizedStream stays
 * 0, the pixel shader is unbound and the viewport is 1x1 at (0,0).  The
 * vertices are captured; the target keeps its clear colour (D3D: no
 * pixel shader, no colour writes; Vulkan would leave them undefined).
 */
static void case_mesa_discard(struct fixture *f)
{
	static const float red[4] = { 1.0f, 0.0f, 0.0f, 1.0f };
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	SVGA3dCmdDXSetShader nops = { SVGA3D_INVALID_ID, SVGA3D_SHADERTYPE_PS };
	SVGA3dCmdDXSetShader ps = { PS_ID, SVGA3D_SHADERTYPE_PS };
	struct {
		SVGA3dCmdDXSetViewports h;
		SVGA3dViewport vp[1];
	} one = { { 0 }, { { 0, 0, 1, 1, 0.0f, 1.0f } } },
	  full = { { 0 }, { { 0, 0, W, H, 0.0f, 1.0f } } };
	struct vertex at00[4];
	uint32_t got[SO_WORDS], want[SO_WORDS];

	/* four red points, all at pixel (0,0) of the 1x1 viewport */
	for (unsigned i = 0; i < 4; i++) {
		at00[i] = verts[i];
		memcpy(at00[i].color, red, sizeof(red));
	}
	tmob_write(&f->t, &f->vb, 0, at00, sizeof(at00));
	{
		SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
					      { 0, 0, 0, sizeof(at00), 1, 1 } };

		CMD(f->c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
	}
	so_fill(f, SID_SO0, &f->so0, 0, NULL, 0);
	clear_rt(f);
	CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER, nops);
	CMD(f->c, SVGA_3D_CMD_DX_SET_VIEWPORTS, one);
	set_so(f, SO_FULL, 1, &t);
	draw(f, 4, 0);
	CMD(f->c, SVGA_3D_CMD_DX_SET_SHADER, ps);
	CMD(f->c, SVGA_3D_CMD_DX_SET_VIEWPORTS, full);
	check_pixels(f, 0, "Mesa's discard: no pixel shader, nothing drawn");
	so_read(f, SID_SO0, &f->so0, false, got, "Mesa's discard");
	expect_init(want);
	for (unsigned v = 0; v < 4; v++)
		memcpy(&want[v * 4], red, 16);
	compare_words("Mesa's discard: vertices captured", got, want);
	tmob_write(&f->t, &f->vb, 0, verts, sizeof(verts));
	{
		SVGA3dCmdUpdateGBImage up = { { SID_VB, 0, 0 },
					      { 0, 0, 0, sizeof(verts), 1, 1 } };

		CMD(f->c, SVGA_3D_CMD_UPDATE_GB_IMAGE, up);
	}
	dx_ok(&f->t, f->c, CID, "vertices restored");
}

/* Bad declarations and targets: command errors naming the reason. */
static void case_bad(struct fixture *f)
{
	SVGA3dSoTarget t = { SID_SO0, 0, SO_BYTES };
	SVGA3dSoTarget out = { SID_SO0, 240, 32 };
	const struct {
		uint32_t soid;
		const SVGA3dSoTarget *t;
		const char *cause, *what;
	} bad[] = {
		{ SO_BADREG, &t, "o5 mask 0xf is not declared",
		  "SO entry naming o5, which the shader lacks" },
		{ SO_BADSTRIDE, &t, "stride 4096",
		  "SO stride over the device limit" },
		{ SO_FULL, &out, "offset 240 + size 32",
		  "SO target past its surface's end" },
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		set_so(f, bad[i].soid, 1, bad[i].t);
		draw(f, 4, 0);
		dx_err(&f->t, f->c, CID, 2, "DX_DRAW", bad[i].what);
		t_checks++;
		if (!strstr(f->t.g.prev_error, bad[i].cause)) {
			t_failures++;
			fprintf(stderr, "%s: no guest error naming \"%s\" "
				"(got \"%s\")\n", bad[i].what, bad[i].cause,
				f->t.g.prev_error);
		} else {
			printf("%s: \"%s\"\n", bad[i].what, f->t.g.prev_error);
		}
	}
}

int main(void)
{
	struct fixture f;
	struct asm_buf vs, ps, gs;
	size_t vs_size, ps_size, gs_size;
	struct svga_backend_stats st;
	int rc;

	memset(&f, 0, sizeof(f));
	f.c = calloc(1, sizeof(*f.c));
	make_vertices();
	tdev_init(&f.t, 64);
	rc = backend_attach_or_skip(&f.t, &f.be, "test_backend_streamout");
	if (rc)
		return rc;
	printf("renderer on %s\n", svga_backend_device_name(f.be));
	setup_otables(&f.t, 64);
	dx_setup(&f.t, f.c, CID, ENTRIES, f.cot);
	setup_resources(&f);
	vs_size = build_vs(&vs);
	ps_size = asm_ps_color_from_v1(&ps);
	gs_size = build_gs(&gs);
	define_shader(&f, VS_ID, SVGA3D_SHADERTYPE_VS, &vs, vs_size, 0);
	define_shader(&f, PS_ID, SVGA3D_SHADERTYPE_PS, &ps, ps_size, PG);
	define_shader(&f, GS_ID, SVGA3D_SHADERTYPE_GS, &gs, gs_size, 2 * PG);
	define_decls(&f);
	set_state(&f);
	set_vb(&f, SID_VB);
	dx_ok(&f.t, f.c, CID, "vertex buffer");

	case_full(&f, false, "o1 whole, READBACK_GB_IMAGE");
	case_full(&f, true, "o1 whole again, READBACK_GB_SURFACE");
	case_subset(&f);
	case_two_buffers(&f);
	case_append(&f);
	case_two_draws(&f);
	case_overflow(&f);
	case_overflow_two_draws(&f);
	case_gs(&f);
	case_discard_and_auto(&f);
	case_mesa_discard(&f);
	case_bad(&f);
	case_full(&f, false, "o1 whole after the errors");

	svga_backend_get_stats(f.be, &st);
	printf("stats: draws %llu, translations %llu (failed %llu), cache "
	       "hits %llu, uploaded %llu bytes, read back %llu bytes\n",
	       (unsigned long long)st.draws,
	       (unsigned long long)st.translations,
	       (unsigned long long)st.translation_failures,
	       (unsigned long long)st.shader_cache_hits,
	       (unsigned long long)st.upload_bytes,
	       (unsigned long long)st.readback_bytes);
	svga_backend_detach(f.be);
	dx_cot_free(f.cot);
	tmob_free(&f.vb);
	tmob_free(&f.so0);
	tmob_free(&f.so1);
	tmob_free(&f.rt);
	tmob_free(&f.sh);
	free(f.c);
	tdev_fini(&f.t);
	return t_report("test_backend_streamout");
}
