// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: GB surfaces (definition,
 * backing MOB, UPDATE / READBACK / INVALIDATE, copies).
 */
#include "svga_commands.h"

SVGA_CMD(svga_cmd_define_gb_surface)
{
	SVGA_BODY(SVGA3dCmdDefineGBSurface, c);
	(void)size;
	return svga_surface_define(cx->om, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   0);
}

SVGA_CMD(svga_cmd_define_gb_surface_v2)
{
	SVGA_BODY(SVGA3dCmdDefineGBSurface_v2, c);
	(void)size;
	return svga_surface_define(cx->om, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   c.arraySize);
}

SVGA_CMD(svga_cmd_define_gb_surface_v3)
{
	SVGA_BODY(SVGA3dCmdDefineGBSurface_v3, c);
	(void)size;
	return svga_surface_define(cx->om, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   c.arraySize);
}

SVGA_CMD(svga_cmd_define_gb_surface_v4)
{
	SVGA_BODY(SVGA3dCmdDefineGBSurface_v4, c);
	(void)size;
	return svga_surface_define(cx->om, c.sid, c.surfaceFlags, c.format,
				   c.numMipLevels, c.multisampleCount,
				   c.size.width, c.size.height, c.size.depth,
				   c.arraySize);
}

SVGA_CMD(svga_cmd_destroy_gb_surface)
{
	SVGA_BODY(SVGA3dCmdDestroyGBSurface, c);
	(void)size;
	if (!svga_cmd_surface(cx, c.sid))
		return SVGA_ERR;
	svga_obj_destroy(cx->om, SVGA_OBJ_SURFACE, c.sid);
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_bind_gb_surface)
{
	SVGA_BODY(SVGA3dCmdBindGBSurface, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);

	(void)size;
	return s ? svga_surface_bind(cx->om, s, c.mobid) : SVGA_ERR;
}

SVGA_CMD(svga_cmd_cond_bind_gb_surface)
{
	SVGA_BODY(SVGA3dCmdCondBindGBSurface, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);

	(void)size;
	if (!s)
		return SVGA_ERR;
	if (s->mobid != c.testMobid)
		return SVGA_OK;
	return svga_surface_bind(cx->om, s, c.mobid);
}

SVGA_CMD(svga_cmd_update_gb_image)
{
	SVGA_BODY(SVGA3dCmdUpdateGBImage, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);
	struct svga_box b;

	(void)size;
	if (!s)
		return SVGA_ERR;
	svga_box_from(&b, &c.box);
	return svga_surface_xfer_image(cx->om, s, c.image.face, c.image.mipmap, &b,
				       false, SVGA_XFER_TO_HOST);
}

SVGA_CMD(svga_cmd_update_gb_surface)
{
	SVGA_BODY(SVGA3dCmdUpdateGBSurface, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);

	(void)size;
	return s ? svga_surface_xfer_all(cx->om, s, SVGA_XFER_TO_HOST) : SVGA_ERR;
}

SVGA_CMD(svga_cmd_readback_gb_image)
{
	SVGA_BODY(SVGA3dCmdReadbackGBImage, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);

	(void)size;
	if (!s)
		return SVGA_ERR;
	return svga_surface_xfer_image(cx->om, s, c.image.face, c.image.mipmap,
				       NULL, false, SVGA_XFER_TO_GUEST);
}

SVGA_CMD(svga_cmd_readback_gb_surface)
{
	SVGA_BODY(SVGA3dCmdReadbackGBSurface, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);

	(void)size;
	return s ? svga_surface_xfer_all(cx->om, s, SVGA_XFER_TO_GUEST) : SVGA_ERR;
}

SVGA_CMD(svga_cmd_readback_gb_image_partial)
{
	SVGA_BODY(SVGA3dCmdReadbackGBImagePartial, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);
	struct svga_box b;

	(void)size;
	if (!s)
		return SVGA_ERR;
	svga_box_from(&b, &c.box);
	return svga_surface_xfer_image(cx->om, s, c.image.face, c.image.mipmap, &b,
				       c.invertBox != 0, SVGA_XFER_TO_GUEST);
}

SVGA_CMD(svga_cmd_invalidate_gb_image)
{
	SVGA_BODY(SVGA3dCmdInvalidateGBImage, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);

	(void)size;
	/* Contents become undefined: keeping them is a valid choice. */
	return s ? svga_surface_check_image(cx->om, s, c.image.face,
					    c.image.mipmap) : SVGA_ERR;
}

SVGA_CMD(svga_cmd_invalidate_gb_image_partial)
{
	SVGA_BODY(SVGA3dCmdInvalidateGBImagePartial, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);
	const struct svga_mip_layout *m;

	(void)size;
	if (!s || svga_surface_check_image(cx->om, s, c.image.face,
					   c.image.mipmap))
		return SVGA_ERR;
	m = &s->layout.mip[c.image.mipmap];
	if ((uint64_t)c.box.x + c.box.w > m->w ||
	    (uint64_t)c.box.y + c.box.h > m->h ||
	    (uint64_t)c.box.z + c.box.d > m->d) {
		svga_guest_error(cx->log, "INVALIDATE_GB_IMAGE_PARTIAL: bad box");
		return SVGA_ERR;
	}
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_invalidate_gb_surface)
{
	SVGA_BODY(SVGA3dCmdInvalidateGBSurface, c);
	(void)size;
	return svga_cmd_surface(cx, c.sid) ? SVGA_OK : SVGA_ERR;
}

SVGA_CMD(svga_cmd_surface_copy)
{
	SVGA_BODY(SVGA3dCmdSurfaceCopy, c);
	struct svga_surface *src = svga_cmd_surface(cx, c.src.sid);
	struct svga_surface *dst = svga_cmd_surface(cx, c.dest.sid);
	uint32_t rest = size - sizeof(c);

	if (!src || !dst)
		return SVGA_ERR;
	if (rest % sizeof(SVGA3dCopyBox)) {
		svga_guest_error(cx->log, "SURFACE_COPY: ragged box list");
		return SVGA_ERR;
	}
	for (uint32_t i = 0; i < rest / sizeof(SVGA3dCopyBox); i++) {
		SVGA3dCopyBox cb;

		memcpy(&cb, body + sizeof(c) + i * sizeof(cb), sizeof(cb));
		if (svga_surface_copy_region(cx->om, dst, c.dest.face,
					     c.dest.mipmap, src, c.src.face,
					     c.src.mipmap, &cb))
			return SVGA_ERR;
	}
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_intra_surface_copy)
{
	SVGA_BODY(SVGA3dCmdIntraSurfaceCopy, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.surface.sid);

	(void)size;
	if (!s)
		return SVGA_ERR;
	return svga_surface_copy_region(cx->om, s, c.surface.face,
					c.surface.mipmap, s, c.surface.face,
					c.surface.mipmap, &c.box);
}
