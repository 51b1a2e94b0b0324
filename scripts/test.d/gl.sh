# SPDX-License-Identifier: MIT
# GL layers of scripts/test, in the Debian 13 guest root (scripts/vm
# --rootfs): Mesa's svga driver on our device (wflinfo), kmscube's frame on
# the device's screen (a PNG), and a small piglit profile, drawn on the
# device's Vulkan renderer, and our coherent-memory tests (piglit-tests/
# tests, `piglit run coherent_svga`), each subtest counted, and the data
# checks of the GL streaming benchmark's quick set; the tests that cannot
# pass yet are named in
# piglit-tests/expected-failures.txt with their reasons, the device errors
# that are known renderer limits in piglit-tests/expected-device-errors.txt.

PIGLIT_PROFILE=$CSVGA_ROOT/piglit-tests/profiles/smoke.txt
PIGLIT_EXPECTED=$CSVGA_ROOT/piglit-tests/expected-failures.txt
# Our own coherent-memory tests (piglit-tests/tests), built into piglit
# with their profile (piglit-tests/profiles/coherent_svga.py).
PIGLIT_COHERENT_PROFILE=coherent_svga
# The GL version Mesa 25.0.7's svga driver computes for today's device: an
# SM4.1 DX device without SM5 is GLSL feature level 330 (svga_screen.c).
GL_EXPECTED_VERSION=3.3

# gl_wflinfo: Mesa initialises on our device, through GBM, and reports the
# renderer, the core-profile version and GL_ARB_buffer_storage.
gl_wflinfo() {
	local out=$results/gl-wflinfo.txt renderer version
	"$VM" run $debug --rootfs --timeout 300 --log-dir "$results/vm-wflinfo" -- \
		wflinfo --platform gbm --api gl --profile core --version 3.2 --verbose \
		>"$out" 2>&1 || { echo "   wflinfo failed (log: $out)" >&2; tail -n 5 "$out" >&2; return 1; }
	renderer=$(sed -n 's/^OpenGL renderer string: //p' "$out" | sed 's/[[:space:]]*$//')
	version=$(sed -n 's/^OpenGL version string: //p' "$out")
	echo "   renderer: $renderer"
	echo "   version:  $version"
	case $renderer in SVGA3D*) ;; *)
		echo "   expected an SVGA3D renderer (Mesa's svga driver); log: $out" >&2
		return 1 ;;
	esac
	case $version in "$GL_EXPECTED_VERSION "*) ;; *)
		echo "   expected GL $GL_EXPECTED_VERSION core; log: $out" >&2
		return 1 ;;
	esac
	grep -qw GL_ARB_buffer_storage "$out" ||
		{ echo "   GL_ARB_buffer_storage is not listed; log: $out" >&2; return 1; }
	printf '%s (%s)\n' "$renderer" "$version" >"$results/gl-renderer.txt"
	vm_log_clean "$results/vm-wflinfo/serial.log"
}

# piglit_classify LABEL RESULTS-DIR NAMES-FILE [subtests]: read piglit's
# results file against the test names (one a line) and the expectations
# file; record passed, failed, skipped.  With "subtests", each subtest of a
# test is counted on its own as TEST@SUBTEST (a test whose subtests were
# never run counts as failed).  A test on the expectations list that fails
# is an expected failure: listed, never counted as passed.  One that passes
# is a failure to act on: remove it from the list.  The names counted are
# left in RESULTS-DIR/names.txt (piglit_expectations_known checks them).
piglit_classify() {
	local label=$1 dir=$2 names_file=$3 expand=${4:-} counts
	counts=$(python3 - "$dir" "$names_file" "$PIGLIT_EXPECTED" "$expand" <<-'PY'
	import bz2, glob, gzip, json, sys
	results_dir, names_file, expected_file, expand = sys.argv[1:5]
	def entries(path):
	    for line in open(path):
	        name, _, reason = line.partition('#')
	        if name.strip():
	            yield name.strip(), reason.strip()
	path = (glob.glob(results_dir + '/results.json*') or ['(no results file)'])[0]
	opener = {'bz2': bz2.open, 'gz': gzip.open}.get(path.rsplit('.', 1)[-1], open)
	tests = json.load(opener(path, 'rt'))['tests']
	items = []
	for name, _ in entries(names_file):
	    t = tests.get(name, {})
	    subs = {k: v for k, v in (t.get('subtests') or {}).items() if not k.startswith('__')}
	    if expand and subs:
	        items += [('%s@%s' % (name, s), st, t) for s, st in subs.items()]
	    else:
	        items.append((name, t.get('result', 'not run'), t))
	expected = dict(entries(expected_file))
	p = f = s = 0
	bad, xfail = [], []
	for name, st, t in items:
	    if name in expected:
	        # an intermittent entry may pass; it is still not counted
	        if st == 'pass' and expected[name].startswith('intermittent:'):
	            xfail.append('%s: passed this time, not counted (%s)' % (name, expected[name]))
	        elif st == 'pass':
	            f += 1
	            bad.append('%s: passes now; remove it from piglit-tests/expected-failures.txt' % name)
	        elif st == 'skip':
	            s += 1
	        else:
	            xfail.append('%s: %s (%s)' % (name, st, expected[name]))
	    elif st == 'pass':
	        p += 1
	    elif st == 'skip':
	        s += 1
	        print('skip:%s: %s' % (name, t.get('out', '').strip().splitlines()[-1:]), file=sys.stderr)
	    else:
	        f += 1
	        bad.append('%s: %s' % (name, st))
	with open(results_dir + '/names.txt', 'w') as out:
	    out.write(''.join(n + '\n' for n, _, _ in items))
	with open(results_dir + '/expected-failures.txt', 'w') as out:
	    out.write(''.join(x + '\n' for x in xfail))
	print(p, f, s)
	for b in bad:
	    print(b)
	PY
	) || { record "$label" 0 1 0 "could not read the results in $dir"; return; }
	local head names=()
	head=$(head -n1 <<<"$counts")
	mapfile -t names < <(tail -n +2 <<<"$counts")
	# shellcheck disable=SC2086
	record "$label" $head "${names[@]}"
	if [ -s "$dir/expected-failures.txt" ]; then
		echo "   expected failures ($(wc -l <"$dir/expected-failures.txt"), piglit-tests/expected-failures.txt):"
		sed 's/^/     /' "$dir/expected-failures.txt"
	fi
}

# piglit_expectations_known NAMES-FILE...: every line of the expectations
# file names a test (or subtest) that one of the piglit layers counted.
piglit_expectations_known() {
	local stale
	stale=$(sed -e 's/[[:space:]]*#.*//' -e '/^[[:space:]]*$/d' -e 's/[[:space:]]*$//' "$PIGLIT_EXPECTED" |
		grep -vxF -f <(cat "$@") || true)
	[ -z "$stale" ] || { sed 's/^/   on the expectations list but in no profile: /' <<<"$stale" >&2; return 1; }
}

# gl_piglit: piglit run of the smoke profile on the GBM platform; the
# results and the console summary land in a host directory.
gl_piglit() {
	local dir=$results/piglit rc=0
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$PIGLIT_PROFILE" "$dir/profile.txt"
	"$VM" run $debug --rootfs --timeout 1500 --add "$dir" --log-dir "$results/vm-piglit" -- \
		sh -c "piglit run opengl -p gbm --timeout 120 --test-list '$dir/profile.txt' '$dir/results' &&
			piglit summary console '$dir/results' >'$dir/summary.txt'" \
		>"$dir/run.log" 2>&1 || rc=$?
	if [ ! -s "$dir/summary.txt" ]; then
		record "gl: piglit smoke profile" 0 1 0 "piglit run did not complete (exit $rc; log: $dir/run.log)"
		tail -n 15 "$dir/run.log" | sed 's/^/     /'
		return
	fi
	piglit_classify "gl: piglit smoke profile" "$dir/results" "$dir/profile.txt"
	[ $rc -eq 0 ] || record "gl: piglit run" 0 1 0 "the guest run exited $rc (log: $dir/run.log)"
	check "gl" "no kernel report or driver error during piglit" vm_log_clean "$results/vm-piglit/serial.log"
	check "gl" "no device guest error during piglit" vm_device_log_clean "$results/vm-piglit/qemu.log"
}

# gl_piglit_coherent: our coherent-memory tests, `piglit run coherent_svga`,
# each subtest counted.  The test names come from the profile piglit runs
# (coherent_svga.xml.gz in the guest root's image), so that a test that
# never ran counts as failed.  The guest runs only `piglit run`: piglit's
# Python is slow under TCG (print-cmd and summary added 2.5 min), and the
# results file is read on the host.
gl_piglit_coherent() {
	local dir=$results/piglit-coherent rc=0 t0 image=$CSVGA_ROOTFS_DIR/rootfs.squashfs
	rm -rf "$dir"
	mkdir -p "$dir"
	# from the image the guest boots (no scripts/build: the build lock
	# may be held by the prefetch)
	need_pkgs squashfs-tools
	unsquashfs -cat "$image" "/usr/lib/piglit/tests/$PIGLIT_COHERENT_PROFILE.xml.gz" 2>/dev/null |
		gzip -dc | python3 -c '
import sys, xml.etree.ElementTree as et
for t in et.parse(sys.stdin).getroot().iter("Test"):
    print(t.get("name"))' >"$dir/profile.txt" || true
	if [ ! -s "$dir/profile.txt" ]; then
		record "gl: piglit coherent profile" 0 1 0 "no test names in $PIGLIT_COHERENT_PROFILE.xml.gz of $image"
		return
	fi
	t0=$(date +%s)
	"$VM" run $debug --rootfs --timeout 900 --add "$dir" --log-dir "$results/vm-piglit-coherent" -- \
		piglit run "$PIGLIT_COHERENT_PROFILE" -p gbm --timeout 300 "$dir/results" \
		>"$dir/run.log" 2>&1 || rc=$?
	echo "   guest run: $(($(date +%s) - t0)) s, boot and the host's build checks included"
	if ! ls "$dir"/results/results.json* >/dev/null 2>&1; then
		record "gl: piglit coherent profile" 0 1 0 "piglit run did not complete (exit $rc; log: $dir/run.log)"
		tail -n 15 "$dir/run.log" | sed 's/^/     /'
		return
	fi
	piglit_classify "gl: piglit coherent profile" "$dir/results" "$dir/profile.txt" subtests
	[ $rc -eq 0 ] || record "gl: piglit coherent run" 0 1 0 "the guest run exited $rc (log: $dir/run.log)"
	check "gl" "no kernel report or driver error during the coherent profile" \
		vm_log_clean "$results/vm-piglit-coherent/serial.log"
	check "gl" "no device guest error during the coherent profile" \
		vm_device_log_clean "$results/vm-piglit-coherent/qemu.log"
}

# gl_stream_bench: the GL streaming benchmark's quick set
# (csvga-coherent-stream-bench, piglit-tests/README.md; not in the
# coherent_svga profile: a benchmark).  Its data checks (every frame of
# every path drew all its vertices with that frame's data) are TAP cases
# and counted; its timings are reported by scripts/run, never a verdict.
GL_STREAM_BENCH="csvga-coherent-stream-bench -auto -fbo -quick"
gl_stream_bench() {
	local out=$results/gl-stream-bench.tap rc=0
	"$VM" run $debug --rootfs --timeout 900 --log-dir "$results/vm-gl-stream-bench" -- \
		sh -c "PIGLIT_PLATFORM=gbm /usr/lib/piglit/bin/$GL_STREAM_BENCH" >"$out" 2>&1 || rc=$?
	record_tap "gl: stream benchmark data" "$out" $rc
	check "gl" "no kernel report or driver error during the stream benchmark" \
		vm_log_clean "$results/vm-gl-stream-bench/serial.log"
	check "gl" "no device guest error during the stream benchmark" \
		vm_device_log_clean "$results/vm-gl-stream-bench/qemu.log"
}

# Two guests boot the same root image at once, each writing into its
# root; both see Debian 13 and their own write, and the cached image is
# byte for byte what it was.
vm_rootfs_shared() {
	local image before after i pids=() rc=0
	image=$CSVGA_ROOTFS_DIR/rootfs.squashfs
	before=$(sha256sum <"$image")
	for i in 1 2; do
		"$VM" run $debug --rootfs --timeout 300 --log-dir "$results/vm-rootfs$i" -- \
			sh -c "echo guest-$i >/etc/csvga-marker && . /etc/os-release && echo \$VERSION_CODENAME \$(cat /etc/csvga-marker)" \
			>"$results/vm-rootfs$i.out" 2>&1 &
		pids+=($!)
	done
	for i in 0 1; do wait "${pids[$i]}" || rc=1; done
	for i in 1 2; do
		grep -qx "trixie guest-$i" "$results/vm-rootfs$i.out" ||
			{ echo "   boot $i printed: $(tail -n 3 "$results/vm-rootfs$i.out")" >&2; rc=1; }
	done
	after=$(sha256sum <"$image")
	[ "$before" = "$after" ] || { echo "   the cached image $image changed" >&2; rc=1; }
	return $rc
}

# What Mesa sends for the smoke profile must be valid for the device: a
# guest error there is a device gap or a driver bug (vmwgfx WARNs on it).
# vm_device_log_clean QEMU-LOG: no guest error in the device's log but
# those piglit-tests/expected-device-errors.txt names (what the renderer
# does not do yet, each with its reason); those are listed, with counts.
PIGLIT_EXPECTED_DEVICE_ERRORS=$CSVGA_ROOT/piglit-tests/expected-device-errors.txt
vm_device_log_clean() {
	local patterns unexpected p n
	patterns=$(sed -e 's/[[:space:]]*#.*//' -e '/^[[:space:]]*$/d' "$PIGLIT_EXPECTED_DEVICE_ERRORS")
	# (grep -v -F with no pattern would drop every line)
	if [ -n "$patterns" ]; then
		unexpected=$(grep 'vmware-svga3' "$1" | grep -v -F "$patterns" || true)
	else
		unexpected=$(grep 'vmware-svga3' "$1" || true)
	fi
	if [ -n "$patterns" ]; then
		while IFS= read -r p; do
			n=$(grep 'vmware-svga3' "$1" | grep -c -F "$p" || true)
			[ "$n" -eq 0 ] || echo "   expected device error ($n lines): $p"
		done <<<"$patterns"
	fi
	if [ -n "$unexpected" ]; then
		printf '%s\n' "$unexpected" | sort | uniq -c | sort -rn | head -n 10 >&2
		echo "   guest errors logged by the device in $1 (above, most frequent first) that $PIGLIT_EXPECTED_DEVICE_ERRORS does not name" >&2
		return 1
	fi
}

# gl_kmscube_frame: kmscube (Mesa, GBM, KMS page flips) renders on our
# device in the guest; once the device has counted 30 screen-target binds
# (page flips), the host takes QEMU's screendump of the console, keeps it
# as a PNG and checks that it shows a drawn, shaded object
# (scripts/screenshot-check).  scripts/run names the PNG.
gl_kmscube_frame() {
	local sock=$results/kms-qmp.sock out=$results/kmscube.out
	local shot=$results/kmscube.ppm png=$results/kmscube.png
	local vpid waited=0 frames=0 verdict rc=0
	rm -f "$sock" "$shot" "$png" "$results/screenshot.txt"
	CSVGA_SVGA_OPTS=id=svga0 "$VM" run $debug --rootfs --timeout 300 --log-dir "$results/vm-kmscube" \
		--qemu-arg -qmp --qemu-arg "unix:$sock,server=on,wait=off" -- \
		sh -c 'sleep 250 | kmscube >/tmp/kmscube.log 2>&1 & sleep 240' >"$out" 2>&1 &
	vpid=$!
	while [ "${frames:-0}" -lt 30 ]; do
		if ! kill -0 $vpid 2>/dev/null || [ $waited -ge 240 ]; then
			echo "   kmscube did not flip 30 frames on the device in ${waited} s (flips counted: ${frames:-0}; log: $out, $results/vm-kmscube)" >&2
			"$CSVGA_ROOT/scripts/qmp" "$sock" quit >/dev/null 2>&1 || true
			wait $vpid 2>/dev/null
			return 1
		fi
		sleep 2
		waited=$((waited + 2))
		frames=$("$CSVGA_ROOT/scripts/qmp" "$sock" qom-get \
			'{"path":"/machine/peripheral/svga0","property":"stats"}' 2>/dev/null |
			sed -n 's/^BIND_GB_SCREENTARGET id=[0-9]* count=\([0-9]*\) .*/\1/p') || true
	done
	"$CSVGA_ROOT/scripts/qmp" "$sock" screendump "{\"filename\":\"$shot\"}" >/dev/null || rc=1
	"$CSVGA_ROOT/scripts/qmp" "$sock" quit >/dev/null 2>&1 || true
	wait $vpid 2>/dev/null || true
	[ $rc -eq 0 ] && [ -s "$shot" ] || { echo "   QMP screendump failed (log: $out)" >&2; return 1; }
	verdict=$("$CSVGA_ROOT/scripts/screenshot-check" "$shot" "$png") || rc=$?
	echo "   screenshot: $png ($frames page flips; $verdict)"
	echo "$png" >"$results/screenshot.txt"
	[ $rc -eq 0 ] || { echo "   the screenshot shows no drawn object ($verdict): $png" >&2; return 1; }
	vm_device_log_clean "$results/vm-kmscube/qemu.log"
}

run_gl_tests() {
	# the path, exported for scripts/vm (see build_guest); from the
	# prefetch when it built it (scripts/build would wait for the lock
	# its next build holds)
	if CSVGA_ROOTFS_DIR=$(prefetched rootfs) ||
		CSVGA_ROOTFS_DIR=$("$CSVGA_ROOT/scripts/build" rootfs); then
		export CSVGA_ROOTFS_DIR
	else
		record "gl: build" 0 1 0 "building the guest root failed (logs in $CSVGA_LOGS)"
		return
	fi
	check "guest root" "two boots at once, image unchanged" vm_rootfs_shared
	check "gl" "Mesa's svga driver on our device (wflinfo, GBM)" gl_wflinfo
	check "gl" "kmscube's frame on the device's screen (QMP screendump)" gl_kmscube_frame
	gl_piglit
	gl_piglit_coherent
	gl_stream_bench
	check "gl" "glmark2-drm scores every scene on our device" gl_glmark2_guest
	gl_piglit_gl33_guest
}

# finish_gl_tests: what run_gl_tests leaves for after the 6.1 backport's
# layers (see gl_piglit_gl33_guest): the GL 3.3 list's host run and
# verdicts, and the check of the expectations against every profile.
finish_gl_tests() {
	gl_piglit_gl33_verdict
	check "gl" "glmark2 scores the same scenes on the host's llvmpipe" gl_glmark2_host
	if [ -s "$results/piglit/results/names.txt" ] && [ -s "$results/piglit-coherent/results/names.txt" ] &&
		[ -s "$results/piglit-gl33/names.txt" ]; then
		check "gl" "every expected failure names a test of a profile" piglit_expectations_known \
			"$results/piglit/results/names.txt" "$results/piglit-coherent/results/names.txt" \
			"$results/piglit-gl33/names.txt"
	fi
}
