// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga device core, command layer: GB surfaces (definition,
 * backing MOB, UPDATE / READBACK / INVALIDATE, copies).
 */
#include "svga_commands.h"

/*
 * DEFINE_GB_SURFACE and its _V2.._V4 forms share their leading fields and
 * differ in the struct (64-bit flags from _V3; _V3's multisample pattern
 * and quality level and _V4's buffer stride do not change the surface's
 * layout or storage here), so one body serves all four.  V1 has no array
 * size: 0 means one layer (or six faces for a cube).
 */
#define DEFINE_GB_SURFACE_CMD(fn, T, array_size_of)			\
	SVGA_CMD(fn)							\
	{								\
		SVGA_BODY(T, c);					\
		(void)size;						\
		return svga_surface_define(cx->om, c.sid, c.surfaceFlags, \
					   c.format, c.numMipLevels,	\
					   c.multisampleCount,		\
					   c.size.width, c.size.height,	\
					   c.size.depth,		\
					   array_size_of(c));		\
	}

#define NO_ARRAY_SIZE(c) 0
#define ARRAY_SIZE_FIELD(c) (c).arraySize

DEFINE_GB_SURFACE_CMD(svga_cmd_define_gb_surface, SVGA3dCmdDefineGBSurface,
		      NO_ARRAY_SIZE)
DEFINE_GB_SURFACE_CMD(svga_cmd_define_gb_surface_v2,
		      SVGA3dCmdDefineGBSurface_v2, ARRAY_SIZE_FIELD)
DEFINE_GB_SURFACE_CMD(svga_cmd_define_gb_surface_v3,
		      SVGA3dCmdDefineGBSurface_v3, ARRAY_SIZE_FIELD)
DEFINE_GB_SURFACE_CMD(svga_cmd_define_gb_surface_v4,
		      SVGA3dCmdDefineGBSurface_v4, ARRAY_SIZE_FIELD)

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

/*
 * GB-image commands name an image by (face, mipmap): a cube face or a
 * VGPU9 face.  They are not aware of DX array layers (vmwgfx's upload
 * path says so and uses DX_UPDATE_SUBRESOURCE; Mesa's VGPU10 path uses
 * only the DX subresource commands on textures).  What a VMware host does
 * with a GB-image command naming a layer past the first of a surface
 * defined with an array size is not documented, so it is refused: a
 * driver relying on it fails here rather than on a host.
 */
static int gb_image_face_ok(struct svga_cmd_ctx *cx, const char *what,
			    const struct svga_surface *s, uint32_t face)
{
	if (s->array_size > 0 && face > 0) {
		svga_guest_error(cx->log, "%s: surface %u is a DX array surface "
				 "(arraySize %u): face %u names an array layer, "
				 "use the DX subresource commands", what,
				 s->sid, s->array_size, face);
		return SVGA_ERR;
	}
	return SVGA_OK;
}

SVGA_CMD(svga_cmd_update_gb_image)
{
	SVGA_BODY(SVGA3dCmdUpdateGBImage, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);
	struct svga_box b;

	(void)size;
	if (!s || gb_image_face_ok(cx, "UPDATE_GB_IMAGE", s, c.image.face))
		return SVGA_ERR;
	svga_box_from(&b, &c.box);
	return svga_surface_xfer_image(cx->om, s, c.image.face, c.image.mipmap,
				       &b, false, SVGA_XFER_TO_HOST);
}

SVGA_CMD(svga_cmd_update_gb_surface)
{
	SVGA_BODY(SVGA3dCmdUpdateGBSurface, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);

	(void)size;
	return s ? svga_surface_xfer_all(cx->om, s, SVGA_XFER_TO_HOST) :
		   SVGA_ERR;
}

SVGA_CMD(svga_cmd_readback_gb_image)
{
	SVGA_BODY(SVGA3dCmdReadbackGBImage, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);

	(void)size;
	if (!s || gb_image_face_ok(cx, "READBACK_GB_IMAGE", s, c.image.face))
		return SVGA_ERR;
	return svga_surface_xfer_image(cx->om, s, c.image.face, c.image.mipmap,
				       NULL, false, SVGA_XFER_TO_GUEST);
}

SVGA_CMD(svga_cmd_readback_gb_surface)
{
	SVGA_BODY(SVGA3dCmdReadbackGBSurface, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.sid);

	(void)size;
	return s ? svga_surface_xfer_all(cx->om, s, SVGA_XFER_TO_GUEST) :
		   SVGA_ERR;
}

SVGA_CMD(svga_cmd_readback_gb_image_partial)
{
	SVGA_BODY(SVGA3dCmdReadbackGBImagePartial, c);
	struct svga_surface *s = svga_cmd_surface(cx, c.image.sid);
	struct svga_box b;

	(void)size;
	if (!s || gb_image_face_ok(cx, "READBACK_GB_IMAGE_PARTIAL", s,
				   c.image.face))
		return SVGA_ERR;
	svga_box_from(&b, &c.box);
	return svga_surface_xfer_image(cx->om, s, c.image.face, c.image.mipmap,
				       &b, c.invertBox != 0,
				       SVGA_XFER_TO_GUEST);
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

	(void)size;
	/* Contents of the box become undefined: keeping them is valid, and
	 * a box outside the image needs no clipping to do nothing. */
	return s ? svga_surface_check_image(cx->om, s, c.image.face,
					    c.image.mipmap) : SVGA_ERR;
}

SVGA_CMD(svga_cmd_invalidate_gb_surface)
{
	SVGA_BODY(SVGA3dCmdInvalidateGBSurface, c);
	(void)size;
	return svga_cmd_surface(cx, c.sid) ? SVGA_OK : SVGA_ERR;
}

/*
 * SURFACE_COPY and INTRA_SURFACE_COPY name images by (face, mipmap).  An
 * image the surface does not have makes the command a no-op, and so does a
 * copy between formats of different block sizes: IGT's vmw_surface_copy
 * (test_invalid_copies, test_invalid_copies_3d) expects exactly that of a
 * VMware host.  Boxes are clipped to both images.
 */
static bool copy_images_usable(struct svga_cmd_ctx *cx, const char *what,
			       struct svga_surface *dst,
			       const SVGA3dSurfaceImageId *di,
			       struct svga_surface *src,
			       const SVGA3dSurfaceImageId *si)
{
	if (!svga_surface_has_image(src, si->face, si->mipmap) ||
	    !svga_surface_has_image(dst, di->face, di->mipmap)) {
		svga_trace(cx->log, "%s %u/%u/%u -> %u/%u/%u: no such image, "
			   "skipped", what, si->sid, si->face, si->mipmap,
			   di->sid, di->face, di->mipmap);
		return false;
	}
	if (!svga_surface_copy_compatible(dst, src)) {
		svga_trace(cx->log, "%s %u -> %u: formats %u and %u differ in "
			   "block size, skipped", what, si->sid, di->sid,
			   src->format, dst->format);
		return false;
	}
	return true;
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
	if (!copy_images_usable(cx, "SURFACE_COPY", dst, &c.dest, src, &c.src))
		return SVGA_OK;
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
	if (!copy_images_usable(cx, "INTRA_SURFACE_COPY", s, &c.surface, s,
				&c.surface))
		return SVGA_OK;
	return svga_surface_copy_region(cx->om, s, c.surface.face,
					c.surface.mipmap, s, c.surface.face,
					c.surface.mipmap, &c.box);
}
