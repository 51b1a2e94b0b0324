# SPDX-License-Identifier: MIT
# VM layers of scripts/test: the harness itself, KUnit, and (as later
# work adds them) the in-guest suites.

VM=$CSVGA_ROOT/scripts/vm

# vm_boots_our_kernel: one boot with KUnit enabled; its serial log also
# feeds the KUnit count.
vm_boots_our_kernel() {
	local out
	out=$("$VM" run --kunit $debug --timeout 300 --log-dir "$results/vm-kunit" -- uname -r) || return 1
	echo "   guest kernel: $out"
	case $out in *-csvga*) return 0 ;; esac
	echo "   expected a -csvga release string" >&2
	return 1
}

vm_propagates_failure() {
	local rc=0
	"$VM" run $debug --timeout 120 --log-dir "$results/vm-false" -- false >/dev/null 2>&1 || rc=$?
	[ $rc -eq 1 ] || { echo "   'false' in the guest gave exit $rc, expected 1" >&2; return 1; }
}

vm_shares_host_dirs() {
	local dir marker out
	dir=$(mktemp -d)
	marker=marker-$RANDOM$RANDOM
	touch "$dir/$marker"
	out=$("$VM" run $debug --timeout 120 --add "$dir" --log-dir "$results/vm-add" -- ls "$dir") || return 1
	rm -rf "$dir"
	[ "$out" = "$marker" ] || { echo "   ls of the shared dir printed '$out', expected '$marker'" >&2; return 1; }
}

# A crash in the guest kernel must fail the run and show the report.
vm_detects_kernel_crash() {
	local rc=0
	"$VM" run $debug --timeout 120 --log-dir "$results/vm-crash" -- \
		sh -c 'echo c >/proc/sysrq-trigger' >"$results/vm-crash.out" 2>&1 || rc=$?
	[ $rc -eq 125 ] || { echo "   a sysrq crash gave exit $rc, expected 125" >&2; return 1; }
	grep -q 'Kernel panic\|sysrq triggered crash' "$results/vm-crash.out" ||
		{ echo "   the crash report was not printed" >&2; return 1; }
}

run_vm_tests() {
	need_pkgs qemu-system-data seabios python3
	check "vm" "boots our kernel, runs a command" vm_boots_our_kernel
	if [ -f "$results/vm-kunit/serial.log" ]; then
		local k
		"$CSVGA_ROOT/scripts/ktap-summary" "$results/vm-kunit/serial.log" >"$results/kunit.txt" || true
		sed -n '/^kunit [^:]/p;/incomplete\|no KTAP/p' "$results/kunit.txt" | sed 's/^/   /'
		k=$(tail -n1 "$results/kunit.txt" | sed -n 's/^kunit: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
		if grep -q 'incomplete\|no KTAP' "$results/kunit.txt" || [ -z "$k" ]; then
			record "kunit" 0 1 0 "KTAP output missing or incomplete ($results/kunit.txt)"
		else
			# shellcheck disable=SC2086
			record "kunit" $k $(grep -o 'FAILED .*' "$results/kunit.txt" | sed 's/^FAILED //')
		fi
	fi
	check "vm" "exit status propagates" vm_propagates_failure
	check "vm" "host directories shared" vm_shares_host_dirs
	check "vm" "kernel crash detected" vm_detects_kernel_crash
}
