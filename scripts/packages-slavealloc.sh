#!/usr/bin/env bash
# Installs the Debian packages slavealloc-service's benchmark uses: wrk (the HTTP load tool), curl, jq, bc.
# Idempotent: installs only what is missing, and runs `apt-get update` at most once.
# Run it directly or source it and call ensure_slavealloc_packages.

ensure_slavealloc_packages() {
    local missing=() command package
    for pair in wrk:wrk curl:curl jq:jq bc:bc; do
        command=${pair%%:*}
        package=${pair#*:}
        command -v "$command" >/dev/null 2>&1 || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) != 0 ]]; then
        echo "packages-slavealloc: need root to install ${missing[*]}" >&2
        return 1
    fi
    echo "packages-slavealloc: installing ${missing[*]}" >&2
    if [[ ! -f /var/lib/apt/lists/.relops-updated ]]; then
        apt-get update -qq && touch /var/lib/apt/lists/.relops-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_slavealloc_packages
fi
