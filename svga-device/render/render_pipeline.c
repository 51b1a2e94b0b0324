// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: graphics pipelines from a state description,
 * validated (the state comes from the guest) and created on Vulkan.
 * Caching is render_pipeline_cache.c's job.
 */
#include "render_int.h"

#include <string.h>

_Static_assert(SVGA_RENDER_TOPO_TRIANGLE_STRIP_ADJ ==
	       (int)VK_PRIMITIVE_TOPOLOGY_TRIANGLE_STRIP_WITH_ADJACENCY, "topo");
_Static_assert(SVGA_RENDER_TOPO_TRIANGLE_FAN ==
	       (int)VK_PRIMITIVE_TOPOLOGY_TRIANGLE_FAN, "topo");
_Static_assert(SVGA_RENDER_FILL_WIREFRAME == (int)VK_POLYGON_MODE_LINE, "fill");
_Static_assert(SVGA_RENDER_CULL_BACK == (int)VK_CULL_MODE_BACK_BIT, "cull");
_Static_assert(SVGA_RENDER_BF_INV_SRC1_ALPHA ==
	       (int)VK_BLEND_FACTOR_ONE_MINUS_SRC1_ALPHA, "blend factor");
_Static_assert(SVGA_RENDER_BF_SRC_ALPHA_SAT ==
	       (int)VK_BLEND_FACTOR_SRC_ALPHA_SATURATE, "blend factor");
_Static_assert(SVGA_RENDER_BOP_MAX == (int)VK_BLEND_OP_MAX, "blend op");
_Static_assert(SVGA_RENDER_SOP_DECR == (int)VK_STENCIL_OP_DECREMENT_AND_WRAP,
	       "stencil op");

void svga_render_pipeline_desc_init(struct svga_render_pipeline_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->topology = SVGA_RENDER_TOPO_TRIANGLE_LIST;
	d->fill = SVGA_RENDER_FILL_SOLID;
	d->cull = SVGA_RENDER_CULL_NONE;
	d->depth_clip_enable = 1;
	d->depth_enable = 1;
	d->depth_write = 1;
	d->depth_func = SVGA_RENDER_CMP_LESS;
	d->stencil_read_mask = 0xff;
	d->stencil_write_mask = 0xff;
	d->front = d->back = (struct svga_render_stencil_face){
		SVGA_RENDER_SOP_KEEP, SVGA_RENDER_SOP_KEEP,
		SVGA_RENDER_SOP_KEEP, SVGA_RENDER_CMP_ALWAYS };
	for (int i = 0; i < SVGA_RENDER_MAX_RTS; i++)
		d->blend[i] = (struct svga_render_blend_rt){
			0, SVGA_RENDER_BF_ONE, SVGA_RENDER_BF_ZERO,
			SVGA_RENDER_BOP_ADD, SVGA_RENDER_BF_ONE,
			SVGA_RENDER_BF_ZERO, SVGA_RENDER_BOP_ADD, 0xf };
	for (int i = 0; i < SVGA_RENDER_MAX_VBUFS; i++)
		d->bindings[i].divisor = 1;
	d->samples = 1;
	d->sample_mask = 0xffffffffu;
}

static bool is_src1(uint8_t f)
{
	return f >= SVGA_RENDER_BF_SRC1_COLOR &&
	       f <= SVGA_RENDER_BF_INV_SRC1_ALPHA;
}

static bool stencil_face_ok(const struct svga_render_stencil_face *f)
{
	return f->fail_op <= SVGA_RENDER_SOP_DECR &&
	       f->depth_fail_op <= SVGA_RENDER_SOP_DECR &&
	       f->pass_op <= SVGA_RENDER_SOP_DECR &&
	       f->func <= SVGA_RENDER_CMP_ALWAYS;
}

static VkFormat vertex_format(struct svga_render *r, uint32_t svga)
{
	const struct render_format *f = render_format_get(svga);
	VkFormatProperties p;

	if (!f || f->vk == VK_FORMAT_UNDEFINED || f->block_w != 1 ||
	    render_format_aspects(f->vk) != VK_IMAGE_ASPECT_COLOR_BIT)
		return VK_FORMAT_UNDEFINED;
	vkGetPhysicalDeviceFormatProperties(r->phys, f->vk, &p);
	return (p.bufferFeatures & VK_FORMAT_FEATURE_VERTEX_BUFFER_BIT) ?
	       f->vk : VK_FORMAT_UNDEFINED;
}

/* The color attachment format of an SVGA format, or UNDEFINED. */
static VkFormat rt_format(struct svga_render *r, uint32_t svga,
			  bool *blendable)
{
	uint32_t caps = svga_render_format_caps(r, svga, NULL);
	const struct render_format *f = render_format_get(svga);

	*blendable = caps & SVGA_RENDER_FMT_BLEND;
	return (caps & SVGA_RENDER_FMT_RENDER) ? f->vk : VK_FORMAT_UNDEFINED;
}

static VkFormat ds_format(uint32_t svga)
{
	const struct render_format *f = render_format_get(svga);

	if (!f)
		return VK_FORMAT_UNDEFINED;
	if (f->vk_ds != VK_FORMAT_UNDEFINED)
		return f->vk_ds;
	if (render_format_aspects(f->vk) == VK_IMAGE_ASPECT_COLOR_BIT)
		return VK_FORMAT_UNDEFINED;
	return f->vk;
}

static int validate(struct svga_render *r,
		    const struct svga_render_pipeline_desc *d)
{
	if (!d->shaders[SVGA_RENDER_STAGE_VS])
		return render_error(r, "pipeline without a vertex shader");
	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		if (d->shaders[st] && d->shaders[st]->stage != st)
			return render_error(r, "shader of stage %u bound to "
					    "stage %u", d->shaders[st]->stage,
					    st);
	if (d->topology > SVGA_RENDER_TOPO_TRIANGLE_STRIP_ADJ ||
	    d->fill > SVGA_RENDER_FILL_WIREFRAME ||
	    d->cull > SVGA_RENDER_CULL_BACK ||
	    d->depth_func > SVGA_RENDER_CMP_ALWAYS ||
	    !stencil_face_ok(&d->front) || !stencil_face_ok(&d->back))
		return render_error(r, "invalid rasterizer or depth-stencil "
				    "state");
	if (d->num_elements > SVGA_RENDER_MAX_ELEMENTS)
		return render_error(r, "%u input elements", d->num_elements);
	for (uint32_t i = 0; i < d->num_elements; i++) {
		const struct svga_render_vertex_element *e = &d->elements[i];

		if (e->binding >= SVGA_RENDER_MAX_VBUFS ||
		    e->location >= SVGA_RENDER_MAX_ELEMENTS ||
		    vertex_format(r, e->format) == VK_FORMAT_UNDEFINED ||
		    e->offset > r->props.limits.maxVertexInputAttributeOffset)
			return render_error(r, "input element %u: slot %u "
					    "location %u format %u offset %u "
					    "invalid", i, e->binding,
					    e->location, e->format, e->offset);
		for (uint32_t j = 0; j < i; j++)
			if (d->elements[j].location == e->location)
				return render_error(r, "input location %u "
						    "twice", e->location);
		if (d->bindings[e->binding].per_instance &&
		    d->bindings[e->binding].divisor >
		    0x7fffffff)
			return render_error(r, "instance step rate %u",
					    d->bindings[e->binding].divisor);
	}
	/* every vertex shader input has an element of its numeric class
	 * (D3D: the input layout must match the input signature) */
	for (uint32_t loc = 0; loc < RENDER_MAX_LOCATIONS; loc++) {
		uint8_t want = d->shaders[SVGA_RENDER_STAGE_VS]->io.inputs[loc];
		uint32_t i;

		if (!want)
			continue;
		for (i = 0; i < d->num_elements; i++)
			if (d->elements[i].location == loc)
				break;
		if (i == d->num_elements)
			return render_error(r, "vertex shader input %u has no "
					    "input element", loc);
		if (render_format_class(vertex_format(r, d->elements[i].format))
		    != want)
			return render_error(r, "input element %u: format %u "
					    "does not match the shader's %s "
					    "input", i, d->elements[i].format,
					    want == RENDER_CLASS_INT ? "integer" :
					    "float");
	}
	if (d->num_rts > SVGA_RENDER_MAX_RTS)
		return render_error(r, "%u render targets", d->num_rts);
	for (uint32_t i = 0; i < d->num_rts; i++) {
		const struct svga_render_blend_rt *b = &d->blend[i];
		bool blendable;

		const struct svga_render_shader *ps =
			d->shaders[SVGA_RENDER_STAGE_PS];
		VkFormat vkf = d->rt_formats[i] ?
			rt_format(r, d->rt_formats[i], &blendable) :
			VK_FORMAT_UNDEFINED;

		if (d->rt_formats[i] && vkf == VK_FORMAT_UNDEFINED)
			return render_error(r, "render target %u: format %u "
					    "not renderable", i,
					    d->rt_formats[i]);
		if (vkf && ps && ps->io.outputs[i] &&
		    ps->io.outputs[i] != render_format_class(vkf))
			return render_error(r, "render target %u: format %u "
					    "does not match the pixel shader's "
					    "output", i, d->rt_formats[i]);
		if (b->src > SVGA_RENDER_BF_INV_SRC1_ALPHA ||
		    b->dst > SVGA_RENDER_BF_INV_SRC1_ALPHA ||
		    b->src_a > SVGA_RENDER_BF_INV_SRC1_ALPHA ||
		    b->dst_a > SVGA_RENDER_BF_INV_SRC1_ALPHA ||
		    b->op > SVGA_RENDER_BOP_MAX || b->op_a > SVGA_RENDER_BOP_MAX ||
		    b->write_mask > 0xf)
			return render_error(r, "render target %u: invalid "
					    "blend state", i);
		if (b->enable && (is_src1(b->src) || is_src1(b->dst) ||
		    is_src1(b->src_a) || is_src1(b->dst_a))) {
			if (i > 0)
				return render_error(r, "dual-source blending on "
						    "render target %u (only 0)",
						    i);
			/* Vulkan leaves a missing second source undefined
			 * (lavapipe crashes): refuse */
			if (!ps || !ps->io.dual_source)
				return render_error(r, "dual-source blending "
						    "without a pixel shader "
						    "writing a second source");
		}
	}
	if (d->ds_format && ds_format(d->ds_format) == VK_FORMAT_UNDEFINED)
		return render_error(r, "depth-stencil format %u", d->ds_format);
	if (d->samples != 1 && d->samples != 4)
		return render_error(r, "%u samples", d->samples);
	if (d->depth_bias_clamp != d->depth_bias_clamp ||
	    d->slope_scaled_depth_bias != d->slope_scaled_depth_bias)
		return render_error(r, "depth bias is not a number");
	return 0;
}

VkPipeline render_pipeline_create(struct svga_render *r,
				  const struct svga_render_pipeline_desc *d)
{
	static const VkShaderStageFlagBits stage_bit[] = {
		VK_SHADER_STAGE_VERTEX_BIT, VK_SHADER_STAGE_GEOMETRY_BIT,
		VK_SHADER_STAGE_FRAGMENT_BIT,
	};
	VkPipelineShaderStageCreateInfo stages[SVGA_RENDER_NUM_STAGES];
	VkVertexInputAttributeDescription attrs[SVGA_RENDER_MAX_ELEMENTS];
	VkVertexInputBindingDescription binds[SVGA_RENDER_MAX_VBUFS];
	VkVertexInputBindingDivisorDescriptionEXT divs[SVGA_RENDER_MAX_VBUFS];
	VkPipelineColorBlendAttachmentState blend[SVGA_RENDER_MAX_RTS];
	VkFormat colors[SVGA_RENDER_MAX_RTS];
	uint32_t nstages = 0, nbinds = 0, ndivs = 0, used = 0;
	VkFormat dsf = VK_FORMAT_UNDEFINED;
	VkPipeline p = VK_NULL_HANDLE;
	VkResult res;

	if (validate(r, d))
		return VK_NULL_HANDLE;
	for (unsigned st = 0; st < SVGA_RENDER_NUM_STAGES; st++)
		if (d->shaders[st])
			stages[nstages++] = (VkPipelineShaderStageCreateInfo){
				.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
				.stage = stage_bit[st],
				.module = d->shaders[st]->module,
				.pName = "main",
			};
	for (uint32_t i = 0; i < d->num_elements; i++) {
		const struct svga_render_vertex_element *e = &d->elements[i];

		attrs[i] = (VkVertexInputAttributeDescription){
			e->location, e->binding, vertex_format(r, e->format),
			e->offset };
		used |= 1u << e->binding;
	}
	for (uint32_t b = 0; b < SVGA_RENDER_MAX_VBUFS; b++) {
		const struct svga_render_vertex_binding *vb = &d->bindings[b];

		if (!(used & (1u << b)))
			continue;
		/* stride is dynamic: D3D gives it with the buffer */
		binds[nbinds++] = (VkVertexInputBindingDescription){
			b, 0, vb->per_instance ? VK_VERTEX_INPUT_RATE_INSTANCE :
						 VK_VERTEX_INPUT_RATE_VERTEX };
		if (vb->per_instance && vb->divisor != 1)
			divs[ndivs++] = (VkVertexInputBindingDivisorDescriptionEXT){
				b, vb->divisor };
	}
	VkPipelineVertexInputDivisorStateCreateInfoEXT div_ci = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_DIVISOR_STATE_CREATE_INFO_EXT,
		.vertexBindingDivisorCount = ndivs,
		.pVertexBindingDivisors = divs,
	};
	VkPipelineVertexInputStateCreateInfo vi = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
		.pNext = ndivs ? &div_ci : NULL,
		.vertexBindingDescriptionCount = nbinds,
		.pVertexBindingDescriptions = binds,
		.vertexAttributeDescriptionCount = d->num_elements,
		.pVertexAttributeDescriptions = attrs,
	};
	bool strip = d->topology == SVGA_RENDER_TOPO_LINE_STRIP ||
		     d->topology == SVGA_RENDER_TOPO_TRIANGLE_STRIP ||
		     d->topology == SVGA_RENDER_TOPO_TRIANGLE_FAN ||
		     d->topology == SVGA_RENDER_TOPO_LINE_STRIP_ADJ ||
		     d->topology == SVGA_RENDER_TOPO_TRIANGLE_STRIP_ADJ;
	VkPipelineInputAssemblyStateCreateInfo ia = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
		.topology = (VkPrimitiveTopology)d->topology,
		.primitiveRestartEnable = strip && d->primitive_restart,
	};
	VkPipelineViewportStateCreateInfo vp = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO,
	};
	VkPipelineRasterizationProvokingVertexStateCreateInfoEXT prov = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_PROVOKING_VERTEX_STATE_CREATE_INFO_EXT,
		.provokingVertexMode = d->provoking_last ?
			VK_PROVOKING_VERTEX_MODE_LAST_VERTEX_EXT :
			VK_PROVOKING_VERTEX_MODE_FIRST_VERTEX_EXT,
	};
	VkPipelineRasterizationDepthClipStateCreateInfoEXT clip = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_DEPTH_CLIP_STATE_CREATE_INFO_EXT,
		.pNext = &prov,
		.depthClipEnable = d->depth_clip_enable != 0,
	};
	VkPipelineRasterizationStateCreateInfo rs = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
		.pNext = &clip,
		/* D3D clamps to the viewport's depth range in any case */
		.depthClampEnable = VK_TRUE,
		.rasterizerDiscardEnable = d->rasterizer_discard != 0,
		.polygonMode = (VkPolygonMode)d->fill,
		.cullMode = (VkCullModeFlags)d->cull,
		.frontFace = d->front_ccw ? VK_FRONT_FACE_COUNTER_CLOCKWISE :
					    VK_FRONT_FACE_CLOCKWISE,
		.depthBiasEnable = d->depth_bias != 0 ||
				   d->slope_scaled_depth_bias != 0.0f,
		.depthBiasConstantFactor = (float)d->depth_bias,
		.depthBiasClamp = d->depth_bias_clamp,
		.depthBiasSlopeFactor = d->slope_scaled_depth_bias,
		.lineWidth = 1.0f,
	};
	VkSampleMask mask = d->sample_mask;
	VkPipelineMultisampleStateCreateInfo ms = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO,
		.rasterizationSamples = (VkSampleCountFlagBits)d->samples,
		.pSampleMask = &mask,
		.alphaToCoverageEnable = d->alpha_to_coverage != 0,
	};
	VkPipelineDepthStencilStateCreateInfo ds = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO,
		.depthTestEnable = d->depth_enable && d->ds_format,
		.depthWriteEnable = d->depth_enable && d->depth_write &&
				    d->ds_format,
		.depthCompareOp = (VkCompareOp)d->depth_func,
		.stencilTestEnable = d->stencil_enable && d->ds_format,
		.front = { (VkStencilOp)d->front.fail_op,
			   (VkStencilOp)d->front.pass_op,
			   (VkStencilOp)d->front.depth_fail_op,
			   (VkCompareOp)d->front.func, d->stencil_read_mask,
			   d->stencil_write_mask, 0 },
		.back = { (VkStencilOp)d->back.fail_op,
			  (VkStencilOp)d->back.pass_op,
			  (VkStencilOp)d->back.depth_fail_op,
			  (VkCompareOp)d->back.func, d->stencil_read_mask,
			  d->stencil_write_mask, 0 },
		.maxDepthBounds = 1.0f,
	};
	for (uint32_t i = 0; i < d->num_rts; i++) {
		const struct svga_render_blend_rt *b = &d->blend[i];
		bool blendable = false;

		colors[i] = d->rt_formats[i] ?
			rt_format(r, d->rt_formats[i], &blendable) :
			VK_FORMAT_UNDEFINED;
		/* D3D ignores blending on integer targets */
		blend[i] = (VkPipelineColorBlendAttachmentState){
			.blendEnable = b->enable && blendable,
			.srcColorBlendFactor = (VkBlendFactor)b->src,
			.dstColorBlendFactor = (VkBlendFactor)b->dst,
			.colorBlendOp = (VkBlendOp)b->op,
			.srcAlphaBlendFactor = (VkBlendFactor)b->src_a,
			.dstAlphaBlendFactor = (VkBlendFactor)b->dst_a,
			.alphaBlendOp = (VkBlendOp)b->op_a,
			/* D3D: without a pixel shader nothing is written to
			 * the targets (Vulkan: undefined values; Mesa's
			 * rasterizer discard unbinds the pixel shader) */
			.colorWriteMask = d->shaders[SVGA_RENDER_STAGE_PS] ?
					  b->write_mask : 0,
		};
	}
	VkPipelineColorBlendStateCreateInfo cb = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO,
		.attachmentCount = d->num_rts,
		.pAttachments = blend,
	};
	static const VkDynamicState dyn[] = {
		VK_DYNAMIC_STATE_VIEWPORT_WITH_COUNT,
		VK_DYNAMIC_STATE_SCISSOR_WITH_COUNT,
		VK_DYNAMIC_STATE_VERTEX_INPUT_BINDING_STRIDE,
		VK_DYNAMIC_STATE_STENCIL_REFERENCE,
		VK_DYNAMIC_STATE_BLEND_CONSTANTS,
	};
	VkPipelineDynamicStateCreateInfo dy = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO,
		.dynamicStateCount = sizeof(dyn) / sizeof(dyn[0]),
		.pDynamicStates = dyn,
	};
	if (d->ds_format)
		dsf = ds_format(d->ds_format);
	VkPipelineRenderingCreateInfo rend = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO,
		.colorAttachmentCount = d->num_rts,
		.pColorAttachmentFormats = colors,
		.depthAttachmentFormat = dsf,
		.stencilAttachmentFormat =
			(render_format_aspects(dsf) & VK_IMAGE_ASPECT_STENCIL_BIT) ?
			dsf : VK_FORMAT_UNDEFINED,
	};
	VkGraphicsPipelineCreateInfo ci = {
		.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
		.pNext = &rend,
		.stageCount = nstages,
		.pStages = stages,
		.pVertexInputState = &vi,
		.pInputAssemblyState = &ia,
		.pViewportState = &vp,
		.pRasterizationState = &rs,
		.pMultisampleState = &ms,
		.pDepthStencilState = &ds,
		.pColorBlendState = &cb,
		.pDynamicState = &dy,
		.layout = r->pipeline_layout,
	};
	svga_phase_push(r->phases, SVGA_PHASE_PIPELINE);
	res = vkCreateGraphicsPipelines(r->dev, r->vk_cache, 1, &ci, NULL, &p);
	svga_phase_pop(r->phases);
	if (res != VK_SUCCESS) {
		render_error(r, "vkCreateGraphicsPipelines: %s",
			     render_vk_result(res));
		return VK_NULL_HANDLE;
	}
	r->stats.pipeline_creations++;
	return p;
}
