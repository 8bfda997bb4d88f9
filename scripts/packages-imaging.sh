#!/usr/bin/env bash
# Installs what imaging-service needs on this machine, only what is missing (idempotent):
#   libvirt0         libvirt's client library (libvirt.so.0), loaded by libvirt-java through JNA
#   libvirt-daemon, libvirt-daemon-driver-qemu, libvirt-clients
#                    the libvirt provider's daemon where the host has no qemu:///system: a qemu:///session
#                    libvirtd per environment (scripts/libvirt-session.sh), and virsh for operators and tests
#   qemu-system-x86  the qemu provider's virtual machines
#   ipxe-qemu        the iPXE ROMs those machines network-boot with
#   busybox-static   the boot agent's userland (builds take it from the pinned .deb; installed for inspection)
#   dnsmasq-base     DHCP and the iPXE chain on every segment (imaging-service owns PXE)
#   dnsmasq-utils    dhcp_release: a released reservation's lease ends at once (the address is free for a new MAC)
#   iproute2         network namespaces, bridges and tap devices of the environment networks
#   openssh-client   ssh-keygen for the operator's key pair, ssh for `./relops ssh` and the SSH tests
#   mmdebstrap, apt-utils, squashfs-tools, cpio, zstd
#                    real images: images/lock.sh resolves a base's packages with mmdebstrap (apt-utils,
#                    squashfs-tools, cpio and zstd are the rest of the recipe's host tools)
#   ipmitool         the baremetal provider's BMC client (IPMI-over-LAN, as Ironic drives it)
#   python3-pyghmi, python3-yaml
#                    the virtual bare metal of the local stack and the tests: an IPMI BMC per host
#                    (scripts/virtual-bmc.py), started from the inventory (scripts/virtual-baremetal.py)
# Image builds fetch the exact .deb files a version pins (kernel, busybox, SSH server) with `apt-get download`
# (into the store, relops.imaging.build.store, packages/); that needs apt's package lists, so this script runs
# `apt-get update` when they do not list the seed image's kernel. Needs root to install anything.
set -euo pipefail

IMAGING_PACKAGES=(libvirt0 libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 ipxe-qemu busybox-static dnsmasq-base dnsmasq-utils iproute2 openssh-client
  mmdebstrap apt-utils squashfs-tools cpio zstd ipmitool python3-pyghmi python3-yaml)
# The kernel the seed image pins (imaging-service application.properties, relops.imaging.seed.*).
SEED_KERNEL=${RELOPS_IMAGING_SEED_KERNEL:-linux-image-6.1.0-47-amd64=6.1.170-3}

apt() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }

missing=()
for package in "${IMAGING_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
kernel_listed() { apt-cache show "$SEED_KERNEL" >/dev/null 2>&1; }

if [[ ${#missing[@]} -eq 0 ]] && kernel_listed; then
  exit 0
fi
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
  echo "imaging-service needs the Debian packages ${missing[*]:-} and apt lists that have $SEED_KERNEL" \
    "(install them as root with apt-get)" >&2
  exit 1
fi
if ! kernel_listed; then
  echo "==> updating apt's package lists (image builds fetch $SEED_KERNEL)" >&2
  apt update -qq
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "==> installing ${missing[*]} for imaging-service" >&2
  if ! apt install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt update -qq
    apt install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
kernel_listed || { echo "apt cannot find $SEED_KERNEL: image builds of the seed image will fail" >&2; exit 1; }
