// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: the binding model.  One descriptor set per
 * shader stage (set = stage), with D3D's slots at fixed bindings (see
 * svga_render.h); one pipeline layout for every pipeline; sets come from
 * a pool that is reset when the batch that used them completes.
 */
#include "render_int.h"

#include <stdlib.h>

static const VkShaderStageFlags stage_bits[SVGA_RENDER_NUM_STAGES] = {
	VK_SHADER_STAGE_VERTEX_BIT,
	VK_SHADER_STAGE_GEOMETRY_BIT,
	VK_SHADER_STAGE_FRAGMENT_BIT,
};

#define NUM_BINDINGS (SVGA_RENDER_MAX_CBS + SVGA_RENDER_MAX_SAMPLERS + \
		      SVGA_RENDER_MAX_IMAGE_SRVS + SVGA_RENDER_MAX_BUFFER_SRVS)

static int make_set_layout(struct svga_render *r, enum svga_render_stage st)
{
	VkDescriptorSetLayoutBinding b[NUM_BINDINGS];
	VkDescriptorSetLayoutCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
		.bindingCount = NUM_BINDINGS,
		.pBindings = b,
	};
	unsigned n = 0;

	for (unsigned i = 0; i < r->num_cbs; i++)
		b[n++] = (VkDescriptorSetLayoutBinding){
			SVGA_RENDER_BINDING_CB(i),
			VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, stage_bits[st],
			NULL };
	for (unsigned i = 0; i < SVGA_RENDER_MAX_SAMPLERS; i++)
		b[n++] = (VkDescriptorSetLayoutBinding){
			SVGA_RENDER_BINDING_SAMPLER(i),
			VK_DESCRIPTOR_TYPE_SAMPLER, 1, stage_bits[st], NULL };
	for (unsigned i = 0; i < SVGA_RENDER_MAX_IMAGE_SRVS; i++)
		b[n++] = (VkDescriptorSetLayoutBinding){
			SVGA_RENDER_BINDING_SRV(i),
			VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE, 1, stage_bits[st],
			NULL };
	for (unsigned i = 0; i < SVGA_RENDER_MAX_BUFFER_SRVS; i++)
		b[n++] = (VkDescriptorSetLayoutBinding){
			SVGA_RENDER_BINDING_BUFFER_SRV(i),
			VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1,
			stage_bits[st], NULL };
	ci.bindingCount = n;
	if (vkCreateDescriptorSetLayout(r->dev, &ci, NULL, &r->set_layout[st]))
		return render_error(r, "vkCreateDescriptorSetLayout failed");
	return 0;
}

int render_descriptors_init(struct svga_render *r)
{
	VkDescriptorPoolSize sizes[] = {
		{ VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
		  r->num_cbs * RENDER_SETS_PER_POOL },
		{ VK_DESCRIPTOR_TYPE_SAMPLER,
		  SVGA_RENDER_MAX_SAMPLERS * RENDER_SETS_PER_POOL },
		{ VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE,
		  SVGA_RENDER_MAX_IMAGE_SRVS * RENDER_SETS_PER_POOL },
		{ VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
		  SVGA_RENDER_MAX_BUFFER_SRVS * RENDER_SETS_PER_POOL },
	};
	VkDescriptorPoolCreateInfo pci = {
		.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
		.maxSets = RENDER_SETS_PER_POOL,
		.poolSizeCount = 4,
		.pPoolSizes = sizes,
	};
	/* D3D10's default sampler state */
	VkSamplerCreateInfo sci = {
		.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
		.magFilter = VK_FILTER_LINEAR,
		.minFilter = VK_FILTER_LINEAR,
		.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR,
		.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.maxLod = VK_LOD_CLAMP_NONE,
		.borderColor = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE,
	};
	VkPipelineLayoutCreateInfo lci = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
		.setLayoutCount = SVGA_RENDER_NUM_STAGES,
		.pSetLayouts = r->set_layout,
	};

	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		if (make_set_layout(r, st))
			return -1;
	if (vkCreatePipelineLayout(r->dev, &lci, NULL, &r->pipeline_layout))
		return render_error(r, "vkCreatePipelineLayout failed");
	if (vkCreateDescriptorPool(r->dev, &pci, NULL, &r->desc_pool))
		return render_error(r, "vkCreateDescriptorPool failed");
	if (vkCreateSampler(r->dev, &sci, NULL, &r->default_sampler))
		return render_error(r, "vkCreateSampler (default) failed");
	r->sets_left = RENDER_SETS_PER_POOL;
	return 0;
}

void render_descriptors_fini(struct svga_render *r)
{
	if (r->default_sampler)
		vkDestroySampler(r->dev, r->default_sampler, NULL);
	if (r->desc_pool)
		vkDestroyDescriptorPool(r->dev, r->desc_pool, NULL);
	if (r->pipeline_layout)
		vkDestroyPipelineLayout(r->dev, r->pipeline_layout, NULL);
	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		if (r->set_layout[st])
			vkDestroyDescriptorSetLayout(r->dev, r->set_layout[st],
						     NULL);
}

/* VK_NULL_HANDLE when the pool of this batch is used up (flush first). */
VkDescriptorSet render_alloc_set(struct svga_render *r,
				 enum svga_render_stage stage)
{
	VkDescriptorSetAllocateInfo ai = {
		.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
		.descriptorPool = r->desc_pool,
		.descriptorSetCount = 1,
		.pSetLayouts = &r->set_layout[stage],
	};
	VkDescriptorSet set;

	if (!r->sets_left ||
	    vkAllocateDescriptorSets(r->dev, &ai, &set) != VK_SUCCESS)
		return VK_NULL_HANDLE;
	r->sets_left--;
	return set;
}

void render_descriptors_reset(struct svga_render *r)
{
	if (r->desc_pool && r->sets_left != RENDER_SETS_PER_POOL) {
		vkResetDescriptorPool(r->dev, r->desc_pool, 0);
		r->sets_left = RENDER_SETS_PER_POOL;
	}
}
