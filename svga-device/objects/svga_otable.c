// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: object tables.
 *
 * The guest gives the device one OTable per object type
 * (SET_OTABLE_BASE64).  Its size bounds the ids of that type.  Object state
 * itself is kept on the host; the guest pages of an OTable are never read.
 */
#include "svga_objects.h"

#include <stdlib.h>
#include <string.h>

static void obj_free(struct svga_objects *om, enum svga_obj_type t, void *obj)
{
	switch (t) {
	case SVGA_OBJ_MOB:
		svga_mob_free(om, obj);
		break;
	case SVGA_OBJ_SURFACE:
		svga_surface_free(om, obj);
		break;
	case SVGA_OBJ_DXCONTEXT:
		svga_dxctx_free(om, obj);
		break;
	default:
		free(obj);
		break;
	}
}

void svga_objects_init(struct svga_objects *om, const struct svga_config *cfg,
		       const struct svga_guest_mem_ops *mem, void *opaque,
		       struct svga_log *log)
{
	memset(om, 0, sizeof(*om));
	om->cfg = cfg;
	om->mem = *mem;
	om->opaque = opaque;
	om->log = log;
}

void *svga_obj_get(struct svga_objects *om, enum svga_obj_type t, uint32_t id)
{
	struct svga_otable *ot = &om->ot[t];

	if (!ot->set || id >= ot->capacity)
		return NULL;
	return ot->obj[id];
}

static const char *const obj_names[SVGA_OBJ_MAX] = {
	[SVGA_OBJ_MOB] = "MOB",
	[SVGA_OBJ_SURFACE] = "surface",
	[SVGA_OBJ_CONTEXT] = "context",
	[SVGA_OBJ_SHADER] = "shader",
	[SVGA_OBJ_SCREENTARGET] = "screen target",
	[SVGA_OBJ_DXCONTEXT] = "DX context",
};

void *svga_obj_lookup(struct svga_objects *om, enum svga_obj_type t,
		      uint32_t id)
{
	void *obj = svga_obj_get(om, t, id);

	if (!obj)
		svga_guest_error(om->log, "no %s %u", obj_names[t], id);
	return obj;
}

int svga_obj_check_new(struct svga_objects *om, enum svga_obj_type t,
		       uint32_t id)
{
	struct svga_otable *ot = &om->ot[t];

	if (!ot->set) {
		svga_guest_error(om->log, "object table %d not set", t);
		return SVGA_ERR;
	}
	if (id >= ot->capacity) {
		svga_guest_error(om->log, "object id %u beyond table %d (%u)",
				 id, t, ot->capacity);
		return SVGA_ERR;
	}
	if (ot->obj[id]) {
		svga_guest_error(om->log,
				 "object %u of table %d already defined", id,
				 t);
		return SVGA_ERR;
	}
	if (ot->count >= om->cfg->max_objects) {
		svga_guest_error(om->log, "object limit reached for table %d",
				 t);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

void svga_obj_put(struct svga_objects *om, enum svga_obj_type t, uint32_t id,
		  void *obj)
{
	om->ot[t].obj[id] = obj;
	om->ot[t].count++;
}

void svga_obj_destroy(struct svga_objects *om, enum svga_obj_type t,
		      uint32_t id)
{
	struct svga_otable *ot = &om->ot[t];

	if (!ot->set || id >= ot->capacity || !ot->obj[id])
		return;
	obj_free(om, t, ot->obj[id]);
	ot->obj[id] = NULL;
	ot->count--;
}

static void otable_free(struct svga_objects *om, enum svga_obj_type t)
{
	struct svga_otable *ot = &om->ot[t];

	for (uint32_t i = 0; ot->obj && i < ot->capacity; i++)
		svga_obj_destroy(om, t, i);
	free(ot->obj);
	memset(ot, 0, sizeof(*ot));
}

void svga_objects_free_all(struct svga_objects *om)
{
	/* surfaces and contexts reference MOBs by id only: any order works */
	for (int t = 0; t < SVGA_OBJ_MAX; t++)
		otable_free(om, t);
}

static uint32_t otable_entry_size(uint32_t type)
{
	switch (type) {
	case SVGA_OTABLE_MOB:
		return sizeof(SVGAOTableMobEntry);
	case SVGA_OTABLE_SURFACE:
		return sizeof(SVGAOTableSurfaceEntry);
	case SVGA_OTABLE_CONTEXT:
		return sizeof(SVGAOTableContextEntry);
	case SVGA_OTABLE_SHADER:
		return sizeof(SVGAOTableShaderEntry);
	case SVGA_OTABLE_SCREENTARGET:
		return sizeof(SVGAOTableScreenTargetEntry);
	case SVGA_OTABLE_DXCONTEXT:
		return sizeof(SVGAOTableDXContextEntry);
	default:
		return 0;
	}
}

/* Hard cap on ids per table, whatever the guest's table size. */
#define SVGA_OTABLE_MAX_IDS (1u << 20)

/*
 * Set (grow == false) or grow an object table.  The guest memory of the
 * table is validated (page table walk) but never used afterwards.
 * Objects at ids >= valid_size / entry_size are dropped, as the device
 * treats those table entries as invalid.
 */
int svga_otable_set(struct svga_objects *om, uint32_t type, uint64_t base,
		    uint32_t size, uint32_t valid_size, uint32_t pt_depth,
		    bool grow)
{
	uint32_t esize = otable_entry_size(type);
	struct svga_otable *ot;
	struct svga_mob *probe;
	uint32_t cap, valid;

	if (!esize) {
		svga_guest_error(om->log, "bad OTable type %u", type);
		return SVGA_ERR;
	}
	ot = &om->ot[type];
	if (pt_depth == SVGA3D_MOBFMT_INVALID && !grow) {
		/* table takedown */
		otable_free(om, type);
		return SVGA_OK;
	}
	if (valid_size > size) {
		svga_guest_error(om->log, "OTable valid size %u > size %u",
				 valid_size, size);
		return SVGA_ERR;
	}
	if (grow && (!ot->set || size / esize < ot->capacity)) {
		svga_guest_error(om->log,
				 "GROW_OTABLE on unset or shrinking table");
		return SVGA_ERR;
	}
	/* Walk the page table: a table the device cannot address is an
	 * error now, not later. */
	probe = svga_mob_build(om, pt_depth, base, size);
	if (!probe)
		return SVGA_ERR;
	svga_mob_free(om, probe);

	cap = size / esize;
	if (cap > SVGA_OTABLE_MAX_IDS)
		cap = SVGA_OTABLE_MAX_IDS;
	valid = valid_size / esize;
	if (!ot->set) {
		ot->obj = calloc(cap ? cap : 1, sizeof(void *));
		if (!ot->obj)
			return SVGA_ERR;
		ot->capacity = cap;
		ot->set = true;
		return SVGA_OK;
	}
	for (uint32_t i = valid; i < ot->capacity; i++)
		svga_obj_destroy(om, type, i);
	if (cap != ot->capacity) {
		void **n = calloc(cap ? cap : 1, sizeof(void *));
		uint32_t keep = cap < ot->capacity ? cap : ot->capacity;

		if (!n)
			return SVGA_ERR;
		memcpy(n, ot->obj, keep * sizeof(void *));
		free(ot->obj);
		ot->obj = n;
		ot->capacity = cap;
	}
	return SVGA_OK;
}
