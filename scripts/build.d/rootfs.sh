# SPDX-License-Identifier: MIT
# The guest's Debian 13 root filesystem: Debian 13 minbase + csvga-mesa
# (which stands in for Debian's Mesa packages, so no LLVM and no other
# driver is installed) + csvga-piglit + GL tools, as a read-only squashfs
# image.  scripts/vm --rootfs attaches it; the guest writes to a tmpfs
# overlay, so the image never changes and concurrent runs share it.

# The guest's packages besides ours: glvnd's dispatch libraries (Debian's;
# the vendor library behind them is ours) and the tools a GL user reaches
# for first.
GUESTROOT_PKGS=(libgl1 libegl1 libgles2 libopengl0 waffle-utils mesa-utils
	kmscube python3 python3-mako procps glmark2-drm)

# build_rootfs: prints the output directory (rootfs.squashfs, packages.txt).
build_rootfs() {
	local mesa piglit key out root log=$CSVGA_LOGS/rootfs.log
	need_pkgs squashfs-tools
	mesa=$(build_mesa) || return 1
	piglit=$(build_piglit) || return 1
	key=$(printf '%s\n' "$TRIXIE_SUITE" "${GUESTROOT_PKGS[@]}" "$(basename "$mesa")" "$(basename "$piglit")" \
		"$(hash_inputs "$CSVGA_ROOT/scripts/build.d/rootfs.sh" "$CSVGA_ROOT/scripts/build.d/trixie.sh")" |
		sha256sum | cut -c1-16)
	out=$OUT/rootfs-$key
	if [ -f "$out/rootfs.squashfs" ]; then
		echo "$out"
		return 0
	fi
	root=$WORK/trixie-guest
	: >"$log"
	make_trixie_root "$root" "$log"
	root_install_debs "$root" "$log" "our Mesa, piglit and the GL tools in the guest root" \
		"$mesa" "$piglit" -- "${GUESTROOT_PKGS[@]}"
	# The guest must run our Mesa and nothing else: no LLVM, no Debian Mesa.
	local bad
	bad=$(in_root "$root" -- dpkg-query -W -f='${Package}\n' | grep -E '^(libllvm.*|mesa-libgallium|mesa-.*-drivers|libgl1-mesa-dri|libegl-mesa0|libgbm1|libglx-mesa0|libosmesa6)$' || true)
	[ -z "$bad" ] || die "Debian's Mesa got into the guest root: $bad" "see $log.apt; check csvga-mesa's Provides"
	in_root "$root" -- dpkg-query -W -f='${Package} ${Version}\n' >"$root/tmp/packages.txt"
	root_drop_apt_state "$root"
	echo csvga-guest >"$root/etc/hostname"
	mkdir -p "$out.tmp" "$root/csvga"
	mv "$root/tmp/packages.txt" "$out.tmp/"
	step "making the guest root image (squashfs)" "$log.squashfs" \
		mksquashfs "$root" "$out.tmp/rootfs.squashfs" -noappend -comp zstd -Xcompression-level 6 \
		-no-xattrs -quiet || return 1
	rm -rf "$out"
	remove_root "$root"
	mv "$out.tmp" "$out"
	say "guest root ready: $out/rootfs.squashfs ($(du -m "$out/rootfs.squashfs" | cut -f1) MiB)"
	echo "$out"
}
