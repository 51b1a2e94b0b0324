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
# The test lists the guest and the reference root run, each with the piglit
# profile it runs against: only the programs they name (and our own, csvga-*)
# are built and installed (piglit-tests/profiles/programs.py), about 250 of
# piglit's 1,800.  CSVGA_PIGLIT_ALL=1 builds and installs all of them.
PIGLIT_LISTS=("$CSVGA_ROOT/piglit-tests/profiles/programs.py"
	"$CSVGA_ROOT/piglit-tests/profiles/smoke.txt"
	"$CSVGA_ROOT/piglit-tests/profiles/gl33-opengl.txt"
	"$CSVGA_ROOT/piglit-tests/profiles/gl33-shader.txt")
PIGLIT_LIST_ARGS=(/src/csvga/smoke.txt opengl /src/csvga/gl33-opengl.txt opengl
	/src/csvga/gl33-shader.txt shader - coherent_svga)
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
	mkdir -p "$dir/csvga"
	rsync "${ours[@]}" "${PIGLIT_LISTS[@]}" "$dir/csvga/"
	piglit_select_programs "$dir/cmake/piglit_util.cmake"
}

# piglit_select_programs FILE: piglit_add_executable() (in FILE) leaves a
# program out of the build and the install unless the object directory's
# csvga-programs.txt names it or it is one of ours (csvga-*); without that
# file it keeps every program.  CMake re-runs when the file changes.
piglit_select_programs() {
	local file=$1 line='    install(TARGETS ${name} DESTINATION ${PIGLIT_INSTALL_LIBDIR}/bin)'
	grep -qxF "$line" "$file" ||
		die "piglit's $file has no line '$line': the program selection cannot be added (was piglit's pin changed?)"
	python3 - "$file" "$line" <<'PY'
import sys
path, line = sys.argv[1], sys.argv[2]
guard = """    set(_csvga_list "${CMAKE_BINARY_DIR}/csvga-programs.txt")
    if (EXISTS "${_csvga_list}")
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_csvga_list}")
        file(STRINGS "${_csvga_list}" _csvga_programs)
        if (NOT name MATCHES "^csvga-" AND NOT name IN_LIST _csvga_programs)
            set_target_properties(${name} PROPERTIES EXCLUDE_FROM_ALL TRUE)
            return()
        endif()
    endif()
"""
text = open(path).read()
open(path, "w").write(text.replace(line + "\n", guard + line + "\n", 1))
PY
}

# piglit_prune_install WORK: checks that every program the lists run was
# installed, and removes the generated tests they do not read (about 2 GB
# of 2 GB: packing, unpacking and squashing them costs minutes).
piglit_prune_install() {
	local work=$1 lib=$1/destdir/usr/lib/piglit program missing=()
	while read -r program; do
		[ -x "$lib/bin/$program" ] || missing+=("$program")
	done <"$work/obj/csvga-programs.txt"
	[ ${#missing[@]} -eq 0 ] ||
		die "piglit's install lacks programs our test lists run: ${missing[*]}" "each must be a piglit_add_executable target (log: $CSVGA_LOGS/piglit-build.log.ninja); CSVGA_PIGLIT_ALL=1 builds all"
	(cd "$lib" && find generated_tests -type f | grep -vxF -f "$work/generated.txt" |
		tr '\n' '\0' | xargs -0 -r rm -f) || die "could not prune piglit's generated tests in $lib"
	find "$lib/generated_tests" -depth -type d -empty -delete
	say "piglit: installed $(wc -l <"$work/obj/csvga-programs.txt") programs and $(wc -l <"$work/generated.txt") generated tests"
}

# build_piglit: prints the output directory (csvga-piglit_*.deb).
build_piglit() {
	local broot key out work=$WORK/piglit log=$CSVGA_LOGS/piglit-build.log pristine src deb
	broot=$(build_buildroot) || return 1
	need_pkgs rsync
	fetch_piglit >&2
	key=$(printf '%s\n' "$(cat "$(version_file piglit)")" "${PIGLIT_OPTIONS[@]}" "all=${CSVGA_PIGLIT_ALL:-0}" \
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
	# The programs our lists run, read from piglit's own profiles (which
	# need the generated tests, not the programs); the full build without
	# the list.
	local reconfigure=0
	if [ "${CSVGA_PIGLIT_ALL:-0}" = 1 ]; then
		[ ! -e "$work/obj/csvga-programs.txt" ] || reconfigure=1
		rm -f "$work/obj/csvga-programs.txt"
	else
		step "piglit's test profiles (to find the programs our lists run)" "$log.profiles" \
			in_root "$broot" --bind "$src" /src --bind "$work" /build -- \
			ninja -C /build/obj tests/opengl.xml.gz tests/shader.xml.gz tests/coherent_svga.xml.gz ||
			return 1
		in_root "$broot" --bind "$src" /src --bind "$work" /build -- \
			python3 /src/csvga/programs.py --generated /build/generated.txt \
			/build/obj/tests "${PIGLIT_LIST_ARGS[@]}" \
			>"$work/programs.new" 2>"$log.programs" ||
			die "piglit-tests/profiles/programs.py failed: $(cat "$log.programs")" "a test list names a test piglit's profile lacks: correct or drop it in the list"
		if cmp -s "$work/programs.new" "$work/obj/csvga-programs.txt"; then
			rm -f "$work/programs.new"
		else
			mv "$work/programs.new" "$work/obj/csvga-programs.txt"
			reconfigure=1
		fi
		say "piglit: building the $(wc -l <"$work/obj/csvga-programs.txt") programs our test lists run (CSVGA_PIGLIT_ALL=1 builds all)"
	fi
	# CMake re-runs by itself when the list changes, once it has seen it.
	[ $reconfigure = 0 ] || step "configuring piglit for the new program list" "$log" \
		in_root "$broot" --bind "$src" /src --bind "$work" /build -- \
		sh -c 'cd /build/obj && cmake .' || return 1
	step "building piglit ($(nproc) jobs; about 2 min cold for our lists' programs, 5.5 for all)" "$log.ninja" \
		in_root "$broot" --bind "$src" /src --bind "$work" /build -- ninja -C /build/obj || return 1
	rm -rf "$work/destdir"
	step "installing piglit" "$log.install" \
		in_root "$broot" --bind "$src" /src --bind "$work" /build -- \
		env DESTDIR=/build/destdir ninja -C /build/obj install || return 1
	[ "${CSVGA_PIGLIT_ALL:-0}" = 1 ] || piglit_prune_install "$work" || return 1
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

