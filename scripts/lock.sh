#!/usr/bin/env bash
# Re-resolve requirements.in into the exact versions of requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
py=$(bash scripts/find_python310.sh)
tmp=$(mktemp -d)
"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet "pip==24.0"
"$tmp/venv/bin/pip" install --quiet -r requirements.in
"$tmp/venv/bin/pip" check
"$tmp/venv/bin/pip" freeze --exclude-editable > requirements.lock
rm -rf "$tmp"
echo "requirements.lock written."
