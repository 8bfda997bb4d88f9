#!/usr/bin/env bash
# Boot benchmark: time for relops to deliver machines on the qemu provider, against bare qemu booting the same
# image on the same bridged network in the same run. Run on demand:
#
#   benchmarks/boot/run.sh [results-file]
#       imaging mode: creates the network relops-bench (scripts/network.sh: uplink 10.254.202.0/30, services
#       at 10.254.202.1; segment bench-a for relops, bench-b for the bare runs), starts imaging-service alone
#       on it (port 18182, database relops_bench_imaging, vhost relops-bench) and measures host.reserved ->
#       machine.booted; removes the network, and everything that ran in it, when done
#   benchmarks/boot/run.sh --stack [results-file]
#       stack mode: against a running local stack (./relops up), measures request accepted -> request
#       FULFILLED (booted, in DNS, allocated), on systems of HARDWARE_CLASS (default vm-small: the local
#       inventory's qemu and libvirt VMs); the bare runs use a spare segment bench-b added to the stack's network
#       relops-local (services at 10.254.0.1), removed again when done if it was not there before
#   benchmarks/boot/run.sh --real [results-file]
#       real-image mode: against a running local stack too, on the same segments, with the real images to the
#       product's point "worker connected": relops from request accepted to FULFILLED for releng-talos-linux64
#       slaves (FULFILLED once each one's buildbot worker is connected to its master in this boot), against
#       bare qemu booting the same slave image from qemu start to its worker connected to a bare master. Before
#       the rounds it asks relops for one releng-buildmaster (decommissioned at the end) and boots one bare VM
#       of the same master image for the bare side (neither timed). Also records each bare slave's qemu RSS.
#       Each sample takes ~3 min (relops and bare alike), the two masters ~6 min before the first.
#
# How it compares: relops machines and bare machines are both qemu processes in the environment's network
# namespace on a tap device on a segment's bridge, leased their address by a dnsmasq with static reservations,
# with relops' qemu options (memory, TCG translation cache, data disk size: read from imaging-service's
# application.properties). The bare dnsmasq takes imaging-service's flags (router advertisements, iPXE told
# there is no ProxyDHCP) on its own segment, so the two DHCP servers never share a bridge; a static HTTP server
# of the benchmark on the services address (port 18190) hands the bare machines their iPXE script and the
# image's artifacts and takes their phone-home; for the real images it also stands in for slavealloc-service
# (the slaves' buildbot.tac, the bare master's credential and workers). The netboot modes boot the bare
# machines twice: over iPXE like relops (ratio), and with a direct -kernel boot (ratio_kernel); the real mode
# over iPXE only. The goal is ratio <= 1.10.
#
# QEMU_BOOT=kernel (imaging mode) has imaging-service boot its VMs from the image's kernel and initramfs directly
# (relops.imaging.qemu.boot=kernel) instead of over iPXE: ratio_kernel is then the same boot path on both sides.
# The stack modes use the running stack's imaging-service as it is (start it with the kernel boot by
# RELOPS_IMAGING_QEMU_BOOT=kernel ./relops up): they read its boot path from that process's command line and
# environment, and the results file names it.
# ROUNDS=n (default 3) repeats each measurement; the results show medians and every sample. COUNTS (default
# "1 4", in real mode "1") are the machine counts measured, e.g. COUNTS=1 ROUNDS=1 for a quick check.
# Results go to benchmarks/boot/results.txt (imaging), results-stack.txt (stack) or results-real.txt (real)
# unless a file is given.
# Needs root (namespaces, bridges and taps), /dev/net/tun, the Debian packages of scripts/packages-imaging.sh
# (qemu-system-x86, ipxe-qemu, dnsmasq-base, iproute2, ...), free ports 18182 and 18190, and real PostgreSQL
# and RabbitMQ on 127.0.0.1 (imaging mode). A loaded machine skews everything: the load average is recorded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=imaging
case ${1:-} in
  --stack) mode=stack; shift ;;
  --real) mode=real; shift ;;
esac
case $mode in
  imaging) out=${1:-$here/results.txt} ;;
  stack) out=${1:-$here/results-stack.txt} ;;
  real) out=${1:-$here/results-real.txt} ;;
esac
cd "$root"
die() { echo "boot benchmark: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || die "needs root: it makes network namespaces, bridges and taps"
[[ -c /dev/net/tun ]] || die "/dev/net/tun is missing: machines attach to their segment by tap"
bash scripts/packages-imaging.sh
amqp=$(ls ~/.m2/repository/com/rabbitmq/amqp-client/5.21.0/amqp-client-5.21.0.jar)
slf4j=$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | sort -V | tail -n 1)
classpath="$amqp:$slf4j"
# Where the benchmark reads the qemu options and kernel command line relops gives its machines.
imaging_properties=$root/imaging-service/src/main/resources/application.properties
bare_cidr=10.97.2.0/24
bare_segment=bench-b=$bare_cidr=10.97.2.1

# The bridge carrying a segment (its interface alias is the segment's name), empty when there is none.
bridge_of() { # namespace segment
  ip netns exec "$1" ip -o link show type bridge | sed -n "s/^[0-9]*: \([^:@]*\)[:@].*alias $2\$/\1/p"
}
has_namespace() { ip netns list | grep -qx "$1\( .*\)\?"; }

# The stack modes (--stack, --real) run on the local stack's network: checks that it is there as the stack
# made it, and adds the spare segment bench-b for the bare machines (removed on exit if this run added it).
join_stack_network() {
  namespace=relops-local
  has_namespace "$namespace" || die "no network $namespace: start the local stack first (./relops up)"
  added_bridge=no
  [[ -n $(bridge_of "$namespace" bench-b) ]] || added_bridge=yes
  trap remove_spare_segment EXIT
  # `up` keeps existing bridges only when the segments come in the same order (bridges are br0, br1, ... by
  # position): the inventory's segments first, in file order, as the stack made them, then the spare one.
  local -a segments
  local index name
  mapfile -t segments < <(source scripts/network.sh && inventory_segments deploy/local/inventory.yaml)
  [[ ${#segments[@]} -gt 0 ]] || die "deploy/local/inventory.yaml declares no segments"
  for index in "${!segments[@]}"; do
    # A stack started from another version of the inventory would have its bridges renamed under it.
    name=${segments[index]%%=*}
    [[ $(bridge_of "$namespace" "$name") == "br$index" ]] ||
      die "segment $name is not on bridge br$index of $namespace: restart the local stack (./relops down; ./relops up)"
  done
  bash scripts/network.sh up "$namespace" 10.254.0.0/30 "${segments[@]}" "$bare_segment" >/dev/null
}

remove_spare_segment() {
  # Only what this run added: the stack's own segments stay as they are.
  if [[ $added_bridge == yes ]]; then
    local bridge
    bridge=$(bridge_of "$namespace" bench-b)
    [[ -z $bridge ]] || ip netns exec "$namespace" ip link del "$bridge"
    ip route del "$bare_cidr" 2>/dev/null || true
  fi
}

# The boot path of the running stack's imaging-service (relops.imaging.qemu.boot): a -D option on its command
# line wins over RELOPS_IMAGING_QEMU_BOOT in its environment, as in Quarkus' own configuration; network without.
stack_qemu_boot() {
  local pid_file=${RELOPS_STATE_DIR:-$root/.relops/local}/pids/imaging-service.pid pid boot
  [[ -s $pid_file ]] || die "no $pid_file: start the local stack first (./relops up)"
  pid=$(cat "$pid_file")
  [[ -r /proc/$pid/cmdline ]] || die "imaging-service (pid $pid) is not running: ./relops up"
  boot=$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's/^-Drelops\.imaging\.qemu\.boot=//p' | tail -n 1)
  [[ -n $boot ]] || boot=$(tr '\0' '\n' <"/proc/$pid/environ" | sed -n 's/^RELOPS_IMAGING_QEMU_BOOT=//p')
  echo "${boot:-network}" | tr '[:upper:]' '[:lower:]'
}

if [[ $mode == stack || $mode == real ]]; then
  join_stack_network
  default_counts="1 4"
  # A real-image sample takes minutes on each side.
  [[ $mode == real ]] && default_counts=1
  # the local stack's own environment
  RELOPS_TOKEN=$(./relops token operator --subject benchmark --ttl 4h)
  export RELOPS_TOKEN
  relops_boot=$(stack_qemu_boot)
  java -Drounds="${ROUNDS:-3}" -Dcounts="${COUNTS:-$default_counts}" -DhardwareClass="${HARDWARE_CLASS:-vm-small}" \
    -DrelopsBoot="$relops_boot" \
    -Dnamespace="$namespace" -Dservices=10.254.0.1 -Ddomain="${RELOPS_DNS_ZONE:-local.relops.example}" \
    -DbareSegment="$bare_segment" -DimagingProperties="$imaging_properties" -cp "$classpath" \
    "$here/BootBenchmark.java" "$mode" http://127.0.0.1:8080 "$out"
  exit 0
fi

namespace=relops-bench
services=10.254.202.1
relops_segment=bench-a=10.97.1.0/24=10.97.1.1
source scripts/infra.sh
ensure_postgres
ensure_rabbitmq
ensure_db_role
recreate_database relops_bench_imaging
recreate_vhost relops-bench
./mvnw -q -B -pl imaging-service,cli -am package -DskipTests
work=$(mktemp -d /tmp/relops-boot-bench.XXXXXX)
throwaway_access "$work/auth"
service=
cleanup() {
  if [[ -n $service ]]; then
    # A graceful stop: imaging-service stops its machines and dnsmasq itself.
    kill "$service" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$service" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
  fi
  # Whatever still runs in the namespace goes with it.
  bash scripts/network.sh down "$namespace"
  rm -rf "$work"
}
trap cleanup EXIT
bash scripts/network.sh up "$namespace" 10.254.202.0/30 "$relops_segment" "$bare_segment" >/dev/null
# Listens on every address (the prod default): machines reach it at the services address through the uplink.
java -Xmx256m -XX:+UseSerialGC -Dquarkus.http.port=18182 \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/relops_bench_imaging \
  -Drelops.bus.virtual-host=relops-bench -Drelops.imaging.data-dir="$work/data" \
  -Drelops.imaging.network.namespace="$namespace" -Drelops.imaging.network.services-address="$services" \
  -Drelops.imaging.network.search-domain=bench.relops.example -Drelops.imaging.qemu.boot="${QEMU_BOOT:-network}" \
  -jar imaging-service/target/quarkus-app/quarkus-run.jar >"$work/imaging-service.log" 2>&1 &
service=$!
for _ in $(seq 1 300); do
  curl -fs -H "@$work/auth/operator-header" http://127.0.0.1:18182/v1/images/relops-bare/versions/latest 2>/dev/null | grep -qiE '"state" *: *"ready"' && break
  kill -0 "$service" 2>/dev/null || { cat "$work/imaging-service.log" >&2; exit 1; }
  sleep 0.5
done
if ! java -Drounds="${ROUNDS:-3}" -Dcounts="${COUNTS:-1 4}" -DrelopsBoot="${QEMU_BOOT:-network}" -Dnamespace="$namespace" -Dservices="$services" \
  -Ddomain=bench.relops.example -DrelopsSegment="$relops_segment" -DbareSegment="$bare_segment" \
  -DimagingProperties="$imaging_properties" -cp "$classpath" \
  "$here/BootBenchmark.java" imaging http://127.0.0.1:18182 "$out" relops-bench; then
  echo "imaging-service log tail:" >&2
  tail -n 40 "$work/imaging-service.log" >&2
  exit 1
fi
