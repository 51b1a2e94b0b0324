/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 coherent-svga developers
 *
 * Small accesses in a large persistent coherent buffer (240 MiB by
 * default), checked for data and for economy against the device's own
 * counters (issue 12).  The buffer is created with glBufferStorage
 * (GL_MAP_READ | WRITE | PERSISTENT | COHERENT), mapped once in
 * piglit_init and never flushed, unmapped or fenced with a barrier.
 *
 * Each subtest picks RANGES ranges spread over the whole buffer, one per
 * stretch of it (the last one near its end): one byte, 100 bytes inside
 * one page, or 64 bytes across a page boundary, each with GUARD bytes on
 * either side in the same page(s).
 *
 * cpu-write-*: the CPU writes the ranges through the pointer, then the
 * GPU copies each range with its guards (glCopyBufferSubData) into a
 * small destination buffer, which is read with glGetBufferSubData after
 * a fence.  The ranges must hold the CPU's new bytes, the guards the
 * background the CPU wrote before.  Economy: the bytes the device's
 * UPDATE commands moved to the host in the measured window, at most 1.25
 * times the dirtied bytes rounded out to whole pages.
 *
 * gpu-write-*: the GPU copies each range from a small source buffer into
 * the large one, a fence is waited for, and the CPU reads range and
 * guards through the persistent pointer.  Economy: the bytes the
 * device's READBACK commands moved to the guest, at most 1.25 times the
 * bytes read rounded out to whole pages.
 *
 * Why the bound needs no allowance for the small buffers: before the
 * measured window each subtest writes the guards' background, then runs
 * the window's copies once (the same buffers, the same ranges) and waits
 * for their fence.  That uploads the background and the small buffers'
 * contents, and creates the small buffers' host surfaces, outside the
 * window.  Inside it the small buffers are only written by the GPU
 * (cpu-write: the destination) or only read by it (gpu-write: the
 * source), and are read by the CPU (glGetBufferSubData) only after the
 * window closed.  So every to_host byte of a cpu-write window is an
 * upload of the large buffer, and every to_guest byte of a gpu-write
 * window a readback of it; the kernel's readahead window is itself
 * bounded by 1.25 times the pages touched (kernel patch 0031), so 1.25
 * is the design's own bound, not a margin.
 *
 * Options: -size MiB (default 240); -skip-write I leaves range I's write
 * (the CPU's or the GPU's) out, to see the data check fail; -define
 * adds a GPU write at creation, which stock Mesa needs before it copies
 * from the buffer at all (see create_large_buffer()).
 * The device counters need root (BAR0 through sysfs); without them the
 * economy check fails and says why.
 */
#include "coherent-common.h"
#include "coh_measure.h"
#include "svga_counters.h"

#include <errno.h>
#include <unistd.h>

enum direction { CPU_WRITE, GPU_WRITE };
enum access { ACCESS_BYTE, ACCESS_SUB_PAGE, ACCESS_STRADDLE };

struct large_case {
	enum direction dir;
	enum access access;
	unsigned seed;
};

static enum piglit_result run_large(void *data);

static const struct large_case cases[] = {
	{ CPU_WRITE, ACCESS_BYTE, 1 },
	{ CPU_WRITE, ACCESS_SUB_PAGE, 2 },
	{ CPU_WRITE, ACCESS_STRADDLE, 3 },
	{ GPU_WRITE, ACCESS_BYTE, 4 },
	{ GPU_WRITE, ACCESS_SUB_PAGE, 5 },
	{ GPU_WRITE, ACCESS_STRADDLE, 6 },
};

static const struct piglit_subtest subtests[] = {
	{ "cpu-write-byte", "cpu-write-byte", run_large, (void *)&cases[0] },
	{ "cpu-write-sub-page", "cpu-write-sub-page", run_large, (void *)&cases[1] },
	{ "cpu-write-straddle", "cpu-write-straddle", run_large, (void *)&cases[2] },
	{ "gpu-write-byte", "gpu-write-byte", run_large, (void *)&cases[3] },
	{ "gpu-write-sub-page", "gpu-write-sub-page", run_large, (void *)&cases[4] },
	{ "gpu-write-straddle", "gpu-write-straddle", run_large, (void *)&cases[5] },
	{ NULL },
};

CSVGA_SUBTEST_CONFIG(subtests)

#define RANGES 32
#define GUARD 64
#define MAX_LEN 100
/* A range with its guards, as copied to (or from) the small buffers. */
#define STRIDE (GUARD + MAX_LEN + GUARD)
/* Upload (or readback) at most 5/4 of the pages touched. */
#define BOUND_NUM 5
#define BOUND_DEN 4

static const char *const access_names[] = { "byte", "sub-page", "straddle" };
static const unsigned access_len[] = { 1, MAX_LEN, 64 };

static unsigned buffer_mib = 240;
/* -define: a GPU write at creation, without which stock Mesa never
 * copies from the buffer. */
static bool define_surface;
static GLsizeiptr buffer_size;
static long page_size;
static GLuint large_buf;
static uint8_t *large_map;

static struct svga_counters counters;
/* 0, or the negative errno of svga_counters_open. */
static int counters_error = -ENODEV;

struct range {
	GLintptr start;   /* first byte of the range in the large buffer */
	unsigned len;
};

/* A byte that depends on everything, so a stale byte cannot match. */
static uint8_t
mix(unsigned seed, unsigned range, unsigned k, unsigned salt)
{
	uint32_t h = seed * 0x9e3779b1u ^ range * 0x85ebca6bu ^ k * 0xc2b2ae35u ^ salt;

	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h & 0xff;
}

/* The guards' (and, before the window, the range's) background. */
static uint8_t
background(unsigned seed, unsigned range, unsigned k)
{
	return mix(seed, range, k, 0x5a5a5a5au);
}

/* The bytes written in the window: never equal to the background. */
static uint8_t
written(unsigned seed, unsigned range, unsigned k)
{
	uint8_t d = mix(seed, range, k, 0x0f0f0f0fu) | 1;

	return background(seed, range, k) ^ d;
}

/*
 * Range i: in page 1 + i * stride of the buffer, the last range near its
 * end; byte and sub-page ranges somewhere inside the page with their
 * guards, straddling ones across the end of the page.
 */
static void
place_ranges(enum access a, struct range *r)
{
	const GLsizeiptr pages = buffer_size / page_size;
	/* Page 0 is left to create_large_buffer()'s copy. */
	const GLsizeiptr stride = (pages - 3) / (RANGES - 1);
	const unsigned len = access_len[a];

	for (unsigned i = 0; i < RANGES; i++) {
		GLintptr page = (1 + (GLintptr)i * stride) * page_size;
		unsigned in_page;

		if (a == ACCESS_STRADDLE)
			in_page = page_size - 1 - (i * 7) % (len - 1);
		else
			in_page = GUARD + (i * 389) % (page_size - 2 * GUARD - len);
		r[i].start = page + in_page;
		r[i].len = len;
	}
}

/* Pages covered by [start, start + len) of each range (each may be
 * widened by `widen` bytes either side), counted once each. */
static uint64_t
pages_covered(const struct range *r, unsigned widen)
{
	GLintptr last = -1;
	uint64_t n = 0;

	/* The ranges are in increasing order and far apart. */
	for (unsigned i = 0; i < RANGES; i++) {
		GLintptr first = (r[i].start - widen) / page_size;
		GLintptr end = (r[i].start + r[i].len + widen - 1) / page_size;

		for (GLintptr p = first; p <= end; p++) {
			if (p > last) {
				n++;
				last = p;
			}
		}
	}
	return n;
}

static void
read_totals(struct svga_counter *out)
{
	svga_counters_read(&counters, SVGA_COUNTERS_TOTALS, out);
}

static bool
wait_fence(const char *what)
{
	GLsync fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
	GLenum status = glClientWaitSync(fence, GL_SYNC_FLUSH_COMMANDS_BIT,
					 CSVGA_FENCE_TIMEOUT_NS);

	glDeleteSync(fence);
	if (status != GL_ALREADY_SIGNALED && status != GL_CONDITION_SATISFIED) {
		printf("%s: glClientWaitSync returned 0x%x\n", what, status);
		return false;
	}
	return true;
}

/* Copy each range with its guards from the large buffer to slot i of
 * `small`. */
static void
copy_out(GLuint small, const struct range *r)
{
	glBindBuffer(GL_COPY_READ_BUFFER, large_buf);
	glBindBuffer(GL_COPY_WRITE_BUFFER, small);
	for (unsigned i = 0; i < RANGES; i++)
		glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
				    r[i].start - GUARD, (GLintptr)i * STRIDE,
				    r[i].len + 2 * GUARD);
	glBindBuffer(GL_COPY_READ_BUFFER, 0);
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
}

/* Copy slot i of `small` into range i of the large buffer (range only);
 * -skip-write leaves one out. */
static void
copy_in(GLuint small, const struct range *r)
{
	glBindBuffer(GL_COPY_READ_BUFFER, small);
	glBindBuffer(GL_COPY_WRITE_BUFFER, large_buf);
	for (unsigned i = 0; i < RANGES; i++) {
		if ((int)i == csvga_skip_write)
			continue;
		glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
				    (GLintptr)i * STRIDE + GUARD, r[i].start, r[i].len);
	}
	glBindBuffer(GL_COPY_READ_BUFFER, 0);
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
}

/*
 * Check the RANGES neighbourhoods (guard, range, guard) in `got`, slot i
 * at i * STRIDE: the range must hold the written bytes, the guards the
 * background.  Prints the first wrong byte and the counts.
 */
static bool
check_neighbourhoods(const char *name, const struct large_case *c,
		     const struct range *r, const uint8_t *got)
{
	unsigned wrong_ranges = 0, wrong_bytes = 0, stale = 0, wrong_guards = 0;
	bool printed = false;

	for (unsigned i = 0; i < RANGES; i++) {
		const uint8_t *slot = got + (size_t)i * STRIDE;
		bool bad = false;

		for (unsigned k = 0; k < r[i].len + 2 * GUARD; k++) {
			bool in_range = k >= GUARD && k < GUARD + r[i].len;
			uint8_t want = in_range ? written(c->seed, i, k) :
						  background(c->seed, i, k);

			if (slot[k] == want)
				continue;
			bad = true;
			if (in_range) {
				wrong_bytes++;
				if (slot[k] == background(c->seed, i, k))
					stale++;
			} else {
				wrong_guards++;
			}
			if (!printed) {
				printf("%s: range %u (offset %lld, %u bytes): byte %d of the range: "
				       "expected 0x%02x, read 0x%02x\n",
				       name, i, (long long)r[i].start, r[i].len,
				       (int)k - GUARD, want, slot[k]);
				printed = true;
			}
		}
		wrong_ranges += bad;
	}
	if (wrong_ranges)
		printf("%s: %u of %u ranges wrong: %u range bytes wrong (%u still the "
		       "background, i.e. the write never arrived), %u guard bytes changed\n",
		       name, wrong_ranges, RANGES, wrong_bytes, stale, wrong_guards);
	return wrong_ranges == 0;
}

/* The economy check: `moved` bytes against 5/4 of `pages` pages. */
static bool
check_economy(const char *name, const char *verb, uint64_t moved,
	      uint64_t touched_bytes, const char *touched_what, uint64_t pages)
{
	uint64_t bound = pages * page_size * BOUND_NUM / BOUND_DEN;

	if (counters_error) {
		printf("%s: economy not measured: the device counters could not be "
		       "opened (%s; they need root and our device): fail\n",
		       name, strerror(-counters_error));
		return false;
	}
	printf("%s: %s %llu B for %llu B %s in %llu pages (bound %llu B)\n",
	       name, verb, (unsigned long long)moved, (unsigned long long)touched_bytes,
	       touched_what, (unsigned long long)pages, (unsigned long long)bound);
	if (moved > bound) {
		printf("%s: %s %.2f times the pages touched, more than %.2f\n", name, verb,
		       (double)moved / (pages * page_size), (double)BOUND_NUM / BOUND_DEN);
		return false;
	}
	return true;
}

static void
write_background(const struct large_case *c, const struct range *r)
{
	for (unsigned i = 0; i < RANGES; i++) {
		uint8_t *p = large_map + r[i].start - GUARD;

		for (unsigned k = 0; k < r[i].len + 2 * GUARD; k++)
			p[k] = background(c->seed, i, k);
	}
}

static bool
run_cpu_write(const char *name, const struct large_case *c, const struct range *r)
{
	static uint8_t got[RANGES * STRIDE];
	struct svga_counter before, after;
	uint64_t dirtied = 0;
	GLuint dst;
	bool ok;

	glGenBuffers(1, &dst);
	glBindBuffer(GL_COPY_WRITE_BUFFER, dst);
	glBufferData(GL_COPY_WRITE_BUFFER, sizeof(got), NULL, GL_STREAM_READ);
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);

	/* Outside the window: the background, uploaded by the same copies
	 * the window makes, which also give dst its host surface. */
	write_background(c, r);
	copy_out(dst, r);
	ok = wait_fence(name);

	read_totals(&before);
	for (unsigned i = 0; i < RANGES; i++) {
		uint8_t *p = large_map + r[i].start;

		dirtied += r[i].len;
		if ((int)i == csvga_skip_write)
			continue;
		for (unsigned k = 0; k < r[i].len; k++)
			p[k] = written(c->seed, i, k + GUARD);
	}
	copy_out(dst, r);
	ok = wait_fence(name) && ok;
	read_totals(&after);

	glBindBuffer(GL_COPY_READ_BUFFER, dst);
	glGetBufferSubData(GL_COPY_READ_BUFFER, 0, sizeof(got), got);
	glBindBuffer(GL_COPY_READ_BUFFER, 0);
	glDeleteBuffers(1, &dst);

	ok = check_neighbourhoods(name, c, r, got) && ok;
	if (!counters_error)
		printf("%s: (window also read back %llu B)\n", name,
		       (unsigned long long)(after.to_guest - before.to_guest));
	ok = check_economy(name, "uploaded", after.to_host - before.to_host,
			   dirtied, "dirtied", pages_covered(r, 0)) && ok;
	return ok;
}

static bool
run_gpu_write(const char *name, const struct large_case *c, const struct range *r)
{
	static uint8_t data[RANGES * STRIDE], got[RANGES * STRIDE];
	struct svga_counter before, after;
	uint64_t read_bytes = 0;
	GLuint src, scratch;
	bool ok;

	/* Slot i of src holds range i's new bytes at GUARD. */
	memset(data, 0, sizeof(data));
	for (unsigned i = 0; i < RANGES; i++)
		for (unsigned k = GUARD; k < GUARD + r[i].len; k++)
			data[(size_t)i * STRIDE + k] = written(c->seed, i, k);
	glGenBuffers(1, &src);
	glBindBuffer(GL_COPY_WRITE_BUFFER, src);
	glBufferData(GL_COPY_WRITE_BUFFER, sizeof(data), data, GL_STATIC_DRAW);
	glGenBuffers(1, &scratch);
	glBindBuffer(GL_COPY_WRITE_BUFFER, scratch);
	glBufferData(GL_COPY_WRITE_BUFFER, sizeof(data), NULL, GL_STREAM_READ);
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);

	/* Outside the window: the background, and the window's copies made
	 * once (uploading src and the background), then the background
	 * again over what they wrote, uploaded by copying it out. */
	write_background(c, r);
	copy_in(src, r);
	ok = wait_fence(name);
	write_background(c, r);
	copy_out(scratch, r);
	ok = wait_fence(name) && ok;

	read_totals(&before);
	copy_in(src, r);
	ok = wait_fence(name) && ok;
	for (unsigned i = 0; i < RANGES; i++) {
		memcpy(got + (size_t)i * STRIDE, large_map + r[i].start - GUARD,
		       r[i].len + 2 * GUARD);
		read_bytes += r[i].len + 2 * GUARD;
	}
	read_totals(&after);

	glDeleteBuffers(1, &src);
	glDeleteBuffers(1, &scratch);

	ok = check_neighbourhoods(name, c, r, got) && ok;
	if (!counters_error)
		printf("%s: (window also uploaded %llu B)\n", name,
		       (unsigned long long)(after.to_host - before.to_host));
	ok = check_economy(name, "read back", after.to_guest - before.to_guest,
			   read_bytes, "read", pages_covered(r, GUARD)) && ok;
	return ok;
}

static enum piglit_result
run_large(void *data)
{
	const struct large_case *c = data;
	struct range r[RANGES];
	char name[64];
	double t0 = coh_now_us() / 1e6;
	bool ok;

	snprintf(name, sizeof(name), "%s-%s", c->dir == CPU_WRITE ? "cpu-write" : "gpu-write",
		 access_names[c->access]);
	place_ranges(c->access, r);
	if (c->dir == CPU_WRITE)
		ok = run_cpu_write(name, c, r);
	else
		ok = run_gpu_write(name, c, r);
	ok = piglit_check_gl_error(GL_NO_ERROR) && ok;
	printf("%s: %.2f s\n", name, (coh_now_us() / 1e6) - t0);
	return ok ? PIGLIT_PASS : PIGLIT_FAIL;
}

enum piglit_result
piglit_display(void)
{
	return csvga_run_subtests(subtests);
}

/* Create and map the large buffer, and say what that moved. */
static void
create_large_buffer(void)
{
	struct svga_counter before, after;
	double t0 = coh_now_us() / 1e6;
	GLenum err;

	read_totals(&before);
	glGenBuffers(1, &large_buf);
	glBindBuffer(GL_COPY_WRITE_BUFFER, large_buf);
	glBufferStorage(GL_COPY_WRITE_BUFFER, buffer_size, NULL, CSVGA_PERSISTENT_FLAGS);
	err = glGetError();
	if (err != GL_NO_ERROR) {
		printf("glBufferStorage of %u MiB failed: %s\n", buffer_mib,
		       piglit_get_gl_error_name(err));
		piglit_report_result(PIGLIT_FAIL);
	}
	large_map = glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, buffer_size,
				     CSVGA_PERSISTENT_FLAGS);
	err = glGetError();
	if (!large_map || err != GL_NO_ERROR) {
		printf("mapping the %u MiB buffer failed: %s\n", buffer_mib,
		       piglit_get_gl_error_name(err));
		piglit_report_result(PIGLIT_FAIL);
	}
	/*
	 * Stock Mesa's svga driver (25.0.7) silently drops a
	 * glCopyBufferSubData whose source buffer's host surface it thinks
	 * undefined (svga_resource_copy_region, is_texture_valid_to_copy:
	 * surface_state below UPDATED), and writes through a persistent
	 * mapping never changed that state: a buffer only the CPU wrote
	 * through its pointer could not be copied from.  mesa-svga's patch
	 * "svga: copy from coherent buffers the CPU only wrote through the
	 * map" fixes it, and the cpu-write subtests exercise it (they fail
	 * without it).  -define adds one GPU write (16 bytes copied into
	 * offset 0, a page no range uses), which marks the surface rendered,
	 * to compare with stock Mesa.
	 */
	if (define_surface) {
		static const uint8_t zeros[16];
		GLuint init;

		glGenBuffers(1, &init);
		glBindBuffer(GL_COPY_READ_BUFFER, init);
		glBufferData(GL_COPY_READ_BUFFER, sizeof(zeros), zeros, GL_STATIC_DRAW);
		glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, 0,
				    sizeof(zeros));
		glBindBuffer(GL_COPY_READ_BUFFER, 0);
		glDeleteBuffers(1, &init);
	}
	glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
	/* Creation may be deferred to first use: a fence makes it happen. */
	if (!wait_fence("creating the buffer"))
		piglit_report_result(PIGLIT_FAIL);
	read_totals(&after);
	printf("created and mapped a %u MiB persistent coherent buffer%s in %.2f s: "
	       "%llu B uploaded, %llu B read back\n", buffer_mib,
	       define_surface ? " (and copied 16 B into it)" : "", (coh_now_us() / 1e6) - t0,
	       (unsigned long long)(after.to_host - before.to_host),
	       (unsigned long long)(after.to_guest - before.to_guest));
}

void
piglit_init(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-size") == 0 && i + 1 < argc)
			buffer_mib = atoi(argv[++i]);
		else if (strcmp(argv[i], "-define") == 0)
			define_surface = true;
	}
	if (buffer_mib < 1 || buffer_mib > 4096) {
		fprintf(stderr, "-size must be 1..4096 (MiB)\n");
		piglit_report_result(PIGLIT_FAIL);
	}
	csvga_parse_args(argc, argv);
	if (csvga_skip_write >= RANGES) {
		fprintf(stderr, "-skip-write must be below %d\n", RANGES);
		piglit_report_result(PIGLIT_FAIL);
	}
	piglit_require_extension("GL_ARB_buffer_storage");
	page_size = sysconf(_SC_PAGESIZE);
	buffer_size = (GLsizeiptr)buffer_mib << 20;
	counters_error = svga_counters_open(&counters);
	if (counters_error)
		printf("device counters: %s (the economy checks will fail)\n",
		       strerror(-counters_error));
	create_large_buffer();
}
