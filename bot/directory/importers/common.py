"""Helpers shared by the importers: text cleaning, numbers, dates, service-type mapping."""
from __future__ import annotations

from datetime import date, datetime

from bot.directory.records import RecordError


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
    """« 01/08/2024 » or « 01/08/2024 12:00:00 » or ISO « 2024-08-01 »."""
    value = text(value)
    if value is None:
        return None
    for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise RecordError(f"date illisible : « {value} »")


def phone(value) -> str | None:
    """A phone number, or None for ANCT's « 0000000000 » placeholder."""
    value = text(value)
    return None if value is None or set(value.replace(" ", "")) <= {"0"} else value
