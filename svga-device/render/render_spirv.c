// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coherent-svga renderer: the interface of a SPIR-V module, read from its
 * words: the numeric class (float or integer) of each input and output
 * location.  Vulkan leaves a mismatch between a vertex attribute's format
 * and the shader input undefined, and lavapipe crashes on it; the pipeline
 * code refuses such state instead (render_pipeline.c).
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	OP_TYPE_INT = 21, OP_TYPE_FLOAT = 22, OP_TYPE_VECTOR = 23,
	OP_TYPE_ARRAY = 28, OP_TYPE_POINTER = 32, OP_VARIABLE = 59,
	OP_DECORATE = 71,
	DEC_BUILTIN = 11, DEC_LOCATION = 30, DEC_INDEX = 32,
	SC_INPUT = 1, SC_OUTPUT = 3,
};

/* What we know of each id. */
struct id_info {
	uint8_t cls;            /* RENDER_CLASS_* of a numeric type */
	uint8_t builtin;
	uint8_t index1;         /* Index 1: a dual-source blend output */
	int8_t location;        /* -1: none */
	uint8_t storage;        /* pointer: storage class */
	uint32_t pointee;       /* pointer: pointed-to type; variable: type */
};

#define MAX_IDS (1u << 20)

int render_spirv_interface(const uint32_t *w, size_t words,
			   struct render_shader_io *io)
{
	uint32_t bound;
	struct id_info *ids;
	size_t i;

	memset(io, 0, sizeof(*io));
	if (words < 5 || w[0] != 0x07230203)
		return -1;
	bound = w[3];
	if (bound == 0 || bound > MAX_IDS)
		return -1;
	ids = calloc(bound, sizeof(*ids));
	if (!ids)
		return -1;
	for (uint32_t k = 0; k < bound; k++)
		ids[k].location = -1;
	for (i = 5; i < words;) {
		uint32_t op = w[i] & 0xffff, wc = w[i] >> 16;

		if (wc == 0 || wc > words - i)
			goto bad;
		switch (op) {
		case OP_TYPE_INT:
			if (wc >= 4 && w[i + 1] < bound)
				ids[w[i + 1]].cls = RENDER_CLASS_INT;
			break;
		case OP_TYPE_FLOAT:
			if (wc >= 3 && w[i + 1] < bound)
				ids[w[i + 1]].cls = RENDER_CLASS_FLOAT;
			break;
		case OP_TYPE_VECTOR:
		case OP_TYPE_ARRAY:
			if (wc >= 3 && w[i + 1] < bound && w[i + 2] < bound)
				ids[w[i + 1]].cls = ids[w[i + 2]].cls;
			break;
		case OP_TYPE_POINTER:
			if (wc >= 4 && w[i + 1] < bound) {
				ids[w[i + 1]].storage = (uint8_t)w[i + 2];
				ids[w[i + 1]].pointee = w[i + 3];
			}
			break;
		case OP_VARIABLE:
			if (wc >= 4 && w[i + 2] < bound) {
				ids[w[i + 2]].pointee = w[i + 1];
				ids[w[i + 2]].storage = (uint8_t)w[i + 3];
			}
			break;
		case OP_DECORATE:
			if (wc >= 3 && w[i + 1] < bound) {
				if (w[i + 2] == DEC_BUILTIN)
					ids[w[i + 1]].builtin = 1;
				else if (w[i + 2] == DEC_INDEX && wc >= 4 &&
					 w[i + 3] == 1)
					ids[w[i + 1]].index1 = 1;
				else if (w[i + 2] == DEC_LOCATION && wc >= 4 &&
					 w[i + 3] < RENDER_MAX_LOCATIONS)
					ids[w[i + 1]].location = (int8_t)w[i + 3];
			}
			break;
		default:
			break;
		}
		i += wc;
	}
	/* variables: type is a pointer to the value type */
	for (uint32_t k = 0; k < bound; k++) {
		const struct id_info *v = &ids[k];
		uint32_t ptr = v->pointee, type;
		uint8_t cls;

		if (v->location < 0 || v->builtin || ptr == 0 || ptr >= bound ||
		    (v->storage != SC_INPUT && v->storage != SC_OUTPUT))
			continue;
		type = ids[ptr].pointee;
		cls = type < bound ? ids[type].cls : 0;
		if (v->storage == SC_INPUT)
			io->inputs[v->location] = cls ? cls : RENDER_CLASS_OTHER;
		else if (v->index1)
			io->dual_source = 1;
		else
			io->outputs[v->location] = cls ? cls : RENDER_CLASS_OTHER;
	}
	free(ids);
	return 0;
bad:
	free(ids);
	return -1;
}
