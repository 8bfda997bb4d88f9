#!/usr/bin/env bash
# Assembles a real image's initramfs, byte for byte the same from the same inputs: busybox, the kernel modules
# the init loads (in load order), and the init that fetches, checks and mounts the root.
#   images/initramfs.sh MODULES_DIR BUSYBOX INIT STAGING_DIR OUTPUT
set -euo pipefail
modules=$1 busybox=$2 init=$3 staging=$4 output=$5
: "${SOURCE_DATE_EPOCH:?SOURCE_DATE_EPOCH must be set}"
# In load order, each after the ones it needs: virtio network and disk, ext4 for the persistent disk, then
# loop, squashfs (zstd is built in) and overlay for the root, button for a clean power-off.
MODULES=(drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
  drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci net/core/failover drivers/net/net_failover
  drivers/net/virtio_net drivers/block/virtio_blk lib/crc16 fs/mbcache fs/jbd2/jbd2 crypto/crc32c_generic
  fs/ext4/ext4 drivers/block/loop fs/squashfs/squashfs fs/overlayfs/overlay drivers/acpi/button)
rm -rf "$staging"
mkdir -p "$staging"/{bin,dev,proc,sys,tmp,run,newroot,mnt/disk,lib/modules,etc/relops}
cp "$busybox" "$staging/bin/busybox"
for module in "${MODULES[@]}"; do
  [[ -f $modules/kernel/$module.ko ]] || { echo "no module $module.ko in the kernel package" >&2; exit 1; }
  cp "$modules/kernel/$module.ko" "$staging/lib/modules/"
  basename "$module" >> "$staging/etc/relops/modules"
done
install -m 0755 "$init" "$staging/init"
mknod -m 0600 "$staging/dev/console" c 5 1
mknod -m 0666 "$staging/dev/null" c 1 3
chmod -R u+rwX,go+rX,go-w "$staging"
find "$staging" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +
(cd "$staging" && find . -print0 | LC_ALL=C sort -z \
  | cpio --null --create --format=newc --reproducible --owner=0:0 --quiet) | gzip -9 -n > "$output"
