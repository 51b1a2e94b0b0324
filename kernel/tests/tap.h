/* SPDX-License-Identifier: MIT */
/* Minimal TAP output for the in-guest test programs. */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>

void tap_plan(int count);
/* Report one test; returns ok so callers can chain on it. */
bool tap_ok(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report a test with a known cause of failure: a failure prints
 * "not ok N - ... # TODO <todo>" (an expected failure, not counted by
 * tap_finish); with todo NULL this is tap_ok. */
bool tap_ok_todo(bool ok, const char *todo, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tap_skip(const char *reason_fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Abandon the run (TAP "Bail out!"), exit 1. */
void tap_bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Exit status: 0 if every reported test passed and the plan was met. */
int tap_finish(void);

#endif
