// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: attaching the renderer to a device (its
 * DX draw hook, its surfaces' storage hooks) and detaching it.
 */
#include "backend_int.h"

#include <stdio.h>
#include <stdlib.h>

/* The guest's statistics window (SVGA_CSTATS_SELECT_RENDERER). */
static void read_window_stats(void *opaque, uint64_t out[SVGA_RSTAT_NUM])
{
	struct svga_backend_stats st;

	svga_backend_get_stats(opaque, &st);
	out[SVGA_RSTAT_DRAWS] = st.draws;
	out[SVGA_RSTAT_TRANSLATIONS] = st.translations;
	out[SVGA_RSTAT_TRANSLATION_FAILURES] = st.translation_failures;
	out[SVGA_RSTAT_SHADER_CACHE_HITS] = st.shader_cache_hits;
	out[SVGA_RSTAT_PIPELINE_CREATIONS] = st.pipeline_creations;
	out[SVGA_RSTAT_PIPELINE_CACHE_HITS] = st.pipeline_cache_hits;
	out[SVGA_RSTAT_UPLOAD_BYTES] = st.upload_bytes;
	out[SVGA_RSTAT_READBACK_BYTES] = st.readback_bytes;
}

int svga_backend_attach(struct svga_dev *dev,
			const struct svga_backend_config *cfg,
			struct svga_backend **out, char *err, size_t errlen)
{
	struct svga_render_config rc = {
		.device = cfg ? cfg->device : NULL,
		.max_memory = cfg && cfg->max_memory ? cfg->max_memory :
			      (1ull << 30),
		.max_pipelines = cfg ? cfg->max_pipelines : 0,
	};
	struct svga_backend *b;
	int ret;

	*out = NULL;
	b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ret = svga_render_new(&rc, &b->r, err, errlen);
	if (ret) {
		free(b);
		return ret;
	}
	b->dev = dev;
	b->phases = svga_dev_phase_clock(dev);
	svga_render_set_phase_clock(b->r, b->phases);
	b->om = &dev->om;
	b->log = &dev->log;
	b->max_variants = cfg && cfg->max_shader_variants ?
			  cfg->max_shader_variants : 512;
	if (backend_devcaps_install(b, err, errlen)) {
		svga_render_free(b->r);
		free(b);
		return -1;
	}
	backend_shader_dump_init(b);
	dev->om.storage_ops = &backend_timed_storage_ops;
	dev->om.storage_opaque = b;
	svga_cmd_set_dx_hooks(&dev->cmd, &backend_timed_hooks, b);
	svga_dev_set_renderer_stats(dev, read_window_stats, b);
	*out = b;
	return 0;
}

void svga_backend_detach(struct svga_backend *b)
{
	if (!b)
		return;
	backend_query_free_all(b);
	backend_surface_free_all(b);
	backend_shader_free_all(b);
	backend_sampler_free_all(b);
	svga_cmd_set_dx_hooks(&b->dev->cmd, NULL, NULL);
	svga_dev_set_renderer_stats(b->dev, NULL, NULL);
	b->dev->om.storage_ops = NULL;
	b->dev->om.storage_opaque = NULL;
	svga_render_free(b->r);
	free(b->dump_dir);
	free(b);
}

void svga_backend_get_stats(const struct svga_backend *b,
			    struct svga_backend_stats *st)
{
	struct svga_render_stats rs;

	*st = b->st;
	st->queries = b->num_queries;
	svga_render_get_stats(b->r, &rs);
	st->pipeline_creations = rs.pipeline_creations;
	st->pipeline_cache_hits = rs.pipeline_cache_hits;
	st->pipeline_evictions = rs.pipeline_evictions;
	st->pipelines_cached = rs.pipelines_cached;
	st->submits = rs.submits;
	st->memory_used = rs.memory_used;
	st->views = rs.views;
}

uint64_t svga_backend_gpu_clears(const struct svga_backend *b)
{
	return b->gpu_clears;
}

void svga_backend_phase_ns(const struct svga_backend *b, uint64_t *out)
{
	svga_phase_read(b->phases, out);
}

const char *svga_backend_device_name(const struct svga_backend *b)
{
	return svga_render_device_name(b->r);
}
