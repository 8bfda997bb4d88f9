#!/usr/bin/env bash
# An environment's network on this host: a network namespace holding one Linux bridge per segment (the
# segment's gateway address on it), routed to the host by a veth pair. Services on the host reach every
# machine's address through it, and machines reach the services at the host's end of the veth. Segments of
# one environment route to each other; nothing routes between environments.
#
#   scripts/network.sh up NAMESPACE UPLINK SEGMENT...   create (idempotent); UPLINK a /30, e.g. 10.254.0.0/30
#   scripts/network.sh down NAMESPACE                   remove what `up` created
#   scripts/network.sh show NAMESPACE                   bridges, addresses and routes
#
# SEGMENT is NAME=CIDR=GATEWAY (e.g. scl3-r1-a=10.10.1.0/24=10.10.1.1). Each bridge carries the segment's
# name as its interface alias: that is how imaging-service finds it. Needs root and /dev/net/tun.
set -euo pipefail

# Sourced by ./relops, it keeps the caller's own die (whose messages are not about the network).
declare -F die >/dev/null || die() { printf 'relops network: %s\n' "$*" >&2; exit 1; }

require_privileges() {
  [[ $(id -u) == 0 ]] || die "creating network namespaces and bridges needs root (run as root, or with sudo)"
  [[ -c /dev/net/tun ]] || die "/dev/net/tun is missing: machines attach to their segment through tap devices"
  command -v ip >/dev/null || die "the ip command is missing (Debian package iproute2)"
}

# Host-side veth name: at most 15 characters, stable per namespace.
uplink_name() { printf 'rl%s' "$(printf '%s' "$1" | sha256sum | cut -c1-10)"; }

# The two addresses of a /30: the host's end (first) and the namespace's end (second).
uplink_addresses() {
  local base=${1%/*} a b c d
  IFS=. read -r a b c d <<<"$base"
  echo "$a.$b.$c.$((d + 1)) $a.$b.$c.$((d + 2))"
}

in_ns() { ip netns exec "$NS" "$@"; }

network_up() {
  NS=$1 UPLINK=$2
  shift 2
  require_privileges
  [[ $UPLINK == */30 ]] || die "uplink $UPLINK must be a /30 (host end, namespace end)"
  local host_end ns_end host_if
  read -r host_end ns_end < <(uplink_addresses "$UPLINK")
  host_if=$(uplink_name "$NS")
  ip netns list | grep -qx "$NS\( .*\)\?" || ip netns add "$NS"
  in_ns ip link set lo up
  in_ns sysctl -qw net.ipv4.ip_forward=1
  in_ns sysctl -qw net.ipv6.conf.all.disable_ipv6=0 2>/dev/null || true
  if ! ip link show "$host_if" >/dev/null 2>&1; then
    ip link add "$host_if" type veth peer name uplink netns "$NS"
  fi
  ip addr replace "$host_end/30" dev "$host_if"
  ip link set "$host_if" up
  in_ns ip addr replace "$ns_end/30" dev uplink
  in_ns ip link set uplink up
  local index=0 spec name cidr gateway bridge prefix
  for spec in "$@"; do
    IFS== read -r name cidr gateway <<<"$spec"
    [[ -n $name && $cidr == */* && -n $gateway ]] || die "segment '$spec' is not NAME=CIDR=GATEWAY"
    bridge=br$index
    prefix=${cidr#*/}
    in_ns ip link show "$bridge" >/dev/null 2>&1 || in_ns ip link add "$bridge" type bridge
    in_ns ip link set "$bridge" alias "$name"
    in_ns ip addr replace "$gateway/$prefix" dev "$bridge"
    # An IPv6 address lets dnsmasq send router advertisements; without them iPXE waits ~16 s for IPv6.
    in_ns ip -6 addr replace "fd52:$((index + 1))::1/64" dev "$bridge" 2>/dev/null || true
    in_ns ip link set "$bridge" up
    ip route replace "$cidr" via "$ns_end" dev "$host_if"
    index=$((index + 1))
  done
  echo "network $NS up: ${#@} segment(s); services at $host_end"
}

network_down() {
  NS=$1
  require_privileges
  local host_if
  host_if=$(uplink_name "$NS")
  if ip netns list | grep -qx "$NS\( .*\)\?"; then
    # Whatever still runs in the namespace (dnsmasq, qemu) goes with it.
    local pid
    for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$NS"
  fi
  # Deleting one end of a veth deletes both, and with it the routes through it.
  ip link del "$host_if" 2>/dev/null || true
}

# The segments an inventory file declares, as NAME=CIDR=GATEWAY lines: the local stack builds its
# network from the same file inventory-service loads, so the two never disagree.
inventory_segments() { # inventory.yaml
  awk '
    /^[^ #-]/ { in_segments = ($0 ~ /^segments:/) }
    in_segments && /^  - name:/ { if (name != "") print name "=" cidr "=" gateway; name = $3; cidr = ""; gateway = "" }
    in_segments && /^    cidr:/ { cidr = $2 }
    in_segments && /^    gateway:/ { gateway = $2 }
    END { if (name != "") print name "=" cidr "=" gateway }
  ' "$1"
}

network_show() {
  NS=$1
  in_ns ip -br addr
  in_ns ip -o link show type bridge | sed -n 's/.*alias \(.*\)$/segment \1/p'
  ip route show dev "$(uplink_name "$NS")" 2>/dev/null || true
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  command=${1:-}
  shift || true
  case $command in
    up) [[ $# -ge 2 ]] || die "usage: network.sh up NAMESPACE UPLINK/30 NAME=CIDR=GATEWAY..."; network_up "$@" ;;
    down) [[ $# -eq 1 ]] || die "usage: network.sh down NAMESPACE"; network_down "$1" ;;
    show) [[ $# -eq 1 ]] || die "usage: network.sh show NAMESPACE"; network_show "$1" ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
fi
