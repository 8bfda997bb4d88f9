#!/usr/bin/env bash
# Snapshots a role and the shared modules as a deterministic tar in the content-addressed store.
#   images/snapshot-role.sh --role NAME [--images-dir DIR] [--cas CASDIR]
# Writes CASDIR/roles/<sha256>.tar holding roles/NAME/ and modules/ of DIR (default: this directory) and
# prints only the sha256. The same tree always gives the same tar.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ROLE= DIR=$here CAS=$DEFAULT_CAS
while [[ $# -gt 0 ]]; do
  case $1 in
    --role) ROLE=$2; shift 2 ;;
    --images-dir) DIR=$2; shift 2 ;;
    --cas) CAS=$2; shift 2 ;;
    *) die "usage: snapshot-role.sh --role NAME [--images-dir DIR] [--cas CASDIR]" ;;
  esac
done
[[ -f $DIR/roles/$ROLE/role.pp ]] || die "no role $DIR/roles/$ROLE/role.pp"
mkdir -p "$CAS/roles"
tmp=$(mktemp "$CAS/roles/.snapshot.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# File modes are normalised too (a checkout's umask must not change the snapshot).
(cd "$DIR" && LC_ALL=C tar --create --file=- --format=gnu --sort=name --mtime=@0 --owner=0 --group=0 \
  --numeric-owner --mode='u+rwX,go+rX,go-w' "roles/$ROLE" modules) > "$tmp"
sha=$(sha256sum "$tmp" | cut -d' ' -f1)
mv -f "$tmp" "$CAS/roles/$sha.tar"
trap - EXIT
echo "$sha"
