/* SPDX-License-Identifier: MIT */
/* Minimal TAP output for the in-guest test programs. */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>

void tap_plan(int count);
/* Report one test; returns ok so callers can chain on it. */
bool tap_ok(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_skip(const char *reason_fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Abandon the run (TAP "Bail out!"), exit 1. */
void tap_bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Exit status: 0 if every reported test passed and the plan was met. */
int tap_finish(void);

#endif
