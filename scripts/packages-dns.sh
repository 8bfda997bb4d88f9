#!/usr/bin/env bash
# Installs the Debian packages dns-service's tests and benchmark use: BIND 9 (a real secondary and
# the benchmark's reference server, with named-checkzone), dig/nsupdate, and dnsperf.
# Idempotent: installs only what is missing, and runs `apt-get update` at most once.
# Run it directly or source it and call ensure_dns_packages.

ensure_dns_packages() {
    local missing=() command package
    for pair in named:bind9 named-checkzone:bind9 dig:bind9-dnsutils nsupdate:bind9-dnsutils dnsperf:dnsperf; do
        command=${pair%%:*}
        package=${pair#*:}
        if ! command -v "$command" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$command ]]; then
            [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) != 0 ]]; then
        echo "packages-dns: need root to install ${missing[*]}" >&2
        return 1
    fi
    echo "packages-dns: installing ${missing[*]}" >&2
    if [[ ! -f /var/lib/apt/lists/.relops-updated ]]; then
        apt-get update -qq && touch /var/lib/apt/lists/.relops-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_dns_packages
fi
