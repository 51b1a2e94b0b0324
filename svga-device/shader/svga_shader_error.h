/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One error message per failed translation, naming where and why. */
#ifndef SVGA_SHADER_ERROR_H
#define SVGA_SHADER_ERROR_H

#include <stdint.h>

struct svga_sh_error {
	uint32_t offset;   /* token (dword) offset the error is about */
	char msg[224];     /* "token 12 (mov): operand 1: ..." */
};

/* Formats the message; always returns -1 so callers can `return fail(...)`. */
int svga_sh_fail(struct svga_sh_error *err, uint32_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
