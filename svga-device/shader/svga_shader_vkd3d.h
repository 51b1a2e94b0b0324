/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DXBC (from svga_shader_translate) to SPIR-V through vkd3d-shader 1.14.
 * Built only when meson finds vkd3d-shader; the translator itself does not
 * need it.
 */
#ifndef SVGA_SHADER_VKD3D_H
#define SVGA_SHADER_VKD3D_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vkd3d_shader.h>

#include "svga_shader_error.h"

/*
 * Compiles for a Vulkan 1.0 environment, entry point "main".  `iface`
 * (may be NULL) maps the shader's registers to descriptor bindings; it is
 * chained as given, its `next` must be NULL.  `features` are vkd3d's
 * VKD3D_SHADER_COMPILE_OPTION_FEATURE_* flags the Vulkan device supports
 * (FLOAT64 for shaderFloat64, INT64 for shaderInt64): without FLOAT64 a
 * shader using doubles fails to compile.  On success *spirv is a
 * malloc'ed copy of the module (free with free()).  On failure err holds
 * vkd3d's first message.
 */
int svga_shader_compile_spirv(const void *dxbc, size_t size,
			      const struct vkd3d_shader_interface_info *iface, uint32_t features,
			      void **spirv, size_t *spirv_size, struct svga_sh_error *err);

/*
 * The same, for a pixel shader whose render target 0 blends with
 * dual-source factors when `dual_source` is set: SV_Target0 and
 * SV_Target1 (D3D10.1's o0 and o1, the two blend sources) become
 * Location 0 Index 0 and Location 0 Index 1, which is where Vulkan's
 * SRC1 blend factors read the second source.  Without it o1 is an
 * ordinary Location 1 output and the blend's second source is undefined.
 */
int svga_shader_compile_spirv_blend(const void *dxbc, size_t size,
				    const struct vkd3d_shader_interface_info *iface,
				    uint32_t features, bool dual_source,
				    void **spirv, size_t *spirv_size, struct svga_sh_error *err);

#endif
