// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: command buffer processing of the SVGA3 device core.
 *
 * Setup (not fuzzed): OTables, MOBs 1..3 and surfaces 1..3 bound to them,
 * DX context 1 with a RTV COTable in MOB 4.  Each input runs on a device
 * set up afresh (same guest addresses, zeroed guest memory), so that an
 * input's result does not depend on the ones before it (a destroyed
 * context or MOB would otherwise stay destroyed for the rest of the run)
 * and every finding reproduces from its file alone.  Input layout:
 *   byte 0: bit 0 DX_CONTEXT flag (dxContext 1), bit 1 NO_IRQ,
 *           bit 2 also submit the same bytes on the device context
 *   rest:   the command stream, submitted as one command buffer.
 * fuzz_cmdbuf_mutator.c keeps mutated streams well formed.
 */
#include "../tests/harness.h"
#include "svga_dx_draw.h"

static struct tdev t;

static uint64_t dirty_end;   /* guest memory written since the last reset */

/* The harness's guest writes, noting how far they reach. */
static int track_write(void *opaque, uint64_t gpa, const void *buf,
		       size_t len)
{
	int rc = gm_write(opaque, gpa, buf, len);

	if (!rc && gpa - GM_BASE + len > dirty_end)
		dirty_end = gpa - GM_BASE + len;
	return rc;
}

static const struct svga_guest_mem_ops track_ops = { gm_read, track_write };

/*
 * A stand-in renderer, so that the paths behind the hooks run: every byte
 * a draw snapshot points at is read (ASan catches a snapshot that points
 * into freed or short memory), query results are written, PRESENTBLT is
 * accepted.
 */
static volatile uint32_t sink;

static int fz_draw(void *opaque, const struct svga_dx_draw *d)
{
	uint32_t sum = 0;

	(void)opaque;
	for (unsigned s = 0; s < SVGA_DX_NUM_STAGES; s++) {
		const struct svga_dx_draw_shader *sh = &d->pipeline.shader[s];

		for (uint32_t i = 0; sh->code && i < sh->size; i++)
			sum += sh->code[i];
	}
	if (d->pipeline.so_decl)
		sum += d->pipeline.so_decl->numOutputStreamEntries;
	sink = sum;
	return 0;
}

/* The query hooks as a renderer calls them: begin fails for one type
 * (a renderer at its limit), result for another. */
static int fz_query_begin(void *opaque, uint32_t cid, uint32_t qid,
			  const SVGACOTableDXQueryEntry *q)
{
	(void)opaque;
	sink = cid ^ qid;
	return q->type == SVGA3D_QUERYTYPE_STREAMOVERFLOWPREDICATE;
}

static int fz_query_end(void *opaque, uint32_t cid, uint32_t qid,
			const SVGACOTableDXQueryEntry *q)
{
	(void)opaque;
	sink = cid ^ qid ^ q->type;
	return 0;
}

static int fz_query_result(void *opaque, uint32_t cid, uint32_t qid,
			   const SVGACOTableDXQueryEntry *q, void *result,
			   uint32_t len)
{
	(void)opaque;
	sink = cid ^ qid;
	memset(result, 0x5a, len);
	return q->type == SVGA3D_QUERYTYPE_PIPELINESTATS;  /* one fails */
}

static int fz_predicate_result(void *opaque, uint32_t cid, uint32_t qid,
			       uint32_t *any_passed)
{
	(void)opaque;
	*any_passed = (cid ^ qid) & 1;
	return (int)(qid % 3) - 1;      /* error, known, unknown */
}

static void fz_query_destroy(void *opaque, uint32_t cid, uint32_t qid)
{
	(void)opaque;
	sink = cid ^ qid;
}

static int fz_present_blt(void *opaque, const SVGA3dCmdDXPresentBlt *c)
{
	(void)opaque;
	sink = c->srcSid ^ c->dstSid;
	return 0;
}

static const struct svga_dx_hooks fz_hooks = {
	.draw = fz_draw,
	.query_begin = fz_query_begin,
	.query_end = fz_query_end,
	.query_result = fz_query_result,
	.query_destroy = fz_query_destroy,
	.predicate_result = fz_predicate_result,
	.present_blt = fz_present_blt,
};

/* The device as new, on the same fake guest memory, its used part zeroed. */
static void fresh_device(void)
{
	struct svga_callbacks cb = { 0 };

	if (!t.g.mem) {
		t.g.size = 8u << 20;
		t.g.mem = calloc(1, t.g.size);
		/* SVGA_TEST_VERBOSE=1: print the guest errors (seed work) */
		t.g.quiet = !getenv("SVGA_TEST_VERBOSE");
		svga_config_default(&t.cfg);
	} else {
		uint64_t end = t.g.next > dirty_end ? t.g.next : dirty_end;

		/* the device's own reset (what QEMU does on a machine reset)
		 * drops every object; cheaper than a new device */
		svga_dev_reset(t.dev);
		memset(t.g.mem, 0, end);
		dirty_end = 0;
		t.g.next = 0;
		t.g.errors = t.g.irqs = t.g.screen_updates = 0;
		t.g.level = false;
		return;
	}
	dirty_end = 0;
	t.g.next = 0;
	t.g.errors = t.g.irqs = t.g.screen_updates = 0;
	t.g.level = false;
	cb.irq_changed = gm_irq;
	cb.guest_error = gm_log;
	cb.screen_update = gm_screen;
	t.dev = svga_dev_new(&t.cfg, &track_ops, &cb, &t.g);
	if (!t.g.mem || !t.dev) {
		fprintf(stderr, "fuzz_cmdbuf: device setup failed\n");
		exit(2);
	}
	svga_cmd_set_dx_hooks(&t.dev->cmd, &fz_hooks, NULL);
}

static void setup(void)
{
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m[4];

	fresh_device();
	setup_otables(&t, 16);
	tmob_build(&t, c, &m[0], 1, 4 * PG, SVGA3D_MOBFMT_PT64_1);
	tmob_build(&t, c, &m[1], 2, 2 * PG, SVGA3D_MOBFMT_PT_1);
	tmob_build(&t, c, &m[2], 3, 64 * PG, SVGA3D_MOBFMT_PT64_2);
	tmob_build(&t, c, &m[3], 4, PG, SVGA3D_MOBFMT_PT64_0);
	define_surface(c, 1, SVGA3D_R8G8B8A8_UNORM, 0, 32, 32, 1, 3, 0);
	define_surface(c, 2, SVGA3D_BUFFER, 0, 8192, 1, 1, 1, 0);
	define_surface(c, 3, SVGA3D_BC1_UNORM, SVGA3D_SURFACE_CUBEMAP, 64, 64,
		       1, 7, 0);
	bind_surface(c, 1, 1);
	bind_surface(c, 2, 2);
	bind_surface(c, 3, 3);
	{
		SVGA3dCmdDXDefineContext d = { 1 };
		SVGA3dCmdDXSetCOTable s = { 1, 4, SVGA_COTABLE_RTVIEW, 0 };

		CMD(c, SVGA_3D_CMD_DX_DEFINE_CONTEXT, d);
		CMD(c, SVGA_3D_CMD_DX_SET_COTABLE, s);
	}
	run_ok(&t, c, "fuzz setup");
	for (int i = 0; i < 4; i++)
		tmob_free(&m[i]);
	free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t flags = 0;

	if (size < 1 || size > (1u << 20))
		return 0;
	setup();
	if (data[0] & 1)
		flags |= SVGA_CB_FLAG_DX_CONTEXT;
	if (data[0] & 2)
		flags |= SVGA_CB_FLAG_NO_IRQ;
	submit_ex(&t, data + 1, (uint32_t)(size - 1), 0, flags, 1);
	if (data[0] & 4)
		submit_ex(&t, data + 1, (uint32_t)(size - 1),
			  SVGA_CB_CONTEXT_DEVICE, 0, 0);
	return 0;
}
