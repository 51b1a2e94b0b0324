/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Vulkan compute runner for host tests (see vk_compute.h). */
#include "vk_compute.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vulkan/vulkan.h>

#define VKC_MAX_BUFFERS 8

struct vk_compute {
	VkInstance instance;
	VkPhysicalDevice physical;
	VkDevice device;
	VkQueue queue;
	uint32_t queue_family;
	VkPhysicalDeviceMemoryProperties memory;
	char name[VK_MAX_PHYSICAL_DEVICE_NAME_SIZE];
	bool has_texture;                   /* vk_compute_bind_texture */
	struct vk_compute_texture texture;
};

#define VKC_MAX_LEVELS 15

static void fail(char *err, size_t err_size, const char *fmt, ...)
{
	va_list ap;

	if (!err || !err_size)
		return;
	va_start(ap, fmt);
	vsnprintf(err, err_size, fmt, ap);
	va_end(ap);
}

static int pick_device(struct vk_compute *vc, char *err, size_t err_size)
{
	const char *want = getenv("VK_COMPUTE_DEVICE");
	VkPhysicalDevice devices[16];
	uint32_t n = 16;
	VkResult r;

	r = vkEnumeratePhysicalDevices(vc->instance, &n, devices);
	if ((r != VK_SUCCESS && r != VK_INCOMPLETE) || !n) {
		fail(err, err_size, "no Vulkan physical device (vkEnumeratePhysicalDevices %d, %u devices); "
		     "install mesa-vulkan-drivers for lavapipe", r, n);
		return -1;
	}
	for (uint32_t i = 0; i < n; i++) {
		VkPhysicalDeviceProperties props;

		vkGetPhysicalDeviceProperties(devices[i], &props);
		if (want && !strstr(props.deviceName, want))
			continue;
		vc->physical = devices[i];
		snprintf(vc->name, sizeof(vc->name), "%s", props.deviceName);
		return 0;
	}
	fail(err, err_size, "no Vulkan device named like VK_COMPUTE_DEVICE=%s", want);
	return -1;
}

static int pick_queue(struct vk_compute *vc, char *err, size_t err_size)
{
	VkQueueFamilyProperties families[16];
	uint32_t n = 16;

	vkGetPhysicalDeviceQueueFamilyProperties(vc->physical, &n, families);
	for (uint32_t i = 0; i < n; i++) {
		if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
			vc->queue_family = i;
			return 0;
		}
	}
	fail(err, err_size, "%s has no compute queue", vc->name);
	return -1;
}

struct vk_compute *vk_compute_open(char *err, size_t err_size)
{
	const VkApplicationInfo app = {
		.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
		.pApplicationName = "coherent-svga vk_compute",
		.apiVersion = VK_API_VERSION_1_1,
	};
	const VkInstanceCreateInfo instance_info = {
		.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
		.pApplicationInfo = &app,
	};
	const float priority = 1.0f;
	VkDeviceQueueCreateInfo queue_info = {
		.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
		.queueCount = 1,
		.pQueuePriorities = &priority,
	};
	VkDeviceCreateInfo device_info = {
		.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
		.queueCreateInfoCount = 1,
		.pQueueCreateInfos = &queue_info,
	};
	struct vk_compute *vc = calloc(1, sizeof(*vc));
	VkPhysicalDeviceFeatures features;
	VkResult r;

	if (!vc) {
		fail(err, err_size, "out of memory");
		return NULL;
	}
	r = vkCreateInstance(&instance_info, NULL, &vc->instance);
	if (r != VK_SUCCESS) {
		fail(err, err_size, "vkCreateInstance failed (%d): is libvulkan1 installed?", r);
		free(vc);
		return NULL;
	}
	if (pick_device(vc, err, err_size) || pick_queue(vc, err, err_size))
		goto fail;
	queue_info.queueFamilyIndex = vc->queue_family;
	/* Tests use what the device has (geometry shaders, stores from
	 * fragment shaders, float64): enable every supported feature. */
	vkGetPhysicalDeviceFeatures(vc->physical, &features);
	device_info.pEnabledFeatures = &features;
	r = vkCreateDevice(vc->physical, &device_info, NULL, &vc->device);
	if (r != VK_SUCCESS) {
		fail(err, err_size, "vkCreateDevice on %s failed (%d)", vc->name, r);
		goto fail;
	}
	vkGetDeviceQueue(vc->device, vc->queue_family, 0, &vc->queue);
	vkGetPhysicalDeviceMemoryProperties(vc->physical, &vc->memory);
	return vc;
fail:
	vkDestroyInstance(vc->instance, NULL);
	free(vc);
	return NULL;
}

void vk_compute_close(struct vk_compute *vc)
{
	if (!vc)
		return;
	if (vc->device)
		vkDestroyDevice(vc->device, NULL);
	vkDestroyInstance(vc->instance, NULL);
	free(vc);
}

const char *vk_compute_device_name(const struct vk_compute *vc)
{
	return vc->name;
}

/* Everything one run creates, destroyed together. */
struct run {
	VkBuffer buffer[VKC_MAX_BUFFERS];
	VkDeviceMemory memory[VKC_MAX_BUFFERS];
	void *map[VKC_MAX_BUFFERS];
	VkShaderModule module;
	VkShaderModule stage_module[3];     /* vertex, geometry, fragment */
	VkRenderPass render_pass;
	VkFramebuffer framebuffer;
	VkDescriptorSetLayout set_layout;
	VkPipelineLayout layout;
	VkPipeline pipeline;
	VkDescriptorPool pool;
	VkCommandPool cmd_pool;
	VkFence fence;
	/* The bound texture: texels staged in a buffer, copied before the work. */
	VkBuffer staging;
	VkDeviceMemory staging_memory;
	VkImage image;
	VkDeviceMemory image_memory;
	VkImageView view;
	VkSampler sampler;
	/* a multisampled texture: the pass that draws its samples */
	VkRenderPass fill_pass;
	VkFramebuffer fill_fb;
	VkPipelineLayout fill_layout;
	VkPipeline fill_pipeline;
	VkShaderModule fill_module[2];
};

static void run_destroy(struct vk_compute *vc, struct run *run)
{
	VkDevice d = vc->device;

	vkDestroyFence(d, run->fence, NULL);
	vkDestroyCommandPool(d, run->cmd_pool, NULL);
	vkDestroyDescriptorPool(d, run->pool, NULL);
	vkDestroyPipeline(d, run->pipeline, NULL);
	vkDestroyPipelineLayout(d, run->layout, NULL);
	vkDestroyDescriptorSetLayout(d, run->set_layout, NULL);
	vkDestroyShaderModule(d, run->module, NULL);
	for (unsigned i = 0; i < 3; i++)
		vkDestroyShaderModule(d, run->stage_module[i], NULL);
	vkDestroyFramebuffer(d, run->framebuffer, NULL);
	vkDestroySampler(d, run->sampler, NULL);
	vkDestroyImageView(d, run->view, NULL);
	vkDestroyImage(d, run->image, NULL);
	if (run->image_memory)
		vkFreeMemory(d, run->image_memory, NULL);
	vkDestroyBuffer(d, run->staging, NULL);
	if (run->staging_memory)
		vkFreeMemory(d, run->staging_memory, NULL);
	vkDestroyRenderPass(d, run->render_pass, NULL);
	vkDestroyPipeline(d, run->fill_pipeline, NULL);
	vkDestroyPipelineLayout(d, run->fill_layout, NULL);
	vkDestroyFramebuffer(d, run->fill_fb, NULL);
	vkDestroyRenderPass(d, run->fill_pass, NULL);
	for (unsigned i = 0; i < 2; i++)
		vkDestroyShaderModule(d, run->fill_module[i], NULL);
	for (unsigned i = 0; i < VKC_MAX_BUFFERS; i++) {
		vkDestroyBuffer(d, run->buffer[i], NULL);
		if (run->memory[i])
			vkFreeMemory(d, run->memory[i], NULL);
	}
}

static int host_memory_type(const struct vk_compute *vc, uint32_t allowed)
{
	const VkMemoryPropertyFlags want = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
					   VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;

	for (uint32_t i = 0; i < vc->memory.memoryTypeCount; i++)
		if ((allowed & (1u << i)) && (vc->memory.memoryTypes[i].propertyFlags & want) == want)
			return (int)i;
	return -1;
}

/* A host-visible buffer holding a copy of b's data. */
static int make_host_buffer(struct vk_compute *vc, VkBufferUsageFlags usage,
			    const struct vk_compute_buffer *b, VkBuffer *buffer,
			    VkDeviceMemory *memory, void **map, char *err, size_t err_size)
{
	const VkBufferCreateInfo info = {
		.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
		.size = b->size,
		.usage = usage,
		.sharingMode = VK_SHARING_MODE_EXCLUSIVE,
	};
	VkMemoryRequirements req;
	VkMemoryAllocateInfo alloc = { .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO };
	int type;

	if (vkCreateBuffer(vc->device, &info, NULL, buffer) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateBuffer(%zu bytes) failed", b->size);
		return -1;
	}
	vkGetBufferMemoryRequirements(vc->device, *buffer, &req);
	type = host_memory_type(vc, req.memoryTypeBits);
	if (type < 0) {
		fail(err, err_size, "%s has no host-visible coherent memory for buffers", vc->name);
		return -1;
	}
	alloc.allocationSize = req.size;
	alloc.memoryTypeIndex = (uint32_t)type;
	if (vkAllocateMemory(vc->device, &alloc, NULL, memory) != VK_SUCCESS ||
	    vkBindBufferMemory(vc->device, *buffer, *memory, 0) != VK_SUCCESS ||
	    vkMapMemory(vc->device, *memory, 0, VK_WHOLE_SIZE, 0, map) != VK_SUCCESS) {
		fail(err, err_size, "allocating, binding or mapping %zu bytes failed", b->size);
		return -1;
	}
	memcpy(*map, b->data, b->size);
	return 0;
}

static int make_buffer(struct vk_compute *vc, struct run *run, unsigned i,
		       const struct vk_compute_buffer *b, char *err, size_t err_size)
{
	return make_host_buffer(vc, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, b, &run->buffer[i],
				&run->memory[i], &run->map[i], err, err_size);
}

void vk_compute_bind_texture(struct vk_compute *vc, const struct vk_compute_texture *tex)
{
	vc->has_texture = tex != NULL;
	if (tex)
		vc->texture = *tex;
}

static uint32_t level_extent(uint32_t size, uint32_t level)
{
	return size >> level ? size >> level : 1;
}

/* Bytes of all levels' texels, 0 for a texture vk_compute does not take. */
static size_t texture_bytes(const struct vk_compute_texture *t)
{
	size_t texel = t->depth ? 4 : 16, total = 0;

	if (t->samples > 1)
		return t->samples == 4 && !t->depth && t->levels == 1 && t->width && t->height &&
		       t->width <= 4096 && t->height <= 4096 && t->fill_vs.code && t->fill_fs.code ?
		       texel * t->width * t->height * t->samples : 0;
	if (!t->texels || !t->width || !t->height || !t->levels || t->levels > VKC_MAX_LEVELS ||
	    t->width > 4096 || t->height > 4096 || (t->width >> (t->levels - 1) == 0 &&
						     t->height >> (t->levels - 1) == 0))
		return 0;
	for (uint32_t k = 0; k < t->levels; k++)
		total += texel * level_extent(t->width, k) * level_extent(t->height, k);
	return total;
}

static int any_memory_type(const struct vk_compute *vc, uint32_t allowed)
{
	for (uint32_t i = 0; i < vc->memory.memoryTypeCount; i++)
		if (allowed & (1u << i))
			return (int)i;
	return -1;
}

static int make_module(struct vk_compute *vc, const void *code, size_t size, VkShaderModule *module,
		       char *err, size_t err_size);

/* The 4-sample image's render pass, framebuffer and fill pipeline:
 * every sample written (sample-rate shading), then read by shaders. */
static int make_fill_pass(struct vk_compute *vc, struct run *run, char *err, size_t err_size)
{
	const struct vk_compute_texture *t = &vc->texture;
	const VkAttachmentDescription att = {
		.format = VK_FORMAT_R32G32B32A32_SFLOAT,
		.samples = VK_SAMPLE_COUNT_4_BIT,
		.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
		.storeOp = VK_ATTACHMENT_STORE_OP_STORE,
		.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE,
		.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE,
		.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
		.finalLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
	};
	const VkAttachmentReference ref = { 0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL };
	const VkSubpassDescription subpass = {
		.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS,
		.colorAttachmentCount = 1,
		.pColorAttachments = &ref,
	};
	const VkRenderPassCreateInfo pass_info = {
		.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO,
		.attachmentCount = 1,
		.pAttachments = &att,
		.subpassCount = 1,
		.pSubpasses = &subpass,
	};
	VkFramebufferCreateInfo fb_info = {
		.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO,
		.attachmentCount = 1,
		.pAttachments = &run->view,
		.width = t->width,
		.height = t->height,
		.layers = 1,
	};
	const VkPipelineLayoutCreateInfo layout_info = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
	};
	const VkPipelineVertexInputStateCreateInfo vertex_input = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
	};
	const VkPipelineInputAssemblyStateCreateInfo assembly = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
		.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST,
	};
	const VkViewport viewport = { 0, 0, (float)t->width, (float)t->height, 0, 1 };
	const VkRect2D scissor = { { 0, 0 }, { t->width, t->height } };
	const VkPipelineViewportStateCreateInfo viewport_state = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO,
		.viewportCount = 1,
		.pViewports = &viewport,
		.scissorCount = 1,
		.pScissors = &scissor,
	};
	const VkPipelineRasterizationStateCreateInfo raster = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
		.polygonMode = VK_POLYGON_MODE_FILL,
		.cullMode = VK_CULL_MODE_NONE,
		.lineWidth = 1.0f,
	};
	const VkPipelineMultisampleStateCreateInfo multisample = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO,
		.rasterizationSamples = VK_SAMPLE_COUNT_4_BIT,
		.sampleShadingEnable = VK_TRUE,
		.minSampleShading = 1.0f,
	};
	const VkPipelineColorBlendAttachmentState blend_att = {
		.colorWriteMask = 0xf,
	};
	const VkPipelineColorBlendStateCreateInfo blend = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO,
		.attachmentCount = 1,
		.pAttachments = &blend_att,
	};
	VkPipelineShaderStageCreateInfo stages[2];
	VkGraphicsPipelineCreateInfo info = {
		.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
		.stageCount = 2,
		.pStages = stages,
		.pVertexInputState = &vertex_input,
		.pInputAssemblyState = &assembly,
		.pViewportState = &viewport_state,
		.pRasterizationState = &raster,
		.pMultisampleState = &multisample,
		.pColorBlendState = &blend,
	};
	const struct vk_compute_shader *code[2] = { &t->fill_vs, &t->fill_fs };

	for (unsigned i = 0; i < 2; i++) {
		if (make_module(vc, code[i]->code, code[i]->size, &run->fill_module[i], err, err_size))
			return -1;
		stages[i] = (VkPipelineShaderStageCreateInfo){
			.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
			.stage = i ? VK_SHADER_STAGE_FRAGMENT_BIT : VK_SHADER_STAGE_VERTEX_BIT,
			.module = run->fill_module[i],
			.pName = "main",
		};
	}
	if (vkCreateRenderPass(vc->device, &pass_info, NULL, &run->fill_pass) != VK_SUCCESS ||
	    vkCreatePipelineLayout(vc->device, &layout_info, NULL, &run->fill_layout) != VK_SUCCESS) {
		fail(err, err_size, "the multisampled texture's render pass or layout failed");
		return -1;
	}
	fb_info.renderPass = run->fill_pass;
	info.layout = run->fill_layout;
	info.renderPass = run->fill_pass;
	if (vkCreateFramebuffer(vc->device, &fb_info, NULL, &run->fill_fb) != VK_SUCCESS ||
	    vkCreateGraphicsPipelines(vc->device, VK_NULL_HANDLE, 1, &info, NULL,
				      &run->fill_pipeline) != VK_SUCCESS) {
		fail(err, err_size, "the multisampled texture's framebuffer or fill pipeline failed");
		return -1;
	}
	return 0;
}

/* A 4-sample RGBA32F image (sampled, drawn into), its view and sampler. */
static int make_ms_texture(struct vk_compute *vc, struct run *run, char *err, size_t err_size)
{
	const struct vk_compute_texture *t = &vc->texture;
	const VkImageCreateInfo image_info = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
		.imageType = VK_IMAGE_TYPE_2D,
		.format = VK_FORMAT_R32G32B32A32_SFLOAT,
		.extent = { t->width, t->height, 1 },
		.mipLevels = 1,
		.arrayLayers = 1,
		.samples = VK_SAMPLE_COUNT_4_BIT,
		.tiling = VK_IMAGE_TILING_OPTIMAL,
		.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT,
		.sharingMode = VK_SHARING_MODE_EXCLUSIVE,
		.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
	};
	VkImageViewCreateInfo view_info = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
		.viewType = VK_IMAGE_VIEW_TYPE_2D,
		.format = VK_FORMAT_R32G32B32A32_SFLOAT,
		.subresourceRange = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1 },
	};
	const VkSamplerCreateInfo sampler_info = {
		.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
		.magFilter = VK_FILTER_NEAREST,
		.minFilter = VK_FILTER_NEAREST,
		.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
	};
	VkMemoryAllocateInfo alloc = { .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO };
	VkMemoryRequirements req;
	int type;

	if (vkCreateImage(vc->device, &image_info, NULL, &run->image) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateImage(%ux%u, 4 samples) failed", t->width, t->height);
		return -1;
	}
	vkGetImageMemoryRequirements(vc->device, run->image, &req);
	type = any_memory_type(vc, req.memoryTypeBits);
	alloc.allocationSize = req.size;
	alloc.memoryTypeIndex = (uint32_t)type;
	if (type < 0 || vkAllocateMemory(vc->device, &alloc, NULL, &run->image_memory) != VK_SUCCESS ||
	    vkBindImageMemory(vc->device, run->image, run->image_memory, 0) != VK_SUCCESS) {
		fail(err, err_size, "allocating or binding the image's memory failed");
		return -1;
	}
	view_info.image = run->image;
	if (vkCreateImageView(vc->device, &view_info, NULL, &run->view) != VK_SUCCESS ||
	    vkCreateSampler(vc->device, &sampler_info, NULL, &run->sampler) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateImageView or vkCreateSampler failed");
		return -1;
	}
	return make_fill_pass(vc, run, err, err_size);
}

/* Draws the multisampled texture's samples; leaves it for sampling. */
static void record_ms_fill(struct vk_compute *vc, struct run *run, VkCommandBuffer cmd)
{
	const struct vk_compute_texture *t = &vc->texture;
	const VkClearValue clear = { .color = { .float32 = { -1, -1, -1, -1 } } };
	const VkRenderPassBeginInfo pass = {
		.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO,
		.renderPass = run->fill_pass,
		.framebuffer = run->fill_fb,
		.renderArea = { { 0, 0 }, { t->width, t->height } },
		.clearValueCount = 1,
		.pClearValues = &clear,
	};
	const VkMemoryBarrier barrier = {
		.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
		.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
		.dstAccessMask = VK_ACCESS_SHADER_READ_BIT,
	};

	vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);
	vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, run->fill_pipeline);
	vkCmdDraw(cmd, 3, 1, 0, 0);
	vkCmdEndRenderPass(cmd);
	vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
			     VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 1, &barrier, 0, NULL, 0, NULL);
}

/* The image, its view and sampler, and the staging buffer with the texels. */
static int make_texture(struct vk_compute *vc, struct run *run, char *err, size_t err_size)
{
	const struct vk_compute_texture *t = &vc->texture;
	const VkFormat format = t->depth ? VK_FORMAT_D32_SFLOAT : VK_FORMAT_R32G32B32A32_SFLOAT;
	const VkFilter filter = t->linear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
	const size_t bytes = texture_bytes(t);
	const struct vk_compute_buffer staged = { (void *)t->texels, bytes };
	const VkImageCreateInfo image_info = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
		.imageType = VK_IMAGE_TYPE_2D,
		.format = format,
		.extent = { t->width, t->height, 1 },
		.mipLevels = t->levels,
		.arrayLayers = 1,
		.samples = VK_SAMPLE_COUNT_1_BIT,
		.tiling = VK_IMAGE_TILING_OPTIMAL,
		.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
		.sharingMode = VK_SHARING_MODE_EXCLUSIVE,
		.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
	};
	VkImageViewCreateInfo view_info = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
		.viewType = VK_IMAGE_VIEW_TYPE_2D,
		.format = format,
		.subresourceRange = { t->depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT,
				      0, t->levels, 0, 1 },
	};
	const VkSamplerCreateInfo sampler_info = {
		.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
		.magFilter = filter,
		.minFilter = filter,
		.mipmapMode = t->linear ? VK_SAMPLER_MIPMAP_MODE_LINEAR : VK_SAMPLER_MIPMAP_MODE_NEAREST,
		.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
		.compareEnable = t->depth ? VK_TRUE : VK_FALSE,
		.compareOp = VK_COMPARE_OP_LESS_OR_EQUAL,
		.minLod = 0,
		.maxLod = (float)t->levels,
	};
	VkMemoryAllocateInfo alloc = { .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO };
	VkMemoryRequirements req;
	void *map;
	int type;

	if (!bytes) {
		fail(err, err_size, "bad texture (%ux%u, %u levels)", t->width, t->height, t->levels);
		return -1;
	}
	if (t->samples > 1)
		return make_ms_texture(vc, run, err, err_size);
	if (make_host_buffer(vc, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, &staged, &run->staging,
			     &run->staging_memory, &map, err, err_size))
		return -1;
	if (vkCreateImage(vc->device, &image_info, NULL, &run->image) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateImage(%ux%u, %u levels) failed", t->width, t->height, t->levels);
		return -1;
	}
	vkGetImageMemoryRequirements(vc->device, run->image, &req);
	type = any_memory_type(vc, req.memoryTypeBits);
	alloc.allocationSize = req.size;
	alloc.memoryTypeIndex = (uint32_t)type;
	if (type < 0 || vkAllocateMemory(vc->device, &alloc, NULL, &run->image_memory) != VK_SUCCESS ||
	    vkBindImageMemory(vc->device, run->image, run->image_memory, 0) != VK_SUCCESS) {
		fail(err, err_size, "allocating or binding the image's memory failed");
		return -1;
	}
	view_info.image = run->image;
	if (vkCreateImageView(vc->device, &view_info, NULL, &run->view) != VK_SUCCESS ||
	    vkCreateSampler(vc->device, &sampler_info, NULL, &run->sampler) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateImageView or vkCreateSampler failed");
		return -1;
	}
	return 0;
}

/* Copies the staged texels into every level; leaves the image for sampling. */
static void record_texture_upload(struct vk_compute *vc, struct run *run, VkCommandBuffer cmd)
{
	const struct vk_compute_texture *t = &vc->texture;
	const VkImageAspectFlags aspect = t->depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
	VkImageMemoryBarrier barrier = {
		.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
		.srcAccessMask = 0,
		.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
		.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
		.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
		.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
		.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
		.image = run->image,
		.subresourceRange = { aspect, 0, t->levels, 0, 1 },
	};
	VkBufferImageCopy copies[VKC_MAX_LEVELS];
	VkDeviceSize offset = 0;

	for (uint32_t k = 0; k < t->levels; k++) {
		const uint32_t w = level_extent(t->width, k), h = level_extent(t->height, k);

		copies[k] = (VkBufferImageCopy){
			.bufferOffset = offset,
			.imageSubresource = { aspect, k, 0, 1 },
			.imageExtent = { w, h, 1 },
		};
		offset += (VkDeviceSize)w * h * (t->depth ? 4 : 16);
	}
	vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
			     0, 0, NULL, 0, NULL, 1, &barrier);
	vkCmdCopyBufferToImage(cmd, run->staging, run->image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
			       t->levels, copies);
	barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
	barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
	barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
	barrier.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
	vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
			     0, 0, NULL, 0, NULL, 1, &barrier);
}

/* Set 0: one storage buffer per binding, then the texture's image and
 * sampler when one is bound; visible to every stage. */
static int make_layout(struct vk_compute *vc, struct run *run, unsigned count,
		       char *err, size_t err_size)
{
	VkDescriptorSetLayoutBinding bindings[VKC_MAX_BUFFERS + 2];
	const VkDescriptorSetLayoutCreateInfo set_info = {
		.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
		.bindingCount = count + (vc->has_texture ? 2 : 0),
		.pBindings = bindings,
	};
	const VkPipelineLayoutCreateInfo layout_info = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
		.setLayoutCount = 1,
		.pSetLayouts = &run->set_layout,
	};

	for (unsigned i = 0; i < count; i++)
		bindings[i] = (VkDescriptorSetLayoutBinding){
			.binding = i,
			.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
			.descriptorCount = 1,
			.stageFlags = VK_SHADER_STAGE_ALL,
		};
	/* Counted in bindingCount only when a texture is bound. */
	bindings[count] = (VkDescriptorSetLayoutBinding){
		count, VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE, 1, VK_SHADER_STAGE_ALL, NULL,
	};
	bindings[count + 1] = (VkDescriptorSetLayoutBinding){
		count + 1, VK_DESCRIPTOR_TYPE_SAMPLER, 1, VK_SHADER_STAGE_ALL, NULL,
	};
	if (vkCreateDescriptorSetLayout(vc->device, &set_info, NULL, &run->set_layout) != VK_SUCCESS ||
	    vkCreatePipelineLayout(vc->device, &layout_info, NULL, &run->layout) != VK_SUCCESS) {
		fail(err, err_size, "creating the descriptor set or pipeline layout failed");
		return -1;
	}
	return 0;
}

static int make_module(struct vk_compute *vc, const void *code, size_t size, VkShaderModule *module,
		       char *err, size_t err_size)
{
	const VkShaderModuleCreateInfo info = {
		.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
		.codeSize = size,
		.pCode = code,
	};

	if (!code || !size || size % 4 || vkCreateShaderModule(vc->device, &info, NULL, module) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateShaderModule failed (%zu bytes of SPIR-V)", size);
		return -1;
	}
	return 0;
}

static int make_compute_pipeline(struct vk_compute *vc, struct run *run, const void *spirv,
				 size_t spirv_size, const char *entry, unsigned count,
				 char *err, size_t err_size)
{
	VkComputePipelineCreateInfo pipeline_info = {
		.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
		.stage = {
			.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
			.stage = VK_SHADER_STAGE_COMPUTE_BIT,
			.pName = entry,
		},
	};
	VkResult r;

	if (make_layout(vc, run, count, err, err_size) ||
	    make_module(vc, spirv, spirv_size, &run->module, err, err_size))
		return -1;
	pipeline_info.stage.module = run->module;
	pipeline_info.layout = run->layout;
	r = vkCreateComputePipelines(vc->device, VK_NULL_HANDLE, 1, &pipeline_info, NULL, &run->pipeline);
	if (r != VK_SUCCESS) {
		fail(err, err_size, "vkCreateComputePipelines failed (%d)", r);
		return -1;
	}
	return 0;
}

/* A render pass and framebuffer without attachments, and the pipeline. */
static int make_graphics_pipeline(struct vk_compute *vc, struct run *run,
				  const struct vk_compute_shader *shaders[3], unsigned count,
				  uint32_t width, uint32_t height, char *err, size_t err_size)
{
	static const VkShaderStageFlagBits stage_bits[3] = {
		VK_SHADER_STAGE_VERTEX_BIT, VK_SHADER_STAGE_GEOMETRY_BIT, VK_SHADER_STAGE_FRAGMENT_BIT,
	};
	const VkSubpassDescription subpass = { .pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS };
	const VkRenderPassCreateInfo pass_info = {
		.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO,
		.subpassCount = 1,
		.pSubpasses = &subpass,
	};
	VkFramebufferCreateInfo fb_info = {
		.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO,
		.width = width,
		.height = height,
		.layers = 1,
	};
	const VkPipelineVertexInputStateCreateInfo vertex_input = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
	};
	const VkPipelineInputAssemblyStateCreateInfo assembly = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
		.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST,
	};
	const VkViewport viewport = { 0, 0, (float)width, (float)height, 0, 1 };
	const VkRect2D scissor = { { 0, 0 }, { width, height } };
	const VkPipelineViewportStateCreateInfo viewport_state = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO,
		.viewportCount = 1,
		.pViewports = &viewport,
		.scissorCount = 1,
		.pScissors = &scissor,
	};
	const VkPipelineRasterizationStateCreateInfo raster = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
		.polygonMode = VK_POLYGON_MODE_FILL,
		.cullMode = VK_CULL_MODE_NONE,
		.frontFace = VK_FRONT_FACE_CLOCKWISE,
		.lineWidth = 1.0f,
	};
	const VkPipelineMultisampleStateCreateInfo multisample = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO,
		.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT,
	};
	const VkPipelineColorBlendStateCreateInfo blend = {
		.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO,
	};
	VkPipelineShaderStageCreateInfo stages[3];
	VkGraphicsPipelineCreateInfo info = {
		.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
		.pStages = stages,
		.pVertexInputState = &vertex_input,
		.pInputAssemblyState = &assembly,
		.pViewportState = &viewport_state,
		.pRasterizationState = &raster,
		.pMultisampleState = &multisample,
		.pColorBlendState = &blend,
	};
	unsigned n = 0;
	VkResult r;

	if (make_layout(vc, run, count, err, err_size))
		return -1;
	for (unsigned i = 0; i < 3; i++) {
		if (!shaders[i] || !shaders[i]->code)
			continue;
		if (make_module(vc, shaders[i]->code, shaders[i]->size, &run->stage_module[i], err, err_size))
			return -1;
		stages[n++] = (VkPipelineShaderStageCreateInfo){
			.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
			.stage = stage_bits[i],
			.module = run->stage_module[i],
			.pName = "main",
		};
	}
	if (vkCreateRenderPass(vc->device, &pass_info, NULL, &run->render_pass) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateRenderPass failed");
		return -1;
	}
	fb_info.renderPass = run->render_pass;
	if (vkCreateFramebuffer(vc->device, &fb_info, NULL, &run->framebuffer) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateFramebuffer (%ux%u, no attachments) failed", width, height);
		return -1;
	}
	info.stageCount = n;
	info.layout = run->layout;
	info.renderPass = run->render_pass;
	r = vkCreateGraphicsPipelines(vc->device, VK_NULL_HANDLE, 1, &info, NULL, &run->pipeline);
	if (r != VK_SUCCESS) {
		fail(err, err_size, "vkCreateGraphicsPipelines failed (%d)", r);
		return -1;
	}
	return 0;
}

/* Dispatches gx*gy*gz groups, or (graphics) draws gx vertices in a
 * gy x gz render area; then makes the shaders' writes host-visible. */
static int record_and_submit(struct vk_compute *vc, struct run *run, unsigned count, bool graphics,
			     uint32_t gx, uint32_t gy, uint32_t gz, char *err, size_t err_size)
{
	const VkPipelineBindPoint bind_point = graphics ? VK_PIPELINE_BIND_POINT_GRAPHICS
							: VK_PIPELINE_BIND_POINT_COMPUTE;
	VkDescriptorBufferInfo infos[VKC_MAX_BUFFERS];
	VkDescriptorImageInfo image_infos[2] = {
		{ VK_NULL_HANDLE, run->view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL },
		{ run->sampler, VK_NULL_HANDLE, VK_IMAGE_LAYOUT_UNDEFINED },
	};
	VkWriteDescriptorSet writes[VKC_MAX_BUFFERS + 2];
	const VkDescriptorPoolSize pool_sizes[3] = {
		{ VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, count },
		{ VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE, 1 },
		{ VK_DESCRIPTOR_TYPE_SAMPLER, 1 },
	};
	const unsigned writes_count = count + (vc->has_texture ? 2 : 0);
	const VkDescriptorPoolCreateInfo pool_info = {
		.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
		.maxSets = 1,
		.poolSizeCount = vc->has_texture ? 3 : 1,
		.pPoolSizes = pool_sizes,
	};
	VkDescriptorSetAllocateInfo set_alloc = {
		.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
		.descriptorSetCount = 1,
		.pSetLayouts = &run->set_layout,
	};
	const VkCommandPoolCreateInfo cmd_pool_info = {
		.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
		.queueFamilyIndex = vc->queue_family,
	};
	VkCommandBufferAllocateInfo cmd_alloc = {
		.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
		.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
		.commandBufferCount = 1,
	};
	const VkCommandBufferBeginInfo begin = {
		.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
		.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
	};
	/* Shader writes must be visible to the host's reads of the maps. */
	const VkMemoryBarrier barrier = {
		.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
		.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT,
		.dstAccessMask = VK_ACCESS_HOST_READ_BIT,
	};
	const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
	VkSubmitInfo submit = { .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1 };
	VkDescriptorSet set;
	VkCommandBuffer cmd;
	VkResult r;

	if (vkCreateDescriptorPool(vc->device, &pool_info, NULL, &run->pool) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateDescriptorPool failed");
		return -1;
	}
	set_alloc.descriptorPool = run->pool;
	if (vkAllocateDescriptorSets(vc->device, &set_alloc, &set) != VK_SUCCESS) {
		fail(err, err_size, "vkAllocateDescriptorSets failed");
		return -1;
	}
	for (unsigned i = 0; i < count; i++) {
		infos[i] = (VkDescriptorBufferInfo){ run->buffer[i], 0, VK_WHOLE_SIZE };
		writes[i] = (VkWriteDescriptorSet){
			.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
			.dstSet = set,
			.dstBinding = i,
			.descriptorCount = 1,
			.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
			.pBufferInfo = &infos[i],
		};
	}
	for (unsigned i = 0; i < writes_count - count; i++)
		writes[count + i] = (VkWriteDescriptorSet){
			.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
			.dstSet = set,
			.dstBinding = count + i,
			.descriptorCount = 1,
			.descriptorType = i ? VK_DESCRIPTOR_TYPE_SAMPLER : VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE,
			.pImageInfo = &image_infos[i],
		};
	vkUpdateDescriptorSets(vc->device, writes_count, writes, 0, NULL);

	if (vkCreateCommandPool(vc->device, &cmd_pool_info, NULL, &run->cmd_pool) != VK_SUCCESS ||
	    vkCreateFence(vc->device, &fence_info, NULL, &run->fence) != VK_SUCCESS) {
		fail(err, err_size, "vkCreateCommandPool or vkCreateFence failed");
		return -1;
	}
	cmd_alloc.commandPool = run->cmd_pool;
	if (vkAllocateCommandBuffers(vc->device, &cmd_alloc, &cmd) != VK_SUCCESS) {
		fail(err, err_size, "vkAllocateCommandBuffers failed");
		return -1;
	}
	vkBeginCommandBuffer(cmd, &begin);
	if (vc->has_texture && vc->texture.samples > 1)
		record_ms_fill(vc, run, cmd);
	else if (vc->has_texture)
		record_texture_upload(vc, run, cmd);
	vkCmdBindPipeline(cmd, bind_point, run->pipeline);
	vkCmdBindDescriptorSets(cmd, bind_point, run->layout, 0, 1, &set, 0, NULL);
	if (graphics) {
		const VkRenderPassBeginInfo pass = {
			.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO,
			.renderPass = run->render_pass,
			.framebuffer = run->framebuffer,
			.renderArea = { { 0, 0 }, { gy, gz } },
		};

		vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);
		vkCmdDraw(cmd, gx, 1, 0, 0);
		vkCmdEndRenderPass(cmd);
	} else {
		vkCmdDispatch(cmd, gx, gy, gz);
	}
	vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_HOST_BIT,
			     0, 1, &barrier, 0, NULL, 0, NULL);
	if (vkEndCommandBuffer(cmd) != VK_SUCCESS) {
		fail(err, err_size, "vkEndCommandBuffer failed");
		return -1;
	}
	submit.pCommandBuffers = &cmd;
	r = vkQueueSubmit(vc->queue, 1, &submit, run->fence);
	if (r == VK_SUCCESS)
		r = vkWaitForFences(vc->device, 1, &run->fence, VK_TRUE, 10ull * 1000 * 1000 * 1000);
	if (r != VK_SUCCESS) {
		fail(err, err_size, "vkQueueSubmit or vkWaitForFences failed (%d)", r);
		return -1;
	}
	return 0;
}

int vk_compute_run(struct vk_compute *vc, const void *spirv, size_t spirv_size,
		   const char *entry, struct vk_compute_buffer *buffers, unsigned count,
		   uint32_t groups_x, uint32_t groups_y, uint32_t groups_z,
		   char *err, size_t err_size)
{
	struct run run;
	int ret = -1;

	if (!count || count > VKC_MAX_BUFFERS || !spirv || spirv_size % 4) {
		fail(err, err_size, "bad arguments (%u buffers, %zu bytes of SPIR-V)", count, spirv_size);
		return -1;
	}
	memset(&run, 0, sizeof(run));
	for (unsigned i = 0; i < count; i++)
		if (make_buffer(vc, &run, i, &buffers[i], err, err_size))
			goto out;
	if (vc->has_texture && make_texture(vc, &run, err, err_size))
		goto out;
	if (make_compute_pipeline(vc, &run, spirv, spirv_size, entry ? entry : "main", count, err, err_size) ||
	    record_and_submit(vc, &run, count, false, groups_x, groups_y, groups_z, err, err_size))
		goto out;
	for (unsigned i = 0; i < count; i++)
		memcpy(buffers[i].data, run.map[i], buffers[i].size);
	ret = 0;
out:
	run_destroy(vc, &run);
	return ret;
}

int vk_compute_draw(struct vk_compute *vc, const struct vk_compute_shader *vs,
		    const struct vk_compute_shader *gs, const struct vk_compute_shader *fs,
		    struct vk_compute_buffer *buffers, unsigned count, uint32_t vertex_count,
		    uint32_t width, uint32_t height, char *err, size_t err_size)
{
	const struct vk_compute_shader *shaders[3] = { vs, gs, fs };
	struct run run;
	int ret = -1;

	if (!count || count > VKC_MAX_BUFFERS || !vs || !fs || !width || !height) {
		fail(err, err_size, "bad arguments (%u buffers, vertex and fragment shaders needed)", count);
		return -1;
	}
	memset(&run, 0, sizeof(run));
	for (unsigned i = 0; i < count; i++)
		if (make_buffer(vc, &run, i, &buffers[i], err, err_size))
			goto out;
	if (vc->has_texture && make_texture(vc, &run, err, err_size))
		goto out;
	if (make_graphics_pipeline(vc, &run, shaders, count, width, height, err, err_size) ||
	    record_and_submit(vc, &run, count, true, vertex_count, width, height, err, err_size))
		goto out;
	for (unsigned i = 0; i < count; i++)
		memcpy(buffers[i].data, run.map[i], buffers[i].size);
	ret = 0;
out:
	run_destroy(vc, &run);
	return ret;
}
