/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * coherent-svga device core, capture layer: the recorder of everything
 * that crosses the embedder boundary (register reads and writes, process
 * calls, resets, guest-memory reads and writes) into a file that
 * tools/svga_replay.c replays without a VM.  Sits on top of protocol/:
 * the public entry points svga_dev_reg_read/_write, svga_dev_process,
 * svga_dev_reset and svga_dev_reset_counters are defined here and call protocol/'s *_now functions,
 * recording around them only while a capture runs.
 */
#ifndef SVGA_CAPTURE_H
#define SVGA_CAPTURE_H

#include "svga_dev.h"

/* Closes the capture file with an END record; no-op without a capture. */
void svga_capture_free(struct svga_dev *dev);

#endif
