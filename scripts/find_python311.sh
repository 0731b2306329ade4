#!/usr/bin/env bash
# Print the path of a working Python 3.11 for the rules engine (.venv-rules), or say in French what to install.
# OpenFisca-France runs in its own environment; the system `python3` is used when it is 3.11.
set -u

works() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1; }

for candidate in "${PYTHON311:-}" python3 python3.11; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if works "$path"; then echo "$path"; exit 0; fi
done

cat >&2 <<'MSG'
Python 3.11 introuvable : le moteur de règles (OpenFisca-France, dans .venv-rules) en a besoin.
Installez-le, puis relancez la commande, par exemple :
  - Debian 12 / Ubuntu : apt-get install python3.11 python3.11-venv
  - avec pyenv :         pyenv install 3.11
Ou indiquez un interpréteur existant : PYTHON311=/chemin/vers/python3.11
MSG
exit 1
