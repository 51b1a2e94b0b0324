// SPDX-License-Identifier: MIT
/*
 * coh-stream-bench: what a coherent streaming buffer costs next to an
 * explicit one (issue 14).
 *
 * Per frame, the CPU writes W fresh bytes at a moving offset into a mapped
 * ring buffer surface of S bytes, one EXECBUF copies exactly that range
 * into a second, ordinary buffer (DX_BUFFER_COPY), and the program waits
 * for the fence.  Variant E: the ring is an ordinary surface and the same
 * command buffer carries an explicit UPDATE_GB_IMAGE of the written box.
 * Variant C: the ring is coherent (drm_vmw_surface_flag_coherent) and the
 * command buffer holds only the copy; the kernel finds and uploads the
 * written pages.  Both variants run for each S, W and dirty-tracking method
 * (forced through debugfs dri/N/vmwgfx_dirty_method, or auto), interleaved
 * in batches of F frames (E first in even repetitions, C first in odd
 * ones), R repetitions; the result is C/E of the mean frame time per
 * repetition pair, median [min..max].  Also per frame: EXECBUF and fence
 * wait times apart, the device's bytes moved (svga_counters), and the
 * kernel's coherency statistics (debugfs vmwgfx_coherency).
 *
 * Submissions: the device counts the command buffers it completes
 * (svga_counters window version 3).  E's frame is two (its own and the
 * kernel's fence); where the CPU writes, C's frame must be no more than
 * E's: the kernel's upload of the dirty pages travels inside the
 * submission that needs it, not in a command buffer of its own.  That
 * check is a TAP test of its own per CPU-writes point.
 *
 * Two more shapes: several rings (RINGS surfaces) written per frame and
 * copied in one submission; and the readback direction, where the GPU
 * copies W bytes from a device-side pool into the ring and the CPU reads
 * them through the mapping (C: the kernel reads back on the fault).  The
 * kernel refuses READBACK_GB_IMAGE_PARTIAL from user space, so E does what
 * an explicit client does: its "ring" is a staging buffer of W bytes that
 * the GPU copy fills and a READBACK_GB_IMAGE of it in the same command
 * buffer brings back, W bytes per frame as well.
 *
 * Data: after every batch the destination buffers are poisoned in guest
 * memory, read back with READBACK_GB_SURFACE and compared with what the
 * CPU wrote; in the readback direction every frame's bytes read by the
 * CPU are compared with the pool.  Each frame's bytes differ from what the
 * same place held before, so a variant that moves nothing fails (run with
 * the device's x-drop-updates / x-drop-readbacks to see it).  The data
 * checks are the TAP tests; timing is reported, never asserted.
 *
 * Usage: coh-stream-bench [-q] [-r repetitions] [-f frames per batch]
 *                         [-o TEXT]...
 *   -q: a quick set of a few points (scripts/run), default -r 3 -f 20
 *   full set: default -r 9 -f 100
 *   -o: only the points whose name (as the TAP lines print it, e.g.
 *       "1 ring, S 16 MiB, W 4 KiB, auto") contains TEXT; repeatable
 */
#define _GNU_SOURCE
#include "coh_bench.h"
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KIB 1024u
#define MIB (1024u * 1024u)
#define MAX_RINGS 4u
#define MAX_REPS 64
#define RING_MAX (16u * MIB)
/*
 * Frame f takes its fresh bytes from the host pool at a shift that moves
 * by a prime stride, so no two frames of a run write the same bytes to the
 * same place: a lost update always leaves a difference.
 */
#define SHIFT_MOD 1048573u
#define SHIFT_STRIDE 40961u
#define POOL_BYTES (RING_MAX + SHIFT_MOD + MIB)

enum direction { CPU_TO_GPU, GPU_TO_CPU };
enum variant { V_E, V_C, NVARIANTS };
static const char *const variant_names[NVARIANTS] = { "E", "C" };

struct point {
	enum direction dir;
	uint32_t rings;     /* ring surfaces written per frame */
	uint32_t ring;      /* S */
	uint32_t write;     /* W */
	int method;
};

/* What one variant of one point measured, summed over its batches. */
struct meas {
	double us[MAX_REPS];          /* mean frame time of each batch   */
	double exec_us, wait_us;      /* summed over all timed frames    */
	uint64_t frames;
	uint64_t to_host, to_guest;   /* device bytes over timed frames  */
	uint64_t cmdbufs;             /* device command buffers, same    */
	long long k[COH_K_NUM];       /* kernel statistics, same frames  */
	long long extra[COH_KSTAT_MAX_LINES]; /* counters of extra_names */
	size_t bad_bytes;
	int bad_batches, err;
};

/* One variant's surfaces and state. */
struct stream {
	enum variant v;
	const struct point *p;
	struct coh_surf ring[MAX_RINGS];
	struct coh_surf dst[MAX_RINGS];   /* CPU_TO_GPU: copy destinations */
	uint8_t *shadow[MAX_RINGS];       /* CPU_TO_GPU: what dst must hold */
	uint8_t *got;                     /* GPU_TO_CPU: what the CPU read  */
	uint64_t frame;
};

/*
 * Counters of vmwgfx_coherency that coh_lib does not know, such as a
 * profiling kernel's phase times (kernel/README, "Where the time of a
 * coherent submission goes"): reported per frame when present.
 */
static char extra_names[COH_KSTAT_MAX_LINES][48];
static int nextra;

static struct coh_env env;
static uint8_t *pool;           /* host copy of the fresh bytes        */
static struct coh_surf gpool;   /* GPU_TO_CPU: the pool on the device  */
static uint32_t gpool_bytes;

static uint32_t frame_shift(uint64_t idx)
{
	return (uint32_t)(((idx + 1) * SHIFT_STRIDE) % SHIFT_MOD);
}

static uint32_t frame_offset(const struct point *p, uint64_t frame)
{
	return (uint32_t)((frame * p->write) % p->ring);
}

static struct vmw_surface_desc buffer_desc(uint32_t bytes)
{
	return coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			bytes, 1, 1, 1, 0);
}

static void stream_destroy(struct stream *s)
{
	for (uint32_t i = 0; i < MAX_RINGS; i++) {
		if (s->ring[i].map)
			coh_surf_destroy(&env, &s->ring[i]);
		if (s->dst[i].map)
			coh_surf_destroy(&env, &s->dst[i]);
		free(s->shadow[i]);
		s->shadow[i] = NULL;
	}
	free(s->got);
	s->got = NULL;
}

/*
 * Surfaces of one variant, filled from the pool and made current on the
 * device (a whole-ring upload for E, the kernel's for C, copied into the
 * destinations).  0 or a negative errno.
 */
static int stream_create(struct stream *s, enum variant v,
			 const struct point *p)
{
	/* GPU_TO_CPU, E: a staging buffer of W bytes (see the top) */
	bool staging = p->dir == GPU_TO_CPU && v == V_E;
	struct vmw_surface_desc d = buffer_desc(staging ? p->write : p->ring);
	struct svga_cmd_stream cs;
	int ret = 0;

	memset(s, 0, sizeof(*s));
	s->v = v;
	s->p = p;
	svga_cmd_init(&cs);
	for (uint32_t i = 0; i < p->rings && !ret; i++) {
		ret = coh_surf_create(&env, &d, v == V_C, VMW_INVALID_ID,
				      &s->ring[i]);
		if (ret)
			break;
		if (p->dir == GPU_TO_CPU)
			continue;
		memcpy(s->ring[i].map, pool + i * KIB, p->ring);
		if (v == V_E)
			svga_cmd_update_gb_surface(&cs, s->ring[i].s.handle);
		ret = coh_surf_create(&env, &d, false, VMW_INVALID_ID,
				      &s->dst[i]);
		s->shadow[i] = malloc(p->ring);
		if (!ret && !s->shadow[i])
			tap_bail("out of memory");
		if (ret)
			break;
		memcpy(s->shadow[i], s->ring[i].map, p->ring);
		svga_cmd_dx_buffer_copy(&cs, s->ring[i].s.handle,
					s->dst[i].s.handle, 0, 0, p->ring);
	}
	if (!ret && p->dir == GPU_TO_CPU) {
		s->got = malloc(p->write);
		if (!s->got)
			tap_bail("out of memory");
	}
	if (!ret && cs.len)
		ret = coh_submit(&env, &cs);
	if (ret)
		stream_destroy(s);
	return ret;
}

/* Submit and wait, timing the two apart; 0 or a negative errno. */
static int submit_timed(const struct svga_cmd_stream *cs, double *exec_us,
			double *wait_us)
{
	uint32_t fence;
	double t0 = coh_now_us(), t1;
	int ret;

	if (svga_cmd_failed(cs))
		return -ENOSPC;
	ret = vmw_execbuf(env.fd, env.dx, cs->buf, cs->len, &fence);
	t1 = coh_now_us();
	*exec_us += t1 - t0;
	if (ret)
		return ret;
	ret = vmw_fence_wait(env.fd, fence, 10 * 1000 * 1000);
	*wait_us += coh_now_us() - t1;
	return ret;
}

/* One frame, CPU writes: returns its wall time (us) or a negative errno
 * in *err. */
static double frame_cpu_to_gpu(struct stream *s, double *exec_us,
			       double *wait_us, int *err)
{
	const struct point *p = s->p;
	uint32_t off = frame_offset(p, s->frame);
	struct svga_cmd_stream cs;
	double t0 = coh_now_us(), t;

	svga_cmd_init(&cs);
	for (uint32_t i = 0; i < p->rings; i++) {
		const uint8_t *src = pool + frame_shift(s->frame * p->rings + i) + off;

		memcpy(s->ring[i].map + off, src, p->write);
		if (s->v == V_E)
			svga_cmd_update_gb_image_range(&cs, s->ring[i].s.handle,
						       off, p->write);
		svga_cmd_dx_buffer_copy(&cs, s->ring[i].s.handle,
					s->dst[i].s.handle, off, off, p->write);
	}
	*err = submit_timed(&cs, exec_us, wait_us);
	t = coh_now_us() - t0;
	for (uint32_t i = 0; i < p->rings; i++)
		memcpy(s->shadow[i] + off,
		       pool + frame_shift(s->frame * p->rings + i) + off, p->write);
	s->frame++;
	return t;
}

/* One frame, GPU writes and the CPU reads; bytes read wrong go to *bad. */
static double frame_gpu_to_cpu(struct stream *s, double *exec_us,
			       double *wait_us, int *err, size_t *bad)
{
	const struct point *p = s->p;
	uint32_t off = s->v == V_E ? 0 : frame_offset(p, s->frame);
	uint32_t src = frame_shift(s->frame) % (gpool_bytes - p->write);
	struct svga_cmd_stream cs;
	double t0 = coh_now_us(), t;
	size_t first;

	svga_cmd_init(&cs);
	svga_cmd_dx_buffer_copy(&cs, gpool.s.handle, s->ring[0].s.handle, src,
				off, p->write);
	if (s->v == V_E)
		svga_cmd_readback_gb_image(&cs, s->ring[0].s.handle);
	*err = submit_timed(&cs, exec_us, wait_us);
	memcpy(s->got, s->ring[0].map + off, p->write);
	t = coh_now_us() - t0;
	*bad += coh_diff(s->got, pool + src, p->write, &first);
	s->frame++;
	return t;
}

/* Read the destinations back (poisoned first) and compare them with what
 * the CPU wrote; bytes that differ go to *bad.  0 or a negative errno. */
static int verify_destinations(struct stream *s, size_t *bad)
{
	const struct point *p = s->p;
	size_t first;

	for (uint32_t i = 0; i < p->rings; i++) {
		struct svga_cmd_stream cs;
		int ret;

		memset(s->dst[i].map, 0xee, p->ring);
		svga_cmd_init(&cs);
		svga_cmd_readback_gb_surface(&cs, s->dst[i].s.handle);
		ret = coh_submit(&env, &cs);
		if (ret)
			return ret;
		if (coh_diff(s->dst[i].map, s->shadow[i], p->ring, &first)) {
			char what[96];

			snprintf(what, sizeof(what), "%s, ring %u, destination",
				 variant_names[s->v], i);
			coh_diag_diff(what, s->dst[i].map, s->shadow[i], p->ring);
			*bad += coh_diff(s->dst[i].map, s->shadow[i], p->ring,
					 &first);
		}
	}
	return 0;
}

/*
 * The kernel's running estimates of what each tracking method costs
 * (cost_*_ns, which its auto policy compares) are gauges, not counters:
 * shown as they stand after each point, never per frame.
 */
static const char *point_name(const struct point *p);

static bool is_cost_gauge(const char *name)
{
	return !strncmp(name, "cost_", 5);
}

static void print_cost_gauges(const struct point *p)
{
	struct coh_kstat_line lines[COH_KSTAT_MAX_LINES];
	int n = coh_kstats_read_all(lines, COH_KSTAT_MAX_LINES);
	char text[512];
	size_t len = 0;

	for (int l = 0; l < n && len < sizeof(text); l++)
		if (is_cost_gauge(lines[l].name))
			len += snprintf(text + len, sizeof(text) - len, " %s %lld",
					lines[l].name + 5, lines[l].value);
	if (len)
		tap_diag("%s: the kernel's cost estimates after the point:%s",
			 point_name(p), text);
}

static int extra_index(const char *name)
{
	for (int i = 0; i < nextra; i++)
		if (!strcmp(extra_names[i], name))
			return i;
	if (nextra == COH_KSTAT_MAX_LINES)
		return -1;
	snprintf(extra_names[nextra], sizeof(extra_names[0]), "%.47s", name);
	return nextra++;
}

/* The unknown counters now, by index in extra_names. */
static void extra_read(long long v[COH_KSTAT_MAX_LINES])
{
	struct coh_kstat_line lines[COH_KSTAT_MAX_LINES];
	int n = coh_kstats_read_all(lines, COH_KSTAT_MAX_LINES);

	memset(v, 0, sizeof(long long) * COH_KSTAT_MAX_LINES);
	for (int l = 0; l < n; l++) {
		int i = coh_kstat_is_known(lines[l].name) ||
			is_cost_gauge(lines[l].name) ? -1 :
			extra_index(lines[l].name);

		if (i >= 0)
			v[i] = lines[l].value;
	}
}

/* frames untimed, then frames timed into m->us[rep]; data checked. */
static void run_batch(struct stream *s, int frames, int rep, bool timed,
		      struct meas *m)
{
	long long k0[COH_K_NUM], k1[COH_K_NUM];
	long long x0[COH_KSTAT_MAX_LINES], x1[COH_KSTAT_MAX_LINES];
	struct svga_counter c0, c1, b0, b1;
	double sum = 0, exec_us = 0, wait_us = 0;
	size_t bad = 0;
	int err = 0;

	coh_kstats_read_or_bail(k0);
	extra_read(x0);
	svga_counters_read(&env.ctr, SVGA_COUNTERS_CMDBUFS, &b0);
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &c0);
	for (int f = 0; f < frames && !err; f++) {
		if (s->p->dir == CPU_TO_GPU)
			sum += frame_cpu_to_gpu(s, &exec_us, &wait_us, &err);
		else
			sum += frame_gpu_to_cpu(s, &exec_us, &wait_us, &err,
						&bad);
	}
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &c1);
	svga_counters_read(&env.ctr, SVGA_COUNTERS_CMDBUFS, &b1);
	extra_read(x1);
	coh_kstats_read_or_bail(k1);
	if (!err && s->p->dir == CPU_TO_GPU)
		err = verify_destinations(s, &bad);
	if (err && !m->err)
		m->err = err;
	if (bad) {
		m->bad_bytes += bad;
		m->bad_batches++;
	}
	if (!timed)
		return;
	m->us[rep] = sum / frames;
	m->exec_us += exec_us;
	m->wait_us += wait_us;
	m->frames += (uint64_t)frames;
	m->to_host += c1.to_host - c0.to_host;
	m->to_guest += c1.to_guest - c0.to_guest;
	m->cmdbufs += b1.count - b0.count;
	for (int i = 0; i < COH_K_NUM; i++)
		m->k[i] += k1[i] - k0[i];
	for (int i = 0; i < nextra; i++)
		m->extra[i] += x1[i] - x0[i];
}

struct result {
	struct meas m[NVARIANTS];
	double us_med[NVARIANTS];       /* median of the batch means */
	double ratio_med, ratio_min, ratio_max;
	bool ran;
};

static const char *point_name(const struct point *p)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s, %u ring%s, S %s, W %s, %s",
		 p->dir == CPU_TO_GPU ? "CPU writes" : "GPU writes, CPU reads",
		 p->rings, p->rings > 1 ? "s" : "", coh_size_name(p->ring),
		 coh_size_name(p->write), coh_method_names[p->method]);
	return buf;
}

static int upload_gpool(uint32_t ring)
{
	struct vmw_surface_desc d;
	struct svga_cmd_stream cs;
	int ret;

	gpool_bytes = ring + MIB;
	d = buffer_desc(gpool_bytes);
	ret = coh_surf_create(&env, &d, false, VMW_INVALID_ID, &gpool);
	if (ret)
		return ret;
	memcpy(gpool.map, pool, gpool_bytes);
	svga_cmd_init(&cs);
	svga_cmd_update_gb_surface(&cs, gpool.s.handle);
	return coh_submit(&env, &cs);
}

static void run_point(const struct point *p, int reps, int frames,
		      struct result *r)
{
	struct stream s[NVARIANTS];
	double ratio[MAX_REPS];
	int ret;

	memset(r, 0, sizeof(*r));
	memset(s, 0, sizeof(s));
	coh_knob_set(coh_method_names[p->method]);
	ret = p->dir == GPU_TO_CPU ? upload_gpool(p->ring) : 0;
	for (int v = 0; v < NVARIANTS && !ret; v++)
		ret = stream_create(&s[v], v, p);
	if (ret) {
		r->m[V_E].err = ret;
		goto out;
	}
	/* warm-up: buffers in their MOBs, auto settled */
	for (int v = 0; v < NVARIANTS; v++)
		run_batch(&s[v], frames / 4 + 5, 0, false, &r->m[v]);
	for (int rep = 0; rep < reps; rep++) {
		for (int i = 0; i < NVARIANTS; i++) {
			int v = rep % 2 ? NVARIANTS - 1 - i : i;

			run_batch(&s[v], frames, rep, true, &r->m[v]);
		}
		ratio[rep] = r->m[V_C].us[rep] / r->m[V_E].us[rep];
	}
	for (int v = 0; v < NVARIANTS; v++) {
		double us[MAX_REPS];

		memcpy(us, r->m[v].us, sizeof(us));
		r->us_med[v] = coh_median(us, reps);
	}
	r->ratio_med = coh_median(ratio, reps);
	r->ratio_min = ratio[0];
	r->ratio_max = ratio[reps - 1];
	r->ran = true;
	print_cost_gauges(p);
out:
	for (int v = 0; v < NVARIANTS; v++)
		stream_destroy(&s[v]);
	if (gpool.map)
		coh_surf_destroy(&env, &gpool);
	coh_knob_set("auto");
}

static double per_frame(double v, const struct meas *m)
{
	return m->frames ? v / (double)m->frames : 0;
}

/*
 * Where the CPU writes, a coherent frame must cost no more command
 * buffers than an explicit one.  A buffer of its own for the kernel's
 * upload is one more per frame, every frame; half a buffer per frame
 * leaves room for the odd buffer of something else in the guest (a
 * console flush) during a batch.  E must have counted some: a window
 * without the counter reads 0 for both.
 */
static bool cmdbufs_checked(const struct point *p)
{
	return p->dir == CPU_TO_GPU;
}

static void check_cmdbufs(const struct point *p, const struct result *r)
{
	const struct meas *e = &r->m[V_E], *c = &r->m[V_C];
	double cb_e = per_frame((double)e->cmdbufs, e);
	double cb_c = per_frame((double)c->cmdbufs, c);

	if (env.ctr.version < 3)
		tap_diag("device statistics window version %u: no command-buffer counter (3 needed)",
			 env.ctr.version);
	tap_ok(r->ran && env.ctr.version >= 3 && cb_e >= 1 && cb_c < cb_e + 0.5,
	       "%s: a coherent frame submits no more command buffers than an explicit one (per frame: E %.2f, C %.2f)",
	       point_name(p), cb_e, cb_c);
}

static void check_point(const struct point *p, const struct result *r,
			int reps)
{
	const struct meas *e = &r->m[V_E], *c = &r->m[V_C];

	if (e->err || c->err)
		tap_diag("%s: error E %d (%s), C %d (%s)", point_name(p),
			 e->err, strerror(-e->err), c->err, strerror(-c->err));
	tap_ok(r->ran && !e->err && !c->err && !e->bad_bytes && !c->bad_bytes,
	       "%s: every byte arrived, %d batches per variant (wrong bytes: E %zu in %d batches, C %zu in %d)",
	       point_name(p), reps + 1, e->bad_bytes, e->bad_batches,
	       c->bad_bytes, c->bad_batches);
	if (cmdbufs_checked(p))
		check_cmdbufs(p, r);
}

static void print_table(const struct point *pts, const struct result *res,
			int npts)
{
	printf("#\n# C/E: coherent / explicit mean frame time, median [min..max] over the\n"
	       "# repetitions; us/f: median of the batch means; exec, wait: EXECBUF ioctl and\n"
	       "# fence wait per frame (means); dev B/f: device bytes per frame, guest->host\n"
	       "# (c2g: CPU writes) or host->guest (g2c: GPU writes, CPU reads); cb/f: device\n"
	       "# command buffers per frame (g2c C: with the fault-time readbacks); C per frame:\n"
	       "# the kernel's counted write faults, scans, pages found dirty by scans, upload\n"
	       "# commands and bytes, readback commands and bytes (vmwgfx_coherency)\n");
	printf("# %-3s %1s %6s %7s %-9s | %-18s | %6s %6s %6s %6s %6s %6s | %9s %9s | %4s %4s | %6s %5s %7s %5s %8s %5s %8s\n",
	       "dir", "n", "S", "W", "method", "C/E med [min..max]",
	       "E us/f", "C us/f", "E exec", "C exec", "E wait", "C wait",
	       "E dev B/f", "C dev B/f", "E cb", "C cb", "faults", "scans", "scanned",
	       "upl", "upl B", "rb", "rb B");
	for (int i = 0; i < npts; i++) {
		const struct point *p = &pts[i];
		const struct result *r = &res[i];
		const struct meas *e = &r->m[V_E], *c = &r->m[V_C];
		bool c2g = p->dir == CPU_TO_GPU;
		char ratio[32] = "not run (error)";

		if (r->ran)
			snprintf(ratio, sizeof(ratio), "%.2f [%.2f..%.2f]",
				 r->ratio_med, r->ratio_min, r->ratio_max);
		printf("# %-3s %1u %6s %7s %-9s | %-18s | %6.0f %6.0f %6.0f %6.0f %6.0f %6.0f | %9.0f %9.0f | %4.1f %4.1f | %6.1f %5.1f %7.1f %5.1f %8.0f %5.1f %8.0f\n",
		       c2g ? "c2g" : "g2c", p->rings, coh_size_name(p->ring),
		       coh_size_name(p->write), coh_method_names[p->method], ratio,
		       r->us_med[V_E], r->us_med[V_C],
		       per_frame(e->exec_us, e), per_frame(c->exec_us, c),
		       per_frame(e->wait_us, e), per_frame(c->wait_us, c),
		       per_frame((double)(c2g ? e->to_host : e->to_guest), e),
		       per_frame((double)(c2g ? c->to_host : c->to_guest), c),
		       per_frame((double)e->cmdbufs, e),
		       per_frame((double)c->cmdbufs, c),
		       per_frame((double)c->k[COH_K_MKWRITE], c),
		       per_frame((double)c->k[COH_K_SCANS], c),
		       per_frame((double)c->k[COH_K_SCANNED], c),
		       per_frame((double)c->k[COH_K_UPLOADS], c),
		       per_frame((double)c->k[COH_K_UPLOAD_BYTES], c),
		       per_frame((double)c->k[COH_K_READBACKS], c),
		       per_frame((double)c->k[COH_K_READBACK_BYTES], c));
	}
}

/* The kernel's counters that coh_lib does not know, per frame: E, C and
 * C - E (times in us for names ending in _ns). */
static void print_extra(const struct point *pts, const struct result *res,
			int npts)
{
	if (!nextra)
		return;
	printf("#\n# other counters of vmwgfx_coherency per frame (E, C, C-E; _ns in us)\n");
	for (int i = 0; i < npts; i++) {
		const struct meas *e = &res[i].m[V_E], *c = &res[i].m[V_C];

		if (!res[i].ran)
			continue;
		printf("# %s\n", point_name(&pts[i]));
		for (int x = 0; x < nextra; x++) {
			size_t len = strlen(extra_names[x]);
			double scale = len > 3 && !strcmp(extra_names[x] + len - 3, "_ns") ?
				1e-3 : 1;
			double ve = per_frame((double)e->extra[x], e) * scale;
			double vc = per_frame((double)c->extra[x], c) * scale;

			if (ve || vc)
				printf("#   %-28s %9.2f %9.2f %+9.2f\n",
				       extra_names[x], ve, vc, vc - ve);
		}
	}
}

static const uint32_t rings_full[] = { MIB, 16 * MIB };
static const uint32_t writes_full[] = { 256, 4 * KIB, 64 * KIB, MIB };
#define NRINGS_FULL (sizeof(rings_full) / sizeof(rings_full[0]))
#define NWRITES_FULL (sizeof(writes_full) / sizeof(writes_full[0]))
#define MAX_POINTS 64

/* The full set: every S, W and method, CPU writes; then auto only for the
 * several-ring and readback shapes. */
static int full_points(struct point *pts)
{
	int n = 0;

	for (size_t si = 0; si < NRINGS_FULL; si++)
		for (size_t wi = 0; wi < NWRITES_FULL; wi++)
			for (int m = 0; m < COH_NMETHODS; m++)
				pts[n++] = (struct point){ CPU_TO_GPU, 1,
					rings_full[si], writes_full[wi], m };
	for (size_t wi = 0; wi < NWRITES_FULL; wi++)
		pts[n++] = (struct point){ CPU_TO_GPU, MAX_RINGS, MIB,
					   writes_full[wi], COH_M_AUTO };
	for (size_t si = 0; si < NRINGS_FULL; si++)
		for (size_t wi = 0; wi < NWRITES_FULL; wi++)
			pts[n++] = (struct point){ GPU_TO_CPU, 1, rings_full[si],
						   writes_full[wi], COH_M_AUTO };
	return n;
}

static const struct point quick_points[] = {
	{ CPU_TO_GPU, 1, MIB, 256, COH_M_AUTO },
	{ CPU_TO_GPU, 1, MIB, 64 * KIB, COH_M_AUTO },
	{ CPU_TO_GPU, 1, 16 * MIB, 4 * KIB, COH_M_AUTO },
	{ CPU_TO_GPU, MAX_RINGS, MIB, 4 * KIB, COH_M_AUTO },
	{ GPU_TO_CPU, 1, MIB, 4 * KIB, COH_M_AUTO },
};
#define NQUICK ((int)(sizeof(quick_points) / sizeof(quick_points[0])))

int main(int argc, char **argv)
{
	static struct point pts[MAX_POINTS];
	static struct result res[MAX_POINTS];
	const char *only[8];
	int reps = -1, frames = -1, npts, opt, nonly = 0;
	bool quick = false;
	double t0;

	while ((opt = getopt(argc, argv, "qr:f:o:")) != -1) {
		if (opt == 'o' && nonly < 8)
			only[nonly++] = optarg;
		else if (opt == 'q')
			quick = true;
		else if (opt == 'r')
			reps = atoi(optarg);
		else if (opt == 'f')
			frames = atoi(optarg);
		else {
			fprintf(stderr, "usage: %s [-q] [-r repetitions] [-f frames per batch] [-o TEXT]...\n",
				argv[0]);
			return 2;
		}
	}
	if (reps < 0)
		reps = quick ? 3 : 9;
	if (frames < 0)
		frames = quick ? 20 : 100;
	reps = reps < 1 ? 1 : reps > MAX_REPS ? MAX_REPS : reps;
	frames = frames < 1 ? 1 : frames;
	if (quick) {
		memcpy(pts, quick_points, sizeof(quick_points));
		npts = NQUICK;
	} else {
		npts = full_points(pts);
	}
	if (nonly) {
		int kept = 0;

		for (int i = 0; i < npts; i++)
			for (int o = 0; o < nonly; o++)
				if (strstr(point_name(&pts[i]), only[o])) {
					pts[kept++] = pts[i];
					break;
				}
		npts = kept;
	}

	{
		int tests = npts;

		for (int i = 0; i < npts; i++)
			tests += cmdbufs_checked(&pts[i]);
		tap_plan(tests);
	}
	coh_env_init(&env);
	coh_knob_require();
	pool = malloc(POOL_BYTES);
	if (!pool)
		tap_bail("out of memory");
	coh_fill(pool, 0, POOL_BYTES, 0x57be);
	tap_diag("%d repetitions of one E and one C batch of %d frames (after %d warm-up frames) per point; under QEMU TCG compare ratios, not times",
		 reps, frames, frames / 4 + 5);
	if (!env.have_ctr)
		tap_diag("no device counters: device bytes show as 0");
	t0 = coh_now_us();
	for (int i = 0; i < npts; i++) {
		run_point(&pts[i], reps, frames, &res[i]);
		check_point(&pts[i], &res[i], reps);
	}
	print_table(pts, res, npts);
	print_extra(pts, res, npts);
	tap_diag("benchmark took %.1f s", (coh_now_us() - t0) / 1e6);
	free(pool);
	coh_env_fini(&env);
	return tap_finish();
}
