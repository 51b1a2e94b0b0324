// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, object layer: Memory OBjects.
 *
 * A MOB is described by a page table in guest memory (SVGAMobFormat).  The
 * table is walked once, when the MOB is defined, and the resulting page
 * frame list is kept on the host.  Every later access goes through
 * svga_mob_read()/svga_mob_write(), which check bounds and route through
 * the embedder's guest memory callbacks.
 */
#include "svga_objects.h"

#include <stdlib.h>
#include <string.h>

#define PPN_LIMIT (1ULL << (64 - SVGA_PAGE_SHIFT))

static int read_pt_page(struct svga_objects *om, uint64_t ppn, uint8_t *page)
{
	if (ppn >= PPN_LIMIT) {
		svga_guest_error(om->log,
				 "MOB page table PPN 0x%llx out of range",
				 (unsigned long long)ppn);
		return SVGA_ERR;
	}
	if (om->mem.read(om->opaque, ppn << SVGA_PAGE_SHIFT, page,
			  SVGA_PAGE_SIZE)) {
		svga_guest_error(om->log,
				 "MOB page table page at PPN 0x%llx is "
				 "not guest memory",
				 (unsigned long long)ppn);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

static uint64_t pt_entry(const uint8_t *page, uint32_t idx, bool pt64)
{
	if (pt64) {
		uint64_t v;

		memcpy(&v, page + (size_t)idx * 8, 8);
		return v;
	} else {
		uint32_t v;

		memcpy(&v, page + (size_t)idx * 4, 4);
		return v;
	}
}

struct svga_mob *svga_mob_build(struct svga_objects *om, uint32_t pt_depth,
				uint64_t base, uint32_t size)
{
	uint32_t npages = size / SVGA_PAGE_SIZE + (size % SVGA_PAGE_SIZE != 0);
	struct svga_mob *mob;
	uint8_t *page = NULL;
	bool pt64 = false;
	uint32_t per_page;

	if (size > om->cfg->mob_max_size) {
		svga_guest_error(om->log, "MOB size %u exceeds MOB_MAX_SIZE %u",
				 size, om->cfg->mob_max_size);
		return NULL;
	}
	if (pt_depth == SVGA3D_MOBFMT_EMPTY)
		npages = 0;
	if (om->mob_pages + npages > om->cfg->max_mob_pages) {
		svga_guest_error(om->log, "MOB page limit reached (%llu + %u)",
				 (unsigned long long)om->mob_pages, npages);
		return NULL;
	}
	mob = calloc(1, sizeof(*mob));
	if (!mob)
		return NULL;
	mob->size = size;
	mob->num_pages = npages;
	if (npages) {
		mob->ppn = calloc(npages, sizeof(uint64_t));
		if (!mob->ppn)
			goto fail;
	}

	switch (pt_depth) {
	case SVGA3D_MOBFMT_EMPTY:
		break;
	case SVGA3D_MOBFMT_RANGE:
		if (base >= PPN_LIMIT || base + npages > PPN_LIMIT)
			goto bad;
		for (uint32_t i = 0; i < npages; i++)
			mob->ppn[i] = base + i;
		break;
	case SVGA3D_MOBFMT_PT_0:
	case SVGA3D_MOBFMT_PT64_0:
		if (npages > 1) {
			svga_guest_error(om->log,
					 "depth-0 MOB larger than a page");
			goto fail;
		}
		if (npages)
			mob->ppn[0] = base;
		break;
	case SVGA3D_MOBFMT_PT64_1:
		pt64 = true;
		/* fall through */
	case SVGA3D_MOBFMT_PT_1:
		per_page = SVGA_PAGE_SIZE / (pt64 ? 8 : 4);
		if (npages > per_page) {
			svga_guest_error(om->log, "depth-1 MOB with %u pages",
					 npages);
			goto fail;
		}
		if (!npages)
			break;
		page = malloc(SVGA_PAGE_SIZE);
		if (!page || read_pt_page(om, base, page))
			goto fail;
		for (uint32_t i = 0; i < npages; i++)
			mob->ppn[i] = pt_entry(page, i, pt64);
		break;
	case SVGA3D_MOBFMT_PT64_2:
		pt64 = true;
		/* fall through */
	case SVGA3D_MOBFMT_PT_2: {
		uint8_t *root;
		uint32_t nl1;

		per_page = SVGA_PAGE_SIZE / (pt64 ? 8 : 4);
		if ((uint64_t)npages > (uint64_t)per_page * per_page) {
			svga_guest_error(om->log, "depth-2 MOB with %u pages",
					 npages);
			goto fail;
		}
		if (!npages)
			break;
		page = malloc(2 * SVGA_PAGE_SIZE);
		if (!page)
			goto fail;
		root = page + SVGA_PAGE_SIZE;
		if (read_pt_page(om, base, root))
			goto fail;
		nl1 = npages / per_page + (npages % per_page != 0);
		for (uint32_t j = 0; j < nl1; j++) {
			uint32_t first = j * per_page;
			uint32_t n = npages - first < per_page ?
				     npages - first : per_page;

			if (read_pt_page(om, pt_entry(root, j, pt64), page))
				goto fail;
			for (uint32_t i = 0; i < n; i++)
				mob->ppn[first + i] = pt_entry(page, i, pt64);
		}
		break;
	}
	default:
		svga_guest_error(om->log, "bad MOB page table format %u",
				 pt_depth);
		goto fail;
	}
	for (uint32_t i = 0; i < npages; i++)
		if (mob->ppn[i] >= PPN_LIMIT)
			goto bad;
	free(page);
	om->mob_pages += npages;
	return mob;
bad:
	svga_guest_error(om->log, "MOB page frame number out of range");
fail:
	free(page);
	free(mob->ppn);
	free(mob);
	return NULL;
}

void svga_mob_free(struct svga_objects *om, struct svga_mob *mob)
{
	if (!mob)
		return;
	om->mob_pages -= mob->num_pages;
	free(mob->ppn);
	free(mob);
}

static int mob_access(struct svga_objects *om, const struct svga_mob *mob,
		      uint64_t off, void *rbuf, const void *wbuf, uint64_t len)
{
	uint64_t end;

	if (svga_add_ovf(off, len, &end) || end > mob->size ||
	    end > (uint64_t)mob->num_pages * SVGA_PAGE_SIZE) {
		svga_guest_error(om->log, "access [%llu, +%llu) outside MOB %u "
				 "of %u bytes", (unsigned long long)off,
				 (unsigned long long)len, mob->id, mob->size);
		return SVGA_ERR;
	}
	while (len) {
		uint64_t p = off >> SVGA_PAGE_SHIFT;
		uint64_t in = off & (SVGA_PAGE_SIZE - 1);
		uint64_t chunk = SVGA_PAGE_SIZE - in;
		uint64_t gpa = (mob->ppn[p] << SVGA_PAGE_SHIFT) + in;
		int r;

		/* merge physically contiguous pages into one access */
		while (chunk < len && p + 1 < mob->num_pages &&
		       mob->ppn[p + 1] == mob->ppn[p] + 1) {
			p++;
			chunk += SVGA_PAGE_SIZE;
		}
		if (chunk > len)
			chunk = len;
		if (rbuf)
			r = om->mem.read(om->opaque, gpa, rbuf, chunk);
		else
			r = om->mem.write(om->opaque, gpa, wbuf, chunk);
		if (r) {
			svga_guest_error(om->log,
					 "MOB %u page at 0x%llx is not "
					 "guest memory",
					 mob->id, (unsigned long long)gpa);
			return SVGA_ERR;
		}
		off += chunk;
		len -= chunk;
		if (rbuf)
			rbuf = (uint8_t *)rbuf + chunk;
		else
			wbuf = (const uint8_t *)wbuf + chunk;
	}
	return SVGA_OK;
}

int svga_mob_read(struct svga_objects *om, const struct svga_mob *mob,
		  uint64_t off, void *buf, uint64_t len)
{
	return mob_access(om, mob, off, buf, NULL, len);
}

int svga_mob_write(struct svga_objects *om, const struct svga_mob *mob,
		   uint64_t off, const void *buf, uint64_t len)
{
	return mob_access(om, mob, off, NULL, buf, len);
}

int svga_mob_define(struct svga_objects *om, uint32_t mobid, uint32_t pt_depth,
		    uint64_t base, uint32_t size)
{
	struct svga_mob *mob;

	if (svga_obj_check_new(om, SVGA_OBJ_MOB, mobid))
		return SVGA_ERR;
	mob = svga_mob_build(om, pt_depth, base, size);
	if (!mob)
		return SVGA_ERR;
	mob->id = mobid;
	svga_obj_put(om, SVGA_OBJ_MOB, mobid, mob);
	return SVGA_OK;
}
