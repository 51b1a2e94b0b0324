# SPDX-License-Identifier: MIT
# Exact upstream versions this project is tested on, with the sha256 of
# what we download.  When Debian stops serving a pinned revision, scripts/
# fetch takes the newest revision of the same upstream series instead and
# says so (see ../shared/DESIGN.md, "Getting the sources").

# Linux 6.1.y: Debian's linux-source-6.1 binary package (an xz tarball of
# the Debian-patched tree).
LINUX_PKG=linux-source-6.1
LINUX_VERSION=6.1.192-2
LINUX_SERIES='6.1.'
LINUX_SHA256=ae95fe63d4c553f8d0e6c86cb1ab566f3894a43743eb19ab585cd97d82f26514

# QEMU 7.2: Debian source package (orig + debian tarball, quilt patches).
QEMU_PKG=qemu
QEMU_VERSION=1:7.2+dfsg-7+deb12u18
QEMU_SERIES='1:7.2+'
QEMU_SHA256_orig=91aca71520040edc40b8d437aa3004dae614f58e286cf653ee8996c07af2962f
QEMU_SHA256_debian=28a1c86310ee53b6bf1854cffe6f6be6ed29a08db7d05759f8ac57b8d6a6cb2f

# Mesa 22.3.6: Debian source package.
MESA_PKG=mesa
MESA_VERSION=22.3.6-1+deb12u2
MESA_SERIES='22.3.6-'
MESA_SHA256_orig=737cb8e5d380ce1a0ad01fb8b74db7f27303435c353e753d2302e8cf3927bad2

# piglit: the source package's orig tarball has been seen to 404 on the
# mirror; the binary package (every upstream test, built) is the fallback.
PIGLIT_PKG=piglit
PIGLIT_VERSION=0~git20220119-124bca3c9-1
PIGLIT_SERIES='0~git'
PIGLIT_DEB_SHA256=37dd651ae04419602b4287ea590fca1f5bcaabc0ea4bf32fe48ffe86b946c986
