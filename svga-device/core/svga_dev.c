// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core: device lifecycle, register file, interrupts,
 * fences, command buffer submission and statistics.
 *
 * Register semantics follow what Linux 6.1's vmwgfx does on SVGA3
 * (vmwgfx_drv.c, vmwgfx_cmdbuf.c, vmwgfx_irq.c, vmwgfx_fence.c).
 */
#include "svga_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SVGA_CAPS (SVGA_CAP_CURSOR | SVGA_CAP_CURSOR_BYPASS |              \
		   SVGA_CAP_CURSOR_BYPASS_2 | SVGA_CAP_ALPHA_CURSOR |         \
		   SVGA_CAP_3D | SVGA_CAP_MULTIMON | SVGA_CAP_PITCHLOCK |     \
		   SVGA_CAP_IRQMASK | SVGA_CAP_DISPLAY_TOPOLOGY |             \
		   SVGA_CAP_COMMAND_BUFFERS | SVGA_CAP_CMD_BUFFERS_2 |        \
		   SVGA_CAP_GBOBJECTS | SVGA_CAP_DX | SVGA_CAP_HP_CMD_QUEUE | \
		   SVGA_CAP_NO_BB_RESTRICTION | SVGA_CAP_CAP2_REGISTER)
#define SVGA_CAPS2 (SVGA_CAP2_GROW_OTABLE | SVGA_CAP2_INTRA_SURFACE_COPY | \
		    SVGA_CAP2_DX2 | SVGA_CAP2_GB_MEMSIZE_2 |                 \
		    SVGA_CAP2_OTABLE_PTDEPTH_2 | SVGA_CAP2_CB_MAX_SIZE_4MB |  \
		    SVGA_CAP2_EXTRA_REGS)

void svga_config_default(struct svga_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* < 32 MiB makes vmwgfx's screen targets use CPU blits into the
	 * display surface's MOB instead of SURFACE_DMA */
	cfg->vram_size = 16u << 20;
	cfg->max_primary_mem = 128u << 20;
	cfg->gbobject_mem_kb = 1024u * 1024u;   /* 1 GiB */
	cfg->mob_max_size = 256u << 20;
	cfg->max_width = 8192;
	cfg->max_height = 8192;
	cfg->stdu_max_width = 8192;
	cfg->stdu_max_height = 8192;
	cfg->max_texture_size = 8192;
	cfg->num_displays = 1;
	cfg->max_host_storage = 512ull << 20;
	/* MOB pages plus OTable / page-table slack */
	cfg->max_mob_pages = 2ull * 1024 * 1024 * 1024 / SVGA_PAGE_SIZE;
	cfg->max_objects = 1u << 20;
}

/* ---- logging --------------------------------------------------------- */

void svga_guest_error(struct svga_dev *dev, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (!dev->cb.guest_error)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	dev->cb.guest_error(dev->opaque, buf);
}

void svga_trace(struct svga_dev *dev, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (!dev->cb.trace)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	dev->cb.trace(dev->opaque, buf);
}

/* ---- interrupts and fences ------------------------------------------- */

static void irq_update(struct svga_dev *dev)
{
	bool level = (dev->irq_status & dev->irq_mask) != 0;

	if (level != dev->irq_level) {
		dev->irq_level = level;
		if (dev->cb.irq_changed)
			dev->cb.irq_changed(dev->opaque, level);
	}
}

void svga_irq_raise(struct svga_dev *dev, uint32_t flags)
{
	dev->irq_status |= flags;
	irq_update(dev);
}

void svga_fence_signal(struct svga_dev *dev, uint32_t fence)
{
	uint32_t flags = SVGA_IRQFLAG_ANY_FENCE;

	dev->fence = fence;
	if ((int32_t)(fence - dev->fence_goal) >= 0)
		flags |= SVGA_IRQFLAG_REG_FENCE_GOAL;
	svga_trace(dev, "fence %u", fence);
	svga_irq_raise(dev, flags);
}

/* ---- statistics ------------------------------------------------------ */

void svga_count_bytes(struct svga_dev *dev, bool to_host, uint64_t bytes)
{
	uint32_t id = dev->exec.cmd_id;

	if (to_host) {
		dev->totals.all.bytes_to_host += bytes;
		if (id < SVGA_COUNTER_SLOTS)
			dev->counters[id].bytes_to_host += bytes;
	} else {
		dev->totals.all.bytes_to_guest += bytes;
		if (id < SVGA_COUNTER_SLOTS)
			dev->counters[id].bytes_to_guest += bytes;
	}
}

bool svga_dev_get_counter(const struct svga_dev *dev, uint32_t id,
			  struct svga_counter *out)
{
	if (id >= SVGA_COUNTER_SLOTS)
		return false;
	*out = dev->counters[id];
	return true;
}

void svga_dev_get_totals(const struct svga_dev *dev, struct svga_totals *out)
{
	*out = dev->totals;
	out->host_storage = dev->storage;
}

void svga_dev_reset_counters(struct svga_dev *dev)
{
	uint64_t surfaces = dev->totals.surfaces, mobs = dev->totals.mobs;

	memset(dev->counters, 0,
	       sizeof(*dev->counters) * SVGA_COUNTER_SLOTS);
	memset(&dev->totals, 0, sizeof(dev->totals));
	dev->totals.surfaces = surfaces;
	dev->totals.mobs = mobs;
	dev->totals.host_storage = dev->storage;
}

static void cstats_latch(struct svga_dev *dev, uint32_t sel)
{
	dev->cstats_select = sel;
	if (sel == SVGA_CSTATS_SELECT_TOTALS)
		dev->cstats_latch = dev->totals.all;
	else if (!svga_dev_get_counter(dev, sel, &dev->cstats_latch))
		memset(&dev->cstats_latch, 0, sizeof(dev->cstats_latch));
	dev->cstats_err_latch = dev->totals.cmd_errors;
}

static uint32_t cstats_read(struct svga_dev *dev, uint32_t r)
{
	const struct svga_counter *c = &dev->cstats_latch;

	switch (r) {
	case SVGA_CSTATS_MAGIC:
		return SVGA_CSTATS_MAGIC_VALUE;
	case SVGA_CSTATS_VERSION:
		return 1;
	case SVGA_CSTATS_SELECT:
		return dev->cstats_select;
	case SVGA_CSTATS_COUNT_LO:
		return (uint32_t)c->count;
	case SVGA_CSTATS_COUNT_HI:
		return (uint32_t)(c->count >> 32);
	case SVGA_CSTATS_TO_HOST_LO:
		return (uint32_t)c->bytes_to_host;
	case SVGA_CSTATS_TO_HOST_HI:
		return (uint32_t)(c->bytes_to_host >> 32);
	case SVGA_CSTATS_TO_GUEST_LO:
		return (uint32_t)c->bytes_to_guest;
	case SVGA_CSTATS_TO_GUEST_HI:
		return (uint32_t)(c->bytes_to_guest >> 32);
	case SVGA_CSTATS_ERRORS_LO:
		return (uint32_t)dev->cstats_err_latch;
	case SVGA_CSTATS_ERRORS_HI:
		return (uint32_t)(dev->cstats_err_latch >> 32);
	default:
		return 0;
	}
}

/* ---- command buffers ------------------------------------------------- */

static void cb_write_status(struct svga_dev *dev, uint64_t pa,
			    uint32_t status, uint32_t err_off)
{
	if (status == SVGA_CB_STATUS_COMMAND_ERROR)
		dev->mem.write(dev->opaque, pa + offsetof(SVGACBHeader,
							  errorOffset),
			       &err_off, sizeof(err_off));
	if (dev->mem.write(dev->opaque, pa, &status, sizeof(status)))
		svga_guest_error(dev, "cannot write command buffer status at "
				 "0x%llx", (unsigned long long)pa);
}

/* Device context commands (SVGA_CB_CONTEXT_DEVICE).  Returns the status. */
static uint32_t dc_exec(struct svga_dev *dev, const uint8_t *buf,
			uint32_t len, uint32_t *err_off)
{
	uint32_t off = 0;

	while (off < len) {
		uint32_t id, a = 0, b = 0, need;

		*err_off = off;
		if (len - off < 4)
			return SVGA_CB_STATUS_COMMAND_ERROR;
		memcpy(&id, buf + off, 4);
		need = id == SVGA_DC_CMD_NOP ? 4 :
		       (id == SVGA_DC_CMD_START_STOP_CONTEXT ||
			id == SVGA_DC_CMD_PREEMPT) ? 12 : 8;
		if (id >= SVGA_DC_CMD_MAX || len - off < need) {
			svga_guest_error(dev, "bad device context command %u",
					 id);
			return SVGA_CB_STATUS_COMMAND_ERROR;
		}
		if (need >= 8)
			memcpy(&a, buf + off + 4, 4);
		if (need >= 12)
			memcpy(&b, buf + off + 8, 4);
		switch (id) {
		case SVGA_DC_CMD_NOP:
			break;
		case SVGA_DC_CMD_START_STOP_CONTEXT:
			/* a = enable, b = context */
			if (b >= SVGA_NUM_CB_CONTEXTS)
				goto bad_ctx;
			dev->cbctx[b].running = a != 0;
			break;
		case SVGA_DC_CMD_START_QUEUE:
		case SVGA_DC_CMD_ASYNC_STOP_QUEUE:
			if (a >= SVGA_NUM_CB_CONTEXTS)
				goto bad_ctx;
			dev->cbctx[a].running = id == SVGA_DC_CMD_START_QUEUE;
			break;
		case SVGA_DC_CMD_PREEMPT:
		case SVGA_DC_CMD_EMPTY_CONTEXT_QUEUE: {
			/* a = context: hand every queued buffer back */
			struct svga_cb_context *c;

			if (a >= SVGA_NUM_CB_CONTEXTS)
				goto bad_ctx;
			c = &dev->cbctx[a];
			while (c->count) {
				cb_write_status(dev, c->q[c->head].pa,
						SVGA_CB_STATUS_PREEMPTED, 0);
				c->head = (c->head + 1) % SVGA_CB_QUEUE_LEN;
				c->count--;
			}
			break;
		}
		}
		off += need;
	}
	return SVGA_CB_STATUS_COMPLETED;
bad_ctx:
	svga_guest_error(dev, "device context command on bad context");
	return SVGA_CB_STATUS_COMMAND_ERROR;
}

/* Run the command buffer whose header is at pa. */
static uint32_t cb_run(struct svga_dev *dev, uint64_t pa, bool device_ctx)
{
	SVGACBHeader h;
	uint32_t status = SVGA_CB_STATUS_COMPLETED, err_off = 0;
	uint32_t irq = 0;
	bool ok = true;

	if (dev->mem.read(dev->opaque, pa, &h, sizeof(h))) {
		svga_guest_error(dev, "command buffer header at 0x%llx is not "
				 "guest memory", (unsigned long long)pa);
		dev->totals.cmdbuf_errors++;
		svga_irq_raise(dev, SVGA_IRQFLAG_ERROR);
		return SVGA_CB_STATUS_CB_HEADER_ERROR;
	}
	for (unsigned i = 0; i < 6; i++)
		ok = ok && h.mustBeZero[i] == 0;
	if (!ok || h.length > SVGA_MAX_CB_LEN || h.offset > h.length ||
	    (h.flags & ~(SVGA_CB_FLAG_NO_IRQ | SVGA_CB_FLAG_DX_CONTEXT |
			 SVGA_CB_FLAG_MOB))) {
		svga_guest_error(dev, "bad command buffer header (len %u, off "
				 "%u, flags 0x%x)", h.length, h.offset,
				 (unsigned)h.flags);
		status = SVGA_CB_STATUS_CB_HEADER_ERROR;
		goto done;
	}
	if (h.flags & SVGA_CB_FLAG_MOB) {
		struct svga_mob *m = svga_obj_get(dev, SVGA_OBJ_MOB,
						  h.ptr.mob.mobid);

		if (!m || svga_mob_read(dev, m, h.ptr.mob.mobOffset,
					dev->cb_buf, h.length)) {
			svga_guest_error(dev, "command buffer MOB %u unusable",
					 h.ptr.mob.mobid);
			status = SVGA_CB_STATUS_CB_HEADER_ERROR;
			goto done;
		}
	} else if (dev->mem.read(dev->opaque, h.ptr.pa, dev->cb_buf,
				 h.length)) {
		svga_guest_error(dev, "command buffer data at 0x%llx is not "
				 "guest memory", (unsigned long long)h.ptr.pa);
		status = SVGA_CB_STATUS_CB_HEADER_ERROR;
		goto done;
	}

	if (device_ctx) {
		status = dc_exec(dev, dev->cb_buf + h.offset,
				 h.length - h.offset, &err_off);
		err_off += h.offset;
	} else {
		uint32_t off = h.offset;

		dev->exec.dx_cid = (h.flags & SVGA_CB_FLAG_DX_CONTEXT) ?
				   h.dxContext : SVGA3D_INVALID_ID;
		while (off < h.length) {
			uint32_t used = 0;

			if (svga_cmd_exec(dev, dev->cb_buf + off,
					  h.length - off, &used)) {
				status = SVGA_CB_STATUS_COMMAND_ERROR;
				err_off = off;
				break;
			}
			off += used;
		}
	}
done:
	if (status == SVGA_CB_STATUS_COMPLETED) {
		dev->totals.cmdbufs++;
	} else {
		dev->totals.cmdbuf_errors++;
		irq |= SVGA_IRQFLAG_ERROR;
	}
	if (!(h.flags & SVGA_CB_FLAG_NO_IRQ) ||
	    status != SVGA_CB_STATUS_COMPLETED)
		irq |= SVGA_IRQFLAG_COMMAND_BUFFER;
	cb_write_status(dev, pa, status, err_off);
	svga_trace(dev, "cmdbuf 0x%llx status %u", (unsigned long long)pa,
		   status);
	svga_irq_raise(dev, irq);
	return status;
}

/* A command error stops the context: vmwgfx then preempts it and restarts
 * it (vmw_cmdbuf_work_func).  Header errors do not stop it: vmwgfx just
 * drops such a buffer. */
static unsigned process_ctx(struct svga_dev *dev, unsigned ci)
{
	struct svga_cb_context *c = &dev->cbctx[ci];
	uint64_t pa;

	if (!c->running || !c->count)
		return 0;
	pa = c->q[c->head].pa;
	c->head = (c->head + 1) % SVGA_CB_QUEUE_LEN;
	c->count--;
	if (cb_run(dev, pa, false) == SVGA_CB_STATUS_COMMAND_ERROR)
		c->running = false;
	return 1;
}

unsigned svga_dev_process(struct svga_dev *dev)
{
	unsigned n = 0, step;

	do {
		step = 0;
		/* the high priority queue first */
		for (int ci = SVGA_NUM_CB_CONTEXTS - 1; ci >= 0; ci--)
			step += process_ctx(dev, (unsigned)ci);
		n += step;
	} while (step);
	return n;
}

bool svga_dev_work_pending(const struct svga_dev *dev)
{
	for (unsigned i = 0; i < SVGA_NUM_CB_CONTEXTS; i++)
		if (dev->cbctx[i].running && dev->cbctx[i].count)
			return true;
	return false;
}

static void work_queued(struct svga_dev *dev)
{
	if (!svga_dev_work_pending(dev))
		return;
	if (dev->cb.kick)
		dev->cb.kick(dev->opaque);
	else
		svga_dev_process(dev);
}

static void cb_submit(struct svga_dev *dev, uint32_t low)
{
	uint64_t pa = ((uint64_t)dev->cmd_high << 32) |
		      (low & ~(uint32_t)SVGA_CB_CONTEXT_MASK);
	uint32_t ctx = low & SVGA_CB_CONTEXT_MASK;
	struct svga_cb_context *c;

	if (ctx == SVGA_CB_CONTEXT_DEVICE) {
		cb_run(dev, pa, true);
		work_queued(dev);
		return;
	}
	if (ctx >= SVGA_NUM_CB_CONTEXTS) {
		svga_guest_error(dev, "command buffer for context %u", ctx);
		cb_write_status(dev, pa, SVGA_CB_STATUS_SUBMISSION_ERROR, 0);
		svga_irq_raise(dev, SVGA_IRQFLAG_ERROR);
		return;
	}
	c = &dev->cbctx[ctx];
	if (c->count == SVGA_CB_QUEUE_LEN) {
		cb_write_status(dev, pa, SVGA_CB_STATUS_QUEUE_FULL, 0);
		return;
	}
	c->q[(c->head + c->count) % SVGA_CB_QUEUE_LEN].pa = pa;
	c->count++;
	work_queued(dev);
}

/* ---- registers ------------------------------------------------------- */

static uint32_t depth_for_bpp(uint32_t bpp)
{
	return bpp == 32 ? 24 : bpp;
}

uint32_t svga_dev_reg_read(struct svga_dev *dev, uint32_t index)
{
	const struct svga_config *cfg = &dev->cfg;

	if (index >= SVGA_CSTATS_BASE &&
	    index < SVGA_CSTATS_BASE + SVGA_CSTATS_REGS)
		return cstats_read(dev, index - SVGA_CSTATS_BASE);
	if (index >= SVGA_PALETTE_BASE &&
	    index < SVGA_PALETTE_BASE + SVGA_PALETTE_REGS)
		return dev->palette[index - SVGA_PALETTE_BASE];

	switch (index) {
	case SVGA_REG_ID:
		return dev->id;
	case SVGA_REG_ENABLE:
		return dev->enable;
	case SVGA_REG_WIDTH:
		return dev->width;
	case SVGA_REG_HEIGHT:
		return dev->height;
	case SVGA_REG_MAX_WIDTH:
		return cfg->max_width;
	case SVGA_REG_MAX_HEIGHT:
		return cfg->max_height;
	case SVGA_REG_DEPTH:
		return depth_for_bpp(dev->bpp);
	case SVGA_REG_BITS_PER_PIXEL:
	case SVGA_REG_HOST_BITS_PER_PIXEL:
		return dev->bpp;
	case SVGA_REG_PSEUDOCOLOR:
		return dev->bpp == 8;
	case SVGA_REG_RED_MASK:
		return dev->bpp == 16 ? 0xf800 : 0xff0000;
	case SVGA_REG_GREEN_MASK:
		return dev->bpp == 16 ? 0x07e0 : 0x00ff00;
	case SVGA_REG_BLUE_MASK:
		return dev->bpp == 16 ? 0x001f : 0x0000ff;
	case SVGA_REG_BYTES_PER_LINE:
		return dev->pitchlock ? dev->pitchlock :
		       dev->width * ((dev->bpp + 7) / 8);
	case SVGA_REG_FB_SIZE: {
		uint64_t sz = (uint64_t)dev->height *
			      (dev->pitchlock ? dev->pitchlock :
			       dev->width * ((dev->bpp + 7) / 8));
		return sz > cfg->vram_size ? cfg->vram_size : (uint32_t)sz;
	}
	case SVGA_REG_VRAM_SIZE:
		return cfg->vram_size;
	case SVGA_REG_CAPABILITIES:
		return SVGA_CAPS;
	case SVGA_REG_CAP2:
		return SVGA_CAPS2;
	case SVGA_REG_CONFIG_DONE:
		return dev->config_done;
	case SVGA_REG_SYNC:
		return dev->sync;
	case SVGA_REG_BUSY:
		return svga_dev_work_pending(dev);
	case SVGA_REG_GUEST_ID:
		return dev->guest_id;
	case SVGA_REG_NUM_DISPLAYS:
		return cfg->num_displays;
	case SVGA_REG_PITCHLOCK:
		return dev->pitchlock;
	case SVGA_REG_IRQMASK:
		return dev->irq_mask;
	case SVGA_REG_NUM_GUEST_DISPLAYS:
		return dev->num_guest_displays;
	case SVGA_REG_DISPLAY_ID:
		return dev->display_id;
	case SVGA_REG_DISPLAY_IS_PRIMARY:
		return dev->display_primary;
	case SVGA_REG_DISPLAY_POSITION_X:
		return dev->display_x;
	case SVGA_REG_DISPLAY_POSITION_Y:
		return dev->display_y;
	case SVGA_REG_DISPLAY_WIDTH:
		return dev->display_w;
	case SVGA_REG_DISPLAY_HEIGHT:
		return dev->display_h;
	case SVGA_REG_TRACES:
		return dev->traces;
	case SVGA_REG_MEMORY_SIZE:
		return cfg->vram_size;
	case SVGA_REG_COMMAND_HIGH:
		return dev->cmd_high;
	case SVGA_REG_MAX_PRIMARY_MEM:
		return cfg->max_primary_mem;
	case SVGA_REG_SUGGESTED_GBOBJECT_MEM_SIZE_KB:
	case SVGA_REG_GBOBJECT_MEM_SIZE_KB:
		return cfg->gbobject_mem_kb;
	case SVGA_REG_DEV_CAP:
		return dev->devcap_index < SVGA_NUM_DEVCAPS ?
		       dev->devcaps[dev->devcap_index] : 0;
	case SVGA_REG_CMD_PREPEND_LOW:
		return dev->cmd_prepend_low;
	case SVGA_REG_CMD_PREPEND_HIGH:
		return dev->cmd_prepend_high;
	case SVGA_REG_SCREENTARGET_MAX_WIDTH:
		return cfg->stdu_max_width;
	case SVGA_REG_SCREENTARGET_MAX_HEIGHT:
		return cfg->stdu_max_height;
	case SVGA_REG_MOB_MAX_SIZE:
		return cfg->mob_max_size;
	case SVGA_REG_BLANK_SCREEN_TARGETS:
		return dev->blank_screen_targets;
	case SVGA_REG_GUEST_DRIVER_ID:
	case SVGA_REG_GUEST_DRIVER_VERSION1:
	case SVGA_REG_GUEST_DRIVER_VERSION2:
	case SVGA_REG_GUEST_DRIVER_VERSION3:
		return dev->guest_driver[index - SVGA_REG_GUEST_DRIVER_ID];
	case SVGA_REG_CURSOR_MAX_BYTE_SIZE:
	case SVGA_REG_CURSOR_MAX_DIMENSION:
	case SVGA_REG_CURSOR_MOBID:
		return 0;
	case SVGA_REG_CURSOR_X:
	case SVGA_REG_CURSOR_Y:
	case SVGA_REG_CURSOR_ON:
		return dev->cursor[index - SVGA_REG_CURSOR_X];
	case SVGA_REG_CURSOR4_ON:
	case SVGA_REG_CURSOR4_X:
	case SVGA_REG_CURSOR4_Y:
	case SVGA_REG_CURSOR4_SCREEN_ID:
	case SVGA_REG_CURSOR4_SUBMIT:
		return dev->cursor[3 + index - SVGA_REG_CURSOR4_ON];
	case SVGA_REG_FENCE:
		return dev->fence;
	case SVGA_REG_MSHINT:
		return dev->mshint;
	case SVGA_REG_IRQ_STATUS:
		return dev->irq_status;
	case SVGA_REG_DIRTY_TRACKING:
		return dev->dirty_tracking;
	case SVGA_REG_FENCE_GOAL:
		return dev->fence_goal;
	case SVGA_REG_FB_START:
	case SVGA_REG_FB_OFFSET:
	case SVGA_REG_MEM_START:
	case SVGA_REG_MEM_SIZE:
	case SVGA_REG_DEAD:
	case SVGA_REG_SCRATCH_SIZE:
	case SVGA_REG_MEM_REGS:
	case SVGA_REG_GMR_ID:
	case SVGA_REG_GMR_DESCRIPTOR:
	case SVGA_REG_GMR_MAX_IDS:
	case SVGA_REG_GMR_MAX_DESCRIPTOR_LENGTH:
	case SVGA_REG_GMRS_MAX_PAGES:
	case SVGA_REG_COMMAND_LOW:
	case SVGA_REG_DEVEL_CAP:
	case SVGA_REG_FIFO_CAPS:
	case SVGA_REG_SCREENDMA:
	case SVGA_REG_REGS_START_HIGH32:
	case SVGA_REG_REGS_START_LOW32:
	case SVGA_REG_FB_START_HIGH32:
	case SVGA_REG_FB_START_LOW32:
		return 0;
	default:
		svga_guest_error(dev, "read of unknown register %u", index);
		return 0;
	}
}

void svga_dev_reg_write(struct svga_dev *dev, uint32_t index, uint32_t value)
{
	if (index >= SVGA_CSTATS_BASE &&
	    index < SVGA_CSTATS_BASE + SVGA_CSTATS_REGS) {
		if (index - SVGA_CSTATS_BASE == SVGA_CSTATS_SELECT)
			cstats_latch(dev, value);
		else if (index - SVGA_CSTATS_BASE == SVGA_CSTATS_RESET &&
			 value == 1)
			svga_dev_reset_counters(dev);
		return;
	}
	if (index >= SVGA_PALETTE_BASE &&
	    index < SVGA_PALETTE_BASE + SVGA_PALETTE_REGS) {
		dev->palette[index - SVGA_PALETTE_BASE] = value;
		return;
	}

	switch (index) {
	case SVGA_REG_ID:
		dev->id = (value >= SVGA_ID_0 && value <= SVGA_ID_3) ?
			  value : SVGA_ID_INVALID;
		break;
	case SVGA_REG_ENABLE:
		dev->enable = value;
		break;
	case SVGA_REG_WIDTH:
		if (value && value <= dev->cfg.max_width)
			dev->width = value;
		else
			svga_guest_error(dev, "bad width %u", value);
		break;
	case SVGA_REG_HEIGHT:
		if (value && value <= dev->cfg.max_height)
			dev->height = value;
		else
			svga_guest_error(dev, "bad height %u", value);
		break;
	case SVGA_REG_BITS_PER_PIXEL:
		if (value == 8 || value == 16 || value == 24 || value == 32)
			dev->bpp = value;
		else
			svga_guest_error(dev, "bad bpp %u", value);
		break;
	case SVGA_REG_CONFIG_DONE:
		dev->config_done = value;
		break;
	case SVGA_REG_SYNC:
		dev->sync = value;
		work_queued(dev);
		break;
	case SVGA_REG_GUEST_ID:
		dev->guest_id = value;
		break;
	case SVGA_REG_PITCHLOCK:
		dev->pitchlock = value;
		break;
	case SVGA_REG_IRQMASK:
		dev->irq_mask = value;
		irq_update(dev);
		break;
	case SVGA_REG_NUM_GUEST_DISPLAYS:
		dev->num_guest_displays = value;
		break;
	case SVGA_REG_DISPLAY_ID:
		dev->display_id = value;
		break;
	case SVGA_REG_DISPLAY_IS_PRIMARY:
		dev->display_primary = value;
		break;
	case SVGA_REG_DISPLAY_POSITION_X:
		dev->display_x = value;
		break;
	case SVGA_REG_DISPLAY_POSITION_Y:
		dev->display_y = value;
		break;
	case SVGA_REG_DISPLAY_WIDTH:
		dev->display_w = value;
		break;
	case SVGA_REG_DISPLAY_HEIGHT:
		dev->display_h = value;
		break;
	case SVGA_REG_TRACES:
		dev->traces = value;
		break;
	case SVGA_REG_COMMAND_HIGH:
		dev->cmd_high = value;
		break;
	case SVGA_REG_COMMAND_LOW:
		cb_submit(dev, value);
		break;
	case SVGA_REG_DEV_CAP:
		dev->devcap_index = value;
		break;
	case SVGA_REG_CMD_PREPEND_LOW:
		dev->cmd_prepend_low = value;
		break;
	case SVGA_REG_CMD_PREPEND_HIGH:
		dev->cmd_prepend_high = value;
		break;
	case SVGA_REG_BLANK_SCREEN_TARGETS:
		dev->blank_screen_targets = value;
		break;
	case SVGA_REG_GUEST_DRIVER_ID:
		dev->guest_driver[0] = value;
		if (value == SVGA_REG_GUEST_DRIVER_ID_SUBMIT)
			svga_trace(dev, "guest driver %u version %08x %08x %08x",
				   dev->guest_driver[0], dev->guest_driver[1],
				   dev->guest_driver[2], dev->guest_driver[3]);
		break;
	case SVGA_REG_GUEST_DRIVER_VERSION1:
	case SVGA_REG_GUEST_DRIVER_VERSION2:
	case SVGA_REG_GUEST_DRIVER_VERSION3:
		dev->guest_driver[index - SVGA_REG_GUEST_DRIVER_ID] = value;
		break;
	case SVGA_REG_CURSOR_X:
	case SVGA_REG_CURSOR_Y:
	case SVGA_REG_CURSOR_ON:
		dev->cursor[index - SVGA_REG_CURSOR_X] = value;
		break;
	case SVGA_REG_CURSOR4_ON:
	case SVGA_REG_CURSOR4_X:
	case SVGA_REG_CURSOR4_Y:
	case SVGA_REG_CURSOR4_SCREEN_ID:
	case SVGA_REG_CURSOR4_SUBMIT:
		dev->cursor[3 + index - SVGA_REG_CURSOR4_ON] = value;
		break;
	case SVGA_REG_MSHINT:
		dev->mshint = value;
		break;
	case SVGA_REG_IRQ_STATUS:
		dev->irq_status &= ~value;  /* write one to clear */
		irq_update(dev);
		break;
	case SVGA_REG_DIRTY_TRACKING:
		dev->dirty_tracking = value;
		break;
	case SVGA_REG_FENCE_GOAL:
		dev->fence_goal = value;
		break;
	case SVGA_REG_CURSOR_MOBID:
	case SVGA_REG_FB_OFFSET:
	case SVGA_REG_GMR_ID:
	case SVGA_REG_GMR_DESCRIPTOR:
		/* accepted, no effect on this device */
		break;
	default:
		svga_guest_error(dev, "write of read-only or unknown register "
				 "%u (0x%x)", index, value);
		break;
	}
}

/* ---- lifecycle ------------------------------------------------------- */

static void regs_reset(struct svga_dev *dev)
{
	dev->id = SVGA_ID_3;
	dev->enable = 0;
	dev->config_done = 0;
	dev->traces = 0;
	dev->guest_id = 0;
	dev->width = 1024;
	dev->height = 768;
	dev->bpp = 32;
	dev->pitchlock = 0;
	dev->irq_mask = 0;
	dev->irq_status = 0;
	dev->fence = 0;
	dev->fence_goal = 0;
	dev->cmd_high = 0;
	dev->cmd_prepend_low = dev->cmd_prepend_high = 0;
	dev->devcap_index = 0;
	dev->sync = dev->blank_screen_targets = 0;
	dev->mshint = dev->dirty_tracking = 0;
	dev->num_guest_displays = dev->display_id = dev->display_primary = 0;
	dev->display_x = dev->display_y = dev->display_w = dev->display_h = 0;
	memset(dev->guest_driver, 0, sizeof(dev->guest_driver));
	memset(dev->cursor, 0, sizeof(dev->cursor));
	memset(dev->palette, 0, sizeof(dev->palette));
	for (unsigned i = 0; i < SVGA_NUM_CB_CONTEXTS; i++) {
		memset(&dev->cbctx[i], 0, sizeof(dev->cbctx[i]));
		dev->cbctx[i].running = true;
	}
	dev->exec.dx_cid = SVGA3D_INVALID_ID;
	dev->exec.cmd_id = 0;
}

struct svga_dev *svga_dev_new(const struct svga_config *cfg,
			      const struct svga_guest_mem_ops *mem,
			      const struct svga_callbacks *cb, void *opaque)
{
	struct svga_dev *dev;

	if (!mem || !mem->read || !mem->write)
		return NULL;
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return NULL;
	if (cfg)
		dev->cfg = *cfg;
	else
		svga_config_default(&dev->cfg);
	if (dev->cfg.max_texture_size == 0 || dev->cfg.max_objects == 0) {
		free(dev);
		return NULL;
	}
	dev->mem = *mem;
	if (cb)
		dev->cb = *cb;
	dev->opaque = opaque;
	dev->cb_buf = malloc(SVGA_MAX_CB_LEN);
	dev->counters = calloc(SVGA_COUNTER_SLOTS, sizeof(*dev->counters));
	if (!dev->cb_buf || !dev->counters) {
		free(dev->cb_buf);
		free(dev->counters);
		free(dev);
		return NULL;
	}
	svga_devcaps_init(dev->devcaps, &dev->cfg);
	regs_reset(dev);
	return dev;
}

void svga_dev_reset(struct svga_dev *dev)
{
	bool level = dev->irq_level;

	svga_objects_free_all(dev);
	regs_reset(dev);
	dev->irq_level = false;
	if (level && dev->cb.irq_changed)
		dev->cb.irq_changed(dev->opaque, false);
}

void svga_dev_free(struct svga_dev *dev)
{
	if (!dev)
		return;
	svga_objects_free_all(dev);
	free(dev->cb_buf);
	free(dev->counters);
	free(dev);
}

bool svga_dev_get_scanout(const struct svga_dev *dev, uint32_t stid,
			  struct svga_scanout *out)
{
	struct svga_dev *d = (struct svga_dev *)dev;
	const struct svga_stdu *st = svga_obj_get(d, SVGA_OBJ_SCREENTARGET,
						  stid);
	const struct svga_surface *s;

	if (!st)
		return false;
	memset(out, 0, sizeof(*out));
	out->width = st->width;
	out->height = st->height;
	out->x = st->x;
	out->y = st->y;
	s = st->image.sid == SVGA3D_INVALID_ID ? NULL :
	    svga_obj_get(d, SVGA_OBJ_SURFACE, st->image.sid);
	if (s && st->image.face < s->layout.num_layers &&
	    st->image.mipmap < s->layout.num_mips) {
		const struct svga_mip_layout *m =
			&s->layout.mip[st->image.mipmap];

		/* only expose an image that covers the whole target */
		if (m->w >= st->width && m->h >= st->height) {
			out->format = s->format;
			out->pitch = (uint32_t)m->row_stride;
			out->data = s->data + (uint64_t)st->image.face *
				    s->layout.mip_chain_bytes + m->offset;
		}
	}
	return true;
}
