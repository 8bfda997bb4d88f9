#!/usr/bin/env bash
# Boot benchmark: time for relops to deliver 1 and 4 machines on the qemu provider, against bare qemu
# booting the same kernel+initramfs in the same run. Run on demand:
#
#   benchmarks/boot/run.sh [results-file]
#       imaging mode: starts imaging-service alone (port 18182, database relops_bench_imaging, vhost
#       relops-bench) and measures host.reserved -> machine.booted
#   benchmarks/boot/run.sh --stack [results-file]
#       stack mode: against a running local stack (./relops up), measures request accepted -> request
#       FULFILLED (booted, in DNS, allocated), on systems of HARDWARE_CLASS (default vm-small: the local
#       inventory's qemu slots)
#
# ROUNDS=n (default 3) repeats each measurement; the results show medians and every sample.
# Results go to benchmarks/boot/results.txt (imaging) or results-stack.txt (stack) unless a file is given.
# Needs real PostgreSQL and RabbitMQ on 127.0.0.1 (imaging mode) and the Debian packages of
# scripts/packages-imaging.sh. A loaded machine skews everything: the load average is recorded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=imaging
if [[ ${1:-} == --stack ]]; then mode=stack; shift; fi
out=${1:-$here/results.txt}
[[ $mode == stack ]] && out=${1:-$here/results-stack.txt}
cd "$root"
bash scripts/packages-imaging.sh
amqp=$(ls ~/.m2/repository/com/rabbitmq/amqp-client/5.21.0/amqp-client-5.21.0.jar)
slf4j=$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | sort -V | tail -n 1)
classpath="$amqp:$slf4j"

if [[ $mode == stack ]]; then
  java -Drounds="${ROUNDS:-3}" -DhardwareClass="${HARDWARE_CLASS:-vm-small}" -cp "$classpath" \
    "$here/BootBenchmark.java" stack http://127.0.0.1:8080 "$out"
  exit 0
fi

source scripts/infra.sh
ensure_postgres
ensure_rabbitmq
ensure_db_role
recreate_database relops_bench_imaging
recreate_vhost relops-bench
./mvnw -q -B -pl imaging-service package -DskipTests
work=$(mktemp -d /tmp/relops-boot-bench.XXXXXX)
java -Xmx256m -XX:+UseSerialGC -Dquarkus.http.port=18182 \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/relops_bench_imaging \
  -Drelops.bus.virtual-host=relops-bench -Drelops.imaging.data-dir="$work/data" \
  -jar imaging-service/target/quarkus-app/quarkus-run.jar >"$work/imaging-service.log" 2>&1 &
service=$!
cleanup() {
  kill "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -fs http://127.0.0.1:18182/v1/images/releng-talos-linux64/versions/latest 2>/dev/null | grep -q READY && break
  kill -0 "$service" 2>/dev/null || { cat "$work/imaging-service.log" >&2; exit 1; }
  sleep 0.5
done
java -Drounds="${ROUNDS:-3}" -cp "$classpath" "$here/BootBenchmark.java" \
  imaging http://127.0.0.1:18182 "$out" relops-bench
