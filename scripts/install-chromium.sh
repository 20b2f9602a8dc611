#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (Playwright's own browser download
# cannot work here). Needs root, as on CI; otherwise says what to run.
set -euo pipefail
if command -v chromium >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: Chromium is missing; run: sudo apt-get install -y chromium" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
