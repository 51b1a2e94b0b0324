// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, protocol layer: command buffers.  Submission
 * (COMMAND_LOW), the per-context queues, device-context commands, the run
 * of one buffer (header, data, each command through the command table) and
 * its status, error offset and interrupt.
 *
 * Semantics follow Linux 6.1's vmwgfx_cmdbuf.c.
 */
#include "svga_dev.h"

#include <string.h>

static void cb_write_status(struct svga_dev *dev, uint64_t pa,
			    uint32_t status, uint32_t err_off)
{
	if (status == SVGA_CB_STATUS_COMMAND_ERROR)
		dev->mem.write(dev->mem_opaque, pa + offsetof(SVGACBHeader,
							  errorOffset),
			       &err_off, sizeof(err_off));
	if (dev->mem.write(dev->mem_opaque, pa, &status, sizeof(status)))
		svga_guest_error(&dev->log,
				 "cannot write command buffer status at "
				 "0x%llx",
				 (unsigned long long)pa);
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
			svga_guest_error(&dev->log,
					 "bad device context command %u", id);
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
	svga_guest_error(&dev->log, "device context command on bad context");
	return SVGA_CB_STATUS_COMMAND_ERROR;
}

/* Run the command buffer whose header is at pa. */
static uint32_t cb_run(struct svga_dev *dev, uint64_t pa, bool device_ctx)
{
	SVGACBHeader h;
	uint32_t status = SVGA_CB_STATUS_COMPLETED, err_off = 0;
	uint32_t irq = 0;
	bool ok = true;

	if (dev->mem.read(dev->mem_opaque, pa, &h, sizeof(h))) {
		svga_guest_error(&dev->log,
				 "command buffer header at 0x%llx is not "
				 "guest memory",
				 (unsigned long long)pa);
		svga_stats_cmdbuf(&dev->log, false);
		svga_irq_raise(dev, SVGA_IRQFLAG_ERROR);
		return SVGA_CB_STATUS_CB_HEADER_ERROR;
	}
	for (unsigned i = 0; i < 6; i++)
		ok = ok && h.mustBeZero[i] == 0;
	if (!ok || h.length > SVGA_MAX_CB_LEN || h.offset > h.length ||
	    (h.flags & ~(SVGA_CB_FLAG_NO_IRQ | SVGA_CB_FLAG_DX_CONTEXT |
			 SVGA_CB_FLAG_MOB))) {
		svga_guest_error(&dev->log,
				 "bad command buffer header (len %u, off "
				 "%u, flags 0x%x)",
				 h.length, h.offset, (unsigned)h.flags);
		status = SVGA_CB_STATUS_CB_HEADER_ERROR;
		goto done;
	}
	if (h.flags & SVGA_CB_FLAG_MOB) {
		struct svga_mob *m = svga_obj_get(&dev->om, SVGA_OBJ_MOB,
						  h.ptr.mob.mobid);

		if (!m || svga_mob_read(&dev->om, m, h.ptr.mob.mobOffset,
					dev->cb_buf, h.length)) {
			svga_guest_error(&dev->log,
					 "command buffer MOB %u unusable",
					 h.ptr.mob.mobid);
			status = SVGA_CB_STATUS_CB_HEADER_ERROR;
			goto done;
		}
	} else if (dev->mem.read(dev->mem_opaque, h.ptr.pa, dev->cb_buf,
				 h.length)) {
		svga_guest_error(&dev->log,
				 "command buffer data at 0x%llx is not "
				 "guest memory",
				 (unsigned long long)h.ptr.pa);
		status = SVGA_CB_STATUS_CB_HEADER_ERROR;
		goto done;
	}

	if (device_ctx) {
		status = dc_exec(dev, dev->cb_buf + h.offset,
				 h.length - h.offset, &err_off);
		err_off += h.offset;
	} else {
		uint32_t off = h.offset;

		dev->cmd.dx_cid = (h.flags & SVGA_CB_FLAG_DX_CONTEXT) ?
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
	svga_stats_cmdbuf(&dev->log, status == SVGA_CB_STATUS_COMPLETED);
	if (status != SVGA_CB_STATUS_COMPLETED)
		irq |= SVGA_IRQFLAG_ERROR;
	if (!(h.flags & SVGA_CB_FLAG_NO_IRQ) ||
	    status != SVGA_CB_STATUS_COMPLETED)
		irq |= SVGA_IRQFLAG_COMMAND_BUFFER;
	cb_write_status(dev, pa, status, err_off);
	svga_trace(&dev->log, "cmdbuf 0x%llx status %u", (unsigned long long)pa,
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

unsigned svga_process_now(struct svga_dev *dev)
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

void svga_work_queued(struct svga_dev *dev)
{
	if (!svga_dev_work_pending(dev))
		return;
	if (dev->cb.kick)
		dev->cb.kick(dev->opaque);
	else
		svga_process_now(dev);
}

void svga_cb_submit(struct svga_dev *dev, uint32_t low)
{
	uint64_t pa = ((uint64_t)dev->cmd_high << 32) |
		      (low & ~(uint32_t)SVGA_CB_CONTEXT_MASK);
	uint32_t ctx = low & SVGA_CB_CONTEXT_MASK;
	struct svga_cb_context *c;

	if (ctx == SVGA_CB_CONTEXT_DEVICE) {
		cb_run(dev, pa, true);
		svga_work_queued(dev);
		return;
	}
	if (ctx >= SVGA_NUM_CB_CONTEXTS) {
		svga_guest_error(&dev->log, "command buffer for context %u",
				 ctx);
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
	svga_work_queued(dev);
}

void svga_cbctx_reset(struct svga_dev *dev)
{
	for (unsigned i = 0; i < SVGA_NUM_CB_CONTEXTS; i++) {
		memset(&dev->cbctx[i], 0, sizeof(dev->cbctx[i]));
		dev->cbctx[i].running = true;
	}
	dev->cmd.dx_cid = SVGA3D_INVALID_ID;
}
