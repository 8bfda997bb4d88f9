#!/usr/bin/env bash
# Installs the Debian packages slavealloc-service's benchmark uses: wrk (the HTTP load tool), curl, jq, bc.
# Run it directly or source it and call ensure_slavealloc_packages.
source "$(dirname "${BASH_SOURCE[0]}")/debian-packages.sh"

ensure_slavealloc_packages() { ensure_packages packages-slavealloc wrk:wrk curl:curl jq:jq bc:bc; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_slavealloc_packages
fi
