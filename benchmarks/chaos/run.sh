#!/usr/bin/env bash
# The chaos suite, bigger: ChaosEndToEndTest (e2e-tests) with two replicas of every service, eight requests of
# MACHINES_PER_REQUEST (default 7: 56 machines) on simulated systems that take LAUNCH_DELAY (default 3s) to launch,
# while every service's replica, then all of them, then RabbitMQ, then PostgreSQL are killed with SIGKILL and
# started again. Appends its figures (phase times, machines) to benchmarks/chaos/results.txt, or the file given.
# Run on demand, as root, with nothing else using the local PostgreSQL and RabbitMQ (it kills them):
#   benchmarks/chaos/run.sh [results-file]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/results.txt}
per_request=${MACHINES_PER_REQUEST:-7}
delay=${LAUNCH_DELAY:-3s}
cd "$root"
source scripts/infra.sh
source scripts/test.sh
prepare_test_infrastructure
./mvnw -q -B install -DskipTests
./mvnw -B --no-transfer-progress verify -pl e2e-tests -Dtest=ChaosEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Drelops.chaos.machines-per-request="$per_request" -Drelops.chaos.launch-delay="$delay"
{
  echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n), $(nproc) cores: 8 requests x $per_request machines, launch $delay"
  cat e2e-tests/target/chaos-figures.txt
} >>"$out"
echo "figures appended to $out"
