# SPDX-License-Identifier: MIT
# QEMU: pinned 7.2 + svga-device/qemu/patches, x86_64 system emulator
# with only the devices our guest uses (coherent-svga.mak).

QEMU_CONFIGURE=(--target-list=x86_64-softmmu --without-default-features
	--without-default-devices --with-devices-x86_64=coherent-svga
	--enable-tcg --enable-kvm --enable-virtfs --enable-attr --enable-cap-ng
	--disable-docs --disable-werror)

# qemu_core_inputs: what QEMU compiles of the device library, one path a
# line: its source lists (the core's and the renderer's), include/, and
# every directory the lists name.
qemu_core_inputs() {
	local d=$CSVGA_ROOT/svga-device
	printf '%s\n' "$d/core-sources.txt" "$d/renderer-sources.txt" "$d/include"
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$d/core-sources.txt" "$d/renderer-sources.txt" |
		xargs -r -n1 dirname | LC_ALL=C sort -u | sed "s|^|$d/|"
}

# The renderer links our vkd3d-shader build: its key is part of QEMU's.
qemu_key() {
	local core
	fetch_qemu >&2
	mapfile -t core < <(qemu_core_inputs)
	echo "$(cat "$(version_file qemu)" | tr ':~' '__')-$( (printf '%s\n' "${QEMU_CONFIGURE[@]}"; vkd3d_key) |
		sha256sum | cut -c1-8)-$(hash_inputs "$CSVGA_ROOT/svga-device/qemu" \
		"${core[@]}" "$CSVGA_ROOT/scripts/build.d/qemu.sh")"
}

# build_qemu: prints the output directory (bin/qemu-system-x86_64).
build_qemu() {
	local key out work vkd3d configure_stamp log=$CSVGA_LOGS/qemu-build.log
	key=$(qemu_key)
	out=$OUT/qemu-$key
	if [ -x "$out/bin/qemu-system-x86_64" ]; then
		echo "$out"
		return 0
	fi
	# libvulkan-dev: the renderer's loader; mesa-vulkan-drivers: lavapipe,
	# the Vulkan device it renders on where the host has no GPU.
	need_pkgs build-essential ninja-build meson pkg-config python3-venv libglib2.0-dev \
		libpixman-1-dev zlib1g-dev libcap-ng-dev libattr1-dev libfdt-dev seabios qemu-system-data git \
		libvulkan-dev mesa-vulkan-drivers
	vkd3d=$(build_vkd3d) || die "vkd3d-shader, which QEMU's renderer links, did not build (log: $CSVGA_LOGS/vkd3d-build.log*)"
	configure_stamp="${QEMU_CONFIGURE[*]} PKG_CONFIG_PATH=$vkd3d/lib/pkgconfig"
	pristine_tree qemu >/dev/null
	work=$WORK/qemu
	sync_queue_tree qemu "$work/src"
	# The device core is our own library, compiled from this repository
	# through a link (see link_queue_extras); refresh it for this checkout.
	link_queue_extras qemu "$work/src"
	if [ ! -f "$work/obj/build.ninja" ] || [ "$(cat "$work/obj/.csvga-configure" 2>/dev/null)" != "$configure_stamp" ]; then
		rm -rf "$work/obj"
		mkdir -p "$work/obj"
		step "configuring QEMU" "$log" bash -c "cd '$work/obj' && PATH=/usr/bin:\$PATH PKG_CONFIG_PATH='$vkd3d/lib/pkgconfig' ../src/configure ${QEMU_CONFIGURE[*]}"
		grep -q 'vmware-svga3 renderer *: *YES' "$log" ||
			die "QEMU was configured without the vmware-svga3 renderer (Vulkan loader or vkd3d-shader not found); see $log"
		echo "$configure_stamp" >"$work/obj/.csvga-configure"
	fi
	# The work tree is shared by every checkout, and meson and ninja go by
	# mtimes: another checkout's core-sources.txt and sources may be
	# older than what was built from them, yet different.  When the key
	# (which hashes the core) differs from the last build's, regenerate
	# build.ninja and recompile the core, the renderer and QEMU's adapter
	# (vmware_svga3*.c include the core's headers: an adapter object kept
	# from another checkout's build had a smaller svga_backend_stats on
	# its stack than the core it was linked with, and QEMU died with
	# "stack smashing detected").
	if [ "$(cat "$work/obj/.csvga-key" 2>/dev/null)" != "$key" ]; then
		touch -d @0 "$work/obj/build.ninja"
		rm -rf "$work/obj/hw/display/libsvga3-core.a.p" "$work/obj/hw/display/libsvga3-renderer.a.p"
		find "$work/obj" -name 'hw_display_vmware_svga3*.o' -delete
	fi
	step "building QEMU ($(nproc) jobs; about 2 min cold)" "$log.make" \
		env PATH="/usr/bin:$PATH" ninja -C "$work/obj" qemu-system-x86_64
	echo "$key" >"$work/obj/.csvga-key"
	rm -rf "$out.tmp"
	mkdir -p "$out.tmp/bin"
	cp "$work/obj/qemu-system-x86_64" "$out.tmp/bin/"
	[ ! -f "$work/obj/trace-events-all" ] || cp "$work/obj/trace-events-all" "$out.tmp/"
	"$out.tmp/bin/qemu-system-x86_64" -device help >"$out.tmp/devices.txt" 2>&1 || true
	rm -rf "$out"
	mv "$out.tmp" "$out"
	say "QEMU ready: $out"
	echo "$out"
}
