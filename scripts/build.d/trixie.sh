# SPDX-License-Identifier: MIT
# Debian 13 ("trixie") roots on the Debian 12 host: made by debootstrap
# from Debian's packages, entered with chroot in a private mount namespace
# (so no mount outlives the command, whatever happens to it).  Used for the
# build root (our Mesa and piglit, built natively against Debian 13) and
# for the guest's root filesystem.

TRIXIE_SUITE=trixie

# make_trixie_root DIR LOG: a minbase Debian 13 root in DIR.
make_trixie_root() {
	local dir=$1 log=$2
	need_pkgs debootstrap
	remove_root "$dir"
	step "debootstrap $TRIXIE_SUITE into $(basename "$dir") (about 30 s)" "$log" \
		debootstrap --variant=minbase "$TRIXIE_SUITE" "$dir" "$TRIXIE_MIRROR" ||
		die "debootstrap of Debian 13 failed" "see $log; it needs network access to $TRIXIE_MIRROR"
	# Nothing in a root starts daemons on package installation.
	printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
	chmod 0755 "$dir/usr/sbin/policy-rc.d"
}

# in_root ROOT [--bind HOSTDIR ROOTDIR]... -- CMD [ARGS...]: run CMD
# chrooted in ROOT with /proc and /dev, and the given host directories
# bound in.  The environment is reset to a plain one.
in_root() {
	local root=$1 binds=()
	shift
	while [ $# -gt 0 ]; do
		case $1 in
		--bind) binds+=("$2" "$3"); shift 3 ;;
		--) shift; break ;;
		*) die "in_root: unexpected '$1'" ;;
		esac
	done
	# A private mount namespace keeps our mounts out of the caller's.  In
	# a chroot (../shared/tools/fresh-run), "/" is no mount point and its
	# propagation cannot be changed: mounts may then propagate back, and
	# release_root_mounts undoes them.
	local prop=private rc=0
	mountpoint -q / || prop=unchanged
	unshare --mount --propagation $prop -- bash -euc '
		root=$1 n=$2
		shift 2
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		while [ "$n" -gt 0 ]; do
			mkdir -p "$root$2"
			mount --bind "$1" "$root$2"
			shift 2
			n=$((n - 1))
		done
		exec chroot "$root" /usr/bin/env -i HOME=/root LC_ALL=C.UTF-8 \
			DEBIAN_FRONTEND=noninteractive \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
	' in_root "$root" $((${#binds[@]} / 2)) "${binds[@]}" "$@" || rc=$?
	release_root_mounts "$root"
	return $rc
}

# release_root_mounts ROOT: unmount anything still mounted below ROOT in
# this mount namespace, deepest first.
release_root_mounts() {
	local root m
	root=$(readlink -f "$1")
	awk -v r="$root/" 'substr($5, 1, length(r)) == r { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r m; do
			umount -l "$m" 2>/dev/null || true
		done
}

# remove_root DIR: delete a root, never through a mount.
remove_root() {
	release_root_mounts "$1"
	rm -rf --one-file-system "$1"
}

# root_apt_install ROOT LOG PKG...: install packages (names or .deb paths
# inside ROOT) without recommends.
root_apt_install() {
	local root=$1 log=$2
	shift 2
	in_root "$root" -- sh -ec 'apt-get update -q; apt-get install -y -q --no-install-recommends "$@"' \
		apt "$@" >>"$log" 2>&1
}

# root_install_debs ROOT LOG WHAT DEB-DIR... -- PACKAGE...: installs the
# .debs of each DEB-DIR and Debian's PACKAGEs into ROOT in one apt run
# (so apt resolves our packages' Depends from Debian 13), as a step named
# "installing WHAT"; dies naming the log when apt fails.
root_install_debs() {
	local root=$1 log=$2 what=$3 debs=() d f
	shift 3
	mkdir -p "$root/tmp/debs"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		d=$1
		shift
		for f in "$d"/*.deb; do
			cp "$f" "$root/tmp/debs/"
			debs+=("/tmp/debs/$(basename "$f")")
		done
	done
	shift
	step "installing $what" "$log.apt" \
		root_apt_install "$root" "$log.apt" "${debs[@]}" "$@" ||
		die "could not install $what" "see $log.apt"
}

# root_drop_apt_state ROOT: what apt downloaded and indexed, and the
# .debs root_install_debs copied in, are not part of the root.
root_drop_apt_state() {
	in_root "$1" -- apt-get clean
	rm -rf "$1/tmp/debs" "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin
}

# local_deb NAME VERSION DESTDIR OUTDIR BUILDROOT [CONTROL-LINE]...: wrap
# an installed tree into a .deb whose Depends are the packages (of
# BUILDROOT, a Debian 13 root) that own the shared libraries its ELF files
# need and it does not ship itself, plus those of a "Depends: " line given.
# Prints the .deb's path.
local_deb() {
	local name=$1 version=$2 destdir=$3 outdir=$4 buildroot=$5 deps
	shift 5
	deps=$(in_root "$buildroot" --bind "$destdir" /pkg -- sh -c '
		find /pkg -type f \( -perm -u+x -o -name "*.so*" \) -print0 |
		xargs -0 -r readelf -d 2>/dev/null |
		sed -n "s/.*(NEEDED).*\[\(.*\)\]/\1/p" | sort -u |
		while read -r so; do
			[ -n "$(find /pkg -name "$so" -print -quit)" ] && continue
			p=$(ldconfig -p | sed -n "s/^\t$so (libc6,x86-64.*) => //p" | head -n1)
			[ -n "$p" ] || { echo "missing:$so"; continue; }
			o=$(dpkg -S "$p" 2>/dev/null || dpkg -S "$(readlink -f "$p")" 2>/dev/null) ||
				{ echo "missing:$so"; continue; }
			echo "$o" | head -n1 | cut -d: -f1
		done | sort -u | paste -sd, -') ||
		die "could not compute the dependencies of $name"
	case $deps in *missing:*) die "$name needs libraries the build root lacks: $deps" ;; esac
	# A "Depends: ..." among the extra lines adds to the computed ones.
	local line extra=()
	for line in "$@"; do
		case $line in
		"Depends: "*) line=${line#Depends: }; deps="${deps:+$deps,}${line//, /,}" ;;
		*) extra+=("$line") ;;
		esac
	done
	mkdir -p "$destdir/DEBIAN" "$outdir"
	{
		echo "Package: $name"
		echo "Version: $version"
		echo "Architecture: amd64"
		echo "Maintainer: coherent-svga <csvga@localhost>"
		[ -z "$deps" ] || echo "Depends: ${deps//,/, }"
		printf '%s\n' "${extra[@]}"
	} >"$destdir/DEBIAN/control"
	dpkg-deb --root-owner-group -Zxz -z1 --build "$destdir" "$outdir/${name}_${version}_amd64.deb" >/dev/null
	rm -rf "$destdir/DEBIAN"
	echo "$outdir/${name}_${version}_amd64.deb"
}
