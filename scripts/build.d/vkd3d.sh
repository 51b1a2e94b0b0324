# SPDX-License-Identifier: MIT
# vkd3d-shader 1.14 (from Debian 13's wine source) + svga-device/vkd3d/
# patches, built for the host with our meson.build: a static library,
# headers and vkd3d-shader.pc, installed in the cache.  Users:
#   PKG_CONFIG_PATH=$(scripts/build vkd3d)/lib/pkgconfig
#   meson: dependency('vkd3d-shader')

vkd3d_key() {
	fetch_vkd3d >&2
	echo "$(cat "$(version_file vkd3d)" | tr ':~' '__')-$(hash_inputs "$CSVGA_ROOT/svga-device/vkd3d" \
		"$CSVGA_ROOT/scripts/build.d/vkd3d.sh")"
}

# build_vkd3d: prints the install prefix (lib/pkgconfig/vkd3d-shader.pc,
# lib/libvkd3d-shader.a, include/vkd3d/vkd3d_shader.h).
build_vkd3d() {
	local key out work log=$CSVGA_LOGS/vkd3d-build.log
	key=$(vkd3d_key)
	out=$OUT/vkd3d-$key
	if [ -f "$out/lib/pkgconfig/vkd3d-shader.pc" ]; then
		echo "$out"
		return 0
	fi
	need_pkgs build-essential meson ninja-build pkg-config flex bison git
	pristine_tree vkd3d >/dev/null
	work=$WORK/vkd3d
	sync_queue_tree vkd3d "$work/src"
	link_queue_extras vkd3d "$work/src"
	# The object directory is kept across queue changes (incremental
	# builds); only the install prefix changes with the key.  The .pc file
	# is relocatable, so the prefix can be renamed after installing.
	if [ ! -f "$work/obj/build.ninja" ]; then
		rm -rf "$work/obj"
		step "configuring vkd3d-shader" "$log" env PATH="/usr/bin:$PATH" \
			meson setup "$work/obj" "$work/src" --prefix="$out.tmp" --libdir=lib \
			-Dpkgconfig.relocatable=true
	else
		step "configuring vkd3d-shader" "$log" env PATH="/usr/bin:$PATH" \
			meson configure "$work/obj" --prefix="$out.tmp"
	fi
	step "building vkd3d-shader (about 1 min cold)" "$log.make" \
		env PATH="/usr/bin:$PATH" ninja -C "$work/obj" -j2
	rm -rf "$out.tmp"
	step "installing vkd3d-shader" "$log.install" env PATH="/usr/bin:$PATH" \
		meson install -C "$work/obj" --no-rebuild
	rm -rf "$out"
	mv "$out.tmp" "$out"
	say "vkd3d-shader ready: $out"
	echo "$out"
}
