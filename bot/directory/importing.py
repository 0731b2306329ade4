"""Run an import row by row: each bad row is rejected alone, with its reason.

Rows are streamed (never the whole file in memory). Every row is stored inside its
own savepoint, so a row that fails (bad data or a database constraint) is rolled
back without touching the rows already stored. The rows of this source that are no
longer in the file are reported; with `prune` they are retired (reported by name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.directory.dates import DateError
from bot.directory.hours import HoursError
from bot.directory.records import RecordError, ServiceRecord, SkipRow
from bot.directory.schema import PointSource
from bot.directory.storing import retire, store

Raw = TypeVar("Raw")
SHOWN_NAMES = 30  # names listed per category in the report (the count is always complete)


@dataclass
class ImportReport:
    added: int = 0
    merged: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (row, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (row, what was left out)
    absent: list[str] = field(default_factory=list)  # in the directory, no longer in the file
    retired: list[str] = field(default_factory=list)  # points removed by --prune

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        lines = [
            f"Ajoutés : {self.added} · fusionnés avec un lieu d'une autre source : {self.merged} · "
            f"mis à jour : {self.updated} · inchangés : {self.unchanged} · "
            f"ignorés (hors champ) : {self.skipped} · rejetés : {len(self.rejected)}"
        ]
        lines += [f"  rejeté {row} : {reason}" for row, reason in self.rejected]
        lines += [f"  avertissement {row} : {text}" for row, text in self.warnings]
        if self.absent:
            lines.append(f"Absents du fichier : {len(self.absent)} (gardés ; relancez avec --prune pour les retirer)")
            lines += [f"  absent : {name}" for name in self.absent[:SHOWN_NAMES]]
        if self.retired:
            lines.append(f"Retirés de l'annuaire (absents de la source) : {len(self.retired)}")
            lines += [f"  retiré : {name}" for name in self.retired[:SHOWN_NAMES]]
        return "\n".join(lines)


@dataclass
class Scope:
    """Which stored sources this import speaks for: one origin, one commune (None: all)."""

    origin: str
    commune: str | None


def _vanished(session: Session, scope: Scope, seen: set[str]) -> list[PointSource]:
    query = select(PointSource).where(PointSource.origin == scope.origin)
    if scope.commune:
        query = query.where(PointSource.commune == scope.commune)
    return [source for source in session.execute(query).scalars() if source.source_key not in seen]


def import_rows(
    session: Session,
    rows: Iterable[tuple[str, Raw]],
    convert: Callable[[Raw], ServiceRecord],
    *,
    today: date | None = None,
    scope: Scope | None = None,
    prune: bool = False,
    key_of: Callable[[Raw], str | None] | None = None,
) -> ImportReport:
    """Convert and store each (row reference, raw row); commit once at the end.

    `key_of(raw)` gives a row's source key even when the row is rejected, so that a
    row rejected this time is not taken for a row that left the source.
    """
    report = ImportReport()
    seen: set[str] = set()
    for reference, raw in rows:
        try:
            record = convert(raw)
            seen.add(record.source_key)
            with session.begin_nested():
                report.count(store(session, record, today))
            report.warnings += [(reference, warning) for warning in record.warnings]
        except SkipRow:
            report.skipped += 1
        except (RecordError, HoursError, DateError, ValueError, TypeError, KeyError) as problem:
            report.rejected.append((reference, str(problem) or type(problem).__name__))
            _remember(seen, key_of, raw)
        except SQLAlchemyError as problem:
            report.rejected.append((reference, f"refusé par la base : {type(problem).__name__}"))
            _remember(seen, key_of, raw)
    if scope is not None:
        vanished = _vanished(session, scope, seen)
        if prune:
            report.retired = retire(session, vanished)
        else:
            report.absent = sorted({source.point.name for source in vanished})
    session.commit()
    return report


def _remember(seen: set[str], key_of, raw) -> None:
    if key_of is None:
        return
    try:
        key = key_of(raw)
    except Exception:  # a row too broken to name: nothing to remember
        return
    if key:
        seen.add(key)
