// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The opcode table: every opcode Mesa 25.0.7's svga driver emits
 * (svga_tgsi_vgpu10.c), plus the few SM4.x neighbours that cost nothing.
 * Operand counts follow the D3D10/11 tokenized program format.  Not
 * accepted: subroutines and interfaces (CALL, LABEL, INTERFACE_CALL,
 * function bodies/tables), structured buffers and append/consume
 * counters, which Mesa never emits and the translator has no use for;
 * emitthencut(_stream), uaddc and usubb, which Mesa never emits and
 * vkd3d-shader 1.14 does not parse.
 */
#include "svga_shader_opcodes.h"

#include <stddef.h>

#define DCL   SVGA_SH_OP_DCL
#define NAME  SVGA_SH_OP_NAME
#define RTYPE SVGA_SH_OP_RESTYPE
#define SM5   SVGA_SH_OP_SM5
#define SM41  SVGA_SH_OP_SM41
#define SPEC  SVGA_SH_OP_SPECIAL
#define BLK   SVGA_SH_OP_BLOCK

#define OP(num, nm, d, s, r, f) [num] = { nm, d, s, r, (f) }

static const struct svga_sh_opinfo opinfo[] = {
	OP(0, "add", 1, 2, 0, 0),
	OP(1, "and", 1, 2, 0, 0),
	OP(2, "break", 0, 0, 0, BLK),
	OP(3, "breakc", 0, 1, 0, BLK),
	OP(6, "case", 0, 1, 0, BLK),
	OP(7, "continue", 0, 0, 0, BLK),
	OP(8, "continuec", 0, 1, 0, BLK),
	OP(9, "cut", 0, 0, 0, 0),
	OP(10, "default", 0, 0, 0, BLK),
	OP(11, "deriv_rtx", 1, 1, 0, 0),
	OP(12, "deriv_rty", 1, 1, 0, 0),
	OP(13, "discard", 0, 1, 0, 0),
	OP(14, "div", 1, 2, 0, 0),
	OP(15, "dp2", 1, 2, 0, 0),
	OP(16, "dp3", 1, 2, 0, 0),
	OP(17, "dp4", 1, 2, 0, 0),
	OP(18, "else", 0, 0, 0, BLK),
	OP(19, "emit", 0, 0, 0, 0),
	OP(21, "endif", 0, 0, 0, BLK),
	OP(22, "endloop", 0, 0, 0, BLK),
	OP(23, "endswitch", 0, 0, 0, BLK),
	OP(24, "eq", 1, 2, 0, 0),
	OP(25, "exp", 1, 1, 0, 0),
	OP(26, "frc", 1, 1, 0, 0),
	OP(27, "ftoi", 1, 1, 0, 0),
	OP(28, "ftou", 1, 1, 0, 0),
	OP(29, "ge", 1, 2, 0, 0),
	OP(30, "iadd", 1, 2, 0, 0),
	OP(31, "if", 0, 1, 0, BLK),
	OP(32, "ieq", 1, 2, 0, 0),
	OP(33, "ige", 1, 2, 0, 0),
	OP(34, "ilt", 1, 2, 0, 0),
	OP(35, "imad", 1, 3, 0, 0),
	OP(36, "imax", 1, 2, 0, 0),
	OP(37, "imin", 1, 2, 0, 0),
	OP(38, "imul", 2, 2, 0, 0),
	OP(39, "ine", 1, 2, 0, 0),
	OP(40, "ineg", 1, 1, 0, 0),
	OP(41, "ishl", 1, 2, 0, 0),
	OP(42, "ishr", 1, 2, 0, 0),
	OP(43, "itof", 1, 1, 0, 0),
	OP(45, "ld", 1, 2, 0, 0),
	OP(46, "ld_ms", 1, 3, 0, 0),
	OP(47, "log", 1, 1, 0, 0),
	OP(48, "loop", 0, 0, 0, BLK),
	OP(49, "lt", 1, 2, 0, 0),
	OP(50, "mad", 1, 3, 0, 0),
	OP(51, "min", 1, 2, 0, 0),
	OP(52, "max", 1, 2, 0, 0),
	OP(53, "customdata", 0, 0, 0, SPEC),
	OP(54, "mov", 1, 1, 0, 0),
	OP(55, "movc", 1, 3, 0, 0),
	OP(56, "mul", 1, 2, 0, 0),
	OP(57, "ne", 1, 2, 0, 0),
	OP(58, "nop", 0, 0, 0, 0),
	OP(59, "not", 1, 1, 0, 0),
	OP(60, "or", 1, 2, 0, 0),
	OP(61, "resinfo", 1, 2, 0, 0),
	OP(62, "ret", 0, 0, 0, BLK),
	OP(63, "retc", 0, 1, 0, BLK),
	OP(64, "round_ne", 1, 1, 0, 0),
	OP(65, "round_ni", 1, 1, 0, 0),
	OP(66, "round_pi", 1, 1, 0, 0),
	OP(67, "round_z", 1, 1, 0, 0),
	OP(68, "rsq", 1, 1, 0, 0),
	OP(69, "sample", 1, 3, 0, 0),
	OP(70, "sample_c", 1, 4, 0, 0),
	OP(71, "sample_c_lz", 1, 4, 0, 0),
	OP(72, "sample_l", 1, 4, 0, 0),
	OP(73, "sample_d", 1, 5, 0, 0),
	OP(74, "sample_b", 1, 4, 0, 0),
	OP(75, "sqrt", 1, 1, 0, 0),
	OP(76, "switch", 0, 1, 0, BLK),
	OP(77, "sincos", 2, 1, 0, 0),
	OP(78, "udiv", 2, 2, 0, 0),
	OP(79, "ult", 1, 2, 0, 0),
	OP(80, "uge", 1, 2, 0, 0),
	OP(81, "umul", 2, 2, 0, 0),
	OP(82, "umad", 1, 3, 0, 0),
	OP(83, "umax", 1, 2, 0, 0),
	OP(84, "umin", 1, 2, 0, 0),
	OP(85, "ushr", 1, 2, 0, 0),
	OP(86, "utof", 1, 1, 0, 0),
	OP(87, "xor", 1, 2, 0, 0),
	OP(88, "dcl_resource", 1, 0, 1, DCL | RTYPE),
	OP(89, "dcl_constantbuffer", 1, 0, 0, DCL),
	OP(90, "dcl_sampler", 1, 0, 0, DCL),
	OP(91, "dcl_indexrange", 1, 0, 1, DCL),
	OP(92, "dcl_outputtopology", 0, 0, 0, DCL),
	OP(93, "dcl_inputprimitive", 0, 0, 0, DCL),
	OP(94, "dcl_maxout", 0, 0, 1, DCL),
	OP(95, "dcl_input", 1, 0, 0, DCL),
	OP(96, "dcl_input_sgv", 1, 0, 1, DCL | NAME),
	OP(97, "dcl_input_siv", 1, 0, 1, DCL | NAME),
	OP(98, "dcl_input_ps", 1, 0, 0, DCL),
	OP(99, "dcl_input_ps_sgv", 1, 0, 1, DCL | NAME),
	OP(100, "dcl_input_ps_siv", 1, 0, 1, DCL | NAME),
	OP(101, "dcl_output", 1, 0, 0, DCL),
	OP(102, "dcl_output_sgv", 1, 0, 1, DCL | NAME),
	OP(103, "dcl_output_siv", 1, 0, 1, DCL | NAME),
	OP(104, "dcl_temps", 0, 0, 1, DCL),
	OP(105, "dcl_indexabletemp", 0, 0, 3, DCL),
	OP(106, "dcl_globalflags", 0, 0, 0, DCL),
	OP(107, "vmware", 0, 0, 0, SPEC),
	OP(108, "lod", 1, 3, 0, SM41),
	OP(109, "gather4", 1, 3, 0, SM41),
	OP(110, "sample_pos", 1, 2, 0, SM41),
	OP(111, "sample_info", 1, 1, 0, SM41),
	OP(113, "hs_decls", 0, 0, 0, SM5 | BLK),
	OP(114, "hs_control_point_phase", 0, 0, 0, SM5 | BLK),
	OP(115, "hs_fork_phase", 0, 0, 0, SM5 | BLK),
	OP(116, "hs_join_phase", 0, 0, 0, SM5 | BLK),
	OP(117, "emit_stream", 0, 1, 0, SM5),
	OP(118, "cut_stream", 0, 1, 0, SM5),
	OP(121, "bufinfo", 1, 1, 0, SM5),
	OP(122, "deriv_rtx_coarse", 1, 1, 0, SM5),
	OP(123, "deriv_rtx_fine", 1, 1, 0, SM5),
	OP(124, "deriv_rty_coarse", 1, 1, 0, SM5),
	OP(125, "deriv_rty_fine", 1, 1, 0, SM5),
	OP(126, "gather4_c", 1, 4, 0, SM5),
	OP(127, "gather4_po", 1, 4, 0, SM5),
	OP(128, "gather4_po_c", 1, 5, 0, SM5),
	OP(129, "rcp", 1, 1, 0, SM5),
	OP(130, "f32tof16", 1, 1, 0, SM5),
	OP(131, "f16tof32", 1, 1, 0, SM5),
	/*
	 * SM5 in D3D, but Mesa emits these in SM4.0/4.1 streams too: st/mesa
	 * exposes MESA_shader_integer_functions (bitCount, findLSB/MSB,
	 * bitfieldExtract/Insert/Reverse) from GLSL 1.30, and svga's SM4
	 * compiler options do not lower them.
	 */
	OP(134, "countbits", 1, 1, 0, 0),
	OP(135, "firstbit_hi", 1, 1, 0, 0),
	OP(136, "firstbit_lo", 1, 1, 0, 0),
	OP(137, "firstbit_shi", 1, 1, 0, 0),
	OP(138, "ubfe", 1, 3, 0, 0),
	OP(139, "ibfe", 1, 3, 0, 0),
	OP(140, "bfi", 1, 4, 0, 0),
	OP(141, "bfrev", 1, 1, 0, 0),
	OP(142, "swapc", 2, 3, 0, SM5),
	OP(143, "dcl_stream", 1, 0, 0, DCL | SM5),
	OP(147, "dcl_input_control_point_count", 0, 0, 0, DCL | SM5),
	OP(148, "dcl_output_control_point_count", 0, 0, 0, DCL | SM5),
	OP(149, "dcl_tessellator_domain", 0, 0, 0, DCL | SM5),
	OP(150, "dcl_tessellator_partitioning", 0, 0, 0, DCL | SM5),
	OP(151, "dcl_tessellator_output_primitive", 0, 0, 0, DCL | SM5),
	OP(152, "dcl_hs_max_tessfactor", 0, 0, 1, DCL | SM5),
	OP(153, "dcl_hs_fork_phase_instance_count", 0, 0, 1, DCL | SM5),
	OP(154, "dcl_hs_join_phase_instance_count", 0, 0, 1, DCL | SM5),
	OP(155, "dcl_thread_group", 0, 0, 3, DCL | SM5),
	OP(156, "dcl_uav_typed", 1, 0, 1, DCL | RTYPE | SM5),
	OP(157, "dcl_uav_raw", 1, 0, 0, DCL | SM5),
	OP(159, "dcl_tgsm_raw", 1, 0, 1, DCL | SM5),
	OP(161, "dcl_resource_raw", 1, 0, 0, DCL | SM5),
	OP(163, "ld_uav_typed", 1, 2, 0, SM5),
	OP(164, "store_uav_typed", 1, 2, 0, SM5),
	OP(165, "ld_raw", 1, 2, 0, SM5),
	OP(166, "store_raw", 1, 2, 0, SM5),
	OP(169, "atomic_and", 1, 2, 0, SM5),
	OP(170, "atomic_or", 1, 2, 0, SM5),
	OP(171, "atomic_xor", 1, 2, 0, SM5),
	OP(172, "atomic_cmp_store", 1, 3, 0, SM5),
	OP(173, "atomic_iadd", 1, 2, 0, SM5),
	OP(174, "atomic_imax", 1, 2, 0, SM5),
	OP(175, "atomic_imin", 1, 2, 0, SM5),
	OP(176, "atomic_umax", 1, 2, 0, SM5),
	OP(177, "atomic_umin", 1, 2, 0, SM5),
	OP(180, "imm_atomic_iadd", 2, 2, 0, SM5),
	OP(181, "imm_atomic_and", 2, 2, 0, SM5),
	OP(182, "imm_atomic_or", 2, 2, 0, SM5),
	OP(183, "imm_atomic_xor", 2, 2, 0, SM5),
	OP(184, "imm_atomic_exch", 2, 2, 0, SM5),
	OP(185, "imm_atomic_cmp_exch", 2, 3, 0, SM5),
	OP(186, "imm_atomic_imax", 2, 2, 0, SM5),
	OP(187, "imm_atomic_imin", 2, 2, 0, SM5),
	OP(188, "imm_atomic_umax", 2, 2, 0, SM5),
	OP(189, "imm_atomic_umin", 2, 2, 0, SM5),
	OP(190, "sync", 0, 0, 0, SM5),
	OP(191, "dadd", 1, 2, 0, SM5),
	OP(192, "dmax", 1, 2, 0, SM5),
	OP(193, "dmin", 1, 2, 0, SM5),
	OP(194, "dmul", 1, 2, 0, SM5),
	OP(195, "deq", 1, 2, 0, SM5),
	OP(196, "dge", 1, 2, 0, SM5),
	OP(197, "dlt", 1, 2, 0, SM5),
	OP(198, "dne", 1, 2, 0, SM5),
	OP(199, "dmov", 1, 1, 0, SM5),
	OP(200, "dmovc", 1, 3, 0, SM5),
	OP(201, "dtof", 1, 1, 0, SM5),
	OP(202, "ftod", 1, 1, 0, SM5),
	OP(203, "eval_snapped", 1, 2, 0, SM5),
	OP(204, "eval_sample_index", 1, 2, 0, SM5),
	OP(205, "eval_centroid", 1, 1, 0, SM5),
	OP(206, "dcl_gs_instance_count", 0, 0, 1, DCL | SM5),
	OP(210, "ddiv", 1, 2, 0, SM5),
	OP(211, "dfma", 1, 3, 0, SM5),
	OP(212, "drcp", 1, 1, 0, SM5),
	OP(214, "dtoi", 1, 1, 0, SM5),
	OP(215, "dtou", 1, 1, 0, SM5),
	OP(216, "itod", 1, 1, 0, SM5),
	OP(217, "utod", 1, 1, 0, SM5),
};

const struct svga_sh_opinfo *svga_sh_opinfo(unsigned opcode)
{
	if (opcode >= sizeof(opinfo) / sizeof(opinfo[0]) || !opinfo[opcode].name)
		return NULL;
	return &opinfo[opcode];
}

unsigned svga_sh_opcode_count(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < sizeof(opinfo) / sizeof(opinfo[0]); i++)
		n += opinfo[i].name != NULL;
	return n;
}

int svga_sh_opcode_at(unsigned i)
{
	for (unsigned op = 0; op < sizeof(opinfo) / sizeof(opinfo[0]); op++) {
		if (!opinfo[op].name)
			continue;
		if (i-- == 0)
			return (int)op;
	}
	return -1;
}
