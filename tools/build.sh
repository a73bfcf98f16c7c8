#!/usr/bin/env bash
# The main command of the README: installs treatymaps and writes every map into maps/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q .
.venv/bin/treatymaps validate
.venv/bin/treatymaps build -o maps
