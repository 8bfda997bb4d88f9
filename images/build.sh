#!/usr/bin/env bash
# Builds a real image from its pins, reading only the content-addressed store (never the mirror), so that a
# version rebuilds years later and the same pins give the same bytes.
#   images/build.sh --lock LOCKFILE --role NAME --role-tar TARFILE [--cas DIR] --out OUTDIR
# Writes OUTDIR/vmlinuz, initrd.img, root.squashfs, role.tar (the snapshot it applied), digest (one line:
# sha256: of "recipe rootfs-1\nkernel <sha>\ninitrd <sha>\nroot <sha>\nrole <sha>\n") and build.log.
# Needs root (mmdebstrap in root mode, puppet apply in the chroot).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
RECIPE=rootfs-1
LOCK= ROLE= ROLE_TAR= CAS=$DEFAULT_CAS OUT=
while [[ $# -gt 0 ]]; do
  case $1 in
    --lock) LOCK=$2; shift 2 ;;
    --role) ROLE=$2; shift 2 ;;
    --role-tar) ROLE_TAR=$2; shift 2 ;;
    --cas) CAS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) die "usage: build.sh --lock LOCKFILE --role NAME --role-tar TARFILE [--cas DIR] --out OUTDIR" ;;
  esac
done
[[ -f $LOCK && -n $ROLE && -f $ROLE_TAR && -n $OUT ]] \
  || die "usage: build.sh --lock LOCKFILE --role NAME --role-tar TARFILE [--cas DIR] --out OUTDIR"
[[ $(id -u) == 0 ]] || die "build.sh needs root (mmdebstrap in root mode, puppet apply in the chroot)"
ensure_host_tools
bash "$here/fetch.sh" --lock "$LOCK" --cas "$CAS"

# Every timestamp the build writes is this one: the lock's own digest names the moment of the build.
SOURCE_DATE_EPOCH=$((16#$(sha256sum "$LOCK" | cut -c1-7) + 1600000000))
export SOURCE_DATE_EPOCH LC_ALL=C TZ=UTC
suite=$(awk '$1 == "suite" { print $2 }' "$LOCK")
arch=$(awk '$1 == "architecture" { print $2 }' "$LOCK")

work=$(mktemp -d /var/tmp/relops-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT" "$work/repo"

step "a local repository of exactly the $(grep -c '^package ' "$LOCK") pinned packages"
awk '$1 == "package" { print $2, $3, $4, $5 }' "$LOCK" | while read -r name version parch sha; do
  ln "$CAS/packages/$sha.deb" "$work/repo/${name}_${version//:/%3a}_$parch.deb" 2>/dev/null \
    || cp "$CAS/packages/$sha.deb" "$work/repo/${name}_${version//:/%3a}_$parch.deb"
done
# mmdebstrap picks the essential and required packages of the suite by its archive and codename: the
# repository's Release must name them.
(cd "$work/repo" && apt-ftparchive packages . > Packages \
  && apt-ftparchive -o "APT::FTPArchive::Release::Suite=$suite" -o "APT::FTPArchive::Release::Codename=$suite" \
    -o "APT::FTPArchive::Release::Architectures=$arch" release . > Release)
packages=$(awk '$1 == "package" { print $2 }' "$LOCK" | sort -u | paste -sd, -)

step "the root: mmdebstrap from the local repository, role $ROLE applied with puppet"
mkdir -p "$work/role"
tar -xf "$ROLE_TAR" -C "$work/role"
[[ -f $work/role/roles/$ROLE/role.pp ]] || die "the role snapshot has no roles/$ROLE/role.pp"
mmdebstrap --variant=minbase --mode=root --format=directory --architecture="$arch" \
  --aptopt='APT::Install-Recommends "false"' "${DPKG_EXCLUDES[@]}" --include="$packages" \
  --customize-hook='mkdir -p "$1/tmp/relops-role"' \
  --customize-hook="sync-in $work/role /tmp/relops-role" \
  --customize-hook='chroot "$1" puppet apply --detailed-exitcodes --color=false --modulepath=/tmp/relops-role/modules /tmp/relops-role/roles/'"$ROLE"'/role.pp; code=$?; [ $code = 0 ] || [ $code = 2 ]' \
  --customize-hook='rm -rf "$1/tmp/relops-role" "$1/var/cache/puppet" "$1/var/lib/puppet" "$1/etc/puppet/ssl"' \
  --customize-hook='rm -f "$1/etc/hostname" "$1"/etc/ssh/ssh_host_*; : > "$1/etc/machine-id"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/* "$1/var/cache/ldconfig/aux-cache"' \
  --customize-hook='ln -sf ../run/systemd/resolve/stub-resolv.conf "$1/etc/resolv.conf"' \
  --customize-hook='echo "# relops images are built from pinned packages (images/bases/), not from a mirror" > "$1/etc/apt/sources.list"' \
  "$suite" "$work/root" "deb [trusted=yes] copy://$work/repo ./" >"$work/mmdebstrap.log" 2>&1 \
  || { tail -n 25 "$work/mmdebstrap.log" >&2; die "mmdebstrap failed (the log's end is above)"; }
find "$work/root" -newermt "@$SOURCE_DATE_EPOCH" -print0 | xargs -0r touch --no-dereference --date="@$SOURCE_DATE_EPOCH"

step "root.squashfs"
# mksquashfs takes every file's time and its own from SOURCE_DATE_EPOCH.
mksquashfs "$work/root" "$OUT/root.squashfs" -comp zstd -Xcompression-level 15 -noappend -no-progress \
  -quiet >"$work/mksquashfs.log" 2>&1 \
  || { tail -n 10 "$work/mksquashfs.log" >&2; die "mksquashfs failed"; }

step "the kernel and the initramfs"
read -r _ kname kversion karch ksha < <(awk '$1 == "kernel"' "$LOCK")
read -r _ bname bversion barch bsha < <(awk '$1 == "busybox"' "$LOCK")
mkdir -p "$work/kernel" "$work/busybox" "$work/initramfs"
dpkg-deb -x "$CAS/packages/$ksha.deb" "$work/kernel"
dpkg-deb -x "$CAS/packages/$bsha.deb" "$work/busybox"
release=${kname#linux-image-}
cp "$work/kernel/boot/vmlinuz-$release" "$OUT/vmlinuz"
"$here/initramfs.sh" "$work/kernel/lib/modules/$release" "$work/busybox/bin/busybox" "$here/init" \
  "$work/initramfs" "$OUT/initrd.img"
cp "$ROLE_TAR" "$OUT/role.tar"

digest_text="recipe $RECIPE
kernel $(sha256sum "$OUT/vmlinuz" | cut -d' ' -f1)
initrd $(sha256sum "$OUT/initrd.img" | cut -d' ' -f1)
root $(sha256sum "$OUT/root.squashfs" | cut -d' ' -f1)
role $(sha256sum "$OUT/role.tar" | cut -d' ' -f1)
"
echo "sha256:$(printf '%s' "$digest_text" | sha256sum | cut -d' ' -f1)" > "$OUT/digest"
step "built $(cat "$OUT/digest") (root $(du -m "$OUT/root.squashfs" | cut -f1) MB)"
