#!/usr/bin/env bash
# Installs the Debian package the alert rules' tests use: prometheus, for promtool (check config, check rules,
# test rules). Idempotent: installs only what is missing, and runs `apt-get update` at most once.
# Run it directly or source it and call ensure_monitoring_packages.

ensure_monitoring_packages() {
    command -v promtool >/dev/null 2>&1 && return 0
    if [[ $(id -u) != 0 ]]; then
        echo "packages-monitoring: need root to install prometheus (for promtool)" >&2
        return 1
    fi
    echo "packages-monitoring: installing prometheus (for promtool)" >&2
    if [[ ! -f /var/lib/apt/lists/.relops-updated ]]; then
        apt-get update -qq && touch /var/lib/apt/lists/.relops-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_monitoring_packages
fi
