# SPDX-License-Identifier: MIT
# Patch queues: a pristine upstream tree plus our series, as git commits.
# Sourced by scripts/queue and the build scripts.

# queue_dir NAME -> the series directory in this repository
queue_dir() {
	case $1 in
	kernel) echo "$CSVGA_ROOT/kernel/patches" ;;
	kernel-6.1) echo "$CSVGA_ROOT/kernel/backport-6.1/patches" ;;
	qemu) echo "$CSVGA_ROOT/svga-device/qemu/patches" ;;
	mesa) echo "$CSVGA_ROOT/mesa-svga/patches" ;;
	vkd3d) echo "$CSVGA_ROOT/svga-device/vkd3d/patches" ;;
	*) die "unknown queue '$1'" "use one of: kernel kernel-6.1 qemu mesa vkd3d" ;;
	esac
}

# upstream_of NAME -> the pristine source the queue applies to
upstream_of() {
	case $1 in
	kernel) echo linux ;;
	kernel-6.1) echo linux61 ;;
	qemu | mesa | vkd3d) echo "$1" ;;
	esac
}

# queue_patches NAME: the series' patch files in order.  With
# CSVGA_KERNEL_QUEUE=empty the kernel queue is left out (the pristine
# baseline of scripts/test --pristine-baseline).
queue_patches() {
	local q
	[ "${1%-6.1}" != kernel ] || [ "${CSVGA_KERNEL_QUEUE:-}" != empty ] || return 0
	q=$(queue_dir "$1")
	[ -f "$q/series" ] || return 0
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$q/series" | while read -r p; do
		[ -f "$q/$p" ] || die "$q/series names $p, which does not exist" \
			"fix $q/series or add the patch"
		echo "$q/$p"
	done
}

GIT_ID=(-c user.name=coherent-svga -c user.email=csvga@localhost
	-c core.autocrlf=false -c advice.detachedHead=false)

# apply_queue NAME DIR [--force]: make DIR a git work tree of the pristine
# source with the queue applied as commits on branch "queue".
apply_queue() {
	local name=$1 dir=$2 force=${3:-} pristine p
	pristine=$(pristine_tree "$(upstream_of "$name")")
	if [ -d "$dir/.git" ]; then
		if [ "$force" != --force ]; then
			die "$dir already exists" \
				"export its commits first (scripts/queue export $name $dir), then rerun with --force to rebuild it"
		fi
		git -C "$dir" am --abort >/dev/null 2>&1 || true
		git -C "$dir" fetch -q "$pristine" "+refs/tags/pristine:refs/tags/pristine"
		git -C "$dir" checkout -q -f -B queue pristine
		git -C "$dir" clean -q -fdx -e /.csvga-build/
	else
		rm -rf "$dir"
		mkdir -p "$(dirname "$dir")"
		git clone -q --shared --no-checkout "$pristine" "$dir"
		git -C "$dir" checkout -q -B queue pristine
	fi
	link_queue_extras "$name" "$dir"
	for p in $(queue_patches "$name"); do
		if ! git "${GIT_ID[@]}" -C "$dir" am -q --keep-cr --committer-date-is-author-date "$p" \
			>"$CSVGA_LOGS/queue-$name-am.log" 2>&1; then
			git -C "$dir" am --abort >/dev/null 2>&1 || true
			cat "$CSVGA_LOGS/queue-$name-am.log" >&2
			die "patch $(basename "$p") does not apply to $(basename "$pristine")" \
				"rebase it: scripts/queue apply $name, fix in the tree, scripts/queue export $name"
		fi
	done
}

# link_queue_extras NAME DIR: our own sources that an upstream build
# compiles from this repository (never copied into the patch queue).
# QEMU: hw/display/svga3-device -> svga-device, whose core-sources.txt the
# adapter's meson.build reads and compiles, and
# hw/display/svga3-device-include -> the SVGA device headers of the pinned
# Linux tree, which the core includes.
link_queue_extras() {
	[ "$1" != vkd3d ] || { link_vkd3d_build "$2"; return 0; }
	[ "$1" = qemu ] || return 0
	local linux l
	linux=$(pristine_tree linux)
	# the link of the device core before it was split into layers
	rm -f "$2/hw/display/svga3-core"
	ln -sfn "$CSVGA_ROOT/svga-device" "$2/hw/display/svga3-device"
	ln -sfn "$linux/drivers/gpu/drm/vmwgfx/device_include" "$2/hw/display/svga3-device-include"
	for l in /hw/display/svga3-device /hw/display/svga3-device-include; do
		grep -qxF "$l" "$2/.git/info/exclude" 2>/dev/null || echo "$l" >>"$2/.git/info/exclude"
	done
}

# link_vkd3d_build DIR: vkd3d's own build system is not in wine's copy;
# ours is linked in: svga-device/vkd3d as csvga/ and its meson.build as
# the tree's, so "meson setup" works in any vkd3d queue tree.
link_vkd3d_build() {
	local l
	ln -sfn "$CSVGA_ROOT/svga-device/vkd3d" "$1/csvga"
	ln -sfn csvga/meson.build "$1/meson.build"
	for l in /meson.build /csvga; do
		grep -qxF "$l" "$1/.git/info/exclude" 2>/dev/null || echo "$l" >>"$1/.git/info/exclude"
	done
}

# export_queue NAME DIR: write DIR's commits since "pristine" back to the
# queue as git format-patch files plus a series file.
export_queue() {
	local name=$1 dir=$2 q tmp
	q=$(queue_dir "$name")
	[ -d "$dir/.git" ] || die "$dir is not a queue work tree" "scripts/queue apply $name first"
	[ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ] ||
		die "$dir has uncommitted changes" "commit them in $dir first"
	tmp=$(mktemp -d)
	git -C "$dir" format-patch -q -N --zero-commit --no-signature \
		--subject-prefix=PATCH -o "$tmp" pristine..HEAD
	mkdir -p "$q"
	rm -f "$q"/*.patch
	: >"$q/series.new"
	for p in "$tmp"/*.patch; do
		[ -e "$p" ] || continue
		mv "$p" "$q/"
		basename "$p" >>"$q/series.new"
	done
	mv "$q/series.new" "$q/series"
	rmdir "$tmp"
}
