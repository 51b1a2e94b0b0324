// SPDX-License-Identifier: MIT
/*
 * coh-cpu-to-gpu: CPU writes to a coherent surface's mapping must reach
 * the device by the next GPU command that uses the surface.
 *
 * For each surface shape (buffers, mip chains, arrays, a cube map, a 3D
 * texture, a block-compressed format, an odd row pitch) the test writes
 * through the mapping (everything, then one byte, one page, a few
 * scattered pages), has the GPU copy the coherent surface into a
 * non-coherent helper of the same layout, reads the helper back
 * explicitly and compares it byte for byte with a CPU shadow of what was
 * written.  The test never uploads the coherent surface itself: only the
 * kernel's dirty tracking can get the bytes there.
 */
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shape {
	const char *name;
	uint32_t format;
	uint64_t flags;
	uint32_t w, h, d, mips, array;
	enum coh_copy how;
};

#define TEX (SVGA3D_SURFACE_HINT_TEXTURE | SVGA3D_SURFACE_BIND_SHADER_RESOURCE)

static const struct shape shapes[] = {
	{ "buffer 64 KiB (pagetable tracking)", SVGA3D_BUFFER,
	  SVGA3D_SURFACE_BIND_VERTEX_BUFFER, 65536, 1, 1, 1, 0, COH_COPY_BUFFER },
	{ "buffer 4 MiB (mkwrite tracking)", SVGA3D_BUFFER,
	  SVGA3D_SURFACE_BIND_VERTEX_BUFFER, 4u << 20, 1, 1, 1, 0, COH_COPY_BUFFER },
	{ "A8R8G8B8 256x256, 9 mips", SVGA3D_A8R8G8B8,
	  SVGA3D_SURFACE_HINT_TEXTURE, 256, 256, 1, 9, 0, COH_COPY_SURFACE },
	{ "R8G8B8A8_UNORM 128x64 array of 4, 3 mips", SVGA3D_R8G8B8A8_UNORM,
	  TEX | SVGA3D_SURFACE_ARRAY, 128, 64, 1, 3, 4, COH_COPY_PRED_REGION },
	{ "B8G8R8A8_UNORM cube 64x64, 7 mips", SVGA3D_B8G8R8A8_UNORM,
	  TEX | SVGA3D_SURFACE_CUBEMAP, 64, 64, 1, 7, 0, COH_COPY_SURFACE },
	{ "R16G16B16A16_FLOAT 3D 32x32x16, 2 mips", SVGA3D_R16G16B16A16_FLOAT,
	  TEX | SVGA3D_SURFACE_VOLUME, 32, 32, 16, 2, 0, COH_COPY_PRED_REGION },
	{ "BC1_UNORM 256x128, 4 mips (block compressed)", SVGA3D_BC1_UNORM,
	  TEX, 256, 128, 1, 4, 0, COH_COPY_PRED_REGION },
	{ "R16_UNORM 100x37 (odd pitch)", SVGA3D_R16_UNORM,
	  TEX, 100, 37, 1, 1, 0, COH_COPY_SURFACE },
};
#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))
#define CASES_PER_SHAPE 7

static struct coh_env env;

/* Write [off, off+n) with a new pattern through the mapping and shadow. */
static void cpu_write(struct coh_surf *s, uint8_t *shadow, size_t off,
		      size_t n, uint32_t seed, struct coh_meas *m)
{
	coh_fill(shadow + off, off, n, seed);
	memcpy(s->map + off, shadow + off, n);
	coh_meas_wrote(m, off, n);
}

/* GPU copy + explicit readback of the helper, then compare. */
static bool gpu_check(const struct shape *sh, struct coh_surf *coh,
		      struct coh_surf *helper, const uint8_t *shadow,
		      const char *what)
{
	int ret = coh_gpu_read(&env, sh->how, coh, helper);

	if (ret) {
		tap_diag("%s: GPU copy/readback failed: %s", what, strerror(-ret));
		return false;
	}
	coh_diag_diff(what, helper->map, shadow, coh->size);
	return memcmp(helper->map, shadow, coh->size) == 0;
}

static void run_shape(const struct shape *sh, uint32_t seed)
{
	struct vmw_surface_desc d = coh_desc(sh->format, sh->flags, sh->w, sh->h,
					     sh->d, sh->mips, sh->array);
	struct coh_surf coh, helper;
	struct coh_meas m;
	uint8_t *shadow;
	size_t pages, off, n;
	char what[160];
	bool ok;
	int ret;

	ret = coh_pair_create(&env, &d, &coh, &helper);
	if (ret) {
		for (int i = 0; i < CASES_PER_SHAPE; i++)
			tap_ok(false, "%s: surfaces created (ret %d)", sh->name, ret);
		return;
	}
	shadow = malloc(coh.size ? coh.size : 1);
	if (!shadow)
		tap_bail("out of memory");
	pages = (coh.size + COH_PAGE - 1) / COH_PAGE;
	tap_diag("%s: %zu bytes, %zu pages, %u layers x %u mips", sh->name,
		 coh.size, pages, coh.layers, coh.mips);

	/* everything, into a surface the GPU has never used: the buffer
	 * still sits in system memory and moves into a MOB at this first
	 * validation */
	coh_meas_begin(&env, &m);
	cpu_write(&coh, shadow, 0, coh.size, seed, &m);
	snprintf(what, sizeof(what), "%s: write everything", sh->name);
	ok = gpu_check(sh, &coh, &helper, shadow, what);
	tap_ok(ok, "%s, GPU copy matches", what);
	coh_meas_end(&env, &m, what);
	if (!ok) {
		/* Write everything again so that the following cases test
		 * their own writes, not this failure. */
		cpu_write(&coh, shadow, 0, coh.size, seed, &m);
		tap_diag("%s: rewritten once more, GPU copy %s", what,
			 gpu_check(sh, &coh, &helper, shadow, what) ?
			 "matches now" : "still differs");
	}

	/* one byte, in the middle */
	coh_meas_begin(&env, &m);
	off = coh.size / 2 + 7;
	shadow[off] ^= 0x5a;
	coh.map[off] = shadow[off];
	coh_meas_wrote(&m, off, 1);
	snprintf(what, sizeof(what), "%s: write one byte at %zu", sh->name, off);
	tap_ok(gpu_check(sh, &coh, &helper, shadow, what), "%s, GPU copy matches", what);
	coh_meas_end(&env, &m, what);
	coh_meas_check_upload(&m, what);

	/* one page, a third of the way in */
	coh_meas_begin(&env, &m);
	off = (pages / 3) * COH_PAGE;
	n = coh.size - off < COH_PAGE ? coh.size - off : COH_PAGE;
	cpu_write(&coh, shadow, off, n, seed + 1, &m);
	snprintf(what, sizeof(what), "%s: write one page (page %zu)", sh->name,
		 off / COH_PAGE);
	tap_ok(gpu_check(sh, &coh, &helper, shadow, what), "%s, GPU copy matches", what);
	coh_meas_end(&env, &m, what);
	coh_meas_check_upload(&m, what);

	/* scattered pages: first, two in the middle, last; a few bytes
	 * each, so the upload should cover pages, not the whole surface */
	coh_meas_begin(&env, &m);
	{
		const size_t pick[] = { 0, pages / 2, (pages * 3) / 4, pages - 1 };

		for (size_t i = 0; i < 4; i++) {
			if (i && pick[i] == pick[i - 1])
				continue;
			off = pick[i] * COH_PAGE + 100;
			if (off + 64 > coh.size)
				off = coh.size - 64;
			cpu_write(&coh, shadow, off, 64, seed + 2 + (uint32_t)i, &m);
		}
	}
	snprintf(what, sizeof(what), "%s: write scattered pages", sh->name);
	tap_ok(gpu_check(sh, &coh, &helper, shadow, what), "%s, GPU copy matches", what);
	coh_meas_end(&env, &m, what);
	coh_meas_check_upload(&m, what);

	free(shadow);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	tap_plan((int)(NSHAPES * CASES_PER_SHAPE));
	coh_env_init(&env);
	for (size_t i = 0; i < NSHAPES; i++)
		run_shape(&shapes[i], 0x1000u * (uint32_t)(i + 1));
	coh_env_fini(&env);
	return tap_finish();
}
