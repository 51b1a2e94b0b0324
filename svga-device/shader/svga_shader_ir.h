/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The validated in-memory form of a VGPU10 shader: the token stream, cut
 * into instructions and operands by the parser, plus what the declarations
 * say (filled by the validator).  Every index stored here was checked
 * against the stream's bounds, so later passes may trust it.
 */
#ifndef SVGA_SHADER_IR_H
#define SVGA_SHADER_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "vgpu10_tokens.h"

#define SVGA_SH_NO_OPERAND UINT32_MAX
#define SVGA_SH_MAX_OPERANDS 6   /* sample_d: 1 dst + 5 src */

struct svga_sh_index {
	uint8_t rep;       /* VGPU10_REP_IMM32, _REL or _IMM32_REL */
	uint32_t imm;      /* the immediate part (0 when only relative) */
	uint32_t rel;      /* operand holding the relative part, or NO_OPERAND */
};

struct svga_sh_operand {
	uint32_t offset;   /* token offset of operand token 0 */
	uint32_t token;    /* operand token 0 as sent */
	uint8_t type;      /* enum vgpu10_operand_type */
	uint8_t ncomp;     /* VGPU10_NCOMP_0/1/4 */
	uint8_t selmode;   /* VGPU10_SEL_* (4-component operands) */
	uint8_t mask;      /* components written/read, as a mask */
	uint8_t modifier;  /* 0 none, 1 neg, 2 abs, 3 abs+neg */
	uint8_t ndim;      /* number of indices */
	uint8_t nimm;      /* immediate dwords (IMM32/IMM64 operands) */
	struct svga_sh_index idx[3];
	uint32_t imm[4];
};

struct svga_sh_instr {
	uint32_t offset;   /* token offset of opcode token 0 */
	uint32_t length;   /* in tokens, including extended tokens and data */
	uint32_t token0;
	uint16_t opcode;
	uint8_t ndst, nsrc;
	uint32_t op[SVGA_SH_MAX_OPERANDS]; /* indices into program->ops */
	uint32_t raw;      /* token offset of the trailing raw dwords */
	uint32_t nraw;     /* their count (CUSTOMDATA: the data) */
	uint8_t next;      /* extended opcode tokens */
	uint8_t append_lod0; /* rewrite: emit as sample_l with an immediate lod 0 */
	uint32_t ext[3];
};

/* One declared input or output element (one per DCL_INPUT* or DCL_OUTPUT* declaration). */
struct svga_sh_ioelem {
	uint16_t opcode;   /* the declaring opcode */
	uint8_t optype;    /* VGPU10_OPD_INPUT/OUTPUT or a special register */
	uint8_t reg;       /* register index (0 for special registers) */
	uint8_t mask;
	uint8_t name;      /* enum vgpu10_name, 0 when none */
	uint8_t interp;    /* PS inputs */
	bool output;
};

#define SVGA_SH_MAX_IOELEMS 96
#define SVGA_SH_MAX_RANGES 32

struct svga_sh_decls {
	uint32_t global_flags;
	uint32_t temps;                       /* dcl_temps count */
	uint32_t xtemp_count[VGPU10_MAX_INDEXABLE_DECLS];   /* 0: undeclared */
	uint32_t cb_size[VGPU10_MAX_CB_SLOTS];              /* 0: undeclared */
	uint32_t icb_offset, icb_size;        /* data offset, vec4 count */
	bool has_icb;
	uint32_t samplers;                    /* bit per declared s# */
	uint8_t resource_dim[VGPU10_MAX_RESOURCES];  /* dimension + 1; 0: none */
	uint8_t resource_ret[VGPU10_MAX_RESOURCES];  /* return type of .x (VGPU10_RETURN_*) */
	uint8_t uav_dim[VGPU10_MAX_UAVS];            /* dimension + 1; 0: none */
	uint32_t tgsm_declared;
	uint32_t in_regs, out_regs;           /* bit per declared v#, o# */
	uint8_t in_mask[VGPU10_MAX_IO_REGS], out_mask[VGPU10_MAX_IO_REGS];
	uint64_t special;                     /* bit per declared special operand type */
	struct svga_sh_ioelem io[SVGA_SH_MAX_IOELEMS];
	uint32_t nio;
	struct { uint8_t type, mask; uint32_t first, count, offset; } range[SVGA_SH_MAX_RANGES];
	uint32_t nrange;
	uint32_t gs_input_primitive, gs_output_topology, gs_max_vertices;
	uint32_t gs_input_vertices;           /* from the input primitive */
	uint32_t streams;                     /* bit per dcl_stream m# */
};

struct svga_sh_program {
	uint32_t type;          /* enum vgpu10_program_type */
	uint32_t major, minor;
	uint32_t *tokens;       /* private copy, ntokens long */
	uint32_t ntokens;       /* from the length token */
	struct svga_sh_instr *instr;
	uint32_t ninstr;
	struct svga_sh_operand *ops;
	uint32_t nops;
	uint32_t appended_sig_bytes; /* Mesa's SM5 signature blob after the tokens */
	struct svga_sh_decls decls;
};

static inline const struct svga_sh_operand *
svga_sh_op(const struct svga_sh_program *p, const struct svga_sh_instr *in, unsigned i)
{
	return &p->ops[in->op[i]];
}

#endif
