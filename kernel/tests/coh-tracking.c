// SPDX-License-Identifier: MIT
/*
 * coh-tracking: both dirty-tracking methods and the switches between them.
 *
 * vmwgfx tracks CPU writes to a coherent buffer either by write-protecting
 * its PTEs and recording mkwrite faults, or by scanning PTE dirty bits;
 * buffers below 512 pages start with scanning, larger ones with mkwrite
 * (vmw_bo_dirty_add).  At each validation it rescans: a scan finding more
 * than VMW_DIRTY_PERCENTAGE (1%) of the pages written switches mkwrite ->
 * page-table; no page written on more than VMW_DIRTY_TO_MKWRITE_TRIGGERS
 * (2) consecutive scans switches back (vmwgfx_page_dirty.c).  The phases
 * below drive a small and a large buffer through sparse (under 1% of the
 * pages), idle and dense rounds so both switches happen, and check the
 * GPU's copy after every round.
 *
 * The active method is visible from userspace: under mkwrite every first
 * write to a page after a scan is a (minor) fault, under page-table
 * scanning writes to mapped pages do not fault.  We count minor faults
 * around the CPU writes of the last round of each sparse phase, which
 * rewrites the pages of the round before (a page write-protected under
 * mkwrite stays so after a switch until its next write).
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct coh_env env;

enum kind { SPARSE, DENSE, IDLE };
struct phase {
	const char *name;
	enum kind kind;
	int rounds;
};

/* Phase order and, for the last round of each sparse phase, the method
 * the kernel must be using by then: 'M' mkwrite, 'P' page-table. */
static const struct phase phases[] = {
	{ "sparse", SPARSE, 4 },
	{ "idle (no writes)", IDLE, 4 },
	{ "sparse after idle", SPARSE, 4 },
	{ "dense (30% of pages)", DENSE, 4 },
	{ "sparse after dense", SPARSE, 3 },
	{ "idle again", IDLE, 4 },
	{ "sparse after idle again", SPARSE, 3 },
};
#define NPHASES (int)(sizeof(phases) / sizeof(phases[0]))

static void run(const char *name, size_t size, const char *expect, uint32_t seed)
{
	struct vmw_surface_desc d = coh_desc(SVGA3D_BUFFER,
					     SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
					     (uint32_t)size, 1, 1, 1, 0);
	struct coh_surf coh, helper;
	uint32_t rng = seed;
	char seen[NPHASES + 1];
	uint8_t *shadow;
	size_t pages = size / COH_PAGE;
	int ret, si = 0;

	ret = coh_pair_create(&env, &d, &coh, &helper);
	if (ret) {
		for (int i = 0; i <= NPHASES; i++)
			tap_ok(false, "%s: surfaces (ret %d)", name, ret);
		return;
	}
	shadow = malloc(size);
	if (!shadow)
		tap_bail("out of memory");
	/* Start with a GPU write of everything, then read it all: the buffer
	 * is in its MOB and every page is mapped before the first round. */
	coh_fill(helper.map, 0, size, seed);
	memcpy(shadow, helper.map, size);
	ret = coh_gpu_write(&env, COH_COPY_BUFFER, &helper, &coh);
	if (ret || memcmp(coh.map, shadow, size))
		tap_diag("%s: initial GPU write not read back correctly (ret %d)", name, ret);

	for (int p = 0; p < NPHASES; p++) {
		const struct phase *ph = &phases[p];
		int bad = -1, errs = 0;
		uint64_t faults = 0, written = 0;
		struct coh_meas m;

		coh_meas_begin(&env, &m);
		for (int r = 0; r < ph->rounds; r++) {
			/* sparse: under 1% of the pages, one at least */
			size_t sparse = pages / 200 ? pages / 200 : 1;
			size_t n = ph->kind == SPARSE ? sparse :
				   ph->kind == DENSE ? pages * 3 / 10 : 0;
			uint64_t f0 = coh_minflt(), w0 = written;

			for (size_t i = 0; i < n; i++) {
				/* sparse rounds rewrite the same pages, so that
				 * the last round's faults show the method and
				 * not pages still write-protected from earlier */
				size_t pg = ph->kind == SPARSE ?
					    (p * 7 + i * pages / 3) % pages :
					    coh_rand(&rng) % pages;
				size_t off = pg * COH_PAGE + 8 * (coh_rand(&rng) % 500);

				coh_fill(shadow + off, off, 32, seed + (uint32_t)(p * 100 + r));
				memcpy(coh.map + off, shadow + off, 32);
				coh_meas_wrote(&m, off, 32);
				written++;
			}
			/* only the last round of a phase decides its method */
			if (r == ph->rounds - 1)
				faults = coh_minflt() - f0, written -= w0;
			errs += coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper) != 0;
			if (bad < 0 && memcmp(helper.map, shadow, size)) {
				bad = r;
				coh_diag_diff(ph->name, helper.map, shadow, size);
			}
		}
		if (ph->kind == SPARSE) {
			/* >= half a fault per written page: mkwrite */
			seen[si++] = faults * 2 >= written ? 'M' : 'P';
			tap_diag("%s, %s: last round %llu writes, %llu faults -> %s",
				 name, ph->name, (unsigned long long)written,
				 (unsigned long long)faults,
				 seen[si - 1] == 'M' ? "mkwrite" : "page-table scan");
		}
		tap_ok(bad < 0 && !errs, "%s, phase '%s': %d rounds, GPU copy right every round (first bad %d, errors %d)",
		       name, ph->name, ph->rounds, bad, errs);
		coh_meas_end(&env, &m, ph->name);
	}
	seen[si] = 0;
	tap_ok(!strcmp(seen, expect),
	       "%s: tracking method in the sparse phases %s, expected %s (M mkwrite, P page-table scan)",
	       name, seen, expect);
	free(shadow);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	tap_plan(2 * (NPHASES + 1));
	coh_env_init(&env);
	/* small: starts page-table; idle -> mkwrite; dense -> page-table;
	 * idle -> mkwrite */
	run("small buffer (128 pages)", 128 * COH_PAGE, "PMPM", 0x4000);
	/* large: starts mkwrite; idle does not change mkwrite */
	run("large buffer (640 pages)", 640 * COH_PAGE, "MMPM", 0x4100);
	coh_env_fini(&env);
	return tap_finish();
}
