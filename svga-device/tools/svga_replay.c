// SPDX-License-Identifier: MIT
/*
 * coherent-svga tools: svga-replay, replays a capture (capture/, format in
 * README.md) on the device core without a VM.
 *
 *   svga-replay FILE [--renderer on|off] [--repeat N] [--same-device]
 *               [--frames] [--frame-lines] [--frame-cmdbufs N]
 *               [--warmup PCT] [--no-display] [--cmdbufs DIR] [--verbose]
 *
 * The core is created with the recorded config (and the Vulkan renderer
 * when built with it); register writes and reads, process calls and
 * resets are fed in order; each guest-memory read the core makes is
 * served from the recording and must be the recorded access (same gpa
 * and length), else the replay stops: "recording diverges at record N".
 * Each guest-memory write the core makes is compared with the recorded
 * bytes: the determinism check.  Exit 0: every write and register read
 * matched; 1: a divergence or a mismatch; 2: the file is unreadable,
 * truncated or corrupt, or the tool cannot start.
 *
 * Testing the tool itself: --drop-reg-write K skips the K-th register
 * write record (1-based), which must make a replay fail.
 *
 * --same-device: the repeats run on the first run's device (reset
 * before each, as a guest reboot resets it) and renderer, so that its
 * caches are warm: a run after the first translates no shader and
 * creates no pipeline the first one did.
 *
 * --frames: times each phase of the device (svga_phase.h) per frame and
 * prints a summary after warm-up (replay_frames.c): a frame ends at each
 * screen-target update, or every --frame-cmdbufs N command buffers (1)
 * when the recording has none; --frame-lines prints every frame.  At
 * each screen update the replay reads the screen target's image as a
 * display showing every frame would (svga_dev_get_scanout: the GPU's
 * copy is read back), unless --no-display.
 *
 * --cmdbufs DIR: writes each command buffer the core runs (read from
 * guest memory by address) to DIR as a seed for fuzz_cmdbuf
 * (replay_seeds.h), so that what a real guest sends seeds the fuzzer.
 */
#include "capture_reader.h"
#include "replay_frames.h"
#include "replay_seeds.h"
#include "svga_capture_format.h"
#include "svga_dev.h"
#ifdef SVGA_REPLAY_RENDERER
#include "svga_backend.h"

#include <dlfcn.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED_MISMATCHES 5

struct replay_opts {
	int renderer;                /* -1 default (on when possible), 0
				      * off, 1 on; set by the first run  */
	bool verbose, same_device, frames, frame_lines;
	bool display;                /* --frames: read each screen update */
	const char *cmdbufs_dir;     /* --cmdbufs: fuzz seeds, else NULL  */
	uint64_t drop_reg_write;     /* 0: none                           */
	unsigned frame_cmdbufs, warmup_pct;
};

/* What lives across runs: the device and its renderer, and the run now
 * going on (the device's callbacks get the session). */
struct replay_session {
	struct svga_dev *dev;
#ifdef SVGA_REPLAY_RENDERER
	struct svga_backend *be;
#endif
	struct replay *rp;
};

struct replay {
	struct cap_reader r;
	struct svga_dev *dev;
	const struct replay_opts *o;
	unsigned run;
	bool verbose;
	uint64_t drop_reg_write;     /* 0: none                           */
	/* --frames */
	struct frame_log fl;
	uint64_t cmdbufs_last, cmdbufs_seen;
	/* --cmdbufs */
	struct seed_writer seeds;
	/* state of the run */
	bool failed;                 /* divergence: stop after this call  */
	bool corrupt;                /* the file: exit 2                  */
	bool cut;                    /* END(limit) inside a call          */
	bool ended;                  /* END seen                          */
	char why[512];
	/* counts */
	uint64_t records, reg_writes, reg_reads, read_mismatches;
	uint64_t processes, process_mismatches, resets;
	uint64_t mem_reads, mem_read_bytes, mem_writes, mem_write_bytes;
	uint64_t write_mismatches, first_mismatch;
	uint64_t guest_errors, irqs, screen_updates, scanouts;
};

static void stop(struct replay *rp, bool corrupt, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void stop(struct replay *rp, bool corrupt, const char *fmt, ...)
{
	va_list ap;

	if (rp->failed || rp->corrupt)
		return;
	va_start(ap, fmt);
	vsnprintf(rp->why, sizeof(rp->why), fmt, ap);
	va_end(ap);
	if (corrupt)
		rp->corrupt = true;
	else
		rp->failed = true;
}

static bool stopped(const struct replay *rp)
{
	return rp->failed || rp->corrupt || rp->cut;
}

/* The next record for an access the core makes inside a call. */
static bool next_inner(struct replay *rp, struct cap_rec *rec,
		       const char *what, uint64_t gpa, size_t len)
{
	int n = cap_next(&rp->r, rec);

	if (n < 0) {
		stop(rp, true, "%s", rp->r.err);
		return false;
	}
	if (n == 0) {
		stop(rp, true, "recording ends (no END record) while the "
		     "device %s %zu bytes at 0x%llx: file truncated",
		     what, len, (unsigned long long)gpa);
		return false;
	}
	rp->records++;
	if (rec->type == SVGA_CAP_END) {
		rp->ended = true;
		if (rec->a == SVGA_CAP_END_LIMIT) {
			rp->cut = true;
			return false;
		}
		stop(rp, false, "recording diverges at record %llu: the "
		     "device %s %zu bytes at 0x%llx, the recording ends",
		     (unsigned long long)rp->r.recno, what, len,
		     (unsigned long long)gpa);
		return false;
	}
	return true;
}

/*
 * The next record, which must be the guest-memory access the device makes
 * now (type, gpa and length); otherwise the replay stops as diverged.
 */
static bool next_mem_record(struct replay *rp, struct cap_rec *rec,
			    uint32_t type, const char *verb, uint64_t gpa,
			    size_t len)
{
	if (stopped(rp) || !next_inner(rp, rec, verb, gpa, len))
		return false;
	if (rec->type != type || rec->gpa != gpa || rec->data_len != len) {
		stop(rp, false, "recording diverges at record %llu: the "
		     "device %s %zu bytes at 0x%llx, the record is %s "
		     "(%u bytes at 0x%llx)", (unsigned long long)rp->r.recno,
		     verb, len, (unsigned long long)gpa,
		     cap_type_name(rec->type), rec->data_len,
		     (unsigned long long)rec->gpa);
		return false;
	}
	return true;
}

static struct replay *current(void *opaque)
{
	return ((struct replay_session *)opaque)->rp;
}

/* The recording stands for guest memory: its time is the guest-memory
 * phase's, not the core's. */
static int replay_mem_read_rec(struct replay *rp, uint64_t gpa, void *buf,
			       size_t len);
static int replay_mem_write_rec(struct replay *rp, uint64_t gpa,
				const void *buf, size_t len);

static int replay_mem_read(void *opaque, uint64_t gpa, void *buf,
			   size_t len)
{
	struct replay *rp = current(opaque);
	struct svga_phase_clock *pc = svga_dev_phase_clock(rp->dev);
	int rc;

	svga_phase_push(pc, SVGA_PHASE_GUEST_MEM);
	rc = replay_mem_read_rec(rp, gpa, buf, len);
	svga_phase_pop(pc);
	if (!rc)
		seed_writer_read(&rp->seeds, gpa, buf, len);
	return rc;
}

static int replay_mem_write(void *opaque, uint64_t gpa, const void *buf,
			    size_t len)
{
	struct replay *rp = current(opaque);
	struct svga_phase_clock *pc = svga_dev_phase_clock(rp->dev);
	int rc;

	svga_phase_push(pc, SVGA_PHASE_GUEST_MEM);
	rc = replay_mem_write_rec(rp, gpa, buf, len);
	svga_phase_pop(pc);
	return rc;
}

static int replay_mem_read_rec(struct replay *rp, uint64_t gpa, void *buf,
			       size_t len)
{
	struct cap_rec rec;

	if (!next_mem_record(rp, &rec, SVGA_CAP_MEM_READ, "reads", gpa, len))
		return -1;
	rp->mem_reads++;
	if (rec.rc)
		return rec.rc;
	rp->mem_read_bytes += len;
	memcpy(buf, rec.data, len);
	return 0;
}

static int replay_mem_write_rec(struct replay *rp, uint64_t gpa,
				const void *buf, size_t len)
{
	struct cap_rec rec;
	const uint8_t *b = buf;

	if (!next_mem_record(rp, &rec, SVGA_CAP_MEM_WRITE, "writes", gpa,
			     len))
		return -1;
	rp->mem_writes++;
	rp->mem_write_bytes += len;
	if (memcmp(b, rec.data, len)) {
		size_t i = 0, diff = 0;

		while (i < len && b[i] == rec.data[i])
			i++;
		for (size_t j = i; j < len; j++)
			diff += b[j] != rec.data[j];
		if (!rp->write_mismatches)
			rp->first_mismatch = rp->r.recno;
		if (rp->write_mismatches < MAX_REPORTED_MISMATCHES)
			fprintf(stderr, "write mismatch at record %llu: %zu "
				"bytes at 0x%llx, %zu bytes differ, the first "
				"at +%zu (0x%02x, recorded 0x%02x)\n",
				(unsigned long long)rp->r.recno, len,
				(unsigned long long)gpa, diff, i, b[i],
				rec.data[i]);
		rp->write_mismatches++;
	}
	return rec.rc;
}

static void on_guest_error(void *opaque, const char *msg)
{
	struct replay *rp = current(opaque);

	if (!rp) {      /* while the session ends */
		fprintf(stderr, "guest error: %s\n", msg);
		return;
	}
	rp->guest_errors++;
	if (rp->verbose)
		fprintf(stderr, "guest error: %s\n", msg);
}

static void on_irq(void *opaque, bool level)
{
	struct replay *rp = current(opaque);

	if (rp)
		rp->irqs += level;
}

static void on_kick(void *opaque)
{
	/* the recording's PROCESS records say when the embedder ran the
	 * queue */
	(void)opaque;
}

/* --frames: a sample of the clock and the counters (replay_frames.h) */
static void take_sample(struct replay_session *ss, bool screen)
{
	struct replay *rp = ss->rp;
	struct frame_sample fs = { .screen = screen };
	struct svga_totals t;

	svga_phase_read(svga_dev_phase_clock(rp->dev), fs.ph);
	fs.t_ns = svga_phase_now();
	frame_sample_cpu(&fs);
	svga_dev_get_totals(rp->dev, &t);
	/* RESET_COUNTERS records zero the core's count */
	rp->cmdbufs_seen += t.cmdbufs >= rp->cmdbufs_last ?
			    t.cmdbufs - rp->cmdbufs_last : t.cmdbufs;
	rp->cmdbufs_last = t.cmdbufs;
	fs.cmdbufs = rp->cmdbufs_seen;
#ifdef SVGA_REPLAY_RENDERER
	if (ss->be) {
		struct svga_backend_stats st;

		svga_backend_get_stats(ss->be, &st);
		fs.translations = st.translations;
		fs.pipelines = st.pipeline_creations;
		fs.draws = st.draws;
		fs.submits = st.submits;
		fs.upload_bytes = st.upload_bytes;
		fs.readback_bytes = st.readback_bytes;
	}
#endif
	frame_log_add(&rp->fl, &fs);
}

/* After a top-level record: a sample when a command buffer completed. */
static void sample_if_cmdbufs(struct replay_session *ss)
{
	struct replay *rp = ss->rp;
	struct svga_totals t;

	svga_dev_get_totals(rp->dev, &t);
	if (t.cmdbufs != rp->cmdbufs_last)
		take_sample(ss, false);
}

static void on_screen(void *opaque, uint32_t stid, uint32_t x, uint32_t y,
		      uint32_t w, uint32_t h)
{
	struct replay *rp = current(opaque);

	struct svga_scanout so;

	(void)x, (void)y, (void)w, (void)h;
	if (!rp)
		return;
	rp->screen_updates++;
	/* --frames: a display that shows every frame reads the screen
	 * target's image now, which brings the GPU's copy back to host
	 * storage (QEMU's console does the same at its refresh) */
	if (rp->o->frames && rp->o->display &&
	    svga_dev_get_scanout(rp->dev, stid, &so) && so.data)
		rp->scanouts++;
	if (rp->o->frames)
		take_sample(opaque, true);
}

/* One top-level record. */
static void replay_record(struct replay *rp, const struct cap_rec *rec)
{
	struct cap_rec done;
	uint32_t v, caps[SVGA_NUM_DEVCAPS];
	unsigned n;
	int got;

	switch (rec->type) {
	case SVGA_CAP_REG_WRITE:
		rp->reg_writes++;
		if (rp->reg_writes == rp->drop_reg_write) {
			fprintf(stderr, "dropping register write %llu (record "
				"%llu: register %u = 0x%x)\n",
				(unsigned long long)rp->reg_writes,
				(unsigned long long)rp->r.recno, rec->a,
				rec->b);
			return;
		}
		svga_dev_reg_write(rp->dev, rec->a, rec->b);
		return;
	case SVGA_CAP_REG_READ:
		rp->reg_reads++;
		v = svga_dev_reg_read(rp->dev, rec->a);
		if (v != rec->b) {
			if (rp->read_mismatches < MAX_REPORTED_MISMATCHES)
				fprintf(stderr, "register read mismatch at "
					"record %llu: register %u reads 0x%x, "
					"recorded 0x%x\n",
					(unsigned long long)rp->r.recno,
					rec->a, v, rec->b);
			rp->read_mismatches++;
		}
		return;
	case SVGA_CAP_PROCESS:
		rp->processes++;
		n = svga_dev_process(rp->dev);
		if (stopped(rp))
			return;
		got = cap_next(&rp->r, &done);
		if (got < 0) {
			stop(rp, true, "%s", rp->r.err);
			return;
		}
		if (got == 0) {
			stop(rp, true, "record %llu at offset %llu: the file "
			     "ends inside a process call: truncated",
			     (unsigned long long)rp->r.recno + 1,
			     (unsigned long long)rp->r.off);
			return;
		}
		if (done.type != SVGA_CAP_PROCESS_DONE) {
			stop(rp, false, "recording diverges at record %llu: "
			     "the device finished a process call, the record "
			     "is %s", (unsigned long long)rp->r.recno,
			     cap_type_name(done.type));
			return;
		}
		rp->records++;
		if (done.a != n) {
			fprintf(stderr, "process mismatch at record %llu: %u "
				"buffers completed, recorded %u\n",
				(unsigned long long)rp->r.recno, n, done.a);
			rp->process_mismatches++;
		}
		return;
	case SVGA_CAP_RESET:
		rp->resets++;
		svga_dev_reset(rp->dev);
		return;
	case SVGA_CAP_RESET_COUNTERS:
		svga_dev_reset_counters(rp->dev);
		return;
	case SVGA_CAP_DEVCAPS:
		for (unsigned i = 0; i < SVGA_NUM_DEVCAPS; i++)
			caps[i] = svga_cap_get32(rec->data + 4 * i);
		/* a reused device has the devcaps the first run left, which
		 * this same recording installed (fixed once the guest has
		 * looked, as on real hardware) */
		if (rp->run > 1 && rp->o->same_device)
			return;
		if (svga_dev_set_devcaps(rp->dev, caps, rec->a))
			stop(rp, true, "record %llu: DEVCAPS after the first "
			     "register access", (unsigned long long)rp->r.recno);
		return;
	case SVGA_CAP_END:
		rp->ended = true;
		return;
	default:
		stop(rp, false, "recording diverges at record %llu: %s "
		     "(%u bytes at 0x%llx) that the device did not make",
		     (unsigned long long)rp->r.recno, cap_type_name(rec->type),
		     rec->data_len, (unsigned long long)rec->gpa);
		return;
	}
}

static void print_counters(const struct replay *rp)
{
	struct svga_totals t;
	struct svga_counter c;

	svga_dev_get_totals(rp->dev, &t);
	printf("  command buffers %llu (%llu with errors), commands %llu, "
	       "command errors %llu, guest errors %llu\n",
	       (unsigned long long)t.cmdbufs,
	       (unsigned long long)t.cmdbuf_errors,
	       (unsigned long long)t.all.count,
	       (unsigned long long)t.cmd_errors,
	       (unsigned long long)rp->guest_errors);
	printf("  bytes to host %llu, to guest %llu; surfaces %llu, MOBs "
	       "%llu, host storage %llu bytes\n",
	       (unsigned long long)t.all.bytes_to_host,
	       (unsigned long long)t.all.bytes_to_guest,
	       (unsigned long long)t.surfaces, (unsigned long long)t.mobs,
	       (unsigned long long)t.host_storage);
	for (uint32_t id = 0; id < SVGA_COUNTER_SLOTS; id++) {
		const char *name = svga_cmd_name(id);

		if (svga_dev_get_counter(rp->dev, id, &c) && c.count)
			printf("    %-40s %llu\n", name ? name : "?",
			       (unsigned long long)c.count);
	}
}

#ifdef SVGA_REPLAY_RENDERER
static void print_renderer(const struct svga_backend *be)
{
	struct svga_backend_stats st;

	svga_backend_get_stats(be, &st);
	printf("  renderer %s: draws %llu, translations %llu (%llu failed, "
	       "%llu cache hits), pipelines created %llu (%llu cache hits), "
	       "upload %llu bytes, readback %llu bytes, submits %llu\n",
	       svga_backend_device_name(be), (unsigned long long)st.draws,
	       (unsigned long long)st.translations,
	       (unsigned long long)st.translation_failures,
	       (unsigned long long)st.shader_cache_hits,
	       (unsigned long long)st.pipeline_creations,
	       (unsigned long long)st.pipeline_cache_hits,
	       (unsigned long long)st.upload_bytes,
	       (unsigned long long)st.readback_bytes,
	       (unsigned long long)st.submits);
}
#endif

/* The device (and renderer) of a session, made by its first run. */
static int session_start(struct replay_session *ss, struct replay *rp,
			 struct replay_opts *o, const char *path)
{
	static const struct svga_guest_mem_ops ops = {
		replay_mem_read, replay_mem_write
	};
	struct svga_callbacks cb = {
		.irq_changed = on_irq, .guest_error = on_guest_error,
		.kick = on_kick, .screen_update = on_screen,
	};
#ifdef SVGA_REPLAY_RENDERER
	char err[256];
	int n;
#endif

	if (rp->r.flags & SVGA_CAP_HDR_SYNC)
		cb.kick = NULL;
	ss->dev = svga_dev_new(&rp->r.cfg, &ops, &cb, ss);
	if (!ss->dev) {
		fprintf(stderr, "svga-replay: %s: the recorded config is "
			"rejected by the device core\n", path);
		return 2;
	}
#ifdef SVGA_REPLAY_RENDERER
	if (o->renderer != 0) {
		n = svga_backend_attach(ss->dev, NULL, &ss->be, err,
					sizeof(err));
		if (n && o->renderer == 1) {
			fprintf(stderr, "svga-replay: renderer: %s\n", err);
			return 2;
		}
		if (n)
			fprintf(stderr, "svga-replay: no renderer (%s), "
				"replaying without\n", err);
#if defined(__SANITIZE_ADDRESS__)
		/* as the renderer's tests do (backend_harness.h): keep
		 * lavapipe mapped after vkDestroyInstance, so that its global
		 * allocations stay reachable for LeakSanitizer instead of
		 * being reported as leaks of an unknown module */
		if (!n)
			dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NOLOAD |
			       RTLD_NODELETE);
#endif
		o->renderer = n == 0;
	}
#else
	if (o->renderer == 1) {
		fprintf(stderr, "svga-replay: built without the renderer\n");
		return 2;
	}
	o->renderer = 0;
#endif
	return 0;
}

static void session_end(struct replay_session *ss)
{
#ifdef SVGA_REPLAY_RENDERER
	if (ss->be)
		svga_backend_detach(ss->be);
	ss->be = NULL;
#endif
	svga_dev_free(ss->dev);
	ss->dev = NULL;
}

/* One replay of path; returns the exit code (0, 1, 2).  A session
 * without a device gets a new one, which is ended after the run unless
 * o->same_device. */
static int replay_once(struct replay_session *ss, const char *path,
		       struct replay_opts *o, unsigned run, unsigned runs)
{
	struct replay *rp = calloc(1, sizeof(*rp));
	struct cap_rec rec;
	int rc = 0, n;

	if (!rp || cap_open(&rp->r, path)) {
		fprintf(stderr, "svga-replay: %s\n",
			rp ? rp->r.err : "no memory");
		if (rp)
			cap_close_reader(&rp->r);
		free(rp);
		return 2;
	}
	rp->o = o;
	rp->run = run;
	/* seeds from the first run only: the repeats read the same */
	rp->seeds.dir = run == 1 ? o->cmdbufs_dir : NULL;
	rp->verbose = o->verbose;
	rp->drop_reg_write = o->drop_reg_write;
	ss->rp = rp;
	if (ss->dev) {
		/* a reused device: from its reset state, as the recording
		 * began */
		rp->dev = ss->dev;
		svga_dev_reset(ss->dev);
	} else {
		rc = session_start(ss, rp, o, path);
		rp->dev = ss->dev;
		if (rc)
			goto out;
	}
	if (o->frames) {
		svga_phase_enable(svga_dev_phase_clock(rp->dev), true);
		take_sample(ss, false);
	}
	while (!stopped(rp) && !rp->ended) {
		n = cap_next(&rp->r, &rec);
		if (n < 0) {
			stop(rp, true, "%s", rp->r.err);
			break;
		}
		if (n == 0) {
			stop(rp, true, "record %llu at offset %llu: the file "
			     "ends without an END record: truncated",
			     (unsigned long long)rp->r.recno + 1,
			     (unsigned long long)rp->r.off);
			break;
		}
		rp->records++;
		replay_record(rp, &rec);
		if (o->frames)
			sample_if_cmdbufs(ss);
	}
	if (o->frames) {
		take_sample(ss, false);
		svga_phase_enable(svga_dev_phase_clock(rp->dev), false);
	}
	if (rp->ended && !stopped(rp) && rp->r.off != rp->r.size)
		stop(rp, true, "%llu bytes after the END record",
		     (unsigned long long)(rp->r.size - rp->r.off));

	printf("replay %u/%u of %s (renderer %s): %llu records\n", run, runs,
	       path, o->renderer ? "on" : "off",
	       (unsigned long long)rp->records);
	printf("  register writes %llu, register reads %llu (%llu "
	       "mismatched), process calls %llu (%llu mismatched), resets "
	       "%llu, interrupts %llu, screen updates %llu\n",
	       (unsigned long long)rp->reg_writes,
	       (unsigned long long)rp->reg_reads,
	       (unsigned long long)rp->read_mismatches,
	       (unsigned long long)rp->processes,
	       (unsigned long long)rp->process_mismatches,
	       (unsigned long long)rp->resets, (unsigned long long)rp->irqs,
	       (unsigned long long)rp->screen_updates);
	printf("  guest-memory reads %llu (%llu bytes), writes %llu (%llu "
	       "bytes)\n", (unsigned long long)rp->mem_reads,
	       (unsigned long long)rp->mem_read_bytes,
	       (unsigned long long)rp->mem_writes,
	       (unsigned long long)rp->mem_write_bytes);
	print_counters(rp);
#ifdef SVGA_REPLAY_RENDERER
	if (ss->be)
		print_renderer(ss->be);
#endif
	if (o->frames && o->display)
		printf("  screen images read as a display would: %llu\n",
		       (unsigned long long)rp->scanouts);
	if (o->frames)
		frame_log_report(&rp->fl, o->frame_cmdbufs, o->warmup_pct,
				 o->frame_lines);
	if (rp->cut)
		printf("  the recording was cut by its size limit inside its "
		       "last call\n");
	if (rp->seeds.dir)
		printf("  fuzz seeds: %llu command buffers written to %s\n",
		       (unsigned long long)rp->seeds.written, rp->seeds.dir);
	if (rp->seeds.failed)
		rc = 2;
	if (rp->corrupt) {
		fprintf(stderr, "svga-replay: %s\n", rp->why);
		rc = 2;
	} else if (rp->failed) {
		fprintf(stderr, "svga-replay: %s\n", rp->why);
		rc = 1;
	} else if (rp->write_mismatches || rp->read_mismatches ||
		   rp->process_mismatches) {
		printf("result: %llu of %llu guest-memory writes differ (the "
		       "first at record %llu), %llu register reads differ\n",
		       (unsigned long long)rp->write_mismatches,
		       (unsigned long long)rp->mem_writes,
		       (unsigned long long)rp->first_mismatch,
		       (unsigned long long)rp->read_mismatches);
		rc = 1;
	} else {
		printf("result: all %llu guest-memory writes and %llu register "
		       "reads matched\n", (unsigned long long)rp->mem_writes,
		       (unsigned long long)rp->reg_reads);
	}
	/* after the result line: capture_replay.sh compares the runs'
	 * reports up to it, and times differ between runs */
	if (o->frames)
		frame_log_totals(&rp->fl);
out:
	if (!o->same_device || rc)
		session_end(ss);
	ss->rp = NULL;
	frame_log_free(&rp->fl);
	cap_close_reader(&rp->r);
	free(rp);
	return rc;
}

static int usage(void)
{
	fprintf(stderr, "usage: svga-replay FILE [--renderer on|off] "
		"[--repeat N] [--same-device] [--frames] [--frame-lines] "
		"[--frame-cmdbufs N] [--warmup PCT] [--no-display] "
		"[--cmdbufs DIR] [--verbose] "
		"[--drop-reg-write K]\n");
	return 2;
}

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	*out = strtoull(s, &end, 10);
	return *end == 0;
}

int main(int argc, char **argv)
{
	struct replay_opts o = {
		.renderer = -1, .frame_cmdbufs = 1, .warmup_pct = 10,
		.display = true,
	};
	struct replay_session ss = { 0 };
	const char *path = NULL;
	uint64_t repeat = 1, v64;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--renderer") && v) {
			if (strcmp(v, "on") && strcmp(v, "off"))
				return usage();
			o.renderer = !strcmp(v, "on");
			i++;
		} else if (!strcmp(a, "--repeat")) {
			if (!parse_u64(v, &repeat) || !repeat ||
			    repeat > 1000000)
				return usage();
			i++;
		} else if (!strcmp(a, "--drop-reg-write")) {
			if (!parse_u64(v, &o.drop_reg_write) ||
			    !o.drop_reg_write)
				return usage();
			i++;
		} else if (!strcmp(a, "--frame-cmdbufs")) {
			if (!parse_u64(v, &v64) || !v64 || v64 > 1000000)
				return usage();
			o.frame_cmdbufs = (unsigned)v64;
			i++;
		} else if (!strcmp(a, "--warmup")) {
			if (!parse_u64(v, &v64) || v64 > 99)
				return usage();
			o.warmup_pct = (unsigned)v64;
			i++;
		} else if (!strcmp(a, "--cmdbufs") && v) {
			o.cmdbufs_dir = v;
			i++;
		} else if (!strcmp(a, "--same-device")) {
			o.same_device = true;
		} else if (!strcmp(a, "--frames")) {
			o.frames = true;
		} else if (!strcmp(a, "--no-display")) {
			o.display = false;
		} else if (!strcmp(a, "--frame-lines")) {
			o.frames = o.frame_lines = true;
		} else if (!strcmp(a, "--verbose")) {
			o.verbose = true;
		} else if (a[0] == '-' || path) {
			return usage();
		} else {
			path = a;
		}
	}
	if (!path)
		return usage();
	for (uint64_t run = 1; run <= repeat; run++) {
		int r = replay_once(&ss, path, &o, (unsigned)run,
				    (unsigned)repeat);

		if (r > rc)
			rc = r;
		if (r == 2)
			break;
	}
	if (ss.dev)
		session_end(&ss);
	return rc;
}
