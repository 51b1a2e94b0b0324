// SPDX-License-Identifier: MIT
/*
 * Copyright coherent-svga developers
 *
 * mm-dirty-helpers: Linux's mapping dirty helpers (mm/mapping_dirty_helpers.c,
 * wp_shared_mapping_range() and clean_record_shared_mapping_range(), what
 * vmwgfx's dirty tracking is built on) on real mappings, through the test
 * module lib/test_mapping_dirty_helpers.c of our kernel queue
 * (CONFIG_TEST_MAPPING_DIRTY_HELPERS, /dev/test_mapping_dirty_helpers).
 * The device maps buffers as vmwgfx maps buffer objects (VM_PFNMAP, PTEs
 * inserted on fault, ->pfn_mkwrite()), and its ioctls call the helpers on
 * page ranges of the device file's address space and count faults per page.
 * Every case asserts exact bitmaps, counts and return values.  Prints TAP.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * Mirrors lib/test_mapping_dirty_helpers_uapi.h of the kernel queue (the
 * header is private to the test module and not exported).
 */
#define TEST_MDH_BUF_MKWRITE	(1U << 0)
#define TEST_MDH_BUF_HUGE	(1U << 1)

struct test_mdh_alloc {
	__u64 npages;
	__u32 flags;
	__u32 pad;
	__u64 pgoff;
};

struct test_mdh_wp {
	__u64 first_index;
	__u64 nr;
	__u64 changed;
};

struct test_mdh_clean {
	__u64 first_index;
	__u64 nr;
	__u64 bitmap_pgoff;
	__u64 bitmap;
	__u64 start;
	__u64 end;
	__u64 changed;
};

struct test_mdh_page_counts {
	__u32 faults;
	__u32 write_faults;
	__u32 mkwrites;
	__u32 huge_maps;
};

struct test_mdh_counts {
	__u64 pgoff;
	__u64 first;
	__u64 count;
	__u64 ptr;
	__u32 flags;
	__u32 pad;
};

#define TEST_MDH_COUNTS_RESET	(1U << 0)

#define TEST_MDH_ALLOC		_IOWR('D', 0x00, struct test_mdh_alloc)
#define TEST_MDH_WP		_IOWR('D', 0x01, struct test_mdh_wp)
#define TEST_MDH_CLEAN		_IOWR('D', 0x02, struct test_mdh_clean)
#define TEST_MDH_COUNTS		_IOWR('D', 0x03, struct test_mdh_counts)
#define TEST_MDH_DUP_RO		_IO('D', 0x04)
/* End of the mirrored definitions. */

#define DEV_PATH "/dev/test_mapping_dirty_helpers"
#define NTESTS 63

/* Bitmaps of up to BM_BITS pages. */
#define BM_BITS 1024
#define BM_WORDS (BM_BITS / 64)
#define END (-1)

/*
 * Two defects of Linux's helpers (6.1 and 6.12), fixed by kernel/patches,
 * are checked below: walk_page_mapping() stopped at the first VMA test_walk() skipped
 * (a MAP_PRIVATE or read-only shared mapping hid the VMAs after it), and
 * clean_record_shared_mapping_range() started *start at nr rather than at
 * first_index - bitmap_pgoff + nr when no bit was set yet.
 */

struct bm {
	uint64_t w[BM_WORDS];
};

struct clean_res {
	struct bm bm;
	uint64_t start, end, changed;
};

static long page_size;
static int dev_fd;

static void bm_set(struct bm *bm, unsigned int bit)
{
	bm->w[bit / 64] |= 1ull << (bit % 64);
}

/* A bitmap with the listed bits set; the list ends with END. */
static struct bm bm_of(int bit, ...)
{
	struct bm bm;
	va_list ap;

	memset(&bm, 0, sizeof(bm));
	va_start(ap, bit);
	for (; bit != END; bit = va_arg(ap, int))
		bm_set(&bm, (unsigned int)bit);
	va_end(ap);
	return bm;
}

static bool bm_eq(const struct bm *a, const struct bm *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* "{1,4,5}" in a static buffer (one of two, for two in one message). */
static const char *bm_str(const struct bm *bm)
{
	static char bufs[2][512];
	static int which;
	char *s = bufs[which ^= 1];
	size_t n = 0;
	bool first = true;

	n += (size_t)snprintf(s + n, sizeof(bufs[0]) - n, "{");
	for (unsigned int i = 0; i < BM_BITS && n < sizeof(bufs[0]) - 8; i++) {
		if (!(bm->w[i / 64] & (1ull << (i % 64))))
			continue;
		n += (size_t)snprintf(s + n, sizeof(bufs[0]) - n, "%s%u",
				      first ? "" : ",", i);
		first = false;
	}
	snprintf(s + n, sizeof(bufs[0]) - n, "}");
	return s;
}

static uint64_t buf_alloc_flags(uint64_t npages, uint32_t flags, int *err)
{
	struct test_mdh_alloc a = { .npages = npages, .flags = flags };

	*err = 0;
	if (ioctl(dev_fd, TEST_MDH_ALLOC, &a)) {
		*err = errno;
		return 0;
	}
	return a.pgoff;
}

static uint64_t buf_alloc(uint64_t npages)
{
	int err;
	uint64_t pgoff = buf_alloc_flags(npages, 0, &err);

	if (err)
		tap_bail("TEST_MDH_ALLOC of %" PRIu64 " pages: %s", npages,
			 strerror(err));
	return pgoff;
}

/* mmap() pages [first, first + n) of the buffer at pgoff. */
static char *map_at(int fd, void *addr, uint64_t pgoff, uint64_t first,
		    uint64_t n, int prot, int flags)
{
	void *p = mmap(addr, n * page_size, prot, flags, fd,
		       (off_t)((pgoff + first) * page_size));

	if (p == MAP_FAILED)
		tap_bail("mmap of %" PRIu64 " pages at page %" PRIu64 ": %s",
			 n, pgoff + first, strerror(errno));
	return p;
}

static char *map(uint64_t pgoff, uint64_t first, uint64_t n)
{
	return map_at(dev_fd, NULL, pgoff, first, n, PROT_READ | PROT_WRITE,
		      MAP_SHARED);
}

static void put(char *map, uint64_t page, char v)
{
	*(volatile char *)(map + page * page_size + 17) = v;
}

static char get(const char *map, uint64_t page)
{
	return *(const volatile char *)(map + page * page_size + 17);
}

/*
 * clean_record_shared_mapping_range() on [first_index, first_index + nr)
 * with a bitmap starting at bitmap_pgoff, *start and *end passed in as
 * start_in, end_in.
 */
static struct clean_res clean_raw(uint64_t first_index, uint64_t nr,
				  uint64_t bitmap_pgoff, uint64_t start_in,
				  uint64_t end_in)
{
	struct clean_res r;
	struct test_mdh_clean c = {
		.first_index = first_index, .nr = nr,
		.bitmap_pgoff = bitmap_pgoff,
		.start = start_in, .end = end_in,
	};

	memset(&r, 0, sizeof(r));
	if (first_index + nr - bitmap_pgoff > BM_BITS)
		tap_bail("bitmap of %" PRIu64 " bits too large",
			 first_index + nr - bitmap_pgoff);
	c.bitmap = (uintptr_t)r.bm.w;
	if (ioctl(dev_fd, TEST_MDH_CLEAN, &c))
		tap_bail("TEST_MDH_CLEAN: %s", strerror(errno));
	r.start = c.start;
	r.end = c.end;
	r.changed = c.changed;
	return r;
}

/* Clean pages [first, first + n) of a buffer, bitmap bit 0 = buffer page 0. */
static struct clean_res clean(uint64_t pgoff, uint64_t first, uint64_t n)
{
	return clean_raw(pgoff + first, n, pgoff, 0, 0);
}

static uint64_t wp(uint64_t pgoff, uint64_t first, uint64_t n)
{
	struct test_mdh_wp w = { .first_index = pgoff + first, .nr = n };

	if (ioctl(dev_fd, TEST_MDH_WP, &w))
		tap_bail("TEST_MDH_WP: %s", strerror(errno));
	return w.changed;
}

/* Read (and reset) the counters of buffer pages [0, n). */
static void counts(uint64_t pgoff, uint64_t n,
		   struct test_mdh_page_counts *out, bool reset)
{
	struct test_mdh_counts c = {
		.pgoff = pgoff, .first = 0, .count = n,
		.ptr = (uintptr_t)out,
		.flags = reset ? TEST_MDH_COUNTS_RESET : 0,
	};

	if (ioctl(dev_fd, TEST_MDH_COUNTS, &c))
		tap_bail("TEST_MDH_COUNTS: %s", strerror(errno));
}

static void reset_counts(uint64_t pgoff, uint64_t n)
{
	struct test_mdh_page_counts c[BM_BITS];

	counts(pgoff, n, c, true);
}

/* Check a clean result; returns the test's outcome. */
static bool check_clean(const struct clean_res *r, const struct bm *want,
			uint64_t changed, const char *what)
{
	bool ok = bm_eq(&r->bm, want) && r->changed == changed;

	if (!ok)
		tap_diag("%s: bitmap %s (want %s), returned %" PRIu64
			 " (want %" PRIu64 ")", what, bm_str(&r->bm),
			 bm_str(want), r->changed, changed);
	return tap_ok(ok, "%s", what);
}

/* Whether a result reports no bit in its start/end. */
static bool none_set(const struct clean_res *r)
{
	return r->start >= r->end;
}

static void unmap(void *p, uint64_t n)
{
	if (munmap(p, n * page_size))
		tap_bail("munmap: %s", strerror(errno));
}

/* Case: one VMA, write then clean, clean again. */
static void test_single_vma(void)
{
	const uint64_t n = 16;
	uint64_t pgoff = buf_alloc(n);
	char *m = map(pgoff, 0, n);
	struct clean_res r;
	struct bm want;

	tap_ok(pgoff != 0 && pgoff % 512 == 0,
	       "buffers sit at non-zero, PMD-aligned address space offsets (%"
	       PRIu64 ")", pgoff);

	put(m, 1, 'a');
	put(m, 4, 'b');
	put(m, 5, 'c');
	put(m, 15, 'd');
	r = clean(pgoff, 0, n);
	want = bm_of(1, 4, 5, 15, END);
	check_clean(&r, &want, 4, "single VMA: clean reports exactly the written pages, returns 4");
	tap_ok(r.start == 1 && r.end == 16,
	       "single VMA: start/end are the first set bit and last + 1 (%"
	       PRIu64 ", %" PRIu64 ")", r.start, r.end);

	r = clean(pgoff, 0, n);
	want = bm_of(END);
	check_clean(&r, &want, 0, "second clean reports nothing and returns 0");
	tap_ok(none_set(&r), "second clean: start >= end (%" PRIu64 ", %"
	       PRIu64 ")", r.start, r.end);

	/* Pages read but not written; pages never touched. */
	(void)get(m, 2);
	(void)get(m, 3);
	put(m, 7, 'e');
	r = clean(pgoff, 0, n);
	want = bm_of(7, END);
	check_clean(&r, &want, 1, "pages only read are not reported, the written one is");

	struct test_mdh_page_counts c[16];

	counts(pgoff, n, c, false);
	bool untouched = true;

	for (int i = 8; i < 15; i++)
		untouched &= !c[i].faults && !c[i].mkwrites;
	tap_ok(untouched && c[2].faults == 1 && !c[2].write_faults &&
	       c[7].faults == 1 && c[7].write_faults == 1 && !c[7].mkwrites,
	       "never-touched pages are not faulted in by the helpers; a read "
	       "fault and a write fault count once each");

	/* Content is the buffer's: remap and read back. */
	char *m2 = map(pgoff, 0, n);

	tap_ok(get(m2, 1) == 'a' && get(m2, 15) == 'd' && get(m2, 7) == 'e',
	       "a second mapping sees the first one's writes (same pages)");
	unmap(m2, n);
	unmap(m, n);
}

/* Case: wp, then writes fault once per page through ->pfn_mkwrite(). */
static void test_wp(void)
{
	const uint64_t n = 8;
	uint64_t pgoff = buf_alloc(n);
	char *m = map(pgoff, 0, n);
	struct test_mdh_page_counts c[8];
	struct clean_res r;
	struct bm want;
	uint64_t changed;

	for (uint64_t i = 0; i < n; i++)
		put(m, i, 'w');
	r = clean(pgoff, 0, n);
	reset_counts(pgoff, n);

	changed = wp(pgoff, 0, n);
	tap_ok(changed == 8, "wp of 8 writable PTEs returns 8 (%" PRIu64 ")",
	       changed);
	changed = wp(pgoff, 0, n);
	tap_ok(changed == 0, "wp again returns 0 (%" PRIu64 ")", changed);

	put(m, 0, 'x');
	put(m, 0, 'y');
	put(m, 2, 'x');
	put(m, 2, 'y');
	counts(pgoff, n, c, true);
	bool ok = true;

	for (uint64_t i = 0; i < n; i++)
		ok &= c[i].faults == 0 &&
		      c[i].mkwrites == ((i == 0 || i == 2) ? 1u : 0u);
	tap_ok(ok, "after wp, two writes to a page make one ->pfn_mkwrite() "
	       "call and no ->fault()");

	r = clean(pgoff, 0, n);
	want = bm_of(0, 2, END);
	check_clean(&r, &want, 2, "clean after wp reports the pages "
		    "written since");

	changed = wp(pgoff, 1, 4);
	tap_ok(changed == 1, "partial wp [1,5) write-protects only page 2 "
	       "there (%" PRIu64 ")", changed);
	changed = wp(pgoff, 0, n);
	tap_ok(changed == 1, "the rest (page 0) is left to a later wp (%"
	       PRIu64 ")", changed);
	unmap(m, n);
}

/* Case: the MKWRITE method, write-protected PTEs inserted on fault. */
static void test_mkwrite_buffer(void)
{
	const uint64_t n = 4;
	int err;
	uint64_t pgoff = buf_alloc_flags(n, TEST_MDH_BUF_MKWRITE, &err);
	struct test_mdh_page_counts c[4];
	struct clean_res r;
	struct bm want;

	if (err)
		tap_bail("TEST_MDH_ALLOC(MKWRITE): %s", strerror(err));
	char *m = map(pgoff, 0, n);

	put(m, 0, 'a');		/* write fault, then mkwrite */
	(void)get(m, 1);
	put(m, 1, 'b');		/* read fault, then mkwrite */
	(void)get(m, 3);	/* read fault only */
	counts(pgoff, n, c, true);
	tap_ok(c[0].faults == 1 && c[0].write_faults == 1 &&
	       c[0].mkwrites == 1 && c[1].faults == 1 && !c[1].write_faults &&
	       c[1].mkwrites == 1 && c[3].faults == 1 && !c[3].mkwrites &&
	       !c[2].faults,
	       "MKWRITE buffer: every first write goes through ->pfn_mkwrite() "
	       "(page 0: %u/%u/%u, page 1: %u/%u/%u)", c[0].faults,
	       c[0].write_faults, c[0].mkwrites, c[1].faults,
	       c[1].write_faults, c[1].mkwrites);
	r = clean(pgoff, 0, n);
	want = bm_of(0, 1, END);
	check_clean(&r, &want, 2, "MKWRITE buffer: clean reports the "
		    "two written pages");
	unmap(m, n);
}

/* Case: partial ranges, start/end, bitmap_pgoff. */
static void test_partial(void)
{
	const uint64_t n = 32;
	uint64_t pgoff = buf_alloc(n);
	char *m = map(pgoff, 0, n);
	struct clean_res r;
	struct bm want;

	put(m, 3, '1');
	put(m, 10, '2');
	put(m, 20, '3');
	put(m, 30, '4');

	r = clean(pgoff, 8, 16);
	want = bm_of(10, 20, END);
	check_clean(&r, &want, 2, "partial clean [8,24) reports only pages 10 and 20");
	tap_ok(r.start == 10 && r.end == 21,
	       "partial clean [8,24): start 10, end 21 (%" PRIu64 ", %" PRIu64
	       ")", r.start, r.end);

	/* First set bit at or beyond nr: the helper's "none" start is nr. */
	r = clean(pgoff, 24, 8);
	want = bm_of(30, END);
	check_clean(&r, &want, 1, "partial clean [24,32) reports only page 30");
	tap_ok(r.start == 30 && r.end == 31,
	       "partial clean [24,32) with bitmap_pgoff at page 0: start 30, "
	       "end 31 (%" PRIu64 ", %" PRIu64 ")", r.start, r.end);

	/* start/end accumulate over calls. */
	put(m, 12, '5');
	r = clean_raw(pgoff + 0, 16, pgoff, 20, 21);
	want = bm_of(3, 12, END);
	check_clean(&r, &want, 2, "the rest is left for a later clean: [0,16) reports 3 and 12");
	tap_ok(r.start == 3 && r.end == 21,
	       "start/end passed in (20, 21) are widened, not replaced (%"
	       PRIu64 ", %" PRIu64 ")", r.start, r.end);

	r = clean_raw(pgoff + 16, 16, pgoff + 16, 0, 0);
	want = bm_of(END);
	check_clean(&r, &want, 0, "nothing left in [16,32)");

	/* bitmap_pgoff == first_index: bits relative to the range. */
	put(m, 17, '6');
	put(m, 31, '7');
	r = clean_raw(pgoff + 16, 16, pgoff + 16, 0, 0);
	want = bm_of(1, 15, END);
	bool ok = bm_eq(&r.bm, &want) && r.changed == 2 && r.start == 1 &&
	     r.end == 16;
	if (!ok)
		tap_diag("bitmap %s start %" PRIu64 " end %" PRIu64,
			 bm_str(&r.bm), r.start, r.end);
	tap_ok(ok, "bitmap_pgoff = first_index: bits, start and end are "
	       "relative to the range");

	r = clean_raw(pgoff + 5, 0, pgoff + 5, 0, 0);
	want = bm_of(END);
	check_clean(&r, &want, 0, "an empty range (nr 0) reports nothing");
	unmap(m, n);
}

/* Case: several VMAs of one buffer in one process. */
static void test_multi_vma(void)
{
	const uint64_t n = 16;
	uint64_t pgoff = buf_alloc(n);
	char *a = map(pgoff, 0, n);
	char *b = map(pgoff, 0, n);
	struct clean_res r;
	struct bm want;

	put(a, 2, 'a');
	put(b, 9, 'b');
	put(a, 5, 'c');
	put(b, 5, 'd');
	r = clean(pgoff, 0, n);
	want = bm_of(2, 5, 9, END);
	check_clean(&r, &want, 4, "two mmaps of one buffer: both VMAs "
		    "seen, page 5 dirty in both counts twice");
	tap_ok(get(a, 9) == 'b' && get(b, 2) == 'a' && get(a, 5) == 'd',
	       "the two mmaps share the buffer's pages");
	unmap(b, n);

	/* Split by mprotect of the middle. */
	put(a, 1, 'e');
	put(a, 7, 'f');
	put(a, 8, 'g');
	put(a, 14, 'h');
	if (mprotect(a + 6 * page_size, 4 * page_size, PROT_READ))
		tap_bail("mprotect: %s", strerror(errno));
	r = clean(pgoff, 0, n);
	want = bm_of(1, 7, 8, 14, END);
	check_clean(&r, &want, 4, "VMA split in three by mprotect: all "
		    "three walked, the read-only middle's dirty PTEs reported");
	uint64_t changed = wp(pgoff, 0, n);

	tap_ok(changed == 4, "wp of the split mapping changes the 4 writable "
	       "PTEs (1, 2, 5, 14) outside the read-only middle (%" PRIu64 ")",
	       changed);
	if (mprotect(a + 6 * page_size, 4 * page_size, PROT_READ | PROT_WRITE))
		tap_bail("mprotect: %s", strerror(errno));
	put(a, 8, 'i');
	put(a, 14, 'j');
	r = clean(pgoff, 0, n);
	want = bm_of(8, 14, END);
	check_clean(&r, &want, 2, "writes after mprotect back to "
		    "read-write are reported");

	/* Split by munmap of the middle. */
	put(a, 0, 'k');
	put(a, 5, 'l');
	put(a, 15, 'm');
	unmap(a + 4 * page_size, 4);
	r = clean(pgoff, 0, n);
	want = bm_of(0, 15, END);
	check_clean(&r, &want, 2, "VMA split by munmap of its middle: "
		    "both halves walked; the unmapped page's dirty bit went "
		    "with its PTE");
	unmap(a, 4);
	unmap(a + 8 * page_size, 8);
}

/* Case: mappings at non-zero offsets into the buffer. */
static void test_offsets(void)
{
	const uint64_t n = 32;
	uint64_t pgoff = buf_alloc(n);
	uint64_t other = buf_alloc(8);
	char *a = map(pgoff, 10, 4);	/* buffer pages 10..13 */
	char *b = map(pgoff, 20, 8);	/* buffer pages 20..27 */
	char *o = map(other, 0, 8);
	struct clean_res r;
	struct bm want;

	put(a, 1, 'A');
	put(b, 0, 'B');
	put(b, 7, 'C');
	put(o, 0, 'O');
	r = clean(pgoff, 0, n);
	want = bm_of(11, 20, 27, END);
	check_clean(&r, &want, 3, "offset mappings: bits are buffer "
		    "pages 11, 20, 27 (vm_pgoff honoured)");

	char *all = map(pgoff, 0, n);

	tap_ok(get(all, 11) == 'A' && get(all, 20) == 'B' &&
	       get(all, 27) == 'C' && get(all, 0) == 0,
	       "offset mappings map the buffer pages the bits name");
	r = clean(other, 0, 8);
	want = bm_of(0, END);
	check_clean(&r, &want, 1, "another buffer of the same address "
		    "space is reported on its own range only");
	unmap(all, n);
	unmap(a, 4);
	unmap(b, 8);
	unmap(o, 8);
}

static void must_write(int fd, char c)
{
	if (write(fd, &c, 1) != 1)
		_exit(90);
}

static char must_read(int fd)
{
	char c = 0;

	if (read(fd, &c, 1) != 1)
		return 0;
	return c;
}

/* Case: fork; child writes, parent cleans and write-protects. */
static void test_fork(void)
{
	const uint64_t n = 8;
	uint64_t pgoff = buf_alloc(n);
	char *m = map(pgoff, 0, n);
	struct test_mdh_page_counts c[8];
	int to_child[2], to_parent[2], status;
	struct clean_res r;
	struct bm want;
	pid_t pid;

	put(m, 0, 'p');
	if (pipe(to_child) || pipe(to_parent))
		tap_bail("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		tap_bail("fork: %s", strerror(errno));
	if (pid == 0) {
		/* Step 1: write through the inherited and a new mapping. */
		char *own = map(pgoff, 4, 4);

		put(m, 3, 'c');
		put(own, 0, 'd');	/* buffer page 4 */
		must_write(to_parent[1], '1');
		/* Step 2: after the parent's wp, write page 2 twice. */
		if (must_read(to_child[0]) != '2')
			_exit(91);
		put(m, 2, 'e');
		put(m, 2, 'f');
		must_write(to_parent[1], '2');
		/* Step 3: write page 6 and exit. */
		if (must_read(to_child[0]) != '3')
			_exit(92);
		put(own, 2, 'g');	/* buffer page 6 */
		_exit(0);
	}
	if (must_read(to_parent[0]) != '1')
		tap_bail("child failed at step 1");
	r = clean(pgoff, 0, n);
	want = bm_of(0, 3, 4, END);
	check_clean(&r, &want, 3, "fork: the parent's clean sees the "
		    "child's writes (inherited and own mmap) and its own");

	reset_counts(pgoff, n);
	/* Writable PTEs: parent 0; child 0 (copied at fork), 3, 4. */
	uint64_t changed = wp(pgoff, 0, n);

	tap_ok(changed == 4, "fork: wp reaches the PTEs of both processes (%"
	       PRIu64 ", want 4)", changed);
	must_write(to_child[1], '2');
	if (must_read(to_parent[0]) != '2')
		tap_bail("child failed at step 2");
	counts(pgoff, n, c, true);
	tap_ok(c[2].mkwrites == 0 && c[2].faults == 1 && c[2].write_faults == 1,
	       "fork: the child's first write to an unfaulted page is a write "
	       "fault (%u/%u/%u)", c[2].faults, c[2].write_faults,
	       c[2].mkwrites);
	put(m, 0, 'P');
	counts(pgoff, n, c, true);
	tap_ok(c[0].mkwrites == 1 && c[0].faults == 0,
	       "fork: the parent's write to its write-protected page is one "
	       "->pfn_mkwrite() and no ->fault() (%u/%u)", c[0].faults,
	       c[0].mkwrites);
	r = clean(pgoff, 0, n);
	want = bm_of(0, 2, END);
	check_clean(&r, &want, 2, "fork: clean after wp reports the "
		    "pages both processes wrote since");

	must_write(to_child[1], '3');
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		tap_bail("child failed (status %#x)", status);
	r = clean(pgoff, 0, n);
	want = bm_of(END);
	check_clean(&r, &want, 0, "fork: writes of a child that exited "
		    "before the clean are not reported (its PTEs were zapped)");
	tap_ok(get(m, 6) == 'g' && get(m, 2) == 'f',
	       "fork: the exited child's writes are in the buffer");
	put(m, 1, 'q');
	r = clean(pgoff, 0, n);
	want = bm_of(1, END);
	check_clean(&r, &want, 1, "fork: after the child exited, the "
		    "parent's writes are reported");
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
	unmap(m, n);
}

/* Case: MAP_PRIVATE and read-only shared mappings are skipped. */
static void test_skipped(void)
{
	const uint64_t n = 8;
	uint64_t pgoff = buf_alloc(n);
	char *s = map(pgoff, 0, n);
	char *p = map_at(dev_fd, NULL, pgoff, 0, n, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE);
	struct clean_res r;
	struct bm want;

	/* Linked after the shared mapping. */
	put(s, 1, 's');
	tap_ok(get(p, 1) == 's', "MAP_PRIVATE: reads the buffer before COW");
	put(p, 3, 'p');		/* COW: an anonymous page */
	put(p, 1, 'P');		/* COW of a page the buffer has data in */
	r = clean(pgoff, 0, n);
	want = bm_of(1, END);
	check_clean(&r, &want, 1, "MAP_PRIVATE linked after the shared "
		    "VMA: skipped, its COW writes not reported");
	uint64_t changed = wp(pgoff, 0, n);

	tap_ok(changed == 1, "MAP_PRIVATE: wp changes only the shared VMA's "
	       "PTE (%" PRIu64 ")", changed);
	put(s, 3, 'S');
	tap_ok(get(p, 3) == 'p' && get(p, 1) == 'P' && get(s, 3) == 'S' &&
	       get(s, 1) == 's',
	       "MAP_PRIVATE: COW pages untouched by the helpers, buffer "
	       "untouched by COW writes");
	r = clean(pgoff, 0, n);
	unmap(p, n);
	unmap(s, n);

	/* A private mapping linked first (lower offset) in the i_mmap tree. */
	p = map_at(dev_fd, NULL, pgoff, 0, n, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE);
	s = map(pgoff, 2, 6);	/* buffer pages 2..7 */
	put(p, 0, 'x');
	put(s, 1, 'y');		/* buffer page 3 */
	r = clean(pgoff, 0, n);
	want = bm_of(3, END);
	check_clean(&r, &want, 1, "a shared VMA linked after a "
		    "MAP_PRIVATE one is still walked by clean");
	/* Leave no dirty or writable PTE behind, whatever happened. */
	unmap(s, 6);
	s = map(pgoff, 2, 6);
	put(s, 1, 'z');
	changed = wp(pgoff, 0, n);
	tap_ok(changed == 1,
	       "a shared VMA linked after a MAP_PRIVATE one is still "
	       "write-protected by wp (%" PRIu64 ", want 1)", changed);
	unmap(s, 6);
	unmap(p, n);
	r = clean(pgoff, 0, n);

	/* Shared read-only: PROT_READ of a writable file (VM_MAYWRITE). */
	char *ro = map_at(dev_fd, NULL, pgoff, 0, n, PROT_READ, MAP_SHARED);

	s = map(pgoff, 0, n);
	put(s, 4, 'r');
	tap_ok(get(ro, 4) == 'r', "PROT_READ shared mapping reads the buffer");
	r = clean(pgoff, 0, n);
	want = bm_of(4, END);
	check_clean(&r, &want, 1, "PROT_READ shared mapping (of a "
		    "writable file): its read-only PTEs are not reported");
	unmap(s, n);
	unmap(ro, n);

	/* Shared mapping of a read-only file: no VM_SHARED, no VM_MAYWRITE. */
	int rofd = ioctl(dev_fd, TEST_MDH_DUP_RO);

	if (rofd < 0)
		tap_bail("TEST_MDH_DUP_RO: %s", strerror(errno));
	void *bad = mmap(NULL, n * page_size, PROT_READ | PROT_WRITE,
			 MAP_SHARED, rofd, (off_t)(pgoff * page_size));

	tap_ok(bad == MAP_FAILED && errno == EACCES,
	       "a read-only file cannot be mapped shared and writable");
	s = map(pgoff, 0, n);
	ro = map_at(rofd, NULL, pgoff, 0, n, PROT_READ, MAP_SHARED);
	put(s, 6, 't');
	r = clean(pgoff, 0, n);
	want = bm_of(6, END);
	check_clean(&r, &want, 1, "read-only file's shared mapping "
		    "linked after the writable one: skipped, no crash");
	unmap(s, n);
	unmap(ro, n);

	ro = map_at(rofd, NULL, pgoff, 0, n, PROT_READ, MAP_SHARED);
	s = map(pgoff, 0, n);
	(void)get(ro, 6);
	put(s, 6, 'u');
	tap_ok(get(ro, 6) == 'u', "read-only file's mapping sees the buffer");
	r = clean(pgoff, 0, n);
	check_clean(&r, &want, 1, "a shared VMA linked after a "
		    "read-only file's shared mapping is still walked by clean");
	unmap(s, n);
	unmap(ro, n);
	close(rofd);
}

/* Case: mremap moves and shrinks a mapping; its PTEs' dirty bits follow. */
static void test_mremap(void)
{
	const uint64_t n = 8;
	uint64_t pgoff = buf_alloc(n);
	char *m = map(pgoff, 0, n);
	struct clean_res r;
	struct bm want;
	char *dst;

	/* A free destination. */
	dst = mmap(NULL, 2 * n * page_size, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (dst == MAP_FAILED)
		tap_bail("mmap: %s", strerror(errno));
	dst += n * page_size;

	put(m, 2, 'a');
	char *moved = mremap(m, n * page_size, n * page_size,
			     MREMAP_MAYMOVE | MREMAP_FIXED, dst);

	if (moved == MAP_FAILED)
		tap_bail("mremap: %s", strerror(errno));
	r = clean(pgoff, 0, n);
	want = bm_of(2, END);
	check_clean(&r, &want, 1, "mremap (move): a write before the "
		    "move is reported after it");
	put(moved, 5, 'b');
	r = clean(pgoff, 0, n);
	want = bm_of(5, END);
	check_clean(&r, &want, 1, "mremap (move): writes through the "
		    "new address are reported");

	char *shrunk = mremap(moved, n * page_size, 4 * page_size, 0);

	if (shrunk == MAP_FAILED)
		tap_bail("mremap (shrink): %s", strerror(errno));
	put(shrunk, 3, 'c');
	(void)get(shrunk, 1);
	void *grow = mremap(shrunk, 4 * page_size, n * page_size,
			    MREMAP_MAYMOVE);

	tap_ok(grow == MAP_FAILED, "mremap cannot grow a VM_DONTEXPAND mapping");
	r = clean(pgoff, 0, n);
	want = bm_of(3, END);
	check_clean(&r, &want, 1, "mremap (shrink): write reported, "
		    "the dropped tail not walked");
	unmap(shrunk, 4);
	munmap(dst - n * page_size, n * page_size);
}

/* Case: a huge PMD entry, read-only and clean, is skipped silently. */
static void test_huge(void)
{
	const uint64_t n = 512;
	const size_t huge = 2u << 20;
	struct test_mdh_page_counts c[512];
	struct clean_res r;
	struct bm want;
	int err;
	uint64_t pgoff = buf_alloc_flags(2 * n, TEST_MDH_BUF_HUGE, &err);

	if (err) {
		for (int i = 0; i < 5; i++)
			tap_skip("no huge buffer: %s", strerror(err));
		return;
	}
	char *res = mmap(NULL, 2 * huge, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (res == MAP_FAILED)
		tap_bail("mmap: %s", strerror(errno));
	char *aligned = (char *)(((uintptr_t)res + huge - 1) & ~(huge - 1));
	char *m = map_at(dev_fd, aligned, pgoff, 0, n,
			 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED);

	/*
	 * A write fault maps a PTE (and a PTE table); unmapping frees the
	 * table, so the read fault below finds an empty PMD.
	 */
	put(m, 9, 'h');
	r = clean(pgoff, 0, n);
	unmap(m, n);
	m = map_at(dev_fd, aligned, pgoff, 0, n, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_FIXED);
	reset_counts(pgoff, n);
	char v = get(m, 9);

	(void)get(m, 300);
	counts(pgoff, n, c, true);
	tap_ok(v == 'h' && c[0].huge_maps == 1 && c[9].faults == 1 &&
	       c[300].faults == 0,
	       "a read fault maps the buffer's first 2 MiB with one huge PMD "
	       "(huge maps %u, faults %u/%u)", c[0].huge_maps, c[9].faults,
	       c[300].faults);
	r = clean(pgoff, 0, n);
	want = bm_of(END);
	check_clean(&r, &want, 0, "clean skips a clean read-only huge "
		    "PMD (no WARN)");
	uint64_t changed = wp(pgoff, 0, n);

	tap_ok(changed == 0, "wp skips a read-only huge PMD (%" PRIu64 ")",
	       changed);
	put(m, 7, 'w');
	(void)get(m, 300);
	counts(pgoff, n, c, true);
	tap_ok(c[7].write_faults == 1 && c[300].faults == 1 &&
	       !c[0].huge_maps,
	       "a write splits the huge PMD and faults on the PTE level");
	r = clean(pgoff, 0, n);
	want = bm_of(7, END);
	check_clean(&r, &want, 1, "after the split, clean reports the "
		    "written page only");
	unmap(m, n);
	munmap(res, 2 * huge);
}

int main(void)
{
	page_size = sysconf(_SC_PAGESIZE);
	tap_plan(NTESTS);
	dev_fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	if (dev_fd < 0)
		tap_bail("%s: %s (CONFIG_TEST_MAPPING_DIRTY_HELPERS)", DEV_PATH,
			 strerror(errno));
	signal(SIGPIPE, SIG_IGN);

	test_single_vma();
	test_wp();
	test_mkwrite_buffer();
	test_partial();
	test_multi_vma();
	test_offsets();
	test_fork();
	test_skipped();
	test_mremap();
	test_huge();
	close(dev_fd);
	return tap_finish();
}
