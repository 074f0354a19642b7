#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages: Chromium (and
# CJK fonts for readable screenshots), and Node.js, which runs the search
# client's code in its unit tests. Playwright drives Chromium with
# executable_path=/usr/bin/chromium; no browser is ever downloaded by Playwright.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
command -v node >/dev/null 2>&1 || need+=(nodejs)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# Wait (up to 10 minutes) for another apt/dpkg run to release its lock instead of failing.
lock=(-o DPkg::Lock::Timeout=600)
$sudo apt-get "${lock[@]}" update -q
$sudo apt-get "${lock[@]}" install -y -q --no-install-recommends "${need[@]}"
