// SPDX-License-Identifier: MIT
/*
 * coherent-svga tools: svga-replay's per-frame accounting (see
 * replay_frames.h): frames from the samples, their phase times, and the
 * summary after warm-up that issue 13's targets are read from.
 */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime under -std=c11 */

#include "replay_frames.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t cpu_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void frame_sample_cpu(struct frame_sample *s)
{
	s->thread_cpu_ns = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	s->process_cpu_ns = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
}

bool frame_log_add(struct frame_log *fl, const struct frame_sample *s)
{
	if (fl->oom)
		return false;
	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? 2 * fl->cap : 1024;
		struct frame_sample *n = realloc(fl->s, cap * sizeof(*n));

		if (!n) {
			fl->oom = true;
			return false;
		}
		fl->s = n;
		fl->cap = cap;
	}
	fl->s[fl->n++] = *s;
	return true;
}

void frame_log_free(struct frame_log *fl)
{
	free(fl->s);
	memset(fl, 0, sizeof(*fl));
}

/* The device's own work: everything but the GPU waits (lavapipe
 * executing) and the embedder's guest-memory ops (here: reading the
 * recording). */
static bool phase_is_own(unsigned p)
{
	return p != SVGA_PHASE_GPU_WAIT && p != SVGA_PHASE_GUEST_MEM;
}

struct frame {
	double wall, ph[SVGA_PHASE_NUM], own, other;  /* ms */
	double thread_cpu, process_cpu;               /* ms */
	uint64_t translations, pipelines, draws, submits;
};

static void frame_between(const struct frame_sample *a,
			  const struct frame_sample *b, struct frame *f)
{
	double sum = 0;

	memset(f, 0, sizeof(*f));
	f->wall = (double)(b->t_ns - a->t_ns) / 1e6;
	for (unsigned p = 0; p < SVGA_PHASE_NUM; p++) {
		f->ph[p] = (double)(b->ph[p] - a->ph[p]) / 1e6;
		sum += f->ph[p];
		if (phase_is_own(p))
			f->own += f->ph[p];
	}
	f->other = f->wall - sum;
	f->thread_cpu = (double)(b->thread_cpu_ns - a->thread_cpu_ns) / 1e6;
	f->process_cpu = (double)(b->process_cpu_ns - a->process_cpu_ns) /
			 1e6;
	f->translations = b->translations - a->translations;
	f->pipelines = b->pipelines - a->pipelines;
	f->draws = b->draws - a->draws;
	f->submits = b->submits - a->submits;
}

/* Indices of the samples that end frames (the first entry: the start).
 * Returns how many; *screen says which rule was used. */
static size_t frame_bounds(const struct frame_log *fl, unsigned per,
			   size_t *out, bool *screen)
{
	size_t n = 0;

	*screen = false;
	for (size_t i = 0; i < fl->n; i++)
		*screen |= fl->s[i].screen;
	if (!fl->n)
		return 0;
	out[n++] = 0;
	for (size_t i = 1; i < fl->n; i++) {
		if (*screen ? fl->s[i].screen :
		    fl->s[i].cmdbufs >= fl->s[out[n - 1]].cmdbufs + per)
			out[n++] = i;
	}
	/* no boundary at all: the whole pass is one frame */
	if (n == 1 && fl->n > 1)
		out[n++] = fl->n - 1;
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_frame(size_t i, const struct frame *f)
{
	printf("  frame %zu: %.3f ms:", i, f->wall);
	for (unsigned p = 0; p < SVGA_PHASE_NUM; p++)
		printf(" %s %.3f", svga_phase_name(p), f->ph[p]);
	printf(" replay %.3f; own %.1f%%; translations %llu, pipelines "
	       "%llu, draws %llu, submits %llu\n", f->other,
	       f->own + f->ph[SVGA_PHASE_GPU_WAIT] > 0 ?
	       100 * f->own / (f->own + f->ph[SVGA_PHASE_GPU_WAIT]) : 0,
	       (unsigned long long)f->translations,
	       (unsigned long long)f->pipelines,
	       (unsigned long long)f->draws,
	       (unsigned long long)f->submits);
}

enum {
	METRIC_WALL, METRIC_OTHER, METRIC_OWN, METRIC_DRAWS, METRIC_SUBMITS,
	METRIC_PHASE    /* + phase */
};

static double metric(const struct frame *f, unsigned k)
{
	switch (k) {
	case METRIC_WALL: return f->wall;
	case METRIC_OTHER: return f->other;
	case METRIC_OWN: return f->own;
	case METRIC_DRAWS: return (double)f->draws;
	case METRIC_SUBMITS: return (double)f->submits;
	default: return f->ph[k - METRIC_PHASE];
	}
}

/* The median of metric k over the m frames from fr[first]; v: scratch */
static double median_of(const struct frame *fr, size_t first, size_t m,
			double *v, unsigned k)
{
	for (size_t i = 0; i < m; i++)
		v[i] = metric(&fr[first + i], k);
	return median(v, m);
}

/* The summary over frames [first, n) */
static void summary(const struct frame *fr, size_t first, size_t n)
{
	size_t m = n - first, with_tr = 0, with_pl = 0;
	double *v = malloc((m ? m : 1) * sizeof(*v));
	double own = 0, wait = 0, wall = 0, tcpu = 0, pcpu = 0;
	uint64_t tr = 0, pl = 0, max_tr = 0, max_pl = 0;

	if (!v) {
		printf("  (no memory for the summary)\n");
		return;
	}
	printf("  median per frame, ms: wall %.3f",
	       median_of(fr, first, m, v, METRIC_WALL));
	for (unsigned p = 0; p < SVGA_PHASE_NUM; p++)
		printf(", %s %.3f", svga_phase_name(p),
		       median_of(fr, first, m, v, METRIC_PHASE + p));
	printf(", replay %.3f\n", median_of(fr, first, m, v, METRIC_OTHER));
	printf("  median per frame: draws %.0f, submits %.0f; device's own "
	       "work %.3f ms\n", median_of(fr, first, m, v, METRIC_DRAWS),
	       median_of(fr, first, m, v, METRIC_SUBMITS),
	       median_of(fr, first, m, v, METRIC_OWN));
	for (size_t i = first; i < n; i++) {
		own += fr[i].own;
		wait += fr[i].ph[SVGA_PHASE_GPU_WAIT];
		wall += fr[i].wall;
		tcpu += fr[i].thread_cpu;
		pcpu += fr[i].process_cpu;
		tr += fr[i].translations;
		pl += fr[i].pipelines;
		with_tr += fr[i].translations > 0;
		with_pl += fr[i].pipelines > 0;
		max_tr = fr[i].translations > max_tr ? fr[i].translations :
						       max_tr;
		max_pl = fr[i].pipelines > max_pl ? fr[i].pipelines : max_pl;
	}
	printf("  device's own work (all phases but gpu-wait and "
	       "guest-mem): %.1f%% of device time (own + gpu-wait), %.1f%% "
	       "of wall time; target <= 10%%: %s\n",
	       own + wait > 0 ? 100 * own / (own + wait) : 0,
	       wall > 0 ? 100 * own / wall : 0,
	       own + wait > 0 && own <= 0.1 * (own + wait) ? "met" :
							     "not met");
	printf("  CPU time after warm-up: %.1f ms a frame, %.1f%% of it on "
	       "the replaying thread (the device's own work, guest-memory "
	       "reads included), the rest in lavapipe's threads; wall %.1f "
	       "ms a frame\n", m ? pcpu / (double)m : 0,
	       pcpu > 0 ? 100 * tcpu / pcpu : 0, m ? wall / (double)m : 0);
	printf("  translations after warm-up: %llu (%.2f a frame, at most "
	       "%llu, in %zu frames); pipeline creations: %llu (%.2f a "
	       "frame, at most %llu, in %zu frames); target 0: %s\n",
	       (unsigned long long)tr, m ? (double)tr / (double)m : 0,
	       (unsigned long long)max_tr, with_tr, (unsigned long long)pl,
	       m ? (double)pl / (double)m : 0, (unsigned long long)max_pl,
	       with_pl, tr == 0 && pl == 0 ? "met" : "not met");
	free(v);
}

void frame_log_report(const struct frame_log *fl, unsigned per,
		      unsigned warmup_pct, bool per_frame)
{
	size_t *b = malloc((fl->n ? fl->n : 1) * sizeof(*b));
	struct frame *fr = malloc((fl->n ? fl->n : 1) * sizeof(*fr));
	size_t nb, nf, first;
	bool screen;

	if (!b || !fr || fl->oom) {
		printf("  frames: no memory for the frame log\n");
		goto out;
	}
	nb = frame_bounds(fl, per, b, &screen);
	nf = nb ? nb - 1 : 0;
	for (size_t i = 0; i < nf; i++)
		frame_between(&fl->s[b[i]], &fl->s[b[i + 1]], &fr[i]);
	first = (nf * warmup_pct + 99) / 100;
	if (first >= nf && nf)
		first = nf - 1;
	if (screen)
		printf("  frames: %zu, each ending at a screen-target update "
		       "(the rest after the last one is left out)\n", nf);
	else
		printf("  frames: %zu, each %u command buffers (the recording "
		       "has no screen update)\n", nf, per);
	if (per_frame)
		for (size_t i = 0; i < nf; i++)
			print_frame(i + 1, &fr[i]);
	if (!nf)
		goto out;
	printf("  summary over frames %zu..%zu (the first %u%% are "
	       "warm-up):\n", first + 1, nf, warmup_pct);
	summary(fr, first, nf);
out:
	free(b);
	free(fr);
}

void frame_log_totals(const struct frame_log *fl)
{
	const struct frame_sample *a, *z;

	if (fl->n < 2)
		return;
	a = &fl->s[0];
	z = &fl->s[fl->n - 1];
	printf("totals: wall_ns=%llu", (unsigned long long)(z->t_ns - a->t_ns));
	for (unsigned p = 0; p < SVGA_PHASE_NUM; p++)
		printf(" %s_ns=%llu", svga_phase_name(p),
		       (unsigned long long)(z->ph[p] - a->ph[p]));
	printf(" thread_cpu_ns=%llu process_cpu_ns=%llu",
	       (unsigned long long)(z->thread_cpu_ns - a->thread_cpu_ns),
	       (unsigned long long)(z->process_cpu_ns - a->process_cpu_ns));
	printf(" translations=%llu pipelines=%llu draws=%llu submits=%llu "
	       "upload_bytes=%llu readback_bytes=%llu\n",
	       (unsigned long long)(z->translations - a->translations),
	       (unsigned long long)(z->pipelines - a->pipelines),
	       (unsigned long long)(z->draws - a->draws),
	       (unsigned long long)(z->submits - a->submits),
	       (unsigned long long)(z->upload_bytes - a->upload_bytes),
	       (unsigned long long)(z->readback_bytes - a->readback_bytes));
}
