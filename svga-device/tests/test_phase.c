// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: the per-phase time accounting (include/svga_phase.h).
 * Nested phases are charged exclusively (each interval to the innermost
 * phase only), so the phases sum to at most the wall time; a disabled
 * clock charges nothing; a read inside a phase includes the phase so far;
 * a stack deeper than the clock's stays balanced; and the device's clock
 * charges its public entry points to the core.
 */
#define _POSIX_C_SOURCE 200809L   /* nanosleep under -std=c11 */

#include "harness.h"
#include "svga_phase.h"

#include <time.h>

#define MS 1000000ull

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { 0, (long)ms * 1000000L };

	while (nanosleep(&ts, &ts))
		;
}

static uint64_t sum(const uint64_t ns[SVGA_PHASE_NUM])
{
	uint64_t s = 0;

	for (unsigned p = 0; p < SVGA_PHASE_NUM; p++)
		s += ns[p];
	return s;
}

static void test_disabled(void)
{
	struct svga_phase_clock pc;
	uint64_t ns[SVGA_PHASE_NUM];

	svga_phase_enable(&pc, false);
	svga_phase_push(&pc, SVGA_PHASE_CORE);
	sleep_ms(2);
	svga_phase_pop(&pc);
	svga_phase_read(&pc, ns);
	CHECK_EQ(sum(ns), 0);
	/* no clock at all (the renderer without a device) */
	svga_phase_push(NULL, SVGA_PHASE_PIPELINE);
	svga_phase_pop(NULL);
}

/* core 2 ms, record 3 ms, gpu-wait 4 ms inside record, core 1 ms more */
static void test_nested(void)
{
	struct svga_phase_clock pc;
	uint64_t ns[SVGA_PHASE_NUM], mid[SVGA_PHASE_NUM], t0, wall;

	svga_phase_enable(&pc, true);
	t0 = svga_phase_now();
	svga_phase_push(&pc, SVGA_PHASE_CORE);
	sleep_ms(2);
	svga_phase_push(&pc, SVGA_PHASE_RECORD);
	sleep_ms(3);
	svga_phase_push(&pc, SVGA_PHASE_GPU_WAIT);
	sleep_ms(4);
	/* a read inside a phase counts it so far */
	svga_phase_read(&pc, mid);
	CHECK(mid[SVGA_PHASE_GPU_WAIT] >= 4 * MS);
	svga_phase_pop(&pc);
	svga_phase_pop(&pc);
	sleep_ms(1);
	svga_phase_pop(&pc);
	wall = svga_phase_now() - t0;
	svga_phase_read(&pc, ns);
	printf("nested: core %.2f ms, record %.2f ms, gpu-wait %.2f ms, "
	       "wall %.2f ms\n", ns[SVGA_PHASE_CORE] / 1e6,
	       ns[SVGA_PHASE_RECORD] / 1e6, ns[SVGA_PHASE_GPU_WAIT] / 1e6,
	       wall / 1e6);
	CHECK(ns[SVGA_PHASE_CORE] >= 3 * MS);
	CHECK(ns[SVGA_PHASE_RECORD] >= 3 * MS);
	CHECK(ns[SVGA_PHASE_GPU_WAIT] >= 4 * MS);
	/* exclusive: the outer phases do not also count the inner ones */
	CHECK(sum(ns) <= wall);
	CHECK_EQ(ns[SVGA_PHASE_TRANSLATE] + ns[SVGA_PHASE_PIPELINE] +
		 ns[SVGA_PHASE_UPLOAD] + ns[SVGA_PHASE_READBACK] +
		 ns[SVGA_PHASE_GUEST_MEM], 0);
	CHECK_EQ(pc.depth, 0);
	/* nothing runs now: a later read adds nothing */
	sleep_ms(2);
	svga_phase_read(&pc, mid);
	CHECK_EQ(sum(mid), sum(ns));
}

static void test_overflow(void)
{
	struct svga_phase_clock pc;
	uint64_t ns[SVGA_PHASE_NUM];
	unsigned n = SVGA_PHASE_MAX_DEPTH + 4;

	svga_phase_enable(&pc, true);
	for (unsigned i = 0; i < n; i++)
		svga_phase_push(&pc, SVGA_PHASE_CORE);
	CHECK_EQ(pc.depth, SVGA_PHASE_MAX_DEPTH);
	CHECK_EQ(pc.overflow, 4);
	for (unsigned i = 0; i < n; i++)
		svga_phase_pop(&pc);
	CHECK_EQ(pc.depth, 0);
	CHECK_EQ(pc.overflow, 0);
	/* an unmatched pop is ignored */
	svga_phase_pop(&pc);
	CHECK_EQ(pc.depth, 0);
	svga_phase_read(&pc, ns);
	CHECK(sum(ns) > 0);
}

/* The device's own clock: register accesses are the core's time. */
static void test_device(void)
{
	struct tdev t;
	struct svga_phase_clock *pc;
	uint64_t ns[SVGA_PHASE_NUM];

	tdev_init(&t, 1);
	pc = svga_dev_phase_clock(t.dev);
	svga_phase_enable(pc, true);
	for (unsigned i = 0; i < 1000; i++)
		(void)svga_dev_reg_read(t.dev, SVGA_REG_ID);
	svga_phase_read(pc, ns);
	CHECK(ns[SVGA_PHASE_CORE] > 0);
	CHECK_EQ(sum(ns), ns[SVGA_PHASE_CORE]);
	CHECK_EQ(pc->depth, 0);
	svga_phase_enable(pc, false);
	(void)svga_dev_reg_read(t.dev, SVGA_REG_ID);
	svga_phase_read(pc, ns);
	CHECK_EQ(sum(ns), 0);
	tdev_fini(&t);
}

int main(void)
{
	test_disabled();
	test_nested();
	test_overflow();
	test_device();
	return t_report("test_phase");
}
