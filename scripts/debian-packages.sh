#!/usr/bin/env bash
# One way to install the Debian packages a test or benchmark uses, sourced by the scripts/packages-*.sh:
#   ensure_packages LABEL COMMAND:PACKAGE...
# installs each PACKAGE whose COMMAND is neither on the PATH nor in /usr/sbin, with `apt-get update` at most once,
# and no recommends. Needs root only when something is missing.

ensure_packages() {
    local label=$1 missing=() pair command package
    shift
    for pair in "$@"; do
        command=${pair%%:*}
        package=${pair#*:}
        if ! command -v "$command" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$command ]]; then
            [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) != 0 ]]; then
        echo "$label: need root to install ${missing[*]}" >&2
        return 1
    fi
    echo "$label: installing ${missing[*]}" >&2
    if [[ ! -f /var/lib/apt/lists/.relops-updated ]]; then
        apt-get update -qq && touch /var/lib/apt/lists/.relops-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
