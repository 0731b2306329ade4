"""Benchmark: nearest-services query time as the directory grows (1k, 10k, 100k points).

Fills throw-away SQLite databases (created with the project's migrations) with
synthetic service points spread over Normandy and around Le Havre, then times
`bot.directory.search.nearest` from random positions in Le Havre. Prints p50/p95.
Usage: .venv/bin/python scripts/bench_directory.py [--sizes 1000 10000 100000] [--queries 500]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from bot.directory import migrations
from bot.directory.database import session_for
from bot.directory.schema import ServicePoint
from bot.directory.search import nearest
from bot.knowledge.service_types import SERVICE_TYPES

LE_HAVRE = (49.49, 0.10)


def synthetic_rows(count: int, rng: random.Random) -> list[dict]:
    """A third of the points around Le Havre, the rest over the whole region."""
    rows = []
    for n in range(count):
        if n % 3 == 0:
            lat, lon = LE_HAVRE[0] + rng.uniform(-0.06, 0.06), LE_HAVRE[1] + rng.uniform(-0.1, 0.15)
        else:
            lat, lon = rng.uniform(48.2, 50.1), rng.uniform(-1.9, 1.8)
        rows.append({"source_key": f"bench:{n}", "name": f"Point {n}", "service_type": rng.choice(SERVICE_TYPES),
                     "city": "Synthétique", "latitude": lat, "longitude": lon, "geo_precision": "address",
                     "hours_verified": False, "verified": False, "source": "synthétique",
                     "checked": date(2026, 1, 1)})
    return rows


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def bench(size: int, queries: int, folder: Path) -> tuple[float, float, float]:
    rng = random.Random(size)
    url = f"sqlite:///{folder / f'bench-{size}.db'}"
    migrations.upgrade(url)
    with session_for(url) as session:
        started = time.perf_counter()
        session.execute(insert(ServicePoint.__table__), synthetic_rows(size, rng))
        session.commit()
        fill_s = time.perf_counter() - started
        timings = []
        for _ in range(queries):
            lat, lon = LE_HAVRE[0] + rng.uniform(-0.04, 0.04), LE_HAVRE[1] + rng.uniform(-0.05, 0.1)
            service_type = rng.choice(SERVICE_TYPES)
            started = time.perf_counter()
            nearest(session, service_type, lat, lon, limit=3)
            timings.append((time.perf_counter() - started) * 1000)
            session.expunge_all()
    return fill_s, statistics.median(timings), percentile(timings, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()
    print(f"Requête « 3 plus proches » sur SQLite, {args.queries} requêtes par taille")
    print(f"{'points':>8} | {'remplissage':>11} | {'p50':>8} | {'p95':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            fill_s, p50, p95 = bench(size, args.queries, Path(folder))
            print(f"{size:>8} | {fill_s:>9.1f} s | {p50:>5.2f} ms | {p95:>5.2f} ms", flush=True)


if __name__ == "__main__":
    main()
