"""`make bench`, the rules engine: start time and memory with 1 and 2 workers, latency of a simulation.

Starts OpenFisca-France's Web API on a free port of 127.0.0.1 (as `make run` does), measures the time
until it has answered a first household calculation, its memory, then the latency of `simulate` for
a 5-person household after warm-up (p50/p95), and what each group of benefits costs. Bounded: a few
hundred requests in all, to 127.0.0.1 only.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

from measure import percentiles, rss_mb  # scripts/measure.py

from bot.clock import today
from bot.paths import RESULTS
from bot.rights.engine import Engine, simulate
from bot.rights.household import Household
from bot.runtime.servers import RULES_WORKERS, free_port, start_rules_server
from bot.settings import load_settings

RUNS = 30
MONTH = today().replace(day=1)
# Five persons. Low income: every benefit is computed. Middle income: RSA is skipped (income above it).
LOW = Household(
    couple=True, children_ages=(3, 8, 12), monthly_income=1400.0, working=True, housing="tenant", rent=650.0
)
MIDDLE = replace(LOW, monthly_income=2500.0)
FAMILY = ("af", "cf", "ars", "asf", "paje_base", "paje_naissance")
GROUPS = {
    "prestations familiales (af, cf, ars, asf, paje_base, paje_naissance)": FAMILY,
    "rsa seul": ("rsa",),
    "ppa seule": ("ppa",),
    "aide_logement seule": ("aide_logement",),
    "rsa + ppa + aide_logement": ("rsa", "ppa", "aide_logement"),
    "tout (sauf paje_cmg)": (*FAMILY, "rsa", "ppa", "aide_logement"),
}


def timed(engine: Engine, household: Household, benefits: tuple[str, ...], month: date = MONTH) -> float:
    started = time.perf_counter()
    simulate(household, month, benefits, engine=engine)
    return (time.perf_counter() - started) * 1000


def start(workers: int):
    settings = replace(load_settings(), rules_port=free_port(), rules_url="")
    started = time.monotonic()
    running = start_rules_server(settings, RESULTS / "logs" / "bench", workers=workers)
    ready = time.monotonic() - started
    print(
        f"\n{workers} worker(s) : prêt (premier calcul fait) en {ready:.1f} s ; "
        f"mémoire {rss_mb(running.processes['rules'].pid):.0f} Mo"
    )
    return running, Engine(settings.rules_engine_url, timeout=30)


def main() -> None:
    print(f"Moteur de règles (OpenFisca-France), mois simulé {MONTH:%Y-%m}, {RUNS} essais par mesure")
    running, engine = start(RULES_WORKERS)
    try:
        timed(engine, LOW, GROUPS["tout (sauf paje_cmg)"])  # the worker's own warm-up beyond start_rules_server's
        for name, household in (("revenus modestes, tout calculé", LOW), ("revenus moyens, RSA écarté", MIDDLE)):
            samples = [timed(engine, household, GROUPS["tout (sauf paje_cmg)"]) for _ in range(RUNS)]
            print(f"Simulation complète, ménage de 5 personnes ({name}) :", percentiles(samples))
        for name, benefits in GROUPS.items():
            print(f"  {name} :", percentiles([timed(engine, LOW, benefits) for _ in range(RUNS // 2)]))
        print(f"Mémoire après les mesures : {rss_mb(running.processes['rules'].pid):.0f} Mo")
    finally:
        running.stop()
    running, engine = start(2)
    try:
        full = GROUPS["tout (sauf paje_cmg)"]
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda _: timed(engine, LOW, full), range(4)))  # warm both workers
            started = time.monotonic()
            samples = list(pool.map(lambda _: timed(engine, LOW, full), range(RUNS)))
            elapsed = time.monotonic() - started
        print(
            "Simulation complète, 2 clients en parallèle :",
            percentiles(samples),
            f"; débit {RUNS / elapsed:.1f} simulations/s",
        )
        print(f"Mémoire après les mesures : {rss_mb(running.processes['rules'].pid):.0f} Mo")
    finally:
        running.stop()


if __name__ == "__main__":
    main()
