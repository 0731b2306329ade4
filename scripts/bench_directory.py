"""Benchmark of the directory: nearby query, BAN import, address lookup.

1. Nearby query (`bot.directory.search.nearby`, the query the answers use: nearest
   points, grouped by spot, within the distance limit) as the directory grows (1k, 10k,
   100k synthetic points over Normandy and around Le Havre), from random positions in
   Le Havre: p50/p95.
2. BAN import (`bot.directory.addresses.load_ban`) of generated files in the real
   column layout: Le Havre's addresses alone (tens of thousands of rows) and a whole
   département's file (hundreds of thousands of rows, Le Havre's kept): seconds, rows/s.
3. Address lookup: « 12 rue … » resolved offline (`resolve_text`, the place index built
   for each message as the action server does), and a street name with a typo: p50/p95.

Throw-away SQLite databases created with the project's migrations. Usage:
.venv/bin/python scripts/bench_directory.py [--sizes 1000 10000 100000] [--queries 500]
    [--commune-rows 40000] [--departement-rows 600000] [--lookups 300]
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
from bot.directory.addresses import load_ban
from bot.directory.database import session_for
from bot.directory.locating import PlaceIndex, resolve_text
from bot.directory.schema import ServicePoint
from bot.directory.search import nearby
from bot.directory.seed import seed_places
from bot.knowledge.service_types import SERVICE_TYPES

LE_HAVRE = (49.49, 0.10)
BAN_HEADER = (
    "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;"
    "nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;"
    "source_position;source_nom_voie;certification_commune"
)
KINDS = ("Rue", "Avenue", "Boulevard", "Impasse", "Allée", "Place", "Chemin", "Quai")
NAMES = (
    "Jules",
    "Victor",
    "Marie",
    "Gustave",
    "Louise",
    "Anatole",
    "Émile",
    "Jeanne",
    "Paul",
    "Suzanne",
    "René",
    "Lucie",
    "Henri",
    "Berthe",
    "Georges",
    "Camille",
)
FAMILY = (
    "Lecesne",
    "Hugo",
    "Curie",
    "Brindeau",
    "Michel",
    "France",
    "Zola",
    "d'Arc",
    "Doumer",
    "Lenglen",
    "Coty",
    "Aubrac",
    "Bergson",
    "Morisot",
    "Braque",
    "Claudel",
    "Delacroix",
    "Ferry",
    "Gide",
    "Jaurès",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def new_database(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    migrations.upgrade(url)
    return url


# 1. Nearby query ------------------------------------------------------------------------------


def synthetic_rows(count: int, rng: random.Random) -> list[dict]:
    """A third of the points around Le Havre, the rest over the whole region."""
    rows = []
    for n in range(count):
        if n % 3 == 0:
            lat, lon = LE_HAVRE[0] + rng.uniform(-0.06, 0.06), LE_HAVRE[1] + rng.uniform(-0.1, 0.15)
        else:
            lat, lon = rng.uniform(48.2, 50.1), rng.uniform(-1.9, 1.8)
        rows.append(
            {
                "source_key": f"bench:{n}",
                "name": f"Point {n}",
                "service_type": rng.choice(SERVICE_TYPES),
                "city": "Synthétique",
                "latitude": lat,
                "longitude": lon,
                "geo_precision": "address",
                "hours_verified": False,
                "verified": False,
                "source": "synthétique",
                "checked": date(2026, 1, 1),
            }
        )
    return rows


def bench_nearby(size: int, queries: int, folder: Path) -> tuple[float, float, float]:
    rng = random.Random(size)
    url = new_database(folder, f"nearby-{size}.db")
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
            nearby(session, service_type, lat, lon, limit=3)
            timings.append((time.perf_counter() - started) * 1000)
            session.expunge_all()
    return fill_s, statistics.median(timings), percentile(timings, 0.95)


# 2. BAN import --------------------------------------------------------------------------------


def street_names(count: int) -> list[str]:
    names = []
    for n in range(count):
        kind, first, family = KINDS[n % len(KINDS)], NAMES[(n // 8) % len(NAMES)], FAMILY[(n // 128) % len(FAMILY)]
        names.append(f"{kind} {first} {family}" + (f" {n // 2560 + 1}" if n >= 2560 else ""))
    return names


def write_ban(path: Path, le_havre_rows: int, other_rows: int, rng: random.Random) -> list[tuple[str, int]]:
    """A BAN CSV in the real layout: `le_havre_rows` rows of 76351 (about 22 numbers per street),
    `other_rows` rows spread over 700 other communes; returns some (street, number) of Le Havre."""
    streets = street_names(max(1, le_havre_rows // 22))
    samples = []
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(BAN_HEADER + "\n")
        other_every = other_rows / max(1, le_havre_rows) if le_havre_rows else 0
        pending_other = 0.0
        written_other = 0
        for n in range(le_havre_rows):
            street = n % len(streets)
            number = n // len(streets) + 1
            lat = LE_HAVRE[0] + (street % 97) * 0.0006 + number * 0.00002
            lon = LE_HAVRE[1] + (street // 97) * 0.0009 + number * 0.00001
            name = streets[street]
            handle.write(
                f"76351_{street:05d}_{number:05d};76351_{street:05d};{number};;{name};76600;76351;Le Havre;;;"
                f";;{lon:.6f};{lat:.6f};entrée;;;LE HAVRE;{name.upper()};commune;commune;1\n"
            )
            if rng.random() < 0.01:
                samples.append((name, number))
            pending_other += other_every
            while pending_other >= 1:
                written_other += _other_row(handle, written_other, rng)
                pending_other -= 1
        while written_other < other_rows:
            written_other += _other_row(handle, written_other, rng)
    return samples


def _other_row(handle, n: int, rng: random.Random) -> int:
    commune = 76001 + (n % 700)
    commune = commune + 1 if commune == 76351 else commune
    name = f"Rue Synthétique {n % 900}"
    handle.write(
        f"{commune}_{n % 900:04d}_{n:05d};{commune}_{n % 900:04d};{n % 300 + 1};;{name};76000;{commune};"
        f"Commune {commune};;;;;{rng.uniform(0.2, 1.7):.6f};{rng.uniform(49.3, 50.0):.6f};entrée;;;COMMUNE;"
        f"{name.upper()};commune;commune;1\n"
    )
    return 1


def bench_ban(rows: int, other_rows: int, folder: Path, label: str) -> tuple[str, list[tuple[str, int]]]:
    rng = random.Random(rows + other_rows)
    path = folder / f"adresses-{label}.csv"
    samples = write_ban(path, rows, other_rows, rng)
    url = new_database(folder, f"ban-{label}.db")
    with session_for(url) as session:
        seed_places(session)
        started = time.perf_counter()
        report = load_ban(session, path, "76351")
        seconds = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6
    print(
        f"{label:<12} | {report.lines:>9} | {report.kept:>8} | {report.streets:>6} | {size_mb:>6.1f} Mo | "
        f"{seconds:>6.1f} s | {report.lines / seconds:>9.0f} lignes/s",
        flush=True,
    )
    return url, samples


# 3. Address lookup ------------------------------------------------------------------------------


def bench_lookups(url: str, samples: list[tuple[str, int]], lookups: int) -> tuple[float, float, float, float]:
    rng = random.Random(lookups)
    exact, typo = [], []
    with session_for(url) as session:
        resolve_text("rouen", PlaceIndex(session))  # loads the town list once, as the first message of a server does
        for _ in range(lookups):
            name, number = rng.choice(samples)
            started = time.perf_counter()
            where = resolve_text(f"j'habite au {number} {name.lower()}", PlaceIndex(session))
            exact.append((time.perf_counter() - started) * 1000)
            assert where.precision == "address", where
            damaged = name[:-3] + name[-2:]  # one letter missing
            started = time.perf_counter()
            resolve_text(f"près de la {damaged}", PlaceIndex(session))
            typo.append((time.perf_counter() - started) * 1000)
    return statistics.median(exact), percentile(exact, 0.95), statistics.median(typo), percentile(typo, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--commune-rows", type=int, default=40_000)
    parser.add_argument("--departement-rows", type=int, default=600_000)
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(
            f"Requête « lieux proches » (3 lieux distincts, limite de distance) sur SQLite, "
            f"{args.queries} requêtes par taille"
        )
        print(f"{'points':>8} | {'remplissage':>11} | {'p50':>8} | {'p95':>8}")
        for size in args.sizes:
            fill_s, p50, p95 = bench_nearby(size, args.queries, folder)
            print(f"{size:>8} | {fill_s:>9.1f} s | {p50:>5.2f} ms | {p95:>5.2f} ms", flush=True)
        print("\nImport de la BAN (fichiers générés au format réel ; commune gardée : Le Havre, 76351)")
        print(
            f"{'fichier':<12} | {'lignes':>9} | {'gardées':>8} | {'voies':>6} | {'taille':>9} | {'durée':>8} | "
            f"{'débit':>18}"
        )
        url, samples = bench_ban(args.commune_rows, 0, folder, "le-havre")
        bench_ban(args.commune_rows, args.departement_rows - args.commune_rows, folder, "departement")
        p50, p95, typo50, typo95 = bench_lookups(url, samples, args.lookups)
        print(
            f"\nRecherche d'adresse hors ligne ({args.lookups} messages, index des lieux reconstruit à chaque "
            f"message) : « 12 rue … » p50 {p50:.2f} ms, p95 {p95:.2f} ms ; rue avec une faute p50 "
            f"{typo50:.2f} ms, p95 {typo95:.2f} ms"
        )


if __name__ == "__main__":
    main()
