// SPDX-License-Identifier: MIT
/*
 * coherent-svga tools: reading a capture file.  The file is read as a
 * stream (recordings can be larger than memory); each record's length is
 * checked against what is left of the file before anything is allocated,
 * so a truncated or corrupt file is an error message, never a crash or a
 * huge allocation.
 */
#define _POSIX_C_SOURCE 200809L   /* fileno, fstat under -std=c11 */
#include "capture_reader.h"
#include "svga_capture_format.h"
#include "svga_dev.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int fail(struct cap_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct cap_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	return -1;
}

const char *cap_type_name(uint32_t type)
{
	static const char *const names[] = {
		[SVGA_CAP_REG_WRITE] = "REG_WRITE",
		[SVGA_CAP_REG_READ] = "REG_READ",
		[SVGA_CAP_PROCESS] = "PROCESS",
		[SVGA_CAP_PROCESS_DONE] = "PROCESS_DONE",
		[SVGA_CAP_MEM_READ] = "MEM_READ",
		[SVGA_CAP_MEM_WRITE] = "MEM_WRITE",
		[SVGA_CAP_RESET] = "RESET",
		[SVGA_CAP_DEVCAPS] = "DEVCAPS",
		[SVGA_CAP_END] = "END",
		[SVGA_CAP_RESET_COUNTERS] = "RESET_COUNTERS",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "unknown";
}

static int read_exact(struct cap_reader *r, void *buf, size_t len,
		      const char *what)
{
	if (len && fread(buf, len, 1, r->f) != 1)
		return fail(r, "%s at offset %llu: %s", what,
			    (unsigned long long)r->off,
			    ferror(r->f) ? strerror(errno)
					 : "file truncated");
	return 0;
}

int cap_open(struct cap_reader *r, const char *path)
{
	uint8_t h[SVGA_CAP_MAGIC_LEN + 12 + SVGA_CAP_CONFIG_LEN];
	const uint8_t *p = h + SVGA_CAP_MAGIC_LEN + 12;
	struct svga_config *cfg = &r->cfg;
	uint32_t hlen, cflags;
	uint32_t *u32s[10] = {
		&cfg->vram_size, &cfg->max_primary_mem,
		&cfg->gbobject_mem_kb, &cfg->mob_max_size, &cfg->max_width,
		&cfg->max_height, &cfg->stdu_max_width,
		&cfg->stdu_max_height, &cfg->max_texture_size,
		&cfg->num_displays,
	};
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->f = fopen(path, "rb");
	if (!r->f)
		return fail(r, "%s: %s", path, strerror(errno));
	if (fstat(fileno(r->f), &st) || !S_ISREG(st.st_mode))
		return fail(r, "%s: not a regular file", path);
	r->size = (uint64_t)st.st_size;
	if (r->size < SVGA_CAP_MAGIC_LEN + 12)
		return fail(r, "%s: file truncated: %llu bytes, shorter than "
			    "a header", path, (unsigned long long)r->size);
	if (read_exact(r, h, SVGA_CAP_MAGIC_LEN + 12, "header"))
		return -1;
	if (memcmp(h, SVGA_CAP_MAGIC, SVGA_CAP_MAGIC_LEN))
		return fail(r, "%s: not a coherent-svga capture (bad magic)",
			    path);
	r->version = svga_cap_get32(h + SVGA_CAP_MAGIC_LEN);
	hlen = svga_cap_get32(h + SVGA_CAP_MAGIC_LEN + 4);
	r->flags = svga_cap_get32(h + SVGA_CAP_MAGIC_LEN + 8);
	if (r->version != SVGA_CAP_VERSION)
		return fail(r, "%s: capture version %u, this tool reads "
			    "version %u", path, r->version,
			    SVGA_CAP_VERSION);
	if (hlen < sizeof(h))
		return fail(r, "%s: header length %u, version %u needs %zu",
			    path, hlen, r->version, sizeof(h));
	if (hlen > r->size)
		return fail(r, "%s: header length %u past the end of the "
			    "file (%llu bytes)", path, hlen,
			    (unsigned long long)r->size);
	if (r->flags & ~SVGA_CAP_HDR_SYNC)
		return fail(r, "%s: unknown header flags 0x%x", path,
			    r->flags);
	r->off = SVGA_CAP_MAGIC_LEN + 12;
	if (read_exact(r, h + r->off, SVGA_CAP_CONFIG_LEN, "header"))
		return -1;
	for (unsigned i = 0; i < 10; i++, p += 4)
		*u32s[i] = svga_cap_get32(p);
	cfg->max_host_storage = svga_cap_get64(p);
	cfg->max_mob_pages = svga_cap_get64(p + 8);
	cfg->max_objects = svga_cap_get32(p + 16);
	cflags = svga_cap_get32(p + 20);
	if (cflags & ~(SVGA_CAP_CFG_DROP_UPDATES |
		       SVGA_CAP_CFG_DROP_READBACKS))
		return fail(r, "%s: unknown config flags 0x%x", path, cflags);
	cfg->drop_updates = cflags & SVGA_CAP_CFG_DROP_UPDATES;
	cfg->drop_readbacks = cflags & SVGA_CAP_CFG_DROP_READBACKS;
	/* a later minor addition to the header is skipped */
	if (fseek(r->f, (long)hlen, SEEK_SET))
		return fail(r, "%s: %s", path, strerror(errno));
	r->off = hlen;
	return 0;
}

void cap_close_reader(struct cap_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* Checks the payload length of rec against its type and decodes it. */
static int decode(struct cap_reader *r, struct cap_rec *rec)
{
	const uint8_t *p = rec->payload;
	uint32_t want;

	switch (rec->type) {
	case SVGA_CAP_REG_WRITE:
	case SVGA_CAP_REG_READ:
		want = 8;
		break;
	case SVGA_CAP_PROCESS:
	case SVGA_CAP_RESET:
	case SVGA_CAP_RESET_COUNTERS:
		want = 0;
		break;
	case SVGA_CAP_PROCESS_DONE:
	case SVGA_CAP_END:
		want = 4;
		break;
	case SVGA_CAP_MEM_READ:
	case SVGA_CAP_MEM_WRITE:
		if (rec->len < SVGA_CAP_MEM_HDR_LEN)
			goto bad_len;
		rec->gpa = svga_cap_get64(p);
		rec->data_len = svga_cap_get32(p + 8);
		rec->rc = (int32_t)svga_cap_get32(p + 12);
		rec->data = p + SVGA_CAP_MEM_HDR_LEN;
		if (rec->data_len > UINT32_MAX - SVGA_CAP_MEM_HDR_LEN)
			goto bad_len;
		want = SVGA_CAP_MEM_HDR_LEN + rec->data_len;
		if (rec->type == SVGA_CAP_MEM_READ && rec->rc) {
			want = SVGA_CAP_MEM_HDR_LEN;
			rec->data = NULL;
		}
		break;
	case SVGA_CAP_DEVCAPS:
		if (rec->len < 8)
			goto bad_len;
		rec->a = svga_cap_get32(p);
		rec->b = svga_cap_get32(p + 4);
		if (rec->b != SVGA_NUM_DEVCAPS)
			return fail(r, "record %llu at offset %llu: %u "
				    "devcaps, this build has %u",
				    (unsigned long long)r->recno,
				    (unsigned long long)rec->offset, rec->b,
				    (unsigned)SVGA_NUM_DEVCAPS);
		rec->data = p + 8;
		want = 8 + 4 * rec->b;
		break;
	default:
		return fail(r, "record %llu at offset %llu: unknown type %u",
			    (unsigned long long)r->recno,
			    (unsigned long long)rec->offset, rec->type);
	}
	if (rec->len != want)
		goto bad_len;
	if (want >= 8 && (rec->type == SVGA_CAP_REG_WRITE ||
			  rec->type == SVGA_CAP_REG_READ)) {
		rec->a = svga_cap_get32(p);
		rec->b = svga_cap_get32(p + 4);
	} else if (want == 4) {
		rec->a = svga_cap_get32(p);
	}
	return 0;
bad_len:
	return fail(r, "record %llu at offset %llu: %s with a payload of %u "
		    "bytes does not match its fields",
		    (unsigned long long)r->recno,
		    (unsigned long long)rec->offset, cap_type_name(rec->type),
		    rec->len);
}

int cap_next(struct cap_reader *r, struct cap_rec *rec)
{
	uint8_t h[SVGA_CAP_REC_HDR_LEN];

	memset(rec, 0, sizeof(*rec));
	if (r->off == r->size)
		return 0;
	r->recno++;
	rec->offset = r->off;
	if (r->size - r->off < sizeof(h))
		return fail(r, "record %llu at offset %llu: file truncated "
			    "inside the record header",
			    (unsigned long long)r->recno,
			    (unsigned long long)r->off);
	if (read_exact(r, h, sizeof(h), "record header"))
		return -1;
	r->off += sizeof(h);
	rec->type = svga_cap_get32(h);
	rec->len = svga_cap_get32(h + 4);
	if (rec->len > r->size - r->off)
		return fail(r, "record %llu at offset %llu: %s payload of %u "
			    "bytes runs past the end of the file (%llu bytes "
			    "left): file truncated or corrupt",
			    (unsigned long long)r->recno,
			    (unsigned long long)rec->offset,
			    cap_type_name(rec->type), rec->len,
			    (unsigned long long)(r->size - r->off));
	if (rec->len > r->buf_cap) {
		uint8_t *nb = realloc(r->buf, rec->len);

		if (!nb)
			return fail(r, "record %llu: no memory for %u bytes",
				    (unsigned long long)r->recno, rec->len);
		r->buf = nb;
		r->buf_cap = rec->len;
	}
	if (read_exact(r, r->buf, rec->len, "record payload"))
		return -1;
	r->off += rec->len;
	rec->payload = r->buf;
	return decode(r, rec) ? -1 : 1;
}
