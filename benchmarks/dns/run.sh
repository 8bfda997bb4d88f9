#!/usr/bin/env bash
# Benchmarks dns-service's authoritative DNS server against BIND 9 serving the same zones on the same
# machine, in the same run, with dnsperf.
#   setup:   dns-service (the real service: its PostgreSQL database, its bus vhost) gets HOSTS machine names
#            (A + PTR), some AAAA and CNAME aliases through a TSIG-signed RFC 2136 update (nsupdate); both
#            zones are exported from /v1/zone/export and loaded by a BIND primary.
#   queries: existing A (70%), AAAA (10%), CNAME aliases (5%), PTR (5%), names that do not exist (10%).
#   phase 1: throughput, the two servers taking turns, ROUNDS rounds each (dnsperf with no rate limit,
#            CLIENTS clients, DURATION seconds a round); the median round of each is compared;
#   phase 2: latency percentiles at a fixed RATE, from dnsperf -v (every answer's latency), the two servers
#            taking turns, ROUNDS rounds each (one 10 s sample is mostly the shared machine's noise); the median
#            p99 of each is compared;
#   phase 3: throughput again, dns-service with its response cache off (every answer built afresh),
#            taking turns with BIND the same way.
# Run on demand: benchmarks/dns/run.sh [results-file]   (default: results.txt beside it)
#   DURATION (default 15), ROUNDS (default 3), CLIENTS (default 16), RATE (default 10000 q/s), HOSTS (default 2000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/results.txt}
duration=${DURATION:-15}
rounds=${ROUNDS:-3}
clients=${CLIENTS:-16}
rate=${RATE:-10000}
hosts=${HOSTS:-2000}
zone=bench.relops.example
dns_port=15353
bind_port=15354
http_port=18083
database=relops_bench_dns
vhost=relops-bench-dns
work=$(mktemp -d)
pids=()
service_pid=

cleanup() {
    local pid
    for pid in "${pids[@]}" $service_pid; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}" $service_pid; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
source scripts/infra.sh
source scripts/packages-dns.sh
ensure_dns_packages
ensure_postgres
ensure_rabbitmq
ensure_db_role
recreate_database "$database"
recreate_vhost "$vhost"
say "building dns-service and the relops command line"
./mvnw -q -B -pl dns-service,cli -am package -DskipTests
throwaway_access "$work/auth"

secret=$(head -c 32 /dev/urandom | base64)
umask 077
printf 'key "relops-update" {\n    algorithm hmac-sha256;\n    secret "%s";\n};\n' "$secret" > "$work/update.key"
printf '%s\n' "$secret" > "$work/secret"
umask 022

start_service() { # extra environment assignments
    env RELOPS_DB_URL="jdbc:postgresql://$RELOPS_PG_HOST:$RELOPS_PG_PORT/$database" RELOPS_BUS_VHOST="$vhost" \
        RELOPS_HTTP_PORT=$http_port RELOPS_DNS_ZONE=$zone RELOPS_DNS_HOST=127.0.0.1 RELOPS_DNS_PORT=$dns_port \
        RELOPS_DNS_TSIG_SECRET_FILE="$work/secret" "$@" \
        java -jar dns-service/target/quarkus-app/quarkus-run.jar > "$work/dns-service.log" 2>&1 &
    service_pid=$!
    local i
    for ((i = 0; i < 300; i++)); do
        dig @127.0.0.1 -p $dns_port +time=1 +tries=1 +short $zone SOA 2>/dev/null | grep -q . && return 0
        kill -0 $service_pid 2>/dev/null || { cat "$work/dns-service.log"; die "dns-service stopped"; }
        sleep 0.2
    done
    cat "$work/dns-service.log"
    die "dns-service did not answer DNS within 60 s"
}

stop_service() {
    kill $service_pid 2>/dev/null || { tail -n 50 "$work/dns-service.log"; die "dns-service had stopped"; }
    wait $service_pid 2>/dev/null || true
    service_pid=
}

say "starting dns-service"
start_service

say "loading $hosts machines, AAAA records and aliases through nsupdate (TSIG)"
address() { printf '10.%d.%d.%d' $((($1 / 250) / 250 % 250)) $(($1 / 250 % 250)) $(($1 % 250 + 1)); }
{
    for ((i = 1; i <= hosts; i++)); do
        ((i % 400 == 1)) && printf 'server 127.0.0.1 %d\nzone %s\n' $dns_port $zone
        printf 'update add bld-%05d.%s 300 A %s\n' "$i" $zone "$(address "$i")"
        ((i % 10 == 0)) && printf 'update add bld-%05d.%s 300 AAAA fd00::%x\n' "$i" $zone "$i"
        ((i % 20 == 0)) && printf 'update add svc-%05d.%s 300 CNAME bld-%05d.%s.\n' "$i" $zone "$i" $zone
        ((i % 400 == 0 || i == hosts)) && printf 'send\n'
    done
    for ((i = 1; i <= hosts; i++)); do
        ((i % 400 == 1)) && printf 'server 127.0.0.1 %d\nzone 10.in-addr.arpa\n' $dns_port
        ip=$(address "$i")
        IFS=. read -r a b c d <<< "$ip"
        printf 'update add %s.%s.%s.%s.in-addr.arpa 300 PTR bld-%05d.%s.\n' "$d" "$c" "$b" "$a" "$i" $zone
        ((i % 400 == 0 || i == hosts)) && printf 'send\n'
    done
} > "$work/load.nsupdate"
nsupdate -k "$work/update.key" "$work/load.nsupdate"

say "exporting the zones for BIND"
curl -fsS -H "@$work/auth/operator-header" "http://127.0.0.1:$http_port/v1/zone/export" > "$work/forward.zone"
curl -fsS -H "@$work/auth/operator-header" "http://127.0.0.1:$http_port/v1/zone/export?zone=10.in-addr.arpa" > "$work/reverse.zone"
named-checkzone -q $zone "$work/forward.zone" && named-checkzone -q 10.in-addr.arpa "$work/reverse.zone"
records=$(grep -vc '^[;$]' "$work/forward.zone")
reverse_records=$(grep -vc '^[;$]' "$work/reverse.zone")

mkdir -p "$work/bind"
cat > "$work/named.conf" <<CONF
options {
    directory "$work/bind";
    listen-on port $bind_port { 127.0.0.1; };
    listen-on-v6 { none; };
    pid-file "$work/bind/named.pid";
    session-keyfile "$work/bind/session.key";
    recursion no;
    notify no;
    dnssec-validation no;
    minimal-responses no-auth-recursive;
};
controls { };
zone "$zone" { type primary; file "$work/forward.zone"; };
zone "10.in-addr.arpa" { type primary; file "$work/reverse.zone"; };
CONF
say "starting BIND"
named -g -4 -c "$work/named.conf" > "$work/named.log" 2>&1 &
pids+=($!)
for ((i = 0; i < 100; i++)); do
    dig @127.0.0.1 -p $bind_port +time=1 +tries=1 +short $zone SOA 2>/dev/null | grep -q . && break
    sleep 0.2
done
dig @127.0.0.1 -p $bind_port +short $zone SOA | grep -q . || { cat "$work/named.log"; die "BIND did not start"; }

say "writing the query file"
{
    for ((i = 1; i <= hosts; i++)); do
        printf 'bld-%05d.%s A\n' "$i" $zone
        ((i % 7 == 0)) && printf 'bld-%05d.%s AAAA\n' "$((i / 7 * 10 % hosts + 10))" $zone
        ((i % 14 == 0)) && printf 'svc-%05d.%s A\n' "$((i / 14 * 20 % hosts + 20))" $zone
        if ((i % 14 == 7)); then
            ip=$(address "$i")
            IFS=. read -r a b c d <<< "$ip"
            printf '%s.%s.%s.%s.in-addr.arpa PTR\n' "$d" "$c" "$b" "$a"
        fi
        if ((i % 7 == 3)); then printf 'nobody-%05d.%s A\n' "$i" $zone; fi
    done
} | shuf --random-source=<(yes) > "$work/queries.txt"
queries=$(wc -l < "$work/queries.txt")

# Both servers must give the same answers before their speed means anything.
say "checking that both servers answer alike"
while read -r name type; do
    a=$(dig @127.0.0.1 -p $dns_port +noall +answer +comments "$name" "$type" | grep -E 'status:|IN' | sed 's/id: [0-9]*//')
    b=$(dig @127.0.0.1 -p $bind_port +noall +answer +comments "$name" "$type" | grep -E 'status:|IN' | sed 's/id: [0-9]*//')
    [[ $a == "$b" ]] || die "servers differ for $name $type:"$'\n'"$a"$'\n'"---"$'\n'"$b"
done < <(head -n 200 "$work/queries.txt")

throughput() { # label port -> one table row; prints the queries per second
    nstat -n
    dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -c "$clients" -T 2 -q 1000 -l "$duration" \
        > "$work/perf.txt" 2>&1
    local qps lost avg dropped
    dropped=$(nstat -z UdpRcvbufErrors | awk '/UdpRcvbufErrors/ {print $2}')
    qps=$(awk '/Queries per second/ {printf "%.0f", $4}' "$work/perf.txt")
    lost=$(awk '/Queries lost/ {print $3}' "$work/perf.txt")
    avg=$(awk '/Average Latency/ {printf "%.3f", $4 * 1000}' "$work/perf.txt")
    printf '| %-34s | %9s | %6s | %9s | %8s |\n' "$1" "$qps" "$lost" "$dropped" "$avg" >> "$work/throughput.md"
    echo "$qps"
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

take_turns() { # dns-label -> rounds of dns-service and BIND; sets dns_median and bind_median
    local round dns=() bind=()
    for ((round = 1; round <= rounds; round++)); do
        dns+=("$(throughput "$1 (round $round)" $dns_port)")
        bind+=("$(throughput "BIND 9 (round $round)" $bind_port)")
    done
    dns_median=$(median "${dns[@]}")
    bind_median=$(median "${bind[@]}")
}

latency() { # label port -> one table row; prints the p99
    dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -c 4 -Q "$rate" -l 10 -v > "$work/latency.txt" 2>&1
    local answered lost
    answered=$(grep -c '^> ' "$work/latency.txt" || true)
    lost=$(awk '/Queries lost/ {print $3}' "$work/latency.txt")
    grep '^> ' "$work/latency.txt" | awk '{print $5 * 1000}' | sort -g > "$work/latencies.txt"
    pct() { awk -v p="$1" -v n="$answered" 'NR == int(n * p / 100 + 0.999) {printf "%.3f", $1; exit}' "$work/latencies.txt"; }
    printf '| %-12s | %8s | %6s | %7s | %7s | %7s | %7s | %7s |\n' "$1" "$answered" "$lost" "$(pct 50)" "$(pct 90)" \
        "$(pct 99)" "$(pct 99.9)" "$(tail -n 1 "$work/latencies.txt")" >> "$work/latency.md"
    pct 99
}

say "warming up (the JVM compiles its hot paths; BIND gets the same)"
dnsperf -s 127.0.0.1 -p $dns_port -d "$work/queries.txt" -c "$clients" -T 2 -l 8 > /dev/null 2>&1
dnsperf -s 127.0.0.1 -p $bind_port -d "$work/queries.txt" -c "$clients" -T 2 -l 8 > /dev/null 2>&1

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "phase 1: throughput"
: > "$work/throughput.md"
take_turns "dns-service"
cached_dns=$dns_median
cached_bind=$bind_median

say "phase 2: latency at $rate queries/s"
: > "$work/latency.md"
dns_p99=() bind_p99=()
for ((round = 1; round <= rounds; round++)); do
    dns_p99+=("$(latency "dns-service" $dns_port)")
    bind_p99+=("$(latency "BIND 9" $bind_port)")
done

say "phase 3: dns-service with its response cache off"
stop_service
start_service RELOPS_DNS_SERVER_RESPONSE_CACHE_SIZE=0
dnsperf -s 127.0.0.1 -p $dns_port -d "$work/queries.txt" -c "$clients" -T 2 -l 8 > /dev/null 2>&1
mv "$work/throughput.md" "$work/cached.md"
take_turns "dns-service, no cache"
mv "$work/throughput.md" "$work/uncached.md"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
{
    echo "# dns-service vs BIND 9: authoritative DNS benchmark"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(java -version 2>&1 | head -n 1), $(named -v), $(dnsperf -h 2>&1 | grep -m1 Version)"
    echo "load average before: $load_before; after: $load_after (the machine is shared: treat absolute numbers with care,"
    echo "the two servers ran one after the other in the same run, on the same zones and query file)"
    echo "zones: $zone ($records records) and 10.in-addr.arpa ($reverse_records records), loaded into dns-service"
    echo "through nsupdate (TSIG) and exported from /v1/zone/export for BIND; $queries distinct queries"
    echo "(A 70%, AAAA 10%, CNAME alias 5%, PTR 5%, NXDOMAIN 10%), replayed in a loop; the first 200 answered alike."
    echo "dns-service: the real service (java -jar, default heap, PostgreSQL and RabbitMQ behind it), 2 UDP sockets"
    echo "on one port (SO_REUSEPORT); BIND: named -4, default threads, minimal-responses no-auth-recursive."
    echo
    echo "## Throughput (dnsperf -c $clients -T 2 -q 1000 -l $duration, no rate limit; the servers take turns)"
    echo
    echo "lost = no answer within dnsperf's timeout; kernel drops = UDP datagrams dropped because a receive buffer"
    echo "was full (nstat UdpRcvbufErrors, whole machine) during the round: at full rate the losses are those."
    echo
    echo "| server                             |     q/s   |  lost  | kernel    | avg (ms) |"
    echo "|                                    |           |        | drops     |          |"
    echo "|------------------------------------|-----------|--------|-----------|----------|"
    cat "$work/cached.md"
    echo
    echo "median dns-service $cached_dns q/s, BIND $cached_bind q/s: ratio dns-service / BIND = $(ratio "$cached_dns" "$cached_bind")"
    echo
    echo "With dns-service's response cache off (every answer parsed, looked up and rendered anew):"
    echo
    echo "| server                             |     q/s   |  lost  | kernel    | avg (ms) |"
    echo "|                                    |           |        | drops     |          |"
    echo "|------------------------------------|-----------|--------|-----------|----------|"
    cat "$work/uncached.md"
    echo
    echo "median dns-service (no cache) $dns_median q/s, BIND $bind_median q/s: ratio = $(ratio "$dns_median" "$bind_median")"
    echo
    echo "## Latency at a fixed $rate queries/s (dnsperf -c 4 -Q $rate -l 10 -v, $rounds rounds each, taking turns;"
    echo "milliseconds, from every answer)"
    echo
    echo "| server       | answered |  lost  |   p50   |   p90   |   p99   |  p99.9  |   max   |"
    echo "|--------------|----------|--------|---------|---------|---------|---------|---------|"
    cat "$work/latency.md"
    echo
    echo "median p99 dns-service $(median "${dns_p99[@]}") ms, BIND $(median "${bind_p99[@]}") ms"
} > "$out"
cat "$out"
