/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * The GPU writes into a persistent coherent buffer (ARB_buffer_storage,
 * GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT) and the CPU reads the
 * result through its persistent pointer once a fence has signalled, with
 * no glMemoryBarrier (GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT is for
 * non-coherent mappings) and no unmap.  The writers: glCopyBufferSubData,
 * glClearBufferSubData (ARB_clear_buffer_object), transform feedback, and
 * glReadPixels into a GL_PIXEL_PACK_BUFFER.
 *
 * Two slots, pipelined as an application reads results back: iteration i
 * writes slot i % 2 while the CPU waits for iteration i - 1's fence and
 * checks its slot.  Before each GPU write the CPU fills the slot,
 * including 64 guard bytes on each side of the region the GPU writes,
 * with a poison that changes every iteration.  After the fence the region
 * must hold the GPU's data (poison there: the GPU's write never reached
 * the mapping) and the guards the CPU's poison (anything else: the
 * driver or the kernel brought back stale bytes the CPU had overwritten).
 *
 * Options: -frames N iterations per subtest (default 60); -skip-write I
 * leaves iteration I's GPU write out (the test must then fail).
 */
#include "coherent-common.h"

enum gpu_writer { WRITE_COPY, WRITE_CLEAR, WRITE_XFB, WRITE_PBO };

static enum piglit_result run_gpu_write(void *data);

static enum gpu_writer writers[] = { WRITE_COPY, WRITE_CLEAR, WRITE_XFB, WRITE_PBO };

static const struct piglit_subtest subtests[] = {
	{ "copy", "copy", run_gpu_write, &writers[0] },
	{ "clear", "clear", run_gpu_write, &writers[1] },
	{ "transform-feedback", "transform-feedback", run_gpu_write, &writers[2] },
	{ "readpixels-pbo", "readpixels-pbo", run_gpu_write, &writers[3] },
	{ NULL },
};

CSVGA_SUBTEST_CONFIG(subtests)

#define SLOTS 2
#define GUARD 64
#define PIXEL_BYTES (CSVGA_WINDOW * CSVGA_WINDOW * 4)
/* Guard, the largest region (a glReadPixels of the window), guard. */
#define SLOT_STRIDE (GUARD + PIXEL_BYTES + GUARD)
/* The region the copy, clear and transform feedback write: 1000 words,
 * not a whole page, starting 64 bytes into the slot. */
#define WORDS 1000


static const char *const writer_names[] = {
	"copy", "clear", "transform-feedback", "readpixels-pbo",
};

static const char vs_xfb[] =
	"#version 330\n"
	"uniform uint iteration;\n"
	"flat out uint value;\n"
	"void main() {\n"
	"	value = iteration * 65536u + uint(gl_VertexID) * 3u + 7u;\n"
	"	gl_Position = vec4(0.0);\n"
	"}\n";
static const char fs_white[] =
	"#version 330\n"
	"out vec4 o;\n"
	"void main() { o = vec4(1.0); }\n";

static uint32_t
poison(unsigned iteration, unsigned word)
{
	return 0xdead0000u ^ (iteration << 12) ^ word;
}

static uint32_t
copy_pattern(unsigned iteration, unsigned word)
{
	return 0x10000000u ^ (iteration * 0x01000193u) ^ (word * 0x9e3779b1u);
}

static uint32_t
clear_value(unsigned iteration)
{
	return 0xc1ea0000u | iteration;
}

static void
clear_color_bytes(unsigned iteration, uint8_t rgba[4])
{
	rgba[0] = (iteration * 7 + 1) & 255;
	rgba[1] = (iteration * 13 + 50) & 255;
	rgba[2] = (255 - iteration * 3) & 255;
	rgba[3] = 255;
}

static unsigned
region_bytes(enum gpu_writer w)
{
	return w == WRITE_PBO ? PIXEL_BYTES : WORDS * 4;
}

/* The word the GPU wrote at word index k of the region in iteration i. */
static uint32_t
expected_word(enum gpu_writer w, unsigned i, unsigned k)
{
	uint8_t rgba[4];
	uint32_t v;

	switch (w) {
	case WRITE_COPY:
		return copy_pattern(i, k);
	case WRITE_CLEAR:
		return clear_value(i);
	case WRITE_XFB:
		return i * 65536u + k * 3u + 7u;
	case WRITE_PBO:
	default:
		clear_color_bytes(i, rgba);
		memcpy(&v, rgba, 4);
		return v;
	}
}

static void
fill_poison(uint32_t *slot, unsigned iteration)
{
	for (unsigned k = 0; k < SLOT_STRIDE / 4; k++)
		slot[k] = poison(iteration, k);
}

/* Check slot contents after iteration i's fence; prints what is wrong. */
static bool
check_slot(enum gpu_writer w, const uint32_t *slot, unsigned i)
{
	unsigned first = GUARD / 4, end = first + region_bytes(w) / 4;
	unsigned wrong_data = 0, wrong_guard = 0, poisoned = 0;
	int first_bad = -1;

	for (unsigned k = 0; k < SLOT_STRIDE / 4; k++) {
		bool in_region = k >= first && k < end;
		uint32_t want = in_region ? expected_word(w, i, k - first) : poison(i, k);

		if (slot[k] == want)
			continue;
		if (first_bad < 0)
			first_bad = k;
		if (in_region) {
			wrong_data++;
			if (slot[k] == poison(i, k))
				poisoned++;
		} else {
			wrong_guard++;
		}
	}
	if (first_bad < 0)
		return true;
	{
		unsigned k = first_bad;
		bool in_region = k >= first && k < end;
		uint32_t want = in_region ? expected_word(w, i, k - first) : poison(i, k);

		printf("%s: iteration %u: %u of %u region words wrong (%u still the CPU's "
		       "poison), %u of %u guard words changed; first at byte %u of the "
		       "slot: expected 0x%08x, read 0x%08x\n",
		       writer_names[w], i, wrong_data, end - first, poisoned,
		       wrong_guard, SLOT_STRIDE / 4 - (end - first), k * 4, want, slot[k]);
	}
	return false;
}

static enum piglit_result
run_gpu_write(void *data)
{
	const enum gpu_writer w = *(const enum gpu_writer *)data;
	GLuint buf, src = 0, prog = 0, vao = 0;
	GLint iteration_loc = -1;
	struct csvga_ring ring;
	int issued[SLOTS] = { -1, -1 };
	unsigned wrong = 0;
	void *map;
	bool ok = true;

	if (w == WRITE_CLEAR && !piglit_is_extension_supported("GL_ARB_clear_buffer_object")) {
		printf("clear: GL_ARB_clear_buffer_object is not exposed\n");
		return PIGLIT_SKIP;
	}
	csvga_ring_init(&ring, SLOTS);
	buf = csvga_persistent_buffer(GL_COPY_WRITE_BUFFER, SLOTS * SLOT_STRIDE, &map);
	/* Bound only where each writer needs it. */
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);

	switch (w) {
	case WRITE_COPY:
		glGenBuffers(1, &src);
		glBindBuffer(GL_COPY_READ_BUFFER, src);
		glBufferData(GL_COPY_READ_BUFFER, WORDS * 4, NULL, GL_STREAM_DRAW);
		break;
	case WRITE_XFB: {
		static const char *const varyings[] = { "value" };

		prog = piglit_build_simple_program_unlinked(vs_xfb, fs_white);
		glTransformFeedbackVaryings(prog, 1, varyings, GL_INTERLEAVED_ATTRIBS);
		glLinkProgram(prog);
		if (!piglit_link_check_status(prog))
			return PIGLIT_FAIL;
		iteration_loc = glGetUniformLocation(prog, "iteration");
		glGenVertexArrays(1, &vao);
		glBindVertexArray(vao);
		break;
	}
	default:
		break;
	}

	for (unsigned i = 0; i < csvga_frames + SLOTS; i++) {
		unsigned slot = i % SLOTS;
		uint32_t *words = (uint32_t *)((char *)map + slot * SLOT_STRIDE);
		GLintptr offset = slot * SLOT_STRIDE + GUARD;

		/* The slot's previous iteration: wait, then read it. */
		if (issued[slot] >= 0) {
			if (!csvga_ring_wait(&ring, slot) ||
			    !check_slot(w, words, issued[slot]))
				wrong++;
			issued[slot] = -1;
		}
		if (i >= csvga_frames)
			continue;

		fill_poison(words, i);
		if ((int)i != csvga_skip_write) {
			switch (w) {
			case WRITE_COPY: {
				uint32_t pattern[WORDS];

				for (unsigned k = 0; k < WORDS; k++)
					pattern[k] = copy_pattern(i, k);
				glBindBuffer(GL_COPY_READ_BUFFER, src);
				glBufferSubData(GL_COPY_READ_BUFFER, 0, sizeof(pattern), pattern);
				glBindBuffer(GL_COPY_WRITE_BUFFER, buf);
				glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
						    0, offset, sizeof(pattern));
				glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
				break;
			}
			case WRITE_CLEAR: {
				uint32_t value = clear_value(i);

				glBindBuffer(GL_COPY_WRITE_BUFFER, buf);
				glClearBufferSubData(GL_COPY_WRITE_BUFFER, GL_R32UI, offset,
						     WORDS * 4, GL_RED_INTEGER, GL_UNSIGNED_INT,
						     &value);
				glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
				break;
			}
			case WRITE_XFB:
				glUseProgram(prog);
				glUniform1ui(iteration_loc, i);
				glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, buf, offset,
						  WORDS * 4);
				glEnable(GL_RASTERIZER_DISCARD);
				glBeginTransformFeedback(GL_POINTS);
				glDrawArrays(GL_POINTS, 0, WORDS);
				glEndTransformFeedback();
				glDisable(GL_RASTERIZER_DISCARD);
				glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0);
				break;
			case WRITE_PBO: {
				uint8_t rgba[4];

				clear_color_bytes(i, rgba);
				glClearColor(rgba[0] / 255.0, rgba[1] / 255.0,
					     rgba[2] / 255.0, rgba[3] / 255.0);
				glClear(GL_COLOR_BUFFER_BIT);
				glBindBuffer(GL_PIXEL_PACK_BUFFER, buf);
				glReadPixels(0, 0, CSVGA_WINDOW, CSVGA_WINDOW, GL_RGBA,
					     GL_UNSIGNED_BYTE, (void *)offset);
				glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
				break;
			}
			}
		}
		csvga_ring_fence(&ring, slot);
		issued[slot] = i;
	}
	if (wrong)
		printf("%s: %u of %u iterations wrong\n", writer_names[w], wrong, csvga_frames);
	ok = wrong == 0;
	ok = piglit_check_gl_error(GL_NO_ERROR) && ok;

	csvga_delete_buffer(GL_COPY_WRITE_BUFFER, buf);
	if (src)
		glDeleteBuffers(1, &src);
	if (prog) {
		glUseProgram(0);
		glDeleteProgram(prog);
	}
	if (vao) {
		glBindVertexArray(0);
		glDeleteVertexArrays(1, &vao);
	}
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
