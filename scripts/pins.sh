# SPDX-License-Identifier: MIT
# Exact upstream versions this project is tested on, with the sha256 of
# what we download.  When Debian stops serving a pinned revision, scripts/
# fetch takes the newest revision of the same upstream series instead and
# says so (see ../shared/DESIGN.md, "Getting the sources").

# Linux 6.12 LTS, the primary base of kernel/patches: the upstream
# tarball of Debian 13's linux source package, from trixie's pool (below).
# Debian's packaging patches are not used; the revision is the one tested.
LINUX_VERSION=6.12.38-1
LINUX_ORIG=pool/main/l/linux/linux_6.12.38.orig.tar.xz
LINUX_SHA256_orig=8c89ced59bbd40280ddbe51e50114e2cf7b665104e16116949bd205c17371c0d

# Linux 6.1.y, the base of the backport queue kernel/backport-6.1:
# Debian's linux-source-6.1 binary package (an xz tarball of the
# Debian-patched tree).
LINUX61_PKG=linux-source-6.1
LINUX61_VERSION=6.1.192-2
LINUX61_SERIES='6.1.'
LINUX61_SHA256=ae95fe63d4c553f8d0e6c86cb1ab566f3894a43743eb19ab585cd97d82f26514

# QEMU 7.2: Debian source package (orig + debian tarball, quilt patches).
QEMU_PKG=qemu
QEMU_VERSION=1:7.2+dfsg-7+deb12u18
QEMU_SERIES='1:7.2+'
QEMU_SHA256_orig=91aca71520040edc40b8d437aa3004dae614f58e286cf653ee8996c07af2962f
QEMU_SHA256_debian=28a1c86310ee53b6bf1854cffe6f6be6ed29a08db7d05759f8ac57b8d6a6cb2f

# Debian 13 ("trixie") provides the guest's userspace and the sources
# that need it: Mesa 25.0.7 (its meson needs >= 1.1; Debian 12 has 1.0.1)
# and piglit.  scripts/trixie.sh reads trixie through a private apt
# configuration; the host's own apt sources stay Debian 12's.
TRIXIE_MIRROR=${CSVGA_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# Source tarballs are taken from trixie's pool by their upstream version,
# which every Debian revision of that version shares; the revision named
# here is the one tested (Debian's own packaging patches are not used).
# Mesa 25.0.7: the svga driver and its DRM winsys (mesa-svga/patches).
MESA_VERSION=25.0.7-2+deb13u1
MESA_ORIG=pool/main/m/mesa/mesa_25.0.7.orig.tar.xz
MESA_SHA256_orig=592272df3cf01e85e7db300c449df5061092574d099da275d19e97ef0510f8a6

# piglit (Debian 12's source tarball returns 404; trixie's downloads).
PIGLIT_VERSION=0.0~git20250409.af62c0dea-2
PIGLIT_ORIG=pool/main/p/piglit/piglit_0.0~git20250409.af62c0dea.orig.tar.xz
PIGLIT_SHA256_orig=a9863a5f136e3bb9c4fae43421585f5b39fe93c573963a7e1fa3871804472852

# vkd3d-shader 1.14 (VGPU10 shaders -> SPIR-V for the device's renderer):
# Debian's own vkd3d source returns 404 and its binary (1.2) is too old;
# Debian 13's wine 10.0 source bundles vkd3d 1.14 in libs/vkd3d, and only
# that directory is unpacked.  Its orig tarball is shared by wine's
# 10.0~repack-6 and -12; -6 is the revision tested.
VKD3D_VERSION=1.14
WINE_VERSION=10.0~repack-6
WINE_ORIG=pool/main/w/wine/wine_10.0~repack.orig.tar.xz
WINE_SHA256_orig=e87ff2971c9b2e79fc63341f044d7513e66f3c3782b49609746428caa87c6ee6
