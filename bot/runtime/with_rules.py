"""Run a module with the rules engine up: `python -m bot.runtime.with_rules bot.checks.facts_to_check`.

The configured engine (RULES_URL, or RULES_HOST:RULES_PORT while `make run` runs) when it answers;
otherwise a local one is started for the run on a free port, then stopped.
"""

from __future__ import annotations

import os
import runpy
import sys
from dataclasses import replace

from bot.openfisca_api import Engine, EngineUnavailable, call
from bot.paths import RESULTS
from bot.runtime.servers import free_port, start_rules_server
from bot.settings import load_settings


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage : python -m bot.runtime.with_rules MODULE", file=sys.stderr)
        return 2
    settings = load_settings()
    running = None
    try:
        call(Engine(settings.rules_engine_url, timeout=2), "/entities")
    except EngineUnavailable:
        if not settings.rules_url:
            print("==> Démarrage du moteur de règles (une vingtaine de secondes)…", file=sys.stderr, flush=True)
            settings = replace(settings, rules_port=free_port())
            running = start_rules_server(settings, RESULTS / "logs")
    os.environ["RULES_URL"] = settings.rules_engine_url
    try:
        runpy.run_module(argv[0], run_name="__main__")
    finally:
        if running is not None:
            running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
