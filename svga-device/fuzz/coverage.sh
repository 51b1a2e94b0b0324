#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# svga-device/fuzz/coverage.sh: line coverage of the device core and of the
# shader translator reached by the fuzzers' corpora.
#
# Builds fuzz_cmdbuf and fuzz_shader once more with clang's source-based
# coverage (-fprofile-instr-generate -fcoverage-mapping, same sanitizers),
# replays each corpus through its target (libFuzzer -runs=0: every input
# once, no mutation), merges the profiles (llvm-profdata) and prints the
# line coverage per directory (llvm-cov export) for commands/, protocol/,
# objects/ and shader/, plus the shader parser and validator files alone.
#
# Usage: coverage.sh [CMDBUF_CORPUS_DIR...] [-- SHADER_CORPUS_DIR...]
#   without arguments: the committed seeds plus what scripts/test's fuzz
#   runs kept ($CSVGA_CACHE/work/corpus-fuzz_*).
# Output: the table on stdout; profiles and llvm-cov's per-file report in
# $COV_BUILD/coverage/ (the path is printed).
. "$(dirname "$0")/../../scripts/lib.sh"

COV_BUILD=${COV_BUILD:-$CSVGA_CACHE/work/meson-fuzz-cov}
out=$COV_BUILD/coverage
fuzz_dir=$CSVGA_ROOT/svga-device/fuzz

cmdbuf_corpora=() shader_corpora=()
to_shader=0
for a in "$@"; do
	if [ "$a" = "--" ]; then
		to_shader=1
	elif [ "$to_shader" = 1 ]; then
		shader_corpora+=("$a")
	else
		cmdbuf_corpora+=("$a")
	fi
done
if [ $# -eq 0 ]; then
	cmdbuf_corpora=("$fuzz_dir/corpus")
	shader_corpora=("$fuzz_dir/corpus-shader")
	[ -d "$CSVGA_CACHE/work/corpus-fuzz_cmdbuf" ] &&
		cmdbuf_corpora+=("$CSVGA_CACHE/work/corpus-fuzz_cmdbuf")
	[ -d "$CSVGA_CACHE/work/corpus-fuzz_shader" ] &&
		shader_corpora+=("$CSVGA_CACHE/work/corpus-fuzz_shader")
fi

need_pkgs clang libclang-rt-14-dev llvm meson ninja-build python3

build_cov() {
	. "$CSVGA_ROOT/scripts/sources.sh"
	local ksrc opts
	ksrc=$(pristine_tree linux)
	# meson's compiler checks run instrumented programs: keep their
	# profiles out of the current directory
	export LLVM_PROFILE_FILE=$out/build-%p.profraw
	opts=(-Dfuzz=true -Dkernel_src="$ksrc"
	      "-Dc_args=-fprofile-instr-generate -fcoverage-mapping"
	      "-Dc_link_args=-fprofile-instr-generate")
	if [ -f "$COV_BUILD/build.ninja" ]; then
		CC=clang meson setup --reconfigure "$COV_BUILD" "$CSVGA_ROOT" "${opts[@]}"
	else
		CC=clang meson setup "$COV_BUILD" "$CSVGA_ROOT" "${opts[@]}"
	fi
	ninja -C "$COV_BUILD" svga-device/fuzz/fuzz_cmdbuf svga-device/fuzz/fuzz_shader
}

mkdir -p "$out"
step "building the fuzzers with coverage instrumentation" "$out/build.log" build_cov ||
	die "coverage build failed (log: $out/build.log)" \
	    "check that the fuzz build works: CC=clang meson setup ... -Dfuzz=true"

# replay NAME DIR...: run every input of the corpora once, keep the profile.
replay() {
	local name=$1 bin=$COV_BUILD/svga-device/fuzz/$1
	shift
	rm -f "$out/$name"-*.profraw
	LLVM_PROFILE_FILE="$out/$name-%p.profraw" \
		"$bin" -runs=0 -rss_limit_mb=4096 -timeout=30 "$@"
	llvm-profdata merge -sparse "$out/$name"-*.profraw -o "$out/$name.profdata"
}

objects=()
if [ ${#cmdbuf_corpora[@]} -gt 0 ]; then
	step "replaying ${cmdbuf_corpora[*]} through fuzz_cmdbuf" "$out/replay-cmdbuf.log" \
		replay fuzz_cmdbuf "${cmdbuf_corpora[@]}" ||
		die "fuzz_cmdbuf replay failed (log: $out/replay-cmdbuf.log)" \
		    "an input crashes the target: run it alone for the report"
	objects+=(fuzz_cmdbuf)
fi
if [ ${#shader_corpora[@]} -gt 0 ] && [ -x "$COV_BUILD/svga-device/fuzz/fuzz_shader" ]; then
	step "replaying ${shader_corpora[*]} through fuzz_shader" "$out/replay-shader.log" \
		replay fuzz_shader "${shader_corpora[@]}" ||
		die "fuzz_shader replay failed (log: $out/replay-shader.log)" \
		    "an input crashes the target: run it alone for the report"
	objects+=(fuzz_shader)
fi

# Per target: llvm-cov's per-file report (kept) and its JSON summary.
for name in "${objects[@]}"; do
	llvm-cov report "$COV_BUILD/svga-device/fuzz/$name" \
		-instr-profile="$out/$name.profdata" >"$out/$name-report.txt"
	llvm-cov export -summary-only "$COV_BUILD/svga-device/fuzz/$name" \
		-instr-profile="$out/$name.profdata" >"$out/$name-summary.json"
done
say "per-file reports: $out/<target>-report.txt"

python3 - "$out" "${objects[@]}" <<'PY'
import json, re, sys
out, targets = sys.argv[1], sys.argv[2:]
# (label, target, path regex) -- the device core's layers from fuzz_cmdbuf,
# the shader translator from fuzz_shader.
rows = [
    ("commands/", "fuzz_cmdbuf", r"/svga-device/commands/"),
    ("protocol/", "fuzz_cmdbuf", r"/svga-device/protocol/"),
    ("  protocol/svga_cmd_table.c", "fuzz_cmdbuf", r"/protocol/svga_cmd_table\.c$"),
    ("objects/", "fuzz_cmdbuf", r"/svga-device/objects/"),
    ("shader/", "fuzz_shader", r"/svga-device/shader/"),
    ("  shader/svga_shader_parse.c", "fuzz_shader", r"/shader/svga_shader_parse\.c$"),
    ("  shader/svga_shader_validate*.c", "fuzz_shader", r"/shader/svga_shader_validate[^/]*\.c$"),
]
files = {}
for t in targets:
    data = json.load(open(f"{out}/{t}-summary.json"))
    files[t] = [(f["filename"], f["summary"]["lines"]) for f in data["data"][0]["files"]]
print(f"{'directory / file':34} {'target':12} {'files':>5} {'lines':>7} {'covered':>7} {'line %':>7}")
for label, t, rx in rows:
    if t not in files:
        continue
    sel = [l for name, l in files[t] if re.search(rx, name)]
    n = sum(l["count"] for l in sel)
    c = sum(l["covered"] for l in sel)
    pct = 100.0 * c / n if n else 0.0
    print(f"{label:34} {t:12} {len(sel):5} {n:7} {c:7} {pct:6.1f}%")
PY
