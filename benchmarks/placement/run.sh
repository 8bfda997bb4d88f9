#!/usr/bin/env bash
# Benchmarks inventory-service's PlacementPolicy: 1,000 machines from a 10,000-system inventory.
# Run on demand from anywhere: benchmarks/placement/run.sh [results-file]
# (default: benchmarks/placement/results.txt). Needs common-model installed in ~/.m2.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/results.txt}
cd "$root"
./mvnw -q -B -pl inventory-service compile
model=$(ls ~/.m2/repository/org/relops/common-model/1.0.0-SNAPSHOT/common-model-1.0.0-SNAPSHOT.jar)
java -cp "inventory-service/target/classes:$model" "$here/PlacementBenchmark.java" "$out"
