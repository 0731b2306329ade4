#!/usr/bin/env bash
# Re-resolve the direct dependencies into exact versions: requirements.in into requirements.lock
# (.venv, Python 3.10), requirements-dev.in into requirements-dev.lock (the test and check tools,
# resolved against requirements.lock), requirements-rules.in into requirements-rules.lock
# (.venv-rules, Python 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."

# lock PYTHON IN LOCK: install IN into a throw-away venv of PYTHON and freeze it into LOCK.
# With a fourth argument BASE (a lock file), BASE is installed first, IN is resolved against it,
# and LOCK gets only what BASE does not already have.
lock() {
  local tmp
  tmp=$(mktemp -d)
  "$1" -m venv "$tmp/venv"
  "$tmp/venv/bin/pip" install --quiet "pip==24.0"
  if [ $# -ge 4 ]; then
    "$tmp/venv/bin/pip" install --quiet -r "$4"
    "$tmp/venv/bin/pip" install --quiet -r "$2" -c "$4"
  else
    "$tmp/venv/bin/pip" install --quiet -r "$2"
  fi
  "$tmp/venv/bin/pip" check
  if [ $# -ge 4 ]; then
    "$tmp/venv/bin/pip" freeze --exclude-editable | grep -vxFf "$4" > "$3"
  else
    "$tmp/venv/bin/pip" freeze --exclude-editable > "$3"
  fi
  rm -rf "$tmp"
  echo "$3 written."
}

py310=$(bash scripts/find_python310.sh)
lock "$py310" requirements.in requirements.lock
lock "$py310" requirements-dev.in requirements-dev.lock requirements.lock
lock "$(bash scripts/find_python311.sh)" requirements-rules.in requirements-rules.lock
