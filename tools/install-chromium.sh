#!/usr/bin/env bash
# Installs Debian's chromium, which the browser tests drive through Python playwright
# (never `playwright install`: it downloads a browser build of its own).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "tools/install-chromium.sh: Debian's chromium is missing and this user cannot install it;" >&2
  echo "  ask an administrator to run: apt-get install chromium" >&2
  exit 1
fi
"${run[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -q chromium
