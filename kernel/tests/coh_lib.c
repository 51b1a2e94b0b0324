// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "coh_lib.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

/*
 * The kernel's coherency statistics and the device's byte counters are per
 * device, and the measurements here take them as this program's own.  Any
 * other user of coherent memory breaks that: on Linux 6.12 the fbdev
 * console's framebuffer is a coherent dumb buffer, and each blink of its
 * cursor scans it and uploads the whole screen.  Refuse to measure on a
 * device that is not quiet, saying why, rather than fail at random later.
 */
static void require_quiet_device(void)
{
	long long k0[COH_K_NUM], k1[COH_K_NUM];

	if (!coh_kstats_read(k0))
		return;
	usleep(300 * 1000);
	coh_kstats_read(k1);
	if (k1[COH_K_SCANS] != k0[COH_K_SCANS] ||
	    k1[COH_K_UPLOADS] != k0[COH_K_UPLOADS] ||
	    k1[COH_K_READBACKS] != k0[COH_K_READBACKS])
		tap_bail("another client uses coherent memory on this device (in 300 ms: %lld scans, %lld uploads, %lld readbacks); the fbdev console does on Linux 6.12: boot with drm_kms_helper.fbdev_emulation=0 (scripts/vm does unless --fbcon)",
			 k1[COH_K_SCANS] - k0[COH_K_SCANS],
			 k1[COH_K_UPLOADS] - k0[COH_K_UPLOADS],
			 k1[COH_K_READBACKS] - k0[COH_K_READBACKS]);
}

void coh_env_init(struct coh_env *e)
{
	int ret;

	memset(e, 0, sizeof(*e));
	e->fd = vmw_open_render_node();
	if (e->fd < 0)
		tap_bail("cannot open /dev/dri/renderD128: %s", strerror(-e->fd));
	ret = vmw_dx_context_create(e->fd, &e->dx);
	if (ret)
		tap_bail("cannot create a DX context: %s", strerror(-ret));
	ret = svga_counters_open(&e->ctr);
	e->have_ctr = ret == 0;
	if (ret)
		tap_diag("device counters unavailable (%s): no amplification figures",
			 strerror(-ret));
	require_quiet_device();
}

void coh_env_fini(struct coh_env *e)
{
	vmw_context_destroy(e->fd, e->dx);
	svga_counters_close(&e->ctr);
	close(e->fd);
}

struct vmw_surface_desc coh_desc(uint32_t format, uint64_t flags,
				 uint32_t w, uint32_t h, uint32_t d,
				 uint32_t mips, uint32_t array_size)
{
	struct vmw_surface_desc desc = {
		.format = format, .svga3d_flags = flags,
		.width = w, .height = h, .depth = d,
		.mip_levels = mips, .array_size = array_size,
		.buffer_handle = VMW_INVALID_ID,
	};
	return desc;
}

int coh_surf_create(struct coh_env *e, const struct vmw_surface_desc *d,
		    bool coherent, uint32_t buffer_handle, struct coh_surf *s)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->desc = *d;
	s->desc.buffer_handle = buffer_handle;
	s->desc.drm_flags |= coherent ? drm_vmw_surface_flag_coherent : 0;
	if (buffer_handle == VMW_INVALID_ID)
		s->desc.drm_flags |= drm_vmw_surface_flag_create_buffer;
	s->coherent = coherent;
	ret = vmw_surface_create(e->fd, &s->desc, &s->s);
	if (ret)
		return ret;
	s->size = s->s.backup_size;
	s->map_size = s->s.buffer_size;
	s->mips = d->mip_levels ? d->mip_levels : 1;
	s->layers = d->array_size ? d->array_size :
		    (d->svga3d_flags & SVGA3D_SURFACE_CUBEMAP) ? 6 : 1;
	s->map = vmw_map(e->fd, s->s.map_handle, s->map_size);
	if (!s->map) {
		ret = -errno;
		vmw_surface_destroy(e->fd, s->s.handle);
		if (buffer_handle == VMW_INVALID_ID)
			vmw_buffer_close(e->fd, s->s.buffer_handle);
		return ret;
	}
	return 0;
}

int coh_pair_create(struct coh_env *e, const struct vmw_surface_desc *d,
		    struct coh_surf *coh, struct coh_surf *helper)
{
	int ret = coh_surf_create(e, d, true, VMW_INVALID_ID, coh);

	if (ret)
		return ret;
	ret = coh_surf_create(e, d, false, VMW_INVALID_ID, helper);
	if (ret)
		coh_surf_destroy(e, coh);
	return ret;
}

void coh_surf_destroy(struct coh_env *e, struct coh_surf *s)
{
	if (s->map)
		munmap(s->map, s->map_size);
	vmw_surface_destroy(e->fd, s->s.handle);
	if (s->desc.buffer_handle == VMW_INVALID_ID)
		vmw_buffer_close(e->fd, s->s.buffer_handle);
	memset(s, 0, sizeof(*s));
}

uint32_t coh_mip_dim(uint32_t base, uint32_t mip)
{
	uint32_t v = base >> mip;

	return v ? v : 1;
}

void coh_emit_copy(struct svga_cmd_stream *cs, enum coh_copy how,
		   const struct coh_surf *src, const struct coh_surf *dst)
{
	const struct vmw_surface_desc *d = &src->desc;

	if (how == COH_COPY_BUFFER) {
		svga_cmd_dx_buffer_copy(cs, src->s.handle, dst->s.handle, 0, 0,
					(uint32_t)src->size);
		return;
	}
	for (uint32_t l = 0; l < src->layers; l++)
		for (uint32_t m = 0; m < src->mips; m++) {
			uint32_t w = coh_mip_dim(d->width, m);
			uint32_t h = coh_mip_dim(d->height, m);
			uint32_t z = coh_mip_dim(d->depth, m);

			if (how == COH_COPY_SURFACE)
				svga_cmd_surface_copy_image(cs, src->s.handle,
							    dst->s.handle, l, m,
							    w, h, z);
			else
				svga_cmd_dx_pred_copy_region(cs, src->s.handle,
							     dst->s.handle,
							     l * src->mips + m,
							     w, h, z);
		}
}

int coh_submit(struct coh_env *e, const struct svga_cmd_stream *cs)
{
	if (svga_cmd_failed(cs))
		return -ENOSPC;
	return vmw_submit_and_wait(e->fd, e->dx, cs->buf, cs->len);
}

int coh_gpu_read(struct coh_env *e, enum coh_copy how,
		 const struct coh_surf *coh, struct coh_surf *helper)
{
	struct svga_cmd_stream cs;
	int ret;

	/* Poison the helper's guest copy first: a readback that does not
	 * happen must not leave the expected bytes there by accident. */
	memset(helper->map, 0xee, helper->size);
	svga_cmd_init(&cs);
	coh_emit_copy(&cs, how, coh, helper);
	svga_cmd_readback_gb_surface(&cs, helper->s.handle);
	ret = coh_submit(e, &cs);
	if (!ret)
		e->explicit_to_guest += helper->size;
	return ret;
}

int coh_gpu_write(struct coh_env *e, enum coh_copy how,
		  struct coh_surf *helper, const struct coh_surf *coh)
{
	struct svga_cmd_stream cs;
	int ret;

	svga_cmd_init(&cs);
	svga_cmd_update_gb_surface(&cs, helper->s.handle);
	coh_emit_copy(&cs, how, helper, coh);
	ret = coh_submit(e, &cs);
	if (!ret)
		e->explicit_to_host += helper->size;
	return ret;
}

uint8_t coh_byte(uint32_t seed, size_t off)
{
	uint32_t x = (uint32_t)(off >> 2) * 0x9e3779b9u ^ seed * 0x85ebca6bu;

	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return (uint8_t)(x >> ((off & 3) * 8));
}

void coh_fill(uint8_t *dst, size_t off, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = coh_byte(seed, off + i);
}

size_t coh_diff(const uint8_t *got, const uint8_t *want, size_t n,
		size_t *first)
{
	size_t bad = 0;

	*first = n;
	if (!memcmp(got, want, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i]) {
			if (!bad)
				*first = i;
			bad++;
		}
	return bad;
}

void coh_diag_diff(const char *what, const uint8_t *got, const uint8_t *want,
		   size_t n)
{
	size_t first, bad = coh_diff(got, want, n, &first), pages = 0, last = ~(size_t)0;

	if (!bad)
		return;
	for (size_t i = first; i < n; i++)
		if (got[i] != want[i] && i / COH_PAGE != last) {
			last = i / COH_PAGE;
			pages++;
		}
	tap_diag("%s: %zu of %zu bytes differ in %zu pages; first at %zu (page %zu): got 0x%02x want 0x%02x",
		 what, bad, n, pages, first, first / COH_PAGE, got[first],
		 want[first]);
}

void coh_meas_begin(struct coh_env *e, struct coh_meas *m)
{
	memset(m, 0, sizeof(*m));
	svga_counters_read(&e->ctr, SVGA_COUNTERS_TOTALS, &m->t0);
	m->h0 = e->explicit_to_host;
	m->g0 = e->explicit_to_guest;
}

static uint64_t pages_spanned(size_t off, size_t n)
{
	if (!n)
		return 0;
	return ((off + n - 1) / COH_PAGE - off / COH_PAGE + 1) * COH_PAGE;
}

void coh_meas_wrote(struct coh_meas *m, size_t off, size_t n)
{
	m->dirtied += pages_spanned(off, n);
}

void coh_meas_read(struct coh_meas *m, size_t off, size_t n)
{
	m->read += pages_spanned(off, n);
}

static void ratio(char *buf, size_t len, uint64_t a, uint64_t b)
{
	if (b)
		snprintf(buf, len, "%.2fx", (double)a / (double)b);
	else
		snprintf(buf, len, "n/a");
}

void coh_meas_end(struct coh_env *e, struct coh_meas *m, const char *what)
{
	struct svga_counter t1;
	uint64_t up, back;
	char r1[32], r2[32];

	if (!e->have_ctr)
		return;
	svga_counters_read(&e->ctr, SVGA_COUNTERS_TOTALS, &t1);
	up = t1.to_host - m->t0.to_host - (e->explicit_to_host - m->h0);
	back = t1.to_guest - m->t0.to_guest - (e->explicit_to_guest - m->g0);
	m->measured = true;
	m->uploaded = up;
	m->read_back = back;
	ratio(r1, sizeof(r1), up, m->dirtied);
	ratio(r2, sizeof(r2), back, m->read);
	tap_diag("measure %s: cpu dirtied %llu B, uploaded %llu B (%s); cpu read %llu B, read back %llu B (%s); device errors %llu",
		 what, (unsigned long long)m->dirtied, (unsigned long long)up,
		 r1, (unsigned long long)m->read, (unsigned long long)back, r2,
		 (unsigned long long)(t1.errors - m->t0.errors));
}

static bool check_amplification(const struct coh_meas *m, const char *what,
				const char *moved, uint64_t bytes,
				const char *touched, uint64_t base)
{
	if (!m->measured) {
		tap_skip("%s: %s at most %.2fx: no device counters", what,
			 moved, COH_MAX_AMPLIFICATION);
		return true;
	}
	return tap_ok((double)bytes <= COH_MAX_AMPLIFICATION * (double)base,
		      "%s: %s %llu B for %llu B %s, at most %.2fx", what, moved,
		      (unsigned long long)bytes, (unsigned long long)base,
		      touched, COH_MAX_AMPLIFICATION);
}

bool coh_meas_check_upload(const struct coh_meas *m, const char *what)
{
	return check_amplification(m, what, "uploaded", m->uploaded,
				   "dirtied", m->dirtied);
}

bool coh_meas_check_readback(const struct coh_meas *m, const char *what)
{
	return check_amplification(m, what, "read back", m->read_back,
				   "read", m->read);
}

uint32_t coh_rand(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

uint64_t coh_minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)ru.ru_minflt;
}
