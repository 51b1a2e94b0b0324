// SPDX-License-Identifier: MIT
// Test pixel shader for dual-source blending: source 1 is a constant.
#version 450
layout(location = 0) in vec4 v_color;
layout(location = 0, index = 0) out vec4 o_color0;
layout(location = 0, index = 1) out vec4 o_color1;
void main()
{
	o_color0 = v_color;
	o_color1 = vec4(0.5, 0.25, 1.0, 0.0);
}
