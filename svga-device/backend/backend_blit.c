// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: DX_PRESENTBLT, a scaled (and, with
 * SVGADX_PRESENTBLT_LINEAR, filtered) blit of one subresource box into
 * another, format-converting, done on the GPU copies of both surfaces.
 * Both copies are brought up to date first (backend_surface_image), and
 * the destination subresource's host storage becomes stale (read back
 * before the CPU next touches it).  The modes that reinterpret the source
 * (FORCE_SRC_SRGB, FORCE_SRC_XRBIAS) are not done: a command error naming
 * them.  A box that is empty or not inside its subresource blits nothing
 * (traced), as the device does for other boxes outside their images.
 *
 * DX_RESOLVE_COPY (validated by cmd_dx_transfer.c) resolves on the GPU
 * too: vkCmdResolveImage averages the samples of the source image (the
 * surface's only copy) into the destination subresource, whose host
 * storage becomes stale as after a draw.  Vulkan resolves between images
 * of one format only; surfaces of two formats of one block size (a
 * typeless source, an sRGB view) resolve into a temporary image of the
 * source's format that is then copied bit for bit.
 */
#include "backend_int.h"

static bool box_inside(const struct svga_surface *s, uint32_t mip,
		       const SVGA3dBox *b, struct svga_render_blit_box *out)
{
	const struct svga_mip_layout *m = &s->layout.mip[mip];

	if (!b->w || !b->h || !b->d || b->x > m->w || b->w > m->w - b->x ||
	    b->y > m->h || b->h > m->h - b->y || b->z > m->d ||
	    b->d > m->d - b->z)
		return false;
	*out = (struct svga_render_blit_box){ (int32_t)b->x, (int32_t)b->y,
		(int32_t)b->z, (int32_t)(b->x + b->w), (int32_t)(b->y + b->h),
		(int32_t)(b->z + b->d) };
	return true;
}

int backend_present_blt(void *opaque, const SVGA3dCmdDXPresentBlt *c)
{
	struct svga_backend *b = opaque;
	struct svga_surface *src = svga_obj_get(b->om, SVGA_OBJ_SURFACE,
						c->srcSid);
	struct svga_surface *dst = svga_obj_get(b->om, SVGA_OBJ_SURFACE,
						c->dstSid);
	struct svga_render_image *si, *di;
	struct svga_render_blit_box sb, db;
	uint32_t smip, slayer, dmip, dlayer;

	if (!src || !dst)
		return SVGA_ERR;     /* validated by the command layer */
	if (c->mode & (SVGADX_PRESENTBLT_FORCE_SRC_SRGB |
		       SVGADX_PRESENTBLT_FORCE_SRC_XRBIAS)) {
		svga_guest_error(b->log, "DX_PRESENTBLT: mode 0x%x "
				 "(FORCE_SRC_SRGB / FORCE_SRC_XRBIAS) is not "
				 "supported", c->mode);
		return SVGA_ERR;
	}
	/* D3D subresource index: layer * mips + mip */
	smip = c->srcSubResource % src->layout.num_mips;
	slayer = c->srcSubResource / src->layout.num_mips;
	dmip = c->destSubResource % dst->layout.num_mips;
	dlayer = c->destSubResource / dst->layout.num_mips;
	if (!box_inside(src, smip, &c->boxSrc, &sb) ||
	    !box_inside(dst, dmip, &c->boxDest, &db)) {
		svga_trace(b->log, "DX_PRESENTBLT %u -> %u: a box is empty or "
			   "outside its subresource: nothing blitted",
			   c->srcSid, c->dstSid);
		return SVGA_OK;
	}
	if (backend_surface_image(b, src, &si) ||
	    backend_surface_image(b, dst, &di))
		return SVGA_ERR;
	if (svga_render_image_blit(b->r, di, dmip, dlayer, &db, si, smip,
				   slayer, &sb,
				   !!(c->mode & SVGADX_PRESENTBLT_LINEAR))) {
		svga_guest_error(b->log, "DX_PRESENTBLT %u -> %u: %s",
				 c->srcSid, c->dstSid,
				 svga_render_last_error(b->r));
		return SVGA_ERR;
	}
	backend_surface_gpu_wrote_range(b, dst, &(struct svga_subres){
						dmip, 1, dlayer, 1, 0, 0 });
	return SVGA_OK;
}

static int resolve_via_temp(struct svga_backend *b, struct svga_surface *src,
			    struct svga_render_image *si, uint32_t slayer,
			    struct svga_render_image *di, uint32_t dmip,
			    uint32_t dlayer)
{
	struct svga_render_image_desc desc = {
		.format = src->format,
		.width = src->width, .height = src->height, .depth = 1,
		.mips = 1, .layers = 1, .samples = 1,
		.usage = SVGA_RENDER_USAGE_RENDER_TARGET,
	};
	struct svga_render_box box = { 0, 0, 0, src->width, src->height, 1 };
	struct svga_render_image *tmp;
	int rc;

	if (svga_render_image_new(b->r, &desc, &tmp))
		return -1;
	rc = svga_render_image_resolve(b->r, tmp, 0, 0, si, slayer);
	if (!rc)
		rc = svga_render_image_copy(b->r, di, dmip, dlayer, 0, 0, 0,
					    tmp, 0, 0, &box);
	svga_render_image_free(b->r, tmp);
	return rc;
}

int backend_resolve_copy(void *opaque, const SVGA3dCmdDXResolveCopy *c)
{
	struct svga_backend *b = opaque;
	struct svga_surface *src = svga_obj_get(b->om, SVGA_OBJ_SURFACE,
						c->srcSid);
	struct svga_surface *dst = svga_obj_get(b->om, SVGA_OBJ_SURFACE,
						c->dstSid);
	const struct svga_subres none = { 0, 0, 0, 0, 0, 0 };
	struct svga_render_image *si, *di;
	uint32_t slayer, dmip, dlayer;
	int rc;

	if (!src || !dst)
		return SVGA_ERR;     /* validated by the command layer */
	slayer = c->srcSubResource / src->layout.num_mips;
	dmip = c->dstSubResource % dst->layout.num_mips;
	dlayer = c->dstSubResource / dst->layout.num_mips;
	/* the destination subresource is replaced whole: nothing of it is
	 * uploaded first */
	if (backend_surface_image(b, src, &si) ||
	    backend_surface_image_prepare(b, dst, &none, &di))
		return SVGA_ERR;
	if (src->format == dst->format)
		rc = svga_render_image_resolve(b->r, di, dmip, dlayer, si,
					       slayer);
	else
		rc = resolve_via_temp(b, src, si, slayer, di, dmip, dlayer);
	if (rc) {
		svga_guest_error(b->log, "DX_RESOLVE_COPY %u -> %u: %s",
				 c->srcSid, c->dstSid,
				 svga_render_last_error(b->r));
		return SVGA_ERR;
	}
	backend_surface_gpu_wrote_range(b, dst, &(struct svga_subres){
						dmip, 1, dlayer, 1, 0, 0 });
	return SVGA_OK;
}
