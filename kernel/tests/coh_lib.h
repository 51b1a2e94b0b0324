/* SPDX-License-Identifier: MIT */
/*
 * Shared machinery of the coherency suite (coh-* programs).
 *
 * A test owns a COHERENT surface (drm_vmw_surface_flag_coherent) that it
 * only ever touches through its CPU mapping and GPU commands that read or
 * write it: never UPDATE/READBACK/SYNCCPU, so any data that reaches the
 * device or comes back from it was moved by the kernel.  To observe the
 * device's copy it uses NON-coherent helper surfaces of identical layout,
 * moved explicitly (UPDATE_GB_SURFACE / READBACK_GB_SURFACE): the device
 * model keeps surfaces in host storage, so a forgotten upload or readback
 * shows up as stale bytes.  Identical layouts mean a helper's backing
 * buffer is byte-for-byte comparable with the coherent one, whatever the
 * format, mip chain or layer count.
 */
#ifndef COH_LIB_H
#define COH_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coh_kstats.h"
#include "svga_cmds.h"
#include "svga_counters.h"
#include "vmw_uapi.h"

#define COH_PAGE 4096u

/*
 * Known kernel defects of Linux (6.1 and 6.12) that made cases fail, all
 * fixed by kernel/patches (scripts/test --pristine-baseline shows them):
 * DESIGN.md defect 2 (max() instead of a clamp in
 * vmw_bo_dirty_transfer_to_res); overlapping resources on one MOB, where
 * the first one validated consumed the shared pages' dirty bits; writes
 * lost when the first validation moves a buffer into its MOB; and
 * page-table-tracked writes of a process that exits before the next scan.
 */

/* Buffers below this many pages start with page-table scanning,
 * larger ones with mkwrite tracking (vmw_bo_dirty_add). */
#define COH_PAGETABLE_LIMIT (COH_PAGE / 8u)

/* How the GPU copies one surface into another of the same layout. */
enum coh_copy {
	COH_COPY_SURFACE,     /* SURFACE_COPY per (face/layer, mip)        */
	COH_COPY_PRED_REGION, /* DX_PRED_COPY_REGION per subresource       */
	COH_COPY_BUFFER,      /* DX_BUFFER_COPY (buffer surfaces)          */
};

struct coh_env {
	int fd;
	uint32_t dx;                /* DX context for DX commands           */
	struct svga_counters ctr;
	bool have_ctr;
	/* bytes moved by our own explicit transfers on helper surfaces, so
	 * measurements can subtract them from the device totals */
	uint64_t explicit_to_host, explicit_to_guest;
};

struct coh_surf {
	struct vmw_surface_desc desc;
	struct vmw_surface s;
	uint8_t *map;          /* MAP_SHARED mapping of the backing buffer */
	size_t size;           /* backup_size: the bytes of the surface    */
	size_t map_size;       /* bytes mapped                             */
	uint32_t layers, mips;
	bool coherent;
};

/* Open the render node, create a DX context, map the counters; bails out
 * (TAP) when the basics are missing. */
void coh_env_init(struct coh_env *e);
void coh_env_fini(struct coh_env *e);

struct vmw_surface_desc coh_desc(uint32_t format, uint64_t flags,
				 uint32_t w, uint32_t h, uint32_t d,
				 uint32_t mips, uint32_t array_size);
/* Create (with its own buffer, or on buffer_handle if not VMW_INVALID_ID)
 * and map; 0 or negative errno. */
int coh_surf_create(struct coh_env *e, const struct vmw_surface_desc *d,
		    bool coherent, uint32_t buffer_handle, struct coh_surf *s);
void coh_surf_destroy(struct coh_env *e, struct coh_surf *s);
/* A coherent surface with its own buffer and a non-coherent helper of the
 * same layout; on failure neither is left. 0 or negative errno. */
int coh_pair_create(struct coh_env *e, const struct vmw_surface_desc *d,
		    struct coh_surf *coh, struct coh_surf *helper);

uint32_t coh_mip_dim(uint32_t base, uint32_t mip);
void coh_emit_copy(struct svga_cmd_stream *cs, enum coh_copy how,
		   const struct coh_surf *src, const struct coh_surf *dst);
/* Submit on the DX context and wait for the fence. */
int coh_submit(struct coh_env *e, const struct svga_cmd_stream *cs);

/* GPU reads the coherent surface: copy it into helper, READBACK the
 * helper explicitly, wait.  helper->map then shows the device's copy. */
int coh_gpu_read(struct coh_env *e, enum coh_copy how,
		 const struct coh_surf *coh, struct coh_surf *helper);
/* GPU writes the coherent surface: UPDATE the helper (whose mapping the
 * caller filled) explicitly, copy it into coh, wait. */
int coh_gpu_write(struct coh_env *e, enum coh_copy how,
		  struct coh_surf *helper, const struct coh_surf *coh);

/* Deterministic test data: byte at offset off of stream seed. */
uint8_t coh_byte(uint32_t seed, size_t off);
void coh_fill(uint8_t *dst, size_t off, size_t n, uint32_t seed);
/* Number of differing bytes; *first gets the first (or n). */
size_t coh_diff(const uint8_t *got, const uint8_t *want, size_t n,
		size_t *first);
/* Report a mismatch region as TAP diagnostics. */
void coh_diag_diff(const char *what, const uint8_t *got, const uint8_t *want,
		   size_t n);

/* Amplification measurement around one case. */
struct coh_meas {
	struct svga_counter t0;
	uint64_t h0, g0;
	uint64_t dirtied;   /* bytes the CPU wrote, rounded to pages */
	uint64_t read;      /* bytes the CPU read, rounded to pages  */
	/* filled by coh_meas_end() when the device counters are mapped */
	bool measured;
	uint64_t uploaded, read_back;
};
void coh_meas_begin(struct coh_env *e, struct coh_meas *m);
/* Count [off, off+n) as written/read, in whole pages. */
void coh_meas_wrote(struct coh_meas *m, size_t off, size_t n);
void coh_meas_read(struct coh_meas *m, size_t off, size_t n);
/* Print: dirtied, uploaded (kernel's to_host), read, read back. */
void coh_meas_end(struct coh_env *e, struct coh_meas *m, const char *what);
/*
 * Economy targets of issue 5, each one TAP case (skipped without device
 * counters): the kernel uploads at most COH_MAX_AMPLIFICATION times the
 * bytes the CPU dirtied, and reads back at most that times the bytes the
 * CPU read (both rounded to pages).  Call after coh_meas_end().
 */
#define COH_MAX_AMPLIFICATION 1.25
bool coh_meas_check_upload(const struct coh_meas *m, const char *what);
bool coh_meas_check_readback(const struct coh_meas *m, const char *what);

/* Simple PRNG (xorshift32), state must be non-zero. */
uint32_t coh_rand(uint32_t *state);
/* Minor page faults of this process so far (write-fault counting). */
uint64_t coh_minflt(void);

#endif
