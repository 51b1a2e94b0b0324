// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer glue: a debug facility that writes every guest
 * shader the backend translates to a directory, so that a shader Mesa
 * sent can be disassembled (vkd3d-compiler, spirv-dis) and turned into a
 * host test.  Off unless the environment variable CSVGA_SHADER_DUMP_DIR
 * names a directory when the backend attaches.  Per variant:
 *   <stage>-<code hash>-<key hash>.vgpu10   the guest's tokens
 *   <stage>-<code hash>-<key hash>.dxbc     what the translator produced
 *   <stage>-<code hash>-<key hash>.spv      what vkd3d-shader produced
 *   <stage>-<code hash>-<key hash>.err      the error, when one failed
 * Failures to write are logged once as a trace line, never a guest error:
 * the guest did nothing wrong.
 */
#include "backend_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void backend_shader_dump_init(struct svga_backend *b)
{
	const char *dir = getenv("CSVGA_SHADER_DUMP_DIR");

	size_t n = dir ? strlen(dir) : 0;

	b->dump_dir = n ? malloc(n + 1) : NULL;
	if (b->dump_dir)
		memcpy(b->dump_dir, dir, n + 1);
}

static const char *stage_name(uint32_t type)
{
	switch (type) {
	case SVGA3D_SHADERTYPE_VS: return "vs";
	case SVGA3D_SHADERTYPE_GS: return "gs";
	case SVGA3D_SHADERTYPE_PS: return "ps";
	default: return "other";
	}
}

static uint32_t key_hash(const struct svga_shader_key *k)
{
	const uint8_t *p = (const uint8_t *)k;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < sizeof(*k); i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

static void write_one(struct svga_backend *b, const struct backend_variant *v,
		      const char *ext, const void *data, size_t size)
{
	char path[4096];
	FILE *f;

	if (!data || !size)
		return;
	snprintf(path, sizeof(path), "%s/%s-%016llx-%08x.%s", b->dump_dir,
		 stage_name(v->stage), (unsigned long long)v->hash,
		 key_hash(&v->key), ext);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size) {
		if (!b->dump_failed)
			svga_trace(b->log, "shader dump: cannot write %s",
				   path);
		b->dump_failed = true;
	}
	if (f)
		fclose(f);
}

void backend_shader_dump(struct svga_backend *b,
			 const struct backend_variant *v,
			 const void *dxbc, size_t dxbc_size,
			 const void *spirv, size_t spirv_size,
			 const char *error)
{
	if (!b->dump_dir)
		return;
	write_one(b, v, "vgpu10", v->code, v->size);
	write_one(b, v, "dxbc", dxbc, dxbc_size);
	write_one(b, v, "spv", spirv, spirv_size);
	if (error && *error)
		write_one(b, v, "err", error, strlen(error));
}
