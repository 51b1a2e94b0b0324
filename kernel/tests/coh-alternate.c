// SPDX-License-Identifier: MIT
/*
 * coh-alternate: many rounds of CPU write / GPU copy out / GPU write /
 * CPU read on the same coherent surface, the mapping kept for the whole
 * run, so that every transition (CPU-dirty -> upload, GPU-dirty -> PTE
 * zap -> readback on fault, and back) is crossed again and again.  A CPU
 * shadow holds what the surface must contain at every point.
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 40

static struct coh_env env;

struct target {
	const char *name;
	struct vmw_surface_desc d;
	enum coh_copy how;
};

/* The GPU overwrites part of coh from helper w (whose content is known):
 * a byte range of a buffer, or one whole mip image of a 2D texture. */
static int gpu_write_part(const struct target *t, struct coh_surf *w,
			  struct coh_surf *coh, uint8_t *shadow, uint32_t *rng)
{
	struct svga_cmd_stream cs;
	size_t off, n;
	int ret;

	svga_cmd_init(&cs);
	svga_cmd_update_gb_surface(&cs, w->s.handle);
	if (t->how == COH_COPY_BUFFER) {
		off = coh_rand(rng) % coh->size;
		n = 1 + coh_rand(rng) % (coh->size - off);
		svga_cmd_dx_buffer_copy(&cs, w->s.handle, coh->s.handle,
					(uint32_t)off, (uint32_t)off, (uint32_t)n);
	} else {
		/* uncompressed 4-byte texels, one layer: mip m starts after
		 * the images of mips 0..m-1 */
		uint32_t mip = coh_rand(rng) % coh->mips;
		uint32_t mw = coh_mip_dim(t->d.width, mip);
		uint32_t mh = coh_mip_dim(t->d.height, mip);

		off = 0;
		for (uint32_t i = 0; i < mip; i++)
			off += (size_t)coh_mip_dim(t->d.width, i) *
			       coh_mip_dim(t->d.height, i) * 4;
		n = (size_t)mw * mh * 4;
		svga_cmd_surface_copy_image(&cs, w->s.handle, coh->s.handle, 0,
					    mip, mw, mh, 1);
	}
	ret = coh_submit(&env, &cs);
	env.explicit_to_host += w->size;
	memcpy(shadow + off, w->map + off, n);
	return ret;
}

static void run(const struct target *t, uint32_t seed)
{
	struct coh_surf coh, r, w;
	uint8_t *shadow;
	uint32_t rng = seed;
	int ret, bad_out = -1, bad_in = -1, errs = 0;
	uint64_t checked = 0;
	size_t pages;

	ret = coh_surf_create(&env, &t->d, true, VMW_INVALID_ID, &coh);
	if (!ret)
		ret = coh_surf_create(&env, &t->d, false, VMW_INVALID_ID, &r);
	if (!ret)
		ret = coh_surf_create(&env, &t->d, false, VMW_INVALID_ID, &w);
	if (ret) {
		tap_ok(false, "%s: surfaces (ret %d)", t->name, ret);
		tap_ok(false, "%s: surfaces (ret %d)", t->name, ret);
		return;
	}
	shadow = malloc(coh.size);
	if (!shadow)
		tap_bail("out of memory");
	pages = (coh.size + COH_PAGE - 1) / COH_PAGE;

	/* start from a GPU write of everything */
	coh_fill(w.map, 0, coh.size, seed);
	memcpy(shadow, w.map, coh.size);
	errs += coh_gpu_write(&env, t->how, &w, &coh) != 0;

	for (int round = 0; round < ROUNDS; round++) {
		/* CPU writes 1-3 random pieces */
		for (uint32_t k = 1 + coh_rand(&rng) % 3; k; k--) {
			size_t p = coh_rand(&rng) % pages;
			size_t off = p * COH_PAGE + coh_rand(&rng) % COH_PAGE;
			size_t n = 1 + coh_rand(&rng) % 512;

			if (off >= coh.size)
				off = coh.size - 1;
			if (n > coh.size - off)
				n = coh.size - off;
			coh_fill(shadow + off, off, n, seed + 100 + (uint32_t)round);
			memcpy(coh.map + off, shadow + off, n);
		}
		/* GPU copies it out */
		errs += coh_gpu_read(&env, t->how, &coh, &r) != 0;
		if (memcmp(r.map, shadow, coh.size) && bad_out < 0) {
			bad_out = round;
			coh_diag_diff("GPU copy of CPU writes", r.map, shadow, coh.size);
		}
		/* GPU writes part of it */
		coh_fill(w.map, 0, coh.size, seed + 1000 + (uint32_t)round);
		errs += gpu_write_part(t, &w, &coh, shadow, &rng) != 0;
		/* CPU reads all of it */
		if (memcmp(coh.map, shadow, coh.size) && bad_in < 0) {
			bad_in = round;
			coh_diag_diff("CPU read of GPU writes", coh.map, shadow, coh.size);
		}
		checked += 2 * coh.size;
	}
	tap_diag("%s: %d rounds, %llu bytes compared, %d submit errors", t->name,
		 ROUNDS, (unsigned long long)checked, errs);
	tap_ok(bad_out < 0 && !errs, "%s: %d rounds, GPU always saw the CPU's writes (first bad round %d)",
	       t->name, ROUNDS, bad_out);
	tap_ok(bad_in < 0 && !errs, "%s: %d rounds, CPU always saw the GPU's writes (first bad round %d)",
	       t->name, ROUNDS, bad_in);
	free(shadow);
	coh_surf_destroy(&env, &w);
	coh_surf_destroy(&env, &r);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	const struct target targets[] = {
		{ "buffer 256 KiB",
		  coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			   256u << 10, 1, 1, 1, 0), COH_COPY_BUFFER },
		{ "buffer 3 MiB (mkwrite)",
		  coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			   3u << 20, 1, 1, 1, 0), COH_COPY_BUFFER },
		{ "A8R8G8B8 128x128, 4 mips",
		  coh_desc(SVGA3D_A8R8G8B8, SVGA3D_SURFACE_HINT_TEXTURE,
			   128, 128, 1, 4, 0), COH_COPY_SURFACE },
	};

	tap_plan(2 * 3);
	coh_env_init(&env);
	for (int i = 0; i < 3; i++)
		run(&targets[i], 0x3000u + (uint32_t)i);
	coh_env_fini(&env);
	return tap_finish();
}
