// SPDX-License-Identifier: MIT
/*
 * coh-gpu-to-cpu: what the GPU writes into a coherent surface must be
 * what the CPU reads through the mapping once the fence has signalled.
 *
 * The GPU writes the coherent surface by copying a non-coherent helper
 * (filled by CPU + explicit UPDATE) into it, or by clearing a render
 * target view on a DX context.  The test then reads the mapping and
 * compares.  Only the kernel can bring the data back (it zaps the PTEs
 * when the GPU dirties the surface and reads back on the next fault); the
 * test never reads the coherent surface back itself.  The partial-read
 * case reads one byte of a large surface, to show in the counters how
 * much the kernel read back for it.
 */
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEX (SVGA3D_SURFACE_HINT_TEXTURE | SVGA3D_SURFACE_BIND_SHADER_RESOURCE)

struct shape {
	const char *name;
	uint32_t format;
	uint64_t flags;
	uint32_t w, h, d, mips, array;
	enum coh_copy how;
};

static const struct shape shapes[] = {
	{ "buffer 256 KiB", SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
	  256u << 10, 1, 1, 1, 0, COH_COPY_BUFFER },
	{ "A8R8G8B8 256x256, 9 mips", SVGA3D_A8R8G8B8, SVGA3D_SURFACE_HINT_TEXTURE,
	  256, 256, 1, 9, 0, COH_COPY_SURFACE },
	{ "R8G8B8A8_UNORM cube 32x32, 6 mips", SVGA3D_R8G8B8A8_UNORM,
	  TEX | SVGA3D_SURFACE_CUBEMAP, 32, 32, 1, 6, 0, COH_COPY_PRED_REGION },
	{ "R32_FLOAT 3D 64x32x8", SVGA3D_R32_FLOAT, TEX | SVGA3D_SURFACE_VOLUME,
	  64, 32, 8, 1, 0, COH_COPY_SURFACE },
	{ "BC3_UNORM 128x128, 3 mips (block compressed)", SVGA3D_BC3_UNORM, TEX,
	  128, 128, 1, 3, 0, COH_COPY_PRED_REGION },
};
#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))
#define NCASES ((int)NSHAPES + 1 + 2 * 4 + 2 * 3)

static struct coh_env env;

/* GPU copy of a helper full of pattern into the coherent surface, then
 * the CPU reads all of it. */
static void gpu_copy_case(const struct shape *sh, uint32_t seed)
{
	struct vmw_surface_desc d = coh_desc(sh->format, sh->flags, sh->w, sh->h,
					     sh->d, sh->mips, sh->array);
	struct coh_surf coh, helper;
	struct coh_meas m;
	uint8_t *want;
	char what[160];
	int ret = coh_pair_create(&env, &d, &coh, &helper);

	snprintf(what, sizeof(what), "%s: GPU copy into it, CPU reads all", sh->name);
	if (ret) {
		tap_ok(false, "%s (surfaces: ret %d)", what, ret);
		return;
	}
	want = malloc(coh.size);
	if (!want)
		tap_bail("out of memory");
	coh_fill(want, 0, coh.size, seed);
	memcpy(helper.map, want, coh.size);
	coh_meas_begin(&env, &m);
	ret = coh_gpu_write(&env, sh->how, &helper, &coh);
	if (ret)
		tap_diag("%s: submit failed (ret %d)", what, ret);
	coh_meas_read(&m, 0, coh.size);
	coh_diag_diff(what, coh.map, want, coh.size);
	tap_ok(!ret && !memcmp(coh.map, want, coh.size), "%s", what);
	coh_meas_end(&env, &m, what);
	free(want);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

/*
 * Clear of one render-target view (mip 1 of array slice 1) of a coherent
 * 2-slice, 2-mip RGBA8 texture, after CPU writes to other pages: the
 * kernel must upload the CPU writes before the clear and read the whole
 * result back afterwards.
 */
static void clear_case(void)
{
	const uint32_t W = 64, H = 64, MIPS = 2, SLICES = 2;
	struct vmw_surface_desc d = coh_desc(SVGA3D_R8G8B8A8_UNORM,
					     TEX | SVGA3D_SURFACE_ARRAY |
					     SVGA3D_SURFACE_BIND_RENDER_TARGET,
					     W, H, 1, MIPS, SLICES);
	const float rgba[4] = { 51 / 255.0f, 102 / 255.0f, 1.0f, 0.0f };
	const uint8_t px[4] = { 51, 102, 255, 0 };
	size_t mip0 = W * H * 4, mip1 = (W / 2) * (H / 2) * 4;
	size_t chain = mip0 + mip1, clear_off = chain + mip0;
	struct svga_cmd_stream cs;
	struct coh_surf coh, helper;
	struct coh_meas m;
	uint8_t *want;
	int ret = coh_pair_create(&env, &d, &coh, &helper);

	if (ret) {
		tap_ok(false, "clear render target view (surfaces: ret %d)", ret);
		return;
	}
	want = malloc(coh.size);
	if (!want)
		tap_bail("out of memory");
	/* the device has P everywhere (GPU write, so the buffer is in its
	 * MOB before the CPU writes anything) */
	coh_fill(want, 0, coh.size, 0x77);
	memcpy(helper.map, want, coh.size);
	ret = coh_gpu_write(&env, COH_COPY_PRED_REGION, &helper, &coh);
	svga_cmd_init(&cs);
	svga_cmd_dx_define_rtv(&cs, 1, coh.s.handle, SVGA3D_R8G8B8A8_UNORM, 1, 1, 1);
	if (!ret)
		ret = coh_submit(&env, &cs);

	coh_meas_begin(&env, &m);
	/* CPU writes: the first page (slice 0, mip 0) and the first page of
	 * the cleared image, which the clear then overwrites */
	coh_fill(want, 0, COH_PAGE, 0x78);
	memcpy(coh.map, want, COH_PAGE);
	coh_meas_wrote(&m, 0, COH_PAGE);
	coh_fill(want + (clear_off & ~(size_t)(COH_PAGE - 1)),
		 clear_off & ~(size_t)(COH_PAGE - 1), COH_PAGE, 0x79);
	memcpy(coh.map + (clear_off & ~(size_t)(COH_PAGE - 1)),
	       want + (clear_off & ~(size_t)(COH_PAGE - 1)), COH_PAGE);
	coh_meas_wrote(&m, clear_off & ~(size_t)(COH_PAGE - 1), COH_PAGE);
	for (size_t i = 0; i < mip1; i += 4)
		memcpy(want + clear_off + i, px, 4);

	svga_cmd_init(&cs);
	svga_cmd_dx_clear_rtv(&cs, 1, rgba);
	svga_cmd_dx_destroy_rtv(&cs, 1);
	if (!ret)
		ret = coh_submit(&env, &cs);
	coh_meas_read(&m, 0, coh.size);
	coh_diag_diff("clear render target view", coh.map, want, coh.size);
	tap_ok(!ret && !memcmp(coh.map, want, coh.size),
	       "clear of an RTV on mip 1 of slice 1 after CPU writes: CPU reads the cleared texels and its own writes elsewhere (ret %d)",
	       ret);
	coh_meas_end(&env, &m, "clear render target view");
	free(want);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

/* Device counters of one command id (zeros without counters). */
static struct svga_counter cmd_counter(uint32_t id)
{
	struct svga_counter c = { 0 };

	if (env.have_ctr)
		svga_counters_read(&env.ctr, id, &c);
	return c;
}

/*
 * Review finding 2: a DX array surface (array_size > 1) whose layer @k
 * alone the GPU writes. The CPU first reads a byte in the middle of layer
 * k, then writes a byte of the last page, then reads everything: it must
 * see layer k's new data, the old data elsewhere and its own byte. The
 * kernel must read back with DX_READBACK_SUBRESOURCE, not with
 * READBACK_GB_IMAGE_PARTIAL naming the layer as a face (which the device
 * refuses for DX array surfaces, as no VMware driver sends it).
 */
static void layer_case(const char *name, uint64_t flags, uint32_t layers,
		       uint32_t k)
{
	const uint32_t W = 64, H = 64, MIPS = 3;
	struct vmw_surface_desc d = coh_desc(SVGA3D_R8G8B8A8_UNORM, flags, W, H,
					     1, MIPS, layers);
	size_t chain = 0, off_k, mid;
	struct svga_counter dx0, gb0, tot0, dx1, gb1, tot1;
	struct svga_cmd_stream cs;
	struct coh_surf coh, helper;
	uint8_t *want, got;
	int ret = coh_pair_create(&env, &d, &coh, &helper);

	if (ret) {
		tap_ok(false, "%s (surfaces: ret %d)", name, ret);
		tap_ok(false, "%s: CPU reads everything", name);
		tap_ok(false, "%s: DX readback used", name);
		return;
	}
	for (uint32_t m = 0; m < MIPS; m++)
		chain += (size_t)coh_mip_dim(W, m) * coh_mip_dim(H, m) * 4;
	off_k = chain * k;
	mid = off_k + chain / 2;
	want = malloc(coh.size);
	if (!want)
		tap_bail("out of memory");
	/* old data everywhere, on the device; the CPU reads it all once */
	coh_fill(want, 0, coh.size, 0x3100);
	memcpy(helper.map, want, coh.size);
	ret = coh_gpu_write(&env, COH_COPY_PRED_REGION, &helper, &coh);
	if (!ret && memcmp(coh.map, want, coh.size))
		ret = -EIO;
	/* new data in layer k only */
	coh_fill(want + off_k, off_k, chain, 0x3200);
	memcpy(helper.map, want, coh.size);
	svga_cmd_init(&cs);
	svga_cmd_update_gb_surface(&cs, helper.s.handle);
	for (uint32_t m = 0; m < MIPS; m++)
		svga_cmd_dx_pred_copy_region(&cs, helper.s.handle, coh.s.handle,
					     k * MIPS + m, coh_mip_dim(W, m),
					     coh_mip_dim(H, m), 1);
	if (!ret)
		ret = coh_submit(&env, &cs);
	if (!ret)
		env.explicit_to_host += helper.size;

	dx0 = cmd_counter(SVGA_3D_CMD_DX_READBACK_SUBRESOURCE);
	gb0 = cmd_counter(SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL);
	tot0 = cmd_counter(SVGA_COUNTERS_TOTALS);
	got = coh.map[mid];
	tap_ok(!ret && got == want[mid],
	       "%s: GPU wrote layer %u, CPU reads a byte of it: 0x%02x, want 0x%02x (ret %d)",
	       name, k, got, want[mid], ret);
	want[coh.size - 1] ^= 0x5a;
	coh.map[coh.size - 1] = want[coh.size - 1];
	coh_diag_diff(name, coh.map, want, coh.size);
	tap_ok(!ret && !memcmp(coh.map, want, coh.size),
	       "%s: CPU reads layer %u's new data, the old data of the other layers and its own write",
	       name, k);
	dx1 = cmd_counter(SVGA_3D_CMD_DX_READBACK_SUBRESOURCE);
	gb1 = cmd_counter(SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL);
	tot1 = cmd_counter(SVGA_COUNTERS_TOTALS);
	if (!env.have_ctr)
		tap_skip("%s: DX readback used: no device counters", name);
	else
		tap_ok(dx1.count > dx0.count && gb1.count == gb0.count &&
		       tot1.errors == tot0.errors,
		       "%s: read back by %llu DX_READBACK_SUBRESOURCE (%llu bytes), %llu READBACK_GB_IMAGE_PARTIAL, %llu device errors",
		       name, (unsigned long long)(dx1.count - dx0.count),
		       (unsigned long long)(dx1.to_guest - dx0.to_guest),
		       (unsigned long long)(gb1.count - gb0.count),
		       (unsigned long long)(tot1.errors - tot0.errors));
	free(want);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

/*
 * One byte of a large surface the GPU wrote, then one more far away: the
 * kernel should read back what covers the faulting page, not the whole
 * surface.
 */
static void partial_read_case(const char *name,
			      const struct vmw_surface_desc *d,
			      enum coh_copy how)
{
	struct coh_surf coh, helper;
	struct coh_meas m;
	size_t off1, off2;
	char what[160];
	uint8_t got;
	int ret = coh_pair_create(&env, d, &coh, &helper);

	if (ret) {
		tap_ok(false, "partial read, %s (surfaces: ret %d)", name, ret);
		tap_ok(false, "partial read, %s: first byte read back", name);
		tap_ok(false, "partial read, %s: second byte", name);
		tap_ok(false, "partial read, %s: second byte read back", name);
		return;
	}
	/* a byte in the middle, then one near the end (the last mips of a
	 * texture, the last page of a buffer) */
	off1 = coh.size / 2 + 12345;
	off2 = coh.size - 3;
	coh_fill(helper.map, 0, coh.size, 0x5150);
	ret = coh_gpu_write(&env, how, &helper, &coh);

	coh_meas_begin(&env, &m);
	got = coh.map[off1];
	coh_meas_read(&m, off1, 1);
	tap_ok(!ret && got == coh_byte(0x5150, off1),
	       "partial read, %s: one byte at %zu of %zu the GPU wrote: 0x%02x, want 0x%02x",
	       name, off1, coh.size, got, coh_byte(0x5150, off1));
	snprintf(what, sizeof(what), "partial read, %s: first byte", name);
	coh_meas_end(&env, &m, what);
	coh_meas_check_readback(&m, what);

	coh_meas_begin(&env, &m);
	got = coh.map[off2];
	coh_meas_read(&m, off2, 1);
	tap_ok(!ret && got == coh_byte(0x5150, off2),
	       "partial read, %s: then one byte at %zu: 0x%02x, want 0x%02x",
	       name, off2, got, coh_byte(0x5150, off2));
	snprintf(what, sizeof(what), "partial read, %s: second byte", name);
	coh_meas_end(&env, &m, what);
	coh_meas_check_readback(&m, what);
	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
}

int main(void)
{
	tap_plan(NCASES);
	coh_env_init(&env);
	for (size_t i = 0; i < NSHAPES; i++)
		gpu_copy_case(&shapes[i], 0x2000u + (uint32_t)i);
	clear_case();
	layer_case("R8G8B8A8_UNORM 64x64 array of 4, 3 mips",
		   TEX | SVGA3D_SURFACE_ARRAY, 4, 2);
	layer_case("R8G8B8A8_UNORM cube 64x64 (array size 6), 3 mips",
		   TEX | SVGA3D_SURFACE_CUBEMAP, 6, 5);
	{
		struct vmw_surface_desc buf =
			coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
				 8u << 20, 1, 1, 1, 0);
		struct vmw_surface_desc tex =
			coh_desc(SVGA3D_A8R8G8B8, SVGA3D_SURFACE_HINT_TEXTURE,
				 1024, 1024, 1, 11, 0);

		partial_read_case("buffer 8 MiB", &buf, COH_COPY_BUFFER);
		partial_read_case("A8R8G8B8 1024x1024, 11 mips", &tex,
				  COH_COPY_SURFACE);
	}
	coh_env_fini(&env);
	return tap_finish();
}
