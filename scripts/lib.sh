# SPDX-License-Identifier: MIT
# Shared helpers for coherent-svga's scripts: logging with elapsed time,
# failures that say what to do, dependency installation, cache layout.
# Sourced, never run.

set -euo pipefail

CSVGA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Everything fetched or built lives here, outside the repository, so a
# fresh clone reuses it and nothing upstream is ever committed.
CSVGA_CACHE=${CSVGA_CACHE:-/var/cache/coherent-svga}
CSVGA_LOGS=${CSVGA_LOGS:-$CSVGA_CACHE/logs}
# Developer work trees made by scripts/queue (gitignored).
CSVGA_TREES=${CSVGA_TREES:-$CSVGA_ROOT/build}
mkdir -p "$CSVGA_CACHE" "$CSVGA_LOGS"

: "${CSVGA_T0:=$(date +%s)}"
export CSVGA_T0 CSVGA_CACHE CSVGA_LOGS

elapsed() {
	local s=$(($(date +%s) - CSVGA_T0))
	printf '%02d:%02d' $((s / 60)) $((s % 60))
}

say() { printf '[csvga %s] %s\n' "$(elapsed)" "$*" >&2; }
warn() { printf '[csvga %s] warning: %s\n' "$(elapsed)" "$*" >&2; }

# die WHAT [HOW-TO-FIX]
die() {
	printf '[csvga %s] error: %s\n' "$(elapsed)" "$1" >&2
	[ $# -lt 2 ] || printf '[csvga %s]   fix: %s\n' "$(elapsed)" "$2" >&2
	exit 1
}

# step NAME LOGFILE CMD...: run a long step with its output in LOGFILE,
# print start, end and duration; on failure show the log's tail and path.
step() {
	local name=$1 log=$2 t rc=0
	shift 2
	t=$(date +%s)
	say "$name ..."
	mkdir -p "$(dirname "$log")"
	"$@" >"$log" 2>&1 || rc=$?
	if [ $rc -ne 0 ]; then
		printf '[csvga %s] error: %s failed (exit %d); last lines of %s:\n' \
			"$(elapsed)" "$name" $rc "$log" >&2
		tail -n 30 "$log" | sed 's/^/    /' >&2
		printf '[csvga %s]   full log: %s\n' "$(elapsed)" "$log" >&2
		return $rc
	fi
	say "$name done in $(($(date +%s) - t)) s"
}

# apt_lock CMD...: CMD (an apt-get run) while no other apt-get run of
# ours runs: scripts/test builds in two lanes at once, and apt-get update
# does not wait for the lists lock as install waits for dpkg's.
apt_lock() {
	mkdir -p "$CSVGA_CACHE"
	flock "$CSVGA_CACHE/apt.lock" "$@"
}

# need_cmds_or_pkgs PKG...: install the Debian packages not yet installed.
APT_UPDATED=${APT_UPDATED:-}
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] ||
		die "missing packages: ${missing[*]}" "run as root, or: apt-get install ${missing[*]}"
	if [ -z "$APT_UPDATED" ]; then
		# apt_lock: a background build (scripts/test's prefetch) may be
		# installing at the same moment
		step "apt-get update" "$CSVGA_LOGS/apt-update.log" apt_lock apt-get update -o DPkg::Lock::Timeout=600 ||
			die "apt-get update failed" "check network access to the Debian mirror"
		APT_UPDATED=1
		export APT_UPDATED
	fi
	step "installing ${missing[*]}" "$CSVGA_LOGS/apt-install.log" \
		apt_lock env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 \
		--no-install-recommends "${missing[@]}" ||
		die "could not install ${missing[*]}" "see $CSVGA_LOGS/apt-install.log"
}

# deb-src entries are needed by apt-get source; a fresh machine has none.
ensure_deb_src() {
	local f=/etc/apt/sources.list.d/coherent-svga-src.sources
	if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		[ "$(id -u)" -eq 0 ] || die "no deb-src entries for apt-get source" "run as root once"
		say "adding deb-src entries ($f)"
		local src=/etc/apt/sources.list.d/debian.sources
		if [ -f "$src" ]; then
			sed 's/^Types:.*/Types: deb-src/' "$src" >"$f"
		else
			cat >"$f" <<-EOS
			Types: deb-src
			URIs: http://deb.debian.org/debian
			Suites: bookworm bookworm-updates
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

			Types: deb-src
			URIs: http://deb.debian.org/debian-security
			Suites: bookworm-security
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
			EOS
		fi
		APT_UPDATED=
	fi
	if [ -z "$APT_UPDATED" ]; then
		# apt_lock: a background build (scripts/test's prefetch) may be
		# installing at the same moment
		step "apt-get update" "$CSVGA_LOGS/apt-update.log" apt_lock apt-get update -o DPkg::Lock::Timeout=600 ||
			die "apt-get update failed" "check network access to the Debian mirror"
		APT_UPDATED=1
		export APT_UPDATED
	fi
}

# hash_inputs PATH...: one sha256 over the names and contents of files
# (directories recursively, sorted), used as a build cache key.
hash_inputs() {
	local p
	for p in "$@"; do
		if [ -d "$p" ]; then
			(cd "$p" && find . -type f ! -name '*~' -print0 | LC_ALL=C sort -z |
				xargs -0 -r sha256sum)
		elif [ -e "$p" ]; then
			printf '%s  %s\n' "$(sha256sum <"$p" | cut -d' ' -f1)" "$(basename "$p")"
		else
			printf 'absent %s\n' "$p"
		fi
	done | sha256sum | cut -c1-16
}
