// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: Vulkan instance, choice of the physical device,
 * the features and limits an SM4.1 (GL 3.3) device needs, and the logical
 * device.  A device that lacks one is refused with its name and the reason.
 */
#include "render_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every feature struct we query and enable, chained. */
struct feature_chain {
	VkPhysicalDeviceFeatures2 f2;
	VkPhysicalDeviceVulkan13Features v13;
	VkPhysicalDeviceTransformFeedbackFeaturesEXT xfb;
	VkPhysicalDeviceRobustness2FeaturesEXT rob2;
	VkPhysicalDeviceCustomBorderColorFeaturesEXT border;
	VkPhysicalDeviceVertexAttributeDivisorFeaturesEXT divisor;
	VkPhysicalDeviceDepthClipEnableFeaturesEXT clip;
	VkPhysicalDeviceProvokingVertexFeaturesEXT provoking;
	VkPhysicalDeviceConditionalRenderingFeaturesEXT cond;
};

static void chain_init(struct feature_chain *c)
{
	memset(c, 0, sizeof(*c));
	c->f2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
	c->v13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
	c->xfb.sType =
		VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TRANSFORM_FEEDBACK_FEATURES_EXT;
	c->rob2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ROBUSTNESS_2_FEATURES_EXT;
	c->border.sType =
		VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_CUSTOM_BORDER_COLOR_FEATURES_EXT;
	c->divisor.sType =
		VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VERTEX_ATTRIBUTE_DIVISOR_FEATURES_EXT;
	c->clip.sType =
		VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DEPTH_CLIP_ENABLE_FEATURES_EXT;
	c->provoking.sType =
		VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROVOKING_VERTEX_FEATURES_EXT;
	c->f2.pNext = &c->v13;
	c->v13.pNext = &c->xfb;
	c->xfb.pNext = &c->rob2;
	c->rob2.pNext = &c->border;
	c->border.pNext = &c->divisor;
	c->divisor.pNext = &c->clip;
	c->clip.pNext = &c->provoking;
	c->cond.sType =
		VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_CONDITIONAL_RENDERING_FEATURES_EXT;
	c->provoking.pNext = &c->cond;
}

#define CORE(field) offsetof(struct feature_chain, f2.features.field)
#define EXT(field) offsetof(struct feature_chain, field)

/* What SM4.1 / GL 3.3 needs, and why. */
static const struct {
	const char *name;
	size_t offset;
	const char *why;
} required_features[] = {
	{ "robustBufferAccess", CORE(robustBufferAccess),
	  "guest-controlled offsets and indices must stay inside buffers" },
	{ "geometryShader", CORE(geometryShader),
	  "SM4 geometry shaders (GL 3.2)" },
	{ "independentBlend", CORE(independentBlend),
	  "SM4.1 per-render-target blend state (GL 3.x draw_buffers_blend)" },
	{ "dualSrcBlend", CORE(dualSrcBlend),
	  "dual-source blending (GL 3.3 ARB_blend_func_extended)" },
	{ "depthClamp", CORE(depthClamp),
	  "D3D clamps depth to the viewport when depth clip is off "
	  "(GL 3.2 ARB_depth_clamp)" },
	{ "depthBiasClamp", CORE(depthBiasClamp),
	  "D3D rasterizer DepthBiasClamp" },
	{ "fillModeNonSolid", CORE(fillModeNonSolid),
	  "wireframe fill (GL polygon mode line)" },
	{ "multiViewport", CORE(multiViewport),
	  "16 viewports and SV_ViewportArrayIndex in SM4" },
	{ "sampleRateShading", CORE(sampleRateShading),
	  "SM4.1 per-sample pixel shader inputs" },
	{ "imageCubeArray", CORE(imageCubeArray),
	  "SM4.1 TextureCubeArray" },
	{ "shaderClipDistance", CORE(shaderClipDistance),
	  "SV_ClipDistance (GL gl_ClipDistance)" },
	{ "shaderCullDistance", CORE(shaderCullDistance),
	  "SV_CullDistance in SM4" },
	{ "occlusionQueryPrecise", CORE(occlusionQueryPrecise),
	  "D3D and GL occlusion queries count samples exactly" },
	{ "samplerAnisotropy", CORE(samplerAnisotropy),
	  "D3D10 anisotropic filtering (GL EXT_texture_filter_anisotropic)" },
	{ "textureCompressionBC", CORE(textureCompressionBC),
	  "BC1-BC5 are mandatory in D3D10 and advertised as DXT/BC formats" },
	{ "dynamicRendering (Vulkan 1.3)", EXT(v13.dynamicRendering),
	  "render targets are bound per draw without render pass objects" },
	{ "VK_EXT_transform_feedback transformFeedback",
	  EXT(xfb.transformFeedback),
	  "D3D stream output (GL 3.0 transform feedback)" },
	{ "VK_EXT_robustness2 nullDescriptor", EXT(rob2.nullDescriptor),
	  "unbound D3D slots must read as zero" },
	{ "VK_EXT_custom_border_color customBorderColors",
	  EXT(border.customBorderColors),
	  "D3D sampler BorderColor and GL_TEXTURE_BORDER_COLOR are any RGBA" },
	{ "VK_EXT_custom_border_color customBorderColorWithoutFormat",
	  EXT(border.customBorderColorWithoutFormat),
	  "D3D samplers are created without knowing the view format" },
	{ "VK_EXT_vertex_attribute_divisor vertexAttributeInstanceRateDivisor",
	  EXT(divisor.vertexAttributeInstanceRateDivisor),
	  "D3D InstanceDataStepRate (GL 3.3 ARB_instanced_arrays)" },
	{ "VK_EXT_depth_clip_enable depthClipEnable",
	  EXT(clip.depthClipEnable),
	  "D3D DepthClipEnable is separate from depth clamping" },
	{ "VK_EXT_conditional_rendering conditionalRendering",
	  EXT(cond.conditionalRendering),
	  "D3D predication (GL 3.0 conditional render)" },
	{ "VK_EXT_provoking_vertex provokingVertexLast",
	  EXT(provoking.provokingVertexLast),
	  "GL's default flat-shading provoking vertex is the last one" },
};

static const char *const required_extensions[] = {
	VK_EXT_TRANSFORM_FEEDBACK_EXTENSION_NAME,
	VK_EXT_ROBUSTNESS_2_EXTENSION_NAME,
	VK_EXT_CUSTOM_BORDER_COLOR_EXTENSION_NAME,
	VK_EXT_VERTEX_ATTRIBUTE_DIVISOR_EXTENSION_NAME,
	VK_EXT_DEPTH_CLIP_ENABLE_EXTENSION_NAME,
	VK_EXT_PROVOKING_VERTEX_EXTENSION_NAME,
	VK_EXT_CONDITIONAL_RENDERING_EXTENSION_NAME,
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int render_error(struct svga_render *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	return -1;
}

const char *render_vk_result(VkResult res)
{
	switch (res) {
	case VK_SUCCESS: return "VK_SUCCESS";
	case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
	case VK_ERROR_OUT_OF_DEVICE_MEMORY:
		return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
	case VK_ERROR_INITIALIZATION_FAILED:
		return "VK_ERROR_INITIALIZATION_FAILED";
	case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
	case VK_ERROR_EXTENSION_NOT_PRESENT:
		return "VK_ERROR_EXTENSION_NOT_PRESENT";
	case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
	case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
	case VK_ERROR_FORMAT_NOT_SUPPORTED:
		return "VK_ERROR_FORMAT_NOT_SUPPORTED";
	default: return "VkResult error";
	}
}

static bool has_extension(VkPhysicalDevice pd, const char *name)
{
	uint32_t n = 0;
	VkExtensionProperties *props;
	bool found = false;

	if (vkEnumerateDeviceExtensionProperties(pd, NULL, &n, NULL) != VK_SUCCESS)
		return false;
	props = calloc(n ? n : 1, sizeof(*props));
	if (!props)
		return false;
	if (vkEnumerateDeviceExtensionProperties(pd, NULL, &n, props) ==
	    VK_SUCCESS)
		for (uint32_t i = 0; i < n && !found; i++)
			found = !strcmp(props[i].extensionName, name);
	free(props);
	return found;
}

/* NULL if the device has everything required, else what it lacks. */
static const char *missing_requirement(VkPhysicalDevice pd, char *buf,
				       size_t len)
{
	VkPhysicalDeviceProperties props;
	struct feature_chain q;

	vkGetPhysicalDeviceProperties(pd, &props);
	if (props.apiVersion < VK_API_VERSION_1_3) {
		snprintf(buf, len, "Vulkan 1.3 (it has %u.%u): dynamic "
			 "rendering and extended dynamic state",
			 VK_API_VERSION_MAJOR(props.apiVersion),
			 VK_API_VERSION_MINOR(props.apiVersion));
		return buf;
	}
	for (size_t i = 0; i < ARRAY_SIZE(required_extensions); i++)
		if (!has_extension(pd, required_extensions[i])) {
			snprintf(buf, len, "extension %s",
				 required_extensions[i]);
			return buf;
		}
	chain_init(&q);
	vkGetPhysicalDeviceFeatures2(pd, &q.f2);
	for (size_t i = 0; i < ARRAY_SIZE(required_features); i++) {
		const VkBool32 *have = (const VkBool32 *)
			((const char *)&q + required_features[i].offset);

		if (!*have) {
			snprintf(buf, len, "feature %s (needed for %s)",
				 required_features[i].name,
				 required_features[i].why);
			return buf;
		}
	}
	{
		VkPhysicalDeviceTransformFeedbackPropertiesEXT xp = {
			.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TRANSFORM_FEEDBACK_PROPERTIES_EXT,
		};
		VkPhysicalDeviceProperties2 p2 = {
			.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
			.pNext = &xp,
		};

		vkGetPhysicalDeviceProperties2(pd, &p2);
		if (xp.maxTransformFeedbackBuffers < SVGA_RENDER_MAX_SO ||
		    !xp.transformFeedbackDraw ||
		    !xp.transformFeedbackQueries) {
			snprintf(buf, len, "%u stream-output buffers, DrawAuto "
				 "(transformFeedbackDraw) and stream-output "
				 "queries (transformFeedbackQueries)",
				 SVGA_RENDER_MAX_SO);
			return buf;
		}
	}
	/* limits the binding model relies on (see svga_render.h) */
	if (!props.limits.timestampComputeAndGraphics) {
		snprintf(buf, len, "timestamps on graphics queues "
			 "(timestampComputeAndGraphics; D3D timestamp queries)");
		return buf;
	}
	if (props.limits.maxPerStageDescriptorUniformBuffers <
		    SVGA_RENDER_MIN_CBS ||
	    props.limits.maxPerStageDescriptorSamplers <
		    SVGA_RENDER_MAX_SAMPLERS ||
	    props.limits.maxPerStageDescriptorSampledImages <
		    SVGA_RENDER_MAX_IMAGE_SRVS + SVGA_RENDER_MAX_BUFFER_SRVS ||
	    props.limits.maxViewports < SVGA_RENDER_MAX_VIEWPORTS ||
	    props.limits.maxColorAttachments < SVGA_RENDER_MAX_RTS ||
	    props.limits.maxVertexInputBindings < SVGA_RENDER_MAX_VBUFS ||
	    props.limits.maxVertexInputAttributes < SVGA_RENDER_MAX_ELEMENTS) {
		snprintf(buf, len, "limits: %u constant buffers, %u samplers, "
			 "%u sampled images per stage, %u viewports, %u "
			 "render targets, %u vertex buffers and %u elements",
			 SVGA_RENDER_MIN_CBS, SVGA_RENDER_MAX_SAMPLERS,
			 SVGA_RENDER_MAX_IMAGE_SRVS +
			 SVGA_RENDER_MAX_BUFFER_SRVS, SVGA_RENDER_MAX_VIEWPORTS,
			 SVGA_RENDER_MAX_RTS, SVGA_RENDER_MAX_VBUFS,
			 SVGA_RENDER_MAX_ELEMENTS);
		return buf;
	}
	return NULL;
}

static int graphics_queue_family(VkPhysicalDevice pd, uint32_t *out)
{
	uint32_t n = 0;
	VkQueueFamilyProperties qf[16];

	vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, NULL);
	if (n > 16)
		n = 16;
	vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, qf);
	for (uint32_t i = 0; i < n; i++)
		if (qf[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
			*out = i;
			return 0;
		}
	return -1;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Picks the device named by cfg->device; 1 if there is no device at all. */
static int choose_device(struct svga_render *r, const char *want)
{
	uint32_t n = 0;
	VkPhysicalDevice *pds;
	char why[256];
	int ret = -1;

	if (vkEnumeratePhysicalDevices(r->instance, &n, NULL) != VK_SUCCESS ||
	    n == 0) {
		render_error(r, "no Vulkan physical device (install a Vulkan "
			     "driver, e.g. Debian's mesa-vulkan-drivers)");
		return 1;
	}
	pds = calloc(n, sizeof(*pds));
	if (!pds)
		return render_error(r, "out of memory");
	if (vkEnumeratePhysicalDevices(r->instance, &n, pds) < 0) {
		free(pds);
		return render_error(r, "vkEnumeratePhysicalDevices failed");
	}
	if (want && *want) {
		VkPhysicalDevice pd = VK_NULL_HANDLE;
		VkPhysicalDeviceProperties p;

		if (all_digits(want)) {
			unsigned long idx = strtoul(want, NULL, 10);

			if (idx < n)
				pd = pds[idx];
		} else {
			for (uint32_t i = 0; i < n && !pd; i++) {
				vkGetPhysicalDeviceProperties(pds[i], &p);
				if (strstr(p.deviceName, want))
					pd = pds[i];
			}
		}
		if (!pd) {
			render_error(r, "no Vulkan device '%s' among the %u "
				     "present", want, n);
			goto out;
		}
		vkGetPhysicalDeviceProperties(pd, &p);
		if (missing_requirement(pd, why, sizeof(why))) {
			render_error(r, "Vulkan device '%s' cannot run the "
				     "SVGA3 device: it lacks %s", p.deviceName,
				     why);
			goto out;
		}
		r->phys = pd;
		ret = 0;
		goto out;
	}
	for (uint32_t i = 0; i < n; i++) {
		VkPhysicalDeviceProperties p;

		vkGetPhysicalDeviceProperties(pds[i], &p);
		if (missing_requirement(pds[i], why, sizeof(why))) {
			/* remember why the first one was refused */
			if (i == 0)
				render_error(r, "Vulkan device '%s' lacks %s",
					     p.deviceName, why);
			continue;
		}
		r->phys = pds[i];
		ret = 0;
		break;
	}
	if (ret)
		render_error(r, "no Vulkan device has every required feature; "
			     "%s", r->err);
out:
	free(pds);
	return ret;
}

static int create_device(struct svga_render *r)
{
	struct feature_chain q, e;
	float prio = 1.0f;
	VkDeviceQueueCreateInfo qci = {
		.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
		.queueCount = 1,
		.pQueuePriorities = &prio,
	};
	VkDeviceCreateInfo dci = {
		.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
		.queueCreateInfoCount = 1,
		.pQueueCreateInfos = &qci,
	};
	/* the required ones, then the optional host-memory import that lets
	 * readbacks skip their staging copy (render_readback.c) */
	const char *exts[ARRAY_SIZE(required_extensions) + 1];
	uint32_t num_exts = 0;
	VkResult res;

	for (size_t i = 0; i < ARRAY_SIZE(required_extensions); i++)
		exts[num_exts++] = required_extensions[i];
	r->has_host_import = has_extension(
		r->phys, VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME);
	if (r->has_host_import)
		exts[num_exts++] = VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME;
	dci.enabledExtensionCount = num_exts;
	dci.ppEnabledExtensionNames = exts;

	if (graphics_queue_family(r->phys, &r->queue_family))
		return render_error(r, "Vulkan device '%s' has no graphics "
				    "queue", r->name);
	qci.queueFamilyIndex = r->queue_family;
	chain_init(&q);
	vkGetPhysicalDeviceFeatures2(r->phys, &q.f2);
	/* enable only what is required (plus the optional zero divisor) */
	chain_init(&e);
	for (size_t i = 0; i < ARRAY_SIZE(required_features); i++)
		*(VkBool32 *)((char *)&e + required_features[i].offset) =
			VK_TRUE;
	e.divisor.vertexAttributeInstanceRateZeroDivisor =
		q.divisor.vertexAttributeInstanceRateZeroDivisor;
	/* optional: pipeline statistics queries when the device has them */
	e.f2.features.pipelineStatisticsQuery =
		q.f2.features.pipelineStatisticsQuery;
	r->has_pipeline_stats = q.f2.features.pipelineStatisticsQuery;
	dci.pNext = &e.f2;
	res = vkCreateDevice(r->phys, &dci, NULL, &r->dev);
	if (res != VK_SUCCESS)
		return render_error(r, "vkCreateDevice on '%s': %s", r->name,
				    render_vk_result(res));
	vkGetDeviceQueue(r->dev, r->queue_family, 0, &r->queue);
	r->bind_xfb = (PFN_vkCmdBindTransformFeedbackBuffersEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdBindTransformFeedbackBuffersEXT");
	r->begin_xfb = (PFN_vkCmdBeginTransformFeedbackEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdBeginTransformFeedbackEXT");
	r->end_xfb = (PFN_vkCmdEndTransformFeedbackEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdEndTransformFeedbackEXT");
	r->draw_byte_count = (PFN_vkCmdDrawIndirectByteCountEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdDrawIndirectByteCountEXT");
	r->begin_cond = (PFN_vkCmdBeginConditionalRenderingEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdBeginConditionalRenderingEXT");
	r->end_cond = (PFN_vkCmdEndConditionalRenderingEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdEndConditionalRenderingEXT");
	r->begin_query_indexed = (PFN_vkCmdBeginQueryIndexedEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdBeginQueryIndexedEXT");
	r->end_query_indexed = (PFN_vkCmdEndQueryIndexedEXT)
		vkGetDeviceProcAddr(r->dev, "vkCmdEndQueryIndexedEXT");
	{
		VkPhysicalDeviceTransformFeedbackPropertiesEXT xp = {
			.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TRANSFORM_FEEDBACK_PROPERTIES_EXT,
		};
		VkPhysicalDeviceProperties2 p2 = {
			.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
			.pNext = &xp,
		};

		vkGetPhysicalDeviceProperties2(r->phys, &p2);
		r->xfb_max_stride = xp.maxTransformFeedbackBufferDataStride;
	}
	if (!r->bind_xfb || !r->begin_xfb || !r->end_xfb ||
	    !r->draw_byte_count || !r->begin_query_indexed ||
	    !r->end_query_indexed || !r->begin_cond || !r->end_cond)
		return render_error(r, "Vulkan device '%s': transform feedback "
				    "or conditional rendering entry points "
				    "missing", r->name);
	return 0;
}

static int create_instance(struct svga_render *r)
{
	VkApplicationInfo app = {
		.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
		.pApplicationName = "coherent-svga",
		.pEngineName = "svga-device",
		.apiVersion = VK_API_VERSION_1_3,
	};
	VkInstanceCreateInfo ici = {
		.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
		.pApplicationInfo = &app,
	};
	VkResult res = vkCreateInstance(&ici, NULL, &r->instance);

	if (res == VK_ERROR_INCOMPATIBLE_DRIVER) {
		render_error(r, "no Vulkan driver (vkCreateInstance: %s)",
			     render_vk_result(res));
		return 1;
	}
	if (res != VK_SUCCESS)
		return render_error(r, "vkCreateInstance: %s",
				    render_vk_result(res));
	return 0;
}

static int create_sync(struct svga_render *r)
{
	VkCommandPoolCreateInfo pci = {
		.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
		.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
		.queueFamilyIndex = r->queue_family,
	};
	VkCommandBufferAllocateInfo cai = {
		.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
		.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
		.commandBufferCount = 1,
	};
	VkFenceCreateInfo fci = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };

	if (vkCreateCommandPool(r->dev, &pci, NULL, &r->cmd_pool))
		return render_error(r, "vkCreateCommandPool failed");
	cai.commandPool = r->cmd_pool;
	if (vkAllocateCommandBuffers(r->dev, &cai, &r->cmd))
		return render_error(r, "vkAllocateCommandBuffers failed");
	if (vkCreateFence(r->dev, &fci, NULL, &r->fence))
		return render_error(r, "vkCreateFence failed");
	return 0;
}

int svga_render_new(const struct svga_render_config *cfg,
		    struct svga_render **out, char *err, size_t errlen)
{
	struct svga_render *r = calloc(1, sizeof(*r));
	int ret;

	*out = NULL;
	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->max_memory = cfg && cfg->max_memory ? cfg->max_memory : UINT64_MAX;
	ret = create_instance(r);
	if (ret == 0)
		ret = choose_device(r, cfg ? cfg->device : NULL);
	if (ret == 0) {
		vkGetPhysicalDeviceProperties(r->phys, &r->props);
		vkGetPhysicalDeviceMemoryProperties(r->phys, &r->mem_props);
		snprintf(r->name, sizeof(r->name), "%s", r->props.deviceName);
		r->num_cbs = r->props.limits.maxPerStageDescriptorUniformBuffers;
		if (r->num_cbs > SVGA_RENDER_MAX_CBS)
			r->num_cbs = SVGA_RENDER_MAX_CBS;
		ret = create_device(r);
	}
	if (ret == 0)
		ret = create_sync(r);
	if (ret == 0)
		ret = render_descriptors_init(r);
	if (ret == 0)
		ret = render_zero_vb_init(r);
	if (ret == 0)
		ret = render_pipeline_cache_init(r, cfg ? cfg->max_pipelines : 0);
	if (ret == 0)
		render_readback_init(r, r->has_host_import,
				     cfg && cfg->no_host_import);
	if (ret != 0) {
		snprintf(err, errlen, "%s", r->err);
		svga_render_free(r);
		return ret;
	}
	*out = r;
	return 0;
}

void svga_render_free(struct svga_render *r)
{
	if (!r)
		return;
	if (r->dev) {
		svga_render_flush(r);
		vkDeviceWaitIdle(r->dev);
		render_readback_staging_release(r);
		if (r->zero_vb)
			svga_render_buffer_free(r, r->zero_vb);
		render_pipeline_cache_fini(r);
		render_descriptors_fini(r);
		if (r->fence)
			vkDestroyFence(r->dev, r->fence, NULL);
		if (r->cmd_pool)
			vkDestroyCommandPool(r->dev, r->cmd_pool, NULL);
		free(r->dead_pipelines);
		free(r->dead_views);
		vkDestroyDevice(r->dev, NULL);
	}
	if (r->instance)
		vkDestroyInstance(r->instance, NULL);
	free(r);
}

const char *svga_render_device_name(const struct svga_render *r)
{
	return r->name;
}

const char *svga_render_last_error(const struct svga_render *r)
{
	return r->err;
}

void svga_render_set_phase_clock(struct svga_render *r,
				 struct svga_phase_clock *pc)
{
	r->phases = pc;
}

void svga_render_get_stats(const struct svga_render *r,
			   struct svga_render_stats *st)
{
	*st = r->stats;
	st->memory_used = r->memory_used;
	st->kept_staging_bytes = r->kept_staging ? r->kept_staging->size : 0;
	st->pipelines_cached = r->num_pipelines;
}
