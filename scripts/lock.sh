#!/usr/bin/env bash
# Re-resolve the direct dependencies into exact versions: requirements.in into requirements.lock
# (.venv, Python 3.10), requirements-rules.in into requirements-rules.lock (.venv-rules, Python 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."

# lock PYTHON IN LOCK: install IN into a throw-away venv of PYTHON and freeze it into LOCK.
lock() {
  local tmp
  tmp=$(mktemp -d)
  "$1" -m venv "$tmp/venv"
  "$tmp/venv/bin/pip" install --quiet "pip==24.0"
  "$tmp/venv/bin/pip" install --quiet -r "$2"
  "$tmp/venv/bin/pip" check
  "$tmp/venv/bin/pip" freeze --exclude-editable > "$3"
  rm -rf "$tmp"
  echo "$3 written."
}

lock "$(bash scripts/find_python310.sh)" requirements.in requirements.lock
lock "$(bash scripts/find_python311.sh)" requirements-rules.in requirements-rules.lock
