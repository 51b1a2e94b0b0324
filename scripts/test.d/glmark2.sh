# SPDX-License-Identifier: MIT
# glmark2 layer of scripts/test (issue 13's renderer benchmark, second
# part): a few glmark2 scenes run by glmark2-drm in the guest on our
# device, and the same scenes by glmark2 (X11, on an Xvfb server) on the
# host's llvmpipe in the reference root, at the guest's surface size.
# The scores are a report for scripts/run, never a verdict: what is
# checked is that every scene ran and scored on both sides, and that the
# device logged no guest error meanwhile.  Guest scores under QEMU TCG
# include the emulated CPU's cost of Mesa's svga driver, so read them
# as ratios on one machine, not as a GPU's numbers.

# in_root comes from the build scripts (a chroot with /proc and /dev)
declare -F in_root >/dev/null || . "$CSVGA_ROOT/scripts/build.d/trixie.sh"

# Each scene runs 2 s (duration); the names are glmark2's benchmark
# descriptions ('scene:option=value...').
GLMARK2_SCENES=(build:use-vbo=true texture:texture-filter=linear
	shading:shading=phong bump:bump-render=normals effect2d pulsar
	buffer:update-method=map:interleave=false
	buffer:update-method=subdata:interleave=false refract)

# glmark2_args: the -b options of the scene list
glmark2_args() {
	local s
	for s in "${GLMARK2_SCENES[@]}"; do
		printf -- '-b %s:duration=2 ' "$s"
	done
}

# glmark2_scores OUT: "scene fps" per line from glmark2's output, in
# run order ("[build] duration=2:use-vbo=true: FPS: 31 FrameTime: ..."
# becomes "build:use-vbo=true 31"); fails unless every scene scored.
glmark2_scores() {
	local out=$1 n
	sed -n 's/^\[\([a-z0-9]*\)\] \(.*\): FPS: \([0-9]*\) .*/\1:\2 \3/p' "$out" |
		sed 's/duration=2:\{0,1\}//; s/:\( \)/\1/'
	n=$(grep -cE '^\[[a-z0-9]+\] .*: FPS: [1-9][0-9]* ' "$out" || true)
	[ "$n" -eq "${#GLMARK2_SCENES[@]}" ]
}

# gl_glmark2_guest: glmark2-drm, off screen (no page-flip waits), in the
# guest on our device.
gl_glmark2_guest() {
	local dir=$results/glmark2 rc=0
	mkdir -p "$dir"
	"$VM" run $debug --rootfs --timeout 600 --log-dir "$results/vm-glmark2" -- \
		sh -c "glmark2-drm --off-screen $(glmark2_args)" >"$dir/guest.out" 2>&1 || rc=$?
	glmark2_scores "$dir/guest.out" >"$dir/guest.txt" ||
		{ echo "   glmark2-drm scored $(wc -l <"$dir/guest.txt") of ${#GLMARK2_SCENES[@]} scenes in the guest (exit $rc; log: $dir/guest.out)" >&2; return 1; }
	[ $rc -eq 0 ] || { echo "   the glmark2-drm boot exited $rc (log: $dir/guest.out, $results/vm-glmark2)" >&2; return 1; }
	vm_log_clean "$results/vm-glmark2/serial.log" &&
		vm_device_log_clean "$results/vm-glmark2/qemu.log"
}

# gl_glmark2_host: the same scenes on Debian's llvmpipe in the reference
# root, at the size glmark2-drm used in the guest (its connector's mode).
gl_glmark2_host() {
	local dir=$results/glmark2 ref size rc=0
	[ -s "$dir/guest.txt" ] || { echo "   no guest scores to compare with ($dir/guest.out)" >&2; return 1; }
	if ! ref=$(prefetched refroot) && ! ref=$("$CSVGA_ROOT/scripts/build" refroot); then
		echo "   building the reference root failed (logs in $CSVGA_LOGS)" >&2
		return 1
	fi
	size=$(sed -n 's/^ *Surface Size: *\([0-9]*x[0-9]*\).*/\1/p' "$dir/guest.out" | head -n1)
	size=${size:-800x600}
	# shellcheck disable=SC2046 # the scene options are words
	in_root "$ref/root" -- env HOME=/tmp sh -c 'cd /tmp && exec xvfb-run -a -s "-screen 0 ${0}x24" "$@"' "$size" \
		glmark2 --off-screen -s "$size" $(glmark2_args) >"$dir/host.out" 2>&1 || rc=$?
	glmark2_scores "$dir/host.out" >"$dir/host.txt" ||
		{ echo "   glmark2 scored $(wc -l <"$dir/host.txt") of ${#GLMARK2_SCENES[@]} scenes on the host's llvmpipe (exit $rc; log: $dir/host.out)" >&2; return 1; }
	glmark2_table "$dir" >"$dir/table.txt"
	sed 's/^/   /' "$dir/table.txt"
}

# glmark2_table DIR: the scores side by side, for scripts/run
glmark2_table() {
	local dir=$1 size
	size=$(sed -n 's/^ *Surface Size: *\([0-9]*x[0-9]*\).*/\1/p' "$dir/guest.out" | head -n1)
	echo "glmark2 FPS at ${size:-?}, off screen, 2 s a scene (guest: glmark2-drm on SVGA3D; host: llvmpipe)"
	printf '%-48s %8s %8s %12s\n' scene guest host guest/host
	paste -d ' ' "$dir/guest.txt" "$dir/host.txt" |
		awk '{ printf "%-48s %8d %8d %12.2f\n", $1, $2, $4, ($4 > 0 ? $2 / $4 : 0) }'
}
