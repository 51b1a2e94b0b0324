#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the GL 3.3 conformance list from piglit's profiles.

The list is a deterministic sample of what GL 3.3 is made of, chosen by
rule, not by result: every test of spec/!opengl 3.0 to 3.3; a sample of
the GLSL 1.30-1.50 tests (C programs and shader_test files); and the ARB
and EXT extensions GL 3.3 core takes in, whole when small, sampled when
large.  A sample takes every k-th name of the sorted group, starting at
the first, so rerunning the script on the same piglit gives the same list.

    gl33-select.py OPENGL-NAMES SHADER-NAMES OUTDIR

writes OUTDIR/gl33-opengl.txt and OUTDIR/gl33-shader.txt: piglit runs a
test list against one profile at a time.

OPENGL-NAMES and SHADER-NAMES are the test names of piglit's opengl and
shader profiles, one a line (scripts/test.d/gl.sh shows how to read them
from the guest image).
"""
import sys

# (prefix, which profile, take every k-th); k = 1 takes the whole group
RULES = [
    ('spec@!opengl 3.0@', 'opengl', 1),
    ('spec@!opengl 3.1@', 'opengl', 1),
    ('spec@!opengl 3.2@', 'opengl', 1),
    ('spec@!opengl 3.3@', 'opengl', 1),
    ('spec@glsl-1.30@execution@', 'opengl', 24),
    ('spec@glsl-1.40@execution@', 'opengl', 16),
    ('spec@glsl-1.50@execution@', 'opengl', 16),
    ('spec@glsl-1.50@gs-', 'opengl', 1),
    ('spec@glsl-1.50@transform-feedback-', 'opengl', 1),
    ('spec@glsl-1.30@execution@built-in-functions@', 'shader', 240),
    ('spec@glsl-1.50@execution@built-in-functions@', 'shader', 240),
    ('spec@glsl-1.30@execution@interpolation@', 'shader', 30),
    ('spec@glsl-1.30@execution@clipping@', 'shader', 6),
    ('spec@glsl-1.30@execution@switch@', 'shader', 5),
    ('spec@glsl-1.50@execution@geometry@', 'shader', 4),
    ('spec@glsl-1.50@execution@variable-indexing@', 'shader', 4),
    ('spec@glsl-1.40@uniform_buffer@', 'shader', 6),
    ('spec@arb_sampler_objects@', 'opengl', 1),
    ('spec@arb_explicit_attrib_location@', 'opengl', 1),
    ('spec@arb_instanced_arrays@', 'opengl', 1),
    ('spec@arb_occlusion_query2@', 'opengl', 1),
    ('spec@arb_timer_query@', 'opengl', 1),
    ('spec@arb_texture_rgb10_a2ui@', 'opengl', 1),
    ('spec@arb_vertex_type_2_10_10_10_rev@', 'opengl', 1),
    ('spec@arb_draw_elements_base_vertex@', 'opengl', 1),
    ('spec@arb_provoking_vertex@', 'opengl', 1),
    ('spec@arb_seamless_cube_map@', 'opengl', 1),
    ('spec@arb_depth_clamp@', 'opengl', 1),
    ('spec@arb_vertex_array_object@', 'opengl', 1),
    ('spec@arb_draw_instanced@', 'opengl', 1),
    ('spec@arb_sync@', 'opengl', 3),
    ('spec@arb_map_buffer_range@', 'opengl', 3),
    ('spec@arb_copy_buffer@', 'opengl', 3),
    ('spec@arb_blend_func_extended@', 'opengl', 4),
    ('spec@arb_shader_bit_encoding@', 'shader', 6),
    ('spec@arb_uniform_buffer_object@', 'opengl', 8),
    ('spec@arb_texture_buffer_object@', 'opengl', 4),
    ('spec@arb_framebuffer_object@', 'opengl', 16),
    ('spec@arb_texture_rg@', 'opengl', 16),
    ('spec@arb_depth_buffer_float@', 'opengl', 20),
    ('spec@arb_texture_float@', 'opengl', 5),
    ('spec@arb_framebuffer_srgb@', 'opengl', 40),
    ('spec@arb_texture_multisample@', 'opengl', 40),
    ('spec@ext_transform_feedback@', 'opengl', 40),
    ('spec@ext_texture_array@', 'opengl', 6),
    ('spec@ext_texture_integer@', 'opengl', 4),
    ('spec@ext_packed_float@', 'opengl', 4),
    ('spec@ext_framebuffer_multisample@', 'opengl', 80),
    ('spec@nv_conditional_render@', 'opengl', 3),
    ('spec@nv_primitive_restart@', 'opengl', 3),
]

# Tests the rules pick that need more than GL 3.3 (they skip on our device
# and pass on llvmpipe, which has GL 4.5), each with what it needs.
BEYOND_GL33 = {
    'spec@glsl-1.50@execution@texturesize@tes-texturesize-sampler2d': 'GL_ARB_tessellation_shader',
    'spec@glsl-1.50@execution@texturesize@tes-texturesize-usamplercube': 'GL_ARB_tessellation_shader',
    'spec@glsl-1.50@gs-max-output': 'GL_ARB_gpu_shader5',
}


def main():
    # names hold spaces: split on lines, not whitespace
    names = {k: sorted(set(l for l in open(p).read().split('\n') if l))
             for k, p in (('opengl', sys.argv[1]), ('shader', sys.argv[2]))}
    picked = {'opengl': [], 'shader': []}
    for prefix, profile, k in RULES:
        group = [n for n in names[profile] if n.startswith(prefix)]
        if not group:
            sys.exit('gl33-select: no test starts with %r in the %s profile' % (prefix, profile))
        picked[profile] += [n for n in group[::k]
                            if n not in picked[profile] and n not in BEYOND_GL33]
    total = sum(len(v) for v in picked.values())
    for profile, tests in picked.items():
        with open('%s/gl33-%s.txt' % (sys.argv[3], profile), 'w') as out:
            out.write('# GL 3.3 conformance list, piglit profile "%s": written by\n'
                      '# gl33-select.py (see there for the rules); %d of the %d tests.\n'
                      % (profile, len(tests), total))
            out.write(''.join(n + '\n' for n in tests))


if __name__ == '__main__':
    main()
