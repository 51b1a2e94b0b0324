/* SPDX-License-Identifier: GPL-2.0-or-later */
/* svga_md5: RFC 1321's test suite, and split updates equal one update. */
#include "svga_md5.h"

#include <stdio.h>
#include <string.h>

static int failures, checks;

static void hex(const uint8_t d[16], char out[33])
{
	for (unsigned i = 0; i < 16; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void check_vector(const char *msg, const char *want)
{
	struct svga_md5 md5;
	uint8_t d[16];
	char got[33];

	svga_md5_init(&md5);
	svga_md5_update(&md5, msg, strlen(msg));
	svga_md5_final(&md5, d);
	hex(d, got);
	checks++;
	if (strcmp(got, want)) {
		failures++;
		fprintf(stderr, "MD5(\"%s\") = %s, want %s\n", msg, got, want);
	}
}

/* Every split of a 150-byte message gives the one-shot digest (both finals). */
static void check_splits(void)
{
	uint8_t msg[150], whole[2][16], part[2][16];
	struct svga_md5 md5;

	for (unsigned i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7 + 3);
	for (int dxbc = 0; dxbc < 2; dxbc++) {
		svga_md5_init(&md5);
		svga_md5_update(&md5, msg, sizeof(msg));
		(dxbc ? svga_md5_final_dxbc : svga_md5_final)(&md5, whole[dxbc]);
	}
	for (size_t cut = 0; cut <= sizeof(msg); cut++) {
		for (int dxbc = 0; dxbc < 2; dxbc++) {
			svga_md5_init(&md5);
			svga_md5_update(&md5, msg, cut);
			svga_md5_update(&md5, msg + cut, sizeof(msg) - cut);
			(dxbc ? svga_md5_final_dxbc : svga_md5_final)(&md5, part[dxbc]);
			checks++;
			if (memcmp(whole[dxbc], part[dxbc], 16)) {
				failures++;
				fprintf(stderr, "split at %zu changes the %s digest\n", cut, dxbc ? "DXBC" : "MD5");
			}
		}
	}
	/* The DXBC variant is a different function of the same bytes. */
	checks++;
	if (!memcmp(whole[0], whole[1], 16)) {
		failures++;
		fprintf(stderr, "DXBC final block gives the plain MD5 digest\n");
	}
}

int main(void)
{
	/* RFC 1321, appendix A.5. */
	check_vector("", "d41d8cd98f00b204e9800998ecf8427e");
	check_vector("a", "0cc175b9c0f1b6a831c399e269772661");
	check_vector("abc", "900150983cd24fb0d6963f7d28e17f72");
	check_vector("message digest", "f96b697d7cb7938d525a2f31aaf161d0");
	check_vector("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b");
	check_vector("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		     "d174ab98d277d9f5a5611c2c9f419d9f");
	check_vector("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		     "57edf4a22be3c955ac49da2e2107b67a");
	check_splits();
	printf("test_vkd3d_md5: %d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
