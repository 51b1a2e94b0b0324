// SPDX-License-Identifier: MIT
/*
 * coh-method-bench: what each dirty-tracking method costs, measured, and
 * whether the adaptive switch between them behaves.
 *
 * vmwgfx tracks CPU writes to a coherent buffer either with write faults
 * (mkwrite: PTEs write-protected after every scan, each first write to a
 * page faults) or by scanning PTE dirty bits at every validation
 * (pagetable).  Buffers below 512 pages start with page-table scanning,
 * larger ones with mkwrite.  Under auto, each scan compares what the two
 * methods would cost for the pages it found, from the costs the kernel
 * observed on this machine (vmwgfx_page_dirty.c; debugfs vmwgfx_coherency
 * shows them as cost_*_ns): a scan whose other method would have cost less
 * than 3/4 switches mkwrite -> pagetable at once, and pagetable -> mkwrite
 * after more than VMW_DIRTY_TO_MKWRITE_TRIGGERS (2) consecutive ones.  So
 * an idle buffer always ends with mkwrite and one written whole with
 * pagetable, on any machine; in between the choice follows the costs.
 *
 * debugfs dri/N/vmwgfx_dirty_method (kernel patch "let debugfs force the
 * dirty-tracking method") forces the method of new trackers and stops the
 * switching, so each method can be measured alone.  For every buffer size
 * and density of pages written between two GPU uses, and for mkwrite,
 * pagetable and auto, we run R iterations of: write 64 bytes into each
 * chosen page, then submit a DX_BUFFER_COPY of 16 bytes out of the
 * coherent buffer and wait, so that the validation scans and uploads the
 * writes.  Sizes: 64, 511, 512, 4096 pages; densities: none (idle), one
 * page, 1, 2, 5, 10, 25, 50, 100 % of the pages, spread evenly over the
 * buffer.  Per iteration we report the median wall time (split into the
 * CPU writes and the submission) and the mean of the kernel's counters
 * (debugfs dri/N/vmwgfx_coherency) and of this process's minor faults.
 * Then, per size, the density at which the faster method changes.
 *
 * Timing is reported, never asserted.  TAP checks that can fail: the knob
 * accepts the three policies and rejects anything else with EINVAL; forced
 * mkwrite takes one counted write fault per written page and scans no
 * dirty bits; forced pagetable takes no counted write fault and finds every
 * written page in its scans; neither switches; auto catches every written
 * page exactly once (a fault or a scan find), takes mkwrite when idle and
 * pagetable when every page is written, and switches at most twice in a
 * case (it cannot oscillate); and no write is lost (the GPU's copy equals what the
 * CPU wrote, and the kernel uploaded at least the bytes dirtied).
 *
 * Usage: coh-method-bench [-r iterations] [-q]   (-q: sizes 64 and 512 only)
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

/* The kernel's switch rules (vmwgfx_page_dirty.c), which auto must
 * follow: update them together. */
#define DIRTY_TO_MKWRITE_TRIGGERS 2u
#define DIRTY_PAGETABLE_LIMIT 512u  /* PAGE_SIZE / sizeof(pte_t) */

/* unmeasured iterations per case, so that auto has settled */
#define WARMUP (DIRTY_TO_MKWRITE_TRIGGERS + 3)
#define WRITE_BYTES 64u   /* bytes written into each chosen page    */

static const unsigned int all_sizes[] = { 64, 511, 512, 4096 };
/* Pages written between two GPU uses, in tenths of a percent of the
 * buffer; DENS_IDLE: none, DENS_ONE: a single page. */
#define DENS_IDLE (-1)
#define DENS_ONE 0
static const int densities[] = {
	DENS_IDLE, DENS_ONE, 10, 20, 50, 100, 250, 500, 1000
};
#define NSIZES (sizeof(all_sizes) / sizeof(all_sizes[0]))
#define NDENS (sizeof(densities) / sizeof(densities[0]))

static struct coh_env env;

/* One (size, density, method) measurement. */
struct result {
	double us, write_us, submit_us;      /* medians per iteration */
	double faults, scans, scanned, minflt, upload_kib; /* means */
	long long to_pt, to_mk;             /* switches over the whole case */
	bool ok_data, ok_upload, ran;
	int err;
};
static struct result res[NSIZES][NDENS][COH_NMETHODS];

static void check_knob(void)
{
	static const char *const bad[] = {
		"bogus", "", "\n", "autox", "mkwrite pagetable", "MKWRITE!",
		"pagetable-and-a-bit-more-than-fits",
	};
	const char *before;
	bool ok = true;
	int ret;

	before = coh_knob_read();
	tap_ok(!strcmp(before, "auto") || !strcmp(before, "mkwrite") ||
	       !strcmp(before, "pagetable"),
	       "%s reads a policy (\"%s\")", coh_knob_path(), before);

	for (int m = 0; m < COH_NMETHODS; m++) {
		char s[32];
		int len = snprintf(s, sizeof(s), "%s%s", coh_method_names[m],
				   m == COH_M_PAGETABLE ? "" : "\n");

		ret = coh_knob_write(s, len);
		if (ret || strcmp(coh_knob_read(), coh_method_names[m])) {
			ok = false;
			tap_diag("writing %s: %s, reads back \"%s\"",
				 coh_method_names[m], strerror(-ret), coh_knob_read());
		}
	}
	tap_ok(ok, "the knob takes mkwrite, pagetable and auto and reads them back");

	ok = true;
	coh_knob_set("mkwrite");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ret = coh_knob_write(bad[i], strlen(bad[i]));
		if (ret != -EINVAL) {
			ok = false;
			tap_diag("writing \"%s\" gave %d (%s)", bad[i], ret,
				 ret ? strerror(-ret) : "accepted");
		}
	}
	tap_ok(ok && !strcmp(coh_knob_read(), "mkwrite"),
	       "the knob rejects %zu malformed policies with EINVAL and keeps the policy (\"%s\")",
	       sizeof(bad) / sizeof(bad[0]), coh_knob_read());
	coh_knob_set("auto");
}

static size_t pages_for(unsigned int pages, int dens)
{
	size_t n;

	if (dens == DENS_IDLE)
		return 0;
	n = (size_t)pages * (unsigned int)dens / 1000;
	return n ? n : 1;
}

/* GPU use that validates the coherent buffer: copy 16 bytes out of it. */
static int gpu_use(const struct coh_surf *coh, const struct coh_surf *helper)
{
	struct svga_cmd_stream cs;

	svga_cmd_init(&cs);
	svga_cmd_dx_buffer_copy(&cs, coh->s.handle, helper->s.handle, 0, 0, 16);
	return coh_submit(&env, &cs);
}

/* Write the n evenly spread pages of iteration it into shadow and map. */
static double write_pages(struct coh_surf *coh, uint8_t *shadow,
			  size_t pages, size_t n, unsigned int it,
			  uint64_t *minflt)
{
	size_t in_page = (it * WRITE_BYTES) % COH_PAGE;
	uint64_t f0;
	double t0;

	for (size_t i = 0; i < n; i++) {
		size_t off = (i * pages / n) * COH_PAGE + in_page;

		coh_fill(shadow + off, off, WRITE_BYTES, 0x100 + it);
	}
	f0 = coh_minflt();
	t0 = coh_now_us();
	for (size_t i = 0; i < n; i++) {
		size_t off = (i * pages / n) * COH_PAGE + in_page;

		memcpy(coh->map + off, shadow + off, WRITE_BYTES);
	}
	t0 = coh_now_us() - t0;
	*minflt += coh_minflt() - f0;
	return t0;
}

static void run_case(unsigned int pages, int dens, int method,
		     int iters, struct result *r)
{
	size_t size = (size_t)pages * COH_PAGE, n = pages_for(pages, dens);
	struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER,
					     SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
					     (uint32_t)size, 1, 1, 1, 0);
	double *t = calloc(iters, sizeof(double));
	double *tw = calloc(iters, sizeof(double));
	double *ts = calloc(iters, sizeof(double));
	long long k0[COH_K_NUM], k1[COH_K_NUM], kc[COH_K_NUM];
	struct coh_surf coh, helper;
	uint8_t *shadow = malloc(size);
	uint64_t minflt = 0, dummy = 0;
	volatile uint8_t sink = 0;
	unsigned int it = 0;
	int ret;

	memset(r, 0, sizeof(*r));
	r->ran = true;
	if (!t || !tw || !ts || !shadow)
		tap_bail("out of memory");
	coh_knob_set(coh_method_names[method]);
	coh_kstats_read_or_bail(kc);
	/* The policy stays forced for the whole case: it also stops the
	 * switching. */
	ret = coh_pair_create(&env, &d, &coh, &helper);
	if (ret) {
		r->err = ret;
		goto out_free;
	}
	/* Fill everything, first GPU use (moves the buffer into its MOB and
	 * unmaps it), then map every page again by reading it. */
	memset(shadow, 0x55, size);
	memcpy(coh.map, shadow, size);
	ret = gpu_use(&coh, &helper);
	for (size_t off = 0; off < size; off += COH_PAGE)
		sink += coh.map[off];
	(void)sink;

	for (unsigned int w = 0; w < WARMUP && !ret; w++, it++) {
		write_pages(&coh, shadow, pages, n, it, &dummy);
		ret = gpu_use(&coh, &helper);
	}

	coh_kstats_read_or_bail(k0);
	for (int i = 0; i < iters && !ret; i++, it++) {
		double t0 = coh_now_us();

		tw[i] = write_pages(&coh, shadow, pages, n, it, &minflt);
		ts[i] = coh_now_us();
		ret = gpu_use(&coh, &helper);
		t[i] = coh_now_us() - t0;
		ts[i] = coh_now_us() - ts[i];
	}
	coh_kstats_read_or_bail(k1);
	if (ret) {
		r->err = ret;
		goto out_destroy;
	}

	r->us = coh_median(t, iters);
	r->write_us = coh_median(tw, iters);
	r->submit_us = coh_median(ts, iters);
	r->faults = (double)(k1[COH_K_MKWRITE] - k0[COH_K_MKWRITE]) / iters;
	r->scans = (double)(k1[COH_K_SCANS] - k0[COH_K_SCANS]) / iters;
	r->scanned = (double)(k1[COH_K_SCANNED] - k0[COH_K_SCANNED]) / iters;
	r->minflt = (double)minflt / iters;
	r->upload_kib = (double)(k1[COH_K_UPLOAD_BYTES] - k0[COH_K_UPLOAD_BYTES]) /
			iters / 1024;
	r->to_pt = k1[COH_K_TO_PAGETABLE] - kc[COH_K_TO_PAGETABLE];
	r->to_mk = k1[COH_K_TO_MKWRITE] - kc[COH_K_TO_MKWRITE];
	r->ok_upload = (unsigned long long)(k1[COH_K_UPLOAD_BYTES] - k0[COH_K_UPLOAD_BYTES]) >=
		       (unsigned long long)iters * n * COH_PAGE;

	/* Is the GPU's copy what the CPU wrote? */
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	r->ok_data = !ret && !memcmp(helper.map, shadow, size);
	if (!r->ok_data) {
		char what[96];

		snprintf(what, sizeof(what), "%s, %u pages, %zu written",
			 coh_method_names[method], pages, n);
		coh_diag_diff(what, helper.map, shadow, size);
	}
out_destroy:
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
out_free:
	coh_knob_set("auto");
	free(shadow);
	free(ts);
	free(tw);
	free(t);
}

static void dens_name(char *buf, size_t len, int dens)
{
	if (dens == DENS_IDLE)
		snprintf(buf, len, "idle");
	else if (dens == DENS_ONE)
		snprintf(buf, len, "1 page");
	else
		snprintf(buf, len, "%d%%", dens / 10);
}

/* The method auto must be using in the measured iterations, and the
 * switches it must have made to get there; COH_M_AUTO where the costs
 * this machine showed the kernel decide (then at most two switches). */
static int auto_expect(unsigned int pages, size_t n, long long *to_pt,
		       long long *to_mk)
{
	*to_pt = 0;
	*to_mk = 0;
	if (!n) {
		/* idle scans cost nothing with mkwrite: a page-table buffer
		 * switches after the one following its first move and the
		 * warm-up ones, more than DIRTY_TO_MKWRITE_TRIGGERS */
		*to_mk = pages < DIRTY_PAGETABLE_LIMIT;
		return COH_M_MKWRITE;
	}
	if (n == pages) {
		/* a fault costs more than scanning one PTE on any machine;
		 * mkwrite buffers switch at their first scan (WARMUP covers
		 * it and the iteration still faulting on pages
		 * write-protected before it) */
		*to_pt = pages >= DIRTY_PAGETABLE_LIMIT;
		return COH_M_PAGETABLE;
	}
	return COH_M_AUTO;
}

/* TAP: did each method behave as it should for this size? */
static void check_size(int si, unsigned int pages, int iters)
{
	for (int m = 0; m < COH_NMETHODS; m++) {
		bool ok = true, data = true;
		char why[256] = "";

		for (size_t di = 0; di < NDENS; di++) {
			const struct result *r = &res[si][di][m];
			size_t n = pages_for(pages, densities[di]);
			int expect = m;
			long long to_pt = 0, to_mk = 0;
			bool good;

			if (r->err) {
				ok = data = false;
				snprintf(why, sizeof(why), "%zu pages written: error %d",
					 n, r->err);
				continue;
			}
			if (m == COH_M_AUTO)
				expect = auto_expect(pages, n, &to_pt, &to_mk);
			if (expect == COH_M_MKWRITE)
				good = r->faults == (double)n && r->scanned == 0;
			else if (expect == COH_M_PAGETABLE)
				good = r->faults == 0 && r->scanned == (double)n;
			else	/* means over the iterations: allow rounding */
				good = r->faults + r->scanned - (double)n < 1e-6 &&
				       r->faults + r->scanned - (double)n > -1e-6;
			if (expect == COH_M_AUTO)
				good = good && r->scans == 1 &&
				       r->to_pt + r->to_mk <= 2;
			else
				good = good && r->scans == 1 &&
				       r->to_pt == to_pt && r->to_mk == to_mk;
			if (!good && ok)
				snprintf(why, sizeof(why),
					 "; first bad: %zu pages written, expected %s: %.2f faults, %.2f scans, %.2f scanned dirty pages per iteration, switches to pagetable %lld (expected %lld), to mkwrite %lld (expected %lld)",
					 n, coh_method_names[expect], r->faults,
					 r->scans, r->scanned, r->to_pt, to_pt,
					 r->to_mk, to_mk);
			ok = ok && good;
			if (!r->ok_data || !r->ok_upload) {
				if (data)
					tap_diag("%s, %u pages, %zu written: GPU copy %s, kernel uploaded %.1f KiB/iteration for %zu dirtied pages",
						 coh_method_names[m], pages, n,
						 r->ok_data ? "right" : "WRONG",
						 r->upload_kib, n);
				data = false;
			}
		}
		tap_ok(ok, "%s, %u pages: %s every density (%d iterations each)%s",
		       coh_method_names[m], pages,
		       m == COH_M_MKWRITE ? "one write fault per written page, no dirty-bit scan finds, no switch" :
		       m == COH_M_PAGETABLE ? "no write fault, every written page found by the scan, no switch" :
		       "a fault or a scan find per written page, mkwrite when idle, pagetable when all are written, at most two switches, on",
		       iters, why);
		tap_ok(data, "%s, %u pages: no write lost at any density (GPU copy equals the CPU's writes, uploaded >= dirtied)",
		       coh_method_names[m], pages);
	}
}

/* Idle validations: auto switches a page-table buffer to mkwrite after
 * more than DIRTY_TO_MKWRITE_TRIGGERS empty scans, forced pagetable not. */
static void check_idle(const char *policy, long long expect)
{
	unsigned int pages = 64;
	struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER,
					     SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
					     pages * COH_PAGE, 1, 1, 1, 0);
	long long k0[COH_K_NUM], k1[COH_K_NUM], k2[COH_K_NUM];
	struct coh_surf coh, helper;
	int ret;

	coh_knob_set(policy);
	ret = coh_pair_create(&env, &d, &coh, &helper);
	if (ret) {
		coh_knob_set("auto");
		tap_ok(false, "%s, %u pages, idle: surfaces (ret %d)", policy, pages, ret);
		return;
	}
	memset(coh.map, 1, pages * COH_PAGE);
	ret = gpu_use(&coh, &helper);
	coh_kstats_read_or_bail(k0);
	for (unsigned int i = 0; i < DIRTY_TO_MKWRITE_TRIGGERS + 2 && !ret; i++)
		ret = gpu_use(&coh, &helper);
	coh_kstats_read_or_bail(k1);
	/* one page written now must take a counted fault iff mkwrite */
	coh.map[3 * COH_PAGE] = 2;
	ret = ret ? ret : gpu_use(&coh, &helper);
	coh_kstats_read_or_bail(k2);
	tap_ok(!ret && k1[COH_K_TO_MKWRITE] - k0[COH_K_TO_MKWRITE] == expect &&
	       k2[COH_K_MKWRITE] - k1[COH_K_MKWRITE] == expect,
	       "%s, %u pages, %u validations without writes: %lld switches to mkwrite (expected %lld), then %lld counted write faults for one page written",
	       policy, pages, DIRTY_TO_MKWRITE_TRIGGERS + 2,
	       k1[COH_K_TO_MKWRITE] - k0[COH_K_TO_MKWRITE], expect,
	       k2[COH_K_MKWRITE] - k1[COH_K_MKWRITE]);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	coh_knob_set("auto");
}

static void print_tables(const unsigned int *sizes, size_t nsizes)
{
	char dn[16];

	printf("#\n# per iteration: median wall time (us) = CPU writes + submit/wait; means of\n"
	       "# counted write faults, scans, pages found dirty by scans, minor faults of\n"
	       "# this process during the writes, KiB uploaded; switches over the whole case\n");
	printf("# %5s %7s %5s %-9s | %9s %9s %9s | %7s %5s %7s %7s %9s | %s\n",
	       "pages", "density", "n", "method", "us/iter", "write_us",
	       "submit_us", "faults", "scans", "scanned", "minflt", "KiB_up",
	       "to_pt/to_mk");
	for (size_t si = 0; si < nsizes; si++)
		for (size_t di = 0; di < NDENS; di++)
			for (int m = 0; m < COH_NMETHODS; m++) {
				const struct result *r = &res[si][di][m];

				dens_name(dn, sizeof(dn), densities[di]);
				if (r->err) {
					printf("# %5u %7s %5zu %-9s | error %d\n",
					       sizes[si], dn,
					       pages_for(sizes[si], densities[di]),
					       coh_method_names[m], r->err);
					continue;
				}
				printf("# %5u %7s %5zu %-9s | %9.0f %9.0f %9.0f | %7.1f %5.1f %7.1f %7.1f %9.1f | %lld/%lld\n",
				       sizes[si], dn,
				       pages_for(sizes[si], densities[di]),
				       coh_method_names[m], r->us, r->write_us,
				       r->submit_us, r->faults, r->scans,
				       r->scanned, r->minflt, r->upload_kib,
				       r->to_pt, r->to_mk);
			}

	printf("#\n# pagetable time / mkwrite time (< 1: page-table scanning is faster)\n");
	printf("# %5s", "pages");
	for (size_t di = 0; di < NDENS; di++) {
		dens_name(dn, sizeof(dn), densities[di]);
		printf(" %7s", dn);
	}
	printf("\n");
	for (size_t si = 0; si < nsizes; si++) {
		printf("# %5u", sizes[si]);
		for (size_t di = 0; di < NDENS; di++) {
			const struct result *mk = &res[si][di][COH_M_MKWRITE];
			const struct result *pt = &res[si][di][COH_M_PAGETABLE];

			if (mk->err || pt->err || mk->us <= 0)
				printf(" %7s", "n/a");
			else
				printf(" %7.2f", pt->us / mk->us);
		}
		printf("\n");
	}

	printf("#\n# auto: the method it used in the measured iterations (by its counters;\n"
	       "# mk where write faults caught the pages, pt where scans did) and its\n"
	       "# time / the faster forced method's time (a report, never a verdict)\n");
	printf("# %5s", "pages");
	for (size_t di = 0; di < NDENS; di++) {
		dens_name(dn, sizeof(dn), densities[di]);
		printf(" %9s", dn);
	}
	printf("\n");
	for (size_t si = 0; si < nsizes; si++) {
		printf("# %5u", sizes[si]);
		for (size_t di = 0; di < NDENS; di++) {
			const struct result *mk = &res[si][di][COH_M_MKWRITE];
			const struct result *pt = &res[si][di][COH_M_PAGETABLE];
			const struct result *au = &res[si][di][COH_M_AUTO];
			double best = mk->us < pt->us ? mk->us : pt->us;

			if (mk->err || pt->err || au->err || best <= 0)
				printf(" %9s", "n/a");
			else
				printf("  %s %5.2f",
				       au->faults > au->scanned ? "mk" :
				       au->scanned > au->faults ? "pt" : "--",
				       au->us / best);
		}
		printf("\n");
	}

	printf("#\n# where the faster method changes (writing pages; idle apart)\n");
	for (size_t si = 0; si < nsizes; si++) {
		int prev = -1;
		size_t from = NDENS;
		char line[512];
		int len = snprintf(line, sizeof(line), "# %5u pages:", sizes[si]);

		/* the lowest density from which pagetable always wins */
		while (from > 0 && densities[from - 1] != DENS_IDLE &&
		       !res[si][from - 1][COH_M_MKWRITE].err &&
		       !res[si][from - 1][COH_M_PAGETABLE].err &&
		       res[si][from - 1][COH_M_PAGETABLE].us <
		       res[si][from - 1][COH_M_MKWRITE].us)
			from--;
		for (size_t di = 0; di < NDENS; di++) {
			const struct result *mk = &res[si][di][COH_M_MKWRITE];
			const struct result *pt = &res[si][di][COH_M_PAGETABLE];
			int win;

			if (mk->err || pt->err)
				continue;
			if (densities[di] == DENS_IDLE) {
				len += snprintf(line + len, sizeof(line) - len,
						" idle: %s faster (ratio %.2f);",
						pt->us < mk->us ? "pagetable" : "mkwrite",
						pt->us / mk->us);
				continue;
			}
			win = pt->us < mk->us ? COH_M_PAGETABLE : COH_M_MKWRITE;
			dens_name(dn, sizeof(dn), densities[di]);
			if (prev < 0)
				len += snprintf(line + len, sizeof(line) - len,
						" %s faster at %s", coh_method_names[win], dn);
			else if (win != prev)
				len += snprintf(line + len, sizeof(line) - len,
						"; %s faster from %s (ratio %.2f)",
						coh_method_names[win], dn, pt->us / mk->us);
			prev = win;
			if (len >= (int)sizeof(line))
				break;
		}
		if (prev >= 0)
			printf("%s\n", line);
		if (from < NDENS) {
			dens_name(dn, sizeof(dn), densities[from]);
			printf("# %5u pages: pagetable faster at every density from %s (%zu pages) on\n",
			       sizes[si], dn, pages_for(sizes[si], densities[from]));
		} else {
			printf("# %5u pages: mkwrite faster at 100%%\n", sizes[si]);
		}
	}
}

int main(int argc, char **argv)
{
	unsigned int sizes[NSIZES];
	size_t nsizes = 0;
	int iters = 50, opt;
	bool quick = false;
	double t0;

	while ((opt = getopt(argc, argv, "r:q")) != -1) {
		if (opt == 'r')
			iters = atoi(optarg);
		else if (opt == 'q')
			quick = true;
		else {
			fprintf(stderr, "usage: %s [-r iterations] [-q]\n", argv[0]);
			return 2;
		}
	}
	if (iters < 1)
		iters = 1;
	for (size_t si = 0; si < NSIZES; si++)
		if (!quick || all_sizes[si] == 64 || all_sizes[si] == 512)
			sizes[nsizes++] = all_sizes[si];

	tap_plan(3 + 2 * COH_NMETHODS * (int)nsizes + 2);
	coh_env_init(&env);
	coh_knob_require();
	check_knob();

	tap_diag("%d iterations (after %u warm-up) per case, %u bytes written per page; sizes in 4 KiB pages",
		 iters, WARMUP, WRITE_BYTES);
	t0 = coh_now_us();
	for (size_t si = 0; si < nsizes; si++) {
		for (size_t di = 0; di < NDENS; di++)
			for (int m = 0; m < COH_NMETHODS; m++)
				run_case(sizes[si], densities[di], m, iters,
					 &res[si][di][m]);
		check_size((int)si, sizes[si], iters);
	}
	check_idle("auto", 1);
	check_idle("pagetable", 0);
	coh_knob_set("auto");
	print_tables(sizes, nsizes);
	tap_diag("benchmark took %.1f s", (coh_now_us() - t0) / 1e6);
	coh_env_fini(&env);
	return tap_finish();
}
