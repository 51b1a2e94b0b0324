/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * One persistent coherent buffer (ARB_buffer_storage, GL_MAP_PERSISTENT_BIT
 * | GL_MAP_COHERENT_BIT), mapped once, is first a vertex buffer and then
 * also a uniform buffer, a texture buffer or a transform feedback target,
 * while the CPU keeps writing every frame through the same pointer, with
 * no flush and no barrier.  A driver that gives the buffer new storage or
 * a second copy when its use changes breaks the mapping's promise; the
 * frames after the change show it.
 *
 * The buffer holds, three fenced slots each: vertex data (page 0), the
 * uniform block (page 0), texels of an RGBA32F texture buffer (page 1),
 * and transform feedback output (page 2).  Every frame draws its tile of
 * the window in its own colour, read from the part of the buffer the
 * frame's use names; the tiles are probed after the last frame.  The
 * transform feedback output is read by the CPU through the pointer after
 * the slot's fence, and checked.
 *
 * Subtests: vertex-then-uniform, vertex-then-texture-buffer and
 * vertex-then-transform-feedback switch use half way; alternating cycles
 * vertex, uniform, texture buffer frame by frame with transform feedback
 * into the same buffer every frame.
 *
 * Options: -frames N (default 60); -skip-write F leaves frame F's data
 * unwritten (the test must then fail).
 */
#include "coherent-common.h"

enum rebind_case {
	VERTEX_THEN_UNIFORM,
	VERTEX_THEN_TEXTURE,
	VERTEX_THEN_XFB,
	ALTERNATING,
};

static enum piglit_result run_rebind(void *data);

static enum rebind_case cases[] = {
	VERTEX_THEN_UNIFORM, VERTEX_THEN_TEXTURE, VERTEX_THEN_XFB, ALTERNATING,
};

static const struct piglit_subtest subtests[] = {
	{ "vertex-then-uniform", "vertex-then-uniform", run_rebind, &cases[0] },
	{ "vertex-then-texture-buffer", "vertex-then-texture-buffer", run_rebind, &cases[1] },
	{ "vertex-then-transform-feedback", "vertex-then-transform-feedback", run_rebind, &cases[2] },
	{ "alternating", "alternating", run_rebind, &cases[3] },
	{ NULL },
};

CSVGA_SUBTEST_CONFIG(subtests)

#define SLOTS 3
#define QUAD_BYTES (4 * 6 * sizeof(float))
#define VERTEX_OFFSET 0
#define UNIFORM_OFFSET 1024
#define TEXEL_OFFSET 4096
#define XFB_OFFSET 8192
#define XFB_SLOT_BYTES 256
#define XFB_WORDS (XFB_SLOT_BYTES / 4)
#define BUFFER_BYTES 12288

/* Where a frame's colour comes from. */
enum source { FROM_VERTEX, FROM_UNIFORM, FROM_TEXTURE };


static const char fs_vertex[] =
	"#version 330\n"
	"flat in vec4 c;\n"
	"out vec4 o;\n"
	"void main() { o = c; }\n";
static const char fs_texture[] =
	"#version 330\n"
	"uniform samplerBuffer tb;\n"
	"uniform int texel;\n"
	"out vec4 o;\n"
	"void main() { o = texelFetch(tb, texel); }\n";
static const char fs_white[] =
	"#version 330\n"
	"out vec4 o;\n"
	"void main() { o = vec4(1.0); }\n";
static const char vs_xfb[] =
	"#version 330\n"
	"uniform uint frame;\n"
	"flat out uint value;\n"
	"void main() {\n"
	"	value = frame * 65536u + uint(gl_VertexID) * 5u + 11u;\n"
	"	gl_Position = vec4(0.0);\n"
	"}\n";

static enum source
frame_source(enum rebind_case rc, unsigned f)
{
	bool second_half = f >= csvga_frames / 2;

	switch (rc) {
	case VERTEX_THEN_UNIFORM:
		return second_half ? FROM_UNIFORM : FROM_VERTEX;
	case VERTEX_THEN_TEXTURE:
		return second_half ? FROM_TEXTURE : FROM_VERTEX;
	case ALTERNATING:
		return (enum source)(f % 3);
	default:
		return FROM_VERTEX;
	}
}

static bool
frame_has_xfb(enum rebind_case rc, unsigned f)
{
	return rc == ALTERNATING || (rc == VERTEX_THEN_XFB && f >= csvga_frames / 2);
}

static uint32_t
xfb_word(unsigned f, unsigned k)
{
	return f * 65536u + k * 5u + 11u;
}

static uint32_t
xfb_poison(unsigned f, unsigned k)
{
	return 0xbad00000u ^ (f << 8) ^ k;
}

static bool
check_xfb(const uint32_t *words, unsigned f)
{
	unsigned wrong = 0, poisoned = 0;
	int first = -1;

	for (unsigned k = 0; k < XFB_WORDS; k++) {
		if (words[k] == xfb_word(f, k))
			continue;
		if (first < 0)
			first = k;
		wrong++;
		poisoned += words[k] == xfb_poison(f, k);
	}
	if (!wrong)
		return true;
	printf("transform feedback of frame %u: %u of %u words wrong (%u still the "
	       "CPU's poison); word %d: expected 0x%08x, read 0x%08x\n",
	       f, wrong, XFB_WORDS, poisoned, first, xfb_word(f, first), words[first]);
	return false;
}

static enum piglit_result
run_rebind(void *data)
{
	const enum rebind_case rc = *(const enum rebind_case *)data;
	static const char *const names[] = {
		"vertex-then-uniform", "vertex-then-texture-buffer",
		"vertex-then-transform-feedback", "alternating",
	};
	GLuint buf, vao, empty_vao, tex, prog[3], xfb_prog;
	GLint ubo_align = 16, stride, texel_loc, frame_loc;
	int xfb_frame[SLOTS] = { -1, -1, -1 };
	struct csvga_ring ring;
	unsigned xfb_wrong = 0;
	char *map;
	bool ok = true;

	glGetIntegerv(GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT, &ubo_align);
	stride = MAX2(16, ubo_align);
	if (UNIFORM_OFFSET % stride || UNIFORM_OFFSET + SLOTS * stride > TEXEL_OFFSET) {
		printf("GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT %d does not fit the layout\n",
		       ubo_align);
		return PIGLIT_FAIL;
	}

	prog[FROM_VERTEX] = piglit_build_simple_program(csvga_vs_attr, fs_vertex);
	prog[FROM_UNIFORM] = piglit_build_simple_program(csvga_vs_attr, csvga_fs_uniform);
	prog[FROM_TEXTURE] = piglit_build_simple_program(csvga_vs_attr, fs_texture);
	{
		static const char *const varyings[] = { "value" };

		xfb_prog = piglit_build_simple_program_unlinked(vs_xfb, fs_white);
		glTransformFeedbackVaryings(xfb_prog, 1, varyings, GL_INTERLEAVED_ATTRIBS);
		glLinkProgram(xfb_prog);
		if (!piglit_link_check_status(xfb_prog))
			return PIGLIT_FAIL;
	}
	if (!prog[0] || !prog[1] || !prog[2])
		return PIGLIT_FAIL;
	glUniformBlockBinding(prog[FROM_UNIFORM],
			      glGetUniformBlockIndex(prog[FROM_UNIFORM], "Frame"), 0);
	glUseProgram(prog[FROM_TEXTURE]);
	glUniform1i(glGetUniformLocation(prog[FROM_TEXTURE], "tb"), 0);
	texel_loc = glGetUniformLocation(prog[FROM_TEXTURE], "texel");
	frame_loc = glGetUniformLocation(xfb_prog, "frame");

	glGenVertexArrays(1, &empty_vao);
	glGenVertexArrays(1, &vao);
	glBindVertexArray(vao);
	/* First, and for the whole test, a vertex buffer. */
	buf = csvga_persistent_buffer(GL_ARRAY_BUFFER, BUFFER_BYTES, (void **)&map);
	glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 6 * sizeof(float), (void *)0);
	glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 6 * sizeof(float),
			      (void *)(2 * sizeof(float)));
	glEnableVertexAttribArray(0);
	glEnableVertexAttribArray(1);
	glBindBuffer(GL_ARRAY_BUFFER, 0);
	glGenTextures(1, &tex);

	csvga_ring_init(&ring, SLOTS);
	glViewport(0, 0, CSVGA_WINDOW, CSVGA_WINDOW);
	glClearColor(0.0, 0.0, 0.0, 0.0);
	glClear(GL_COLOR_BUFFER_BIT);

	for (unsigned f = 0; f < csvga_frames && ok; f++) {
		unsigned slot = f % SLOTS;
		enum source src = frame_source(rc, f);
		float *quad = (float *)(map + VERTEX_OFFSET + slot * QUAD_BYTES);
		uint32_t *xfb = (uint32_t *)(map + XFB_OFFSET + slot * XFB_SLOT_BYTES);
		float c[4], vertex_color[4] = { 0.0, 0.0, 0.0, 1.0 };

		ok = csvga_ring_wait(&ring, slot);
		if (xfb_frame[slot] >= 0 && !check_xfb(xfb, xfb_frame[slot]))
			xfb_wrong++;
		xfb_frame[slot] = -1;

		/* The CPU's writes, through the one pointer. */
		csvga_frame_color(f, c);
		if (src == FROM_VERTEX)
			memcpy(vertex_color, c, sizeof(c));
		if ((int)f != csvga_skip_write) {
			for (unsigned v = 0; v < 4; v++) {
				quad[v * 6 + 0] = (v & 1) ? 1.0 : -1.0;
				quad[v * 6 + 1] = (v & 2) ? 1.0 : -1.0;
				memcpy(&quad[v * 6 + 2], vertex_color, sizeof(vertex_color));
			}
			if (src == FROM_UNIFORM)
				memcpy(map + UNIFORM_OFFSET + slot * stride, c, sizeof(c));
			if (src == FROM_TEXTURE)
				memcpy(map + TEXEL_OFFSET + slot * 16, c, sizeof(c));
		}

		/* Transform feedback into the same buffer: nothing else
		 * binds it meanwhile (GL leaves simultaneous use undefined). */
		if (frame_has_xfb(rc, f)) {
			for (unsigned k = 0; k < XFB_WORDS; k++)
				xfb[k] = xfb_poison(f, k);
			glBindVertexArray(empty_vao);
			glBindBufferBase(GL_UNIFORM_BUFFER, 0, 0);
			glBindTexture(GL_TEXTURE_BUFFER, 0);
			glUseProgram(xfb_prog);
			glUniform1ui(frame_loc, f);
			glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, buf,
					  XFB_OFFSET + slot * XFB_SLOT_BYTES, XFB_SLOT_BYTES);
			glEnable(GL_RASTERIZER_DISCARD);
			glBeginTransformFeedback(GL_POINTS);
			glDrawArrays(GL_POINTS, 0, XFB_WORDS);
			glEndTransformFeedback();
			glDisable(GL_RASTERIZER_DISCARD);
			glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0);
			glBindVertexArray(vao);
			xfb_frame[slot] = f;
		}

		glUseProgram(prog[src]);
		if (src == FROM_UNIFORM)
			glBindBufferRange(GL_UNIFORM_BUFFER, 0, buf,
					  UNIFORM_OFFSET + slot * stride, 16);
		if (src == FROM_TEXTURE) {
			glBindTexture(GL_TEXTURE_BUFFER, tex);
			glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32F, buf);
			glUniform1i(texel_loc, TEXEL_OFFSET / 16 + slot);
		}
		csvga_tile_viewport(f);
		glDrawArrays(GL_TRIANGLE_STRIP, slot * 4, 4);
		csvga_ring_fence(&ring, slot);
	}
	ok = csvga_ring_drain(&ring) && ok;
	for (unsigned s = 0; s < SLOTS; s++) {
		if (xfb_frame[s] >= 0 &&
		    !check_xfb((uint32_t *)(map + XFB_OFFSET + s * XFB_SLOT_BYTES), xfb_frame[s]))
			xfb_wrong++;
	}
	if (xfb_wrong)
		printf("%s: transform feedback wrong in %u frames\n", names[rc], xfb_wrong);
	ok = xfb_wrong == 0 && ok;
	ok = csvga_check_tiles(names[rc]) && ok;
	ok = piglit_check_gl_error(GL_NO_ERROR) && ok;

	glUseProgram(0);
	glBindTexture(GL_TEXTURE_BUFFER, 0);
	glDeleteTextures(1, &tex);
	glBindBufferBase(GL_UNIFORM_BUFFER, 0, 0);
	csvga_delete_buffer(GL_ARRAY_BUFFER, buf);
	glBindVertexArray(0);
	glDeleteVertexArrays(1, &vao);
	glDeleteVertexArrays(1, &empty_vao);
	for (unsigned i = 0; i < 3; i++)
		glDeleteProgram(prog[i]);
	glDeleteProgram(xfb_prog);
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
}
