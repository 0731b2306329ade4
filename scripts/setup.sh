#!/usr/bin/env bash
# Create .venv (the assistant, Python 3.10) and .venv-rules (the rules engine OpenFisca-France, Python 3.11)
# with the exact locked dependencies, and a local .env.
# With --dev (make test, make bench), also the tools of the tests and checks (requirements-dev.lock).
# Idempotent: an environment is rebuilt only when its lock file has changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=false
[ "${1:-}" = "--dev" ] && dev=true

lock_hash=$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)
stamp=.venv/.installed-$lock_hash

if [ ! -f "$stamp" ]; then
  py=$(bash scripts/find_python310.sh)
  echo "==> Python 3.10: $py"
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
    rm -rf .venv
    "$py" -m venv .venv
  fi
  echo "==> Installing the locked dependencies into .venv (a few minutes the first time)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  .venv/bin/python -m pip check
  rm -f .venv/.installed-* .venv/.dev-installed-*
  touch "$stamp"
fi

dev_stamp=.venv/.dev-installed-$(sha256sum requirements-dev.lock | cut -c1-16)
if $dev && [ ! -f "$dev_stamp" ]; then
  echo "==> Installing the test and check tools into .venv (requirements-dev.lock)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock -c requirements.lock
  .venv/bin/python -m pip check
  rm -f .venv/.dev-installed-*
  touch "$dev_stamp"
fi

# The rules engine (OpenFisca-France's Web API) runs in its own environment: its numpy cannot live
# next to Rasa's (docs/rules-engine.md).
rules_hash=$(sha256sum requirements-rules.lock | cut -c1-16)
rules_stamp=.venv-rules/.installed-$rules_hash

if [ ! -f "$rules_stamp" ]; then
  py311=$(bash scripts/find_python311.sh)
  echo "==> Python 3.11 (moteur de règles): $py311"
  if [ ! -x .venv-rules/bin/python ] || ! .venv-rules/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    rm -rf .venv-rules
    "$py311" -m venv .venv-rules
  fi
  echo "==> Installing the rules engine (OpenFisca-France) into .venv-rules"
  .venv-rules/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
  .venv-rules/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-rules.lock
  .venv-rules/bin/python -m pip check
  rm -f .venv-rules/.installed-*
  touch "$rules_stamp"
fi

# The browser tests of the web chat drive Debian's chromium (Playwright's own
# browser download is not used).
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> Installing Debian's chromium for the browser tests"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# `make cluster` puts HAProxy (Debian's package) in front of the instances (docs/deployment.md).
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "==> Installing Debian's haproxy for make cluster"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq haproxy >/dev/null
fi

if [ ! -f .env ]; then
  token=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')
  sed "s|^RASA_AUTH_TOKEN=.*|RASA_AUTH_TOKEN=$token|" .env.example > .env
  chmod 600 .env
  echo "==> Created .env from .env.example with a new random RASA_AUTH_TOKEN"
fi

# The cluster's conversations live in PostgreSQL: create its database on the local server when missing.
.venv/bin/python -m bot.conversations.create_database
