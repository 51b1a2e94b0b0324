# SPDX-License-Identifier: MIT
# Our Mesa: pinned 25.0.7 + mesa-svga/patches, built in the Debian 13
# build root, as the local package csvga-mesa.

# Mesa: the svga Gallium driver; EGL (GBM/DRM and surfaceless platforms;
# no X11 or Wayland: the guest has no display server), GBM, GLES2, and
# desktop GL through glvnd.  No LLVM.  Installed where Debian installs its
# own Mesa, so that glvnd and the loader find it with no variables set.
MESA_OPTIONS=(--prefix=/usr --libdir=lib/x86_64-linux-gnu -Dbuildtype=release
	-Dgallium-drivers=svga -Dvulkan-drivers= -Dllvm=disabled -Dglvnd=enabled
	-Degl=enabled -Dgbm=enabled -Dglx=disabled -Dplatforms= -Dgles1=disabled
	-Dgles2=enabled -Dgallium-va=disabled -Dgallium-vdpau=disabled
	-Dgallium-xa=disabled -Dvalgrind=disabled -Dlibunwind=disabled
	-Dlmsensors=disabled -Dxlib-lease=disabled)

# Debian's Mesa packages that csvga-mesa replaces.  libglx-mesa0 is only
# named (glvnd's libGLX depends on it): there is no GLX vendor, as there
# is no X server in the guest.
MESA_REPLACES=(libgbm1 libegl-mesa0 libgl1-mesa-dri mesa-libgallium libglx-mesa0)

# build_mesa: prints the output directory (csvga-mesa_*.deb).
build_mesa() {
	local broot key out work=$WORK/mesa log=$CSVGA_LOGS/mesa-build.log deb
	broot=$(build_buildroot) || return 1
	fetch_mesa >&2
	key=$(printf '%s\n' "$(cat "$(version_file mesa)")" "${MESA_OPTIONS[@]}" "${MESA_REPLACES[@]}" \
		"$(buildroot_key)" "$(hash_inputs "$CSVGA_ROOT/mesa-svga/patches" \
		"$CSVGA_ROOT/scripts/build.d/mesa.sh" "$CSVGA_ROOT/scripts/build.d/trixie.sh")" | sha256sum | cut -c1-16)
	out=$OUT/mesa-$key
	if ls "$out"/csvga-mesa_*.deb >/dev/null 2>&1; then
		echo "$out"
		return 0
	fi
	pristine_tree mesa >/dev/null
	sync_queue_tree mesa "$work/src"
	if [ "$(cat "$work/obj/.csvga-options" 2>/dev/null)" != "${MESA_OPTIONS[*]}" ]; then
		rm -rf "$work/obj"
		mkdir -p "$work/obj"
		step "configuring Mesa (meson, in the Debian 13 build root)" "$log" \
			in_root "$broot" --bind "$work" /build -- meson setup /build/obj /build/src "${MESA_OPTIONS[@]}" ||
			return 1
		echo "${MESA_OPTIONS[*]}" >"$work/obj/.csvga-options"
	fi
	step "building Mesa ($(nproc) jobs; about 5 min cold)" "$log.ninja" \
		in_root "$broot" --bind "$work" /build -- ninja -C /build/obj || return 1
	rm -rf "$work/destdir"
	step "installing Mesa" "$log.install" \
		in_root "$broot" --bind "$work" /build -- env DESTDIR=/build/destdir meson install -C /build/obj --no-rebuild ||
		return 1
	# Headers, pkg-config files and development links are not for the guest.
	rm -rf "$work/destdir/usr/include" "$work/destdir/usr/lib/x86_64-linux-gnu/pkgconfig"
	find "$work/destdir/usr/lib/x86_64-linux-gnu" -maxdepth 1 -name '*.so' -type l -delete
	local v provides=() r
	v=$(cat "$(version_file mesa)")
	for r in "${MESA_REPLACES[@]}"; do provides+=("$r (= $v)"); done
	rm -rf "$out.tmp"
	deb=$(local_deb csvga-mesa "$v+csvga" "$work/destdir" "$out.tmp" "$broot" \
		"Provides: $(printf '%s, ' "${provides[@]}" | sed 's/, $//')" \
		"Conflicts: $(printf '%s, ' "${MESA_REPLACES[@]}" | sed 's/, $//')" \
		"Replaces: $(printf '%s, ' "${MESA_REPLACES[@]}" | sed 's/, $//')" \
		"Description: Mesa $v with coherent-svga's svga patches (mesa-svga/patches)") || return 1
	rm -rf "$out"
	mv "$out.tmp" "$out"
	say "Mesa ready: $out/$(basename "$deb")"
	echo "$out"
}

