#!/usr/bin/env bash
# The burst benchmark: all five services (REPLICAS of each, default 1) as processes on the real PostgreSQL and
# RabbitMQ, an inventory of SYSTEMS (default 10,000) simulated systems, and two bursts, each from the first POST
# to the last request.fulfilled:
#   burst 1: one request of MACHINES (default 1,000) machines;
#   burst 2: REQUESTS (default 100) requests of PER_REQUEST (default 10) machines, posted at once.
# Simulated systems run no guest: each launch takes BOOT_DELAY (default 0s; e.g. 1s) and the machine counts as
# booted. The image is relops-bare (a netboot image: no buildbot role, so slavealloc-service consumes every
# machine.booted but allocates nothing, and a machine is READY once booted and in DNS).
# BurstBenchmark.java times each stage from the events (a queue of its own bound to every event type), and
# samples the services' resident memory and CPU, the event queues' depths and the databases' activity; it
# appends everything to benchmarks/burst/results.txt, or the file given. Idle memory is sampled first.
# Run on demand (never part of the test suite), as a user who may create databases and vhosts:
#   benchmarks/burst/run.sh [results-file]
#   REPLICAS=2 benchmarks/burst/run.sh        two replicas of every service (competing consumers, one database)
#   BOOT_DELAY=1s benchmarks/burst/run.sh     every simulated launch takes 1 s
#   PROFILE=1: Java Flight Recorder on every service's first replica during the bursts; where each one's CPU
#              samples fall goes to profile-<service>.txt beside the script (read by benchmarks/profile.awk)
#   TIMEOUT (default 900): seconds a burst may take before it is reported unfulfilled (with its stages so far)
#   KEEP_JFR=DIR (with PROFILE=1) keeps each service's recording there, for a closer look with `jfr`;
#   NO_BUILD=1 skips the build; RELOPS_SERVICE_JVM_OPTIONS replaces the services' JVM options (scripts/infra.sh's)
# Uses ports 18280-18285 (the first replicas' HTTP, dns-service's DNS on 18285) and 18290-18295 (the second
# replicas'), the databases relops_bench_burst_<service> and the vhost relops-bench-burst, all made fresh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/results.txt}
systems=${SYSTEMS:-10000}
machines=${MACHINES:-1000}
requests=${REQUESTS:-100}
per_request=${PER_REQUEST:-10}
boot_delay=${BOOT_DELAY:-0s}
replicas=${REPLICAS:-1}
vhost=relops-bench-burst
database_prefix=relops_bench_burst_
services=(request-service inventory-service imaging-service dns-service slavealloc-service)
work=$(mktemp -d)
pids=()
pid_spec=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
# what the services are built from, read before the build
source_state="commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/burst' || echo ' (with uncommitted changes)')"
source scripts/infra.sh
ensure_postgres
ensure_rabbitmq
ensure_db_role
for service in "${services[@]}"; do recreate_database "$database_prefix${service%%-*}"; done
recreate_vhost "$vhost"
if [[ ${NO_BUILD:-} != 1 ]]; then
    say "building the five services and the relops command line"
    ./mvnw -q -B -o package -DskipTests \
        -pl request-service,inventory-service,imaging-service,dns-service,slavealloc-service,cli -am >"$work/build.log" 2>&1 \
        || { tail -n 40 "$work/build.log" >&2; die "build failed"; }
fi
throwaway_access "$work/auth"

say "writing an inventory of $systems simulated systems"
# 4 datacenters, each one /20 segment; 10 rows of 25 racks of 10 systems per datacenter (at 10,000 systems).
awk -v systems="$systems" 'BEGIN {
    print "segments:"
    for (dc = 0; dc < 4; dc++) {
        printf "  - name: burst-dc%d\n    cidr: 10.98.%d.0/20\n    gateway: 10.98.%d.1\n", dc + 1, dc * 16, dc * 16
        printf "    serves: {datacenter: dc%d}\n", dc + 1
    }
    print "systems:"
    for (i = 0; i < systems; i++) {
        dc = i % 4; n = int(i / 4); row = int(n / 250) % 10; rack = int(n / 10) % 25
        printf "  - name: burst-sim-%05d\n    provider: simulated\n", i + 1
        printf "    nic: {mac: \"52:54:01:%02x:%02x:%02x\"}\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
        printf "    hardwareClass: simulated\n"
        printf "    location: {datacenter: dc%d, row: r%d, rack: r%d-%02d}\n", dc + 1, row + 1, row + 1, rack + 1
    }
}' >"$work/inventory.yaml"

# The -D options of one service replica (nothing secret: the password and the key go through the environment).
service_options() { # service port dns-port
    local service=$1 port=$2
    echo "-Dquarkus.http.port=$port"
    echo "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://$RELOPS_PG_HOST:$RELOPS_PG_PORT/$database_prefix${service%%-*}"
    echo "-Dquarkus.datasource.username=$RELOPS_DB_USER"
    echo "-Drelops.bus.host=$RELOPS_BUS_HOST"
    echo "-Drelops.bus.port=$RELOPS_BUS_PORT"
    echo "-Drelops.bus.virtual-host=$vhost"
    case $service in
        request-service) echo "-Drelops.requests.max-count=$machines" ;;
        inventory-service) echo "-Drelops.inventory.file=$work/inventory.yaml" ;;
        imaging-service)
            echo "-Drelops.imaging.data-dir=$work/imaging"
            echo "-Drelops.imaging.build.images-dir=$root/images"
            # simulated systems only: the netboot seed (seconds to build from the package store), no real images
            echo "-Drelops.imaging.seed.images.releng-talos-linux64.enabled=false"
            echo "-Drelops.imaging.seed.images.releng-buildmaster.enabled=false"
            echo "-Drelops.imaging.simulated.launch-delay=$boot_delay" ;;
        dns-service)
            echo "-Drelops.dns.zone=burst.bench.relops.example"
            echo "-Drelops.dns.server.host=127.0.0.1"
            echo "-Drelops.dns.server.port=$3"
            echo "-Drelops.dns.server.machine-listeners=" ;;
        slavealloc-service)
            echo "-Drelops.slavealloc.tac.resolve-unknown-addresses=false" ;;
    esac
}

start_replica() { # service port dns-port
    local -a options
    mapfile -t options < <(service_options "$@")
    QUARKUS_DATASOURCE_PASSWORD=$RELOPS_DB_PASSWORD \
    RELOPS_SLAVEALLOC_SECRET_KEY=$(printf 'benchmark-key-0123456789abcdefgh' | base64) \
    RELOPS_SLAVEALLOC_CREATE_KEY_FILE=false \
        java "${SERVICE_JVM_OPTIONS[@]}" "${options[@]}" -jar "$1/target/quarkus-app/quarkus-run.jar" >"$work/$1-$2.log" 2>&1 &
    pids+=($!)
    pid_spec+=("$1=$!")
}

wait_ready() { # service port
    local i
    for ((i = 0; i < 1200; i++)); do
        curl -fs "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    tail -n 60 "$work/$1-$2.log" >&2
    die "$1 on port $2 did not become ready"
}

say "starting $replicas replica(s) of every service"
started=$(date +%s.%N)
for ((replica = 0; replica < replicas; replica++)); do
    # the first replicas make the schemas and load the inventory and the seed image; the others start after them
    for ((i = 0; i < ${#services[@]}; i++)); do start_replica "${services[i]}" $((18280 + 10 * replica + i)) $((18285 + 10 * replica)); done
    for ((i = 0; i < ${#services[@]}; i++)); do wait_ready "${services[i]}" $((18280 + 10 * replica + i)); done
done
ready_after=$(echo "$(date +%s.%N) - $started" | bc)
say "all ready after ${ready_after%.*} s"

if [[ ${PROFILE:-} == 1 ]]; then
    for ((i = 0; i < ${#services[@]}; i++)); do jcmd "${pids[i]}" JFR.start name=burst settings=profile >/dev/null; done
fi

amqp=$(ls ~/.m2/repository/com/rabbitmq/amqp-client/5.21.0/amqp-client-5.21.0.jar)
slf4j=$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | sort -V | tail -n 1)
postgres_driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | sort -V | tail -n 1)
{
    echo
    echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n), $(nproc) cores, $(java -version 2>&1 | head -n 1)"
    echo "$replicas replica(s) of each service, $systems simulated systems, launch delay $boot_delay, image relops-bare;"
    echo "JVM options (the local stack's, scripts/infra.sh): ${SERVICE_JVM_OPTIONS[*]}; services ready ${ready_after%.*} s after their start (inventory loaded)"
    echo "$source_state"
} | tee -a "$out"
PGPASSWORD=$RELOPS_DB_PASSWORD java -Xmx256m -cp "$amqp:$slf4j:$postgres_driver" \
    -DrequestUrl=http://127.0.0.1:18280 -DjdbcBase="jdbc:postgresql://$RELOPS_PG_HOST:$RELOPS_PG_PORT/" \
    -DdbUser="$RELOPS_DB_USER" -DdatabasePrefix=$database_prefix -DbusHost="$RELOPS_BUS_HOST" \
    -DbusPort="$RELOPS_BUS_PORT" -DbusVhost=$vhost -Dpids="$(IFS=,; echo "${pid_spec[*]}")" \
    -DbrokerPid="$(pgrep -o -x beam.smp || echo 0)" -Dmachines="$machines" -Drequests="$requests" \
    -DperRequest="$per_request" -DidleSeconds="${IDLE:-20}" -DtimeoutSeconds="${TIMEOUT:-900}" -Dout="$out" \
    "$here/BurstBenchmark.java"

if [[ ${PROFILE:-} == 1 ]]; then
    for ((i = 0; i < ${#services[@]}; i++)); do
        jcmd "${pids[i]}" JFR.dump name=burst filename="$work/${services[i]}.jfr" >/dev/null
        {
            echo "# where ${services[i]}'s CPU went during the bursts (JFR execution samples of its first replica)"
            echo "$(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
            echo
            jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/${services[i]}.jfr" | awk -f "$here/../profile.awk"
        } >"$here/profile-${services[i]}.txt"
        if [[ -n ${KEEP_JFR:-} ]]; then mkdir -p "$KEEP_JFR" && cp "$work/${services[i]}.jfr" "$KEEP_JFR/"; fi
    done
    say "profiles in $here/profile-*.txt"
fi
say "results appended to $out"
