#!/usr/bin/env bash
# Installs the Debian packages dns-service's tests and benchmark use: BIND 9 (a real secondary and
# the benchmark's reference server, with named-checkzone), dig/nsupdate, and dnsperf.
# Run it directly or source it and call ensure_dns_packages.
source "$(dirname "${BASH_SOURCE[0]}")/debian-packages.sh"

ensure_dns_packages() {
    ensure_packages packages-dns named:bind9 named-checkzone:bind9 dig:bind9-dnsutils nsupdate:bind9-dnsutils \
        dnsperf:dnsperf
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_dns_packages
fi
