#!/usr/bin/env bash
# The test command of the README: installs what the tests need, then runs them all.
# Extra arguments go to pytest (e.g. `bash tools/test.sh -k engine`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-chromium.sh
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/python -m pytest "$@"
