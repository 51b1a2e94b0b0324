# SPDX-License-Identifier: MIT
# The uAPI coherency suite (kernel/tests/coh-*.c): one VM boot per
# program, each a TAP stream; record_tap (vm.sh) counts "not ok ... # TODO"
# cases as expected failures (known kernel defects), not as failures.

# An entry is a command line: the benchmarks run their quick sets (their
# TAP checks are tests; their timings are reported, never asserted).
COHERENCY_PROGRAMS=(coh-cpu-to-gpu coh-gpu-to-cpu coh-alternate coh-tracking
	coh-sharing coh-stress coh-badinput coh-stats coh-trace coh-dmabuf coh-closemap coh-swapout coh-readahead
	"coh-method-bench -q -r 20" "coh-stream-bench -q")

run_coherency_tests() {
	local prog name rc
	for prog in "${COHERENCY_PROGRAMS[@]}"; do
		name=${prog%% *}
		name=${name#coh-}
		rc=0
		# shellcheck disable=SC2086 # the entry is a command line
		"$VM" run $debug --timeout 600 --log-dir "$results/coh-$name" -- $prog \
			>"$results/coh-$name.tap" 2>"$results/coh-$name.err" || rc=$?
		record_tap "coherency: $name" "$results/coh-$name.tap" $rc
	done
	echo "   coherency suite: expected failures (TODO, known kernel defects): $expected_failures"
}
