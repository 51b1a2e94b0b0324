/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * csvga-coherent-stream-bench: what streaming vertex data through a
 * persistent coherent mapping costs next to the explicit ways of GL
 * (issue 12).  A benchmark, not a test: its data checks are TAP cases,
 * its timings are reported and never asserted.
 *
 * Per frame the CPU writes W bytes of vertices into the next of four
 * slots of a ring buffer (4 W bytes; a slot is rewritten once the fence
 * of the frame that last drew from it signalled) and one draw consumes
 * exactly those vertices.  Four paths, each with its own buffer:
 *
 *   S  glBufferSubData of the slot from a CPU array;
 *   M  glMapBufferRange of the slot (WRITE | INVALIDATE_RANGE |
 *      FLUSH_EXPLICIT | UNSYNCHRONIZED), glFlushMappedBufferRange,
 *      glUnmapBuffer;
 *   P  a persistent mapping without GL_MAP_COHERENT_BIT, mapped once with
 *      GL_MAP_FLUSH_EXPLICIT_BIT, glFlushMappedBufferRange of the slot
 *      (the GL 4.4 way to publish writes to a non-coherent persistent
 *      map; glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT) as well,
 *      but only when the context has it: GL 4.2 or
 *      GL_ARB_shader_image_load_store, which an SM4.1 device lacks);
 *   C  a persistent coherent mapping, mapped once: the CPU writes, nothing
 *      else.
 *
 * S, M and P are "explicit"; the figure of merit is C / best explicit.
 * The method follows kernel/tests/coh-stream-bench: the paths run in
 * interleaved batches of F frames (explicit paths first in even
 * repetitions, C first and the explicit ones in reverse in odd ones) after
 * one warm-up batch each; per repetition the ratio is C's mean frame time
 * over the fastest explicit path's; the table shows its median and range.
 * A batch's time runs from its first write to its last fence.  Also per
 * frame: the device's bytes moved to the host (svga_counters, the BAR0
 * statistics window) per byte written, its commands and SVGA_CMD_FENCEs
 * (one per EXECBUF of the kernel), and the kernel's coherency statistics
 * (debugfs vmwgfx_coherency), read around each timed batch.
 *
 * Data: a vertex is four uints (frame tag, ring index, a hash of both, the
 * index inverted); the vertex shader puts a vertex whose data match the
 * frame's tag (a uniform) on the one pixel of a 1x1 viewport, every other
 * vertex outside the clip volume with its fragment discarded, and an
 * occlusion query per frame counts the samples drawn.  A frame passes
 * when every one of its vertices was drawn, so a path that uploads
 * nothing, a stale slot or part of one fails (queries are read after each
 * batch, so no readback stalls the frames).  -skip-write N leaves every path's frame N unwritten
 * (the check must then fail); the device's x-drop-updates does the same
 * for every upload.
 *
 * Options (after piglit's -auto -fbo):
 *   -quick        sizes 4 KiB, 64 KiB, 1 MiB, 4 MiB; 3 repetitions of
 *                 10 frames (scripts/test, scripts/run)
 *   (default)     4, 16, 64, 256 KiB, 1, 2, 4, 8 MiB; 7 repetitions of
 *                 30 frames
 *   -reps N, -batch F, -size BYTES (repeatable; K and M suffixes),
 *   -skip-write N
 */
#include "coherent-common.h"
#include "coh_kstats.h"
#include "coh_measure.h"
#include "svga_counters.h"

#include <stdarg.h>

#define KIB 1024u
#define MIB (1024u * 1024u)
#define VERTEX_BYTES 16u
#define SLOTS 4u
#define MAX_SIZES 16
#define MAX_REPS 32
#define MAX_BATCH 128
#define MAX_SIZE (16u * MIB)
/* SVGA_CMD_FENCE: vmwgfx ends every submission with one. */
#define SVGA_CMD_FENCE_ID 30u

enum path { PATH_SUBDATA, PATH_MAPRANGE, PATH_PERSISTENT_FLUSH, PATH_COHERENT, NPATHS };
#define NEXPLICIT PATH_COHERENT

static const char *const path_letter[NPATHS] = { "S", "M", "P", "C" };
static const char *const path_name[NPATHS] = {
	"glBufferSubData", "glMapBufferRange+glFlushMappedBufferRange",
	"persistent non-coherent+glFlushMappedBufferRange", "persistent coherent",
};

PIGLIT_GL_TEST_CONFIG_BEGIN

	piglit_config = &config;
	config.supports_gl_core_version = 33;
	config.window_width = 16;
	config.window_height = 16;
	config.window_visual = PIGLIT_GL_VISUAL_RGBA | PIGLIT_GL_VISUAL_DOUBLE;
	config.khr_no_error_support = PIGLIT_NO_ERRORS;

PIGLIT_GL_TEST_CONFIG_END

/*
 * A vertex is drawn (on the viewport's only pixel) when its data are the
 * frame's; anything else, stale or zero or torn, is placed outside the
 * clip volume and the framebuffer and, should the device rasterize it
 * anyway (Vulkan does not scissor to the viewport, and a point outside
 * the viewport but inside the framebuffer may be rasterized), its
 * fragment is discarded: the occlusion query counts good vertices only.
 */
static const char vs_check[] =
	"#version 330\n"
	"layout(location = 0) in uvec4 v;\n"
	"uniform uint tag;\n"
	"flat out uint good;\n"
	"void main() {\n"
	"	uint h = (v.x * 2654435761u) ^ (v.y * 2246822519u);\n"
	"	good = (v.x == tag && v.z == h && v.w == ~v.y) ? 1u : 0u;\n"
	"	gl_Position = good == 1u ? vec4(0.0, 0.0, 0.0, 1.0) : vec4(100.0, 100.0, 2.0, 1.0);\n"
	"}\n";
static const char fs_check[] =
	"#version 330\n"
	"flat in uint good;\n"
	"out vec4 o;\n"
	"void main() {\n"
	"	if (good != 1u)\n"
	"		discard;\n"
	"	o = vec4(0.0, 1.0, 0.0, 1.0);\n"
	"}\n";

/* What one path measured at one size, over its timed batches. */
struct meas {
	double us[MAX_REPS];        /* mean frame time of each batch */
	double total_us;            /* the timed batches, summed     */
	double wait_us;             /* in glClientWaitSync, summed   */
	uint64_t frames;
	uint64_t to_host, cmds, fences;
	long long k[COH_K_NUM];
	unsigned bad_frames, checked_frames, bad_batches;
	unsigned first_bad_frame;
	uint64_t first_bad_drawn;
};

struct stream {
	enum path p;
	GLuint buf, vao;
	uint8_t *map;               /* P and C: the persistent mapping */
	GLsync fence[SLOTS];
	GLuint query[MAX_BATCH];
	uint32_t frame;             /* frames streamed so far */
};

static GLuint prog;
static GLint tag_loc;
static uint32_t *staging;       /* S: the CPU array glBufferSubData copies */
static bool have_barrier;
static struct svga_counters counters;
static bool have_counters, have_kstats;
static int skip_write = -1;
static unsigned reps, batch;
static uint32_t sizes[MAX_SIZES];
static unsigned nsizes;
static unsigned tap_number;

/* The vertices of one frame, written where dst points (write only: the
 * mapping is never read). */
static void
fill_vertices(uint32_t *dst, uint32_t tag, uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++, dst += 4) {
		uint32_t idx = first + i;

		dst[0] = tag;
		dst[1] = idx;
		dst[2] = (tag * 2654435761u) ^ (idx * 2246822519u);
		dst[3] = ~idx;
	}
}

/* Frames of one path have tags no other frame of that path had, none 0. */
static uint32_t
frame_tag(const struct stream *s)
{
	return s->frame + 1;
}

static bool
stream_create(struct stream *s, enum path p, uint32_t size)
{
	const GLsizeiptr ring = (GLsizeiptr)SLOTS * size;
	GLbitfield storage = 0, access = 0;

	memset(s, 0, sizeof(*s));
	s->p = p;
	glGenVertexArrays(1, &s->vao);
	glBindVertexArray(s->vao);
	glGenBuffers(1, &s->buf);
	glBindBuffer(GL_ARRAY_BUFFER, s->buf);
	switch (p) {
	case PATH_SUBDATA:
	case PATH_MAPRANGE:
		glBufferData(GL_ARRAY_BUFFER, ring, NULL, GL_STREAM_DRAW);
		break;
	case PATH_PERSISTENT_FLUSH:
		storage = GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT;
		access = storage | GL_MAP_FLUSH_EXPLICIT_BIT;
		break;
	case PATH_COHERENT:
		storage = access = GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT |
			GL_MAP_COHERENT_BIT;
		break;
	default:
		return false;
	}
	if (storage) {
		glBufferStorage(GL_ARRAY_BUFFER, ring, NULL, storage);
		s->map = glMapBufferRange(GL_ARRAY_BUFFER, 0, ring, access);
		if (!s->map) {
			printf("# %s: could not map %ld bytes\n", path_name[p], (long)ring);
			return false;
		}
	}
	glVertexAttribIPointer(0, 4, GL_UNSIGNED_INT, VERTEX_BYTES, (void *)0);
	glEnableVertexAttribArray(0);
	glGenQueries(MAX_BATCH, s->query);
	return piglit_check_gl_error(GL_NO_ERROR);
}

static void
stream_destroy(struct stream *s)
{
	for (unsigned i = 0; i < SLOTS; i++)
		if (s->fence[i])
			glDeleteSync(s->fence[i]);
	if (s->map) {
		glBindBuffer(GL_ARRAY_BUFFER, s->buf);
		glUnmapBuffer(GL_ARRAY_BUFFER);
	}
	glBindBuffer(GL_ARRAY_BUFFER, 0);
	glBindVertexArray(0);
	glDeleteQueries(MAX_BATCH, s->query);
	glDeleteBuffers(1, &s->buf);
	glDeleteVertexArrays(1, &s->vao);
	memset(s, 0, sizeof(*s));
}

/* Wait for a slot's last fence; the time goes to *wait_us. */
static bool
wait_slot(struct stream *s, unsigned slot, double *wait_us)
{
	double t0 = coh_now_us();
	GLenum status;

	if (!s->fence[slot])
		return true;
	status = glClientWaitSync(s->fence[slot], GL_SYNC_FLUSH_COMMANDS_BIT,
				  CSVGA_FENCE_TIMEOUT_NS);
	*wait_us += coh_now_us() - t0;
	glDeleteSync(s->fence[slot]);
	s->fence[slot] = NULL;
	if (status != GL_ALREADY_SIGNALED && status != GL_CONDITION_SATISFIED) {
		printf("# %s: glClientWaitSync returned 0x%x\n", path_name[s->p], status);
		return false;
	}
	return true;
}

/* The CPU's write of one frame, the way of path p. */
static void
write_frame(struct stream *s, uint32_t size, unsigned slot)
{
	const uint32_t n = size / VERTEX_BYTES, first = slot * n;
	const GLintptr off = (GLintptr)slot * size;
	const uint32_t tag = frame_tag(s);
	const bool skip = (int)s->frame == skip_write;
	void *dst;

	switch (s->p) {
	case PATH_SUBDATA:
		if (!skip) {
			fill_vertices(staging, tag, first, n);
			glBufferSubData(GL_ARRAY_BUFFER, off, size, staging);
		}
		break;
	case PATH_MAPRANGE:
		dst = glMapBufferRange(GL_ARRAY_BUFFER, off, size,
				       GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT |
				       GL_MAP_FLUSH_EXPLICIT_BIT |
				       GL_MAP_UNSYNCHRONIZED_BIT);
		if (dst && !skip) {
			fill_vertices(dst, tag, first, n);
			glFlushMappedBufferRange(GL_ARRAY_BUFFER, 0, size);
		}
		if (dst)
			glUnmapBuffer(GL_ARRAY_BUFFER);
		break;
	case PATH_PERSISTENT_FLUSH:
		if (!skip) {
			fill_vertices((uint32_t *)(s->map + off), tag, first, n);
			glFlushMappedBufferRange(GL_ARRAY_BUFFER, off, size);
			if (have_barrier)
				glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT);
		}
		break;
	case PATH_COHERENT:
		if (!skip)
			fill_vertices((uint32_t *)(s->map + off), tag, first, n);
		break;
	default:
		break;
	}
}

struct snapshot {
	struct svga_counter dev, fence;
	long long k[COH_K_NUM];
};

static void
snapshot(struct snapshot *sn)
{
	svga_counters_read(&counters, SVGA_COUNTERS_TOTALS, &sn->dev);
	svga_counters_read(&counters, SVGA_CMD_FENCE_ID, &sn->fence);
	coh_kstats_read(sn->k);
}

/*
 * One batch of frames of one path: write, draw (counted by a query),
 * fence, slot by slot; then the last fences.  Timed into m->us[rep] when
 * timed; the queries are checked either way.
 */
static bool
run_batch(struct stream *s, uint32_t size, unsigned frames, int rep,
	  bool timed, struct meas *m)
{
	const uint32_t n = size / VERTEX_BYTES;
	struct snapshot a, b;
	double t0, wait_us = 0;
	unsigned bad = 0;
	bool ok = true;

	glBindVertexArray(s->vao);
	glBindBuffer(GL_ARRAY_BUFFER, s->buf);
	snapshot(&a);
	t0 = coh_now_us();
	for (unsigned f = 0; f < frames && ok; f++) {
		unsigned slot = s->frame % SLOTS;

		ok = wait_slot(s, slot, &wait_us);
		write_frame(s, size, slot);
		glUniform1ui(tag_loc, frame_tag(s));
		glBeginQuery(GL_SAMPLES_PASSED, s->query[f]);
		glDrawArrays(GL_POINTS, slot * n, n);
		glEndQuery(GL_SAMPLES_PASSED);
		s->fence[slot] = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
		s->frame++;
	}
	for (unsigned i = 0; i < SLOTS && ok; i++)
		ok = wait_slot(s, (s->frame + i) % SLOTS, &wait_us);
	if (timed) {
		double t = coh_now_us() - t0;

		m->us[rep] = t / frames;
		m->total_us += t;
		snapshot(&b);
		m->wait_us += wait_us;
		m->frames += frames;
		m->to_host += b.dev.to_host - a.dev.to_host;
		m->cmds += b.dev.count - a.dev.count;
		m->fences += b.fence.count - a.fence.count;
		for (int i = 0; i < COH_K_NUM; i++)
			m->k[i] += b.k[i] - a.k[i];
	}
	for (unsigned f = 0; f < frames && ok; f++) {
		GLuint64 drawn = 0;

		glGetQueryObjectui64v(s->query[f], GL_QUERY_RESULT, &drawn);
		if (drawn != n) {
			if (!m->bad_frames && !bad) {
				m->first_bad_frame = s->frame - frames + f;
				m->first_bad_drawn = drawn;
			}
			bad++;
		}
	}
	m->checked_frames += frames;
	m->bad_frames += bad;
	if (bad)
		m->bad_batches++;
	return piglit_check_gl_error(GL_NO_ERROR) && ok;
}

struct result {
	struct meas m[NPATHS];
	double us_med[NPATHS];
	double ratio_med, ratio_min, ratio_max;
	int best;                   /* the explicit path fastest most often */
	bool ran, ok;
};

static bool
run_size(uint32_t size, struct result *r)
{
	struct stream s[NPATHS];
	double ratio[MAX_REPS];
	unsigned best_count[NEXPLICIT] = { 0 };
	bool ok = true;

	memset(r, 0, sizeof(*r));
	for (int p = 0; p < NPATHS && ok; p++)
		ok = stream_create(&s[p], p, size);
	for (int p = 0; p < NPATHS && ok; p++)
		ok = run_batch(&s[p], size, batch / 2 + 3, 0, false, &r->m[p]);
	for (unsigned rep = 0; rep < reps && ok; rep++) {
		int best = 0;

		for (int i = 0; i < NPATHS && ok; i++) {
			int p = rep % 2 ? NPATHS - 1 - i : i;

			ok = run_batch(&s[p], size, batch, rep, true, &r->m[p]);
		}
		for (int p = 1; p < NEXPLICIT; p++)
			if (r->m[p].us[rep] < r->m[best].us[rep])
				best = p;
		best_count[best]++;
		ratio[rep] = r->m[PATH_COHERENT].us[rep] / r->m[best].us[rep];
	}
	for (int p = 0; p < NPATHS; p++)
		if (s[p].vao)
			stream_destroy(&s[p]);
	if (!ok)
		return false;
	for (int p = 0; p < NPATHS; p++) {
		double us[MAX_REPS];

		memcpy(us, r->m[p].us, sizeof(us));
		r->us_med[p] = coh_median(us, reps);
	}
	for (int p = 1; p < NEXPLICIT; p++)
		if (best_count[p] > best_count[r->best])
			r->best = p;
	r->ratio_med = coh_median(ratio, reps);
	r->ratio_min = ratio[0];
	r->ratio_max = ratio[reps - 1];
	r->ran = true;
	return true;
}

static void
tap_ok(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %u - ", ok ? "" : "not ", ++tap_number);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* One TAP case per size and path: every frame drew all its vertices. */
static bool
check_size(uint32_t size, const struct result *r, bool ran)
{
	bool all = true;

	for (int p = 0; p < NPATHS; p++) {
		const struct meas *m = &r->m[p];
		bool ok = ran && m->checked_frames && !m->bad_frames;

		tap_ok(ok, "%s, W %s/frame: every vertex of %u frames drawn with its frame's data (wrong frames: %u in %u batches)",
		       path_name[p], coh_size_name(size), m->checked_frames,
		       m->bad_frames, m->bad_batches);
		if (m->bad_frames)
			printf("# %s, W %s: first wrong frame %u drew %llu of %u vertices\n",
			       path_name[p], coh_size_name(size), m->first_bad_frame,
			       (unsigned long long)m->first_bad_drawn,
			       size / VERTEX_BYTES);
		if (!ran && !m->checked_frames)
			printf("# %s, W %s: not run (a GL error or a fence timeout above)\n",
			       path_name[p], coh_size_name(size));
		all = all && ok;
	}
	return all;
}

static double
per_frame(double v, const struct meas *m)
{
	return m->frames ? v / (double)m->frames : 0;
}

#define TARGET_RATIO 1.02
#define TARGET_UPLOAD 1.25

static void
print_tables(const struct result *res)
{
	printf("#\n# GL streaming, one draw per frame from a 4-slot ring (W bytes per slot):\n");
	for (int p = 0; p < NPATHS; p++)
		printf("#   %s: %s\n", path_letter[p], path_name[p]);
	printf("#   (P: %s)\n", have_barrier ?
	       "and glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT)" :
	       "no glMemoryBarrier: the context lacks GL 4.2 / GL_ARB_shader_image_load_store");
	printf("# C/best: C's mean frame time over the fastest explicit path's, per repetition,\n"
	       "# median [min..max] (target <= %.2f); us/f: median of the batch means; best: the\n"
	       "# explicit path fastest most often\n", TARGET_RATIO);
	printf("# %8s | %-18s %4s | %8s %8s %8s %8s\n", "W", "C/best med [min..max]",
	       "best", "S us/f", "M us/f", "P us/f", "C us/f");
	for (unsigned i = 0; i < nsizes; i++) {
		const struct result *r = &res[i];

		if (!r->ran) {
			printf("# %8s | not run\n", coh_size_name(sizes[i]));
			continue;
		}
		printf("# %8s | %4.2f [%4.2f..%4.2f]%*s %4s | %8.0f %8.0f %8.0f %8.0f\n",
		       coh_size_name(sizes[i]), r->ratio_med, r->ratio_min, r->ratio_max,
		       r->ratio_max >= 10 ? 0 : 1, "", path_letter[r->best],
		       r->us_med[0], r->us_med[1], r->us_med[2], r->us_med[3]);
	}
	printf("#\n# Per frame (means over the timed batches): us/f, of which wait: in\n# glClientWaitSync; up/wr: device bytes guest->host per byte\n"
	       "# written (target <= %.2f; all a frame moves, not only vertices); cmds, fences:\n"
	       "# device commands and SVGA_CMD_FENCEs (one per submission); kernel\n"
	       "# (vmwgfx_coherency): write faults, scans, pages found dirty, uploads, upload bytes\n",
	       TARGET_UPLOAD);
	printf("# %8s %1s | %8s %8s | %6s | %6s %6s | %6s %5s %7s %5s %9s\n", "W", "",
	       "us/f", "wait", "up/wr", "cmds", "fences", "faults", "scans", "scanned",
	       "upl", "upl B");
	for (unsigned i = 0; i < nsizes; i++) {
		for (int p = 0; p < NPATHS && res[i].ran; p++) {
			const struct meas *m = &res[i].m[p];

			printf("# %8s %1s | %8.0f %8.0f | %6.3f | %6.1f %6.2f | %6.1f %5.2f %7.1f %5.2f %9.0f\n",
			       coh_size_name(sizes[i]), path_letter[p],
			       per_frame(m->total_us, m), per_frame(m->wait_us, m),
			       per_frame((double)m->to_host, m) / sizes[i],
			       per_frame((double)m->cmds, m), per_frame((double)m->fences, m),
			       per_frame((double)m->k[COH_K_MKWRITE], m),
			       per_frame((double)m->k[COH_K_SCANS], m),
			       per_frame((double)m->k[COH_K_SCANNED], m),
			       per_frame((double)m->k[COH_K_UPLOADS], m),
			       per_frame((double)m->k[COH_K_UPLOAD_BYTES], m));
		}
	}
}

/*
 * Where C misses a target, say what differs from the best explicit path,
 * in the measured numbers: frame time split into waiting and the rest,
 * device commands and submissions, the kernel's work, bytes uploaded.
 */
static void
print_notes(const struct result *res)
{
	printf("#\n# targets: C/best <= %.2f, C up/wr <= %.2f\n", TARGET_RATIO, TARGET_UPLOAD);
	for (unsigned i = 0; i < nsizes; i++) {
		const struct result *r = &res[i];
		const struct meas *c = &r->m[PATH_COHERENT], *e = &r->m[r->best];
		double up = per_frame((double)c->to_host, c) / sizes[i];

		if (!r->ran)
			continue;
		if (r->ratio_med <= TARGET_RATIO && up <= TARGET_UPLOAD) {
			printf("# %s: both met\n", coh_size_name(sizes[i]));
			continue;
		}
		printf("# %s: ratio %.2f %s%s; per frame (means) C - %s: %+.0f us (waiting %+.0f us, the rest %+.0f us), %+.1f commands, %+.2f submissions, %+.0f bytes to the device; C's kernel work: %.1f write faults, %.2f scans, %.2f uploads of %.0f B\n",
		       coh_size_name(sizes[i]), r->ratio_med,
		       r->ratio_med > TARGET_RATIO ? "missed" : "met",
		       up > TARGET_UPLOAD ? ", upload missed" : "",
		       path_letter[r->best],
		       per_frame(c->total_us, c) - per_frame(e->total_us, e),
		       per_frame(c->wait_us, c) - per_frame(e->wait_us, e),
		       per_frame(c->total_us - c->wait_us, c) -
		       per_frame(e->total_us - e->wait_us, e),
		       per_frame((double)c->cmds, c) - per_frame((double)e->cmds, e),
		       per_frame((double)c->fences, c) - per_frame((double)e->fences, e),
		       per_frame((double)c->to_host, c) - per_frame((double)e->to_host, e),
		       per_frame((double)c->k[COH_K_MKWRITE], c),
		       per_frame((double)c->k[COH_K_SCANS], c),
		       per_frame((double)c->k[COH_K_UPLOADS], c),
		       per_frame((double)c->k[COH_K_UPLOAD_BYTES], c));
	}
}

/*
 * What a frame's draw costs apart from the vertex data: the uniform, the
 * query, a draw of one vertex written once, the fence; printed so that
 * the bytes per byte written can be read (they include this).
 */
static void
print_draw_overhead(void)
{
	struct stream s;
	struct meas m;
	bool ok;

	memset(&m, 0, sizeof(m));
	if (!stream_create(&s, PATH_SUBDATA, VERTEX_BYTES))
		return;
	fill_vertices(staging, 1, 0, 1);
	glBufferSubData(GL_ARRAY_BUFFER, 0, VERTEX_BYTES, staging);
	ok = piglit_check_gl_error(GL_NO_ERROR);
	/* two frames to warm up, then measured ones */
	for (unsigned f = 0; ok && f < batch + 2; f++) {
		struct snapshot a, b;

		snapshot(&a);
		glUniform1ui(tag_loc, 1);
		glBeginQuery(GL_SAMPLES_PASSED, s.query[0]);
		glDrawArrays(GL_POINTS, 0, 1);
		glEndQuery(GL_SAMPLES_PASSED);
		s.fence[0] = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
		ok = wait_slot(&s, 0, &m.wait_us);
		snapshot(&b);
		if (f < 2)
			continue;
		m.to_host += b.dev.to_host - a.dev.to_host;
		m.cmds += b.dev.count - a.dev.count;
		m.fences += b.fence.count - a.fence.count;
		m.frames++;
	}
	stream_destroy(&s);
	printf("# a frame's draw alone (uniform, query, draw, fence): %.0f B to the device, %.1f commands, %.2f submissions\n",
	       per_frame((double)m.to_host, &m), per_frame((double)m.cmds, &m),
	       per_frame((double)m.fences, &m));
}

enum piglit_result
piglit_display(void)
{
	static struct result res[MAX_SIZES];
	double t0 = coh_now_us();
	bool ok = true;

	printf("1..%u\n", nsizes * NPATHS);
	printf("# %u repetitions of one batch of %u frames per path (after a warm-up batch) per size; under QEMU TCG compare ratios, not times\n",
	       reps, batch);
	if (!have_counters)
		printf("# no device counters (BAR0 statistics window; needs root): device figures show as 0\n");
	if (!have_kstats)
		printf("# no kernel statistics (debugfs vmwgfx_coherency; needs root and our kernel): kernel figures show as 0\n");
	glUseProgram(prog);
	glViewport(0, 0, 1, 1);
	glDisable(GL_DEPTH_TEST);
	if (have_counters)
		print_draw_overhead();
	for (unsigned i = 0; i < nsizes; i++) {
		bool ran = run_size(sizes[i], &res[i]);

		ok = check_size(sizes[i], &res[i], ran) && ok;
		fflush(stdout);
	}
	print_tables(res);
	print_notes(res);
	printf("# benchmark took %.1f s\n", (coh_now_us() - t0) / 1e6);
	svga_counters_close(&counters);
	return ok ? PIGLIT_PASS : PIGLIT_FAIL;
}

static uint32_t
parse_size(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*end == 'K' || *end == 'k')
		v *= KIB;
	else if (*end == 'M' || *end == 'm')
		v *= MIB;
	return (uint32_t)v;
}

static void
parse_args(int argc, char **argv)
{
	static const uint32_t quick_sizes[] = { 4 * KIB, 64 * KIB, MIB, 4 * MIB };
	static const uint32_t full_sizes[] = { 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB,
					       MIB, 2 * MIB, 4 * MIB, 8 * MIB };
	bool quick = false;
	int r = -1, f = -1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-quick"))
			quick = true;
		else if (!strcmp(argv[i], "-reps") && i + 1 < argc)
			r = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-batch") && i + 1 < argc)
			f = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-skip-write") && i + 1 < argc)
			skip_write = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-size") && i + 1 < argc && nsizes < MAX_SIZES)
			sizes[nsizes++] = parse_size(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [-quick] [-reps N] [-batch F] [-size BYTES[K|M]]... [-skip-write N]\n",
				argv[0]);
			piglit_report_result(PIGLIT_FAIL);
		}
	}
	reps = r > 0 ? r : quick ? 3 : 7;
	batch = f > 0 ? f : quick ? 10 : 30;
	if (reps > MAX_REPS || batch > MAX_BATCH) {
		fprintf(stderr, "-reps is at most %d, -batch at most %d\n", MAX_REPS, MAX_BATCH);
		piglit_report_result(PIGLIT_FAIL);
	}
	if (!nsizes) {
		const uint32_t *set = quick ? quick_sizes : full_sizes;

		nsizes = quick ? ARRAY_SIZE(quick_sizes) : ARRAY_SIZE(full_sizes);
		memcpy(sizes, set, nsizes * sizeof(*set));
	}
	for (unsigned i = 0; i < nsizes; i++) {
		/* whole vertices, and a slot offset the flush may align */
		if (sizes[i] < 64 || sizes[i] > MAX_SIZE || sizes[i] % 64) {
			fprintf(stderr, "-size must be a multiple of 64 bytes, 64 B to %u MiB\n",
				MAX_SIZE / MIB);
			piglit_report_result(PIGLIT_FAIL);
		}
	}
}

void
piglit_init(int argc, char **argv)
{
	uint32_t largest = 0;
	long long k[COH_K_NUM];

	parse_args(argc, argv);
	piglit_require_extension("GL_ARB_buffer_storage");
	have_barrier = piglit_get_gl_version() >= 42 ||
		piglit_is_extension_supported("GL_ARB_shader_image_load_store");
	prog = piglit_build_simple_program(vs_check, fs_check);
	if (!prog)
		piglit_report_result(PIGLIT_FAIL);
	tag_loc = glGetUniformLocation(prog, "tag");
	for (unsigned i = 0; i < nsizes; i++)
		largest = MAX2(largest, sizes[i]);
	staging = malloc(largest);
	if (!staging)
		piglit_report_result(PIGLIT_FAIL);
	have_counters = svga_counters_open(&counters) == 0;
	have_kstats = coh_kstats_read(k) > 0;
}
