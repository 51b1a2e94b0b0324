#!/bin/sh
# SPDX-License-Identifier: MIT
# coherent-svga tests: the renderer's caches and per-phase timing, through
# svga-replay (issue 13's benchmark).
#   replay_frames.sh TEST REPLAY
# Records the harness test TEST (SVGA_TEST_CAPTURE), then replays each
# recording that draws twice on one device and renderer (--repeat 2
# --same-device --frames).  The first run must translate shaders and
# create pipelines; the second, on warm caches, neither (counters and
# the phases' times both zero).  In each run every phase's time is
# non-zero exactly where its work happened (translations, pipeline
# creations, submits, uploads and readbacks by their counters; the core
# always), and the phases sum to at most the run's wall time.  Both runs
# must match every guest-memory write of the recording.  Exit 77 when
# TEST skips (no Vulkan device).
set -u
test_exe=$1 replay=$2
name=$(basename "$test_exe")
d=$(mktemp -d /tmp/replay_frames.XXXXXX) || exit 2
trap 'rm -rf "$d"' EXIT
fail() { echo "$name: FAIL: $*" >&2; exit 1; }

SVGA_TEST_CAPTURE=$d/rec "$test_exe" >"$d/test.out" 2>&1
rc=$?
[ $rc = 77 ] && { cat "$d/test.out"; exit 77; }
[ $rc = 0 ] || { cat "$d/test.out" >&2; fail "$name exit $rc"; }

# check_totals FILE RUN: the checks of one run's "totals:" line; prints
# the line's fields as "key value" pairs to FILE.kv
check_totals() {
	line=$(sed -n "/^replay $2\\/2 /,/^totals:/p" "$1" | grep '^totals:')
	[ -n "$line" ] || { cat "$1" >&2; fail "$1 run $2: no totals line"; }
	echo "$line" | tr ' ' '\n' | sed -n 's/^\([a-z_-]*\)=\([0-9]*\)$/\1 \2/p' >"$1.$2.kv"
	awk -v run="$2" -v f="$1" '
	{ v[$1] = $2 }
	END {
		err = ""
		sum = 0
		for (k in v)
			if (k ~ /_ns$/ && k != "wall_ns" && k !~ /_cpu_ns$/)
				sum += v[k]
		if (sum > v["wall_ns"])
			err = err sprintf(" phases sum to %d ns, more than the wall time %d ns;", sum, v["wall_ns"])
		if (v["core_ns"] == 0)
			err = err " no time in the core;"
		n = split("translate_ns translations pipeline_ns pipelines gpu-wait_ns submits upload_ns upload_bytes readback_ns readback_bytes record_ns draws", p, " ")
		for (i = 1; i < n; i += 2)
			if ((v[p[i]] > 0) != (v[p[i + 1]] > 0))
				err = err sprintf(" %s %d with %s %d;", p[i], v[p[i]], p[i + 1], v[p[i + 1]])
		if (err != "") {
			printf "%s run %d:%s\n", f, run, err
			exit 1
		}
	}' "$1.$2.kv" >&2 || fail "run $2 of $1: phase times do not match the work done"
}

# kv FILE RUN KEY
kv() { sed -n "s/^$3 //p" "$1.$2.kv"; }

checked=0
for f in "$d"/rec.*; do
	[ -f "$f" ] || fail "no recordings"
	"$replay" "$f" --renderer on --repeat 2 --same-device --frames \
		>"$f.out" 2>"$f.err"
	rc=$?
	[ $rc = 0 ] || { cat "$f.out" "$f.err" >&2; fail "replay of $f: exit $rc"; }
	n=$(grep -c '^result: all [0-9]* guest-memory writes' "$f.out")
	[ "$n" = 2 ] || { cat "$f.out" >&2; fail "replay of $f: $n of 2 runs matched"; }
	check_totals "$f.out" 1
	check_totals "$f.out" 2
	[ "$(kv "$f.out" 1 draws)" -gt 0 ] || continue
	t1=$(kv "$f.out" 1 translations) p1=$(kv "$f.out" 1 pipelines)
	t2=$(kv "$f.out" 2 translations) p2=$(kv "$f.out" 2 pipelines)
	[ "$t1" -gt 0 ] && [ "$p1" -gt 0 ] ||
		fail "$f: the first run translated $t1 shaders and created $p1 pipelines (the recording draws: want both > 0)"
	[ "$t2" = 0 ] && [ "$p2" = 0 ] ||
		fail "$f: the second run, on the same renderer, translated $t2 shaders and created $p2 pipelines (want 0: the caches)"
	echo "$name: $(basename "$f"): run 1 translated $t1 and created $p1 pipelines in $(kv "$f.out" 1 wall_ns) ns; run 2 none, in $(kv "$f.out" 2 wall_ns) ns; $(kv "$f.out" 2 draws) draws each"
	checked=$((checked + 1))
done
[ "$checked" -gt 0 ] || fail "no recording draws"
exit 0
