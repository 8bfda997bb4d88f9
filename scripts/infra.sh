#!/usr/bin/env bash
# Makes sure PostgreSQL and RabbitMQ run on this machine and creates the databases and vhosts
# relops needs. Sourced by ./relops; every function is idempotent.
#
#   RELOPS_PG_HOST / RELOPS_PG_PORT           PostgreSQL (default 127.0.0.1:5432)
#   RELOPS_PG_ADMIN_USER                      superuser used to create roles and databases (postgres)
#   RELOPS_BUS_HOST / RELOPS_BUS_PORT         RabbitMQ (default 127.0.0.1:5672)

# Remember whether the user pointed relops at servers of their own (the demo then uses them).
RELOPS_PG_HOST_SET=${RELOPS_PG_HOST:-}
RELOPS_BUS_HOST_SET=${RELOPS_BUS_HOST:-}
RELOPS_PG_HOST=${RELOPS_PG_HOST:-127.0.0.1}
RELOPS_PG_PORT=${RELOPS_PG_PORT:-5432}
RELOPS_PG_ADMIN_USER=${RELOPS_PG_ADMIN_USER:-postgres}
RELOPS_BUS_HOST=${RELOPS_BUS_HOST:-127.0.0.1}
RELOPS_BUS_PORT=${RELOPS_BUS_PORT:-5672}
# The role the services use; its password matters only where pg_hba asks for one.
RELOPS_DB_USER=${RELOPS_DB_USER:-relops}
RELOPS_DB_PASSWORD=${RELOPS_DB_PASSWORD:-relops}
# The services' JVM (the local stack's and the benchmarks'): a small heap that grows on demand, one GC thread, the
# C1 compiler only and a small code cache (a relops service is I/O-bound: its peak speed is the database's and the
# broker's), smaller thread stacks. benchmarks/footprint/run.sh measures what it saves.
# RELOPS_SERVICE_JVM_OPTIONS replaces it.
read -r -a SERVICE_JVM_OPTIONS <<<"${RELOPS_SERVICE_JVM_OPTIONS:--Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m -Xss512k -XX:MaxMetaspaceSize=160m}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'relops: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() { # host port what seconds
  local i
  for ((i = 0; i < $4 * 5; i++)); do
    port_open "$1" "$2" && return 0
    sleep 0.2
  done
  die "$3 did not come up on $1:$2 within $4 s"
}

is_local() { [[ $1 == 127.0.0.1 || $1 == localhost ]]; }

apt_install() {
  [[ $(id -u) == 0 ]] || die "need root to install $* (or start PostgreSQL and RabbitMQ yourself and set RELOPS_PG_HOST/RELOPS_BUS_HOST)"
  command -v apt-get >/dev/null || die "no apt-get here: install $* yourself"
  say "installing $* (Debian packages)"
  if [[ ! -f /var/lib/apt/lists/.relops-updated ]]; then
    apt-get update -qq && touch /var/lib/apt/lists/.relops-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  port_open "$RELOPS_PG_HOST" "$RELOPS_PG_PORT" && return 0
  is_local "$RELOPS_PG_HOST" || die "PostgreSQL at $RELOPS_PG_HOST:$RELOPS_PG_PORT is not reachable"
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  [[ -n $version ]] || die "PostgreSQL is installed but has no cluster (pg_createcluster)"
  say "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
  wait_for_port "$RELOPS_PG_HOST" "$RELOPS_PG_PORT" PostgreSQL 30
}

ensure_rabbitmq() {
  port_open "$RELOPS_BUS_HOST" "$RELOPS_BUS_PORT" && return 0
  is_local "$RELOPS_BUS_HOST" || die "RabbitMQ at $RELOPS_BUS_HOST:$RELOPS_BUS_PORT is not reachable"
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  say "starting RabbitMQ"
  rabbitmq-server -detached
  local i
  for ((i = 0; i < 120; i++)); do
    rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "RabbitMQ did not come up within 60 s"
}

psql_admin() {
  local -x PGOPTIONS="-c client_min_messages=warning"
  if psql -h "$RELOPS_PG_HOST" -p "$RELOPS_PG_PORT" -U "$RELOPS_PG_ADMIN_USER" -d postgres -c 'select 1' >/dev/null 2>&1; then
    psql -q -v ON_ERROR_STOP=1 -h "$RELOPS_PG_HOST" -p "$RELOPS_PG_PORT" -U "$RELOPS_PG_ADMIN_USER" -d postgres "$@"
  elif is_local "$RELOPS_PG_HOST" && [[ $(id -u) == 0 ]]; then
    # A fresh Debian cluster allows the postgres superuser over the local socket only.
    runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$RELOPS_PG_PORT" -d postgres "$@"
  else
    die "cannot connect to PostgreSQL as $RELOPS_PG_ADMIN_USER (set RELOPS_PG_ADMIN_USER)"
  fi
}

ensure_db_role() {
  psql_admin >/dev/null <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$RELOPS_DB_USER') then
    create role $RELOPS_DB_USER login password '$RELOPS_DB_PASSWORD' createdb;
  end if;
end \$\$;
SQL
}

# recreate_database NAME: a fresh, empty database owned by the relops role.
recreate_database() {
  psql_admin -c "drop database if exists $1 with (force)" -c "create database $1 owner $RELOPS_DB_USER" >/dev/null
}

# ensure_database NAME: create it if it does not exist yet.
ensure_database() {
  local exists
  exists=$(psql_admin -tA -c "select 1 from pg_database where datname = '$1'")
  [[ $exists == 1 ]] || psql_admin -c "create database $1 owner $RELOPS_DB_USER" >/dev/null
}

# recreate_vhost NAME: a fresh, empty RabbitMQ virtual host the guest user may use.
recreate_vhost() {
  rabbitmqctl -q delete_vhost "$1" >/dev/null 2>&1 || true
  ensure_vhost "$1"
}

ensure_vhost() {
  rabbitmqctl -q add_vhost "$1" >/dev/null 2>&1 || true
  rabbitmqctl -q set_permissions -p "$1" "${RELOPS_BUS_USERNAME:-guest}" '.*' '.*' '.*' >/dev/null
}

# ensure_intake_publisher VHOST USER PASSWORD_FILE: a broker user that may publish to the intake exchange
# relops.requests of VHOST and do nothing else (docs/security.md, "The AMQP intake"); its password is made once
# into PASSWORD_FILE (mode 600) and handed to rabbitmqctl on its standard input, never on a command line.
ensure_intake_publisher() {
  local vhost=$1 user=$2 password_file=$3
  if [[ ! -s $password_file ]]; then
    mkdir -p "$(dirname "$password_file")"
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$password_file")
  fi
  rabbitmqctl -q delete_user "$user" >/dev/null 2>&1 || true
  rabbitmqctl -q add_user "$user" <"$password_file" >/dev/null
  rabbitmqctl -q set_permissions -p "$vhost" "$user" '^$' '^relops\.requests$' '^$' >/dev/null
}

# A token signing key pair (RSA, PKCS#8 PEM) in DIR, made unless there: signing-key.pem (mode 600) signs an
# environment's tokens, verify-key.pem is what its services verify them with.
make_signing_keys() {
  local dir=$1
  [[ -s $dir/signing-key.pem && -s $dir/verify-key.pem ]] && return 0
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$dir" && chmod 700 "$dir"
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/signing-key.pem" 2>/dev/null)
  openssl pkey -in "$dir/signing-key.pem" -pubout -out "$dir/verify-key.pem"
}

# A benchmark's own RelOps environment access, in DIR: a signing key pair, RELOPS_AUTH_ISSUER and
# RELOPS_AUTH_VERIFY_KEY exported for the services it starts, RELOPS_TOKEN an operator token for its calls
# (environment, not command line), and DIR/operator-header for curl -H @FILE. Needs the cli module built.
throwaway_access() {
  local dir=$1
  make_signing_keys "$dir"
  export RELOPS_AUTH_ISSUER=relops:bench RELOPS_AUTH_VERIFY_KEY=$dir/verify-key.pem
  RELOPS_TOKEN=$(RELOPS_AUTH_SIGNING_KEY=$dir/signing-key.pem java -jar cli/target/quarkus-app/quarkus-run.jar \
    token operator --subject benchmark --ttl 4h)
  export RELOPS_TOKEN
  (umask 077; printf 'Authorization: Bearer %s\n' "$RELOPS_TOKEN" >"$dir/operator-header")
}
