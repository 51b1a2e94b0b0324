// SPDX-License-Identifier: MIT
// Test geometry shader: passes triangles through, moved by a constant
// buffer's offset (GS stage: set 1, constant buffer slot 0 = binding 0).
#version 450
layout(triangles) in;
layout(triangle_strip, max_vertices = 3) out;
layout(set = 1, binding = 0) uniform CB0 { vec4 shift; };
layout(location = 0) in vec4 v_color_in[];
layout(location = 0) out vec4 v_color;
void main()
{
	for (int i = 0; i < 3; i++) {
		v_color = v_color_in[i];
		gl_Position = gl_in[i].gl_Position + shift;
		EmitVertex();
	}
	EndPrimitive();
}
