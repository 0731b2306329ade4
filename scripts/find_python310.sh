#!/usr/bin/env bash
# Print the path of a working Python 3.10 interpreter, or explain what to install.
# Rasa Open Source 3.6 supports Python 3.8-3.10 only; the project uses 3.10.
set -u

works() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
for root in "${PYENV_ROOT:-}" "$HOME/.pyenv" /root/.pyenv /opt/pyenv; do
  [ -n "$root" ] || continue
  for p in "$root"/versions/3.10*/bin/python3.10; do [ -x "$p" ] && candidates+=("$p"); done
done
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)

for c in "${candidates[@]}"; do
  if works "$c"; then echo "$c"; exit 0; fi
done

cat >&2 <<'MSG'
Python 3.10 introuvable / Python 3.10 not found.
Rasa Open Source 3.6.21 needs Python 3.8-3.10 and this project uses 3.10.
Install it, then run the command again, for example:
  - with pyenv:  pyenv install 3.10.13
  - on Debian/Ubuntu with the deadsnakes PPA: apt-get install python3.10 python3.10-venv
Or point PYTHON310=/path/to/python3.10 at an existing interpreter.
MSG
exit 1
