# SPDX-License-Identifier: MIT
# Guest userspace for scripts/vm: busybox (static), our init, and our
# statically linked guest programs (kernel/tests), built against the uAPI
# headers of the guest kernel.

# One build directory per kernel base: scripts/test builds the 6.1
# initramfs beside other builds (its prefetch lane).
GUEST_BUILD=$CSVGA_CACHE/work/meson-guest${CSVGA_KERNEL_BASE:+-$CSVGA_KERNEL_BASE}

# build_guest_programs KERNEL_OUT: prints the directory of the programs.
build_guest_programs() {
	local kernel=$1 ksrc dest=$GUEST_BUILD/install
	need_pkgs meson ninja-build gcc libc6-dev
	ksrc=$(pristine_tree linux)
	local args=(-Dkernel_src="$ksrc" -Dkernel_headers="$kernel/usr/include" --prefix=/)
	if [ -f "$GUEST_BUILD/build.ninja" ]; then
		step "configuring guest programs" "$CSVGA_LOGS/guest-build.log" \
			meson setup --reconfigure "$GUEST_BUILD" "$CSVGA_ROOT" "${args[@]}" || return 1
	else
		step "configuring guest programs" "$CSVGA_LOGS/guest-build.log" \
			meson setup "$GUEST_BUILD" "$CSVGA_ROOT" "${args[@]}" || return 1
	fi
	rm -rf "$dest"
	step "building guest programs" "$CSVGA_LOGS/guest-build.log.ninja" \
		meson install -C "$GUEST_BUILD" --destdir "$dest" || return 1
	echo "$dest/guest-bin"
}

# build_initramfs [--debug]: prints the output directory (initramfs.cpio.gz).
build_initramfs() {
	need_pkgs busybox-static cpio
	local kernel bin key out stage
	kernel=$(build_kernel "$@") || return 1
	bin=$(build_guest_programs "$kernel") || return 1
	key=$(hash_inputs /bin/busybox "$CSVGA_ROOT/scripts/guest" "$CSVGA_ROOT/scripts/build.d/initramfs.sh" "$bin")
	out=$OUT/initramfs-$key
	if [ -f "$out/initramfs.cpio.gz" ]; then
		echo "$out"
		return 0
	fi
	stage=$(mktemp -d)
	mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,run,csvga/bin,etc,root}
	cp /bin/busybox "$stage/bin/busybox"
	install -m 0755 "$CSVGA_ROOT/scripts/guest/init" "$stage/init"
	[ ! -d "$bin" ] || cp -a "$bin"/. "$stage/csvga/bin/"
	echo "root:x:0:0:root:/root:/bin/sh" >"$stage/etc/passwd"
	mkdir -p "$out.tmp"
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9n) \
		>"$out.tmp/initramfs.cpio.gz"
	rm -rf "$stage" "$out"
	mv "$out.tmp" "$out"
	echo "$out"
}
