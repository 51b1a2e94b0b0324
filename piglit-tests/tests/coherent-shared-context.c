/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * Two GL contexts in one share group and one persistent coherent buffer
 * (ARB_buffer_storage, GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT),
 * mapped once by context A.  Buffers, programs and sync objects are
 * shared; each context has its own VAO and its own FBO (neither is
 * shared).  In Mesa's svga driver each context is its own svga_context
 * with its own winsys (device) context and its own submissions, so what
 * the CPU writes through A's pointer must reach the device for B's
 * command buffer as well, and what B's GPU work writes must reach the
 * CPU, without a flush, an unmap or a barrier.
 *
 * Context A is piglit's (waffle on EGL); B is made here with EGL
 * (eglCreateContext with A as share_context, A's config, the same GL
 * version and profile) and made current without a surface
 * (EGL_KHR_surfaceless_context).  Without an EGL context (another
 * PIGLIT_PLATFORM) the test skips.
 *
 * Subtests:
 * - cpu-write-{vertex,uniform}-other-context: every frame A waits for the
 *   fence of its ring slot (made in B), the CPU writes the frame's vertex
 *   colours or uniform block through A's pointer, and B draws from the
 *   slot and fences; three slots.
 * - cpu-write-{vertex,uniform}-alternate: frames alternate between A
 *   (even) and B (odd), one slot: each frame waits for the previous
 *   frame's fence, made in the other context, and the CPU rewrites the
 *   bytes the other context drew with.
 * - gpu-write-in-b-wait-in-a: B writes the buffer (glCopyBufferSubData),
 *   fences and flushes; A waits on the fence (glClientWaitSync) and the
 *   CPU reads through A's pointer; gpu-write-in-a-wait-in-b the reverse
 *   (A writes and fences, B waits).  Two pipelined slots, poisoned by
 *   the CPU with guard bytes before each write, as in
 *   coherent-gpu-write.c.
 *
 * Every frame draws its own tile, each context into its own FBO; the
 * tiles are probed after the last frame, each in the FBO of the context
 * that drew it.  A stale upload shows an earlier frame's colour (the
 * message names it), a missing one black.
 *
 * Options: -frames N (default 60); -skip-write F leaves frame (or
 * iteration) F's write out (the test must then fail).
 */
#include "coherent-common.h"

#ifdef PIGLIT_HAS_EGL
#define EGL_NO_X11
#include <EGL/egl.h>
#include <EGL/eglext.h>
#endif

enum { CTX_A, CTX_B, NUM_CTX };

enum cpu_data { DATA_VERTEX, DATA_UNIFORM };
enum cpu_mode { DRAW_IN_B, ALTERNATE };

struct cpu_case {
	enum cpu_data data;
	enum cpu_mode mode;
	unsigned slots;
};

struct gpu_case {
	unsigned writer, waiter;
};

static enum piglit_result run_cpu_write(void *data);
static enum piglit_result run_gpu_write(void *data);

static struct cpu_case cpu_cases[] = {
	{ DATA_VERTEX, DRAW_IN_B, 3 }, { DATA_UNIFORM, DRAW_IN_B, 3 },
	{ DATA_VERTEX, ALTERNATE, 1 }, { DATA_UNIFORM, ALTERNATE, 1 },
};

static struct gpu_case gpu_cases[] = {
	{ CTX_B, CTX_A }, { CTX_A, CTX_B },
};

static const struct piglit_subtest subtests[] = {
	{ "cpu-write-vertex-other-context", "cpu-write-vertex-other-context",
	  run_cpu_write, &cpu_cases[0] },
	{ "cpu-write-uniform-other-context", "cpu-write-uniform-other-context",
	  run_cpu_write, &cpu_cases[1] },
	{ "cpu-write-vertex-alternate", "cpu-write-vertex-alternate",
	  run_cpu_write, &cpu_cases[2] },
	{ "cpu-write-uniform-alternate", "cpu-write-uniform-alternate",
	  run_cpu_write, &cpu_cases[3] },
	{ "gpu-write-in-b-wait-in-a", "gpu-write-in-b-wait-in-a",
	  run_gpu_write, &gpu_cases[0] },
	{ "gpu-write-in-a-wait-in-b", "gpu-write-in-a-wait-in-b",
	  run_gpu_write, &gpu_cases[1] },
	{ NULL },
};

CSVGA_SUBTEST_CONFIG(subtests)

static const char *const ctx_names[NUM_CTX] = { "A", "B" };

#ifdef PIGLIT_HAS_EGL
/* The two contexts; A's surfaces are piglit's, B has none. */
static EGLDisplay egl_dpy = EGL_NO_DISPLAY;
static EGLContext egl_ctx[NUM_CTX];
static EGLSurface a_draw_surface, a_read_surface;
#endif
/* Each context's own FBO (FBOs are not shared), one renderbuffer each. */
static GLuint ctx_fbo[NUM_CTX], ctx_rb[NUM_CTX];
/* piglit's framebuffer bindings in A (its -fbo FBO, or the window's). */
static GLint piglit_draw_fbo, piglit_read_fbo;

/*
 * Makes context c current; a failure ends the test (every later GL call
 * would go to the wrong context).
 */
static void
make_current(unsigned c)
{
#ifdef PIGLIT_HAS_EGL
	EGLBoolean ok;

	if (c == CTX_A)
		ok = eglMakeCurrent(egl_dpy, a_draw_surface, a_read_surface, egl_ctx[CTX_A]);
	else
		ok = eglMakeCurrent(egl_dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, egl_ctx[CTX_B]);
	if (ok)
		return;
	printf("eglMakeCurrent(context %s) failed: 0x%x\n", ctx_names[c], eglGetError());
#endif
	piglit_report_result(PIGLIT_FAIL);
}

/*
 * Context B: same display, config, GL version and profile as A, in A's
 * share group.
 */
static void
create_context_b(void)
{
#ifdef PIGLIT_HAS_EGL
	EGLint config_id = 0, n = 0, i = 0, attribs[16];
	EGLConfig config = NULL;
	GLint major = 0, minor = 0, profile = 0, flags = 0;

	egl_dpy = eglGetCurrentDisplay();
	egl_ctx[CTX_A] = eglGetCurrentContext();
	if (egl_dpy == EGL_NO_DISPLAY || egl_ctx[CTX_A] == EGL_NO_CONTEXT) {
		printf("piglit's context is not an EGL context: run with an EGL "
		       "platform (PIGLIT_PLATFORM=gbm)\n");
		piglit_report_result(PIGLIT_SKIP);
	}
	if (!piglit_is_extension_in_string(eglQueryString(egl_dpy, EGL_EXTENSIONS),
					   "EGL_KHR_surfaceless_context")) {
		printf("EGL_KHR_surfaceless_context is not exposed\n");
		piglit_report_result(PIGLIT_SKIP);
	}
	a_draw_surface = eglGetCurrentSurface(EGL_DRAW);
	a_read_surface = eglGetCurrentSurface(EGL_READ);

	if (!eglQueryContext(egl_dpy, egl_ctx[CTX_A], EGL_CONFIG_ID, &config_id)) {
		printf("eglQueryContext(EGL_CONFIG_ID) failed: 0x%x\n", eglGetError());
		piglit_report_result(PIGLIT_FAIL);
	}
	{
		const EGLint choose[] = { EGL_CONFIG_ID, config_id, EGL_NONE };

		if (!eglChooseConfig(egl_dpy, choose, &config, 1, &n) || n != 1) {
			printf("no EGLConfig with A's id %d (0x%x)\n", config_id, eglGetError());
			piglit_report_result(PIGLIT_FAIL);
		}
	}

	glGetIntegerv(GL_MAJOR_VERSION, &major);
	glGetIntegerv(GL_MINOR_VERSION, &minor);
	glGetIntegerv(GL_CONTEXT_PROFILE_MASK, &profile);
	glGetIntegerv(GL_CONTEXT_FLAGS, &flags);
	attribs[i++] = EGL_CONTEXT_MAJOR_VERSION_KHR;
	attribs[i++] = major;
	attribs[i++] = EGL_CONTEXT_MINOR_VERSION_KHR;
	attribs[i++] = minor;
	attribs[i++] = EGL_CONTEXT_OPENGL_PROFILE_MASK_KHR;
	attribs[i++] = (profile & GL_CONTEXT_CORE_PROFILE_BIT) ?
		EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT_KHR :
		EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT_KHR;
	if (flags & GL_CONTEXT_FLAG_FORWARD_COMPATIBLE_BIT) {
		attribs[i++] = EGL_CONTEXT_FLAGS_KHR;
		attribs[i++] = EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE_BIT_KHR;
	}
	attribs[i++] = EGL_NONE;

	eglBindAPI(EGL_OPENGL_API);
	egl_ctx[CTX_B] = eglCreateContext(egl_dpy, config, egl_ctx[CTX_A], attribs);
	if (egl_ctx[CTX_B] == EGL_NO_CONTEXT) {
		printf("eglCreateContext (GL %d.%d, %s profile, shared with A) "
		       "failed: 0x%x\n", major, minor,
		       (profile & GL_CONTEXT_CORE_PROFILE_BIT) ? "core" : "compatibility",
		       eglGetError());
		piglit_report_result(PIGLIT_FAIL);
	}
	printf("context B: GL %d.%d %s profile, EGL config %d, shared with A, "
	       "surfaceless\n", major, minor,
	       (profile & GL_CONTEXT_CORE_PROFILE_BIT) ? "core" : "compatibility",
	       config_id);
#else
	printf("piglit was built without EGL: no second context\n");
	piglit_report_result(PIGLIT_SKIP);
#endif
}

/* Context c's own FBO with a window-sized colour renderbuffer, bound. */
static void
create_context_fbo(unsigned c)
{
	glGenRenderbuffers(1, &ctx_rb[c]);
	glBindRenderbuffer(GL_RENDERBUFFER, ctx_rb[c]);
	glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, CSVGA_WINDOW, CSVGA_WINDOW);
	glGenFramebuffers(1, &ctx_fbo[c]);
	glBindFramebuffer(GL_FRAMEBUFFER, ctx_fbo[c]);
	glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
				  GL_RENDERBUFFER, ctx_rb[c]);
	if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
		printf("context %s: its FBO is incomplete\n", ctx_names[c]);
		piglit_report_result(PIGLIT_FAIL);
	}
}

/* Context c draws into (and reads from) its own FBO, cleared to black. */
static void
begin_context(unsigned c)
{
	make_current(c);
	glBindFramebuffer(GL_FRAMEBUFFER, ctx_fbo[c]);
	glViewport(0, 0, CSVGA_WINDOW, CSVGA_WINDOW);
	glClearColor(0.0, 0.0, 0.0, 0.0);
	glClear(GL_COLOR_BUFFER_BIT);
}

/*
 * Ends a subtest: no GL error in either context, and A current again
 * with piglit's framebuffer bound, as piglit expects after a subtest.
 */
static bool
end_contexts(void)
{
	bool ok;

	make_current(CTX_B);
	ok = piglit_check_gl_error(GL_NO_ERROR);
	make_current(CTX_A);
	ok = piglit_check_gl_error(GL_NO_ERROR) && ok;
	glBindFramebuffer(GL_DRAW_FRAMEBUFFER, piglit_draw_fbo);
	glBindFramebuffer(GL_READ_FRAMEBUFFER, piglit_read_fbo);
	return ok;
}

/*
 * A fence another context waits on must be flushed by the context that
 * made it: GL_SYNC_FLUSH_COMMANDS_BIT in the waiter flushes the waiter's
 * commands only.
 */
static void
fence_and_flush(struct csvga_ring *ring, unsigned slot)
{
	csvga_ring_fence(ring, slot);
	glFlush();
}

/* --- The CPU writes, the other context (or both in turn) draw. --- */


#define QUAD_FLOATS (4 * 6) /* four vertices: x, y, r, g, b, a */

static void
write_quad(float *dst, const float c[4])
{
	for (unsigned v = 0; v < 4; v++) {
		dst[v * 6 + 0] = (v & 1) ? 1.0 : -1.0;
		dst[v * 6 + 1] = (v & 2) ? 1.0 : -1.0;
		memcpy(&dst[v * 6 + 2], c, 4 * sizeof(float));
	}
}

/* The current context's VAO: the buffer's vertex layout, or none. */
static GLuint
context_vao(enum cpu_data data, GLuint buf)
{
	GLuint vao;

	glGenVertexArrays(1, &vao);
	glBindVertexArray(vao);
	if (data == DATA_VERTEX) {
		glBindBuffer(GL_ARRAY_BUFFER, buf);
		glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 6 * sizeof(float), (void *)0);
		glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 6 * sizeof(float),
				      (void *)(2 * sizeof(float)));
		glEnableVertexAttribArray(0);
		glEnableVertexAttribArray(1);
		glBindBuffer(GL_ARRAY_BUFFER, 0);
	}
	return vao;
}

static enum piglit_result
run_cpu_write(void *data)
{
	const struct cpu_case *cc = data;
	GLenum target = cc->data == DATA_VERTEX ? GL_ARRAY_BUFFER : GL_UNIFORM_BUFFER;
	GLuint prog, buf, vao[NUM_CTX];
	GLint ubo_align = 16, stride;
	struct csvga_ring ring;
	char what[96];
	void *map;
	bool ok = true;

	snprintf(what, sizeof(what), "%s, %s, %u slot%s",
		 cc->data == DATA_VERTEX ? "vertex" : "uniform",
		 cc->mode == DRAW_IN_B ? "A writes, B draws" : "A and B draw in turn",
		 cc->slots, cc->slots > 1 ? "s" : "");
	csvga_ring_init(&ring, cc->slots);

	/* A: the program (shared), the buffer, mapped once (A's pointer). */
	make_current(CTX_A);
	if (cc->data == DATA_VERTEX) {
		prog = piglit_build_simple_program(csvga_vs_attr, csvga_fs_attr);
		stride = QUAD_FLOATS * sizeof(float);
	} else {
		prog = piglit_build_simple_program(csvga_vs_quad, csvga_fs_uniform);
		glUniformBlockBinding(prog, glGetUniformBlockIndex(prog, "Frame"), 0);
		glGetIntegerv(GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT, &ubo_align);
		stride = MAX2(16, ubo_align);
	}
	if (!prog)
		return PIGLIT_FAIL;
	buf = csvga_persistent_buffer(target, cc->slots * stride, &map);
	glBindBuffer(target, 0);

	for (unsigned c = 0; c < NUM_CTX; c++) {
		begin_context(c);
		vao[c] = context_vao(cc->data, buf);
		glUseProgram(prog);
	}

	for (unsigned f = 0; f < csvga_frames && ok; f++) {
		unsigned slot = f % cc->slots;
		unsigned drawer = cc->mode == DRAW_IN_B ? CTX_B : f % 2;
		char *dst = (char *)map + slot * stride;
		float c[4];

		/* The writer waits for the slot's fence, made in the context
		 * that drew from it last (B, or the other of the pair). */
		make_current(cc->mode == DRAW_IN_B ? CTX_A : drawer);
		ok = csvga_ring_wait(&ring, slot);
		csvga_frame_color(f, c);
		/* The CPU's write: through A's pointer, nothing else. */
		if ((int)f != csvga_skip_write) {
			if (cc->data == DATA_VERTEX)
				write_quad((float *)dst, c);
			else
				memcpy(dst, c, sizeof(c));
		}

		make_current(drawer);
		csvga_tile_viewport(f);
		if (cc->data == DATA_VERTEX) {
			glDrawArrays(GL_TRIANGLE_STRIP, slot * 4, 4);
		} else {
			glBindBufferRange(GL_UNIFORM_BUFFER, 0, buf, slot * stride, 16);
			glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
		}
		fence_and_flush(&ring, slot);
	}
	make_current(CTX_A);
	ok = csvga_ring_drain(&ring) && ok;

	/* Each context's tiles, in its own FBO. */
	if (cc->mode == DRAW_IN_B) {
		make_current(CTX_B);
		ok = csvga_check_tiles(what) && ok;
	} else {
		for (unsigned ctx = 0; ctx < NUM_CTX; ctx++) {
			char who[128];

			snprintf(who, sizeof(who), "%s, drawn by %s", what, ctx_names[ctx]);
			make_current(ctx);
			ok = csvga_check_tiles_of(who, ctx, 2) && ok;
		}
	}

	for (unsigned ctx = 0; ctx < NUM_CTX; ctx++) {
		make_current(ctx);
		glUseProgram(0);
		glBindBufferBase(GL_UNIFORM_BUFFER, 0, 0);
		glBindVertexArray(0);
		glDeleteVertexArrays(1, &vao[ctx]);
	}
	ok = end_contexts() && ok;
	csvga_delete_buffer(target, buf);
	glDeleteProgram(prog);
	return ok ? PIGLIT_PASS : PIGLIT_FAIL;
}

/* --- One context's GPU writes, the CPU reads after the other waits. --- */

#define GPU_SLOTS 2
#define GUARD 64
/* 1000 words, not a whole page, 64 bytes into the slot. */
#define WORDS 1000
#define SLOT_STRIDE (GUARD + WORDS * 4 + GUARD)

static uint32_t
poison(unsigned iteration, unsigned word)
{
	return 0xbad00000u ^ (iteration << 12) ^ word;
}

static uint32_t
copy_pattern(unsigned iteration, unsigned word)
{
	return 0x20000000u ^ (iteration * 0x01000193u) ^ (word * 0x9e3779b1u);
}

/*
 * After iteration i's fence the region holds the copy's pattern and the
 * guards the CPU's poison; prints what is wrong.
 */
static bool
check_slot(const char *what, const uint32_t *slot, unsigned i)
{
	const unsigned first = GUARD / 4, end = first + WORDS;
	unsigned wrong_data = 0, wrong_guard = 0, poisoned = 0;
	int first_bad = -1;
	uint32_t want_bad = 0;

	for (unsigned k = 0; k < SLOT_STRIDE / 4; k++) {
		bool in_region = k >= first && k < end;
		uint32_t want = in_region ? copy_pattern(i, k - first) : poison(i, k);

		if (slot[k] == want)
			continue;
		if (first_bad < 0) {
			first_bad = k;
			want_bad = want;
		}
		if (!in_region) {
			wrong_guard++;
		} else {
			wrong_data++;
			if (slot[k] == poison(i, k))
				poisoned++;
		}
	}
	if (first_bad < 0)
		return true;
	printf("%s: iteration %u: %u of %u region words wrong (%u still the CPU's "
	       "poison), %u of %u guard words changed; first at byte %u of the "
	       "slot: expected 0x%08x, read 0x%08x\n",
	       what, i, wrong_data, WORDS, poisoned, wrong_guard,
	       SLOT_STRIDE / 4 - WORDS, first_bad * 4, want_bad, slot[first_bad]);
	return false;
}

static enum piglit_result
run_gpu_write(void *data)
{
	const struct gpu_case *gc = data;
	struct csvga_ring ring;
	int issued[GPU_SLOTS] = { -1, -1 };
	unsigned wrong = 0;
	GLuint buf, src;
	char what[64];
	void *map;
	bool ok;

	snprintf(what, sizeof(what), "copy in %s, wait in %s",
		 ctx_names[gc->writer], ctx_names[gc->waiter]);
	csvga_ring_init(&ring, GPU_SLOTS);
	make_current(CTX_A);
	buf = csvga_persistent_buffer(GL_COPY_WRITE_BUFFER, GPU_SLOTS * SLOT_STRIDE, &map);
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
	glGenBuffers(1, &src);
	glBindBuffer(GL_COPY_READ_BUFFER, src);
	glBufferData(GL_COPY_READ_BUFFER, WORDS * 4, NULL, GL_STREAM_DRAW);
	glBindBuffer(GL_COPY_READ_BUFFER, 0);

	for (unsigned i = 0; i < csvga_frames + GPU_SLOTS; i++) {
		unsigned slot = i % GPU_SLOTS;
		uint32_t *words = (uint32_t *)((char *)map + slot * SLOT_STRIDE);

		/* The slot's previous iteration: the waiter waits on the
		 * writer's fence, then the CPU reads through A's pointer. */
		if (issued[slot] >= 0) {
			make_current(gc->waiter);
			if (!csvga_ring_wait(&ring, slot) ||
			    !check_slot(what, words, issued[slot]))
				wrong++;
			issued[slot] = -1;
		}
		if (i >= csvga_frames)
			continue;

		for (unsigned k = 0; k < SLOT_STRIDE / 4; k++)
			words[k] = poison(i, k);
		make_current(gc->writer);
		if ((int)i != csvga_skip_write) {
			uint32_t pattern[WORDS];

			for (unsigned k = 0; k < WORDS; k++)
				pattern[k] = copy_pattern(i, k);
			glBindBuffer(GL_COPY_READ_BUFFER, src);
			glBufferSubData(GL_COPY_READ_BUFFER, 0, sizeof(pattern), pattern);
			glBindBuffer(GL_COPY_WRITE_BUFFER, buf);
			glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0,
					    slot * SLOT_STRIDE + GUARD, sizeof(pattern));
			glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
			glBindBuffer(GL_COPY_READ_BUFFER, 0);
		}
		fence_and_flush(&ring, slot);
		issued[slot] = i;
	}
	if (wrong)
		printf("%s: %u of %u iterations wrong\n", what, wrong, csvga_frames);
	ok = wrong == 0;
	ok = end_contexts() && ok;
	csvga_delete_buffer(GL_COPY_WRITE_BUFFER, buf);
	glDeleteBuffers(1, &src);
	return ok ? PIGLIT_PASS : PIGLIT_FAIL;
}

enum piglit_result
piglit_display(void)
{
	return csvga_run_subtests(subtests);
}

void
piglit_init(int argc, char **argv)
{
	csvga_parse_args(argc, argv);
	piglit_require_extension("GL_ARB_buffer_storage");
	glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &piglit_draw_fbo);
	glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &piglit_read_fbo);
	create_context_b();
	/* B lives until the process exits: piglit_display may run more
	 * than once without -auto. */
	for (unsigned c = 0; c < NUM_CTX; c++) {
		make_current(c);
		create_context_fbo(c);
	}
	make_current(CTX_A);
	glBindFramebuffer(GL_DRAW_FRAMEBUFFER, piglit_draw_fbo);
	glBindFramebuffer(GL_READ_FRAMEBUFFER, piglit_read_fbo);
}
