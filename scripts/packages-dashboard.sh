#!/usr/bin/env bash
# Installs the Debian packages the dashboard's browser test uses: chromium (headless) and chromedriver, which the
# test drives through Selenium. Run it directly or source it and call ensure_dashboard_packages.
source "$(dirname "${BASH_SOURCE[0]}")/debian-packages.sh"

ensure_dashboard_packages() { ensure_packages packages-dashboard chromium:chromium chromedriver:chromium-driver; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ensure_dashboard_packages
fi
