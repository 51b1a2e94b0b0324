// SPDX-License-Identifier: MIT
/*
 * coh-trace: vmwgfx's coherency tracepoints (kernel/patches, vmwgfx_trace.h)
 * report what the kernel did.  With the vmwgfx events enabled in tracefs,
 * one page written to a coherent 64 KiB buffer and a GPU use must show as
 * a vmwgfx_coherency_upload of exactly that page; one byte read after a
 * GPU write as a vmwgfx_coherency_readback of exactly its page; and GPU
 * uses without CPU writes as a switch from page-table scanning to write
 * faults.  Prints TAP.
 */
#include "coh_lib.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACEFS "/sys/kernel/tracing"
#define BUF_BYTES (64u << 10)

static struct coh_env env;

static bool write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	bool ok;

	if (!f)
		return false;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

/* The whole trace buffer as one string (caller frees), or NULL. */
static char *read_trace(void)
{
	FILE *f = fopen(TRACEFS "/trace", "r");
	size_t len = 0, cap = 1 << 16, n;
	char *buf = malloc(cap);

	if (!f || !buf) {
		if (f)
			fclose(f);
		free(buf);
		return NULL;
	}
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 4096) {
			char *bigger = realloc(buf, cap * 2);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* Print the trace lines of one event as TAP diagnostics. */
static void diag_event(const char *trace, const char *event)
{
	for (const char *p = strstr(trace, event); p; p = strstr(p + 1, event)) {
		const char *eol = strchr(p, '\n');

		tap_diag("%.*s", (int)(eol ? eol - p : (long)strlen(p)), p);
	}
}

int main(void)
{
	const struct vmw_surface_desc desc =
		coh_desc(SVGA3D_BUFFER, SVGA3D_SURFACE_BIND_VERTEX_BUFFER,
			 BUF_BYTES, 1, 1, 1, 0);
	struct coh_surf coh, helper;
	volatile uint8_t sink;
	char *trace;
	int ret;

	tap_plan(4);
	coh_env_init(&env);
	if (!tap_ok(write_file(TRACEFS "/events/vmwgfx/enable", "1") &&
		    write_file(TRACEFS "/trace", ""),
		    "vmwgfx trace events enabled in " TRACEFS))
		tap_bail("no tracefs or no vmwgfx events (CONFIG_FTRACE?)");

	ret = coh_pair_create(&env, &desc, &coh, &helper);
	if (ret)
		tap_bail("surfaces: ret %d", ret);
	/* First use: the buffer moves into its MOB. */
	coh_fill(coh.map, 0, coh.size, 1);
	ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	/* one page written, then a GPU use: an upload of page 5 */
	write_file(TRACEFS "/trace", "");
	coh_fill(coh.map + 5 * COH_PAGE, 5 * COH_PAGE, COH_PAGE, 2);
	ret = ret ? ret : coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	/* GPU write, one byte read: a readback of page 7 */
	coh_fill(helper.map, 0, helper.size, 3);
	ret = ret ? ret : coh_gpu_write(&env, COH_COPY_BUFFER, &helper, &coh);
	sink = coh.map[7 * COH_PAGE + 3];
	(void)sink;
	/* GPU uses without CPU writes: page-table scans find nothing, and
	 * after a few the buffer switches to write-fault tracking */
	for (int i = 0; i < 4 && !ret; i++)
		ret = coh_gpu_read(&env, COH_COPY_BUFFER, &coh, &helper);
	if (ret)
		tap_bail("GPU commands: ret %d", ret);

	trace = read_trace();
	if (!trace)
		tap_bail("cannot read " TRACEFS "/trace");
	diag_event(trace, "vmwgfx_");
	tap_ok(strstr(trace, "vmwgfx_coherency_upload:") &&
	       strstr(trace, "range=0x5000-0x6000 commands=1 bytes=4096"),
	       "one page written: vmwgfx_coherency_upload of 0x5000-0x6000, 4096 bytes");
	tap_ok(strstr(trace, "vmwgfx_coherency_readback:") &&
	       strstr(trace, "range=0x7000-0x8000 commands=1 bytes=4096"),
	       "one byte read: vmwgfx_coherency_readback of 0x7000-0x8000, 4096 bytes");
	tap_ok(strstr(trace, "vmwgfx_dirty_method_switch:") &&
	       strstr(trace, "pages=16 pagetable->mkwrite"),
	       "idle GPU uses: vmwgfx_dirty_method_switch pagetable->mkwrite of the 16-page buffer");
	free(trace);
	write_file(TRACEFS "/events/vmwgfx/enable", "0");

	coh_surf_destroy(&env, &helper);
	coh_surf_destroy(&env, &coh);
	coh_env_fini(&env);
	return tap_finish();
}
