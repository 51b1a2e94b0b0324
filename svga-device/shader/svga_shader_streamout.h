/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stream output: a validated vertex or geometry shader rewritten so that
 * each SO declaration entry of the key is an output register of its own
 * (see svga_shader_streamout.c for why).
 */
#ifndef SVGA_SHADER_STREAMOUT_H
#define SVGA_SHADER_STREAMOUT_H

#include "svga_shader.h"
#include "svga_shader_ir.h"

/*
 * With key->so_count entries, replaces *pp by the rewritten, re-parsed and
 * re-validated program and fills so_reg (entry -> added output register,
 * SVGA_SHADER_SO_GAP for holes).  Without entries, leaves *pp alone.
 * 0, or -1 with err naming the reason (an entry naming a register the
 * shader does not declare, no register left, a pixel shader).
 */
int svga_sh_streamout(struct svga_sh_program **pp, const struct svga_shader_key *key,
		      uint8_t so_reg[SVGA_SHADER_KEY_SO_ENTRIES], struct svga_sh_error *err);

#endif
