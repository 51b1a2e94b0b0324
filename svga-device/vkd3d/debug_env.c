/* SPDX-License-Identifier: MIT */
/*
 * vkd3d-common's debug channel reads its level from the environment
 * variable this names.  Wine's single bundled library names it in
 * libs/vkd3d (VKD3D_DEBUG), which we do not build; upstream's standalone
 * libvkd3d-shader uses VKD3D_SHADER_DEBUG, and so do we.
 */
#include "vkd3d_common.h"

VKD3D_DEBUG_ENV_NAME("VKD3D_SHADER_DEBUG");
