# SPDX-License-Identifier: MIT
# Guest kernel: pinned Linux 6.12 + kernel/patches (or, with
# CSVGA_KERNEL_BASE=6.1, pinned Linux 6.1.y + kernel/backport-6.1/patches),
# tinyconfig plus kernel/config/base.config (and debug.config for --debug).

# kernel_queue: the queue of the selected base (CSVGA_KERNEL_BASE).
kernel_queue() {
	case ${CSVGA_KERNEL_BASE:-6.12} in
	6.12) echo kernel ;;
	6.1) echo kernel-6.1 ;;
	*) die "CSVGA_KERNEL_BASE=$CSVGA_KERNEL_BASE: no such kernel base" "use 6.12 (default) or 6.1" ;;
	esac
}

kernel_key() {
	local flavour=$1 frags=("$CSVGA_ROOT/kernel/config/base.config") name upstream
	[ "${flavour#debug}" = "$flavour" ] || frags+=("$CSVGA_ROOT/kernel/config/debug.config")
	name=$(kernel_queue)
	upstream=$(upstream_of "$name")
	local queue
	queue=$(queue_dir "$name")
	[ "${CSVGA_KERNEL_QUEUE:-}" != empty ] || queue=/nonexistent/empty-queue
	"fetch_$upstream" >&2
	echo "$(cat "$(version_file "$upstream")")-$(hash_inputs "$queue" "${frags[@]}" \
		"$CSVGA_ROOT/scripts/build.d/kernel.sh")"
}

# build_kernel [--debug]: prints the output directory (bzImage, config,
# System.map, release, usr/include with the uAPI headers).
build_kernel() {
	local flavour=normal name
	[ "${1:-}" = --debug ] && flavour=debug
	name=$(kernel_queue)
	# Each base has its own work tree and cache key.
	flavour=$flavour-${CSVGA_KERNEL_BASE:-6.12}
	# The pristine baseline (CSVGA_KERNEL_QUEUE=empty) is a flavour of
	# its own: its own work tree, its own cache key.
	[ "${CSVGA_KERNEL_QUEUE:-}" != empty ] || flavour=$flavour-pristine
	local key out work frags=("$CSVGA_ROOT/kernel/config/base.config")
	[ "${flavour#debug}" = "$flavour" ] || frags+=("$CSVGA_ROOT/kernel/config/debug.config")
	key=$(kernel_key $flavour)
	out=$OUT/kernel-$flavour-$key
	if [ -f "$out/bzImage" ]; then
		echo "$out"
		return 0
	fi
	need_pkgs build-essential bc flex bison libelf-dev libssl-dev cpio kmod xz-utils git rsync
	pristine_tree "$(upstream_of "$name")" >/dev/null
	work=$WORK/kernel-$flavour
	sync_queue_tree "$name" "$work/src"
	local log=$CSVGA_LOGS/kernel-$flavour-build.log
	step "configuring Linux ($flavour)" "$log" bash -c "
		set -e
		make -C '$work/src' O='$work/obj' tinyconfig
		'$work/src/scripts/kconfig/merge_config.sh' -m -O '$work/obj' '$work/obj/.config' ${frags[*]}
		make -C '$work/src' O='$work/obj' olddefconfig"
	# merge_config silently drops options whose dependencies are unmet:
	# insist on every option the fragments ask for.
	local line missing=()
	while read -r line; do
		case $line in CONFIG_*) grep -qxF "$line" "$work/obj/.config" || missing+=("$line") ;; esac
	done < <(cat "${frags[@]}" | sed 's/[[:space:]]*$//')
	if [ "${flavour#debug}" != "$flavour" ]; then
		# base options overridden by debug.config (LOCALVERSION) are fine
		local m2=()
		for line in "${missing[@]}"; do
			grep -qF "${line%%=*}=" "$CSVGA_ROOT/kernel/config/debug.config" || m2+=("$line")
		done
		missing=("${m2[@]}")
	fi
	# Options our kernel queue introduces do not exist in a tree without
	# it (the pristine baseline): tolerated, with a note.
	local m3=() sym
	for line in "${missing[@]}"; do
		sym=${line%%=*}
		sym=${sym#CONFIG_}
		if grep -rqs --include='Kconfig*' -x "config $sym\|menuconfig $sym" "$work/src"; then
			m3+=("$line")
		else
			warn "$line: no such option in this tree (patch queue without it?)"
		fi
	done
	missing=("${m3[@]}")
	[ ${#missing[@]} -eq 0 ] ||
		die "kernel config lacks: ${missing[*]}" \
			"an option's dependencies are unmet; check with 'make menuconfig' in $work/obj and fix kernel/config/"
	# LOCALVERSION set (empty) keeps setlocalversion from appending "+"
	# for the git work tree: the release is exactly 6.12.y-csvga.
	step "building Linux ($flavour, $(nproc) jobs; about 5 min cold)" "$log.make" \
		make -C "$work/src" O="$work/obj" LOCALVERSION= -j"$(nproc)" bzImage
	mkdir -p "$out.tmp"
	step "installing uAPI headers" "$log.headers" \
		make -C "$work/src" O="$work/obj" headers_install INSTALL_HDR_PATH="$out.tmp/usr"
	cp "$work/obj/arch/x86/boot/bzImage" "$work/obj/.config" "$work/obj/System.map" "$out.tmp/"
	make -s -C "$work/src" O="$work/obj" LOCALVERSION= kernelrelease >"$out.tmp/release"
	rm -rf "$out"
	mv "$out.tmp" "$out"
	say "kernel $(cat "$out/release") ready: $out"
	echo "$out"
}
