// SPDX-License-Identifier: MIT
// Test pixel shader writing the same color to two render targets.
#version 450
layout(location = 0) in vec4 v_color;
layout(location = 0) out vec4 o_rt0;
layout(location = 1) out vec4 o_rt1;
void main()
{
	o_rt0 = v_color;
	o_rt1 = v_color;
}
