"""Run an import row by row: each bad row is rejected alone, with its reason.

Every row is stored inside its own savepoint, so a row that fails (bad data or a
database constraint) is rolled back without touching the rows already stored.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from tqdm import tqdm

from bot.directory.hours import HoursError
from bot.directory.records import RecordError, ServiceRecord, SkipRow, upsert

Raw = TypeVar("Raw")


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (row, reason)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        lines = [f"Ajoutés : {self.added} · mis à jour : {self.updated} · inchangés : "
                 f"{self.unchanged} · ignorés (hors champ) : {self.skipped} · rejetés : {len(self.rejected)}"]
        lines += [f"  rejeté {row} : {reason}" for row, reason in self.rejected]
        return "\n".join(lines)


def import_rows(session: Session, rows: Iterable[tuple[str, Raw]],
                convert: Callable[[Raw], ServiceRecord], *, total: int | None = None,
                progress: bool = True, label: str = "Import") -> ImportReport:
    """Convert and store each (row reference, raw row); commit once at the end."""
    report = ImportReport()
    bar = tqdm(rows, total=total, desc=label, unit=" lignes", disable=not progress,
               file=sys.stderr)
    for reference, raw in bar:
        try:
            record = convert(raw)
            with session.begin_nested():
                report.count(upsert(session, record))
        except SkipRow:
            report.skipped += 1
        except (RecordError, HoursError, ValueError, TypeError, KeyError) as problem:
            report.rejected.append((reference, str(problem) or type(problem).__name__))
        except SQLAlchemyError as problem:
            report.rejected.append((reference, f"refusé par la base : {type(problem).__name__}"))
    session.commit()
    return report
