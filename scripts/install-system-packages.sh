#!/usr/bin/env bash
# Install the Debian packages the tests need that pip and npm cannot provide:
# Chromium for the browser tests (Playwright's own browser download cannot work here),
# nginx to serve the built site as in production, Java for the Nu Html Checker, and
# Node/npm for axe-core, vnu-jar and Lighthouse, and gettext's msgfmt, which checks the PO files
# `make l10n-export` writes for translators. Installs only what is missing.
# Needs root, as on CI; otherwise says what to run.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v msgfmt >/dev/null || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-packages: missing ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
