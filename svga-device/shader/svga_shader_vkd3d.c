// SPDX-License-Identifier: GPL-2.0-or-later
#include "svga_shader_vkd3d.h"

#include <stdlib.h>
#include <string.h>

/*
 * vkd3d-common's debug code reads the name of its debug environment
 * variable from this symbol, which each vkd3d library defines for itself;
 * the copy of vkd3d-shader bundled in wine's source leaves it to the
 * embedding program.  Weak, so a library that does define it wins.
 */
__attribute__((weak)) const char *const vkd3d_dbg_env_name = "VKD3D_SHADER_DEBUG";

int svga_shader_compile_spirv(const void *dxbc, size_t size,
			      const struct vkd3d_shader_interface_info *iface, uint32_t features,
			      void **spirv, size_t *spirv_size, struct svga_sh_error *err)
{
	return svga_shader_compile_spirv_blend(dxbc, size, iface, features, false,
					       spirv, spirv_size, err);
}

int svga_shader_compile_spirv_blend(const void *dxbc, size_t size,
				    const struct vkd3d_shader_interface_info *iface,
				    uint32_t features, bool dual_source,
				    void **spirv, size_t *spirv_size, struct svga_sh_error *err)
{
	/* Pin the API version so a newer library keeps 1.14's behaviour. */
	const struct vkd3d_shader_compile_option options[] = {
		{ VKD3D_SHADER_COMPILE_OPTION_API_VERSION, VKD3D_SHADER_API_VERSION_1_14 },
		{ VKD3D_SHADER_COMPILE_OPTION_FEATURE, features },
	};
	struct vkd3d_shader_spirv_target_info target = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_SPIRV_TARGET_INFO,
		.next = iface,
		.entry_point = "main",
		.environment = VKD3D_SHADER_SPIRV_ENVIRONMENT_VULKAN_1_0,
		/* D3D's o1 is the second blend source: Location 0 Index 1 */
		.dual_source_blending = dual_source,
	};
	struct vkd3d_shader_compile_info info = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_COMPILE_INFO,
		.next = &target,
		.source = { dxbc, size },
		.source_type = VKD3D_SHADER_SOURCE_DXBC_TPF,
		.target_type = VKD3D_SHADER_TARGET_SPIRV_BINARY,
		.options = options,
		.option_count = sizeof(options) / sizeof(options[0]),
		.log_level = VKD3D_SHADER_LOG_ERROR,
		.source_name = "vgpu10",
	};
	struct vkd3d_shader_code out = { 0 };
	char *messages = NULL;
	int ret;

	*spirv = NULL;
	*spirv_size = 0;
	ret = vkd3d_shader_compile(&info, &out, &messages);
	if (ret < 0) {
		const char *m = messages ? messages : "";
		size_t len = strcspn(m, "\n");

		svga_sh_fail(err, 0, "vkd3d-shader error %d: %.*s", ret, (int)(len > 160 ? 160 : len), m);
		vkd3d_shader_free_messages(messages);
		return -1;
	}
	vkd3d_shader_free_messages(messages);
	*spirv = malloc(out.size ? out.size : 1);
	if (!*spirv) {
		vkd3d_shader_free_shader_code(&out);
		return svga_sh_fail(err, 0, "out of memory for SPIR-V");
	}
	memcpy(*spirv, out.code, out.size);
	*spirv_size = out.size;
	vkd3d_shader_free_shader_code(&out);
	return 0;
}
