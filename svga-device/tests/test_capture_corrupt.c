// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: svga-replay on broken recordings.  Given the tool
 * and a real recording (tests/capture_replay.sh makes one), it replays
 *  - the recording truncated at every offset below 512 bytes (the header
 *    and the first records) and at every 29th offset above: each must be
 *    exit 2 with one "svga-replay:" line;
 *  - a bad magic, a bad version, a record length past the end, a huge
 *    length: exit 2 with the expected message;
 *  - the recording with one byte flipped, at every offset of the first
 *    512 bytes and 500 pseudo-random ones after: exit 0, 1 or 2, never a
 *    signal, a sanitizer report (exit 99) or a hang (20 s alarm).
 * Each case is a process of its own; the sampling keeps the test near 10 s
 * on an idle 2-core machine (the fuzzers cover the reader in depth).
 * usage: test_capture_corrupt SVGA_REPLAY RECORDING
 */
#define _POSIX_C_SOURCE 200809L   /* mkdtemp, setenv under -std=c11 */
#include "svga_capture_format.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *tool;
static char dir[] = "/tmp/test_capture_corrupt.XXXXXX";
static char file[300], errfile[300];
static unsigned runs, failures;

static bool write_file(const uint8_t *p, size_t n)
{
	FILE *f = fopen(file, "wb");
	bool ok = f && (n == 0 || fwrite(p, n, 1, f) == 1);

	if (f && fclose(f))
		ok = false;
	return ok;
}

/* Runs the tool on file; returns its exit code, or 128 + signal. */
static int run_tool(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(fd, 2);
		alarm(20);
		execl(tool, tool, file, "--renderer", "off", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	runs++;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* stderr of the last run: lines starting "svga-replay:", and whether one
 * contains want. */
static unsigned error_lines(const char *want, bool *found)
{
	FILE *f = fopen(errfile, "r");
	char line[1024];
	unsigned n = 0;

	*found = false;
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "svga-replay:", 12))
			n++;
		if (want && strstr(line, want))
			*found = true;
	}
	if (f)
		fclose(f);
	return n;
}

static void expect_error(const uint8_t *p, size_t n, const char *want,
			 const char *what)
{
	bool found;
	int rc;
	unsigned lines;

	if (!write_file(p, n)) {
		fprintf(stderr, "cannot write %s\n", file);
		exit(2);
	}
	rc = run_tool();
	lines = error_lines(want, &found);
	if (rc != 2 || lines != 1 || (want && !found)) {
		if (failures++ < 10)
			fprintf(stderr, "%s: exit %d, %u error lines%s\n",
				what, rc, lines,
				want && !found ? ", message missing" : "");
	}
}

int main(int argc, char **argv)
{
	uint8_t *rec, *buf;
	size_t n;
	FILE *f;
	unsigned truncations = 0, flips = 0;
	uint32_t seed = 12345;

	if (argc != 3) {
		fprintf(stderr, "usage: %s SVGA_REPLAY RECORDING\n", argv[0]);
		return 2;
	}
	tool = argv[1];
	f = fopen(argv[2], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (long)(n = (size_t)ftell(f)) < 0) {
		perror(argv[2]);
		return 2;
	}
	rewind(f);
	rec = malloc(n);
	buf = malloc(n);
	if (!rec || !buf || fread(rec, n, 1, f) != 1 || !mkdtemp(dir)) {
		perror("setup");
		return 2;
	}
	fclose(f);
	snprintf(file, sizeof(file), "%s/rec", dir);
	snprintf(errfile, sizeof(errfile), "%s/stderr", dir);
	/* a sanitizer report must not pass for exit 1 (a mismatch) */
	setenv("ASAN_OPTIONS", "exitcode=99", 1);
	setenv("UBSAN_OPTIONS", "halt_on_error=1:exitcode=99", 1);

	/* the recording itself replays (exit 0) */
	if (!write_file(rec, n) || run_tool() != 0) {
		fprintf(stderr, "the intact recording does not replay\n");
		return 1;
	}

	for (size_t cut = 0; cut < n; cut += cut < 512 ? 1 : 29) {
		char what[64];

		snprintf(what, sizeof(what), "truncated at %zu", cut);
		expect_error(rec, cut, NULL, what);
		truncations++;
	}

	memcpy(buf, rec, n);
	buf[0] ^= 0x20;
	expect_error(buf, n, "bad magic", "bad magic");
	memcpy(buf, rec, n);
	svga_cap_put32(buf + SVGA_CAP_MAGIC_LEN, SVGA_CAP_VERSION + 1);
	expect_error(buf, n, "version", "bad version");
	{
		/* the first record's length: past the end, and huge */
		size_t first = svga_cap_get32(rec + SVGA_CAP_MAGIC_LEN + 4);

		memcpy(buf, rec, n);
		svga_cap_put32(buf + first + 4, (uint32_t)(n - first));
		expect_error(buf, n, "past the end", "length past the end");
		svga_cap_put32(buf + first + 4, 0xfffffff0u);
		expect_error(buf, n, "past the end", "huge length");
	}

	for (size_t k = 0, dense = n < 512 ? n : 512; k < dense + 500;
	     k++, flips++) {
		size_t at;
		int rc;

		if (k < dense) {
			at = k;
		} else {
			seed = seed * 1103515245u + 12345u;
			at = (seed >> 8) % n;
		}
		memcpy(buf, rec, n);
		buf[at] ^= (uint8_t)(1u << (k % 8));
		if (!write_file(buf, n))
			return 2;
		rc = run_tool();
		if (rc < 0 || rc > 2) {
			if (failures++ < 10)
				fprintf(stderr, "byte %zu flipped: exit %d\n",
					at, rc);
		}
	}

	unlink(file);
	unlink(errfile);
	rmdir(dir);
	printf("test_capture_corrupt: %zu-byte recording, %u truncations, "
	       "%u byte flips, %u runs, %u failures\n", n, truncations, flips,
	       runs, failures);
	free(rec);
	free(buf);
	return failures ? 1 : 0;
}
