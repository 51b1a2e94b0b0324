// SPDX-License-Identifier: MIT
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int planned = -1;
static int reported;
static int failures;

void tap_plan(int count)
{
	planned = count;
	printf("1..%d\n", count);
	fflush(stdout);
}

static bool report(bool ok, const char *todo, const char *fmt, va_list ap)
{
	reported++;
	if (!ok && !todo)
		failures++;
	printf("%s %d - ", ok ? "ok" : "not ok", reported);
	vprintf(fmt, ap);
	if (todo)
		printf(" # TODO %s", todo);
	printf("\n");
	fflush(stdout);
	return ok;
}

bool tap_ok(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ok, NULL, fmt, ap);
	va_end(ap);
	return ok;
}

bool tap_ok_todo(bool ok, const char *todo, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ok, todo, fmt, ap);
	va_end(ap);
	return ok;
}

void tap_skip(const char *fmt, ...)
{
	va_list ap;

	reported++;
	printf("ok %d # SKIP ", reported);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void tap_bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

int tap_finish(void)
{
	if (planned >= 0 && reported != planned) {
		printf("# planned %d tests but ran %d\n", planned, reported);
		return 1;
	}
	return failures ? 1 : 0;
}
