/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Userspace shim for <linux/kernel.h>: just enough for the VMware SVGA
 * device headers (drivers/gpu/drm/vmwgfx/device_include) to compile
 * unchanged in a C11 host program.
 */
#ifndef CSVGA_SHIM_LINUX_KERNEL_H
#define CSVGA_SHIM_LINUX_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* __le16/__le32/__le64 as the uAPI defines them, so that programs using
 * both these headers and the kernel's uAPI headers see one definition. */
#include <linux/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef U8_MAX
#define U8_MAX ((u8)~0U)
#endif
#ifndef U16_MAX
#define U16_MAX ((u16)~0U)
#endif
#ifndef U32_MAX
#define U32_MAX ((u32)~0U)
#endif
#ifndef U64_MAX
#define U64_MAX ((u64)~0ULL)
#endif

/* Only referenced by the MKS guest statistics structures. */
typedef struct {
	int64_t counter;
} atomic64_t;

#endif
