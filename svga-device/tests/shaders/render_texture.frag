// SPDX-License-Identifier: MIT
// Test pixel shader: texture (SRV slot 0, sampler slot 0) times a tint from
// constant buffer slot 0, at the renderer's bindings (set 2 = pixel stage;
// binding 0 = CB 0, 16 = sampler 0, 32 = SRV 0; see svga_render.h).
#version 450
layout(set = 2, binding = 0) uniform CB0 { vec4 tint; };
layout(set = 2, binding = 16) uniform sampler s0;
layout(set = 2, binding = 32) uniform texture2D t0;
layout(location = 0) in vec4 v_color;
layout(location = 0) out vec4 o_color;
void main()
{
	o_color = texture(sampler2D(t0, s0), v_color.xy) * tint;
}
