// SPDX-License-Identifier: GPL-2.0-or-later
#include "svga_shader_error.h"

#include <stdarg.h>
#include <stdio.h>

int svga_sh_fail(struct svga_sh_error *err, uint32_t offset, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return -1;
	err->offset = offset;
	n = snprintf(err->msg, sizeof(err->msg), "token %u: ", offset);
	if (n < 0 || (unsigned)n >= sizeof(err->msg))
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof(err->msg) - (unsigned)n, fmt, ap);
	va_end(ap);
	return -1;
}
