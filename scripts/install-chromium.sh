#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (marker `browser`) when it is missing.
#
#   bash scripts/install-chromium.sh      # then the tests drive /usr/bin/chromium
#
# Playwright (a Python test dependency) drives it with executable_path=/usr/bin/chromium;
# Playwright's own browser downloads are never used.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) present" >&2
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-chromium: /usr/bin/chromium is missing and this is not root; run:" >&2
  echo "  sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "install-chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq --no-install-recommends chromium >&2
/usr/bin/chromium --version >&2
