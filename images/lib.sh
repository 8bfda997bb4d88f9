# Shared by the images/ scripts (sourced).
RELOPS_START=${RELOPS_START:-$(date +%s)}
step() { printf '==> [%3ss] %s\n' "$(( $(date +%s) - RELOPS_START ))" "$*" >&2; }
die() { printf 'relops images: %s\n' "$*" >&2; exit 1; }
# The pinned initramfs inputs (the same versions the imaging-service seed image pins).
KERNEL_PACKAGE=${RELOPS_KERNEL_PACKAGE:-linux-image-6.1.0-47-amd64}
KERNEL_VERSION=${RELOPS_KERNEL_VERSION:-6.1.170-3}
BUSYBOX_PACKAGE=${RELOPS_BUSYBOX_PACKAGE:-busybox-static}
BUSYBOX_VERSION=${RELOPS_BUSYBOX_VERSION:-1:1.35.0-4+deb12u1+b1}
DEFAULT_CAS=${HOME}/.cache/relops/imaging
# Documentation, man pages and translations are not installed in images.
DPKG_EXCLUDES=(
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-include=/usr/share/locale/locale.alias'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
)
# Host tools: scripts/packages-imaging.sh installs what is missing.
ensure_host_tools() {
  local script
  script=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/packages-imaging.sh
  local tool
  for tool in mmdebstrap mksquashfs apt-ftparchive cpio zstd apt-get dpkg-deb; do
    command -v "$tool" >/dev/null || { bash "$script" >&2 || die "cannot install the host tools (scripts/packages-imaging.sh failed)"; break; }
  done
  for tool in mmdebstrap mksquashfs apt-ftparchive cpio; do
    command -v "$tool" >/dev/null || die "host tool $tool is missing (scripts/packages-imaging.sh)"
  done
}
# name version arch sha256 of a .deb
deb_fields() {
  printf '%s %s %s %s\n' "$(dpkg-deb -f "$1" Package)" "$(dpkg-deb -f "$1" Version)" \
    "$(dpkg-deb -f "$1" Architecture)" "$(sha256sum "$1" | cut -d' ' -f1)"
}
