// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, protocol layer: the register file (BAR0),
 * interrupts, fences and the guest's statistics window.
 *
 * Register semantics follow what Linux 6.1's vmwgfx does on SVGA3
 * (vmwgfx_drv.c, vmwgfx_irq.c, vmwgfx_fence.c).
 */
#include "svga_dev.h"

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

/* ---- interrupts and fences ------------------------------------------- */

void svga_irq_update(struct svga_dev *dev)
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
	svga_irq_update(dev);
}

void svga_fence_signal(struct svga_dev *dev, uint32_t fence)
{
	uint32_t flags = SVGA_IRQFLAG_ANY_FENCE;

	dev->fence = fence;
	if ((int32_t)(fence - dev->fence_goal) >= 0)
		flags |= SVGA_IRQFLAG_REG_FENCE_GOAL;
	svga_trace(&dev->log, "fence %u", fence);
	svga_irq_raise(dev, flags);
}

static void cstats_latch(struct svga_dev *dev, uint32_t sel)
{
	dev->cstats_select = sel;
	if (sel == SVGA_CSTATS_SELECT_TOTALS) {
		dev->cstats_latch = dev->log.totals.all;
	} else if (sel == SVGA_CSTATS_SELECT_CMDBUFS) {
		memset(&dev->cstats_latch, 0, sizeof(dev->cstats_latch));
		dev->cstats_latch.count = dev->log.totals.cmdbufs;
	} else if (sel >= SVGA_CSTATS_SELECT_RENDERER &&
		   sel < SVGA_CSTATS_SELECT_RENDERER + SVGA_RSTAT_NUM) {
		uint64_t r[SVGA_RSTAT_NUM] = { 0 };

		if (dev->rstats_read)
			dev->rstats_read(dev->rstats_opaque, r);
		memset(&dev->cstats_latch, 0, sizeof(dev->cstats_latch));
		dev->cstats_latch.count = r[sel - SVGA_CSTATS_SELECT_RENDERER];
	} else if (!svga_dev_get_counter(dev, sel, &dev->cstats_latch)) {
		memset(&dev->cstats_latch, 0, sizeof(dev->cstats_latch));
	}
	dev->cstats_err_latch = dev->log.totals.cmd_errors;
}

static uint32_t cstats_read(struct svga_dev *dev, uint32_t r)
{
	const struct svga_counter *c = &dev->cstats_latch;

	switch (r) {
	case SVGA_CSTATS_MAGIC:
		return SVGA_CSTATS_MAGIC_VALUE;
	case SVGA_CSTATS_VERSION:
		return 3;
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

/* ---- registers ------------------------------------------------------- */

static uint32_t depth_for_bpp(uint32_t bpp)
{
	return bpp == 32 ? 24 : bpp;
}

uint32_t svga_reg_read_now(struct svga_dev *dev, uint32_t index)
{
	const struct svga_config *cfg = &dev->cfg;

	dev->guest_seen = true;

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
		svga_guest_error(&dev->log, "read of unknown register %u",
				 index);
		return 0;
	}
}

void svga_reg_write_now(struct svga_dev *dev, uint32_t index, uint32_t value)
{
	dev->guest_seen = true;
	if (index >= SVGA_CSTATS_BASE &&
	    index < SVGA_CSTATS_BASE + SVGA_CSTATS_REGS) {
		if (index - SVGA_CSTATS_BASE == SVGA_CSTATS_SELECT)
			cstats_latch(dev, value);
		else if (index - SVGA_CSTATS_BASE == SVGA_CSTATS_RESET &&
			 value == 1)
			svga_reset_counters_now(dev);
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
			svga_guest_error(&dev->log, "bad width %u", value);
		break;
	case SVGA_REG_HEIGHT:
		if (value && value <= dev->cfg.max_height)
			dev->height = value;
		else
			svga_guest_error(&dev->log, "bad height %u", value);
		break;
	case SVGA_REG_BITS_PER_PIXEL:
		if (value == 8 || value == 16 || value == 24 || value == 32)
			dev->bpp = value;
		else
			svga_guest_error(&dev->log, "bad bpp %u", value);
		break;
	case SVGA_REG_CONFIG_DONE:
		dev->config_done = value;
		break;
	case SVGA_REG_SYNC:
		dev->sync = value;
		svga_work_queued(dev);
		break;
	case SVGA_REG_GUEST_ID:
		dev->guest_id = value;
		break;
	case SVGA_REG_PITCHLOCK:
		dev->pitchlock = value;
		break;
	case SVGA_REG_IRQMASK:
		dev->irq_mask = value;
		svga_irq_update(dev);
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
		svga_cb_submit(dev, value);
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
			svga_trace(&dev->log,
				   "guest driver %u version %08x %08x %08x",
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
		svga_irq_update(dev);
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
		svga_guest_error(&dev->log,
				 "write of read-only or unknown register "
				 "%u (0x%x)",
				 index, value);
		break;
	}
}

void svga_regs_reset(struct svga_dev *dev)
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
}
