// SPDX-License-Identifier: MIT
/*
 * coherent-svga tools: svga-replay, replays a capture (capture/, format in
 * README.md) on the device core without a VM.
 *
 *   svga-replay FILE [--renderer on|off] [--repeat N] [--verbose]
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
 */
#include "capture_reader.h"
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

struct replay {
	struct cap_reader r;
	struct svga_dev *dev;
	bool verbose;
	uint64_t drop_reg_write;     /* 0: none                           */
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
	uint64_t guest_errors, irqs, screen_updates;
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

static int replay_mem_read(void *opaque, uint64_t gpa, void *buf,
			   size_t len)
{
	struct replay *rp = opaque;
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

static int replay_mem_write(void *opaque, uint64_t gpa, const void *buf,
			    size_t len)
{
	struct replay *rp = opaque;
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
	struct replay *rp = opaque;

	rp->guest_errors++;
	if (rp->verbose)
		fprintf(stderr, "guest error: %s\n", msg);
}

static void on_irq(void *opaque, bool level)
{
	struct replay *rp = opaque;

	rp->irqs += level;
}

static void on_kick(void *opaque)
{
	/* the recording's PROCESS records say when the embedder ran the
	 * queue */
	(void)opaque;
}

static void on_screen(void *opaque, uint32_t stid, uint32_t x, uint32_t y,
		      uint32_t w, uint32_t h)
{
	struct replay *rp = opaque;

	(void)stid, (void)x, (void)y, (void)w, (void)h;
	rp->screen_updates++;
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

/* One replay of path; returns the exit code (0, 1, 2).  *renderer: -1
 * default (on when possible), 0 off, 1 on; set to what was used. */
static int replay_once(const char *path, int *renderer, bool verbose,
		       uint64_t drop, unsigned run, unsigned runs)
{
	static const struct svga_guest_mem_ops ops = {
		replay_mem_read, replay_mem_write
	};
	struct replay *rp = calloc(1, sizeof(*rp));
	struct svga_callbacks cb = {
		.irq_changed = on_irq, .guest_error = on_guest_error,
		.kick = on_kick, .screen_update = on_screen,
	};
	struct cap_rec rec;
	int rc = 0, n;
#ifdef SVGA_REPLAY_RENDERER
	struct svga_backend *be = NULL;
	char err[256];
#endif

	if (!rp || cap_open(&rp->r, path)) {
		fprintf(stderr, "svga-replay: %s\n",
			rp ? rp->r.err : "no memory");
		if (rp)
			cap_close_reader(&rp->r);
		free(rp);
		return 2;
	}
	rp->verbose = verbose;
	rp->drop_reg_write = drop;
	if (rp->r.flags & SVGA_CAP_HDR_SYNC)
		cb.kick = NULL;
	rp->dev = svga_dev_new(&rp->r.cfg, &ops, &cb, rp);
	if (!rp->dev) {
		fprintf(stderr, "svga-replay: %s: the recorded config is "
			"rejected by the device core\n", path);
		rc = 2;
		goto out;
	}
#ifdef SVGA_REPLAY_RENDERER
	if (*renderer != 0) {
		n = svga_backend_attach(rp->dev, NULL, &be, err, sizeof(err));
		if (n && *renderer == 1) {
			fprintf(stderr, "svga-replay: renderer: %s\n", err);
			rc = 2;
			goto out;
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
		*renderer = n == 0;
	}
#else
	if (*renderer == 1) {
		fprintf(stderr, "svga-replay: built without the renderer\n");
		rc = 2;
		goto out;
	}
	*renderer = 0;
#endif
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
	}
	if (rp->ended && !stopped(rp) && rp->r.off != rp->r.size)
		stop(rp, true, "%llu bytes after the END record",
		     (unsigned long long)(rp->r.size - rp->r.off));

	printf("replay %u/%u of %s (renderer %s): %llu records\n", run, runs,
	       path, *renderer ? "on" : "off",
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
	if (be)
		print_renderer(be);
#endif
	if (rp->cut)
		printf("  the recording was cut by its size limit inside its "
		       "last call\n");
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
out:
#ifdef SVGA_REPLAY_RENDERER
	if (be)
		svga_backend_detach(be);
#endif
	svga_dev_free(rp->dev);
	cap_close_reader(&rp->r);
	free(rp);
	return rc;
}

static int usage(void)
{
	fprintf(stderr, "usage: svga-replay FILE [--renderer on|off] "
		"[--repeat N] [--verbose] [--drop-reg-write K]\n");
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
	const char *path = NULL;
	int renderer = -1, rc = 0;
	uint64_t repeat = 1, drop = 0;
	bool verbose = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--renderer") && v) {
			if (strcmp(v, "on") && strcmp(v, "off"))
				return usage();
			renderer = !strcmp(v, "on");
			i++;
		} else if (!strcmp(a, "--repeat")) {
			if (!parse_u64(v, &repeat) || !repeat ||
			    repeat > 1000000)
				return usage();
			i++;
		} else if (!strcmp(a, "--drop-reg-write")) {
			if (!parse_u64(v, &drop) || !drop)
				return usage();
			i++;
		} else if (!strcmp(a, "--verbose")) {
			verbose = true;
		} else if (a[0] == '-' || path) {
			return usage();
		} else {
			path = a;
		}
	}
	if (!path)
		return usage();
	for (uint64_t run = 1; run <= repeat; run++) {
		int r = replay_once(path, &renderer, verbose, drop,
				    (unsigned)run, (unsigned)repeat);

		if (r > rc)
			rc = r;
		if (r == 2)
			break;
	}
	return rc;
}
