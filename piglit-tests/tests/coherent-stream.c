/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * Streaming through persistent coherent mappings (ARB_buffer_storage,
 * GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT): a vertex, index, uniform
 * or texture buffer is written by the CPU between draws, with no flush
 * and no barrier, for many frames.
 *
 * "-ring" subtests keep three slots and rewrite a slot once the fence of
 * the frame that last used it has signalled, as a streaming application
 * does.  "-reuse" subtests keep one slot: every frame waits for the
 * previous frame's fence and rewrites the bytes that frame drew with.
 *
 * Every frame draws its own tile of the window in its own colour, taken
 * from the buffer; the tiles are probed after the last frame.  A stale
 * upload shows as the colour of an earlier frame (the message names it),
 * a missing one as black.
 *
 * Options: -frames N (default 60); -skip-write F leaves frame F's data
 * unwritten (the test must then fail: a check of the test itself).
 */
#include "coherent-common.h"

enum stream_kind { STREAM_VERTEX, STREAM_INDEX, STREAM_UNIFORM, STREAM_TEXTURE };

struct stream_case {
	enum stream_kind kind;
	unsigned slots;
};

static enum piglit_result run_stream(void *data);

static struct stream_case cases[] = {
	{ STREAM_VERTEX, 3 }, { STREAM_VERTEX, 1 },
	{ STREAM_INDEX, 3 }, { STREAM_INDEX, 1 },
	{ STREAM_UNIFORM, 3 }, { STREAM_UNIFORM, 1 },
	{ STREAM_TEXTURE, 3 }, { STREAM_TEXTURE, 1 },
};

static const struct piglit_subtest subtests[] = {
	{ "vertex-ring", "vertex-ring", run_stream, &cases[0] },
	{ "vertex-reuse", "vertex-reuse", run_stream, &cases[1] },
	{ "index-ring", "index-ring", run_stream, &cases[2] },
	{ "index-reuse", "index-reuse", run_stream, &cases[3] },
	{ "uniform-ring", "uniform-ring", run_stream, &cases[4] },
	{ "uniform-reuse", "uniform-reuse", run_stream, &cases[5] },
	{ "texture-buffer-ring", "texture-buffer-ring", run_stream, &cases[6] },
	{ "texture-buffer-reuse", "texture-buffer-reuse", run_stream, &cases[7] },
	{ NULL },
};

CSVGA_SUBTEST_CONFIG(subtests)


static const char fs_texture[] =
	"#version 330\n"
	"uniform samplerBuffer tb;\n"
	"uniform int texel;\n"
	"out vec4 o;\n"
	"void main() { o = texelFetch(tb, texel); }\n";

#define QUAD_FLOATS (4 * 6) /* four vertices: x, y, r, g, b, a */

/* A full-window triangle strip in colour c, written where dst points. */
static void
write_quad(float *dst, const float c[4])
{
	for (unsigned v = 0; v < 4; v++) {
		dst[v * 6 + 0] = (v & 1) ? 1.0 : -1.0;
		dst[v * 6 + 1] = (v & 2) ? 1.0 : -1.0;
		memcpy(&dst[v * 6 + 2], c, 4 * sizeof(float));
	}
}

static void
attrib_layout(void)
{
	glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 6 * sizeof(float), (void *)0);
	glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 6 * sizeof(float),
			      (void *)(2 * sizeof(float)));
	glEnableVertexAttribArray(0);
	glEnableVertexAttribArray(1);
}

static enum piglit_result
run_stream(void *data)
{
	const struct stream_case *sc = data;
	static const char *const names[] = { "vertex", "index", "uniform", "texture-buffer" };
	GLenum target[] = { GL_ARRAY_BUFFER, GL_ELEMENT_ARRAY_BUFFER,
			    GL_UNIFORM_BUFFER, GL_TEXTURE_BUFFER };
	struct csvga_ring ring;
	GLuint vao, prog, buf, static_vbo = 0, tex = 0;
	GLint ubo_align = 16, stride = 0, texel_loc = -1;
	char what[64];
	void *map;
	bool ok = true;

	snprintf(what, sizeof(what), "%s, %u slot%s", names[sc->kind], sc->slots,
		 sc->slots > 1 ? "s" : "");
	csvga_ring_init(&ring, sc->slots);
	glGenVertexArrays(1, &vao);
	glBindVertexArray(vao);

	switch (sc->kind) {
	case STREAM_VERTEX:
		prog = piglit_build_simple_program(csvga_vs_attr, csvga_fs_attr);
		stride = QUAD_FLOATS * sizeof(float);
		buf = csvga_persistent_buffer(GL_ARRAY_BUFFER, sc->slots * stride, &map);
		attrib_layout();
		break;
	case STREAM_INDEX: {
		/* Eight quads, one per palette colour, in an ordinary
		 * buffer; the indices stream and pick frame f's quad. */
		float quads[8 * QUAD_FLOATS], c[4];

		for (unsigned q = 0; q < 8; q++) {
			csvga_frame_color(q, c);
			write_quad(&quads[q * QUAD_FLOATS], c);
		}
		prog = piglit_build_simple_program(csvga_vs_attr, csvga_fs_attr);
		glGenBuffers(1, &static_vbo);
		glBindBuffer(GL_ARRAY_BUFFER, static_vbo);
		glBufferData(GL_ARRAY_BUFFER, sizeof(quads), quads, GL_STATIC_DRAW);
		attrib_layout();
		stride = 4 * sizeof(GLuint);
		buf = csvga_persistent_buffer(GL_ELEMENT_ARRAY_BUFFER, sc->slots * stride, &map);
		break;
	}
	case STREAM_UNIFORM:
		prog = piglit_build_simple_program(csvga_vs_quad, csvga_fs_uniform);
		glUniformBlockBinding(prog, glGetUniformBlockIndex(prog, "Frame"), 0);
		glGetIntegerv(GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT, &ubo_align);
		stride = MAX2(16, ubo_align);
		buf = csvga_persistent_buffer(GL_UNIFORM_BUFFER, sc->slots * stride, &map);
		break;
	case STREAM_TEXTURE:
		prog = piglit_build_simple_program(csvga_vs_quad, fs_texture);
		stride = 4 * sizeof(float);
		buf = csvga_persistent_buffer(GL_TEXTURE_BUFFER, sc->slots * stride, &map);
		glGenTextures(1, &tex);
		glBindTexture(GL_TEXTURE_BUFFER, tex);
		glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32F, buf);
		glUseProgram(prog);
		glUniform1i(glGetUniformLocation(prog, "tb"), 0);
		texel_loc = glGetUniformLocation(prog, "texel");
		break;
	default:
		return PIGLIT_FAIL;
	}
	if (!prog)
		return PIGLIT_FAIL;
	glUseProgram(prog);

	glViewport(0, 0, CSVGA_WINDOW, CSVGA_WINDOW);
	glClearColor(0.0, 0.0, 0.0, 0.0);
	glClear(GL_COLOR_BUFFER_BIT);

	for (unsigned f = 0; f < csvga_frames && ok; f++) {
		unsigned slot = f % sc->slots;
		char *dst = (char *)map + slot * stride;
		float c[4];

		ok = csvga_ring_wait(&ring, slot);
		csvga_frame_color(f, c);
		/* The CPU's write: through the pointer, nothing else. */
		if ((int)f != csvga_skip_write) {
			switch (sc->kind) {
			case STREAM_VERTEX:
				write_quad((float *)dst, c);
				break;
			case STREAM_INDEX:
				for (unsigned i = 0; i < 4; i++)
					((GLuint *)dst)[i] = (f % 8) * 4 + i;
				break;
			case STREAM_UNIFORM:
			case STREAM_TEXTURE:
				memcpy(dst, c, sizeof(c));
				break;
			}
		}
		csvga_tile_viewport(f);
		switch (sc->kind) {
		case STREAM_VERTEX:
			glDrawArrays(GL_TRIANGLE_STRIP, slot * 4, 4);
			break;
		case STREAM_INDEX:
			glDrawElements(GL_TRIANGLE_STRIP, 4, GL_UNSIGNED_INT,
				       (void *)(uintptr_t)(slot * stride));
			break;
		case STREAM_UNIFORM:
			glBindBufferRange(GL_UNIFORM_BUFFER, 0, buf, slot * stride, 16);
			glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
			break;
		case STREAM_TEXTURE:
			glUniform1i(texel_loc, slot);
			glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
			break;
		}
		csvga_ring_fence(&ring, slot);
	}
	ok = csvga_ring_drain(&ring) && ok;
	ok = csvga_check_tiles(what) && ok;
	ok = piglit_check_gl_error(GL_NO_ERROR) && ok;

	glUseProgram(0);
	glBindVertexArray(0);
	glDeleteVertexArrays(1, &vao);
	csvga_delete_buffer(target[sc->kind], buf);
	if (static_vbo)
		glDeleteBuffers(1, &static_vbo);
	if (tex)
		glDeleteTextures(1, &tex);
	glDeleteProgram(prog);
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
