"""The national address base (BAN) of the commune: loading it, and finding a street or a door.

Loading (`load_ban`) streams the CSV, keeps the rows of one commune, groups them by
street (key of bot/directory/street_names.py) and replaces the commune's streets and
addresses in one transaction; the same file loaded again changes nothing (its
fingerprint is kept in import_runs). Finding (`find_street`, `door`) works on the
database with indexed queries: the assistant locates « 12 rue Jules Lecesne » offline.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from difflib import get_close_matches
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from bot.directory.importers import ban
from bot.directory.records import RecordError
from bot.directory.schema import BanAddress, BanStreet, ImportRun
from bot.directory.street_names import Mention, street_key

CHUNK = 5_000
FUZZY_CUTOFF = 0.88
SHOWN_PROBLEMS = 20


@dataclass
class BanReport:
    lines: int = 0
    kept: int = 0
    other_communes: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    streets: int = 0
    addresses: int = 0
    streets_added: int = 0
    streets_removed: int = 0
    unchanged: bool = False
    seconds: float = 0.0
    derived: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"Lignes lues : {self.lines} · de la commune : {self.kept} · autres communes : "
            f"{self.other_communes} · rejetées : {len(self.rejected)} ({self.seconds:.1f} s)"
        ]
        if self.unchanged:
            lines.append("Fichier identique au dernier import : base d'adresses inchangée.")
        else:
            lines.append(
                f"Voies : {self.streets} (nouvelles : {self.streets_added}, disparues : "
                f"{self.streets_removed}) · adresses numérotées : {self.addresses}"
            )
        lines += [f"  rejetée ligne {line} : {reason}" for line, reason in self.rejected[:SHOWN_PROBLEMS]]
        if len(self.rejected) > SHOWN_PROBLEMS:
            lines.append(f"  … et {len(self.rejected) - SHOWN_PROBLEMS} autres lignes rejetées")
        lines += [f"Point dérivé des adresses : {text}" for text in self.derived]
        return "\n".join(lines)


@dataclass
class _Street:
    names: Counter = field(default_factory=Counter)
    postcodes: Counter = field(default_factory=Counter)
    old_communes: Counter = field(default_factory=Counter)
    doors: dict = field(default_factory=dict)  # (number, suffix) → (lat, lon)
    positions: list = field(default_factory=list)  # every position, numbered or not


def _read(path: Path, commune: str | None, progress: bool, report: BanReport) -> dict[tuple[str, str], _Street]:
    streets: dict[tuple[str, str], _Street] = defaultdict(_Street)
    for line, raw in ban.rows(path, commune, progress):
        report.lines += 1
        if raw is None:
            report.other_communes += 1
            continue
        try:
            row = ban.to_row(raw)
        except RecordError as problem:
            report.rejected.append((line, str(problem)))
            continue
        report.kept += 1
        street = streets[(row.commune, street_key(row.street))]
        street.names[row.street] += 1
        if row.postcode:
            street.postcodes[row.postcode] += 1
        if row.old_commune:
            street.old_communes[row.old_commune] += 1
        street.positions.append((row.latitude, row.longitude))
        if row.number is not None:
            street.doors[(row.number, row.suffix)] = (row.latitude, row.longitude)
    return streets


def _fingerprint(streets: dict[tuple[str, str], _Street]) -> str:
    digest = hashlib.sha256()
    for commune, key in sorted(streets):
        street = streets[(commune, key)]
        digest.update(f"{commune}|{key}|{street.names.most_common(1)[0][0]}|".encode())
        for door, (lat, lon) in sorted(street.doors.items(), key=lambda item: (item[0][0], item[0][1] or "")):
            digest.update(f"{door}{lat:.7f}{lon:.7f}".encode())
    return digest.hexdigest()


def _replace(session: Session, streets: dict[tuple[str, str], _Street], communes: set[str]) -> tuple[int, int]:
    """Swap the communes' streets and addresses for the new ones; (streets added, removed)."""
    old = set(session.execute(select(BanStreet.commune, BanStreet.key).where(BanStreet.commune.in_(communes))).all())
    old_ids = select(BanStreet.id).where(BanStreet.commune.in_(communes)).scalar_subquery()
    session.execute(
        delete(BanAddress).where(BanAddress.street_id.in_(old_ids)), execution_options={"synchronize_session": False}
    )
    session.execute(
        delete(BanStreet).where(BanStreet.commune.in_(communes)), execution_options={"synchronize_session": False}
    )
    next_id = (session.execute(select(func.max(BanStreet.id))).scalar() or 0) + 1
    street_rows, door_rows = [], []
    for street_id, ((commune, key), street) in enumerate(sorted(streets.items()), next_id):
        latitudes, longitudes = zip(*street.positions)
        street_rows.append(
            {
                "id": street_id,
                "commune": commune,
                "key": key[:200],
                "name": street.names.most_common(1)[0][0][:200],
                "postcode": street.postcodes.most_common(1)[0][0] if street.postcodes else None,
                "old_commune": street.old_communes.most_common(1)[0][0] if street.old_communes else None,
                "latitude": sum(latitudes) / len(latitudes),
                "longitude": sum(longitudes) / len(longitudes),
                "numbers": len(street.doors),
            }
        )
        door_rows += [
            {"street_id": street_id, "number": number, "suffix": suffix, "latitude": lat, "longitude": lon}
            for (number, suffix), (lat, lon) in street.doors.items()
        ]
    for table, data in ((BanStreet.__table__, street_rows), (BanAddress.__table__, door_rows)):
        for start in range(0, len(data), CHUNK):
            session.execute(insert(table), data[start : start + CHUNK])
    return len(set(streets) - old), len(old - set(streets))


def load_ban(session: Session, path: Path, commune: str | None, progress: bool = False) -> BanReport:
    """Load the addresses of `commune` (None: every commune of the file) from a BAN CSV."""
    started, clock = datetime.now(), time.perf_counter()
    report = BanReport()
    streets = _read(Path(path), commune, progress, report)
    fingerprint = _fingerprint(streets)
    scope = commune or "toutes"
    last = session.execute(
        select(ImportRun)
        .where(ImportRun.kind == "ban", ImportRun.commune == scope)
        .order_by(ImportRun.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    report.streets = len(streets)
    report.addresses = sum(len(street.doors) for street in streets.values())
    if last is not None and last.fingerprint == fingerprint:
        report.unchanged = True
    elif streets:
        communes = {commune} if commune else {c for c, _ in streets}
        report.streets_added, report.streets_removed = _replace(session, streets, communes)
    report.seconds = time.perf_counter() - clock
    session.add(
        ImportRun(
            kind="ban",
            file=Path(path).name[:300],
            commune=scope,
            started=started,
            finished=datetime.now(),
            fingerprint=fingerprint,
            summary=report.summary(),
        )
    )
    session.commit()
    return report


def has_addresses(session: Session, commune: str) -> bool:
    return session.execute(select(BanStreet.id).where(BanStreet.commune == commune).limit(1)).first() is not None


def find_street(session: Session, mention: Mention, commune: str) -> BanStreet | None:
    """The street the mention names: the longest candidate key that exists, else a close spelling."""
    found = {
        street.key: street
        for street in session.execute(
            select(BanStreet).where(BanStreet.commune == commune, BanStreet.key.in_(mention.keys))
        ).scalars()
    }
    for key in mention.keys:
        if key in found:
            return found[key]
    longest = mention.keys[0]
    kind = longest.split()[0]
    if len(longest) - len(kind) < 5:
        return None  # too short to guess from
    same_kind = {
        key: street_id
        for street_id, key in session.execute(
            select(BanStreet.id, BanStreet.key).where(BanStreet.commune == commune, BanStreet.key.like(f"{kind} %"))
        )
    }
    for key in mention.keys:
        close = get_close_matches(key, same_kind, n=1, cutoff=FUZZY_CUTOFF)
        if close:
            return session.get(BanStreet, same_kind[close[0]])
    return None


def door(session: Session, street: BanStreet, number: int, suffix: str | None) -> tuple[float, float, bool] | None:
    """(lat, lon, exact) of the number on the street: the door itself, else the nearest number
    on the same side (then `exact` is False); None when the street has no numbers."""
    rows = session.execute(
        select(BanAddress.number, BanAddress.suffix, BanAddress.latitude, BanAddress.longitude).where(
            BanAddress.street_id == street.id
        )
    ).all()
    if not rows:
        return None
    exact = [r for r in rows if r.number == number and (r.suffix or None) == (suffix or None)] or [
        r for r in rows if r.number == number
    ]
    if exact:
        return exact[0].latitude, exact[0].longitude, True
    same_side = [r for r in rows if r.number % 2 == number % 2] or rows
    nearest = min(same_side, key=lambda r: abs(r.number - number))
    return nearest.latitude, nearest.longitude, False
