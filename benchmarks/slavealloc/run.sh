#!/usr/bin/env bash
# Benchmarks slavealloc-service's /gettac: two replicas of the service on one database, 400 slaves of
# one silo and 4 masters.
#   phase 1, the herd: every slave boots at once (32 at a time, half on each replica): time to allocate
#            them all, then the balance check (each master 100 +-1, every slave on exactly one);
#   phase 2, reboots: wrk against both replicas, every slave fetching its tac over and over (they stay
#            where they are): requests per second and latency; balance checked again;
#   phase 2b, one replica: wrk against the first replica alone, first /gettac as in phase 2, then the same
#            replica's /q/health/live with the same settings (the floor: what its HTTP stack serves with no
#            work behind it); both rates and their ratio;
#   phase 3, drain: one master disabled, wrk again; its slaves move at their next /gettac; a last sweep
#            reaches any wrk missed; balance over the 3 others checked.
# Run on demand: benchmarks/slavealloc/run.sh [results-file]   (default: results.txt beside it)
#   DURATION (default 20s), CONNECTIONS per replica (default 32), SLAVES (default 400, up to 1,000; a multiple
#   of the 4 masters keeps the expected balance exact), HERD_PARALLEL (default 32: phase 1's requests in flight)
#   PROFILE=1: Java Flight Recorder on the first replica during phases 1 and 2; where its CPU samples fall (by layer
#              and by method) goes to profile-herd.txt and profile.txt beside the script (benchmarks/profile.awk reads them)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/results.txt}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-32}
export SLAVES=${SLAVES:-400}
herd_parallel=${HERD_PARALLEL:-32}
((SLAVES >= 1 && SLAVES <= 1000)) || { echo "SLAVES must be 1..1000" >&2; exit 2; }
masters=4
ports=(18184 18185)
database=relops_bench_slavealloc
vhost=relops-bench-slavealloc
work=$(mktemp -d)
pids=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
source scripts/infra.sh
source scripts/packages-slavealloc.sh
ensure_slavealloc_packages
ensure_postgres
ensure_rabbitmq
ensure_db_role
recreate_database "$database"
recreate_vhost "$vhost"
say "building slavealloc-service and the relops command line"
./mvnw -q -B -pl slavealloc-service,cli -am package -DskipTests
throwaway_access "$work/auth"

say "writing a dump of $SLAVES slaves and $masters masters"
{
    echo '{"pools": [{"name": "bench"}], "environments": [{"name": "bench", "default_pool": "bench"}],'
    echo ' "slave_passwords": [{"pool": "bench", "password": "bench-password"}], "masters": ['
    for ((m = 1; m <= masters; m++)); do
        ((m > 1)) && echo ','
        printf '{"nickname": "bench-m%d", "fqdn": "bench-m%d.bench.example", "http_port": 8001,' "$m" "$m"
        printf ' "pb_port": 9001, "datacenter": "local", "pool": "bench"}'
    done
    echo '], "slaves": ['
    for ((s = 1; s <= SLAVES; s++)); do
        ((s > 1)) && echo ','
        printf '{"name": "bench-s%d", "distro": "debian12", "bitlength": "64", "speed": "vm",' "$s"
        printf ' "purpose": "build", "datacenter": "local", "trustlevel": "core", "environment": "bench",'
        printf ' "pool": "bench", "basedir": "/builds/slave", "address": "127.0.0.1"}'
    done
    echo ']}'
} > "$work/bench-dump.json"

start_replica() { # port
    RELOPS_HTTP_PORT=$1 \
    RELOPS_DB_URL="jdbc:postgresql://${RELOPS_PG_HOST}:${RELOPS_PG_PORT}/$database" \
    RELOPS_BUS_VHOST=$vhost \
    RELOPS_SLAVEALLOC_SECRET_KEY=$(printf 'benchmark-key-0123456789abcdefgh' | base64) \
    RELOPS_SLAVEALLOC_SEED=classpath:seed/local-stack.json \
    RELOPS_SLAVEALLOC_TAC_RESOLVE=false \
        java -Xmx256m -jar slavealloc-service/target/quarkus-app/quarkus-run.jar >"$work/replica-$1.log" 2>&1 &
    pids+=($!)
}

wait_ready() { # port
    local i
    for ((i = 0; i < 120; i++)); do
        curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    cat "$work/replica-$1.log" >&2
    die "replica on port $1 did not become ready"
}

for port in "${ports[@]}"; do start_replica "$port"; done
for port in "${ports[@]}"; do wait_ready "$port"; done
api="http://127.0.0.1:${ports[0]}"
curl -fs -H "@$work/auth/operator-header" -H 'Content-Type: application/json' \
    --data-binary "@$work/bench-dump.json" "$api/api/import" >/dev/null

# Runs wrk against both replicas at once; appends both reports to the results.
load() { # title
    local port loads=()
    for port in "${ports[@]}"; do
        wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -s "$here/gettac.lua" "http://127.0.0.1:$port" \
            >"$work/wrk-$port.txt" 2>&1 &
        loads+=($!)
    done
    wait "${loads[@]}"
    {
        echo "### $1"
        echo "load average after it: $(cut -d' ' -f1-3 /proc/loadavg)"
        for port in "${ports[@]}"; do
            echo "replica :$port"
            echo '```'
            cat "$work/wrk-$port.txt"
            echo '```'
        done
    } >>"$out.tmp"
}

# Runs wrk against the first replica alone (FIXED_PATH empty: every slave's /gettac in turn); prints its rate.
load_one() { # name fixed-path
    FIXED_PATH=$2 wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -s "$here/gettac.lua" \
        "http://127.0.0.1:${ports[0]}" >"$work/wrk-$1.txt" 2>&1
    awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-$1.txt"
}

# Every slave fetches its tac once, PARALLEL at a time, odd ones from one replica, even from the other (Herd.java:
# one JVM, kept-alive connections; a curl process per request would cost the client more than the service).
# Prints the seconds it took and how many answered 200.
every_slave_once() { # parallel
    java "$here/Herd.java" "$SLAVES" "$1" "${ports[0]}" "${ports[1]}"
}

# Checks the silo's balance over the enabled masters: each within 1 of the mean, none unallocated.
check_balance() { # title enabled-masters
    local silo total spread unallocated
    silo=$(curl -fs -H "@$work/auth/operator-header" "$api/api/silos?pool=bench")
    total=$(jq '.[0].slaves' <<<"$silo")
    unallocated=$(jq '.[0].unallocated' <<<"$silo")
    spread=$(jq '[.[0].masters | to_entries[] | .value] | max - min' <<<"$silo")
    {
        echo "balance after $1: $(jq -c '.[0].masters' <<<"$silo"), slaves $total, unallocated $unallocated"
        if ((total == SLAVES && unallocated == 0 && spread <= 1 && $(jq '.[0].masters | length' <<<"$silo") == $2))
        then
            echo "balance check: PASSED (spread $spread)"
        else
            echo "balance check: FAILED (spread $spread)"
        fi
        echo
    } >>"$out.tmp"
}

{
    echo "# slavealloc-service /gettac benchmark"
    echo
    echo "$(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)," \
        "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "load average before the run (the machine is shared): $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "2 replicas (-Xmx256m) on one PostgreSQL; $SLAVES slaves of one silo, $masters masters;"
    echo "wrk per replica: 2 threads, $connections connections, $duration. A slave that stays is answered from the"
    echo "replica's tac cache once the database's generations say it is current (else from one SQL read); slaves"
    echo "that move are allocated in batches per silo, under the silo's advisory lock, with an event each."
    echo
} >"$out.tmp"
say "phase 1: $SLAVES slaves booting at once"
if [[ ${PROFILE:-} == 1 ]]; then
    jcmd "${pids[0]}" JFR.start name=phase1 settings=profile >/dev/null
fi
read -r elapsed answered < <(every_slave_once "$herd_parallel")
if [[ ${PROFILE:-} == 1 ]]; then
    jcmd "${pids[0]}" JFR.dump name=phase1 filename="$work/phase1.jfr" >/dev/null
    jcmd "${pids[0]}" JFR.stop name=phase1 >/dev/null
    {
        echo "# where the first replica's CPU went during phase 1, the herd (JFR execution samples)"
        echo "$(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
        echo
        jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/phase1.jfr" | awk -f "$here/../profile.awk"
    } >"$here/profile-herd.txt"
fi
{
    echo "### phase 1: the herd, $SLAVES new slaves fetch their tac at once ($herd_parallel in flight, both replicas)"
    echo "load average after it: $(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'allocated %d slaves in %.2f s: %.0f allocations/s (%d answered 200)\n' "$SLAVES" "$elapsed" \
        "$(echo "$SLAVES / $elapsed" | bc -l)" "$answered"
} >>"$out.tmp"
check_balance "phase 1" "$masters"
say "phase 2: $SLAVES slaves rebooting over and over against both replicas"
if [[ ${PROFILE:-} == 1 ]]; then
    jcmd "${pids[0]}" JFR.start name=phase2 settings=profile >/dev/null
fi
load "phase 2: reboots, all $masters masters enabled"
if [[ ${PROFILE:-} == 1 ]]; then
    jcmd "${pids[0]}" JFR.dump name=phase2 filename="$work/phase2.jfr" >/dev/null
    {
        echo "# where the first replica's CPU went during phase 2 (JFR execution samples)"
        echo "$(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
        echo
        jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/phase2.jfr" | awk -f "$here/../profile.awk"
    } >"$here/profile.txt"
    say "profile in $here/profile.txt"
fi
check_balance "phase 2" "$masters"
say "phase 2b: one replica alone, /gettac then its liveness check"
gettac_rate=$(load_one gettac "")
floor_rate=$(load_one floor /q/health/live)
{
    echo "### phase 2b: one replica alone (:${ports[0]}), the same wrk settings"
    echo "load average after it: $(cut -d' ' -f1-3 /proc/loadavg)"
    for name in gettac floor; do
        echo "$name"
        echo '```'
        cat "$work/wrk-$name.txt"
        echo '```'
    done
    printf '/gettac %.0f req/s, /q/health/live %.0f req/s, ratio %.2f\n' "$gettac_rate" "$floor_rate" \
        "$(echo "$gettac_rate / $floor_rate" | bc -l)"
    echo
} >>"$out.tmp"
check_balance "phase 2b" "$masters"
say "phase 3: bench-m$masters disabled"
curl -fs -X PUT -H "@$work/auth/operator-header" -H 'Content-Type: application/json' \
    -d '{"enabled": false}' "$api/api/masters/bench-m$masters?byname=1" >/dev/null
load "phase 3: bench-m$masters disabled, its slaves move at their next /gettac"
echo "after wrk: $(curl -fs -H "@$work/auth/operator-header" "$api/api/silos?pool=bench" | jq -c '.[0].masters'); a sweep follows" >>"$out.tmp"
every_slave_once 8 >/dev/null
check_balance "phase 3" "$((masters - 1))"
mv "$out.tmp" "$out"
say "results in $out"
cat "$out"
