// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writes the seed corpus of fuzz_cmdbuf: valid command streams against the
 * objects fuzz_cmdbuf's setup defines.  Usage: gen_corpus <dir>
 */
#include "../tests/harness.h"

static void out(const char *dir, const char *name, uint8_t sel,
		const struct cbuf *c)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fwrite(&sel, 1, 1, f);
	fwrite(c->data, 1, c->len, f);
	fclose(f);
}

int main(int argc, char **argv)
{
	struct cbuf *c = calloc(1, sizeof(*c));
	const char *dir = argc > 1 ? argv[1] : ".";

	{	/* uploads and readbacks */
		SVGA3dCmdUpdateGBImage u = { { 1, 0, 1 }, { 2, 2, 0, 5, 3, 1 } };
		SVGA3dCmdReadbackGBImagePartial r = { { 3, 4, 2 },
						      { 4, 0, 0, 8, 8, 1 }, 1 };
		SVGA3dCmdUpdateGBSurface us = { 2 };
		SVGA3dCmdReadbackGBSurface rs = { 1 };
		SVGA3dCmdDXUpdateSubResource dxu = { 3, 8, { 0, 0, 0, 4, 4, 1 } };

		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL, r);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SURFACE, us);
		CMD(c, SVGA_3D_CMD_READBACK_GB_SURFACE, rs);
		CMD(c, SVGA_3D_CMD_DX_UPDATE_SUBRESOURCE, dxu);
		out(dir, "xfer", 0, c);
		cb_reset(c);
	}
	{	/* copies */
		struct {
			SVGA3dCmdSurfaceCopy c;
			SVGA3dCopyBox b;
		} sc = { { { 1, 0, 0 }, { 1, 0, 1 } },
			 { 1, 1, 0, 4, 4, 1, 0, 0, 0 } };
		SVGA3dCmdDXBufferCopy bc = { 2, 2, 100, 0, 300 };
		SVGA3dCmdIntraSurfaceCopy ic = { { 3, 1, 0 },
						 { 8, 8, 0, 16, 16, 1, 0, 0, 0 } };

		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
		CMD(c, SVGA_3D_CMD_DX_BUFFER_COPY, bc);
		CMD(c, SVGA_3D_CMD_INTRA_SURFACE_COPY, ic);
		out(dir, "copy", 0, c);
		cb_reset(c);
	}
	{	/* boxes partly and wholly outside: clipped or skipped */
		struct {
			SVGA3dCmdSurfaceCopy c;
			SVGA3dCopyBox b[2];
		} sc = { { { 1, 0, 0 }, { 1, 0, 1 } },
			 { { 14, 14, 0, 9, 9, 1, 28, 0, 0 },
			   { 33, 0, 0, 1, 1, 1, 0, 0, 0 } } };
		struct {
			SVGA3dCmdSurfaceCopy c;
			SVGA3dCopyBox b;
		} sf = { { { 1, 2, 0 }, { 1, 0, 0 } },
			 { 0, 0, 0, 1, 1, 1, 0, 0, 0 } };
		SVGA3dCmdUpdateGBImage u = { { 1, 0, 0 },
					     { 30, 30, 0, 0xffffffffu, 8, 1 } };
		SVGA3dCmdReadbackGBImagePartial r = { { 1, 0, 2 },
						      { 9, 9, 0, 1, 1, 1 }, 1 };
		SVGA3dCmdInvalidateGBImagePartial iv = { { 3, 5, 6 },
						 { 0, 0, 0, 99, 99, 99 }, 0 };
		SVGA3dCmdDXPredCopyRegion pc = { 3, 1, 3, 0,
					 { 30, 30, 0, 8, 8, 1, 60, 0, 0 } };
		SVGA3dCmdDXBufferCopy bc = { 2, 2, 8000, 100, 400 };
		SVGA3dCmdUpdateGBScreenTarget us = { 0, { 60, 60, 99, 99 } };

		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sc);
		CMD(c, SVGA_3D_CMD_SURFACE_COPY, sf);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_IMAGE, u);
		CMD(c, SVGA_3D_CMD_READBACK_GB_IMAGE_PARTIAL, r);
		CMD(c, SVGA_3D_CMD_INVALIDATE_GB_IMAGE_PARTIAL, iv);
		CMD(c, SVGA_3D_CMD_DX_PRED_COPY_REGION, pc);
		CMD(c, SVGA_3D_CMD_DX_BUFFER_COPY, bc);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET, us);
		out(dir, "clip", 0, c);
		cb_reset(c);
	}
	{	/* DX views and clears, in the DX context */
		SVGA3dCmdDXDefineRenderTargetView v;
		SVGA3dCmdDXClearRenderTargetView cl = { 2,
			{ { 0.5f, 0.25f, 1.0f, 1.0f } } };
		SVGA3dCmdDXDestroyRenderTargetView d = { 2 };

		memset(&v, 0, sizeof(v));
		v.renderTargetViewId = 2;
		v.sid = 1;
		v.format = SVGA3D_R8G8B8A8_UNORM;
		v.resourceDimension = SVGA3D_RESOURCE_TEXTURE2D;
		v.desc.tex.mipSlice = 1;
		v.desc.tex.arraySize = 1;
		CMD(c, SVGA_3D_CMD_DX_DEFINE_RENDERTARGET_VIEW, v);
		CMD(c, SVGA_3D_CMD_DX_CLEAR_RENDERTARGET_VIEW, cl);
		CMD(c, SVGA_3D_CMD_DX_DESTROY_RENDERTARGET_VIEW, d);
		out(dir, "dxview", 1, c);
		cb_reset(c);
	}
	{	/* object lifetimes */
		SVGA3dCmdDefineGBMob64 m = { 9, SVGA3D_MOBFMT_RANGE, 0x100,
					     2 * PG };
		SVGA3dCmdDefineGBSurface_v2 s;
		SVGA3dCmdBindGBSurface b = { 7, 9 };
		SVGA3dCmdDestroyGBSurface ds = { 7 };
		SVGA3dCmdDestroyGBMob dm = { 9 };
		SVGA3dCmdDefineGBScreenTarget st = { 0, 64, 64, 0, 0, 1, 0 };
		SVGA3dCmdBindGBScreenTarget bs = { 0, { 1, 0, 0 } };
		SVGA3dCmdUpdateGBScreenTarget us = { 0, { 0, 0, 32, 32 } };
		uint32_t fence[2] = { SVGA_CMD_FENCE, 3 };

		memset(&s, 0, sizeof(s));
		s.sid = 7;
		s.format = SVGA3D_R16G16B16A16_FLOAT;
		s.numMipLevels = 2;
		s.size = (SVGA3dSize){ 8, 8, 1 };
		s.arraySize = 2;
		CMD(c, SVGA_3D_CMD_DEFINE_GB_MOB64, m);
		CMD(c, SVGA_3D_CMD_DEFINE_GB_SURFACE_V2, s);
		CMD(c, SVGA_3D_CMD_BIND_GB_SURFACE, b);
		CMD(c, SVGA_3D_CMD_DEFINE_GB_SCREENTARGET, st);
		CMD(c, SVGA_3D_CMD_BIND_GB_SCREENTARGET, bs);
		CMD(c, SVGA_3D_CMD_UPDATE_GB_SCREENTARGET, us);
		CMD(c, SVGA_3D_CMD_DESTROY_GB_SURFACE, ds);
		CMD(c, SVGA_3D_CMD_DESTROY_GB_MOB, dm);
		cb_raw(c, fence, sizeof(fence));
		out(dir, "objects", 0, c);
		cb_reset(c);
	}
	{	/* device context commands */
		uint32_t dc[] = { SVGA_DC_CMD_NOP, SVGA_DC_CMD_PREEMPT, 0, 0,
				  SVGA_DC_CMD_START_STOP_CONTEXT, 1, 0 };

		cb_raw(c, dc, sizeof(dc));
		out(dir, "devctx", 4, c);
		cb_reset(c);
	}
	free(c);
	return 0;
}
