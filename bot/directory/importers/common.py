"""Helpers shared by the importers: text cleaning, numbers, dates, the commune filter."""

from __future__ import annotations

from datetime import date

from bot.directory.dates import DateError, parse_source_date
from bot.directory.records import RecordError, SkipRow


def text(value) -> str | None:
    """Trimmed text, or None for empty values and the usual placeholders."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def number(value) -> float | None:
    """A coordinate written as a number or a string (« 49,49 » or « 49.49 »)."""
    value = text(value)
    if value is None:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise RecordError(f"nombre illisible : « {value} »") from None


def french_date(value) -> date | None:
    """« 01/08/2024 », « 01/08/2024 12:00:00 », ISO « 2024-08-01 » or « 2024-08-01T12:00:00+02:00 »."""
    return source_date(value)[0]


def source_date(value) -> tuple[date | None, str | None]:
    """(date, precision) of a date as a source writes it; RecordError when unreadable."""
    try:
        return parse_source_date(value)
    except DateError as problem:
        raise RecordError(str(problem)) from None


def phone(value) -> str | None:
    """A phone number, or None for ANCT's « 0000000000 » placeholder."""
    value = text(value)
    return None if value is None or set(value.replace(" ", "")) <= {"0"} else value


def codes(value) -> list[str]:
    """INSEE codes given as a string, a list, or a JSON-like « ["76351"] » string."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [code for item in value for code in codes(item)]
    return [part.strip(" []\"'") for part in str(value).split(",") if part.strip(" []\"'")]


def keep_commune(found: list[str], commune: str | None) -> None:
    """SkipRow unless the row is in `commune` (None: every commune is kept)."""
    if commune and commune not in found:
        raise SkipRow()
