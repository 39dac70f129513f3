#!/usr/bin/env bash
# Installs what a Native AOT publish for linux-arm64 (cross-linked on this x64 Debian 12 machine) and its
# emulated run need. Idempotent: when every package is already installed it returns at once, without apt.
# Run as root. Why each package is needed (all measured, see docs/arm64.md):
#   clang                         the linker driver Native AOT calls (it adds --target=aarch64-linux-gnu itself)
#   llvm                          llvm-objcopy, the symbol stripper chosen with clang (GNU objcopy here is x86 only)
#   binutils-aarch64-linux-gnu    aarch64-linux-gnu-ld.bfd, the linker clang runs for that target
#   libc6-dev-arm64-cross         arm64 glibc headers, crt1.o/crti.o and libraries (/usr/aarch64-linux-gnu)
#   libgcc-12-dev-arm64-cross     crtbeginS.o and libgcc; clang also finds the arm64 sysroot through it
#   qemu-user-static              qemu-aarch64-static, to run the arm64 binary on x64
#   libc6:arm64                   the arm64 glibc and /lib/ld-linux-aarch64.so.1 the binary is linked against, so qemu
#                                 runs it without -L (SHA-256 is managed code now: no libssl is needed)
# zlib for arm64 is not needed: the NativeAOT runtime pack ships its own libz.a.
set -euo pipefail

packages=(clang llvm binutils-aarch64-linux-gnu libc6-dev-arm64-cross libgcc-12-dev-arm64-cross qemu-user-static
    libc6:arm64)

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for package in "${packages[@]}"; do
    is_installed "$package" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    echo "arm64 toolchain: already installed"
    exit 0
fi

if ((EUID != 0)); then
    echo "arm64 toolchain: missing ${missing[*]}; run this script as root to install them" >&2
    exit 1
fi

echo "arm64 toolchain: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Debian's arm64 packages (libc6:arm64) come from the same mirror once dpkg knows the architecture.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
fi
# apt's progress goes to a log, shown only when something fails.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "arm64 toolchain: apt-get failed" >&2
    exit 1
fi
echo "arm64 toolchain: installed"
