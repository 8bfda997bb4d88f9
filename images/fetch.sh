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
# One apt-get call for all missing packages: apt fetches them over one connection, much faster than one call
# per package on a first run. Each file is kept under the sha256 it has, and only if the lock pins that sha256.
declare -A wanted=()
specs=() total=0
while read -r kind name version arch sha; do
  case $kind in kernel|busybox|package) ;; *) continue ;; esac
  total=$((total + 1))
  [[ -f $CAS/packages/$sha.deb || -n ${wanted[$sha]:-} ]] && continue
  wanted[$sha]="$name $version ($arch)"
  if [[ $arch == all ]]; then specs+=("$name=$version"); else specs+=("$name:$arch=$version"); fi
done < "$LOCK"
fetched=${#specs[@]}
if [[ $fetched -gt 0 ]]; then
  step "fetch: downloading $fetched of $total pinned .debs"
  (cd "$tmp" && apt-get download -q "${specs[@]}" >/dev/null 2>"$tmp/error") \
    || die "cannot download the pinned packages: $(grep -m1 '^E:' "$tmp/error" || tail -n1 "$tmp/error")"
  for deb in "$tmp"/*.deb; do
    got=$(sha256sum "$deb" | cut -d' ' -f1)
    [[ -n ${wanted[$got]:-} ]] || continue
    mv "$deb" "$CAS/packages/$got.deb"
    unset "wanted[$got]"
  done
  [[ ${#wanted[@]} -eq 0 ]] \
    || die "the mirror's .debs do not have the sha256 the lock pins for: $(printf '%s; ' "${wanted[@]}")"
fi
step "fetch: $total pinned .debs, $fetched downloaded, all in $CAS/packages"
