#!/bin/sh
# SPDX-License-Identifier: MIT
# coherent-svga tests: capture and replay round trip (issue 13).
#   capture_replay.sh TEST REPLAY RENDERER [CORRUPT]
# Runs the harness test TEST with SVGA_TEST_CAPTURE so that each device it
# creates is recorded, then replays every recording twice with REPLAY
# (--renderer RENDERER): both runs must match every guest-memory write
# (READBACKs, buffer status) and register read of the recording, and give
# the same counters.  Then a replay with one register write dropped must
# fail (exit 1), --cmdbufs must write the recording's command buffers as
# fuzz seeds, and CORRUPT (test_capture_corrupt) runs on the smallest
# recording.  Exit 77 when TEST skips (no Vulkan device).
set -u
test_exe=$1 replay=$2 renderer=$3 corrupt=${4:-}
name=$(basename "$test_exe")
d=$(mktemp -d /tmp/capture_replay.XXXXXX) || exit 2
trap 'rm -rf "$d"' EXIT
fail() { echo "$name: FAIL: $*" >&2; exit 1; }

SVGA_TEST_CAPTURE=$d/rec "$test_exe" >"$d/test.out" 2>&1
rc=$?
[ $rc = 77 ] && { cat "$d/test.out"; exit 77; }
[ $rc = 0 ] || { cat "$d/test.out" >&2; fail "$name exit $rc"; }

files=0 writes=0 best= best_w=0 small= small_n=
for f in "$d"/rec.*; do
	[ -f "$f" ] || fail "no recordings"
	files=$((files + 1))
	"$replay" "$f" --renderer "$renderer" --repeat 2 >"$f.out" 2>"$f.err"
	rc=$?
	[ $rc = 0 ] || { cat "$f.out" "$f.err" >&2; fail "replay of $f: exit $rc"; }
	n=$(grep -c '^result: all [0-9]* guest-memory writes' "$f.out")
	[ "$n" = 2 ] || fail "replay of $f: $n of 2 runs matched"
	# the two runs report the same, apart from the run number
	sed -n '/^replay 1\/2/,/^result/p' "$f.out" | sed 1d >"$f.r1"
	sed -n '/^replay 2\/2/,/^result/p' "$f.out" | sed 1d >"$f.r2"
	cmp -s "$f.r1" "$f.r2" || { diff "$f.r1" "$f.r2" >&2; fail "$f: runs differ"; }
	w=$(sed -n 's/^result: all \([0-9]*\) guest-memory writes.*/\1/p' "$f.r1")
	writes=$((writes + w))
	rw=$(sed -n 's/^  register writes \([0-9]*\),.*/\1/p' "$f.r1")
	if [ "$rw" -gt "$best_w" ]; then best=$f best_w=$rw; fi
	sz=$(wc -c <"$f")
	if [ "$w" -gt 0 ] && { [ -z "$small" ] || [ "$sz" -lt "$small_n" ]; }; then
		small=$f small_n=$sz
	fi
	grep -q '^  renderer ' "$f.r1" && grep '^  renderer ' "$f.r1"
done
[ "$writes" -gt 0 ] || fail "the recordings hold no guest-memory write"
echo "$name: $files recordings, $writes guest-memory writes matched, twice each"

# a replay that drops a register write (the last: a COMMAND_LOW in these
# harness tests) must fail
"$replay" "$best" --renderer "$renderer" --drop-reg-write "$best_w" \
	>"$d/drop.out" 2>"$d/drop.err"
rc=$?
[ $rc = 1 ] || { cat "$d/drop.out" "$d/drop.err" >&2; fail "replay with register write $best_w dropped: exit $rc, want 1"; }
echo "$name: register write $best_w of $(basename "$best") dropped: exit 1, $(grep -m1 'svga-replay:\|mismatch' "$d/drop.err")"

# the recording's command buffers as fuzz seeds: as many files as the
# device ran buffers by address, each a flags byte (0-3) and commands
mkdir "$d/seeds"
"$replay" "$best" --renderer "$renderer" --cmdbufs "$d/seeds" >"$d/seeds.out" 2>&1 ||
	{ cat "$d/seeds.out" >&2; fail "replay with --cmdbufs failed"; }
n=$(find "$d/seeds" -type f | wc -l)
said=$(sed -n 's/^  fuzz seeds: \([0-9]*\) command buffers.*/\1/p' "$d/seeds.out")
[ "$n" -gt 0 ] && [ "$n" = "$said" ] || fail "--cmdbufs wrote $n files, reported ${said:-none}"
for f in "$d"/seeds/*; do
	b=$(od -An -tu1 -N1 "$f" | tr -d ' ')
	[ "$b" -le 3 ] && [ "$(wc -c <"$f")" -gt 1 ] || fail "seed $f: flags byte $b, $(wc -c <"$f") bytes"
done
echo "$name: --cmdbufs wrote $n fuzz seeds from $(basename "$best")"

if [ -n "$corrupt" ]; then
	"$corrupt" "$replay" "$small" || fail "corrupt recordings"
fi
exit 0
