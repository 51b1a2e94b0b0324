// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: command buffer processing of the SVGA3 device core.
 *
 * Setup (not fuzzed): OTables, MOBs 1..3 and surfaces 1..3 bound to them,
 * DX context 1 with a RTV COTable in MOB 4.  Input layout:
 *   byte 0: bit 0 DX_CONTEXT flag (dxContext 1), bit 1 NO_IRQ,
 *           bit 2 also submit the same bytes on the device context
 *   rest:   the command stream, submitted as one command buffer.
 */
#include "../tests/harness.h"

static struct tdev t;
static uint64_t gm_mark;

static void setup(void)
{
	struct cbuf *c = calloc(1, sizeof(*c));
	struct tmob m[4];

	tdev_init(&t, 8);
	t.g.quiet = true;
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
	gm_mark = t.g.next;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	uint32_t flags = 0;

	if (!init) {
		setup();
		init = true;
	}
	if (size < 1 || size > (1u << 20))
		return 0;
	if (data[0] & 1)
		flags |= SVGA_CB_FLAG_DX_CONTEXT;
	if (data[0] & 2)
		flags |= SVGA_CB_FLAG_NO_IRQ;
	submit_ex(&t, data + 1, (uint32_t)(size - 1), 0, flags, 1);
	if (data[0] & 4)
		submit_ex(&t, data + 1, (uint32_t)(size - 1),
			  SVGA_CB_CONTEXT_DEVICE, 0, 0);
	/* keep context 0 running and guest memory bounded */
	restart_ctx0(&t);
	t.g.next = gm_mark;
	return 0;
}
