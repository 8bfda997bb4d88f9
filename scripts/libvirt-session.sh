#!/usr/bin/env bash
# A libvirt daemon for one environment's libvirt machines, where the host has no qemu:///system: a
# qemu:///session libvirtd run by the unprivileged user relops-libvirt inside the environment's network
# namespace, so that its qemu processes sit on that environment's segments (through tap devices that
# imaging-service creates on the segment bridges and gives to that user). imaging-service connects as root
# with the URI this prints. The daemon owns its domains: they outlive any restart of imaging-service.
#
#   scripts/libvirt-session.sh up NAMESPACE        start the daemon (idempotent); prints its URI
#   scripts/libvirt-session.sh restart NAMESPACE   restart the daemon alone (its domains run on, as in an upgrade)
#   scripts/libvirt-session.sh down NAMESPACE      stop its domains and the daemon (definitions and volumes kept)
#   scripts/libvirt-session.sh purge NAMESPACE     down, and remove its domains, volumes and state
#   scripts/libvirt-session.sh status NAMESPACE    the daemon, and its domains with their states
#   scripts/libvirt-session.sh uri NAMESPACE       the URI imaging-service connects to
#   scripts/libvirt-session.sh dir NAMESPACE       its state directory (pool/ and consoles/ are in it)
#
# State: $RELOPS_LIBVIRT_DIR/NAMESPACE (default /var/lib/relops-lv): the daemon's home (h/), runtime (r/),
# config (c/: its domain definitions) and cache (k/) directories, the storage pool (pool/: the machines'
# persistent volumes) and the serial consoles (consoles/). A directory outside any checkout, because the
# daemon's user must reach it. Needs root.
set -euo pipefail

USER_NAME=relops-libvirt
BASE=${RELOPS_LIBVIRT_DIR:-/var/lib/relops-lv}
# qemu's monitor socket lives at <config>/libvirt/qemu/lib/domain-<id>-<name, 20 at most>/monitor.sock, and a
# UNIX socket path has at most 107 bytes: the state directory must stay short.
MAX_STATE_DIR=45

die() { echo "libvirt-session.sh: $*" >&2; exit 1; }

state_dir() { echo "$BASE/$1"; }
socket_of() { echo "$(state_dir "$1")/r/libvirt/libvirt-sock"; }
uri_of() { echo "qemu+unix:///session?socket=$(socket_of "$1")"; }
pid_of() { cat "$(state_dir "$1")/r/libvirt/libvirtd.pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }
virsh_in() { local ns=$1; shift; virsh -q -c "$(uri_of "$ns")" "$@"; }

ensure_user() {
  id -u "$USER_NAME" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$USER_NAME"
  # qemu, run by that user, opens the tap devices made for it through /dev/net/tun: the device must let the
  # user's group in (Debian's udev makes it 0666; containers often leave it 0600).
  if [[ $(stat -c %a /dev/net/tun) != 666 ]]; then
    chgrp "$USER_NAME" /dev/net/tun
    chmod g+rw /dev/net/tun
  fi
}

session_up() {
  local ns=$1 dir
  dir=$(state_dir "$ns")
  [[ $(id -u) == 0 ]] || die "needs root (a daemon in network namespace $ns)"
  command -v libvirtd >/dev/null || die "libvirtd is missing: install libvirt-daemon and libvirt-daemon-driver-qemu"
  ip netns list | grep -qw "$ns" || die "network namespace $ns does not exist: bring the environment's network up first"
  [[ ${#dir} -le $MAX_STATE_DIR ]] ||
    die "state directory $dir is longer than $MAX_STATE_DIR characters (qemu's monitor socket path would be too long): set RELOPS_LIBVIRT_DIR to a shorter one"
  if running "$ns"; then
    uri_of "$ns"
    return
  fi
  ensure_user
  mkdir -p "$dir"/{h,r,k,c/libvirt,pool,consoles}
  # qemu's own stdout/stderr to a file of the daemon's: no virtlogd to run beside it
  echo 'stdio_handler = "file"' >"$dir/c/libvirt/qemu.conf"
  chown -R "$USER_NAME:" "$dir"
  chmod 0700 "$dir/r"
  rm -f "$(socket_of "$ns")"
  # A session of its own, in the namespace: the daemon (and the qemu processes it starts) outlive whoever ran this.
  ip netns exec "$ns" setsid runuser -u "$USER_NAME" -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    HOME="$dir/h" XDG_RUNTIME_DIR="$dir/r" XDG_CONFIG_HOME="$dir/c" XDG_CACHE_HOME="$dir/k" \
    libvirtd >"$dir/libvirtd.log" 2>&1 </dev/null &
  local waited=0
  until [[ -S $(socket_of "$ns") ]] && virsh_in "$ns" version >/dev/null 2>&1; do
    sleep 0.2
    waited=$((waited + 1))
    if [[ $waited -ge 150 ]]; then
      tail -5 "$dir/libvirtd.log" >&2
      die "libvirtd in $ns did not answer within 30 s (log: $dir/libvirtd.log)"
    fi
  done
  uri_of "$ns"
}

stop_daemon() {
  local ns=$1 pid
  pid=$(pid_of "$ns")
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

session_down() {
  local ns=$1 domain
  running "$ns" || return 0
  for domain in $(virsh_in "$ns" list --name 2>/dev/null); do
    virsh_in "$ns" destroy "$domain" >/dev/null 2>&1 || true
  done
  stop_daemon "$ns"
}

session_purge() {
  local ns=$1 dir
  dir=$(state_dir "$ns")
  session_down "$ns"
  # a qemu the daemon lost track of (the daemon killed outright) must not keep a volume busy
  pkill -KILL -u "$USER_NAME" -f "guest=relops-.*$dir" 2>/dev/null || true
  rm -rf "$dir"
}

session_status() {
  local ns=$1
  if ! running "$ns"; then
    echo "libvirt session daemon for $ns: not running"
    return
  fi
  echo "libvirt session daemon for $ns: pid $(pid_of "$ns"), $(uri_of "$ns")"
  virsh_in "$ns" list --all | sed 's/^/  /'
}

[[ $# -eq 2 ]] || die "usage: libvirt-session.sh up|restart|down|purge|status|uri|dir NAMESPACE"
case $1 in
  up) session_up "$2" ;;
  restart) stop_daemon "$2"; session_up "$2" ;;
  down) session_down "$2" ;;
  purge) session_purge "$2" ;;
  status) session_status "$2" ;;
  uri) uri_of "$2" ;;
  dir) state_dir "$2" ;;
  *) die "unknown command $1 (up, restart, down, purge, status, uri, dir)" ;;
esac
