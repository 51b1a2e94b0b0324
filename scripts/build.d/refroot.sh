# SPDX-License-Identifier: MIT
# The reference root: the GL 3.3 conformance list's other half.  Debian 13
# minbase + Debian's own Mesa (llvmpipe, the reference no one here wrote)
# + the same csvga-piglit package the guest runs, as a directory that the
# host runs piglit in (chroot, EGL on an Xvfb X server: piglit runs the
# tests it does not run concurrently without -fbo, and those abort on
# EGL's surfaceless platform, which has no window).  Comparing the
# guest's results with this root's, in the same run, keeps the comparison
# free of numbers written down once.

# Debian's Mesa with llvmpipe, the dispatch libraries and what piglit's
# runner needs (wflinfo: piglit's fast skips read the GL versions from
# it; without it every shader_test skips).  No csvga-mesa: this root must
# render with Debian's Mesa.
REFROOT_PKGS=(libgl1-mesa-dri libegl-mesa0 libgbm1 libgl1 libegl1 libgles2
	libopengl0 python3 python3-mako waffle-utils xvfb xauth glmark2-x11)

# build_refroot: prints the output directory (root/, mesa-version.txt).
build_refroot() {
	local piglit key out root log=$CSVGA_LOGS/refroot.log
	piglit=$(build_piglit) || return 1
	key=$(printf '%s\n' "$TRIXIE_SUITE" "${REFROOT_PKGS[@]}" "$(basename "$piglit")" \
		"$(hash_inputs "$CSVGA_ROOT/scripts/build.d/refroot.sh" "$CSVGA_ROOT/scripts/build.d/trixie.sh")" |
		sha256sum | cut -c1-16)
	out=$OUT/refroot-$key
	if [ -s "$out/mesa-version.txt" ]; then
		echo "$out"
		return 0
	fi
	root=$WORK/trixie-ref
	: >"$log"
	make_trixie_root "$root" "$log"
	root_install_debs "$root" "$log" "Debian's Mesa (llvmpipe) and piglit in the reference root" \
		"$piglit" -- "${REFROOT_PKGS[@]}"
	local v
	v=$(in_root "$root" -- dpkg-query -W -f='${Version}' libgl1-mesa-dri) ||
		die "libgl1-mesa-dri is not in the reference root" "see $log.apt"
	root_drop_apt_state "$root"
	rm -rf "$out" "$out.tmp"
	mkdir -p "$out.tmp"
	mv "$root" "$out.tmp/root"
	echo "$v" >"$out.tmp/mesa-version.txt"
	mv "$out.tmp" "$out"
	say "reference root ready: $out/root (Debian's Mesa $v, llvmpipe, Xvfb)"
	echo "$out"
}
