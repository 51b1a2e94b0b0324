// SPDX-License-Identifier: MIT
/*
 * coh-readahead: the kernel reads ahead when the CPU reads, page after
 * page, what the GPU wrote into a coherent surface (kernel/patches 0031),
 * and still reads back little more than the CPU touches.
 *
 * The GPU writes by DX_BUFFER_COPY from a non-coherent helper buffer
 * (filled by the CPU, moved by an explicit UPDATE); the CPU then reads
 * through the mapping, page by page in address order (memcmp of one page
 * at a time, so that no C library copy strategy changes the order), or
 * one byte in each of some pages in random order.  Per case, measured
 * around the CPU's reads only:
 *   - the bytes are the GPU's;
 *   - the device's bytes host->guest (svga_counters: what the kernel's
 *     readbacks moved) are at most 1.25 times the bytes read, rounded up
 *     to pages (exactly them when the read covers a whole surface);
 *   - for sequential reads, the kernel's readback commands (debugfs
 *     vmwgfx_coherency "readbacks"; one per page without readahead, as
 *     each fault reads back its page) are at most an eighth of the pages
 *     for 1 MiB, half of them for 100 KiB (the window grows with what the
 *     run has read, so short runs save less).
 * Prints TAP.
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KIB 1024u
#define MIB (1024u * KIB)
#define BIG (4u * MIB)
#define RANDOM_PAGES 128u

static struct coh_env env;
static uint8_t *want;
/* Whether the kernel reads ahead (0031 adds the debugfs knob with it):
 * the 6.1 backport does not, so its readback counts are not checked. */
static bool kernel_reads_ahead;

struct reading {
	struct svga_counter d0;
	long long k0[COH_K_NUM];
	/* results */
	uint64_t to_guest;
	long long readbacks;
};

static void reading_begin(struct reading *r)
{
	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &r->d0);
	coh_kstats_read(r->k0);
}

static void reading_end(struct reading *r)
{
	struct svga_counter d1;
	long long k1[COH_K_NUM];

	svga_counters_read(&env.ctr, SVGA_COUNTERS_TOTALS, &d1);
	coh_kstats_read(k1);
	r->to_guest = d1.to_guest - r->d0.to_guest;
	r->readbacks = k1[COH_K_READBACKS] - r->k0[COH_K_READBACKS];
}

/* The GPU copies [off, off + n) of the helper, filled with seed's bytes,
 * to the same place in coh; the fence has signalled on return. */
static int gpu_writes(const struct coh_surf *helper, const struct coh_surf *coh,
		      size_t off, size_t n, uint32_t seed)
{
	struct svga_cmd_stream cs;
	int ret;

	coh_fill(helper->map, 0, helper->size, seed);
	memcpy(want, helper->map, helper->size);
	svga_cmd_init(&cs);
	svga_cmd_update_gb_surface(&cs, helper->s.handle);
	svga_cmd_dx_buffer_copy(&cs, helper->s.handle, coh->s.handle,
				(uint32_t)off, (uint32_t)off, (uint32_t)n);
	ret = coh_submit(&env, &cs);
	if (!ret)
		env.explicit_to_host += helper->size;
	return ret;
}

/* The CPU reads [off, off + n) page by page, in address order; returns
 * the bytes that differ from what the GPU wrote. */
static size_t cpu_reads_sequentially(const struct coh_surf *coh, size_t off,
				     size_t n)
{
	size_t bad = 0, first;

	for (size_t p = off; p < off + n; p += COH_PAGE) {
		size_t len = off + n - p < COH_PAGE ? off + n - p : COH_PAGE;

		if (memcmp(coh->map + p, want + p, len))
			bad += coh_diff(coh->map + p, want + p, len, &first);
	}
	return bad;
}

static uint64_t pages_of(uint64_t bytes)
{
	return (bytes + COH_PAGE - 1) / COH_PAGE * COH_PAGE;
}

/*
 * The GPU writes n bytes at off of coh, the CPU reads exactly them in
 * order. whole: they are the whole surface, so nothing past them may be
 * read back; otherwise at most 1.25 times them.
 */
static void sequential_case(const char *name, const struct coh_surf *helper,
			    const struct coh_surf *coh, size_t off, size_t n,
			    bool whole, unsigned int divisor, uint32_t seed)
{
	uint64_t bytes = pages_of(n);
	uint64_t limit = whole ? bytes : (uint64_t)(COH_MAX_AMPLIFICATION * (double)bytes);
	long long max_readbacks = (long long)(bytes / COH_PAGE / divisor);
	struct reading r;
	size_t bad;
	int ret = gpu_writes(helper, coh, off, n, seed);

	if (ret)
		tap_diag("%s: GPU write failed (ret %d)", name, ret);
	reading_begin(&r);
	bad = cpu_reads_sequentially(coh, off, n);
	reading_end(&r);
	tap_diag("%s: %lld readback commands, %llu bytes read back for %llu read",
		 name, r.readbacks,
		 (unsigned long long)r.to_guest, (unsigned long long)bytes);
	tap_ok(!ret && !bad, "%s: the CPU reads the GPU's bytes (%zu wrong)",
	       name, bad);
	if (!env.have_ctr)
		tap_skip("%s: bytes read back: no device counters", name);
	else
		tap_ok(r.to_guest <= limit,
		       "%s: read back %llu B for %llu B read, at most %llu B",
		       name, (unsigned long long)r.to_guest,
		       (unsigned long long)bytes, (unsigned long long)limit);
	if (!kernel_reads_ahead)
		tap_skip("%s: readback commands: the kernel does not read ahead (no vmwgfx_readahead_pages in debugfs)",
			 name);
	else
		tap_ok(r.readbacks >= 1 && r.readbacks <= max_readbacks,
		       "%s: %lld readback commands for %llu pages, at most %lld",
		       name, r.readbacks, (unsigned long long)(bytes / COH_PAGE),
		       max_readbacks);
}

/* One byte in each of RANDOM_PAGES distinct pages, in random order. */
static void random_case(const struct coh_surf *helper, const struct coh_surf *coh)
{
	const char *name = "random pages of 4 MiB the GPU wrote";
	size_t npages = coh->size / COH_PAGE;
	uint32_t *order = malloc(npages * sizeof(*order));
	uint32_t state = 0x2545f491u;
	uint64_t limit = (uint64_t)(COH_MAX_AMPLIFICATION *
				    (double)(RANDOM_PAGES * COH_PAGE));
	struct reading r;
	size_t bad = 0;
	int ret;

	if (!order)
		tap_bail("out of memory");
	for (size_t i = 0; i < npages; i++)
		order[i] = (uint32_t)i;
	for (size_t i = npages - 1; i > 0; i--) {
		size_t j = coh_rand(&state) % (i + 1);
		uint32_t t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	ret = gpu_writes(helper, coh, 0, coh->size, 0x7a11);
	if (ret)
		tap_diag("%s: GPU write failed (ret %d)", name, ret);
	reading_begin(&r);
	for (size_t i = 0; i < RANDOM_PAGES; i++) {
		size_t at = (size_t)order[i] * COH_PAGE + (coh_rand(&state) % COH_PAGE);

		bad += coh->map[at] != want[at];
	}
	reading_end(&r);
	tap_diag("%s: %lld readback commands, %llu bytes read back for %u pages read",
		 name, r.readbacks,
		 (unsigned long long)r.to_guest, RANDOM_PAGES);
	tap_ok(!ret && !bad, "%s: the CPU reads the GPU's bytes (%zu wrong of %u)",
	       name, bad, RANDOM_PAGES);
	if (!env.have_ctr)
		tap_skip("%s: bytes read back: no device counters", name);
	else
		tap_ok(r.to_guest <= limit,
		       "%s: read back %llu B for %u pages read, at most %llu B",
		       name, (unsigned long long)r.to_guest, RANDOM_PAGES,
		       (unsigned long long)limit);
	free(order);
}

int main(void)
{
	const struct vmw_surface_desc big =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 BIG, 1, 1, 1, 0);
	const struct vmw_surface_desc one =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 MIB, 1, 1, 1, 0);
	struct coh_surf coh, helper, coh1, helper1;
	int ret;

	tap_plan(11);
	coh_env_init(&env);
	if (!coh_debugfs_dir())
		tap_bail("no vmwgfx_coherency in debugfs: cannot count readbacks");
	{
		char knob[256];

		snprintf(knob, sizeof(knob), "%s/vmwgfx_readahead_pages",
			 coh_debugfs_dir());
		kernel_reads_ahead = access(knob, F_OK) == 0;
	}
	want = malloc(BIG);
	if (!want)
		tap_bail("out of memory");
	ret = coh_pair_create(&env, &big, &coh, &helper);
	if (ret)
		tap_bail("4 MiB surfaces: ret %d", ret);
	ret = coh_pair_create(&env, &one, &coh1, &helper1);
	if (ret)
		tap_bail("1 MiB surfaces: ret %d", ret);

	/* Part of a larger surface: the kernel cannot know where the GPU's
	 * write ends, the bound must hold anyway. Twice, at two places. */
	sequential_case("1 MiB at 1 MiB + 8 KiB of a 4 MiB buffer", &helper, &coh,
			MIB + 8 * KIB, MIB, false, 8, 0x51);
	sequential_case("100 KiB + 5 bytes at 3 MiB of a 4 MiB buffer", &helper,
			&coh, 3 * MIB, 100 * KIB + 5, false, 2, 0x52);
	/* A whole surface: exactly its bytes come back. */
	sequential_case("a whole 1 MiB buffer", &helper1, &coh1, 0, MIB, true, 8,
			0x53);
	random_case(&helper, &coh);

	coh_surf_destroy(&env, &helper1);
	coh_surf_destroy(&env, &coh1);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	free(want);
	coh_env_fini(&env);
	return tap_finish();
}
