// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: shader modules from SPIR-V, and samplers.
 */
#include "render_int.h"

#include <stdlib.h>

_Static_assert(SVGA_RENDER_FILTER_LINEAR == (int)VK_FILTER_LINEAR, "filter");
_Static_assert(SVGA_RENDER_ADDRESS_MIRROR_ONCE ==
	       (int)VK_SAMPLER_ADDRESS_MODE_MIRROR_CLAMP_TO_EDGE, "address");
_Static_assert(SVGA_RENDER_ADDRESS_BORDER ==
	       (int)VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER, "address");
_Static_assert(SVGA_RENDER_CMP_ALWAYS == (int)VK_COMPARE_OP_ALWAYS, "cmp");
_Static_assert(SVGA_RENDER_CMP_GREATER_EQUAL ==
	       (int)VK_COMPARE_OP_GREATER_OR_EQUAL, "cmp");

int svga_render_shader_new(struct svga_render *r, enum svga_render_stage stage,
			   const uint32_t *spirv, size_t size,
			   struct svga_render_shader **out)
{
	VkShaderModuleCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
		.codeSize = size,
		.pCode = spirv,
	};
	struct svga_render_shader *sh;
	VkResult res;

	*out = NULL;
	if ((unsigned)stage >= SVGA_RENDER_NUM_STAGES)
		return render_error(r, "shader stage %u", (unsigned)stage);
	/* the SPIR-V magic, and whole words: drivers are not all robust */
	if (size < 20 || size % 4 || spirv[0] != 0x07230203)
		return render_error(r, "not SPIR-V (%zu bytes)", size);
	sh = calloc(1, sizeof(*sh));
	if (!sh)
		return render_error(r, "out of memory");
	if (render_spirv_interface(spirv, size / 4, &sh->io)) {
		free(sh);
		return render_error(r, "malformed SPIR-V (%zu bytes)", size);
	}
	res = vkCreateShaderModule(r->dev, &ci, NULL, &sh->module);
	if (res != VK_SUCCESS) {
		free(sh);
		return render_error(r, "vkCreateShaderModule: %s",
				    render_vk_result(res));
	}
	sh->stage = stage;
	sh->id = ++r->next_shader_id;
	*out = sh;
	return 0;
}

void svga_render_shader_free(struct svga_render *r,
			     struct svga_render_shader *sh)
{
	if (!sh)
		return;
	/* pipelines made from it stay valid (Vulkan copies the code) and,
	 * keyed on the never-reused id, are simply never hit again */
	vkDestroyShaderModule(r->dev, sh->module, NULL);
	free(sh);
}

static bool valid_address(uint8_t a)
{
	return a <= SVGA_RENDER_ADDRESS_MIRROR_ONCE;
}

int svga_render_sampler_new(struct svga_render *r,
			    const struct svga_render_sampler_desc *d,
			    struct svga_render_sampler **out)
{
	VkSamplerCustomBorderColorCreateInfoEXT border = {
		.sType = VK_STRUCTURE_TYPE_SAMPLER_CUSTOM_BORDER_COLOR_CREATE_INFO_EXT,
		.format = VK_FORMAT_UNDEFINED,
	};
	VkSamplerCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
		.pNext = &border,
		.magFilter = (VkFilter)d->mag_filter,
		.minFilter = (VkFilter)d->min_filter,
		.mipmapMode = (VkSamplerMipmapMode)d->mip_filter,
		.addressModeU = (VkSamplerAddressMode)d->address_u,
		.addressModeV = (VkSamplerAddressMode)d->address_v,
		.addressModeW = (VkSamplerAddressMode)d->address_w,
		.mipLodBias = d->mip_lod_bias,
		.anisotropyEnable = d->max_anisotropy > 1,
		.maxAnisotropy = (float)d->max_anisotropy,
		.compareEnable = d->compare_enable != 0,
		.compareOp = (VkCompareOp)d->compare_op,
		.minLod = d->min_lod,
		.maxLod = d->max_lod,
		.borderColor = VK_BORDER_COLOR_FLOAT_CUSTOM_EXT,
	};
	struct svga_render_sampler *s;
	float lim = r->props.limits.maxSamplerAnisotropy;
	VkResult res;

	*out = NULL;
	if (d->min_filter > 1 || d->mag_filter > 1 || d->mip_filter > 1 ||
	    !valid_address(d->address_u) || !valid_address(d->address_v) ||
	    !valid_address(d->address_w) ||
	    d->compare_op > SVGA_RENDER_CMP_ALWAYS ||
	    !(d->min_lod <= d->max_lod) || d->mip_lod_bias != d->mip_lod_bias)
		return render_error(r, "invalid sampler state");
	/* needs samplerMirrorClampToEdge, which SM4.1 does not need */
	if (d->address_u == SVGA_RENDER_ADDRESS_MIRROR_ONCE ||
	    d->address_v == SVGA_RENDER_ADDRESS_MIRROR_ONCE ||
	    d->address_w == SVGA_RENDER_ADDRESS_MIRROR_ONCE)
		return render_error(r, "MIRROR_ONCE addressing is not "
				    "supported");
	if (ci.maxAnisotropy > lim)
		ci.maxAnisotropy = lim;
	if (ci.mipLodBias > r->props.limits.maxSamplerLodBias)
		ci.mipLodBias = r->props.limits.maxSamplerLodBias;
	if (ci.mipLodBias < -r->props.limits.maxSamplerLodBias)
		ci.mipLodBias = -r->props.limits.maxSamplerLodBias;
	for (int i = 0; i < 4; i++)
		border.customBorderColor.float32[i] = d->border_color[i];
	s = calloc(1, sizeof(*s));
	if (!s)
		return render_error(r, "out of memory");
	res = vkCreateSampler(r->dev, &ci, NULL, &s->sampler);
	if (res != VK_SUCCESS) {
		free(s);
		return render_error(r, "vkCreateSampler: %s",
				    render_vk_result(res));
	}
	*out = s;
	return 0;
}

void svga_render_sampler_free(struct svga_render *r,
			      struct svga_render_sampler *s)
{
	if (!s)
		return;
	svga_render_flush(r);
	vkDestroySampler(r->dev, s->sampler, NULL);
	free(s);
}
