// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * svga_shader_translate(): parse, validate, rewrite, synthesize the
 * signatures, wrap in DXBC.  Each step lives in its own file.
 */
#include "svga_shader.h"

#include <stdlib.h>
#include <string.h>

#include "svga_dxbc.h"
#include "svga_shader_parse.h"
#include "svga_shader_rewrite.h"
#include "svga_shader_signature.h"
#include "svga_shader_streamout.h"
#include "svga_shader_validate.h"

void svga_shader_key_init(struct svga_shader_key *key)
{
	memset(key, 0, sizeof(*key));
}

static int vgpu10_type(enum svga_shader_stage stage)
{
	switch (stage) {
	case SVGA_SHADER_STAGE_VS: return VGPU10_VS;
	case SVGA_SHADER_STAGE_PS: return VGPU10_PS;
	case SVGA_SHADER_STAGE_GS: return VGPU10_GS;
	default: return -1;
	}
}

static int check_key(const struct svga_shader_key *key, struct svga_sh_error *err)
{
	for (unsigned i = 0; i < SVGA_SHADER_KEY_VS_INPUTS; i++)
		if (key->vs_input_class[i] > SVGA_SHADER_CLASS_SINT)
			return svga_sh_fail(err, 0, "key: vertex input %u class %u", i, key->vs_input_class[i]);
	for (unsigned i = 0; i < SVGA_SHADER_KEY_PS_OUTPUTS; i++)
		if (key->ps_output_class[i] > SVGA_SHADER_CLASS_SINT)
			return svga_sh_fail(err, 0, "key: render target %u class %u", i, key->ps_output_class[i]);
	if (key->so_count > SVGA_SHADER_KEY_SO_ENTRIES)
		return svga_sh_fail(err, 0, "key: %u stream-output entries", key->so_count);
	for (unsigned i = 0; i < key->so_count; i++) {
		const struct svga_shader_key_so *s = &key->so[i];
		unsigned m = s->mask;

		/* one to four contiguous components */
		if (!m || m > 15 || ((m >> __builtin_ctz(m)) & ((m >> __builtin_ctz(m)) + 1)) ||
		    s->slot >= SVGA_SHADER_SO_SLOTS)
			return svga_sh_fail(err, 0, "key: stream-output entry %u: mask 0x%x slot %u",
					    i, m, s->slot);
	}
	return 0;
}

static void fill_resources(const struct svga_sh_decls *d, struct svga_shader_resources *res)
{
	memset(res, 0, sizeof(*res));
	res->samplers = d->samplers;
	for (unsigned i = 0; i < SVGA_SHADER_MAX_RESOURCES && i < VGPU10_MAX_RESOURCES; i++) {
		res->resource_dim[i] = d->resource_dim[i];
		/* VGPU10_RETURN_: 3 SINT, 4 UINT; the rest are float reads */
		res->resource_class[i] = d->resource_ret[i] == 3 ? SVGA_SHADER_CLASS_SINT :
					 d->resource_ret[i] == 4 ? SVGA_SHADER_CLASS_UINT :
					 SVGA_SHADER_CLASS_FLOAT;
	}
}

int svga_shader_translate(enum svga_shader_stage stage, const void *tokens, size_t size,
			  const struct svga_shader_key *key, void **dxbc, size_t *dxbc_size,
			  struct svga_sh_error *err)
{
	return svga_shader_translate_info(stage, tokens, size, key, dxbc, dxbc_size, NULL, err);
}

int svga_shader_translate_info(enum svga_shader_stage stage, const void *tokens, size_t size,
			       const struct svga_shader_key *key, void **dxbc, size_t *dxbc_size,
			       struct svga_shader_resources *res, struct svga_sh_error *err)
{
	struct svga_shader_key zero;
	uint8_t so_reg[SVGA_SHADER_KEY_SO_ENTRIES];
	struct svga_sh_program *p = NULL;
	void *isgn = NULL, *osgn = NULL, *code = NULL;
	size_t isgn_size = 0, osgn_size = 0, code_size = 0;
	int type = vgpu10_type(stage), ret = -1;

	*dxbc = NULL;
	*dxbc_size = 0;
	if (!key) {
		svga_shader_key_init(&zero);
		key = &zero;
	}
	if (type < 0)
		return svga_sh_fail(err, 0, "shader stage %d not supported", (int)stage);
	if (check_key(key, err) || svga_sh_parse(tokens, size, (unsigned)type, &p, err))
		return -1;
	if (svga_sh_validate(p, err))
		goto out;
	if (res)
		fill_resources(&p->decls, res);
	if (svga_sh_rewrite(p, err) < 0)
		goto out;
	/* after the rewrite (it narrows scalar system values the copies
	 * must match), which runs again on the new stream (its sample
	 * rewrite is a flag that parsing does not keep) */
	if (svga_sh_streamout(&p, key, so_reg, err) ||
	    (key->so_count && svga_sh_rewrite(p, err) < 0))
		goto out;
	if (res)
		memcpy(res->so_reg, so_reg, sizeof(so_reg));
	if (svga_sh_build_signature(p, key, false, &isgn, &isgn_size, err) ||
	    svga_sh_build_signature(p, key, true, &osgn, &osgn_size, err) ||
	    svga_sh_emit_code(p, &code, &code_size, err))
		goto out;
	{
		const struct svga_dxbc_chunk chunks[] = {
			{ SVGA_DXBC_FOURCC('I', 'S', 'G', 'N'), isgn, isgn_size },
			{ SVGA_DXBC_FOURCC('O', 'S', 'G', 'N'), osgn, osgn_size },
			{ p->major >= 5 ? SVGA_DXBC_FOURCC('S', 'H', 'E', 'X') : SVGA_DXBC_FOURCC('S', 'H', 'D', 'R'),
			  code, code_size },
		};
		*dxbc = svga_dxbc_build(chunks, 3, dxbc_size);
		if (!*dxbc) {
			svga_sh_fail(err, 0, "building the DXBC container failed");
			goto out;
		}
	}
	ret = 0;
out:
	free(isgn);
	free(osgn);
	free(code);
	svga_sh_program_free(p);
	return ret;
}
