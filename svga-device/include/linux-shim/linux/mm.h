/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Userspace shim for <linux/mm.h> (see linux/kernel.h in this directory). */
#ifndef CSVGA_SHIM_LINUX_MM_H
#define CSVGA_SHIM_LINUX_MM_H

#include <asm/page.h>

#endif
