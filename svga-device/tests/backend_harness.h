/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga tests: attaching the renderer (backend/) for the
 * test_backend_* programs.  Apart from dx_harness.h because that one is
 * also used by tests that do not link the backend (test_dxstate,
 * test_genmips).
 */
#ifndef SVGA_TEST_BACKEND_HARNESS_H
#define SVGA_TEST_BACKEND_HARNESS_H

#include "dx_harness.h"
#include "svga_backend.h"

#include <dlfcn.h>

/*
 * Attaches the renderer to t's device.  Returns 0 with *be set, or the
 * exit code main() should return: 77 (skip, printed on stdout as "<test>:
 * no Vulkan device (<why>), skipped") when no Vulkan device exists, 1
 * (printed on stderr) on any other failure.
 */
static inline int backend_attach_or_skip(struct tdev *t,
					 struct svga_backend **be,
					 const char *test)
{
	char err[256];
	int rc = svga_backend_attach(t->dev, NULL, be, err, sizeof(err));

	if (rc == 1) {
		printf("%s: no Vulkan device (%s), skipped\n", test, err);
		return 77;
	}
	if (rc) {
		fprintf(stderr, "renderer: %s\n", err);
		return 1;
	}
#if defined(__SANITIZE_ADDRESS__)
	/* as render_test.h: keep lavapipe mapped after vkDestroyInstance so
	 * that LeakSanitizer names its own leaks instead of "unknown" */
	dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
#endif
	return 0;
}

#endif
