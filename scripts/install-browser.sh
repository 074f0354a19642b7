#!/usr/bin/env bash
# Installs Debian's Chromium (and CJK fonts for readable screenshots) for the
# browser tests. Playwright drives it with executable_path=/usr/bin/chromium;
# no browser is ever downloaded by Playwright itself.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${need[@]}"
