// SPDX-License-Identifier: MIT
/*
 * coherent-svga tests: the capture recorder's edges (capture/).  The size
 * limit and an I/O error stop the capture with a guest-error line and put
 * the embedder's memory ops back; a file that cannot be created is -1; a
 * capture started after the guest touched the device waits for a reset.
 * Round trips through svga-replay are tests/capture_replay.sh.
 */
#define _POSIX_C_SOURCE 200809L   /* mkdtemp, unsetenv under -std=c11 */
#include "harness.h"
#include "svga_capture_format.h"

#include <unistd.h>

static char dir[] = "/tmp/test_capture.XXXXXX";

static void path_in_dir(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static long file_size(const char *path, uint8_t last[12])
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	if (n >= 12) {
		fseek(f, -12, SEEK_END);
		if (fread(last, 12, 1, f) != 1)
			n = -1;
	}
	fclose(f);
	return n;
}

/* Traffic: command buffers of 4 KiB of NOPs, read from guest memory. */
static void nops(struct tdev *t, unsigned buffers)
{
	struct cbuf *c = calloc(1, sizeof(*c));

	for (unsigned i = 0; i < buffers; i++) {
		while (c->len < 4096)
			cb_3d(c, SVGA_3D_CMD_NOP, NULL, 0);
		run_ok(t, c, "nops");
	}
	free(c);
}

static bool ops_are_embedders(const struct tdev *t)
{
	return t->dev->mem.read == gm_read && t->dev->mem.write == gm_write &&
	       t->dev->mem_opaque == &t->g && t->dev->om.mem.read == gm_read &&
	       t->dev->om.opaque == &t->g;
}

static void test_limit(void)
{
	struct tdev t;
	char path[256];
	uint8_t last[12];
	long n;

	path_in_dir(path, sizeof(path), "limit");
	tdev_init(&t, 16);
	svga_dev_capture_set_limit(t.dev, 3000);
	CHECK_EQ(svga_dev_capture_start(t.dev, path), 0);
	CHECK_EQ(svga_dev_capture_state(t.dev), 2);
	CHECK(!ops_are_embedders(&t));
	t.g.quiet = true;
	nops(&t, 4);
	CHECK_EQ(svga_dev_capture_state(t.dev), 0);
	CHECK(ops_are_embedders(&t));
	CHECK(strstr(t.g.last_error, "size limit") != NULL);
	n = file_size(path, last);
	CHECK(n > 0 && n <= 3000);
	CHECK_EQ(svga_cap_get32(last), SVGA_CAP_END);
	CHECK_EQ(svga_cap_get32(last + 8), SVGA_CAP_END_LIMIT);
	tdev_fini(&t);
	unlink(path);
}

static void test_io_error(void)
{
	struct tdev t;

	tdev_init(&t, 16);
	if (access("/dev/full", W_OK)) {
		printf("test_capture: no /dev/full, I/O error case not run\n");
		tdev_fini(&t);
		return;
	}
	CHECK_EQ(svga_dev_capture_start(t.dev, "/dev/full"), 0);
	t.g.quiet = true;
	nops(&t, 4);
	CHECK_EQ(svga_dev_capture_state(t.dev), 0);
	CHECK(ops_are_embedders(&t));
	CHECK(strstr(t.g.last_error, "capture /dev/full") != NULL);
	tdev_fini(&t);
}

static void test_cannot_create(void)
{
	struct tdev t;
	char path[256];

	path_in_dir(path, sizeof(path), "no/such/dir");
	tdev_init(&t, 16);
	CHECK_EQ(svga_dev_capture_start(t.dev, path), -1);
	CHECK_EQ(svga_dev_capture_state(t.dev), 0);
	CHECK(ops_are_embedders(&t));
	tdev_fini(&t);
}

static void test_armed_until_reset(void)
{
	struct tdev t;
	char path[256];
	uint8_t last[12];
	long before;

	path_in_dir(path, sizeof(path), "armed");
	tdev_init(&t, 16);
	CHECK_EQ(svga_dev_reg_read(t.dev, SVGA_REG_ID), SVGA_ID_3);
	CHECK_EQ(svga_dev_capture_start(t.dev, path), 1);
	CHECK_EQ(svga_dev_capture_state(t.dev), 1);
	/* armed: nothing wrapped, nothing recorded */
	CHECK(ops_are_embedders(&t));
	nops(&t, 2);
	svga_dev_reset(t.dev);
	CHECK_EQ(svga_dev_capture_state(t.dev), 2);
	CHECK(!ops_are_embedders(&t));
	svga_dev_capture_stop(t.dev);
	CHECK_EQ(svga_dev_capture_state(t.dev), 0);
	CHECK(ops_are_embedders(&t));
	before = file_size(path, last);
	/* header + DEVCAPS + END: the session before the reset is not in it */
	CHECK_EQ(before, SVGA_CAP_MAGIC_LEN + 12 + SVGA_CAP_CONFIG_LEN +
		 SVGA_CAP_REC_HDR_LEN + 8 + 4 * SVGA_NUM_DEVCAPS +
		 SVGA_CAP_REC_HDR_LEN + 4);
	CHECK_EQ(svga_cap_get32(last + 8), SVGA_CAP_END_STOPPED);
	tdev_fini(&t);
	unlink(path);
}

int main(void)
{
	unsetenv("SVGA_TEST_CAPTURE");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	test_limit();
	test_io_error();
	test_cannot_create();
	test_armed_until_reset();
	rmdir(dir);
	return t_report("test_capture");
}
