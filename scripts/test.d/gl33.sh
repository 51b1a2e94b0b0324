# SPDX-License-Identifier: MIT
# GL 3.3 conformance layer of scripts/test: piglit-tests/profiles/
# gl33-opengl.txt and gl33-shader.txt (written by gl33-select.py; piglit
# takes a test list for one profile at a time), run in the guest on our
# device and, in the same run, on the host with Debian's llvmpipe (EGL on
# Xvfb) in the reference root (scripts/build.d/refroot.sh), so that the
# comparison rests on a reference measured now, not on a number written
# down once.
#
# A test of the list counts as
#   passed   when it passes in the guest;
#   failed   when it passes on the host but not in the guest, unless
#            piglit-tests/expected-failures.txt names it with its cause;
#            or when it is named there and passes (the list only shrinks);
#   skipped  when it passes on neither (the reference cannot decide it);
#            these are listed in piglit-gl33/undecided.txt.
# The share of the host's passes that the guest passes is reported next
# to issue 13's target (GL33_TARGET_PERCENT), not checked: the list of
# expected failures, each with its cause, is what keeps the layer from
# regressing, and the target is met by fixing those causes.

# the list, by piglit profile
PIGLIT_GL33_PROFILES=(opengl shader)
PIGLIT_GL33_DIR=$CSVGA_ROOT/piglit-tests/profiles
GL33_TARGET_PERCENT=95

# in_root comes from the build scripts (a chroot with /proc and /dev)
declare -F in_root >/dev/null || . "$CSVGA_ROOT/scripts/build.d/trixie.sh"

# gl33_run_host DIR REFROOT: the list on Debian's llvmpipe, EGL on an
# Xvfb X server (tests piglit runs without -fbo need a window).
gl33_run_host() {
	local dir=$1 ref=$2 p rc=0
	for p in "${PIGLIT_GL33_PROFILES[@]}"; do
		in_root "$ref/root" --bind "$dir" /gl33 -- \
			env HOME=/tmp sh -c 'cd /tmp && exec xvfb-run -a -s "-screen 0 1280x1024x24" "$@"' xvfb \
			piglit run -p x11_egl --timeout 120 \
			--test-list "/gl33/list-$p.txt" "$p" "/gl33/host-$p" || rc=1
	done
	return $rc
}

# gl33_guest_command DIR: the same runs, as a shell command for the guest
gl33_guest_command() {
	local dir=$1 p cmd="rc=0"
	for p in "${PIGLIT_GL33_PROFILES[@]}"; do
		cmd+="; piglit run -p gbm --timeout 120 --test-list '$dir/list-$p.txt' $p '$dir/guest-$p' || rc=1"
	done
	echo "$cmd; exit \$rc"
}

# gl33_classify DIR: compares DIR/guest and DIR/host; prints the counts
# line "P F S", then one line per failure; writes DIR/summary.txt.
gl33_classify() {
	python3 - "$1" "$PIGLIT_EXPECTED" "$GL33_TARGET_PERCENT" <<-'PY'
	import bz2, glob, gzip, json, sys
	d, expected_file, target = sys.argv[1], sys.argv[2], float(sys.argv[3])
	def results(side):
	    tests = {}
	    for path in glob.glob('%s/%s-*/results.json*' % (d, side)):
	        opener = {'bz2': bz2.open, 'gz': gzip.open}.get(path.rsplit('.', 1)[-1], open)
	        tests.update(json.load(opener(path, 'rt'))['tests'])
	    return tests or None
	def entries(path):
	    for line in open(path):
	        name, _, reason = line.partition('#')
	        if name.strip():
	            yield name.strip(), reason.strip()
	names = [n for p in sorted(glob.glob(d + '/list-*.txt')) for n, _ in entries(p)]
	guest, host = results('guest'), results('host')
	if guest is None or host is None:
	    sys.exit('no %s results' % ('guest' if guest is None else 'host'))
	expected = dict(entries(expected_file))
	st = lambda r, n: r.get(n, {}).get('result', 'not run')
	p = f = s = 0
	bad, xfail, undecided = [], [], []
	for n in names:
	    g, h = st(guest, n), st(host, n)
	    if n in expected:
	        # an intermittent entry may pass; it is still not counted
	        if g == 'pass' and expected[n].startswith('intermittent:'):
	            xfail.append('%s: passed this time, not counted (host %s; %s)' % (n, h, expected[n]))
	        elif g == 'pass':
	            f += 1
	            bad.append('%s: passes now; remove it from piglit-tests/expected-failures.txt' % n)
	        else:
	            xfail.append('%s: %s (host %s; %s)' % (n, g, h, expected[n]))
	    elif g == 'pass':
	        p += 1
	    elif h == 'pass':
	        f += 1
	        bad.append('%s: %s in the guest, pass on the host' % (n, g))
	    else:
	        s += 1
	        undecided.append('%s: guest %s, host %s' % (n, g, h))
	guest_pass = sum(st(guest, n) == 'pass' for n in names)
	host_pass = sum(st(host, n) == 'pass' for n in names)
	both = sum(st(guest, n) == 'pass' and st(host, n) == 'pass' for n in names)
	share = 100.0 * both / host_pass if host_pass else 0.0
	with open(d + '/summary.txt', 'w') as out:
	    out.write('piglit GL 3.3: %d/%d passed on SVGA3D (host llvmpipe: %d/%d)\n'
	              % (guest_pass, len(names), host_pass, len(names)))
	    out.write('of the %d the host passes, the guest passes %d (%.1f%%; target %g%%)\n'
	              % (host_pass, both, share, target))
	for name, lines in (('expected-failures.txt', xfail), ('undecided.txt', undecided)):
	    with open('%s/%s' % (d, name), 'w') as out:
	        out.write(''.join(x + '\n' for x in lines))
	with open(d + '/names.txt', 'w') as out:
	    out.write(''.join(n + '\n' for n in names))
	print(p, f, s)
	for b in bad:
	    print(b)
	PY
}

# gl_piglit_gl33_guest: the guest's half (gl_piglit_gl33_verdict does the
# rest). The two are apart so that on a cold cache the 6.1 backport's
# layers can run between them, while the reference root is still being
# built in the background (prefetch_builds): the guest run does not need
# it, the host run does.
gl33_guest_ran=0
gl_piglit_gl33_guest() {
	local dir=$results/piglit-gl33 rc=0 t0
	rm -rf "$dir"
	mkdir -p "$dir"
	for p in "${PIGLIT_GL33_PROFILES[@]}"; do
		sed -e 's/[[:space:]]*#.*//' -e '/^[[:space:]]*$/d' "$PIGLIT_GL33_DIR/gl33-$p.txt" >"$dir/list-$p.txt"
	done
	t0=$(date +%s)
	"$VM" run $debug --rootfs --timeout 2400 --add "$dir" --log-dir "$results/vm-piglit-gl33" -- \
		sh -c "$(gl33_guest_command "$dir")" >"$dir/guest.log" 2>&1 || rc=$?
	echo "   GL 3.3 list, guest run: $(($(date +%s) - t0)) s, boot included (exit $rc)"
	gl33_guest_ran=1
}

# gl_piglit_gl33_verdict: the host's half, then the verdicts.
gl_piglit_gl33_verdict() {
	local dir=$results/piglit-gl33 ref t0 counts head names=()
	[ "$gl33_guest_ran" -eq 1 ] || return 0
	if ! ref=$(prefetched refroot) && ! ref=$("$CSVGA_ROOT/scripts/build" refroot); then
		record "gl: GL 3.3 conformance" 0 1 0 "building the reference root failed (log: $CSVGA_LOGS/refroot.log*)"
		return
	fi
	t0=$(date +%s)
	gl33_run_host "$dir" "$ref" >"$dir/host.log" 2>&1 ||
		echo "   the host's piglit run exited non-zero (log: $dir/host.log)" >&2
	echo "   GL 3.3 list, host run (Debian's Mesa $(cat "$ref/mesa-version.txt"), llvmpipe): $(($(date +%s) - t0)) s"
	if ! counts=$(gl33_classify "$dir" 2>"$dir/classify.err"); then
		record "gl: GL 3.3 conformance" 0 1 0 "no results to compare: $(tail -n1 "$dir/classify.err") (logs: $dir/host.log, $dir/guest.log)"
		return
	fi
	head=$(head -n1 <<<"$counts")
	mapfile -t names < <(tail -n +2 <<<"$counts")
	# shellcheck disable=SC2086
	record "gl: GL 3.3 conformance" $head "${names[@]}"
	if [ -s "$dir/expected-failures.txt" ]; then
		echo "   expected failures ($(wc -l <"$dir/expected-failures.txt"), piglit-tests/expected-failures.txt):"
		sed 's/^/     /' "$dir/expected-failures.txt"
	fi
	[ ! -s "$dir/undecided.txt" ] ||
		echo "   $(wc -l <"$dir/undecided.txt") tests pass on neither (not counted): $dir/undecided.txt"
	sed 's/^/   /' "$dir/summary.txt"
	check "gl" "no kernel report or driver error during the GL 3.3 list" \
		vm_log_clean "$results/vm-piglit-gl33/serial.log"
}
