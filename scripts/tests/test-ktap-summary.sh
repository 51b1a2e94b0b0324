#!/bin/sh
# SPDX-License-Identifier: MIT
# The KTAP counter must count leaves, skips and failures, and must fail on
# failed, incomplete or missing KTAP output.
set -u
here=$(dirname "$0")
tool=$here/../ktap-summary
fail=0
expect() { # LOG EXIT LASTLINE
	out=$("$tool" "$here/$1"); rc=$?
	last=$(printf '%s\n' "$out" | tail -n1)
	if [ "$rc" != "$2" ] || [ "$last" != "$3" ]; then
		echo "not ok: $1: exit $rc, '$last'; expected exit $2, '$3'"
		fail=1
	else
		echo "ok: $1"
	fi
}
expect ktap-pass.log 0 'kunit: 3 passed, 0 failed, 1 skipped'
expect ktap-fail.log 1 'kunit: 1 passed, 1 failed, 0 skipped'
expect ktap-crash.log 1 'kunit: 1 passed, 0 failed, 0 skipped'
expect test-ktap-summary.sh 1 'kunit: 0 passed, 0 failed, 0 skipped'
exit $fail
