// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Replays the register sequence of Linux 6.1 vmwgfx on an SVGA3 device
 * (vmw_driver_load, vmw_devcaps_create, vmw_request_device,
 * vmw_cmdbuf_man_create, fences, irqs) and checks every value the driver
 * depends on.
 */
#include "harness.h"

static uint32_t rd(struct tdev *t, uint32_t r)
{
	return svga_dev_reg_read(t->dev, r);
}

static void wr(struct tdev *t, uint32_t r, uint32_t v)
{
	svga_dev_reg_write(t->dev, r, v);
}

static void test_driver_load(void)
{
	struct tdev t;
	uint32_t caps, caps2, devcaps[SVGA3D_DEVCAP_MAX];

	tdev_init(&t, 16);
	/* vmw_detect_version */
	wr(&t, SVGA_REG_ID, SVGA_ID_3);
	CHECK_EQ(rd(&t, SVGA_REG_ID), SVGA_ID_3);
	caps = rd(&t, SVGA_REG_CAPABILITIES);
	CHECK(caps & SVGA_CAP_CAP2_REGISTER);
	caps2 = rd(&t, SVGA_REG_CAP2);
	/* vmw_cmd_supported() on SVGA3 */
	CHECK(caps & (SVGA_CAP_COMMAND_BUFFERS | SVGA_CAP_CMD_BUFFERS_2));
	CHECK(caps & SVGA_CAP_GBOBJECTS);
	CHECK(caps & SVGA_CAP_DX);
	CHECK(caps & SVGA_CAP_3D);
	/* "Hardware has no pitchlock" otherwise */
	CHECK(caps & (SVGA_CAP_DISPLAY_TOPOLOGY | SVGA_CAP_PITCHLOCK));
	CHECK(caps & SVGA_CAP_IRQMASK);
	/* no FIFO on SVGA3: fence goal must be a register */
	CHECK(caps2 & SVGA_CAP2_EXTRA_REGS);
	CHECK(caps2 & SVGA_CAP2_GB_MEMSIZE_2);
	CHECK(caps2 & SVGA_CAP2_DX2);
	/* GMRs would need SVGA_REG_GMR_* and FIFO commands: not offered */
	CHECK(!(caps & (SVGA_CAP_GMR | SVGA_CAP_GMR2)));

	CHECK_EQ(rd(&t, SVGA_REG_VRAM_SIZE), 16u << 20);
	CHECK_EQ(rd(&t, SVGA_REG_MEM_SIZE), 0);
	CHECK(rd(&t, SVGA_REG_MAX_WIDTH) >= 2560);
	CHECK(rd(&t, SVGA_REG_MAX_HEIGHT) >= 1600);
	CHECK(rd(&t, SVGA_REG_WIDTH) == 1024 && rd(&t, SVGA_REG_HEIGHT) == 768);
	CHECK(rd(&t, SVGA_REG_GBOBJECT_MEM_SIZE_KB) >= 32 * 1024);
	CHECK(rd(&t, SVGA_REG_MAX_PRIMARY_MEM) >= 2560 * 1600 * 4);
	CHECK(rd(&t, SVGA_REG_MOB_MAX_SIZE) >= 64u << 20);
	CHECK(rd(&t, SVGA_REG_SCREENTARGET_MAX_WIDTH) >= 2560);
	CHECK(rd(&t, SVGA_REG_SCREENTARGET_MAX_HEIGHT) >= 1600);
	wr(&t, SVGA_REG_DEV_CAP, SVGA3D_DEVCAP_MAX_TEXTURE_WIDTH);
	CHECK_EQ(rd(&t, SVGA_REG_DEV_CAP), 8192);
	wr(&t, SVGA_REG_DEV_CAP, SVGA3D_DEVCAP_MAX_TEXTURE_HEIGHT);
	CHECK_EQ(rd(&t, SVGA_REG_DEV_CAP), 8192);

	/* vmw_irq_install -> vmw_irq_preinstall */
	wr(&t, SVGA_REG_IRQ_STATUS, rd(&t, SVGA_REG_IRQ_STATUS));
	CHECK_EQ(rd(&t, SVGA_REG_IRQ_STATUS), 0);

	/* vmw_devcaps_create */
	for (uint32_t i = 0; i < SVGA3D_DEVCAP_MAX; i++) {
		wr(&t, SVGA_REG_DEV_CAP, i);
		devcaps[i] = rd(&t, SVGA_REG_DEV_CAP);
	}
	CHECK_EQ(devcaps[SVGA3D_DEVCAP_3D], 1);
	CHECK_EQ(devcaps[SVGA3D_DEVCAP_DXCONTEXT], 1);
	CHECK_EQ(devcaps[SVGA3D_DEVCAP_SM41], 1);
	CHECK_EQ(devcaps[SVGA3D_DEVCAP_SM5], 0);
	CHECK(devcaps[SVGA3D_DEVCAP_DXFMT_B8G8R8A8_UNORM] &
	      SVGA3D_DXFMT_SUPPORTED);
	CHECK(devcaps[SVGA3D_DEVCAP_DXFMT_BC1_UNORM] & SVGA3D_DXFMT_SUPPORTED);
	CHECK(devcaps[SVGA3D_DEVCAP_DXFMT_BUFFER] & SVGA3D_DXFMT_SUPPORTED);
	CHECK(devcaps[SVGA3D_DEVCAP_SURFACEFMT_X8R8G8B8] != 0);
	/* a format the device does not implement is not advertised */
	CHECK_EQ(devcaps[SVGA3D_DEVCAP_DXFMT_YV12], 0);
	CHECK_EQ(devcaps[SVGA3D_DEVCAP_DXFMT_NV12], 0);
	/* each advertised DX format cap matches an implemented format */
	for (unsigned i = 0; i < svga_format_count(); i++) {
		const struct svga_format_info *f = svga_format_at(i);

		CHECK(devcaps[f->devcap] != 0);
	}
	/* out of range devcap index reads 0, no crash */
	wr(&t, SVGA_REG_DEV_CAP, 0xffffffffu);
	CHECK_EQ(rd(&t, SVGA_REG_DEV_CAP), 0);

	/* vmw_device_init */
	(void)rd(&t, SVGA_REG_ENABLE);
	(void)rd(&t, SVGA_REG_CONFIG_DONE);
	(void)rd(&t, SVGA_REG_TRACES);
	wr(&t, SVGA_REG_ENABLE, SVGA_REG_ENABLE_ENABLE | SVGA_REG_ENABLE_HIDE);
	wr(&t, SVGA_REG_TRACES, 0);
	wr(&t, SVGA_REG_CONFIG_DONE, 1);
	CHECK_EQ(rd(&t, SVGA_REG_FENCE), 0);

	/* vmw_cmdbuf_man_create: error irq waiter, then a synchronous
	 * device context START_STOP_CONTEXT */
	wr(&t, SVGA_REG_IRQ_STATUS, SVGA_IRQFLAG_ERROR);
	wr(&t, SVGA_REG_IRQMASK, SVGA_IRQFLAG_ERROR);
	{
		struct {
			uint32_t id;
			SVGADCCmdStartStop body;
		} dc = { SVGA_DC_CMD_START_STOP_CONTEXT, { 1, 0 } };
		struct submit_result r = submit_ex(&t, &dc, sizeof(dc),
						   SVGA_CB_CONTEXT_DEVICE,
						   0, 0);

		CHECK_EQ(r.status, SVGA_CB_STATUS_COMPLETED);
	}
	/* no error irq and line low: COMMAND_BUFFER is masked */
	CHECK(!t.g.level);
	CHECK(rd(&t, SVGA_REG_IRQ_STATUS) & SVGA_IRQFLAG_COMMAND_BUFFER);

	/* vmw_otables_setup */
	setup_otables(&t, 64);
	CHECK_EQ(t.g.errors, 0);

	/* vmw_write_driver_id */
	wr(&t, SVGA_REG_GUEST_DRIVER_ID, SVGA_REG_GUEST_DRIVER_ID_LINUX);
	wr(&t, SVGA_REG_GUEST_DRIVER_VERSION1, 6 << 24 | 1 << 16);
	wr(&t, SVGA_REG_GUEST_DRIVER_VERSION2, 2 << 24 | 20 << 16);
	wr(&t, SVGA_REG_GUEST_DRIVER_VERSION3, 0);
	wr(&t, SVGA_REG_GUEST_DRIVER_ID, SVGA_REG_GUEST_DRIVER_ID_SUBMIT);

	/* vmw_kms_write_svga: 32 bpp gives depth 24 */
	wr(&t, SVGA_REG_PITCHLOCK, 1280 * 4);
	wr(&t, SVGA_REG_WIDTH, 1280);
	wr(&t, SVGA_REG_HEIGHT, 1024);
	wr(&t, SVGA_REG_BITS_PER_PIXEL, 32);
	CHECK_EQ(rd(&t, SVGA_REG_DEPTH), 24);
	CHECK_EQ(rd(&t, SVGA_REG_BYTES_PER_LINE), 1280 * 4);

	/* vmw_device_fini: sync, wait for !busy */
	wr(&t, SVGA_REG_SYNC, 1);
	CHECK_EQ(rd(&t, SVGA_REG_BUSY), 0);
	tdev_fini(&t);
}

static void test_irq_and_fence(void)
{
	struct tdev t;
	struct cbuf *c = calloc(1, sizeof(*c));
	uint32_t fence_cmd[2] = { SVGA_CMD_FENCE, 5 };

	tdev_init(&t, 16);
	/* vmw_seqno_waiter_add */
	wr(&t, SVGA_REG_IRQ_STATUS, SVGA_IRQFLAG_ANY_FENCE);
	wr(&t, SVGA_REG_IRQMASK, SVGA_IRQFLAG_ANY_FENCE);
	CHECK(!t.g.level);
	cb_raw(c, fence_cmd, sizeof(fence_cmd));
	run_ok(&t, c, "fence");
	CHECK_EQ(rd(&t, SVGA_REG_FENCE), 5);
	CHECK(t.g.level);
	CHECK_EQ(t.g.irqs, 1);
	/* vmw_irq_handler: read status, write it back to clear */
	wr(&t, SVGA_REG_IRQ_STATUS, rd(&t, SVGA_REG_IRQ_STATUS));
	CHECK(!t.g.level);
	CHECK_EQ(rd(&t, SVGA_REG_IRQ_STATUS), 0);

	/* fence goal (SVGA_CAP2_EXTRA_REGS): irq when the goal passes */
	wr(&t, SVGA_REG_IRQMASK, SVGA_IRQFLAG_REG_FENCE_GOAL);
	wr(&t, SVGA_REG_FENCE_GOAL, 7);
	CHECK_EQ(rd(&t, SVGA_REG_FENCE_GOAL), 7);
	fence_cmd[1] = 6;
	cb_raw(c, fence_cmd, sizeof(fence_cmd));
	run_ok(&t, c, "fence 6");
	CHECK(!t.g.level);
	fence_cmd[1] = 7;
	cb_raw(c, fence_cmd, sizeof(fence_cmd));
	run_ok(&t, c, "fence 7");
	CHECK(t.g.level);
	CHECK(rd(&t, SVGA_REG_IRQ_STATUS) & SVGA_IRQFLAG_REG_FENCE_GOAL);
	wr(&t, SVGA_REG_IRQMASK, 0);
	CHECK(!t.g.level);

	/* command buffer irq unless NO_IRQ */
	wr(&t, SVGA_REG_IRQ_STATUS, 0xffffffffu);
	cb_raw(c, fence_cmd, sizeof(fence_cmd));
	submit_ex(&t, c->data, c->len, 0, SVGA_CB_FLAG_NO_IRQ, 0);
	CHECK(!(rd(&t, SVGA_REG_IRQ_STATUS) & SVGA_IRQFLAG_COMMAND_BUFFER));
	submit_ex(&t, c->data, c->len, 0, 0, 0);
	CHECK(rd(&t, SVGA_REG_IRQ_STATUS) & SVGA_IRQFLAG_COMMAND_BUFFER);
	cb_reset(c);
	free(c);
	tdev_fini(&t);
}

static uint32_t *kick_count;
static void kick(void *opaque)
{
	(void)opaque;
	(*kick_count)++;
}

/* Asynchronous processing, queue limits, preemption and restart. */
static void test_queue(void)
{
	struct tdev t;
	struct svga_callbacks cb = { 0 };
	uint32_t kicks = 0;
	uint64_t hdr[40];
	uint32_t fence_cmd[2] = { SVGA_CMD_FENCE, 1 };

	memset(&t, 0, sizeof(t));
	t.g.size = 16 << 20;
	t.g.mem = calloc(1, t.g.size);
	svga_config_default(&t.cfg);
	cb.guest_error = gm_log;
	cb.kick = kick;
	kick_count = &kicks;
	t.dev = svga_dev_new(&t.cfg, &gm_ops, &cb, &t.g);
	t.g.quiet = true;

	for (unsigned i = 0; i < 33; i++) {
		SVGACBHeader h;

		hdr[i] = gm_alloc(&t.g, 1);
		memset(&h, 0, sizeof(h));
		h.length = sizeof(fence_cmd);
		h.ptr.pa = hdr[i] + 64;
		fence_cmd[1] = i + 1;
		memcpy(gm_ptr(&t.g, hdr[i]), &h, sizeof(h));
		memcpy(gm_ptr(&t.g, hdr[i] + 64), fence_cmd, sizeof(fence_cmd));
		svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_HIGH, 0);
		svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW,
				   (uint32_t)hdr[i]);
	}
	CHECK(kicks >= 1);
	CHECK_EQ(rd(&t, SVGA_REG_BUSY), 1);
	/* the 33rd does not fit in the 32-entry queue */
	CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr[32]), SVGA_CB_STATUS_QUEUE_FULL);
	CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr[0]), SVGA_CB_STATUS_NONE);

	/* preempt context 0: every queued buffer handed back */
	{
		struct {
			uint32_t id;
			SVGADCCmdPreempt body;
		} dc = { SVGA_DC_CMD_PREEMPT, { 0, 0 } };
		struct submit_result r = submit_ex(&t, &dc, sizeof(dc),
						   SVGA_CB_CONTEXT_DEVICE, 0,
						   0);

		CHECK_EQ(r.status, SVGA_CB_STATUS_COMPLETED);
	}
	for (unsigned i = 0; i < 32; i++)
		CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr[i]),
			 SVGA_CB_STATUS_PREEMPTED);
	CHECK_EQ(rd(&t, SVGA_REG_BUSY), 0);

	/* stop context, queue, nothing runs; restart runs it */
	{
		struct {
			uint32_t id;
			SVGADCCmdStartStop body;
		} dc = { SVGA_DC_CMD_START_STOP_CONTEXT, { 0, 0 } };

		submit_ex(&t, &dc, sizeof(dc), SVGA_CB_CONTEXT_DEVICE, 0, 0);
		*(uint32_t *)gm_ptr(&t.g, hdr[3]) = 0;
		svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW,
				   (uint32_t)hdr[3]);
		CHECK_EQ(svga_dev_process(t.dev), 0);
		CHECK_EQ(rd(&t, SVGA_REG_BUSY), 0);
		dc.body.enable = 1;
		submit_ex(&t, &dc, sizeof(dc), SVGA_CB_CONTEXT_DEVICE, 0, 0);
		/* submit_ex ran svga_dev_process() */
		CHECK_EQ(rd(&t, SVGA_REG_BUSY), 0);
		CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr[3]),
			 SVGA_CB_STATUS_COMPLETED);
		CHECK_EQ(rd(&t, SVGA_REG_FENCE), 4);
	}

	/* bad context id and bad header */
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW, (uint32_t)hdr[4] | 5);
	CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr[4]),
		 SVGA_CB_STATUS_SUBMISSION_ERROR);
	((SVGACBHeader *)gm_ptr(&t.g, hdr[5]))->mustBeZero[2] = 1;
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW, (uint32_t)hdr[5]);
	svga_dev_process(t.dev);
	CHECK_EQ(*(uint32_t *)gm_ptr(&t.g, hdr[5]),
		 SVGA_CB_STATUS_CB_HEADER_ERROR);
	/* header outside guest memory: no crash, nothing written */
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_HIGH, 0x7fff);
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW, 0x1000);
	svga_dev_process(t.dev);
	svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_HIGH, 0);
	/* data pointer outside guest memory */
	{
		SVGACBHeader *h = (SVGACBHeader *)gm_ptr(&t.g, hdr[6]);

		h->status = 0;
		h->ptr.pa = 0x10;
		svga_dev_reg_write(t.dev, SVGA_REG_COMMAND_LOW,
				   (uint32_t)hdr[6]);
		svga_dev_process(t.dev);
		CHECK_EQ(h->status, SVGA_CB_STATUS_CB_HEADER_ERROR);
	}
	svga_dev_free(t.dev);
	free(t.g.mem);
}

static void test_registers_misc(void)
{
	struct tdev t;

	tdev_init(&t, 4);
	t.g.quiet = true;
	/* unknown id negotiation */
	wr(&t, SVGA_REG_ID, 0x12345678);
	CHECK_EQ(rd(&t, SVGA_REG_ID), SVGA_ID_INVALID);
	wr(&t, SVGA_REG_ID, SVGA_ID_2);
	CHECK_EQ(rd(&t, SVGA_REG_ID), SVGA_ID_2);
	/* palette */
	wr(&t, SVGA_PALETTE_BASE + 5, 0xab);
	CHECK_EQ(rd(&t, SVGA_PALETTE_BASE + 5), 0xab);
	/* unknown registers: 0 and a guest error, never a crash */
	t.g.errors = 0;
	CHECK_EQ(rd(&t, 0x7ffffff), 0);
	wr(&t, 0x7ffffff, 1);
	wr(&t, SVGA_REG_CAPABILITIES, 0);
	CHECK_EQ(t.g.errors, 3);
	CHECK(rd(&t, SVGA_REG_CAPABILITIES) != 0);
	/* bad mode values are refused */
	wr(&t, SVGA_REG_WIDTH, 0);
	wr(&t, SVGA_REG_BITS_PER_PIXEL, 13);
	CHECK_EQ(rd(&t, SVGA_REG_WIDTH), 1024);
	CHECK_EQ(rd(&t, SVGA_REG_BITS_PER_PIXEL), 32);

	/* statistics window */
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_MAGIC),
		 SVGA_CSTATS_MAGIC_VALUE);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_VERSION), 3);
	/* no renderer attached: its counters read 0 */
	wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
	   SVGA_CSTATS_SELECT_RENDERER + SVGA_RSTAT_DRAWS);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT),
		 SVGA_CSTATS_SELECT_RENDERER + SVGA_RSTAT_DRAWS);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO), 0);
	{
		struct cbuf *c = calloc(1, sizeof(*c));
		uint32_t nop = SVGA_CMD_NOP, cmdbufs;

		/* version 3: completed command buffers, one per submission */
		wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
		   SVGA_CSTATS_SELECT_CMDBUFS);
		cmdbufs = rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO);
		cb_raw(c, &nop, 4);
		cb_raw(c, &nop, 4);
		cb_3d(c, SVGA_3D_CMD_NOP, NULL, 0);
		run_ok(&t, c, "nops");
		free(c);
		wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
		   SVGA_CSTATS_SELECT_CMDBUFS);
		CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO),
			 cmdbufs + 1);
		CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_TO_HOST_LO), 0);
	}
	wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT, SVGA_CMD_NOP);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO), 2);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_HI), 0);
	wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT, SVGA_3D_CMD_NOP);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO), 1);
	wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
	   SVGA_CSTATS_SELECT_TOTALS);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO), 3);
	wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_RESET, 1);
	wr(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_SELECT,
	   SVGA_CSTATS_SELECT_TOTALS);
	CHECK_EQ(rd(&t, SVGA_CSTATS_BASE + SVGA_CSTATS_COUNT_LO), 0);
	CHECK(svga_cmd_name(SVGA_3D_CMD_UPDATE_GB_IMAGE) &&
	      strcmp(svga_cmd_name(SVGA_3D_CMD_UPDATE_GB_IMAGE),
		     "UPDATE_GB_IMAGE") == 0);
	CHECK(svga_cmd_name(2999) == NULL);
	/* reset drops everything */
	svga_dev_reset(t.dev);
	CHECK_EQ(rd(&t, SVGA_REG_ID), SVGA_ID_3);
	tdev_fini(&t);
}

int main(void)
{
	test_driver_load();
	test_irq_and_fence();
	test_queue();
	test_registers_misc();
	return t_report("test_probe");
}
