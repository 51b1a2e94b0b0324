// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, capture layer: the recorder (format in
 * svga_capture_format.h and README.md).
 *
 * While a capture runs, the device's guest-memory ops (dev->mem and the
 * object layer's om->mem) are replaced by wrappers that call the
 * embedder's ops and then record the access; stopping puts the embedder's
 * ops back, so a device that is not capturing pays one NULL test per
 * public call and nothing per memory access.
 *
 * A capture always begins on a device in its reset state: replay builds a
 * fresh core from the header, and the MOBs, surfaces and contexts of a
 * running guest cannot be rebuilt from a register stream.  Started after
 * the guest has touched the device, the capture is armed and begins at
 * the next svga_dev_reset() (a guest reboot or QEMU's system_reset).
 */
#include "svga_capture.h"
#include "svga_capture_format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SVGA_CAP_DEFAULT_LIMIT (4ull << 30)

struct svga_capture {
	FILE *f;
	char *path;
	bool armed;               /* waiting for the next reset            */
	unsigned depth;           /* nested public calls: only the outer
				   * one is recorded                       */
	uint64_t bytes;           /* written so far                        */
	uint64_t limit;
	/* the embedder's memory ops, while ours are installed */
	struct svga_guest_mem_ops inner;
	void *inner_opaque;
};

static void cap_install(struct svga_dev *dev);
static void cap_uninstall(struct svga_dev *dev);

static void cap_close(struct svga_dev *dev, uint32_t why);

/* Writes one record; on failure or at the size limit the capture ends
 * (with a log line) and false is returned.  dev->capture may then be
 * NULL: callers must not keep a pointer to it. */
static bool cap_record(struct svga_dev *dev, uint32_t type,
		       const uint8_t *fixed, uint32_t fixed_len,
		       const void *data, uint32_t data_len)
{
	struct svga_capture *c = dev->capture;
	uint8_t hdr[SVGA_CAP_REC_HDR_LEN];
	uint64_t n = SVGA_CAP_REC_HDR_LEN + (uint64_t)fixed_len + data_len;
	/* room for the END record is always kept */
	uint64_t end_len = SVGA_CAP_REC_HDR_LEN + 4;

	if (c->bytes + n + end_len > c->limit) {
		svga_guest_error(&dev->log, "capture %s: size limit of %llu "
				 "bytes reached, capture stopped", c->path,
				 (unsigned long long)c->limit);
		cap_close(dev, SVGA_CAP_END_LIMIT);
		return false;
	}
	svga_cap_put32(hdr, type);
	svga_cap_put32(hdr + 4, fixed_len + data_len);
	if (fwrite(hdr, sizeof(hdr), 1, c->f) != 1 ||
	    (fixed_len && fwrite(fixed, fixed_len, 1, c->f) != 1) ||
	    (data_len && fwrite(data, data_len, 1, c->f) != 1)) {
		svga_guest_error(&dev->log, "capture %s: write failed (%s), "
				 "capture stopped", c->path,
				 strerror(errno));
		cap_uninstall(dev);
		fclose(c->f);
		free(c->path);
		free(c);
		dev->capture = NULL;
		return false;
	}
	c->bytes += n;
	return true;
}

static void cap_close(struct svga_dev *dev, uint32_t why)
{
	struct svga_capture *c = dev->capture;
	uint8_t rec[SVGA_CAP_REC_HDR_LEN + 4];
	bool ok = true;

	if (!c)
		return;
	if (!c->armed) {
		cap_uninstall(dev);
		svga_cap_put32(rec, SVGA_CAP_END);
		svga_cap_put32(rec + 4, 4);
		svga_cap_put32(rec + 8, why);
		ok = fwrite(rec, sizeof(rec), 1, c->f) == 1;
	}
	if (fclose(c->f) || !ok)
		svga_guest_error(&dev->log, "capture %s: cannot finish the "
				 "file (%s)", c->path, strerror(errno));
	free(c->path);
	free(c);
	dev->capture = NULL;
}

/* ---- the memory-op wrappers ---------------------------------------- */

static bool cap_mem_record(struct svga_dev *dev, uint32_t type,
			   uint64_t gpa, const void *buf, size_t len, int rc)
{
	uint8_t fixed[SVGA_CAP_MEM_HDR_LEN];
	bool with_data = type == SVGA_CAP_MEM_WRITE || rc == 0;

	if (len > UINT32_MAX - SVGA_CAP_MEM_HDR_LEN) {
		svga_guest_error(&dev->log, "capture %s: a guest-memory "
				 "access of %zu bytes cannot be recorded, "
				 "capture stopped", dev->capture->path, len);
		cap_close(dev, SVGA_CAP_END_LIMIT);
		return false;
	}
	svga_cap_put64(fixed, gpa);
	svga_cap_put32(fixed + 8, (uint32_t)len);
	svga_cap_put32(fixed + 12, (uint32_t)rc);
	return cap_record(dev, type, fixed, sizeof(fixed), buf,
			  with_data ? (uint32_t)len : 0);
}

/* The wrappers' opaque is the device: the embedder's opaque is kept in
 * the capture, and the capture can end inside the inner call's record. */
static int cap_mem_read(void *opaque, uint64_t gpa, void *buf, size_t len)
{
	struct svga_dev *dev = opaque;
	struct svga_capture *c = dev->capture;
	int rc = c->inner.read(c->inner_opaque, gpa, buf, len);

	cap_mem_record(dev, SVGA_CAP_MEM_READ, gpa, buf, len, rc);
	return rc;
}

static int cap_mem_write(void *opaque, uint64_t gpa, const void *buf,
			 size_t len)
{
	struct svga_dev *dev = opaque;
	struct svga_capture *c = dev->capture;
	int rc = c->inner.write(c->inner_opaque, gpa, buf, len);

	cap_mem_record(dev, SVGA_CAP_MEM_WRITE, gpa, buf, len, rc);
	return rc;
}

static const struct svga_guest_mem_ops cap_mem_ops = {
	cap_mem_read, cap_mem_write
};

static void cap_install(struct svga_dev *dev)
{
	struct svga_capture *c = dev->capture;

	c->inner = dev->mem;
	c->inner_opaque = dev->mem_opaque;
	dev->mem = cap_mem_ops;
	dev->mem_opaque = dev;
	dev->om.mem = cap_mem_ops;
	dev->om.opaque = dev;
}

static void cap_uninstall(struct svga_dev *dev)
{
	struct svga_capture *c = dev->capture;

	if (c->armed)
		return;
	dev->mem = c->inner;
	dev->mem_opaque = c->inner_opaque;
	dev->om.mem = c->inner;
	dev->om.opaque = c->inner_opaque;
}

/* ---- start and stop ------------------------------------------------- */

/* The header, then the devcaps the guest will read; installs the
 * wrappers.  False when the capture ended (writing failed). */
static bool cap_begin(struct svga_dev *dev)
{
	struct svga_capture *c = dev->capture;
	const struct svga_config *cfg = &dev->cfg;
	uint8_t h[SVGA_CAP_MAGIC_LEN + 12 + SVGA_CAP_CONFIG_LEN];
	uint8_t *p = h + SVGA_CAP_MAGIC_LEN;
	const uint32_t u32s[10] = {
		cfg->vram_size, cfg->max_primary_mem, cfg->gbobject_mem_kb,
		cfg->mob_max_size, cfg->max_width, cfg->max_height,
		cfg->stdu_max_width, cfg->stdu_max_height,
		cfg->max_texture_size, cfg->num_displays,
	};

	memcpy(h, SVGA_CAP_MAGIC, SVGA_CAP_MAGIC_LEN);
	svga_cap_put32(p, SVGA_CAP_VERSION);
	svga_cap_put32(p + 4, sizeof(h));
	svga_cap_put32(p + 8, dev->cb.kick ? 0 : SVGA_CAP_HDR_SYNC);
	p += 12;
	for (unsigned i = 0; i < 10; i++, p += 4)
		svga_cap_put32(p, u32s[i]);
	svga_cap_put64(p, cfg->max_host_storage);
	svga_cap_put64(p + 8, cfg->max_mob_pages);
	svga_cap_put32(p + 16, cfg->max_objects);
	svga_cap_put32(p + 20,
		       (cfg->drop_updates ? SVGA_CAP_CFG_DROP_UPDATES : 0) |
		       (cfg->drop_readbacks ? SVGA_CAP_CFG_DROP_READBACKS : 0));
	c->armed = false;
	if (fwrite(h, sizeof(h), 1, c->f) != 1) {
		svga_guest_error(&dev->log, "capture %s: write failed (%s), "
				 "capture stopped", c->path, strerror(errno));
		c->armed = true;   /* nothing installed yet */
		cap_close(dev, SVGA_CAP_END_STOPPED);
		return false;
	}
	c->bytes = sizeof(h);
	cap_install(dev);
	svga_capture_devcaps(dev);
	return dev->capture != NULL;
}

int svga_dev_capture_start(struct svga_dev *dev, const char *path)
{
	struct svga_capture *c;

	svga_dev_capture_stop(dev);
	c = calloc(1, sizeof(*c));
	if (!c)
		return -1;
	c->path = malloc(strlen(path) + 1);   /* no strdup in C11 */
	if (c->path)
		memcpy(c->path, path, strlen(path) + 1);
	c->f = c->path ? fopen(path, "wb") : NULL;
	if (!c->f) {
		free(c->path);
		free(c);
		return -1;
	}
	c->limit = dev->capture_limit ? dev->capture_limit
				      : SVGA_CAP_DEFAULT_LIMIT;
	c->armed = true;
	dev->capture = c;
	if (dev->guest_seen)
		return 1;
	return cap_begin(dev) ? 0 : -1;
}

void svga_dev_capture_stop(struct svga_dev *dev)
{
	cap_close(dev, SVGA_CAP_END_STOPPED);
}

void svga_dev_capture_set_limit(struct svga_dev *dev, uint64_t max_bytes)
{
	dev->capture_limit = max_bytes;
	if (dev->capture && max_bytes)
		dev->capture->limit = max_bytes;
}

int svga_dev_capture_state(const struct svga_dev *dev)
{
	if (!dev->capture)
		return 0;
	return dev->capture->armed ? 1 : 2;
}

void svga_capture_free(struct svga_dev *dev)
{
	cap_close(dev, SVGA_CAP_END_STOPPED);
}

/* ---- the public calls, recorded ------------------------------------- */

/* True when this call is to be recorded: a running capture and not a
 * call made from inside another public call (svga_work_queued runs
 * svga_dev_process inside COMMAND_LOW's write). */
static bool cap_outer(const struct svga_dev *dev)
{
	return dev->capture && !dev->capture->armed && !dev->capture->depth;
}

static void cap_enter(struct svga_dev *dev, struct svga_capture **c)
{
	*c = dev->capture;
	if (*c)
		(*c)->depth++;
}

/* The capture may have ended inside the call. */
static void cap_leave(struct svga_dev *dev, struct svga_capture *c)
{
	if (c && dev->capture == c)
		c->depth--;
}

static uint32_t reg_read_recorded(struct svga_dev *dev, uint32_t index)
{
	uint8_t rec[8];
	uint32_t v;

	if (!cap_outer(dev))
		return svga_reg_read_now(dev, index);
	v = svga_reg_read_now(dev, index);
	svga_cap_put32(rec, index);
	svga_cap_put32(rec + 4, v);
	cap_record(dev, SVGA_CAP_REG_READ, rec, sizeof(rec), NULL, 0);
	return v;
}

static void reg_write_recorded(struct svga_dev *dev, uint32_t index,
			       uint32_t value)
{
	struct svga_capture *c;
	uint8_t rec[8];

	if (!cap_outer(dev)) {
		svga_reg_write_now(dev, index, value);
		return;
	}
	svga_cap_put32(rec, index);
	svga_cap_put32(rec + 4, value);
	cap_record(dev, SVGA_CAP_REG_WRITE, rec, sizeof(rec), NULL, 0);
	cap_enter(dev, &c);
	svga_reg_write_now(dev, index, value);
	cap_leave(dev, c);
}

static unsigned process_recorded(struct svga_dev *dev)
{
	struct svga_capture *c;
	uint8_t rec[4];
	unsigned n;

	if (!cap_outer(dev))
		return svga_process_now(dev);
	cap_record(dev, SVGA_CAP_PROCESS, NULL, 0, NULL, 0);
	cap_enter(dev, &c);
	n = svga_process_now(dev);
	cap_leave(dev, c);
	if (dev->capture) {
		svga_cap_put32(rec, n);
		cap_record(dev, SVGA_CAP_PROCESS_DONE, rec, sizeof(rec),
			   NULL, 0);
	}
	return n;
}

static void reset_recorded(struct svga_dev *dev)
{
	struct svga_capture *c;

	if (dev->capture && dev->capture->armed) {
		svga_reset_now(dev);
		cap_begin(dev);
		return;
	}
	if (!cap_outer(dev)) {
		svga_reset_now(dev);
		return;
	}
	cap_record(dev, SVGA_CAP_RESET, NULL, 0, NULL, 0);
	cap_enter(dev, &c);
	svga_reset_now(dev);
	cap_leave(dev, c);
}

/* The public entry points: recorded when a capture runs, and their time
 * charged to the core's phase (svga_phase.h; nothing when disabled). */
uint32_t svga_dev_reg_read(struct svga_dev *dev, uint32_t index)
{
	uint32_t v;

	svga_phase_push(&dev->phases, SVGA_PHASE_CORE);
	v = reg_read_recorded(dev, index);
	svga_phase_pop(&dev->phases);
	return v;
}

void svga_dev_reg_write(struct svga_dev *dev, uint32_t index, uint32_t value)
{
	svga_phase_push(&dev->phases, SVGA_PHASE_CORE);
	reg_write_recorded(dev, index, value);
	svga_phase_pop(&dev->phases);
}

unsigned svga_dev_process(struct svga_dev *dev)
{
	unsigned n;

	svga_phase_push(&dev->phases, SVGA_PHASE_CORE);
	n = process_recorded(dev);
	svga_phase_pop(&dev->phases);
	return n;
}

void svga_dev_reset(struct svga_dev *dev)
{
	svga_phase_push(&dev->phases, SVGA_PHASE_CORE);
	reset_recorded(dev);
	svga_phase_pop(&dev->phases);
}

void svga_capture_devcaps(struct svga_dev *dev)
{
	uint8_t dc[8 + 4 * SVGA_NUM_DEVCAPS];

	if (!cap_outer(dev))
		return;
	svga_cap_put32(dc, dev->om.limits.max_array_layers);
	svga_cap_put32(dc + 4, SVGA_NUM_DEVCAPS);
	for (unsigned i = 0; i < SVGA_NUM_DEVCAPS; i++)
		svga_cap_put32(dc + 8 + 4 * i, dev->devcaps[i]);
	cap_record(dev, SVGA_CAP_DEVCAPS, dc, sizeof(dc), NULL, 0);
}

void svga_dev_reset_counters(struct svga_dev *dev)
{
	/* the counters are guest-visible (the SVGA_CSTATS window) */
	if (cap_outer(dev))
		cap_record(dev, SVGA_CAP_RESET_COUNTERS, NULL, 0, NULL, 0);
	svga_reset_counters_now(dev);
}
