/* SPDX-License-Identifier: MIT */
/*
 * coherent-svga renderer tests: shared helpers.  A test exits 77 (meson's
 * skip) only when no Vulkan device exists; every other problem fails.
 */
#ifndef RENDER_TEST_H
#define RENDER_TEST_H

#include "svga_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#endif

static int rt_failures, rt_checks;

#define RCHECK(c, ...) do {                                                \
	rt_checks++;                                                       \
	if (!(c)) {                                                        \
		rt_failures++;                                             \
		fprintf(stderr, "%s:%d: FAIL %s: ", __FILE__, __LINE__,   \
			#c);                                               \
		fprintf(stderr, __VA_ARGS__);                              \
		fputc('\n', stderr);                                       \
	}                                                                  \
} while (0)

/* A call that must succeed; on failure prints the renderer's error. */
#define ROK(r, call) do {                                                  \
	rt_checks++;                                                       \
	if ((call) != 0) {                                                 \
		rt_failures++;                                             \
		fprintf(stderr, "%s:%d: FAIL %s: %s\n", __FILE__, __LINE__,\
			#call, svga_render_last_error(r));                 \
	}                                                                  \
} while (0)

static inline struct svga_render *rt_open(const struct svga_render_config *c)
{
	struct svga_render *r;
	char err[512];
	int ret = svga_render_new(c, &r, err, sizeof(err));

	if (ret == 1) {
		printf("SKIP: %s\n", err);
		exit(77);
	}
	if (ret) {
		fprintf(stderr, "FAIL: svga_render_new: %s\n", err);
		exit(1);
	}
	printf("# Vulkan device: %s\n", svga_render_device_name(r));
#if defined(__SANITIZE_ADDRESS__)
	/* The loader unloads the driver at vkDestroyInstance; keep
	 * lavapipe mapped so LeakSanitizer can name its own leaks (and
	 * lsan-vulkan.supp suppress exactly those). */
	dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
#endif
	return r;
}

static inline int rt_report(const char *name)
{
	printf("%s: %d checks, %d failures\n", name, rt_checks, rt_failures);
	return rt_failures ? 1 : 0;
}

/* xorshift: reproducible test data */
static inline uint32_t rt_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

#endif
