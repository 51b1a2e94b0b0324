/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * csvga-coherent-texture-bench: which texture transfers gain from the
 * texture being coherent (issue 12), measured to pick Mesa's policy.  A
 * benchmark, not a test: its data checks are TAP cases, its timings are
 * reported and never asserted.
 *
 * Each case runs in two modes, in the same process: N, textures created
 * with SVGA_COHERENT_TEXTURES=0 (explicit UPDATE and READBACK commands),
 * and C, created with SVGA_COHERENT_TEXTURES=1 (coherent surfaces, no
 * UPDATE or READBACK from Mesa).  Mesa reads the variable when it creates
 * a texture, so each mode has its own textures, and the variable is set
 * to the mode's value around each of its batches (for textures Mesa
 * creates behind a transfer, such as staging textures).  On a kernel
 * without DRM_VMW_PARAM_COHERENT_MEMORY, or a Mesa without the switch,
 * both modes are the same: the kernel's upload and readback counters
 * (debugfs vmwgfx_coherency), printed per frame, tell.
 *
 * The texture is S x S RGBA8 (512 by default, 1 MiB); a small rect is
 * 16 x 16 (1 KiB), at a place that moves every frame.  Cases:
 *
 *   up-rect, up-whole   glTexSubImage2D of the rect / the whole texture
 *                       from client memory, then a draw sampling it;
 *   rp-rect, rp-whole   the GPU draws the whole render target (a texture
 *                       in an FBO), then glReadPixels of the rect / all
 *                       of it into client memory;
 *   pbo-rect, pbo-whole the same into a pixel pack buffer, mapped for
 *                       reading;
 *   gti-whole           the same, glGetTexImage of the texture (GL 3.3
 *                       has no sub-image form).
 *
 * Data are checked every frame.  Uploads: a draw over the uploaded texels
 * compares each with what the frame wrote (texelFetch) and discards
 * mismatches, and an occlusion query per frame must count every texel
 * (queries are read after the batch, so no readback stalls the frames).
 * Readbacks: the CPU compares every byte read with what the frame drew.
 * A pattern depends on the frame's tag and the texel's place, so stale
 * data, zeros or a shifted rect fail.  -skip N leaves frame N of every
 * case unproduced (no upload, no draw): every case must then fail.
 *
 * Method (as coherent-stream-bench): a warm-up batch per mode, then
 * repetitions of one batch of F frames per mode, N first in even
 * repetitions and C first in odd ones; per repetition the ratio is C's
 * mean frame time over N's; the table shows its median and range.  Frame
 * time excludes the CPU's filling and checking of pixel data (the same in
 * both modes, and reported apart).  Also per frame: device bytes moved to
 * the host and to the guest (svga_counters) per byte the application
 * transferred, device commands, and the kernel's coherency uploads and
 * readbacks.
 *
 * Options (after piglit's -auto -fbo): -quick (3 repetitions of 6
 * frames; default 5 of 10), -reps N, -batch F, -tex S (64..1024, a
 * multiple of 64), -case NAME (repeatable), -skip N.
 */
#include "coherent-common.h"
#include "coh_kstats.h"
#include "coh_measure.h"
#include "svga_counters.h"


#define RECT 16
#define MAX_REPS 32
#define MAX_BATCH 64
#define MAX_TEX 1024

enum mode { MODE_EXPLICIT, MODE_COHERENT, NMODES };
static const char *const mode_letter[NMODES] = { "N", "C" };
static const char *const mode_env[NMODES] = { "0", "1" };

enum kind { UPLOAD, READPIXELS, READPIXELS_PBO, GETTEXIMAGE };

struct bench_case {
	const char *name;
	enum kind kind;
	bool whole;
};

static const struct bench_case cases[] = {
	{ "up-rect", UPLOAD, false },
	{ "up-whole", UPLOAD, true },
	{ "rp-rect", READPIXELS, false },
	{ "rp-whole", READPIXELS, true },
	{ "pbo-rect", READPIXELS_PBO, false },
	{ "pbo-whole", READPIXELS_PBO, true },
	{ "gti-whole", GETTEXIMAGE, true },
};
#define NCASES ARRAY_SIZE(cases)

PIGLIT_GL_TEST_CONFIG_BEGIN

	piglit_config = &config;
	config.supports_gl_core_version = 33;
	config.window_width = 16;
	config.window_height = 16;
	config.window_visual = PIGLIT_GL_VISUAL_RGBA | PIGLIT_GL_VISUAL_DOUBLE;
	config.khr_no_error_support = PIGLIT_NO_ERRORS;

PIGLIT_GL_TEST_CONFIG_END

/* The texel at (x, y) of frame tag t, in the shaders and on the CPU. */
#define PATTERN_GLSL \
	"uvec4 pattern(uvec2 p, uint t) {\n" \
	"	return uvec4((p.x * 7u + t) & 255u, (p.y * 13u + t * 3u) & 255u,\n" \
	"		     (p.x ^ p.y ^ t) & 255u, (p.x + p.y * 5u + t * 11u) & 255u);\n" \
	"}\n"

static void
pattern(uint8_t *px, uint32_t x, uint32_t y, uint32_t t)
{
	px[0] = (x * 7u + t) & 255u;
	px[1] = (y * 13u + t * 3u) & 255u;
	px[2] = (x ^ y ^ t) & 255u;
	px[3] = (x + y * 5u + t * 11u) & 255u;
}

/* Draws the frame's pattern into the render target. */
static const char fs_draw[] =
	"#version 330\n"
	"uniform uint tag;\n"
	"out vec4 o;\n"
	PATTERN_GLSL
	"void main() {\n"
	"	o = vec4(pattern(uvec2(gl_FragCoord.xy), tag)) / 255.0;\n"
	"}\n";
/* Passes the fragments whose texel holds the frame's pattern. */
static const char fs_check[] =
	"#version 330\n"
	"uniform uint tag;\n"
	"uniform sampler2D tex;\n"
	"out vec4 o;\n"
	PATTERN_GLSL
	"void main() {\n"
	"	ivec2 p = ivec2(gl_FragCoord.xy);\n"
	"	uvec4 got = uvec4(round(texelFetch(tex, p, 0) * 255.0));\n"
	"	if (any(notEqual(got, pattern(uvec2(p), tag))))\n"
	"		discard;\n"
	"	o = vec4(0.0, 1.0, 0.0, 1.0);\n"
	"}\n";

/* What one mode of one case measured, over its timed batches. */
struct meas {
	double us[MAX_REPS];        /* mean frame time of each batch, CPU work out */
	double total_us, cpu_us;    /* timed batches; filling and checking data */
	uint64_t frames, bytes;     /* frames, bytes the application moved */
	uint64_t to_host, to_guest, cmds;
	long long k[COH_K_NUM];
	unsigned bad_frames, checked_frames;
	int first_bad_frame;
};

/* The GL objects of one mode of one case. */
struct target {
	GLuint tex, fbo, pbo, check_rb, check_fbo;
	GLuint query[MAX_BATCH];
	uint32_t frame;
};

static GLuint prog_draw, prog_check, vao;
static GLint draw_tag_loc, check_tag_loc;
static uint8_t *pixels;          /* client memory: upload source, readback destination */
static struct svga_counters counters;
static bool have_counters, have_kstats;
static unsigned reps, batch, tex_size = 512;
static int skip_frame = -1;
static bool case_selected[NCASES];
static unsigned tap_number;

/* The region a frame transfers: the whole texture or a rect moving over it. */
static void
frame_region(const struct bench_case *c, uint32_t frame, int *x, int *y, int *w, int *h)
{
	if (c->whole) {
		*x = *y = 0;
		*w = *h = tex_size;
		return;
	}
	*x = (frame * 37u) % (tex_size - RECT);
	*y = (frame * 53u) % (tex_size - RECT);
	*w = *h = RECT;
}

static bool
target_create(struct target *t, const struct bench_case *c, enum mode m)
{
	memset(t, 0, sizeof(*t));
	setenv("SVGA_COHERENT_TEXTURES", mode_env[m], 1);
	glGenTextures(1, &t->tex);
	glBindTexture(GL_TEXTURE_2D, t->tex);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
	glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, tex_size, tex_size, 0, GL_RGBA,
		     GL_UNSIGNED_BYTE, NULL);
	if (c->kind == UPLOAD) {
		/* what the check draw renders into: only its query matters */
		glGenRenderbuffers(1, &t->check_rb);
		glBindRenderbuffer(GL_RENDERBUFFER, t->check_rb);
		glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, tex_size, tex_size);
		glGenFramebuffers(1, &t->check_fbo);
		glBindFramebuffer(GL_FRAMEBUFFER, t->check_fbo);
		glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
					  GL_RENDERBUFFER, t->check_rb);
	} else {
		glGenFramebuffers(1, &t->fbo);
		glBindFramebuffer(GL_FRAMEBUFFER, t->fbo);
		glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
				       GL_TEXTURE_2D, t->tex, 0);
	}
	if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
		printf("# %s %s: framebuffer incomplete\n", c->name, mode_letter[m]);
		return false;
	}
	if (c->kind == READPIXELS_PBO) {
		glGenBuffers(1, &t->pbo);
		glBindBuffer(GL_PIXEL_PACK_BUFFER, t->pbo);
		glBufferData(GL_PIXEL_PACK_BUFFER, (GLsizeiptr)tex_size * tex_size * 4,
			     NULL, GL_STREAM_READ);
		glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
	}
	glGenQueries(MAX_BATCH, t->query);
	return piglit_check_gl_error(GL_NO_ERROR);
}

static void
target_destroy(struct target *t)
{
	glBindFramebuffer(GL_FRAMEBUFFER, 0);
	glDeleteQueries(MAX_BATCH, t->query);
	glDeleteBuffers(1, &t->pbo);
	glDeleteFramebuffers(1, &t->fbo);
	glDeleteFramebuffers(1, &t->check_fbo);
	glDeleteRenderbuffers(1, &t->check_rb);
	glDeleteTextures(1, &t->tex);
	memset(t, 0, sizeof(*t));
}

/* The frame's pattern over a region, rows packed (the upload source). */
static void
fill_region(uint8_t *dst, int x, int y, int w, int h, uint32_t tag)
{
	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++, dst += 4)
			pattern(dst, x + i, y + j, tag);
}

/* Bytes of a region read back that differ from the frame's pattern. */
static unsigned
check_region(const uint8_t *src, int x, int y, int w, int h, uint32_t tag)
{
	unsigned bad = 0;
	uint8_t want[4];

	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++, src += 4) {
			pattern(want, x + i, y + j, tag);
			bad += memcmp(src, want, 4) != 0;
		}
	return bad;
}

static bool
wait_fence(GLsync *f)
{
	GLenum status;

	if (!*f)
		return true;
	status = glClientWaitSync(*f, GL_SYNC_FLUSH_COMMANDS_BIT, CSVGA_FENCE_TIMEOUT_NS);
	glDeleteSync(*f);
	*f = NULL;
	return status == GL_ALREADY_SIGNALED || status == GL_CONDITION_SATISFIED;
}

/*
 * One upload frame: glTexSubImage2D of the frame's region, then a draw
 * over it that counts the texels holding the frame's data.
 */
static void
upload_frame(struct target *t, const struct bench_case *c, unsigned f,
	     uint32_t tag, double *cpu_us)
{
	int x, y, w, h;
	double t0 = coh_now_us();

	frame_region(c, t->frame, &x, &y, &w, &h);
	fill_region(pixels, x, y, w, h, tag);
	*cpu_us += coh_now_us() - t0;
	glBindTexture(GL_TEXTURE_2D, t->tex);
	if ((int)t->frame != skip_frame)
		glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA,
				GL_UNSIGNED_BYTE, pixels);
	glBindFramebuffer(GL_FRAMEBUFFER, t->check_fbo);
	glViewport(x, y, w, h);
	glUseProgram(prog_check);
	glUniform1ui(check_tag_loc, tag);
	glBeginQuery(GL_SAMPLES_PASSED, t->query[f]);
	glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
	glEndQuery(GL_SAMPLES_PASSED);
}

/*
 * One readback frame: the GPU draws the frame's pattern over the render
 * target, then the frame's region is read back and checked.  Returns the
 * wrong texels.
 */
static unsigned
readback_frame(struct target *t, const struct bench_case *c, uint32_t tag,
	       double *cpu_us)
{
	const GLsizeiptr whole = (GLsizeiptr)tex_size * tex_size * 4;
	int x, y, w, h;
	const uint8_t *src = pixels;
	unsigned bad;
	double t0;

	frame_region(c, t->frame, &x, &y, &w, &h);
	glBindFramebuffer(GL_FRAMEBUFFER, t->fbo);
	if ((int)t->frame != skip_frame) {
		glViewport(0, 0, tex_size, tex_size);
		glUseProgram(prog_draw);
		glUniform1ui(draw_tag_loc, tag);
		glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
	}
	switch (c->kind) {
	case READPIXELS:
		glReadPixels(x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
		break;
	case READPIXELS_PBO:
		glBindBuffer(GL_PIXEL_PACK_BUFFER, t->pbo);
		glReadPixels(x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
		src = glMapBufferRange(GL_PIXEL_PACK_BUFFER, 0, whole, GL_MAP_READ_BIT);
		break;
	case GETTEXIMAGE:
		glBindTexture(GL_TEXTURE_2D, t->tex);
		glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
		break;
	default:
		break;
	}
	t0 = coh_now_us();
	bad = src ? check_region(src, x, y, w, h, tag) : (unsigned)(w * h);
	*cpu_us += coh_now_us() - t0;
	if (c->kind == READPIXELS_PBO) {
		if (src)
			glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
		glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
	}
	return bad;
}

struct snapshot {
	struct svga_counter dev;
	long long k[COH_K_NUM];
};

static void
snapshot(struct snapshot *sn)
{
	svga_counters_read(&counters, SVGA_COUNTERS_TOTALS, &sn->dev);
	coh_kstats_read(sn->k);
}

/*
 * One batch of one mode: frames produced, transferred and checked; timed
 * into m->us[rep] when timed.  Upload frames keep at most two frames in
 * flight (a fence per frame), as a streaming application would.
 */
static bool
run_batch(struct target *t, const struct bench_case *c, enum mode mode,
	  unsigned frames, int rep, bool timed, struct meas *m)
{
	const unsigned texels = c->whole ? tex_size * tex_size : RECT * RECT;
	GLsync fence[2] = { NULL, NULL };
	struct snapshot a, b;
	double t0, elapsed, cpu_us = 0;
	unsigned bad_frames = 0;
	int first_bad = -1;
	bool ok = true;

	setenv("SVGA_COHERENT_TEXTURES", mode_env[mode], 1);
	snapshot(&a);
	t0 = coh_now_us();
	for (unsigned f = 0; f < frames && ok; f++) {
		uint32_t tag = t->frame + 1;

		if (c->kind == UPLOAD) {
			upload_frame(t, c, f, tag, &cpu_us);
			ok = wait_fence(&fence[f % 2]);
			fence[f % 2] = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
		} else if (readback_frame(t, c, tag, &cpu_us)) {
			if (first_bad < 0)
				first_bad = t->frame;
			bad_frames++;
		}
		t->frame++;
	}
	for (unsigned i = 0; i < 2 && ok; i++)
		ok = wait_fence(&fence[i]);
	elapsed = coh_now_us() - t0;
	snapshot(&b);
	if (timed) {
		m->us[rep] = (elapsed - cpu_us) / frames;
		m->total_us += elapsed - cpu_us;
		m->cpu_us += cpu_us;
		m->frames += frames;
		m->bytes += (uint64_t)frames * texels * 4;
		m->to_host += b.dev.to_host - a.dev.to_host;
		m->to_guest += b.dev.to_guest - a.dev.to_guest;
		m->cmds += b.dev.count - a.dev.count;
		for (int i = 0; i < COH_K_NUM; i++)
			m->k[i] += b.k[i] - a.k[i];
	}
	for (unsigned f = 0; c->kind == UPLOAD && f < frames && ok; f++) {
		GLuint64 passed = 0;

		glGetQueryObjectui64v(t->query[f], GL_QUERY_RESULT, &passed);
		if (passed != texels) {
			if (first_bad < 0)
				first_bad = t->frame - frames + f;
			bad_frames++;
		}
	}
	if (bad_frames && m->first_bad_frame < 0)
		m->first_bad_frame = first_bad;
	m->bad_frames += bad_frames;
	m->checked_frames += frames;
	return piglit_check_gl_error(GL_NO_ERROR) && ok;
}

struct result {
	struct meas m[NMODES];
	double us_med[NMODES];
	double ratio_med, ratio_min, ratio_max;
	bool ran;
};

static bool
run_case(const struct bench_case *c, struct result *r)
{
	struct target t[NMODES];
	double ratio[MAX_REPS];
	bool ok = true;

	memset(r, 0, sizeof(*r));
	memset(t, 0, sizeof(t));
	for (int m = 0; m < NMODES; m++)
		r->m[m].first_bad_frame = -1;
	for (int m = 0; m < NMODES && ok; m++)
		ok = target_create(&t[m], c, m);
	for (int m = 0; m < NMODES && ok; m++)
		ok = run_batch(&t[m], c, m, batch / 2 + 2, 0, false, &r->m[m]);
	for (unsigned rep = 0; rep < reps && ok; rep++) {
		for (int i = 0; i < NMODES && ok; i++) {
			int m = rep % 2 ? NMODES - 1 - i : i;

			ok = run_batch(&t[m], c, m, batch, rep, true, &r->m[m]);
		}
		ratio[rep] = r->m[MODE_COHERENT].us[rep] / r->m[MODE_EXPLICIT].us[rep];
	}
	for (int m = 0; m < NMODES; m++)
		target_destroy(&t[m]);
	unsetenv("SVGA_COHERENT_TEXTURES");
	if (!ok)
		return false;
	for (int m = 0; m < NMODES; m++)
		r->us_med[m] = coh_median(r->m[m].us, reps);
	r->ratio_med = coh_median(ratio, reps);
	r->ratio_min = ratio[0];
	r->ratio_max = ratio[reps - 1];
	r->ran = true;
	return true;
}

static double
per_frame(double v, const struct meas *m)
{
	return m->frames ? v / (double)m->frames : 0;
}

static void
print_tables(const struct result *res)
{
	printf("#\n# Texture transfers, %ux%u RGBA8, rect %ux%u; N: SVGA_COHERENT_TEXTURES=0, C: =1\n",
	       tex_size, tex_size, RECT, RECT);
	printf("# C/N: C's mean frame time over N's per repetition, median [min..max]\n"
	       "# (below 1: coherent gains); us/f: median of the batch means, without the\n"
	       "# CPU's filling and checking of pixel data (cpu us/f, per mode)\n");
	printf("# %-9s | %-18s | %8s %8s | %8s %8s\n", "case", "C/N med [min..max]",
	       "N us/f", "C us/f", "N cpu", "C cpu");
	for (unsigned i = 0; i < NCASES; i++) {
		const struct result *r = &res[i];

		if (!case_selected[i])
			continue;
		if (!r->ran) {
			printf("# %-9s | not run\n", cases[i].name);
			continue;
		}
		printf("# %-9s | %4.2f [%4.2f..%4.2f] | %8.0f %8.0f | %8.0f %8.0f\n",
		       cases[i].name, r->ratio_med, r->ratio_min, r->ratio_max,
		       r->us_med[0], r->us_med[1],
		       per_frame(r->m[0].cpu_us, &r->m[0]), per_frame(r->m[1].cpu_us, &r->m[1]));
	}
	printf("#\n# Per frame (means over the timed batches): bytes the application moved;\n"
	       "# device bytes guest->host (up) and host->guest (rb) per byte moved; device\n"
	       "# commands; kernel (vmwgfx_coherency): uploads, upload bytes, readbacks,\n"
	       "# readback bytes\n");
	printf("# %-9s %1s | %9s | %7s %7s | %6s | %5s %9s %5s %9s\n", "case", "",
	       "B/f", "up/B", "rb/B", "cmds", "kupl", "kupl B", "krb", "krb B");
	for (unsigned i = 0; i < NCASES; i++) {
		for (int md = 0; md < NMODES && res[i].ran; md++) {
			const struct meas *m = &res[i].m[md];
			double moved = per_frame((double)m->bytes, m);

			printf("# %-9s %1s | %9.0f | %7.3f %7.3f | %6.1f | %5.2f %9.0f %5.2f %9.0f\n",
			       cases[i].name, mode_letter[md], moved,
			       per_frame((double)m->to_host, m) / moved,
			       per_frame((double)m->to_guest, m) / moved,
			       per_frame((double)m->cmds, m),
			       per_frame((double)m->k[COH_K_UPLOADS], m),
			       per_frame((double)m->k[COH_K_UPLOAD_BYTES], m),
			       per_frame((double)m->k[COH_K_READBACKS], m),
			       per_frame((double)m->k[COH_K_READBACK_BYTES], m));
		}
	}
}

static void
tap_ok(bool ok, const char *name, const char *mode, const struct meas *m)
{
	printf("%sok %u - %s %s: every frame's data transferred (wrong frames: %u of %u)\n",
	       ok ? "" : "not ", ++tap_number, name, mode, m->bad_frames, m->checked_frames);
	if (m->first_bad_frame >= 0)
		printf("# %s %s: first wrong frame %d\n", name, mode, m->first_bad_frame);
}

enum piglit_result
piglit_display(void)
{
	static struct result res[NCASES];
	double t0 = coh_now_us();
	unsigned n = 0;
	bool ok = true;

	for (unsigned i = 0; i < NCASES; i++)
		n += case_selected[i] ? NMODES : 0;
	printf("1..%u\n", n);
	printf("# %u repetitions of one batch of %u frames per mode per case (after a warm-up batch); under QEMU TCG compare ratios, not times\n",
	       reps, batch);
	if (!have_counters)
		printf("# no device counters (BAR0 statistics window; needs root): device figures show as 0\n");
	if (!have_kstats)
		printf("# no kernel statistics (debugfs vmwgfx_coherency; needs root and our kernel): kernel figures show as 0\n");
	glBindVertexArray(vao);
	glDisable(GL_DEPTH_TEST);
	glPixelStorei(GL_PACK_ALIGNMENT, 1);
	glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
	for (unsigned i = 0; i < NCASES; i++) {
		bool ran;

		if (!case_selected[i])
			continue;
		ran = run_case(&cases[i], &res[i]);
		for (int m = 0; m < NMODES; m++) {
			bool good = ran && res[i].m[m].checked_frames && !res[i].m[m].bad_frames;

			tap_ok(good, cases[i].name, mode_letter[m], &res[i].m[m]);
			ok = ok && good;
		}
		if (!ran)
			printf("# %s: stopped by a GL error or a fence timeout\n", cases[i].name);
		fflush(stdout);
	}
	print_tables(res);
	printf("# benchmark took %.1f s\n", (coh_now_us() - t0) / 1e6);
	svga_counters_close(&counters);
	return ok ? PIGLIT_PASS : PIGLIT_FAIL;
}

static void
parse_args(int argc, char **argv)
{
	bool quick = false, any = false;
	int r = -1, f = -1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-quick")) {
			quick = true;
		} else if (!strcmp(argv[i], "-reps") && i + 1 < argc) {
			r = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "-batch") && i + 1 < argc) {
			f = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "-tex") && i + 1 < argc) {
			tex_size = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "-skip") && i + 1 < argc) {
			skip_frame = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "-case") && i + 1 < argc) {
			unsigned c;

			for (c = 0; c < NCASES && strcmp(cases[c].name, argv[i + 1]); c++)
				;
			if (c == NCASES) {
				fprintf(stderr, "unknown case %s\n", argv[i + 1]);
				piglit_report_result(PIGLIT_FAIL);
			}
			case_selected[c] = any = true;
			i++;
		} else {
			fprintf(stderr, "usage: %s [-quick] [-reps N] [-batch F] [-tex S] [-case NAME]... [-skip N]\n",
				argv[0]);
			piglit_report_result(PIGLIT_FAIL);
		}
	}
	reps = r > 0 ? r : quick ? 3 : 5;
	batch = f > 0 ? f : quick ? 6 : 10;
	if (reps > MAX_REPS || batch > MAX_BATCH || tex_size < 64 ||
	    tex_size > MAX_TEX || tex_size % 64) {
		fprintf(stderr, "-reps is at most %d, -batch at most %d, -tex a multiple of 64 from 64 to %d\n",
			MAX_REPS, MAX_BATCH, MAX_TEX);
		piglit_report_result(PIGLIT_FAIL);
	}
	for (unsigned c = 0; c < NCASES && !any; c++)
		case_selected[c] = true;
}

void
piglit_init(int argc, char **argv)
{
	long long k[COH_K_NUM];

	parse_args(argc, argv);
	prog_draw = piglit_build_simple_program(csvga_vs_quad, fs_draw);
	prog_check = piglit_build_simple_program(csvga_vs_quad, fs_check);
	if (!prog_draw || !prog_check)
		piglit_report_result(PIGLIT_FAIL);
	draw_tag_loc = glGetUniformLocation(prog_draw, "tag");
	check_tag_loc = glGetUniformLocation(prog_check, "tag");
	glUseProgram(prog_check);
	glUniform1i(glGetUniformLocation(prog_check, "tex"), 0);
	glGenVertexArrays(1, &vao);
	pixels = malloc((size_t)MAX_TEX * MAX_TEX * 4);
	if (!pixels)
		piglit_report_result(PIGLIT_FAIL);
	have_counters = svga_counters_open(&counters) == 0;
	have_kstats = coh_kstats_read(k) > 0;
}
