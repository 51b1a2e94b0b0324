// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: the devcaps a guest reads from a device with the
 * renderer attached are true.
 *
 * The devcaps are read as vmwgfx reads them (SVGA_REG_DEV_CAP, index by
 * index).  For every format with a SVGA3D_DEVCAP_DXFMT_* value, each bit
 * is exercised on a renderer opened on the same Vulkan device:
 *   SUPPORTED            an image is created and round-trips bytes exactly
 *   MIPS, ARRAY          ... with 2 mips and 3 layers, the last of each too
 *   SHADER_SAMPLE        ... the image is created with sampled usage
 *   COLOR_RENDERTARGET   ... with render-target usage; a clear to 0 reads
 *                        back as zero bytes over random data, a clear to
 *                        1 reads back as something else
 *   DEPTH_RENDERTARGET   ... with depth-stencil usage, cleared likewise
 *   VOLUME               a 3D image round-trips a box through its slices
 *   BLENDABLE, DX_VERTEX_BUFFER  the Vulkan format features (asked of the
 *                        device, not drawn)
 *   MULTISAMPLE          a 4-sample image (2 layers) is created with
 *                        target usage and cleared; a color one resolves
 *                        to zero bytes after a clear to 0, to something
 *                        else after a clear to 1
 * and a value never claims more than svga_render_dxfmt_caps (what the
 * renderer lacks is not advertised) nor more than the core's own table
 * (MULTISAMPLE aside: the core's table has none, the renderer adds it);
 * DXFMT caps of formats the core does not implement are 0.  Limits: the
 * largest advertised 2D and 3D extents can be created, one texel more is
 * refused by DEFINE_GB_SURFACE; MULTISAMPLE_4X exactly when the device
 * has 4-sample targets, no other multisample devcap; the renderer is
 * refused once the guest has touched a register.
 * Exit 77 (skip) only when no Vulkan device exists.
 */
#include "harness.h"
#include "render_test.h"
#include "render_roundtrip.h"
#include "svga_backend.h"

#define SID 1

static uint32_t devcap(struct tdev *t, uint32_t i)
{
	svga_dev_reg_write(t->dev, SVGA_REG_DEV_CAP, i);
	return svga_dev_reg_read(t->dev, SVGA_REG_DEV_CAP);
}

/* Integer formats clear with integer values. */
static bool int_format(const struct svga_format_info *f)
{
	return strstr(f->name, "_UINT") || strstr(f->name, "_SINT");
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Upload random bytes to mip 0 layer 0, clear the whole image to v, read
 * mip 0 layer 0 back: zero bytes for v = 0, not all zero for v = 1. */
static void clear_check(struct svga_render *r, struct svga_render_image *img,
			const struct svga_format_info *f, uint32_t w,
			uint32_t h, bool depth, int v)
{
	uint32_t bw = div_up(w, f->block_w), bh = div_up(h, f->block_h);
	size_t pitch = (size_t)bw * f->bytes_per_block, n = pitch * bh;
	uint8_t *data = malloc(n);
	struct svga_render_box box = { 0, 0, 0, w, h, 1 };
	struct svga_render_view view = { 0, 0, 1 };
	union svga_render_color c;

	fill(f->format, data, (size_t)bw * bh, f->bytes_per_block);
	ROK(r, svga_render_image_upload(r, img, 0, 0, &box, data, pitch, n));
	if (depth) {
		ROK(r, svga_render_clear_depth_stencil(r, img, &view, NULL,
			SVGA_RENDER_CLEAR_DEPTH | SVGA_RENDER_CLEAR_STENCIL,
			(float)v, (uint8_t)v));
	} else {
		for (int i = 0; i < 4; i++) {
			if (int_format(f))
				c.u[i] = (uint32_t)v;
			else
				c.f[i] = (float)v;
		}
		ROK(r, svga_render_clear_color(r, img, &view, NULL, &c));
	}
	memset(data, 0xa5, n);
	ROK(r, svga_render_image_readback(r, img, 0, 0, &box, data, pitch, n));
	if (v == 0)
		RCHECK(all_zero(data, n), "%s: a clear to 0 read back non-zero "
		       "bytes", f->name);
	else
		RCHECK(!all_zero(data, n), "%s: a clear to 1 read back zeros",
		       f->name);
	free(data);
}

static void volume_check(struct svga_render *r,
			 const struct svga_format_info *f)
{
	struct svga_render_image_desc d = { f->format, 8, 4, 4, 1, 1, 1,
					    SVGA_RENDER_USAGE_SAMPLED };
	uint32_t bpb = f->bytes_per_block;
	struct svga_render_box box = { 0, 0, 1, 8, 4, 3 };
	uint8_t in[8 * 4 * 3 * 16], out[sizeof(in)];
	struct svga_render_image *img;

	if (svga_render_image_new(r, &d, &img)) {
		RCHECK(0, "%s: VOLUME advertised, no 3D image: %s", f->name,
		       svga_render_last_error(r));
		return;
	}
	fill(f->format, in, 8 * 4 * 3, bpb);
	ROK(r, svga_render_image_upload(r, img, 0, 0, &box, in, 8 * bpb,
					32 * bpb));
	ROK(r, svga_render_image_readback(r, img, 0, 0, &box, out, 8 * bpb,
					  32 * bpb));
	RCHECK(!memcmp(in, out, (size_t)96 * bpb), "%s: 3D box round trip",
	       f->name);
	svga_render_image_free(r, img);
}

/* MULTISAMPLE: a 4-sample target image, cleared, resolved (color). */
static void ms_check(struct svga_render *r, const struct svga_format_info *f,
		    uint32_t adv)
{
	/* typeless formats have no target bit: the renderer's format says */
	bool depth = (adv & SVGA3D_DXFMT_DEPTH_RENDERTARGET) ||
		     (svga_render_format_caps(r, f->format, NULL) &
		      SVGA_RENDER_FMT_DEPTH);
	struct svga_render_image_desc d = { f->format, 8, 4, 1, 1, 2, 4,
		depth ? SVGA_RENDER_USAGE_DEPTH_STENCIL :
			SVGA_RENDER_USAGE_RENDER_TARGET };
	struct svga_render_image_desc sd = { f->format, 8, 4, 1, 1, 1, 1,
					     SVGA_RENDER_USAGE_RENDER_TARGET };
	struct svga_render_box box = { 0, 0, 0, 8, 4, 1 };
	struct svga_render_view all = { 0, 0, 2 };
	struct svga_render_image *img, *one;
	size_t n = (size_t)32 * f->bytes_per_block;
	uint8_t data[32 * 16];

	if (svga_render_image_new(r, &d, &img)) {
		RCHECK(0, "%s: MULTISAMPLE advertised, no 4-sample image: %s",
		       f->name, svga_render_last_error(r));
		return;
	}
	if (depth) {
		ROK(r, svga_render_clear_depth_stencil(r, img, &all, NULL,
			SVGA_RENDER_CLEAR_DEPTH | SVGA_RENDER_CLEAR_STENCIL,
			1.0f, 1));
		svga_render_image_free(r, img);
		return;
	}
	ROK(r, svga_render_image_new(r, &sd, &one));
	for (int v = 0; v < 2; v++) {
		union svga_render_color c;

		for (int i = 0; i < 4; i++) {
			if (int_format(f))
				c.u[i] = (uint32_t)v;
			else
				c.f[i] = (float)v;
		}
		ROK(r, svga_render_clear_color(r, img, &all, NULL, &c));
		ROK(r, svga_render_image_resolve(r, one, 0, 0, img, 1));
		memset(data, 0xa5, n);
		ROK(r, svga_render_image_readback(r, one, 0, 0, &box, data,
						  8 * f->bytes_per_block, n));
		RCHECK(v ? !all_zero(data, n) : all_zero(data, n),
		       "%s: 4-sample clear to %d resolved to %s", f->name, v,
		       v ? "zeros" : "non-zero bytes");
	}
	svga_render_image_free(r, one);
	svga_render_image_free(r, img);
}

/* Every bit of one advertised DXFMT value, done by the renderer. */
static void exercise(struct svga_render *r, const struct svga_format_info *f,
		     uint32_t adv)
{
	uint32_t caps = svga_render_format_caps(r, f->format, NULL);
	bool ms = adv & SVGA3D_DXFMT_MIPS, ar = adv & SVGA3D_DXFMT_ARRAY;
	struct svga_render_image_desc d = { f->format, 20, 12, 1, ms ? 2 : 1,
					    ar ? 3 : 1, 1, 0 };
	struct svga_render_image *img;

	if (adv & SVGA3D_DXFMT_SHADER_SAMPLE)
		d.usage |= SVGA_RENDER_USAGE_SAMPLED;
	if (adv & SVGA3D_DXFMT_COLOR_RENDERTARGET)
		d.usage |= SVGA_RENDER_USAGE_RENDER_TARGET;
	if (adv & SVGA3D_DXFMT_DEPTH_RENDERTARGET)
		d.usage |= SVGA_RENDER_USAGE_DEPTH_STENCIL;
	if (svga_render_image_new(r, &d, &img)) {
		RCHECK(0, "%s: advertised 0x%x, no image with usage 0x%x: %s",
		       f->name, adv, d.usage, svga_render_last_error(r));
		return;
	}
	roundtrip_full(r, img, f, 20, 12, 0, 0);
	roundtrip_full(r, img, f, 20, 12, d.mips - 1, d.layers - 1);
	if (adv & (SVGA3D_DXFMT_COLOR_RENDERTARGET |
		   SVGA3D_DXFMT_DEPTH_RENDERTARGET)) {
		bool depth = adv & SVGA3D_DXFMT_DEPTH_RENDERTARGET;

		clear_check(r, img, f, 20, 12, depth, 0);
		clear_check(r, img, f, 20, 12, depth, 1);
	}
	svga_render_image_free(r, img);
	if (adv & SVGA3D_DXFMT_VOLUME)
		volume_check(r, f);
	if (adv & SVGA3D_DXFMT_MULTISAMPLE)
		ms_check(r, f, adv);
	RCHECK(!(adv & SVGA3D_DXFMT_BLENDABLE) || (caps & SVGA_RENDER_FMT_BLEND),
	       "%s: BLENDABLE advertised, not blendable", f->name);
	RCHECK(!(adv & SVGA3D_DXFMT_DX_VERTEX_BUFFER) ||
	       (caps & SVGA_RENDER_FMT_VERTEX),
	       "%s: DX_VERTEX_BUFFER advertised, no vertex format", f->name);
}

static void test_formats(struct tdev *t, struct tdev *cpu,
			 struct svga_render *r)
{
	static bool core_cap[SVGA3D_DEVCAP_MAX];
	unsigned advertised = 0, narrowed = 0, ms_formats = 0;

	for (unsigned i = 0; i < svga_format_count(); i++) {
		const struct svga_format_info *f = svga_format_at(i);
		uint32_t idx = svga_format_dxfmt_devcap(f->format);
		uint32_t adv, base, can;

		if (idx == ~0u)
			continue;
		core_cap[idx] = true;
		adv = devcap(t, idx);
		base = devcap(cpu, idx);
		can = svga_render_dxfmt_caps(r, f->format);
		RCHECK(!(adv & SVGA3D_DXFMT_MULTISAMPLE) ||
		       devcap(t, SVGA3D_DEVCAP_MULTISAMPLE_4X),
		       "%s: MULTISAMPLE advertised without MULTISAMPLE_4X",
		       f->name);
		if (adv & SVGA3D_DXFMT_MULTISAMPLE)
			ms_formats++;
		RCHECK(!(adv & ~base & ~SVGA3D_DXFMT_MULTISAMPLE),
		       "%s: 0x%x advertised beyond the core's 0x%x", f->name,
		       adv, base);
		if (f->format != SVGA3D_BUFFER)
			RCHECK(!(adv & ~can), "%s: 0x%x advertised, the "
			       "renderer backs 0x%x (extra 0x%x)", f->name, adv,
			       can, adv & ~can);
		if (base & ~adv) {
			printf("# %-24s core 0x%03x, advertised 0x%03x (not "
			       "backed: 0x%x)\n", f->name, base, adv,
			       base & ~adv);
			narrowed++;
		}
		if (!(adv & SVGA3D_DXFMT_SUPPORTED))
			continue;
		advertised++;
		if (f->format != SVGA3D_BUFFER)
			exercise(r, f, adv);
	}
	for (uint32_t i = SVGA3D_DEVCAP_DXFMT_X8R8G8B8; i < SVGA3D_DEVCAP_MAX;
	     i++)
		if (!core_cap[i] && i != SVGA3D_DEVCAP_SM41 &&
		    (i < SVGA3D_DEVCAP_MULTISAMPLE_2X ||
		     i > SVGA3D_DEVCAP_DEAD12) &&
		    (i < SVGA3D_DEVCAP_DEAD13))
			RCHECK(devcap(t, i) == 0, "DXFMT devcap %u of a format "
			       "the core lacks is 0x%x", i, devcap(t, i));
	printf("# %u formats advertised and exercised, %u narrowed to the "
	       "renderer, %u multisampled (4x)\n", advertised, narrowed,
	       ms_formats);
	RCHECK(!devcap(t, SVGA3D_DEVCAP_MULTISAMPLE_4X) || ms_formats >= 2,
	       "MULTISAMPLE_4X with %u multisampled formats", ms_formats);
	RCHECK(advertised > 50, "only %u formats advertised", advertised);
}

static void test_limits(struct tdev *t, struct svga_render *r)
{
	static const uint32_t none[] = {
		SVGA3D_DEVCAP_MULTISAMPLE_2X,
		SVGA3D_DEVCAP_MULTISAMPLE_8X, SVGA3D_DEVCAP_MS_FULL_QUALITY,
		SVGA3D_DEVCAP_MAX_FORCED_SAMPLE_COUNT, SVGA3D_DEVCAP_DEAD4,
		SVGA3D_DEVCAP_DEAD5, SVGA3D_DEVCAP_SM5, SVGA3D_DEVCAP_GL43,
		SVGA3D_DEVCAP_LINE_AA,
	};
	struct svga_render_limits l;
	uint32_t tex = devcap(t, SVGA3D_DEVCAP_MAX_TEXTURE_WIDTH);
	uint32_t vol = devcap(t, SVGA3D_DEVCAP_MAX_VOLUME_EXTENT);
	uint32_t rts = devcap(t, SVGA3D_DEVCAP_MAX_SIMULTANEOUS_RENDER_TARGETS);
	struct svga_render_image_desc d2 = { SVGA3D_R8G8B8A8_UNORM, tex, 1, 1,
		1, 1, 1, SVGA_RENDER_USAGE_SAMPLED |
		SVGA_RENDER_USAGE_RENDER_TARGET };
	struct svga_render_image_desc d3 = { SVGA3D_R8G8B8A8_UNORM, 1, 1, vol,
		1, 1, 1, SVGA_RENDER_USAGE_SAMPLED };
	struct svga_render_image *img;
	struct cbuf c;

	svga_render_get_limits(r, &l);
	printf("# limits: texture %u (device %u), volume %u (device %u), "
	       "targets %u (device %u), layers (device %u)\n", tex,
	       l.max_image_2d, vol, l.max_image_3d, rts, l.max_color_targets,
	       l.max_array_layers);
	for (unsigned i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		RCHECK(devcap(t, none[i]) == 0, "devcap %u is 0x%x", none[i],
		       devcap(t, none[i]));
	RCHECK(devcap(t, SVGA3D_DEVCAP_MULTISAMPLE_4X) ==
	       ((l.sample_counts & 4u) ? 1u : 0u), "MULTISAMPLE_4X %u, device "
	       "sample counts 0x%x", devcap(t, SVGA3D_DEVCAP_MULTISAMPLE_4X),
	       l.sample_counts);
	RCHECK(tex && tex <= l.max_image_2d, "texture size %u", tex);
	RCHECK(devcap(t, SVGA3D_DEVCAP_MAX_TEXTURE_HEIGHT) == tex, "height");
	RCHECK(vol && vol <= l.max_image_3d, "volume extent %u", vol);
	RCHECK(rts >= 1 && rts <= l.max_color_targets &&
	       devcap(t, SVGA3D_DEVCAP_MAX_RENDER_TARGETS) == rts,
	       "render targets %u", rts);
	RCHECK(devcap(t, SVGA3D_DEVCAP_DX_MAX_VERTEXBUFFERS) <=
	       l.max_vertex_buffers, "vertex buffers");
	ROK(r, svga_render_image_new(r, &d2, &img));
	svga_render_image_free(r, img);
	ROK(r, svga_render_image_new(r, &d3, &img));
	svga_render_image_free(r, img);

	/* the core enforces what it advertised */
	setup_otables(t, 8);
	cb_reset(&c);
	define_surface(&c, SID, SVGA3D_R8G8B8A8_UNORM, 0, tex, 1, 1, 1, 0);
	CMD(&c, SVGA_3D_CMD_DESTROY_GB_SURFACE, ((SVGA3dCmdDestroyGBSurface){ SID }));
	define_surface(&c, SID, SVGA3D_R8G8B8A8_UNORM, 0, 1, 1, vol, 1, 0);
	CMD(&c, SVGA_3D_CMD_DESTROY_GB_SURFACE, ((SVGA3dCmdDestroyGBSurface){ SID }));
	run_ok(t, &c, "surfaces at the advertised limits");
	define_surface(&c, SID, SVGA3D_R8G8B8A8_UNORM, 0, tex + 1, 1, 1, 1, 0);
	run_err(t, &c, 0, "a texture wider than MAX_TEXTURE_WIDTH");
	define_surface(&c, SID, SVGA3D_R8G8B8A8_UNORM, 0, 2, 2, vol + 1, 1, 0);
	run_err(t, &c, 0, "a volume deeper than MAX_VOLUME_EXTENT");
}

/* The CPU-only core: no multisampling either. */
static void test_cpu_core(struct tdev *cpu)
{
	for (unsigned i = 0; i < svga_format_count(); i++) {
		uint32_t idx = svga_format_dxfmt_devcap(svga_format_at(i)->format);

		if (idx != ~0u)
			RCHECK(!(devcap(cpu, idx) & SVGA3D_DXFMT_MULTISAMPLE),
			       "CPU core: %s multisamples",
			       svga_format_at(i)->name);
	}
	RCHECK(devcap(cpu, SVGA3D_DEVCAP_MULTISAMPLE_4X) == 0 &&
	       devcap(cpu, SVGA3D_DEVCAP_MS_FULL_QUALITY) == 0,
	       "CPU core: multisample devcaps");
}

int main(void)
{
	struct svga_render_config rc = { 0 };
	struct svga_backend *be;
	struct tdev t, cpu, late;
	char err[512];
	struct svga_render *r;
	int rc2;

	tdev_init(&t, 64);
	tdev_init(&cpu, 16);
	rc2 = svga_backend_attach(t.dev, NULL, &be, err, sizeof(err));
	if (rc2 == 1) {
		printf("SKIP: %s\n", err);
		return 77;
	}
	if (rc2) {
		fprintf(stderr, "FAIL: svga_backend_attach: %s\n", err);
		return 1;
	}
	r = rt_open(&rc);
	test_formats(&t, &cpu, r);
	test_limits(&t, r);
	test_cpu_core(&cpu);
	svga_render_free(r);
	svga_backend_detach(be);

	/* devcaps are fixed once the guest has looked */
	tdev_init(&late, 16);
	(void)devcap(&late, SVGA3D_DEVCAP_3D);
	rc2 = svga_backend_attach(late.dev, NULL, &be, err, sizeof(err));
	RCHECK(rc2 == -1 && be == NULL && strstr(err, "register"),
	       "attach after the guest's first register access: %d (%s)",
	       rc2, err);
	if (!rc2)
		svga_backend_detach(be);
	tdev_fini(&late);
	tdev_fini(&cpu);
	tdev_fini(&t);
	rt_checks += t_checks;
	rt_failures += t_failures;
	return rt_report("test_backend_devcaps");
}
