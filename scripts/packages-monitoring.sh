#!/usr/bin/env bash
# Installs the Debian package the alert rules' tests use: prometheus, for promtool (check config, check rules,
# test rules). Run it directly or source it and call ensure_monitoring_packages.
source "$(dirname "${BASH_SOURCE[0]}")/debian-packages.sh"

ensure_monitoring_packages() { ensure_packages packages-monitoring promtool:prometheus; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_monitoring_packages
fi
