#!/usr/bin/env bash
# Installs the Debian packages imaging-service needs, only those that are missing:
#   libvirt0         libvirt's client library (libvirt.so.0), loaded by libvirt-java through JNA
#   qemu-system-x86  the qemu provider's virtual machines
#   ipxe-qemu        the iPXE ROMs those machines network-boot with
#   busybox-static   the boot agent's userland, copied into every image's initramfs
#   e2fsprogs        mkfs.ext4, which the boot agent runs on a fresh data disk (it ships in the initramfs)
#   cpio, gzip       used by no code of ours, but handy to inspect a built initramfs
# Kernel packages (linux-image-*) are not installed: image builds fetch the exact .deb they pin
# with `apt-get download` into their cache. Idempotent; needs root and apt-get to install anything.
set -euo pipefail

IMAGING_PACKAGES=(libvirt0 qemu-system-x86 ipxe-qemu busybox-static e2fsprogs cpio gzip)

missing=()
for package in "${IMAGING_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
  echo "imaging-service needs these Debian packages: ${missing[*]} (install them as root with apt-get)" >&2
  exit 1
fi
echo "==> installing ${missing[*]} for imaging-service" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
