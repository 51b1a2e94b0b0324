/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the vkd3d-shader tests: wrap SM4/SM5 token streams (the
 * tokenized form VGPU10 shares with D3D10/11) in a DXBC container with
 * svga_dxbc_build, compile them with our vkd3d-shader and run them on
 * Vulkan (lavapipe).  How a test assembles its streams is not here:
 * test_vkd3d_tok.h (struct tok) or shader_asm.h (test_vkd3d_alu; its
 * SWZ_* and opcode names clash with test_vkd3d_tok.h's).  Header-only,
 * like harness.h.
 */
#ifndef TEST_VKD3D_COMMON_H
#define TEST_VKD3D_COMMON_H

#include "svga_dxbc.h"
#include "vk_compute.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vkd3d_shader.h>

/*
 * One pair of counters per test executable.  A test built from several
 * files defines TEST_SHARED_COUNTERS before including this header in each
 * of them and defines t_failures and t_checks once, in its main file.
 */
#ifdef TEST_SHARED_COUNTERS
extern int t_failures, t_checks;
#else
static int t_failures;
static int t_checks;
#endif

#define CHECK(c) do {                                                      \
	t_checks++;                                                        \
	if (!(c)) {                                                        \
		t_failures++;                                              \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,     \
			__LINE__, #c);                                     \
	}                                                                  \
} while (0)

static inline int t_report(const char *name)
{
	printf("%s: %d checks, %d failures\n", name, t_checks, t_failures);
	return t_failures || !t_checks ? 1 : 0;
}

/* ---- DXBC and vkd3d-shader -------------------------------------------- */

/* One ISGN/OSGN element. */
struct sig_elem {
	const char *name;
	uint32_t index, sysval, component_type, reg, mask;
};
/* D3D_NAME values and component types. */
enum { SV_POSITION = 1, SV_VERTEX_ID = 6, SV_PRIMITIVE_ID = 7 };
enum { CT_UINT = 1, CT_SINT = 2, CT_FLOAT = 3 };

struct sig {
	uint8_t b[512];
	size_t size;
};

/* ISGN/OSGN payload: count, 8, 24-byte elements, then the names. */
static inline void sig_build(struct sig *sg, const struct sig_elem *e, unsigned n)
{
	size_t names = 8 + 24 * (size_t)n;

	memset(sg, 0, sizeof(*sg));
	sg->size = names;
	memcpy(sg->b, &n, 4);
	memcpy(sg->b + 4, &(uint32_t){ 8 }, 4);
	for (unsigned i = 0; i < n; i++) {
		/* The read/write byte: the components used. */
		uint32_t el[6] = { (uint32_t)sg->size, e[i].index, e[i].sysval, e[i].component_type,
				   e[i].reg, e[i].mask | e[i].mask << 8 };
		size_t len = strlen(e[i].name) + 1;

		memcpy(sg->b + 8 + 24 * i, el, sizeof(el));
		if (sg->size + len <= sizeof(sg->b)) {
			memcpy(sg->b + sg->size, e[i].name, len);
			sg->size += len;
		}
	}
	sg->size = (sg->size + 3) & ~(size_t)3;
}

/*
 * A container with the signatures (NULL: empty) and the code chunk of n
 * tokens (SHEX for SM5, SHDR before).
 */
static inline void *test_dxbc_tokens(const uint32_t *t, unsigned n, const struct sig *in,
				     const struct sig *out, size_t *size)
{
	static const uint32_t empty_signature[2] = { 0, 8 };  /* count, offset */
	const bool sm5 = ((t[0] >> 4) & 0xf) >= 5;
	const struct svga_dxbc_chunk chunks[] = {
		{ SVGA_DXBC_FOURCC('I', 'S', 'G', 'N'), in ? (const void *)in->b : empty_signature,
		  in ? in->size : sizeof(empty_signature) },
		{ SVGA_DXBC_FOURCC('O', 'S', 'G', 'N'), out ? (const void *)out->b : empty_signature,
		  out ? out->size : sizeof(empty_signature) },
		{ sm5 ? SVGA_DXBC_FOURCC('S', 'H', 'E', 'X') : SVGA_DXBC_FOURCC('S', 'H', 'D', 'R'),
		  t, n * 4u },
	};

	return svga_dxbc_build(chunks, 3, size);
}

/* What a test's modules bind and are told beyond their raw UAVs. */
struct test_compile_options {
	const char *source_name;  /* in vkd3d's messages */
	const char *dump_prefix;  /* TEST_VKD3D_DUMP file names: <prefix>N.spv */
	bool texture;             /* t0, s0 at bindings uavs, uavs + 1 (vk_compute_bind_texture) */
	uint32_t sample_count;    /* the rasterizer's sample count; 0: not given */
};

/*
 * DXBC -> SPIR-V with raw UAVs u0..u(uavs-1) (at most 4) as storage
 * buffers at set 0, bindings 0..uavs-1, and what opt adds.  Returns
 * vkd3d's result; messages, if any, are printed.
 */
static inline int test_compile_with(const void *dxbc, size_t size, unsigned uavs,
				    const struct test_compile_options *opt,
				    struct vkd3d_shader_code *spirv)
{
	struct vkd3d_shader_resource_binding bindings[6];
	const struct vkd3d_shader_compile_option options[] = {
		{ VKD3D_SHADER_COMPILE_OPTION_BUFFER_UAV, VKD3D_SHADER_COMPILE_OPTION_BUFFER_UAV_STORAGE_BUFFER },
		{ VKD3D_SHADER_COMPILE_OPTION_API_VERSION, VKD3D_SHADER_API_VERSION_1_14 },
	};
	const struct vkd3d_shader_parameter1 sample_count = {
		.name = VKD3D_SHADER_PARAMETER_NAME_RASTERIZER_SAMPLE_COUNT,
		.type = VKD3D_SHADER_PARAMETER_TYPE_IMMEDIATE_CONSTANT,
		.data_type = VKD3D_SHADER_PARAMETER_DATA_TYPE_UINT32,
		.u.immediate_constant.u.u32 = opt->sample_count,
	};
	const struct vkd3d_shader_parameter_info parameters = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_PARAMETER_INFO,
		.parameters = &sample_count,
		.parameter_count = 1,
	};
	struct vkd3d_shader_interface_info iface = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_INTERFACE_INFO,
		.next = opt->sample_count ? &parameters : NULL,
		.bindings = bindings,
		.binding_count = uavs + (opt->texture ? 2 : 0),
	};
	struct vkd3d_shader_compile_info info = {
		.type = VKD3D_SHADER_STRUCTURE_TYPE_COMPILE_INFO,
		.next = &iface,
		.source = { dxbc, size },
		.source_type = VKD3D_SHADER_SOURCE_DXBC_TPF,
		.target_type = VKD3D_SHADER_TARGET_SPIRV_BINARY,
		.options = options,
		.option_count = sizeof(options) / sizeof(options[0]),
		.log_level = VKD3D_SHADER_LOG_WARNING,
		.source_name = opt->source_name,
	};
	char *messages = NULL;
	int ret;

	if (uavs > 4)
		return -1;
	for (unsigned i = 0; i < uavs; i++)
		bindings[i] = (struct vkd3d_shader_resource_binding){
			.type = VKD3D_SHADER_DESCRIPTOR_TYPE_UAV,
			.register_index = i,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_BUFFER,
			.binding = { .set = 0, .binding = i, .count = 1 },
		};
	/* t0 and s0 after the UAVs, where vk_compute binds its texture. */
	for (unsigned i = 0; opt->texture && i < 2; i++)
		bindings[uavs + i] = (struct vkd3d_shader_resource_binding){
			.type = i ? VKD3D_SHADER_DESCRIPTOR_TYPE_SAMPLER : VKD3D_SHADER_DESCRIPTOR_TYPE_SRV,
			.register_index = 0,
			.shader_visibility = VKD3D_SHADER_VISIBILITY_ALL,
			.flags = VKD3D_SHADER_BINDING_FLAG_IMAGE,
			.binding = { .set = 0, .binding = uavs + i, .count = 1 },
		};
	memset(spirv, 0, sizeof(*spirv));
	ret = vkd3d_shader_compile(&info, spirv, &messages);
	if (messages && *messages)
		fprintf(stderr, "vkd3d-shader: %s", messages);
	vkd3d_shader_free_messages(messages);
	/* TEST_VKD3D_DUMP=dir keeps each SPIR-V module (for spirv-val/dis). */
	if (ret >= 0 && getenv("TEST_VKD3D_DUMP")) {
		static unsigned dumped;
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s%u.spv", getenv("TEST_VKD3D_DUMP"), opt->dump_prefix,
			 dumped++);
		f = fopen(path, "wb");
		if (f) {
			fwrite(spirv->code, 1, spirv->size, f);
			fclose(f);
			fprintf(stderr, "SPIR-V written to %s\n", path);
		}
	}
	return ret;
}

/* Raw UAVs only: the compute tests of test_vkd3d_tok.h. */
static inline int test_compile(const void *dxbc, size_t size, unsigned uavs,
			       struct vkd3d_shader_code *spirv)
{
	static const struct test_compile_options opt = { "test", "", false, 0 };

	return test_compile_with(dxbc, size, uavs, &opt, spirv);
}

/* Opens Vulkan or explains why not (a failure: these tests need it). */
static inline struct vk_compute *test_vulkan(void)
{
	char err[256];
	struct vk_compute *vc = vk_compute_open(err, sizeof(err));

	if (!vc)
		fprintf(stderr, "Vulkan: %s\n", err);
	else
		printf("Vulkan device: %s; %s\n", vk_compute_device_name(vc),
		       vkd3d_shader_get_version(NULL, NULL));
	return vc;
}

#endif
