# SPDX-License-Identifier: MIT
# Guest userspace for scripts/vm: busybox (static) and our init, plus the
# statically linked guest programs when a build directory provides them.

# build_initramfs: prints the output directory (initramfs.cpio.gz).
build_initramfs() {
	need_pkgs busybox-static cpio
	local key out stage
	key=$(hash_inputs /bin/busybox "$CSVGA_ROOT/scripts/guest" "$CSVGA_ROOT/scripts/build.d/initramfs.sh" \
		${CSVGA_GUEST_BIN:+"$CSVGA_GUEST_BIN"})
	out=$OUT/initramfs-$key
	if [ -f "$out/initramfs.cpio.gz" ]; then
		echo "$out"
		return 0
	fi
	stage=$(mktemp -d)
	mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,run,csvga/bin,etc,root}
	cp /bin/busybox "$stage/bin/busybox"
	install -m 0755 "$CSVGA_ROOT/scripts/guest/init" "$stage/init"
	if [ -n "${CSVGA_GUEST_BIN:-}" ] && [ -d "$CSVGA_GUEST_BIN" ]; then
		cp -a "$CSVGA_GUEST_BIN"/. "$stage/csvga/bin/"
	fi
	echo "root:x:0:0:root:/root:/bin/sh" >"$stage/etc/passwd"
	mkdir -p "$out.tmp"
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9n) \
		>"$out.tmp/initramfs.cpio.gz"
	rm -rf "$stage" "$out"
	mv "$out.tmp" "$out"
	echo "$out"
}
