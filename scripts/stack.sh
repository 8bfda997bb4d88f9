#!/usr/bin/env bash
# The local stack: the five services as processes on this machine, on embedded PostgreSQL and an
# embedded AMQP broker unless RELOPS_PG_HOST / RELOPS_BUS_HOST point at real ones. Sourced by ./relops.

STATE_DIR=${RELOPS_STATE_DIR:-$ROOT/.relops/local}
LOG_DIR=$STATE_DIR/logs
PID_DIR=$STATE_DIR/pids
PORT_BASE=${RELOPS_HTTP_PORT_BASE:-8080}
SERVICES=(request-service:$PORT_BASE inventory-service:$((PORT_BASE + 1)) imaging-service:$((PORT_BASE + 2))
  dns-service:$((PORT_BASE + 3)) slavealloc-service:$((PORT_BASE + 4)))
# The live ops dashboard (dashboard-service): on the port after slavealloc's, on this host only.
DASHBOARD_PORT=$((PORT_BASE + 5))
LOCAL_ZONE=${RELOPS_DNS_ZONE:-local.relops.example}
LOCAL_DNS_PORT=${RELOPS_DNS_PORT:-5353}
EMBEDDED_PG_PORT=${RELOPS_EMBEDDED_PG_PORT:-15432}
EMBEDDED_BUS_PORT=${RELOPS_EMBEDDED_BUS_PORT:-5673}
LOCAL_VHOST=${RELOPS_BUS_VHOST:-relops-local}
DEMO_COUNT=${RELOPS_DEMO_COUNT:-3}
DEMO_IMAGE=${RELOPS_DEMO_IMAGE:-releng-talos-linux64}
# The master the demo asks for first (none: the demo image runs no buildbot role, e.g. relops-bare).
DEMO_MASTER_IMAGE=${RELOPS_DEMO_MASTER_IMAGE:-releng-buildmaster}
# The local inventory's qemu systems: real VMs that network-boot.
DEMO_HARDWARE_CLASS=${RELOPS_DEMO_HARDWARE_CLASS:-vm-small}
INVENTORY_FILE=${RELOPS_INVENTORY_FILE:-$ROOT/deploy/local/inventory.yaml}
# The environment's network: a namespace with the inventory's segments, routed to this host by a /30
# whose host end is where machines reach the services (boot server, DNS on port 53, slavealloc).
NETWORK_NAMESPACE=${RELOPS_NETWORK_NAMESPACE:-relops-local}
NETWORK_UPLINK=${RELOPS_NETWORK_UPLINK:-10.254.0.0/30}
SERVICES_ADDRESS=$(uplink_addresses "$NETWORK_UPLINK" | cut -d' ' -f1)
# The operator's SSH key pair of the local environment; only the public half ever reaches a machine.
SSH_DIR=$STATE_DIR/ssh
OPERATOR_KEY=$SSH_DIR/operator
# The environment's token signing key pair (./relops token ROLE signs with it) and its issuer.
AUTH_DIR=$STATE_DIR/auth
AUTH_ISSUER=${RELOPS_AUTH_ISSUER:-relops:local}
# The local secret store (a stand-in for Vault: vault:<path> is $SECRETS_DIR/<path>), and the virtual bare
# metal's BMCs and hosts (scripts/virtual-baremetal.py).
SECRETS_DIR=$STATE_DIR/secrets
BAREMETAL_DIR=$STATE_DIR/baremetal
# The broker user buildbot publishes intake commands as, on RabbitMQ (write on relops.requests only), and the
# requester grants of the intake (user@application-environment).
INTAKE_PUBLISHER=${RELOPS_INTAKE_PUBLISHER:-buildbot}
INTAKE_REQUESTERS=${RELOPS_INTAKE_REQUESTERS:-$INTAKE_PUBLISHER@*}
# The libvirt session daemon of the inventory's libvirt systems (scripts/libvirt-session.sh), when it has any.
LIBVIRT_SESSION=scripts/libvirt-session.sh

service_port() {
  local entry
  for entry in "${SERVICES[@]}"; do
    if [[ ${entry%%:*} == "$1" ]]; then
      echo "${entry#*:}"
      return 0
    fi
  done
  die "no service $1"
}

running() { [[ -f $PID_DIR/$1.pid ]] && kill -0 "$(cat "$PID_DIR/$1.pid")" 2>/dev/null; }

uses_embedded_infrastructure() { [[ -z ${RELOPS_PG_HOST_SET:-} && -z ${RELOPS_BUS_HOST_SET:-} ]]; }

build_stack() {
  say "building relops (first build downloads dependencies; a few minutes)"
  ./mvnw -B -q --no-transfer-progress package -DskipTests \
    -pl request-service,inventory-service,imaging-service,dns-service,slavealloc-service,dashboard-service,deploy,cli -am
}

start_infrastructure() {
  if uses_embedded_infrastructure; then
    # Set whether or not it runs already: `up` also restarts single services of a running stack.
    PG_HOST=127.0.0.1 PG_PORT=$EMBEDDED_PG_PORT BUS_HOST=127.0.0.1 BUS_PORT=$EMBEDDED_BUS_PORT QUORUM=false
    if running infrastructure; then return 0; fi
    say "starting embedded PostgreSQL (:$EMBEDDED_PG_PORT) and AMQP broker (:$EMBEDDED_BUS_PORT)"
    rm -f "$STATE_DIR/infra.ready"
    nohup java -Xmx256m -jar deploy/target/relops-local-infra.jar \
      --state-dir "$STATE_DIR" --postgres-port "$EMBEDDED_PG_PORT" --amqp-port "$EMBEDDED_BUS_PORT" \
      --vhost "$LOCAL_VHOST" >"$LOG_DIR/infrastructure.log" 2>&1 &
    echo $! >"$PID_DIR/infrastructure.pid"
    local i
    for ((i = 0; i < 600; i++)); do
      [[ -f $STATE_DIR/infra.ready ]] && break
      running infrastructure || die "embedded infrastructure exited; see $LOG_DIR/infrastructure.log"
      sleep 0.2
    done
    [[ -f $STATE_DIR/infra.ready ]] || die "embedded infrastructure not ready after 120 s; see $LOG_DIR/infrastructure.log"
    PG_HOST=127.0.0.1 PG_PORT=$EMBEDDED_PG_PORT BUS_HOST=127.0.0.1 BUS_PORT=$EMBEDDED_BUS_PORT QUORUM=false
  else
    ensure_postgres
    ensure_rabbitmq
    ensure_db_role
    local service
    for service in "${SERVICES[@]}"; do
      service=${service%%:*}
      ensure_database "relops_${service%%-*}"
    done
    ensure_vhost "$LOCAL_VHOST"
    ensure_intake_publisher "$LOCAL_VHOST" "$INTAKE_PUBLISHER" "$SECRETS_DIR/bus-$INTAKE_PUBLISHER.password"
    PG_HOST=$RELOPS_PG_HOST PG_PORT=$RELOPS_PG_PORT BUS_HOST=$RELOPS_BUS_HOST BUS_PORT=$RELOPS_BUS_PORT QUORUM=true
  fi
}

# Configuration of one service in the local stack, as -D options.
service_options() {
  local service=$1 port
  port=$(service_port "$service")
  echo "-Dquarkus.http.port=$port"
  echo "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://$PG_HOST:$PG_PORT/relops_${service%%-*}"
  echo "-Dquarkus.datasource.username=$RELOPS_DB_USER"
  echo "-Drelops.bus.host=$BUS_HOST"
  echo "-Drelops.bus.port=$BUS_PORT"
  echo "-Drelops.bus.virtual-host=$LOCAL_VHOST"
  echo "-Drelops.bus.quorum-queues=$QUORUM"
  echo "-Drelops.auth.issuer=$AUTH_ISSUER"
  echo "-Drelops.auth.verify-key=$AUTH_DIR/verify-key.pem"
  case $service in
    request-service) echo "-Drelops.requests.intake.requesters=$INTAKE_REQUESTERS" ;;
    inventory-service) echo "-Drelops.inventory.file=$INVENTORY_FILE" ;;
    imaging-service)
      echo "-Drelops.imaging.data-dir=$STATE_DIR/imaging"
      # the image recipe, bases and roles of this checkout
      echo "-Drelops.imaging.build.images-dir=$PWD/images"
      echo "-Drelops.imaging.network.namespace=$NETWORK_NAMESPACE"
      echo "-Drelops.imaging.network.services-address=$SERVICES_ADDRESS"
      echo "-Drelops.imaging.network.search-domain=$LOCAL_ZONE"
      echo "-Drelops.imaging.ssh.authorized-keys-file=$OPERATOR_KEY.pub"
      echo "-Drelops.imaging.secrets.dir=$SECRETS_DIR"
      if uses_libvirt; then
        local libvirt_dir
        libvirt_dir=$(bash "$LIBVIRT_SESSION" dir "$NETWORK_NAMESPACE")
        echo "-Drelops.imaging.libvirt.uri=$(bash "$LIBVIRT_SESSION" uri "$NETWORK_NAMESPACE")"
        echo "-Drelops.imaging.libvirt.pool-dir=$libvirt_dir/pool"
        echo "-Drelops.imaging.libvirt.console-dir=$libvirt_dir/consoles"
        echo "-Drelops.imaging.libvirt.tap-owner=relops-libvirt"
      fi
      # slavealloc unqualified: machines resolve it through their search path.
      echo "-Drelops.imaging.boot.gettac-url=http://slavealloc:$(service_port slavealloc-service)/gettac/{hostname}" ;;
    dns-service)
      echo "-Drelops.dns.zone=$LOCAL_ZONE"
      echo "-Drelops.dns.server.port=$LOCAL_DNS_PORT"
      echo "-Drelops.dns.server.machine-listeners=$SERVICES_ADDRESS:53"
      echo "-Drelops.dns.zone.service-names.slavealloc=$SERVICES_ADDRESS"
      echo "-Drelops.dns.zone.service-names.boot=$SERVICES_ADDRESS" ;;
    slavealloc-service)
      echo "-Drelops.slavealloc.secrets.key-file=$STATE_DIR/slavealloc-secret.key"
      # Machines read their own tac from their own address; this lets the operator on this host read them too.
      echo "-Drelops.slavealloc.tac.open-to=127.0.0.1/32" ;;
  esac
}

# The environment's token signing key pair, made once; the private half never leaves the state dir.
auth_keys() {
  [[ -s $AUTH_DIR/signing-key.pem && -s $AUTH_DIR/verify-key.pem ]] && return 0
  make_signing_keys "$AUTH_DIR"
  say "made the environment's token signing key pair in $AUTH_DIR (issuer $AUTH_ISSUER)"
}

# The operator's SSH key pair (ed25519, no passphrase), made once: the machines get its public half.
operator_ssh_key() {
  [[ -s $OPERATOR_KEY && -s $OPERATOR_KEY.pub ]] && return 0
  command -v ssh-keygen >/dev/null || apt_install openssh-client
  mkdir -p "$SSH_DIR"
  chmod 700 "$SSH_DIR"
  rm -f "$OPERATOR_KEY" "$OPERATOR_KEY.pub"
  ssh-keygen -q -t ed25519 -N '' -C "relops-operator@$LOCAL_ZONE" -f "$OPERATOR_KEY"
  chmod 600 "$OPERATOR_KEY"
  say "made the operator's SSH key pair $OPERATOR_KEY(.pub)"
}

start_service() {
  local service=$1
  running "$service" && return 0
  local -a options
  mapfile -t options < <(service_options "$service")
  # Secrets go through the environment, never the command line (visible in ps).
  QUARKUS_DATASOURCE_PASSWORD=$RELOPS_DB_PASSWORD nohup java "${SERVICE_JVM_OPTIONS[@]}" "${options[@]}" -jar "$service/target/quarkus-app/quarkus-run.jar" \
    >"$LOG_DIR/$service.log" 2>&1 &
  echo $! >"$PID_DIR/$service.pid"
}

await_service() {
  local service=$1 port i limit=300 waited=0
  port=$(service_port "$service")
  # imaging-service is ready once every seed image has a built version: the first time on a machine that
  # builds the real images (minutes each; the store keeps them for every later start).
  [[ $service == imaging-service ]] && limit=3600
  for ((i = 0; i < limit * 5; i++)); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    running "$service" || die "$service exited; see $LOG_DIR/$service.log"
    if ((i > 0 && i % 150 == 0)); then
      waited=$((i / 5))
      say "$service: still starting after ${waited} s ($(curl -s "http://127.0.0.1:$port/q/health/ready" \
        | tr -d '\n' | grep -o '"building" *: *"[^"]*"' | sed 's/"building" *: */building /; s/"//g'))"
    fi
    sleep 0.2
  done
  die "$service not ready after $limit s; see $LOG_DIR/$service.log and http://127.0.0.1:$port/q/health/ready"
}

stack_up() {
  command -v curl >/dev/null || apt_install curl
  mkdir -p "$LOG_DIR" "$PID_DIR"
  [[ ${1:-} == --no-build ]] || build_stack
  start_network
  start_infrastructure
  operator_ssh_key
  auth_keys
  say "starting the services"
  local service
  for service in "${SERVICES[@]}"; do start_service "${service%%:*}"; done
  for service in "${SERVICES[@]}"; do await_service "${service%%:*}"; done
  start_dashboard
  stack_status
}

# The dashboard reads the services as a viewer: its token (30 days, made again at every start) is in a file of its
# own, never on its command line.
start_dashboard() {
  running dashboard-service && return 0
  local token=$SECRETS_DIR/dashboard.token
  mkdir -p "$SECRETS_DIR"
  (umask 077 && local_token viewer --subject dashboard --ttl 30d >"$token")
  nohup java "${SERVICE_JVM_OPTIONS[@]}" -Dquarkus.http.port="$DASHBOARD_PORT" \
    -Drelops.bus.host="$BUS_HOST" -Drelops.bus.port="$BUS_PORT" -Drelops.bus.virtual-host="$LOCAL_VHOST" \
    -Drelops.auth.issuer="$AUTH_ISSUER" -Drelops.auth.verify-key="$AUTH_DIR/verify-key.pem" \
    -Drelops.dashboard.services.request="http://127.0.0.1:$(service_port request-service)" \
    -Drelops.dashboard.services.inventory="http://127.0.0.1:$(service_port inventory-service)" \
    -Drelops.dashboard.services.imaging="http://127.0.0.1:$(service_port imaging-service)" \
    -Drelops.dashboard.services.slavealloc="http://127.0.0.1:$(service_port slavealloc-service)" \
    -Drelops.dashboard.token-file="$token" \
    -jar dashboard-service/target/quarkus-app/quarkus-run.jar >"$LOG_DIR/dashboard-service.log" 2>&1 &
  echo $! >"$PID_DIR/dashboard-service.pid"
  local i
  for ((i = 0; i < 300; i++)); do
    curl -fs "http://127.0.0.1:$DASHBOARD_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    running dashboard-service || die "dashboard-service exited; see $LOG_DIR/dashboard-service.log"
    sleep 0.2
  done
  die "dashboard-service not ready after 60 s; see $LOG_DIR/dashboard-service.log"
}

start_network() {
  local -a segments
  mapfile -t segments < <(inventory_segments "$INVENTORY_FILE")
  [[ ${#segments[@]} -gt 0 ]] || die "$INVENTORY_FILE declares no segments"
  say "environment network $NETWORK_NAMESPACE: ${#segments[@]} segment(s), services at $SERVICES_ADDRESS"
  network_up "$NETWORK_NAMESPACE" "$NETWORK_UPLINK" "${segments[@]}" >/dev/null
  start_virtual_baremetal
  start_libvirt
}

uses_libvirt() { grep -q 'provider: libvirt' "$INVENTORY_FILE"; }

# The libvirt systems' daemon: a qemu:///session libvirtd of relops-libvirt in the environment's namespace.
start_libvirt() {
  uses_libvirt || return 0
  bash scripts/packages-imaging.sh >/dev/null
  say "libvirt: $(bash "$LIBVIRT_SESSION" up "$NETWORK_NAMESPACE")"
}

# One qemu host behind its own IPMI BMC per baremetal system of the inventory; credentials in the secret store.
start_virtual_baremetal() {
  grep -q 'provider: baremetal' "$INVENTORY_FILE" || return 0
  bash scripts/packages-imaging.sh >/dev/null
  say "virtual bare metal: a BMC per baremetal system of $(basename "$INVENTORY_FILE")"
  /usr/bin/python3 scripts/virtual-baremetal.py up "$INVENTORY_FILE" --namespace "$NETWORK_NAMESPACE" \
    --secrets "$SECRETS_DIR" --state "$BAREMETAL_DIR" | sed 's/^/  /'
}

stack_demo() {
  bash scripts/packages-imaging.sh || die "the demo boots qemu VMs: install the packages listed in scripts/packages-imaging.sh"
  stack_up "$@"
  say "asking for a $DEMO_MASTER_IMAGE master, then $DEMO_COUNT machines running the newest $DEMO_IMAGE"
  # as a requester of the production application environment: what the demo does needs no more
  RELOPS_TOKEN=$(local_token requester --app-environment production --subject demo --ttl 2h) java -cp deploy/target/relops-local-infra.jar org.relops.deploy.DemoClient \
    --request-service "http://127.0.0.1:$(service_port request-service)" --master-image "$DEMO_MASTER_IMAGE" \
    --image "$DEMO_IMAGE" --count "$DEMO_COUNT" --app-environment production --hardware-class "$DEMO_HARDWARE_CLASS"
  echo
  echo "relops is still running: ./relops status shows the URLs, ./relops down stops it."
  echo "dashboard: http://127.0.0.1:$DASHBOARD_PORT/ (sign in with the token ./relops token viewer prints)"
  echo "Every machine answers SSH at its DNS name: ./relops ssh HOSTNAME [COMMAND...] logs in as root."
}

# ./relops ssh HOSTNAME [COMMAND...]: root on a machine, at the address its name resolves to in relops DNS,
# with the operator's key; the machine's host key is remembered under its DNS name.
stack_ssh() {
  [[ $# -ge 1 && -n $1 ]] || die "usage: ./relops ssh HOSTNAME [COMMAND...]"
  local fqdn=${1%.} address
  shift
  [[ $fqdn == *.* ]] || fqdn=$fqdn.$LOCAL_ZONE
  command -v dig >/dev/null || die "dig is missing (Debian's bind9-dnsutils: bash scripts/packages-dns.sh)"
  address=$(dig +short +time=2 +tries=2 @127.0.0.1 -p "$LOCAL_DNS_PORT" "$fqdn" A 2>/dev/null \
    | grep -E '^[0-9]+(\.[0-9]+){3}$' | head -n 1) || true
  [[ -n $address ]] || die "$fqdn does not resolve through relops DNS (127.0.0.1:$LOCAL_DNS_PORT): no such machine, \
or it is not ready yet (./relops status; curl http://127.0.0.1:$(service_port request-service)/v1/requests)"
  [[ -s $OPERATOR_KEY ]] || die "no operator key $OPERATOR_KEY: the local stack makes it (./relops up)"
  exec ssh -i "$OPERATOR_KEY" -o IdentitiesOnly=yes -o UserKnownHostsFile="$SSH_DIR/known_hosts" \
    -o StrictHostKeyChecking=accept-new -o HostKeyAlias="$fqdn" "root@$address" "$@"
}

stack_status() {
  local service port
  echo "relops local stack ($STATE_DIR):"
  for service in "${SERVICES[@]}"; do
    port=${service#*:}
    service=${service%%:*}
    if running "$service"; then
      printf '  %-20s http://127.0.0.1:%s  (API docs: /q/openapi, health: /q/health, metrics: /q/metrics)\n' "$service" "$port"
    else
      printf '  %-20s not running\n' "$service"
    fi
  done
  running dashboard-service && echo "  dashboard: http://127.0.0.1:$DASHBOARD_PORT/ (live; sign in with ./relops token viewer)"
  running dns-service && echo "  DNS zone $LOCAL_ZONE on 127.0.0.1:$LOCAL_DNS_PORT (dig @127.0.0.1 -p $LOCAL_DNS_PORT ...), for machines on $SERVICES_ADDRESS:53"
  if ip netns list 2>/dev/null | grep -q "^$NETWORK_NAMESPACE\b"; then
    echo "  network namespace $NETWORK_NAMESPACE, services at $SERVICES_ADDRESS; segments:"
    inventory_segments "$INVENTORY_FILE" | awk -F= '{ printf "    %-14s %-16s gateway %s\n", $1, $2, $3 }'
  fi
  [[ -d $BAREMETAL_DIR ]] && echo "  virtual bare metal (credentials in $SECRETS_DIR/bmc/<system>):" &&
    /usr/bin/python3 scripts/virtual-baremetal.py status --state "$BAREMETAL_DIR"
  uses_libvirt && bash "$LIBVIRT_SESSION" status "$NETWORK_NAMESPACE" | sed 's/^/  /'
  running infrastructure && echo "  embedded PostgreSQL 127.0.0.1:$EMBEDDED_PG_PORT, AMQP 127.0.0.1:$EMBEDDED_BUS_PORT vhost $LOCAL_VHOST"
  [[ -s $OPERATOR_KEY ]] && echo "  operator SSH key: $OPERATOR_KEY (machines: ./relops ssh HOSTNAME [COMMAND...])"
  [[ -s $AUTH_DIR/verify-key.pem ]] && echo "  access: every API needs a bearer token of issuer $AUTH_ISSUER: ./relops token viewer|requester|operator"
  echo "  logs: $LOG_DIR"
}

stack_down() {
  local name pid
  for name in dashboard-service request-service inventory-service imaging-service dns-service slavealloc-service infrastructure; do
    if running "$name"; then
      pid=$(cat "$PID_DIR/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $name"
    fi
    rm -f "$PID_DIR/$name.pid"
  done
  if [[ -d $BAREMETAL_DIR ]]; then
    /usr/bin/python3 scripts/virtual-baremetal.py down --state "$BAREMETAL_DIR"
    echo "stopped the virtual bare metal (hosts powered off)"
  fi
  if uses_libvirt; then
    bash "$LIBVIRT_SESSION" down "$NETWORK_NAMESPACE"
    echo "stopped the libvirt domains and daemon (definitions and volumes kept)"
  fi
  if ip netns list 2>/dev/null | grep -q "^$NETWORK_NAMESPACE\b"; then
    network_down "$NETWORK_NAMESPACE"
    echo "removed network $NETWORK_NAMESPACE"
  fi
}

# ./relops dead-letters [SERVICE] | ./relops dead-letters SERVICE replay [MESSAGE_ID]
stack_dead_letters() {
  local service=${1:-} action=${2:-list} message_id=${3:-} entry port
  if [[ $action == replay ]]; then
    [[ -n $service ]] || die "usage: ./relops dead-letters SERVICE replay [MESSAGE_ID]"
    port=$(service_port "$service") || die "no service $service (one of: ${SERVICES[*]%%:*})"
    curl -fsS -H @<(bearer_header operator) -X POST "http://127.0.0.1:$port/v1/dead-letters/replay${message_id:+?messageId=$message_id}" \
      | print_dead_letters "$service: replayed into their queues"
    return
  fi
  [[ $action == list ]] || die "usage: ./relops dead-letters [SERVICE] | ./relops dead-letters SERVICE replay [MESSAGE_ID]"
  for entry in "${SERVICES[@]}"; do
    [[ -z $service || ${entry%%:*} == "$service" ]] || continue
    curl -fsS -H @<(bearer_header viewer) "http://127.0.0.1:${entry#*:}/v1/dead-letters?size=1000" \
      | print_dead_letters "${entry%%:*}" \
      || echo "${entry%%:*}: not answering (./relops status)"
  done
}

# One page of dead letters (the list envelope: items, total, page, size), as a list or as replay answers it.
print_dead_letters() {
  /usr/bin/python3 -c '
import json, sys
page = json.load(sys.stdin)
letters = page["items"]
more = "" if page["total"] <= len(letters) else " (the first %d shown)" % len(letters)
print("%s: %d message(s)%s" % (sys.argv[1], page["total"], more))
for letter in letters:
    print("  %-38s from %-24s attempts %-2s %s" % (letter.get("messageId") or "(no id)", letter.get("fromQueue"),
          letter.get("attempts"), letter.get("reason")))
' "$1"
}

CLI_JAR=cli/target/quarkus-app/quarkus-run.jar

build_cli() {
  [[ -f $CLI_JAR ]] && return 0
  say "building the relops command line (once)"
  ./mvnw -B -q --no-transfer-progress package -DskipTests -pl cli -am >&2
}

# ./relops token ROLE [--app-environment NAME]... [--ttl 8h] [--subject NAME]: a token of the local environment.
local_token() {
  [[ -s $AUTH_DIR/signing-key.pem ]] || die "no signing key in $AUTH_DIR: the local stack makes it (./relops up)"
  build_cli
  RELOPS_AUTH_ISSUER=$AUTH_ISSUER RELOPS_AUTH_SIGNING_KEY=$AUTH_DIR/signing-key.pem java -jar "$CLI_JAR" token "$@"
}

# An Authorization header line for curl -H @FILE (a token on curl's command line would show in ps).
bearer_header() {
  printf 'Authorization: Bearer %s\n' "$(local_token "$1" --subject "${USER:-operator}" --ttl 10m)"
}

# ./relops request ... | ./relops machine ...: the relops command line (cli/), built on first use. Without
# RELOPS_TOKEN it calls with an operator token of the local environment, good for an hour.
relops_cli() {
  build_cli
  if [[ -z ${RELOPS_TOKEN:-} ]]; then
    RELOPS_TOKEN=$(local_token operator --ttl 1h)
    export RELOPS_TOKEN
  fi
  if [[ -z ${RELOPS_BUS_URL:-} ]]; then
    if uses_embedded_infrastructure; then
      RELOPS_BUS_URL=amqp://guest@127.0.0.1:$EMBEDDED_BUS_PORT/$LOCAL_VHOST
    else
      RELOPS_BUS_URL=amqp://${RELOPS_BUS_USERNAME:-guest}@$RELOPS_BUS_HOST:${RELOPS_BUS_PORT:-5672}/$LOCAL_VHOST
    fi
    export RELOPS_BUS_URL
  fi
  RELOPS_URL=${RELOPS_URL:-http://127.0.0.1:$(service_port request-service)} exec java -jar "$CLI_JAR" "$@"
}
