# SPDX-License-Identifier: MIT
# Fetch and unpack the pinned Debian sources; make pristine git trees.
# Sourced by scripts/fetch, scripts/queue and scripts/build-*.

# shellcheck source=pins.sh
. "$CSVGA_ROOT/scripts/pins.sh"

SRC_DL=$CSVGA_CACHE/src
PRISTINE=$CSVGA_CACHE/pristine
mkdir -p "$SRC_DL" "$PRISTINE"

# newest_version PKG SERIES [src]: newest version Debian serves in SERIES.
newest_version() {
	local pkg=$1 series=$2 kind=${3:-bin}
	if [ "$kind" = src ]; then
		apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p'
	else
		apt-cache madison "$pkg" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); print $2}'
	fi | grep -F -- "$series" | sort -V -r | head -n1
}

check_sha256() {
	local file=$1 want=$2 got
	got=$(sha256sum "$file" | cut -d' ' -f1)
	[ "$got" = "$want" ] ||
		die "checksum mismatch for $file: got $got, pinned $want" \
			"delete $file and rerun; if Debian re-issued it, update scripts/pins.sh"
}

# The version actually used (pinned, or the fallback) is recorded here.
# Linux 6.12's record is not linux.version: before the 6.12 port that file
# recorded Linux 6.1, and a cache shared with such a checkout would flip it.
version_file() {
	local name=$1
	[ "$name" != linux ] || name=linux-6.12
	echo "$SRC_DL/$name.version"
}

# Linux 6.1.y (the backport's base): Debian 12's linux-source-6.1.
fetch_linux61() {
	local v=$LINUX61_VERSION deb
	deb=$SRC_DL/${LINUX61_PKG}_${v}_all.deb
	if [ ! -f "$deb" ]; then
		need_pkgs xz-utils ca-certificates
		ensure_deb_src
		if ! (cd "$SRC_DL" && apt-get download "$LINUX61_PKG=$v") >"$CSVGA_LOGS/fetch-linux61.log" 2>&1; then
			v=$(newest_version "$LINUX61_PKG" "$LINUX61_SERIES")
			[ -n "$v" ] || die "Debian serves no $LINUX61_PKG" "check /etc/apt sources (bookworm-security)"
			warn "pinned $LINUX61_PKG $LINUX61_VERSION is no longer served; using the newest, $v"
			deb=$SRC_DL/${LINUX61_PKG}_${v}_all.deb
			(cd "$SRC_DL" && apt-get download "$LINUX61_PKG=$v") >>"$CSVGA_LOGS/fetch-linux61.log" 2>&1 ||
				die "could not download $LINUX61_PKG $v" "see $CSVGA_LOGS/fetch-linux61.log"
		fi
	fi
	[ "$v" != "$LINUX61_VERSION" ] || check_sha256 "$deb" "$LINUX61_SHA256"
	echo "$v" >"$(version_file linux61)"
}

# fetch_dsc NAME PKG VERSION SERIES: apt-get source --download-only.
fetch_dsc() {
	local name=$1 pkg=$2 v=$3 series=$4 log=$CSVGA_LOGS/fetch-$1.log
	# A .dsc alone proves nothing (its tarballs may have failed): a
	# marker is written once apt-get source has fetched everything.
	if [ ! -f "$SRC_DL/$name-$v.complete" ]; then
		need_pkgs dpkg-dev xz-utils ca-certificates
		ensure_deb_src
		if ! (cd "$SRC_DL" && apt-get source --download-only "$pkg=$v") >"$log" 2>&1; then
			local nv
			nv=$(newest_version "$pkg" "$series" src)
			if [ -z "$nv" ] || [ "$nv" = "$v" ]; then
				return 1
			fi
			warn "pinned $pkg $v is no longer served; using the newest, $nv"
			v=$nv
			(cd "$SRC_DL" && apt-get source --download-only "$pkg=$v") >>"$log" 2>&1 || return 1
		fi
		touch "$SRC_DL/$name-$v.complete"
	fi
	echo "$v" >"$(version_file "$name")"
}

fetch_qemu() {
	fetch_dsc qemu "$QEMU_PKG" "$QEMU_VERSION" "$QEMU_SERIES" ||
		die "could not download the qemu source package" "see $CSVGA_LOGS/fetch-qemu.log"
	if [ "$(cat "$(version_file qemu)")" = "$QEMU_VERSION" ]; then
		check_sha256 "$SRC_DL/qemu_7.2+dfsg.orig.tar.xz" "$QEMU_SHA256_orig"
		check_sha256 "$SRC_DL/qemu_${QEMU_VERSION#*:}.debian.tar.xz" "$QEMU_SHA256_debian"
	fi
}

# fetch_pool NAME POOL-PATH SHA256 VERSION: one file from Debian's pool
# (trixie's source tarballs), verified against its pin.
fetch_pool() {
	local name=$1 path=$2 sha=$3 v=$4 file
	file=$SRC_DL/$(basename "$path")
	if [ ! -f "$file" ]; then
		need_pkgs curl ca-certificates xz-utils
		say "downloading $(basename "$path")"
		curl -fsSL --retry 3 -o "$file.part" "$TRIXIE_MIRROR/$path" 2>"$CSVGA_LOGS/fetch-$name.log" ||
			die "could not download $TRIXIE_MIRROR/$path (see $CSVGA_LOGS/fetch-$name.log)" \
				"if Debian 13 moved past this upstream version, pin the new one in scripts/pins.sh"
		mv "$file.part" "$file"
	fi
	check_sha256 "$file" "$sha"
	echo "$v" >"$(version_file "$name")"
}

fetch_linux() { fetch_pool linux "$LINUX_ORIG" "$LINUX_SHA256_orig" "$LINUX_VERSION"; }
fetch_mesa() { fetch_pool mesa "$MESA_ORIG" "$MESA_SHA256_orig" "$MESA_VERSION"; }
fetch_piglit() { fetch_pool piglit "$PIGLIT_ORIG" "$PIGLIT_SHA256_orig" "$PIGLIT_VERSION"; }
# vkd3d's version names both vkd3d and the wine source it comes from.
fetch_vkd3d() { fetch_pool vkd3d "$WINE_ORIG" "$WINE_SHA256_orig" "$VKD3D_VERSION-wine$WINE_VERSION"; }

# pristine_tree NAME: unpack the fetched source once, as a git repository
# whose single commit is tagged "pristine"; print its path.
pristine_tree() {
	local name=$1 v dir
	"fetch_$name" >&2
	v=$(cat "$(version_file "$name")")
	# Both Linux trees live under linux-VERSION (their versions differ).
	dir=$PRISTINE/${name%61}-${v//[:~]/_}
	if [ ! -f "$dir/.csvga-pristine" ]; then
		rm -rf "$dir" "$dir.tmp"
		mkdir -p "$dir.tmp"
		case $name in
		linux)
			step "unpacking Linux $v" "$CSVGA_LOGS/unpack-linux.log" \
				tar -xJf "$SRC_DL/$(basename "$LINUX_ORIG")" -C "$dir.tmp" --strip-components=1 ;;
		linux61)
			step "unpacking Linux $v" "$CSVGA_LOGS/unpack-linux61.log" bash -c \
				"dpkg-deb --fsys-tarfile '$SRC_DL/${LINUX61_PKG}_${v}_all.deb' |
				 tar -xO ./usr/src/linux-source-6.1.tar.xz | xz -dc -T0 |
				 tar -x -C '$dir.tmp' --strip-components=1" ;;
		mesa | piglit)
			local orig=MESA_ORIG
			[ "$name" = mesa ] || orig=PIGLIT_ORIG
			step "unpacking $name $v" "$CSVGA_LOGS/unpack-$name.log" \
				tar -xJf "$SRC_DL/$(basename "${!orig}")" -C "$dir.tmp" --strip-components=1 ;;
		vkd3d)
			# Only libs/vkd3d of the wine tree (about 60 files of
			# 10,000) becomes the tree's root, laid out as upstream
			# vkd3d, so our patches read as vkd3d patches; plus the
			# two wine headers it includes (wine/list.h,
			# wine/rbtree.h; upstream vkd3d has its own copies).
			local top=wine-${WINE_VERSION%%~*}
			step "unpacking vkd3d $VKD3D_VERSION from wine's source" "$CSVGA_LOGS/unpack-$name.log" \
				tar -xJf "$SRC_DL/$(basename "$WINE_ORIG")" -C "$dir.tmp" \
				--transform "s,^${top//./\\.}/libs/vkd3d/,,;s,^${top//./\\.}/include/wine/,include/wine/," \
				"$top/libs/vkd3d/" "$top/include/wine/list.h" "$top/include/wine/rbtree.h"
			rm -rf "${dir:?}.tmp/$top" ;;
		qemu)
			step "unpacking $name $v" "$CSVGA_LOGS/unpack-$name.log" bash -c \
				"rmdir '$dir.tmp' && dpkg-source --no-check -x '$SRC_DL/${name}_${v#*:}.dsc' '$dir.tmp'" ;;
		*) die "no pristine tree for $name" ;;
		esac
		step "recording pristine $name in git" "$CSVGA_LOGS/unpack-$name.log" bash -c \
			"cd '$dir.tmp' && git init -q && git add -A -f . &&
			 git -c user.name=coherent-svga -c user.email=csvga@localhost \
			     commit -q -m 'pristine $name $v (Debian)' && git tag pristine"
		touch "$dir.tmp/.csvga-pristine"
		mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}
