// SPDX-License-Identifier: MIT
/*
 * coherent-svga tools: command buffers of a recording as fuzz seeds
 * (replay_seeds.h).
 */
#include "replay_seeds.h"

#include "svga_dev.h"

#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(SVGACBHeader) <= sizeof(((struct seed_writer *)0)->header),
	       "header buffer");

/* fuzz_cmdbuf's flags byte */
enum { SEED_DX_CONTEXT = 1, SEED_NO_IRQ = 2 };

static void write_seed(struct seed_writer *w, const SVGACBHeader *h,
		       const uint8_t *body)
{
	char path[4096];
	uint8_t flags = 0;
	FILE *f;
	bool ok;

	if (h->flags & SVGA_CB_FLAG_DX_CONTEXT)
		flags |= SEED_DX_CONTEXT;
	if (h->flags & SVGA_CB_FLAG_NO_IRQ)
		flags |= SEED_NO_IRQ;
	snprintf(path, sizeof(path), "%s/cmdbuf-%06llu", w->dir,
		 (unsigned long long)w->written + w->failed);
	f = fopen(path, "wb");
	ok = f && fwrite(&flags, 1, 1, f) == 1 &&
	     fwrite(body + h->offset, 1, h->length - h->offset, f) ==
	     h->length - h->offset;
	if (f && fclose(f))
		ok = false;
	if (ok) {
		w->written++;
	} else {
		if (!w->failed)
			fprintf(stderr, "svga-replay: cannot write %s\n", path);
		w->failed++;
	}
}

void seed_writer_read(struct seed_writer *w, uint64_t gpa, const void *buf,
		      size_t len)
{
	SVGACBHeader h;

	if (!w->dir)
		return;
	if (len == sizeof(SVGACBHeader)) {
		/* perhaps a header: its body, if any, is the next read */
		memcpy(w->header, buf, len);
		w->have_header = true;
		return;
	}
	if (!w->have_header)
		return;
	w->have_header = false;
	memcpy(&h, w->header, sizeof(h));
	if ((h.flags & SVGA_CB_FLAG_MOB) || h.ptr.pa != gpa ||
	    h.length != len || h.offset >= h.length)
		return;
	write_seed(w, &h, buf);
}
