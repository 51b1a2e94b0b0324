# SPDX-License-Identifier: MIT
# piglit from Debian 13's source, built in the Debian 13 build root, as the
# local package csvga-piglit (test binaries, profiles, Python runner), with
# our own tests (piglit-tests/tests) added as the piglit test directory
# tests/coherent_svga and their profile (piglit-tests/profiles/
# coherent_svga.py) as tests/coherent_svga.py: `piglit run coherent_svga`.

PIGLIT_OPTIONS=(-GNinja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr
	-DCMAKE_INSTALL_LIBDIR=lib
	-DPIGLIT_USE_WAFFLE=ON -DPIGLIT_BUILD_GL_TESTS=ON -DPIGLIT_BUILD_GLES1_TESTS=OFF
	-DPIGLIT_BUILD_GLES2_TESTS=ON -DPIGLIT_BUILD_GLES3_TESTS=ON
	-DPIGLIT_BUILD_CL_TESTS=OFF -DPIGLIT_BUILD_VK_TESTS=OFF
	-DPIGLIT_BUILD_GLX_TESTS=OFF)

# Our tests' sources: part of the cache key, so that changing a test
# rebuilds piglit and remakes the guest image.
# The GL streaming benchmark reads the device's counters and the kernel's
# coherency statistics with the uAPI suite's own sources (kernel/tests),
# copied next to it rather than kept twice.
PIGLIT_SHARED=("$CSVGA_ROOT/kernel/tests/svga_counters.c" "$CSVGA_ROOT/kernel/tests/svga_counters.h"
	"$CSVGA_ROOT/kernel/tests/coh_kstats.c" "$CSVGA_ROOT/kernel/tests/coh_kstats.h"
	"$CSVGA_ROOT/kernel/tests/coh_measure.c" "$CSVGA_ROOT/kernel/tests/coh_measure.h")
PIGLIT_OURS=("$CSVGA_ROOT/piglit-tests/tests" "$CSVGA_ROOT/piglit-tests/profiles/coherent_svga.py"
	"${PIGLIT_SHARED[@]}")

# piglit_source_tree PRISTINE DIR: DIR becomes the pinned piglit source
# plus our test directory (with the shared sources of kernel/tests) and
# profile, and the two lines that make piglit's
# CMake build them (add_subdirectory) and serialise the profile to
# tests/coherent_svga.xml.gz (piglit_generate_xml), as piglit does for its
# own profiles.  rsync leaves unchanged files alone, so an existing object
# directory rebuilds only what changed.  Our files are compared by
# content and a changed one gets the time of the copy, not its own: the
# object directory is shared by every checkout on the machine, and a file
# older than objects another checkout built would not be rebuilt.
piglit_source_tree() {
	local pristine=$1 dir=$2 ours=(-rlpD --checksum)
	mkdir -p "$dir"
	rsync -a --delete --exclude=/.git --exclude=/tests/coherent_svga/ \
		--exclude=/tests/coherent_svga.py "$pristine/" "$dir/"
	rsync "${ours[@]}" --delete "$CSVGA_ROOT/piglit-tests/tests/" "$dir/tests/coherent_svga/"
	rsync "${ours[@]}" "${PIGLIT_SHARED[@]}" "$dir/tests/coherent_svga/"
	rsync "${ours[@]}" "$CSVGA_ROOT/piglit-tests/profiles/coherent_svga.py" "$dir/tests/coherent_svga.py"
	echo 'add_subdirectory (coherent_svga)' >>"$dir/tests/CMakeLists.txt"
	echo 'piglit_generate_xml(coherent_svga coherent_svga gen-gl-xml "")' >>"$dir/tests/CMakeLists.no_api.txt"
}

# build_piglit: prints the output directory (csvga-piglit_*.deb).
build_piglit() {
	local broot key out work=$WORK/piglit log=$CSVGA_LOGS/piglit-build.log pristine src deb
	broot=$(build_buildroot) || return 1
	need_pkgs rsync
	fetch_piglit >&2
	key=$(printf '%s\n' "$(cat "$(version_file piglit)")" "${PIGLIT_OPTIONS[@]}" \
		"$(buildroot_key)" "$(hash_inputs "$CSVGA_ROOT/scripts/build.d/piglit.sh" "$CSVGA_ROOT/scripts/build.d/trixie.sh" "${PIGLIT_OURS[@]}")" |
		sha256sum | cut -c1-16)
	out=$OUT/piglit-$key
	if ls "$out"/csvga-piglit_*.deb >/dev/null 2>&1; then
		echo "$out"
		return 0
	fi
	pristine=$(pristine_tree piglit)
	src=$work/src
	mkdir -p "$work"
	piglit_source_tree "$pristine" "$src"
	# The marker names the tree's layout too: an object directory
	# configured for the pristine tree alone (or the other way round)
	# is configured afresh rather than half regenerated.
	if [ "$(cat "$work/obj/.csvga-options" 2>/dev/null)" != "$pristine+coherent_svga ${PIGLIT_OPTIONS[*]}" ]; then
		rm -rf "$work/obj"
		mkdir -p "$work/obj"
		step "configuring piglit (cmake, in the Debian 13 build root)" "$log" \
			in_root "$broot" --bind "$src" /src --bind "$work" /build -- \
			sh -c 'cd /build/obj && cmake /src "$@"' cmake "${PIGLIT_OPTIONS[@]}" || return 1
		echo "$pristine+coherent_svga ${PIGLIT_OPTIONS[*]}" >"$work/obj/.csvga-options"
	fi
	step "building piglit ($(nproc) jobs; about 5.5 min cold)" "$log.ninja" \
		in_root "$broot" --bind "$src" /src --bind "$work" /build -- ninja -C /build/obj || return 1
	rm -rf "$work/destdir"
	step "installing piglit" "$log.install" \
		in_root "$broot" --bind "$src" /src --bind "$work" /build -- \
		env DESTDIR=/build/destdir ninja -C /build/obj install || return 1
	rm -rf "$out.tmp"
	deb=$(local_deb csvga-piglit "$(cat "$(version_file piglit)")+csvga" "$work/destdir" "$out.tmp" "$broot" \
		"Depends: python3, python3-mako" \
		"Description: piglit $(cat "$(version_file piglit)") built against Debian 13 for the coherent-svga guest") ||
		return 1
	rm -rf "$out"
	mv "$out.tmp" "$out"
	say "piglit ready: $out/$(basename "$deb")"
	echo "$out"
}

