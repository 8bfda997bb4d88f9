#!/usr/bin/env bash
# The whole test suite: makes sure PostgreSQL, RabbitMQ and the Debian packages the tests use are
# there, gives every module a fresh database and vhost, then runs `mvnw verify`. Sourced by ./relops.

TEST_MODULES=(inventory request imaging dns slavealloc)
# Suffix for every test database and vhost, so that two runs can share one PostgreSQL and RabbitMQ.
TEST_NAMESPACE=${RELOPS_TEST_NAMESPACE:-}
export RELOPS_TEST_NAMESPACE=$TEST_NAMESPACE

prepare_test_infrastructure() {
  ensure_postgres
  ensure_rabbitmq
  ensure_db_role
  local packages
  for packages in scripts/packages-*.sh; do
    [[ -e $packages ]] || continue
    say "checking packages: $packages"
    bash "$packages"
  done
  say "fresh test databases and vhosts"
  local module
  for module in "${TEST_MODULES[@]}"; do
    recreate_database "relops_test_$module$TEST_NAMESPACE"
    recreate_database "relops_e2e_$module$TEST_NAMESPACE"
    # a second RelOps environment beside the first, for the isolation test
    recreate_database "relops_e2e_staging_$module$TEST_NAMESPACE"
    # the chaos suite's environment (two replicas of every service)
    recreate_database "relops_e2e_chaos_$module$TEST_NAMESPACE"
    recreate_vhost "relops-test-$module$TEST_NAMESPACE"
  done
  # service-support's own tests (its consumer against the real broker)
  recreate_vhost "relops-test-support$TEST_NAMESPACE"
  recreate_vhost "relops-e2e$TEST_NAMESPACE"
  recreate_vhost "relops-e2e-staging$TEST_NAMESPACE"
  recreate_vhost "relops-e2e-chaos$TEST_NAMESPACE"
}

run_tests() {
  prepare_test_infrastructure
  say "running the test suite"
  ./mvnw -B --no-transfer-progress verify "$@"
}
