/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Userspace shim for <asm/page.h>.  The SVGA device always uses 4 KiB
 * guest pages (PPNs in page tables are 4 KiB frame numbers), whatever the
 * host page size is.
 */
#ifndef CSVGA_SHIM_ASM_PAGE_H
#define CSVGA_SHIM_ASM_PAGE_H

#ifndef PAGE_SHIFT
#define PAGE_SHIFT 12
#endif
#ifndef PAGE_SIZE
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#endif
#ifndef PFN_UP
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#endif

#endif
