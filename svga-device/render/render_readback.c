// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: where a readback's GPU copy lands.
 *
 * A readback copies an image or buffer to host storage and waits for it.
 * Two destinations, cheapest first:
 *
 * - Host storage itself, imported for that one copy with
 *   VK_EXT_external_memory_host (lavapipe has it): the GPU copy writes the
 *   guest-visible bytes directly, with no staging buffer and no CPU copy
 *   out of one.  The import covers the whole pages around the bytes
 *   (the device's import alignment); the copy writes only the bytes of its
 *   region, so the rest of those pages is never touched.  Imported memory
 *   is not device memory and is not charged to the budget (host storage
 *   is bounded by the core).
 * - A staging buffer.  The renderer keeps one between readbacks (grown
 *   when a readback needs more, never beyond RENDER_MAX_KEPT_STAGING;
 *   larger readbacks get a buffer of their own, freed after them), so a
 *   display reading every frame neither allocates nor frees, and the
 *   pages lavapipe writes are already mapped.  It is charged to the
 *   budget like any staging buffer; render_alloc() releases it when the
 *   budget is short, and svga_render_free() releases it.
 */
#include "render_int.h"

#include <stdlib.h>

static void import_init(struct svga_render *r)
{
	VkPhysicalDeviceExternalMemoryHostPropertiesEXT hp = {
		.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT,
	};
	VkPhysicalDeviceProperties2 p2 = {
		.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
		.pNext = &hp,
	};

	vkGetPhysicalDeviceProperties2(r->phys, &p2);
	r->host_ptr_props = (PFN_vkGetMemoryHostPointerPropertiesEXT)
		vkGetDeviceProcAddr(r->dev,
				    "vkGetMemoryHostPointerPropertiesEXT");
	/* the alignment must be a power of two for the page arithmetic */
	if (!r->host_ptr_props || !hp.minImportedHostPointerAlignment ||
	    (hp.minImportedHostPointerAlignment &
	     (hp.minImportedHostPointerAlignment - 1)))
		return;
	r->import_align = hp.minImportedHostPointerAlignment;
}

void render_readback_init(struct svga_render *r, bool has_host_import,
			  bool no_host_import)
{
	r->import_align = 0;
	if (has_host_import && !no_host_import)
		import_init(r);
}

int render_host_import(struct svga_render *r, void *ptr, uint64_t size,
		       uint32_t offset_align, struct render_import *out)
{
	const VkExternalMemoryHandleTypeFlagBits type =
		VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;
	uint64_t a = r->import_align;
	uintptr_t base = (uintptr_t)ptr & ~(uintptr_t)(a - 1);
	uint64_t len;
	VkMemoryHostPointerPropertiesEXT hp = {
		.sType = VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT,
	};
	VkExternalMemoryBufferCreateInfo ebci = {
		.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO,
		.handleTypes = type,
	};
	VkBufferCreateInfo bci = {
		.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
		.pNext = &ebci,
		.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
			 VK_BUFFER_USAGE_TRANSFER_DST_BIT,
	};
	VkImportMemoryHostPointerInfoEXT imp = {
		.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT,
		.handleType = type,
		.pHostPointer = (void *)base,
	};
	VkMemoryAllocateInfo mai = {
		.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
		.pNext = &imp,
	};
	VkMemoryRequirements req;
	uint32_t bits;

	/* every failure here only means "stage instead": no error */
	if (!a || !size || ((uintptr_t)ptr - base) % offset_align)
		return 1;
	len = ((uintptr_t)ptr - base + size + a - 1) & ~(a - 1);
	if (r->host_ptr_props(r->dev, type, (void *)base, &hp) != VK_SUCCESS)
		return 1;
	bci.size = len;
	if (vkCreateBuffer(r->dev, &bci, NULL, &out->buf) != VK_SUCCESS)
		return 1;
	vkGetBufferMemoryRequirements(r->dev, out->buf, &req);
	bits = req.memoryTypeBits & hp.memoryTypeBits;
	if (!bits || req.size > len)
		goto no_import;
	mai.allocationSize = len;
	mai.memoryTypeIndex = (uint32_t)__builtin_ctz(bits);
	if (vkAllocateMemory(r->dev, &mai, NULL, &out->mem) != VK_SUCCESS)
		goto no_import;
	if (vkBindBufferMemory(r->dev, out->buf, out->mem, 0) != VK_SUCCESS) {
		vkFreeMemory(r->dev, out->mem, NULL);
		goto no_import;
	}
	out->offset = (uintptr_t)ptr - base;
	r->stats.readback_imports++;
	return 0;
no_import:
	vkDestroyBuffer(r->dev, out->buf, NULL);
	return 1;
}

void render_host_import_free(struct svga_render *r, struct render_import *im)
{
	vkDestroyBuffer(r->dev, im->buf, NULL);
	vkFreeMemory(r->dev, im->mem, NULL);
}

void render_readback_staging_release(struct svga_render *r)
{
	if (!r->kept_staging || r->kept_staging_busy)
		return;
	render_staging_free(r, r->kept_staging);
	r->kept_staging = NULL;
}

int render_readback_staging_get(struct svga_render *r, uint64_t size,
				struct render_staging **out)
{
	if (size > RENDER_MAX_KEPT_STAGING)
		return render_staging_new(r, size, true, out);
	/* grow only: a smaller readback uses the start of the kept one */
	if (r->kept_staging && r->kept_staging->size < size)
		render_readback_staging_release(r);
	if (!r->kept_staging &&
	    render_staging_new(r, size, true, &r->kept_staging)) {
		r->kept_staging = NULL;
		return -1;
	}
	r->kept_staging_busy = true;
	*out = r->kept_staging;
	return 0;
}

void render_readback_staging_put(struct svga_render *r,
				 struct render_staging *s)
{
	if (s == r->kept_staging) {
		r->kept_staging_busy = false;
		return;
	}
	render_staging_free(r, s);
}
