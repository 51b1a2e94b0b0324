# SPDX-License-Identifier: MIT
# The build root: Debian 13 with Mesa's and piglit's build dependencies,
# in which our Mesa and piglit are built natively on the host's CPU and
# wrapped as local packages (see mesa.sh, piglit.sh, rootfs.sh).

# Build dependencies (see ../shared/notes/render-backend.md).
BUILDROOT_PKGS=(gcc g++ meson ninja-build pkgconf python3-mako python3-yaml
	python3-packaging bison flex libdrm-dev libexpat1-dev zlib1g-dev libzstd-dev
	libglvnd-core-dev binutils
	cmake python3-numpy libwaffle-dev libgl-dev libegl-dev libgles-dev
	libgbm-dev libxcb-dri2-0-dev libx11-dev libxkbcommon-dev libwayland-dev
	wayland-protocols libpng-dev)

# The build root changes with its package list (this file), not with the
# helpers that use it.
buildroot_key() {
	{
		printf '%s\n' "$TRIXIE_SUITE" "${BUILDROOT_PKGS[@]}"
		hash_inputs "$CSVGA_ROOT/scripts/build.d/buildroot.sh"
	} | sha256sum | cut -c1-16
}

# build_buildroot: prints the build root's directory (kept in the work
# area: rebuilt only when its package list changes).
build_buildroot() {
	local key root=$WORK/trixie-build log=$CSVGA_LOGS/buildroot.log
	key=$(buildroot_key)
	if [ "$(cat "$root/.csvga-key" 2>/dev/null)" = "$key" ]; then
		echo "$root"
		return 0
	fi
	: >"$log"
	make_trixie_root "$root" "$log"
	step "installing Mesa's and piglit's build dependencies in the build root" "$log.apt" \
		root_apt_install "$root" "$log.apt" "${BUILDROOT_PKGS[@]}" ||
		die "could not install the build root's packages" "see $log.apt"
	echo "$key" >"$root/.csvga-key"
	echo "$root"
}

