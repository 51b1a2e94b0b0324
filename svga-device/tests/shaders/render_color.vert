// SPDX-License-Identifier: MIT
// Test vertex shader: position (D3D NDC, +y up) and a color, plus a
// per-instance x offset (location 2; zero when the element is absent).
#version 450
layout(location = 0) in vec3 pos;
layout(location = 1) in vec4 color;
layout(location = 2) in float x_offset;
layout(location = 0) out vec4 v_color;
void main()
{
	v_color = color;
	gl_Position = vec4(pos.x + x_offset, pos.y, pos.z, 1.0);
}
