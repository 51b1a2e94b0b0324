// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, protocol layer: the device's lifecycle (the
 * embedder API of svga_core.h that is not a register or the queue), its
 * default configuration, and the host's view of statistics and scanout.
 */
#include "svga_dev.h"
#include "svga_capture.h"

#include <stdlib.h>
#include <string.h>

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
	/*
	 * As much as the guest may back with MOBs: every surface vmwgfx lets
	 * Mesa create and back must fit.  At 512 MiB, glmark2's refract scene
	 * at a 4096x2160 mode was refused a 135 MiB surface, a command error
	 * and a vmwgfx WARN.  Storage is allocated per surface, as used.
	 */
	cfg->max_host_storage = (uint64_t)cfg->gbobject_mem_kb << 10;
	/* MOB pages plus OTable / page-table slack */
	cfg->max_mob_pages = 2ull * 1024 * 1024 * 1024 / SVGA_PAGE_SIZE;
	cfg->max_objects = 1u << 20;
}

bool svga_dev_get_counter(const struct svga_dev *dev, uint32_t id,
			  struct svga_counter *out)
{
	return svga_stats_counter(&dev->log, id, out);
}

void svga_dev_get_totals(const struct svga_dev *dev, struct svga_totals *out)
{
	*out = dev->log.totals;
	out->host_storage = dev->om.storage;
	out->surfaces = dev->om.ot[SVGA_OBJ_SURFACE].count;
	out->mobs = dev->om.ot[SVGA_OBJ_MOB].count;
}

void svga_reset_counters_now(struct svga_dev *dev)
{
	svga_stats_reset(&dev->log);
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
	dev->mem_opaque = opaque;
	if (cb)
		dev->cb = *cb;
	dev->opaque = opaque;
	dev->cb_buf = malloc(SVGA_MAX_CB_LEN);
	if (!dev->cb_buf || svga_log_init(&dev->log, cb, opaque)) {
		svga_log_fini(&dev->log);
		free(dev->cb_buf);
		free(dev);
		return NULL;
	}
	svga_objects_init(&dev->om, &dev->cfg, &dev->mem, opaque, &dev->log);
	dev->cmd = (struct svga_cmd_ctx){
		.om = &dev->om,
		.log = &dev->log,
		.cfg = &dev->cfg,
		.screen_update = dev->cb.screen_update,
		.opaque = opaque,
		.dx_cid = SVGA3D_INVALID_ID,
	};
	svga_devcaps_init(dev->devcaps, &dev->cfg);
	svga_limits_from_devcaps(&dev->om.limits, dev->devcaps,
				 SVGA3D_MAX_SURFACE_ARRAYSIZE);
	svga_regs_reset(dev);
	svga_cbctx_reset(dev);
	return dev;
}

void svga_dev_set_renderer_stats(struct svga_dev *dev,
				 void (*read)(void *opaque,
					      uint64_t out[SVGA_RSTAT_NUM]),
				 void *opaque)
{
	dev->rstats_read = read;
	dev->rstats_opaque = opaque;
}

struct svga_phase_clock *svga_dev_phase_clock(struct svga_dev *dev)
{
	return &dev->phases;
}

int svga_dev_set_devcaps(struct svga_dev *dev,
			 const uint32_t caps[SVGA_NUM_DEVCAPS],
			 uint32_t max_array_layers)
{
	if (dev->guest_seen)
		return -1;
	memcpy(dev->devcaps, caps, sizeof(dev->devcaps));
	svga_limits_from_devcaps(&dev->om.limits, dev->devcaps,
				 max_array_layers);
	svga_capture_devcaps(dev);
	return 0;
}

void svga_reset_now(struct svga_dev *dev)
{
	bool level = dev->irq_level;

	svga_objects_free_all(&dev->om);
	svga_regs_reset(dev);
	svga_cbctx_reset(dev);
	dev->irq_level = false;
	if (level && dev->cb.irq_changed)
		dev->cb.irq_changed(dev->opaque, false);
}

void svga_dev_free(struct svga_dev *dev)
{
	if (!dev)
		return;
	svga_capture_free(dev);
	svga_objects_free_all(&dev->om);
	svga_log_fini(&dev->log);
	free(dev->cb_buf);
	free(dev);
}

bool svga_dev_get_scanout(const struct svga_dev *dev, uint32_t stid,
			  struct svga_scanout *out)
{
	/* the object tables are only read */
	return svga_stdu_scanout((struct svga_objects *)&dev->om, stid, out);
}
