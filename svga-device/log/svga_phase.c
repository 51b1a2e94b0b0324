// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core: the clock of the per-phase time accounting
 * (svga_phase.h).  A file of its own because clock_gettime is POSIX, not
 * C11: the feature macro must come before any system header.
 */
#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "svga_phase.h"

#include <time.h>

uint64_t svga_phase_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
