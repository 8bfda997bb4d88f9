#!/usr/bin/env bash
# Makes sure every .deb a lock pins is in the content-addressed store.
#   images/fetch.sh --lock FILE [--cas DIR]
# DIR/packages/<sha256>.deb for every kernel, busybox and package line of FILE; missing ones are downloaded
# with `apt-get download NAME:ARCH=VERSION` and kept only when their sha256 is the pinned one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
CAS=$DEFAULT_CAS LOCK=
while [[ $# -gt 0 ]]; do
  case $1 in
    --lock) LOCK=$2; shift 2 ;;
    --cas) CAS=$2; shift 2 ;;
    *) die "usage: fetch.sh --lock FILE [--cas DIR]" ;;
  esac
done
[[ -f $LOCK ]] || die "no lock file '$LOCK' (usage: fetch.sh --lock FILE [--cas DIR])"
mkdir -p "$CAS/packages"
tmp=$(mktemp -d "$CAS/packages/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
missing=0 fetched=0 total=0
while read -r kind name version arch sha; do
  case $kind in kernel|busybox|package) ;; *) continue ;; esac
  total=$((total + 1))
  [[ -f $CAS/packages/$sha.deb ]] && continue
  missing=$((missing + 1))
  spec="$name=$version"
  [[ $arch == all ]] || spec="$name:$arch=$version"
  rm -f "$tmp"/*.deb
  (cd "$tmp" && apt-get download -q "$spec" >/dev/null 2>"$tmp/error") \
    || die "cannot download $name $version ($arch): $(tail -n1 "$tmp/error")"
  got=$(sha256sum "$tmp"/*.deb | cut -d' ' -f1)
  [[ $got == "$sha" ]] || die "$name $version ($arch): the mirror's .deb has sha256 $got, the lock pins $sha"
  mv "$tmp"/*.deb "$CAS/packages/$sha.deb"
  fetched=$((fetched + 1))
done < "$LOCK"
step "fetch: $total pinned .debs, $fetched downloaded, all in $CAS/packages"
