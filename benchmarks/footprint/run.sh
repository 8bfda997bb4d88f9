#!/usr/bin/env bash
# The five services' footprint on the local stack: resident memory of each when idle (IDLE seconds after they
# are ready, default 60) and its start-up time, with the JVM options stack.sh gives them, or with
# RELOPS_SERVICE_JVM_OPTIONS to compare. Restarts the services (not the machines, not the infrastructure) of a
# running local stack, or starts one. Appends to benchmarks/footprint/results.txt, or the file given:
#   benchmarks/footprint/run.sh [results-file]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/results.txt}
idle=${IDLE:-60}
cd "$root"
state=${RELOPS_STATE_DIR:-.relops/local}
services=(request-service inventory-service imaging-service dns-service slavealloc-service)
for service in "${services[@]}"; do
  [[ -f $state/pids/$service.pid ]] && kill "$(cat "$state/pids/$service.pid")" 2>/dev/null || true
done
sleep 5
./relops up --no-build >/dev/null
sleep "$idle"
total=0
{
  echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); idle ${idle} s"
  echo "JVM options: ${RELOPS_SERVICE_JVM_OPTIONS:-the default of scripts/infra.sh}"
  for service in "${services[@]}"; do
    pid=$(cat "$state/pids/$service.pid")
    rss=$(ps -o rss= -p "$pid")
    total=$((total + rss))
    started=$(grep -a 'started in' "$state/logs/$service.log" | tail -n 1 | grep -o 'started in [0-9.]*s' || echo '?')
    printf '  %-20s %6d MB RSS, %s\n' "$service" $((rss / 1024)) "$started"
  done
  printf '  %-20s %6d MB RSS\n' "all five" $((total / 1024))
} | tee -a "$out"
