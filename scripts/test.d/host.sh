# SPDX-License-Identifier: MIT
# Host layers of scripts/test: meson unit tests and the device fuzz run.

MESON_BUILD=$CSVGA_CACHE/work/meson
MESON_FUZZ_BUILD=$CSVGA_CACHE/work/meson-fuzz
MESON_ASAN_BUILD=$CSVGA_CACHE/work/meson-asan
FUZZ_SECONDS=${CSVGA_FUZZ_SECONDS:-60}

# meson_setup DIR [ARGS...]: configure (or reconfigure) a build directory.
meson_setup() {
	local dir=$1 ksrc
	shift
	. "$CSVGA_ROOT/scripts/sources.sh"
	ksrc=$(pristine_tree linux)
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$CSVGA_ROOT" -Dkernel_src="$ksrc" "$@"
	else
		meson setup "$dir" "$CSVGA_ROOT" -Dkernel_src="$ksrc" "$@"
	fi
}

# count_meson_results DIR SUITE: add meson's testlog.json to the summary.
count_meson_results() {
	local dir=$1 suite=$2 counts
	counts=$(python3 - "$dir/meson-logs/testlog.json" <<-'PY'
	import json, sys
	p = f = s = 0
	bad = []
	for line in open(sys.argv[1]):
	    t = json.loads(line)
	    r = t.get('result')
	    if r in ('OK', 'EXPECTEDFAIL'):
	        p += 1
	    elif r == 'SKIP':
	        s += 1
	    else:
	        f += 1
	        bad.append('%s(%s)' % (t.get('name'), r))
	print(p, f, s, *bad)
	PY
	)
	# shellcheck disable=SC2086
	record "$suite" $counts
}

# Every pinned source (Mesa and piglit too, which later work builds) can
# be fetched and matches its pin.
sources_fetch_and_verify() {
	"$CSVGA_ROOT/scripts/fetch" all >"$results/fetch.log" 2>&1 ||
		{ tail -n 5 "$results/fetch.log" >&2; return 1; }
	sed 's/^/   /' "$results/fetch.log" | grep -v '^   \[csvga'
}

# vkd3d_for_tests: build our vkd3d-shader (cached) and print the meson
# option that finds it; the shader tests need it and Vulkan (lavapipe).
vkd3d_for_tests() {
	local prefix
	need_pkgs libvulkan-dev mesa-vulkan-drivers
	prefix=$("$CSVGA_ROOT/scripts/build" vkd3d) || return 1
	echo "-Dpkg_config_path=$prefix/lib/pkgconfig"
}

run_host_tests() {
	need_pkgs meson ninja-build pkg-config gcc python3
	# the renderer (Vulkan loader + lavapipe) and its test shaders
	need_pkgs libvulkan-dev mesa-vulkan-drivers glslang-tools
	check "sources" "pinned sources fetched and verified" sources_fetch_and_verify
	local log=$results/meson.log vkd3d_opt
	if ! vkd3d_opt=$(vkd3d_for_tests 2>"$results/vkd3d-build.log"); then
		tail -n 20 "$results/vkd3d-build.log" >&2
		record "host: vkd3d-shader build" 0 1 0 "scripts/build vkd3d (log: $results/vkd3d-build.log)"
		return
	fi
	if ! step "configuring host build (meson)" "$log" meson_setup "$MESON_BUILD" "$vkd3d_opt" -Dvkd3d=enabled; then
		record "host: meson" 0 1 0 "meson setup (log: $log)"
		return
	fi
	if ! step "building host code" "$log.build" ninja -C "$MESON_BUILD"; then
		record "host: build" 0 1 0 "ninja (log: $log.build)"
		return
	fi
	step "running host unit tests" "$log.test" meson test -C "$MESON_BUILD" --print-errorlogs || true
	if [ ! -s "$MESON_BUILD/meson-logs/testlog.json" ]; then
		record "host: unit tests" 0 1 0 "no test results (log: $log.test)"
		return
	fi
	count_meson_results "$MESON_BUILD" "host: unit tests"
	cp "$MESON_BUILD/meson-logs/testlog.txt" "$results/host-testlog.txt" 2>/dev/null || true
	run_render_sanitized
}

# The renderer's tests again under ASan+UBSan (leaks included; lavapipe
# is kept mapped by the tests so that any leak of its own would be named).
# Build every test of the svga-render suite: the run uses --no-rebuild,
# so one left out would run stale or be missing.
# UBSan reports fail the test (halt_on_error).
# With vkd3d (vkd3d_opt of run_host_tests) the renderer glue's tests too:
# draws through the device core, textures and samplers included.
build_render_sanitized() {
	local tests
	meson_setup "$MESON_ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false \
		"$vkd3d_opt" -Dvkd3d=enabled || return 1
	# every executable of the suite, as meson lists them (so a new test
	# cannot be left out of the list and run stale or missing): a test's
	# program and, for a script (capture_replay.sh), the built programs
	# among its arguments; files of the source tree are no targets
	mapfile -t tests < <(meson introspect --tests "$MESON_ASAN_BUILD" | python3 -c '
import json, os, sys
build = os.path.realpath(sys.argv[1])
targets = []
for t in json.load(sys.stdin):
    if "svga-render" in t["suite"] or any(s.endswith(":svga-render") for s in t["suite"]):
        for arg in t["cmd"]:
            # meson gives built programs as paths, absolute or relative
            # to the build directory
            if "/" not in arg:
                continue
            path = os.path.realpath(os.path.join(build, arg))
            if path.startswith(build + os.sep):
                rel = os.path.relpath(path, build)
                if rel not in targets:
                    targets.append(rel)
print("\n".join(targets))' "$MESON_ASAN_BUILD")
	[ ${#tests[@]} -gt 0 ] || { echo "no svga-render tests found" >&2; return 1; }
	ninja -C "$MESON_ASAN_BUILD" "${tests[@]}"
}

run_render_sanitized() {
	local log=$results/render-asan.log
	[ -d "$CSVGA_ROOT/svga-device/render" ] || return 0
	if ! step "building the renderer tests with ASan+UBSan" "$log" build_render_sanitized; then
		record "host: renderer ASan+UBSan" 0 1 0 "build (log: $log)"
		return
	fi
	rm -f "$MESON_ASAN_BUILD/meson-logs/testlog.json"
	step "running the renderer tests under ASan+UBSan" "$log.test" \
		env ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$MESON_ASAN_BUILD" --no-rebuild --suite svga-render --print-errorlogs || true
	if [ ! -s "$MESON_ASAN_BUILD/meson-logs/testlog.json" ]; then
		record "host: renderer ASan+UBSan" 0 1 0 "no test results (log: $log.test)"
		return
	fi
	count_meson_results "$MESON_ASAN_BUILD" "host: renderer ASan+UBSan"
}

# The fuzzers: every executable svga-device/fuzz builds as fuzz_*, run for
# FUZZ_SECONDS from the committed seed corpus; any crash or sanitizer
# report fails the test and leaves the reproducer in the results dir.
# fuzz_shader links our vkd3d-shader, so what the validator lets through
# is compiled to SPIR-V too: no guest shader may crash or assert in it.
build_fuzzers() {
	local vkd3d_opt
	vkd3d_opt=$(vkd3d_for_tests) || return 1
	CC=clang meson_setup "$MESON_FUZZ_BUILD" -Dfuzz=true "$vkd3d_opt" -Dvkd3d=enabled &&
		ninja -C "$MESON_FUZZ_BUILD"
}

# capture_seeds DIR: the command buffers of real sessions as fuzz seeds.
# Two harness tests of the host build run with SVGA_TEST_CAPTURE (each
# device they make is recorded, as QEMU's capture property records a
# guest), and svga-replay --cmdbufs writes every command buffer of each
# recording to DIR in fuzz_cmdbuf's input layout.  Needs the host build
# (run_host_tests); without it the fuzzers run from the committed corpus.
capture_seeds() {
	local dir=$1 rec=$results/capture-seeds t f n
	local replay=$MESON_BUILD/svga-device/tools/svga-replay
	rm -rf "$dir" "$rec"
	mkdir -p "$dir" "$rec"
	[ -x "$replay" ] || { record "fuzz: seeds from captures" 0 1 0 "no svga-replay in $MESON_BUILD (run the host tests first)"; return; }
	for t in test_xfer test_backend_triangle; do
		[ -x "$MESON_BUILD/svga-device/tests/$t" ] || continue
		SVGA_TEST_CAPTURE=$rec/$t "$MESON_BUILD/svga-device/tests/$t" >"$rec/$t.out" 2>&1
	done
	for f in "$rec"/*.[0-9]*; do
		[ -f "$f" ] && [ "${f%.replay}" = "$f" ] || continue
		rm -rf "$dir.one" && mkdir -p "$dir.one"
		"$replay" "$f" --cmdbufs "$dir.one" >"$f.replay" 2>&1 ||
			{ record "fuzz: seeds from captures" 0 1 0 "svga-replay --cmdbufs $f failed (log: $f.replay)"; return; }
		# one name space per recording: each replay numbers from 0
		for t in "$dir.one"/*; do
			[ -f "$t" ] && mv "$t" "$dir/$(basename "$f")-$(basename "$t")"
		done
	done
	rm -rf "$dir.one"
	n=$(find "$dir" -type f | wc -l)
	if [ "$n" -gt 0 ]; then
		record "fuzz: seeds from captures" 1 0 0
		echo "   $n command buffers from $(find "$rec" -name '*.replay' | wc -l) recordings (logs: $rec)"
	else
		record "fuzz: seeds from captures" 0 1 0 "no command buffer written (logs: $rec)"
	fi
}

run_fuzz() {
	[ -d "$CSVGA_ROOT/svga-device/fuzz" ] || return 0
	need_pkgs clang libclang-rt-14-dev
	local log=$results/fuzz.log f name corpus seeds captured=$CSVGA_CACHE/work/corpus-captured
	if ! step "building fuzzers (clang, ASan+UBSan)" "$log" build_fuzzers; then
		record "fuzz" 0 1 0 "build (log: $log)"
		return
	fi
	capture_seeds "$captured"
	# The fuzzers run at once: each takes one core, and the run's wall
	# time is then one FUZZ_SECONDS, not one per fuzzer.
	local names=() pids=() i
	for f in "$MESON_FUZZ_BUILD"/svga-device/fuzz/fuzz_*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		name=$(basename "$f")
		corpus=$CSVGA_CACHE/work/corpus-$name
		# Seeds: fuzz/corpus-<target> when the target has its own
		# (fuzz_shader takes shaders, not command buffers).
		# Command-buffer fuzzers also start from the captured sessions.
		seeds=("$CSVGA_ROOT/svga-device/fuzz/corpus-${name#fuzz_}")
		[ -d "${seeds[0]}" ] || seeds=("$CSVGA_ROOT/svga-device/fuzz/corpus" "$captured")
		mkdir -p "$corpus" "$results/$name-artifacts"
		"$f" -max_total_time="$FUZZ_SECONDS" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="$results/$name-artifacts/" "$corpus" "${seeds[@]}" \
			>"$results/$name.log" 2>&1 &
		names+=("$name")
		pids+=($!)
	done
	say "fuzzing ${names[*]} for $FUZZ_SECONDS s, at once (logs: $results/fuzz_*.log) ..."
	for i in "${!names[@]}"; do
		name=${names[$i]}
		if wait "${pids[$i]}"; then
			record "fuzz: $name" 1 0 0
			grep -E '^(#[0-9]+.*DONE|Done)' "$results/$name.log" | tail -n1 | sed 's/^/   /'
		else
			record "fuzz: $name" 0 1 0 "$name (log: $results/$name.log, reproducer in $results/$name-artifacts)"
		fi
	done
}
