/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DXBC containers: the wrapping vkd3d-shader needs around a shader's
 * token stream (code chunk SHDR/SHEX) and its signatures (ISGN, OSGN,
 * PCSG).  Layout: "DXBC", a 16-byte checksum, version 1, total size,
 * chunk count, chunk offsets, then each chunk as fourcc, size, payload.
 */
#ifndef SVGA_DXBC_H
#define SVGA_DXBC_H

#include <stddef.h>
#include <stdint.h>

/* A DXBC container's chunk: four-character code and payload. */
struct svga_dxbc_chunk { uint32_t fourcc; const void *data; size_t size; };
#define SVGA_DXBC_FOURCC(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
/* Builds a container (header, checksum as vkd3d verifies it, chunk table, chunks in order).
 * Returns a malloc'ed buffer and its size, or NULL (size overflow or out of memory). */
void *svga_dxbc_build(const struct svga_dxbc_chunk *chunks, unsigned count, size_t *size_out);

#endif
