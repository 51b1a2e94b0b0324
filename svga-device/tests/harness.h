/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga tests: fake guest memory, MOB builders and command buffer
 * submission, driving the device core through its public API the way
 * vmwgfx does.  Header-only so every test is one translation unit.
 */
#ifndef SVGA_TEST_HARNESS_H
#define SVGA_TEST_HARNESS_H

#include "svga_dev.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failures;
static int t_checks;

#define CHECK(c) do {                                                      \
	t_checks++;                                                        \
	if (!(c)) {                                                        \
		t_failures++;                                              \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,     \
			__LINE__, #c);                                     \
	}                                                                  \
} while (0)

#define CHECK_EQ(a, b) do {                                                \
	unsigned long long a_ = (unsigned long long)(a);                   \
	unsigned long long b_ = (unsigned long long)(b);                   \
	t_checks++;                                                        \
	if (a_ != b_) {                                                    \
		t_failures++;                                              \
		fprintf(stderr, "%s:%d: %s == %s failed: %llu != %llu\n",  \
			__FILE__, __LINE__, #a, #b, a_, b_);               \
	}                                                                  \
} while (0)

static inline int t_report(const char *name)
{
	printf("%s: %d checks, %d failures\n", name, t_checks, t_failures);
	return t_failures ? 1 : 0;
}

/* ---- fake guest memory: [GM_BASE, GM_BASE + size) ------------------ */

#define GM_BASE 0x100000ull
#define PG 4096u

struct gm {
	uint8_t *mem;
	uint64_t size;
	uint64_t next;      /* bump allocator, offset from GM_BASE */
	unsigned errors;    /* guest errors logged by the device   */
	unsigned irqs;      /* irq line rising edges               */
	bool level;
	bool quiet;
	char last_error[256];
	char prev_error[256];      /* the one before (a cause, when the
				    * command layer adds its own line)   */
	unsigned screen_updates;   /* screen_update callbacks             */
	uint32_t last_screen[5];   /* stid, x, y, w, h of the last one    */
};

static inline int gm_read(void *opaque, uint64_t gpa, void *buf, size_t len)
{
	struct gm *g = opaque;

	if (gpa < GM_BASE || gpa - GM_BASE > g->size ||
	    len > g->size - (gpa - GM_BASE))
		return -1;
	memcpy(buf, g->mem + (gpa - GM_BASE), len);
	return 0;
}

static inline int gm_write(void *opaque, uint64_t gpa, const void *buf,
			   size_t len)
{
	struct gm *g = opaque;

	if (gpa < GM_BASE || gpa - GM_BASE > g->size ||
	    len > g->size - (gpa - GM_BASE))
		return -1;
	memcpy(g->mem + (gpa - GM_BASE), buf, len);
	return 0;
}

static inline void gm_log(void *opaque, const char *msg)
{
	struct gm *g = opaque;

	g->errors++;
	memcpy(g->prev_error, g->last_error, sizeof(g->prev_error));
	snprintf(g->last_error, sizeof(g->last_error), "%s", msg);
	if (!g->quiet && getenv("SVGA_TEST_VERBOSE"))
		fprintf(stderr, "guest error: %s\n", msg);
}

static inline void gm_screen(void *opaque, uint32_t stid, uint32_t x,
			     uint32_t y, uint32_t w, uint32_t h)
{
	struct gm *g = opaque;
	const uint32_t r[5] = { stid, x, y, w, h };

	g->screen_updates++;
	memcpy(g->last_screen, r, sizeof(r));
}

static inline void gm_irq(void *opaque, bool level)
{
	struct gm *g = opaque;

	if (level && !g->level)
		g->irqs++;
	g->level = level;
}

static const struct svga_guest_mem_ops gm_ops = { gm_read, gm_write };

/* Allocate n zeroed pages; returns the guest physical address. */
static inline uint64_t gm_alloc(struct gm *g, uint64_t n)
{
	uint64_t gpa = GM_BASE + g->next;

	if (g->next + n * PG > g->size) {
		fprintf(stderr, "fake guest memory exhausted\n");
		exit(2);
	}
	memset(g->mem + g->next, 0, n * PG);
	g->next += n * PG;
	return gpa;
}

static uint8_t *gm_ptr(struct gm *g, uint64_t gpa)
{
	return g->mem + (gpa - GM_BASE);
}

/* ---- a test device ------------------------------------------------- */

struct tdev {
	struct gm g;
	struct svga_dev *dev;
	struct svga_config cfg;
};

/*
 * SVGA_TEST_CAPTURE=PREFIX records each device the test creates to
 * PREFIX.N (N = 1, 2, ... in creation order) for tools/svga-replay
 * (tests/capture_replay.sh).
 */
static inline void tdev_capture_from_env(struct tdev *t)
{
	static unsigned n;
	const char *prefix = getenv("SVGA_TEST_CAPTURE");
	char path[4096];

	if (!prefix || !*prefix)
		return;
	snprintf(path, sizeof(path), "%s.%u", prefix, ++n);
	if (svga_dev_capture_start(t->dev, path) != 0) {
		fprintf(stderr, "cannot capture to %s\n", path);
		exit(2);
	}
}

static inline void tdev_init_cfg(struct tdev *t, uint64_t mem_mb,
			  const struct svga_config *cfg)
{
	struct svga_callbacks cb = { 0 };

	memset(t, 0, sizeof(*t));
	t->g.size = mem_mb << 20;
	t->g.mem = calloc(1, t->g.size);
	if (cfg)
		t->cfg = *cfg;
	else
		svga_config_default(&t->cfg);
	cb.irq_changed = gm_irq;
	cb.guest_error = gm_log;
	cb.screen_update = gm_screen;
	t->dev = svga_dev_new(&t->cfg, &gm_ops, &cb, &t->g);
	if (!t->g.mem || !t->dev) {
		fprintf(stderr, "setup failed\n");
		exit(2);
	}
	tdev_capture_from_env(t);
}

static inline void tdev_init(struct tdev *t, uint64_t mem_mb)
{
	tdev_init_cfg(t, mem_mb, NULL);
}

static inline void tdev_fini(struct tdev *t)
{
	svga_dev_free(t->dev);
	free(t->g.mem);
}

/* ---- command buffers ------------------------------------------------ */

struct cbuf {
	uint8_t data[1 << 16];
	uint32_t len;
	uint32_t offs[256];   /* offset of each command */
	unsigned n;
};

static inline void cb_reset(struct cbuf *c)
{
	c->len = 0;
	c->n = 0;
}

static inline void cb_raw(struct cbuf *c, const void *p, uint32_t len)
{
	if (c->len + len > sizeof(c->data)) {
		fprintf(stderr, "test command buffer overflow\n");
		exit(2);
	}
	if (len)
		memcpy(c->data + c->len, p, len);
	c->len += len;
}

static inline void cb_3d(struct cbuf *c, uint32_t id, const void *body,
		  uint32_t size)
{
	SVGA3dCmdHeader h = { id, size };

	if (c->n < 256)
		c->offs[c->n++] = c->len;
	cb_raw(c, &h, sizeof(h));
	cb_raw(c, body, size);
}

#define CMD(c, id, body) cb_3d((c), (id), &(body), sizeof(body))

struct submit_result {
	uint32_t status;
	uint32_t error_offset;
};

/* Submit a command buffer the way vmwgfx does: header (+ inline data) in
 * guest memory, COMMAND_HIGH then COMMAND_LOW | context. */
static inline struct submit_result submit_ex(struct tdev *t, const void *data,
				      uint32_t len, uint32_t ctx,
				      uint32_t flags, uint32_t dx_cid)
{
	uint32_t pages = (len + sizeof(SVGACBHeader) + PG - 1) / PG + 1;
	uint64_t gpa = gm_alloc(&t->g, pages);
	SVGACBHeader h;
	struct submit_result r;

	memset(&h, 0, sizeof(h));
	h.status = SVGA_CB_STATUS_NONE;
	h.flags = flags;
	h.length = len;
	h.ptr.pa = gpa + 64;
	h.dxContext = dx_cid;
	memcpy(gm_ptr(&t->g, gpa), &h, sizeof(h));
	memcpy(gm_ptr(&t->g, gpa + 64), data, len);
	svga_dev_reg_write(t->dev, SVGA_REG_COMMAND_HIGH,
			   (uint32_t)(gpa >> 32));
	svga_dev_reg_write(t->dev, SVGA_REG_COMMAND_LOW,
			   (uint32_t)gpa | ctx);
	svga_dev_process(t->dev);
	memcpy(&h, gm_ptr(&t->g, gpa), sizeof(h));
	r.status = h.status;
	r.error_offset = h.errorOffset;
	/* allocations are never reused: rewind to keep memory bounded */
	t->g.next = gpa - GM_BASE;
	return r;
}

static inline struct submit_result submit_dx(struct tdev *t, struct cbuf *c,
				      uint32_t cid)
{
	return submit_ex(t, c->data, c->len, 0, SVGA_CB_FLAG_DX_CONTEXT, cid);
}

static inline struct submit_result submit(struct tdev *t, struct cbuf *c)
{
	return submit_ex(t, c->data, c->len, 0, 0, 0);
}

/* Submit and expect success. */
static inline void run_ok(struct tdev *t, struct cbuf *c, const char *what)
{
	struct submit_result r = submit(t, c);

	if (r.status != SVGA_CB_STATUS_COMPLETED) {
		t_failures++;
		fprintf(stderr, "%s: status %u at offset %u (%s)\n", what,
			r.status, r.error_offset, t->g.last_error);
	}
	t_checks++;
	cb_reset(c);
}

/* A command error stops context 0: restart it as vmwgfx does. */
static inline void restart_ctx0(struct tdev *t)
{
	struct {
		uint32_t id;
		SVGADCCmdStartStop body;
	} dc = { SVGA_DC_CMD_START_STOP_CONTEXT, { 1, 0 } };
	struct submit_result d = submit_ex(t, &dc, sizeof(dc),
					   SVGA_CB_CONTEXT_DEVICE, 0, 0);

	CHECK_EQ(d.status, SVGA_CB_STATUS_COMPLETED);
}

/* Submit and expect a command error at command index idx of c. */
static inline void run_err(struct tdev *t, struct cbuf *c, unsigned idx,
		    const char *what)
{
	struct submit_result r;

	t->g.quiet = true;
	r = submit(t, c);
	t->g.quiet = false;
	t_checks++;
	if (r.status != SVGA_CB_STATUS_COMMAND_ERROR ||
	    r.error_offset != c->offs[idx]) {
		t_failures++;
		fprintf(stderr, "%s: expected error at %u, got status %u "
			"offset %u\n", what, c->offs[idx], r.status,
			r.error_offset);
	}
	cb_reset(c);
	restart_ctx0(t);
}

/* ---- MOBs built in fake guest memory -------------------------------- */

struct tmob {
	uint32_t id;
	uint32_t size;
	uint32_t npages;
	uint64_t *pages;     /* gpa of each data page */
};

/*
 * Build a MOB of `size` bytes with page table format `fmt`.  Data pages
 * are scattered (one free page between each) so no two are contiguous,
 * except for RANGE.  Emits DEFINE_GB_MOB64 (or DEFINE_GB_MOB for the 32
 * bit formats) into c.
 */
static inline void tmob_build(struct tdev *t, struct cbuf *c, struct tmob *m,
		       uint32_t id, uint32_t size, uint32_t fmt)
{
	uint32_t n = (size + PG - 1) / PG;
	bool pt64 = fmt == SVGA3D_MOBFMT_PT64_0 ||
		    fmt == SVGA3D_MOBFMT_PT64_1 || fmt == SVGA3D_MOBFMT_PT64_2;
	uint32_t per = pt64 ? 512 : 1024, esz = pt64 ? 8 : 4;
	uint64_t base = 0;

	m->id = id;
	m->size = size;
	m->npages = n;
	m->pages = calloc(n ? n : 1, sizeof(uint64_t));
	if (fmt == SVGA3D_MOBFMT_RANGE) {
		uint64_t g = gm_alloc(&t->g, n ? n : 1);

		for (uint32_t i = 0; i < n; i++)
			m->pages[i] = g + (uint64_t)i * PG;
		base = g / PG;
	} else {
		for (uint32_t i = 0; i < n; i++) {
			m->pages[i] = gm_alloc(&t->g, 2);
		}
	}
	switch (fmt) {
	case SVGA3D_MOBFMT_PT_0:
	case SVGA3D_MOBFMT_PT64_0:
		base = n ? m->pages[0] / PG : 0;
		break;
	case SVGA3D_MOBFMT_PT_1:
	case SVGA3D_MOBFMT_PT64_1: {
		uint64_t pt = gm_alloc(&t->g, 1);

		for (uint32_t i = 0; i < n; i++) {
			uint64_t v = m->pages[i] / PG;

			memcpy(gm_ptr(&t->g, pt) + i * esz, &v, esz);
		}
		base = pt / PG;
		break;
	}
	case SVGA3D_MOBFMT_PT_2:
	case SVGA3D_MOBFMT_PT64_2: {
		uint64_t root = gm_alloc(&t->g, 1);
		uint32_t nl1 = (n + per - 1) / per;

		for (uint32_t j = 0; j < nl1; j++) {
			uint64_t l1 = gm_alloc(&t->g, 1), v = l1 / PG;

			memcpy(gm_ptr(&t->g, root) + j * esz, &v, esz);
			for (uint32_t i = j * per; i < n && i < (j + 1) * per;
			     i++) {
				uint64_t p = m->pages[i] / PG;

				memcpy(gm_ptr(&t->g, l1) + (i - j * per) * esz,
				       &p, esz);
			}
		}
		base = root / PG;
		break;
	}
	default:
		break;
	}
	if (pt64 || fmt == SVGA3D_MOBFMT_RANGE || fmt == SVGA3D_MOBFMT_EMPTY) {
		SVGA3dCmdDefineGBMob64 d = { id, fmt, base, size };

		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, d);
	} else {
		SVGA3dCmdDefineGBMob d = { id, fmt, (uint32_t)base, size };

		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB, d);
	}
}

static inline void tmob_write(struct tdev *t, const struct tmob *m,
			      uint64_t off, const void *buf, uint64_t len)
{
	const uint8_t *p = buf;

	while (len) {
		uint64_t in = off % PG, n = PG - in;

		if (n > len)
			n = len;
		memcpy(gm_ptr(&t->g, m->pages[off / PG]) + in, p, n);
		off += n;
		p += n;
		len -= n;
	}
}

static inline void tmob_read(struct tdev *t, const struct tmob *m, uint64_t off,
		      void *buf, uint64_t len)
{
	uint8_t *p = buf;

	while (len) {
		uint64_t in = off % PG, n = PG - in;

		if (n > len)
			n = len;
		memcpy(p, gm_ptr(&t->g, m->pages[off / PG]) + in, n);
		off += n;
		p += n;
		len -= n;
	}
}

static inline void tmob_free(struct tmob *m)
{
	free(m->pages);
	m->pages = NULL;
}

/* OTables as vmwgfx sets them up (sizes scaled down), validSize 0. */
static inline void setup_otables(struct tdev *t, uint32_t entries)
{
	static const uint32_t esize[SVGA_OTABLE_DX_MAX] = {
		sizeof(SVGAOTableMobEntry), sizeof(SVGAOTableSurfaceEntry),
		sizeof(SVGAOTableContextEntry), sizeof(SVGAOTableShaderEntry),
		sizeof(SVGAOTableScreenTargetEntry),
		sizeof(SVGAOTableDXContextEntry),
	};
	struct cbuf *c = calloc(1, sizeof(*c));

	for (uint32_t type = 0; type < SVGA_OTABLE_DX_MAX; type++) {
		uint32_t size = entries * esize[type];
		uint32_t npages = (size + PG - 1) / PG;
		SVGA3dCmdSetOTableBase64 b;

		size = npages * PG;
		memset(&b, 0, sizeof(b));
		b.type = type;
		b.sizeInBytes = size;
		if (npages == 1) {
			b.ptDepth = SVGA3D_MOBFMT_PT64_0;
			b.baseAddress = gm_alloc(&t->g, 1) / PG;
		} else {
			uint64_t pt = gm_alloc(&t->g, 1);

			for (uint32_t i = 0; i < npages; i++) {
				uint64_t v = gm_alloc(&t->g, 1) / PG;

				memcpy(gm_ptr(&t->g, pt) + 8 * i, &v, 8);
			}
			b.ptDepth = SVGA3D_MOBFMT_PT64_1;
			b.baseAddress = pt / PG;
		}
		CMD(c, SVGA_3D_CMD_SET_OTABLE_BASE64, b);
	}
	/* OTable pages must stay: submit without rewinding past them */
	{
		uint64_t keep = t->g.next;

		run_ok(t, c, "setup_otables");
		t->g.next = keep;
	}
	free(c);
}

static inline void define_surface(struct cbuf *c, uint32_t sid, uint32_t fmt,
			   uint64_t flags, uint32_t w, uint32_t h, uint32_t d,
			   uint32_t mips, uint32_t array)
{
	SVGA3dCmdDefineGBSurface_v3 s;

	memset(&s, 0, sizeof(s));
	s.sid = sid;
	s.surfaceFlags = flags;
	s.format = fmt;
	s.numMipLevels = mips;
	s.size.width = w;
	s.size.height = h;
	s.size.depth = d;
	s.arraySize = array;
	CMD(c, SVGA_3D_CMD_DEFINE_GB_SURFACE_V3, s);
}

static inline void bind_surface(struct cbuf *c, uint32_t sid, uint32_t mobid)
{
	SVGA3dCmdBindGBSurface b = { sid, mobid };

	CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b);
}

static inline void fill_pattern(uint8_t *p, uint64_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (uint64_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (uint8_t)(x >> 16);
	}
}

#endif
