/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * Shared by the coherent-memory tests: persistent coherent buffers, a
 * fenced ring of slots as a streaming application keeps one, a palette of
 * frame colours, and one tile of the window per frame, so that every
 * frame's result stays on screen and is probed after the last frame
 * without a readback between frames (which would serialise the CPU and
 * the GPU and hide a stale upload).
 */
#ifndef CSVGA_COHERENT_COMMON_H
#define CSVGA_COHERENT_COMMON_H

#include "piglit-util-gl.h"

#define CSVGA_WINDOW 64
#define CSVGA_TILE 8
#define CSVGA_TILES_PER_ROW (CSVGA_WINDOW / CSVGA_TILE)
#define CSVGA_MAX_FRAMES (CSVGA_TILES_PER_ROW * CSVGA_TILES_PER_ROW)
#define CSVGA_MAX_SLOTS 4
/* A fence that does not signal in 10 s is a hang, not a slow frame. */
#define CSVGA_FENCE_TIMEOUT_NS 10000000000ull

#define CSVGA_PERSISTENT_FLAGS \
	(GL_MAP_READ_BIT | GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT)

static struct piglit_gl_test_config *piglit_config;

/* Frames each subtest streams; -frames N on the command line. */
static unsigned csvga_frames = 60;
/* -skip-write F leaves frame (or iteration) F's CPU write out, to see a
 * test fail. */
static int csvga_skip_write = -1;

static inline void
csvga_parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-frames") == 0 && i + 1 < argc)
			csvga_frames = atoi(argv[++i]);
		else if (strcmp(argv[i], "-skip-write") == 0 && i + 1 < argc)
			csvga_skip_write = atoi(argv[++i]);
	}
	if (csvga_frames < 2 || csvga_frames > CSVGA_MAX_FRAMES) {
		fprintf(stderr, "-frames must be 2..%d\n", CSVGA_MAX_FRAMES);
		piglit_report_result(PIGLIT_FAIL);
	}
}

/*
 * A buffer with immutable storage, mapped once for reading and writing,
 * persistent and coherent: the mapping the tests write and read through
 * for their whole life, with no flush and no barrier.
 */
static inline GLuint
csvga_persistent_buffer(GLenum target, GLsizeiptr size, void **map)
{
	GLuint buf;

	glGenBuffers(1, &buf);
	glBindBuffer(target, buf);
	glBufferStorage(target, size, NULL, CSVGA_PERSISTENT_FLAGS);
	*map = glMapBufferRange(target, 0, size, CSVGA_PERSISTENT_FLAGS);
	if (!*map || !piglit_check_gl_error(GL_NO_ERROR)) {
		printf("could not map a persistent coherent buffer of %ld bytes\n",
		       (long)size);
		piglit_report_result(PIGLIT_FAIL);
	}
	return buf;
}

static inline void
csvga_delete_buffer(GLenum target, GLuint buf)
{
	glBindBuffer(target, buf);
	glUnmapBuffer(target);
	glBindBuffer(target, 0);
	glDeleteBuffers(1, &buf);
}

/*
 * The fences of a ring: slot s may be rewritten by the CPU once the fence
 * of the last frame that used it has signalled.
 */
struct csvga_ring {
	unsigned slots;
	GLsync fence[CSVGA_MAX_SLOTS];
};

static inline void
csvga_ring_init(struct csvga_ring *ring, unsigned slots)
{
	memset(ring, 0, sizeof(*ring));
	ring->slots = slots;
}

/* Wait until the GPU is done with the slot; false on a timeout. */
static inline bool
csvga_ring_wait(struct csvga_ring *ring, unsigned slot)
{
	GLenum status;

	if (!ring->fence[slot])
		return true;
	status = glClientWaitSync(ring->fence[slot], GL_SYNC_FLUSH_COMMANDS_BIT,
				  CSVGA_FENCE_TIMEOUT_NS);
	glDeleteSync(ring->fence[slot]);
	ring->fence[slot] = NULL;
	if (status != GL_ALREADY_SIGNALED && status != GL_CONDITION_SATISFIED) {
		printf("glClientWaitSync on slot %u returned 0x%x\n", slot, status);
		return false;
	}
	return true;
}

static inline void
csvga_ring_fence(struct csvga_ring *ring, unsigned slot)
{
	ring->fence[slot] = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
}

static inline bool
csvga_ring_drain(struct csvga_ring *ring)
{
	bool ok = true;

	for (unsigned s = 0; s < ring->slots; s++)
		ok = csvga_ring_wait(ring, s) && ok;
	return ok;
}

/*
 * Frame f's colour: eight colours, none black (the clear colour), so
 * that a frame that drew with the data of an earlier frame (a stale
 * upload), with zeros, or not at all shows a wrong colour.
 */
static inline void
csvga_frame_color(unsigned frame, float color[4])
{
	static const float palette[8][4] = {
		{ 1.0, 0.0, 0.0, 1.0 }, { 0.0, 1.0, 0.0, 1.0 },
		{ 0.0, 0.0, 1.0, 1.0 }, { 1.0, 1.0, 0.0, 1.0 },
		{ 0.0, 1.0, 1.0, 1.0 }, { 1.0, 0.0, 1.0, 1.0 },
		{ 1.0, 1.0, 1.0, 1.0 }, { 0.5, 0.5, 0.5, 1.0 },
	};

	memcpy(color, palette[frame % 8], sizeof(palette[0]));
}

/* Frame f draws only into tile f of the window. */
static inline void
csvga_tile_viewport(unsigned frame)
{
	glViewport((frame % CSVGA_TILES_PER_ROW) * CSVGA_TILE,
		   (frame / CSVGA_TILES_PER_ROW) * CSVGA_TILE,
		   CSVGA_TILE, CSVGA_TILE);
}

/* Which frame's colour a pixel shows, or -1: names a stale frame. */
static inline int
csvga_frame_of_color(const float *pixel)
{
	float c[4];

	for (unsigned f = 0; f < 8; f++) {
		csvga_frame_color(f, c);
		if (fabsf(c[0] - pixel[0]) < 0.02 && fabsf(c[1] - pixel[1]) < 0.02 &&
		    fabsf(c[2] - pixel[2]) < 0.02)
			return f;
	}
	return -1;
}

/*
 * Probe the tiles of frames first_frame, first_frame + step, ... (one
 * glReadPixels of the read framebuffer after the last frame): each must
 * show its frame's colour.  A step above 1 is for frames drawn by several contexts, each
 * into its own framebuffer.  Prints each wrong frame, what it shows and,
 * when that is another frame's colour, which.
 */
static inline bool
csvga_check_tiles_of(const char *what, unsigned first_frame, unsigned step)
{
	static float pixels[CSVGA_WINDOW * CSVGA_WINDOW * 4];
	unsigned wrong = 0, checked = 0;

	glViewport(0, 0, CSVGA_WINDOW, CSVGA_WINDOW);
	glReadPixels(0, 0, CSVGA_WINDOW, CSVGA_WINDOW, GL_RGBA, GL_FLOAT, pixels);
	for (unsigned f = first_frame; f < csvga_frames; f += step) {
		unsigned x0 = (f % CSVGA_TILES_PER_ROW) * CSVGA_TILE;
		unsigned y0 = (f / CSVGA_TILES_PER_ROW) * CSVGA_TILE;
		unsigned bad = 0;
		float expect[4];
		const float *first = NULL;

		checked++;
		csvga_frame_color(f, expect);
		for (unsigned y = y0; y < y0 + CSVGA_TILE; y++) {
			for (unsigned x = x0; x < x0 + CSVGA_TILE; x++) {
				const float *p = &pixels[(y * CSVGA_WINDOW + x) * 4];

				for (unsigned c = 0; c < 4; c++) {
					if (fabsf(p[c] - expect[c]) > 0.02) {
						if (!first)
							first = p;
						bad++;
						break;
					}
				}
			}
		}
		if (bad) {
			int seen = csvga_frame_of_color(first);

			wrong++;
			printf("%s: frame %u: %u of %u pixels wrong: expected "
			       "(%.2f %.2f %.2f %.2f), observed (%.2f %.2f %.2f %.2f)",
			       what, f, bad, CSVGA_TILE * CSVGA_TILE,
			       expect[0], expect[1], expect[2], expect[3],
			       first[0], first[1], first[2], first[3]);
			if (seen >= 0)
				printf(", palette colour %d (this frame's is %u)",
				       seen, f % 8);
			printf("\n");
		}
	}
	if (wrong)
		printf("%s: %u of %u frames wrong\n", what, wrong, checked);
	return wrong == 0;
}

/* Every frame's tile: one context drew all frames. */
static inline bool
csvga_check_tiles(const char *what)
{
	return csvga_check_tiles_of(what, 0, 1);
}

/*
 * The piglit configuration of every coherent-memory test made of
 * subtests: GL 3.3 core, a CSVGA_WINDOW square double-buffered window,
 * the subtests of `table` run by piglit_display (csvga_run_subtests).
 */
#define CSVGA_SUBTEST_CONFIG(table)					\
	PIGLIT_GL_TEST_CONFIG_BEGIN					\
		piglit_config = &config;				\
		config.subtests = (table);				\
		config.supports_gl_core_version = 33;			\
		config.window_width = CSVGA_WINDOW;			\
		config.window_height = CSVGA_WINDOW;			\
		config.window_visual = PIGLIT_GL_VISUAL_RGBA |		\
				       PIGLIT_GL_VISUAL_DOUBLE;		\
		config.khr_no_error_support = PIGLIT_NO_ERRORS;		\
	PIGLIT_GL_TEST_CONFIG_END

/* What piglit_display does in those tests. */
static inline enum piglit_result
csvga_run_subtests(const struct piglit_subtest *table)
{
	return piglit_run_selected_subtests(table,
					    piglit_config->selected_subtests,
					    piglit_config->num_selected_subtests,
					    PIGLIT_PASS);
}

/* Shaders several tests draw with: a flat colour per vertex (attribute 1)
 * at a 2D position (attribute 0); a full-viewport triangle strip from
 * gl_VertexID (no vertex buffer); the colour of a uniform block. */
static const char csvga_vs_attr[] =
	"#version 330\n"
	"layout(location = 0) in vec2 pos;\n"
	"layout(location = 1) in vec4 color;\n"
	"flat out vec4 c;\n"
	"void main() { gl_Position = vec4(pos, 0.0, 1.0); c = color; }\n";
static const char csvga_fs_attr[] =
	"#version 330\n"
	"flat in vec4 c;\n"
	"out vec4 o;\n"
	"void main() { o = c; }\n";
static const char csvga_vs_quad[] =
	"#version 330\n"
	"void main() {\n"
	"	vec2 p = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));\n"
	"	gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);\n"
	"}\n";
static const char csvga_fs_uniform[] =
	"#version 330\n"
	"layout(std140) uniform Frame { vec4 color; };\n"
	"out vec4 o;\n"
	"void main() { o = color; }\n";

#endif
