// SPDX-License-Identifier: MIT
// Test vertex shader for stream output: captures (pos, 1) to buffer 0.
#version 450
layout(location = 0) in vec3 pos;
layout(location = 0, xfb_buffer = 0, xfb_offset = 0, xfb_stride = 16) out vec4 captured;
void main()
{
	captured = vec4(pos, 1.0);
	gl_Position = vec4(pos, 1.0);
}
