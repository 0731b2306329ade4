"""Dates of sources as honestly as they are known: a day, a month or only a year.

A source dated « 2016 » is not « 1er janvier 2016 »: the date is kept with its
precision (day | month | year) and said that way (« 2016 », « mars 2025 »).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.formatting import month_year

PRECISIONS = ("day", "month", "year")
# Older than this, a card says plainly that the information may have changed.
STALE_AFTER_YEARS = 2

_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")


class DateError(ValueError):
    """A date that cannot be read (French message)."""


def parse_source_date(value) -> tuple[date | None, str | None]:
    """(date, precision) from a date, « 2016 », « 2025-03 », « 03/2025 », « 2025-03-13 », « 13/03/2025 »,
    or an ISO timestamp (« 2026-03-12T10:21:00+01:00 »)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = " ".join(str(value).split())
    if not text:
        return None, None
    if match := _YEAR.match(text):
        return date(int(match[1]), 1, 1), "year"
    for pattern, year_group, month_group in ((_YEAR_MONTH, 1, 2), (_MONTH_YEAR, 2, 1)):
        if match := pattern.match(text):
            try:
                return date(int(match[year_group]), int(match[month_group]), 1), "month"
            except ValueError:
                raise DateError(f"date illisible : « {text} »") from None
    for layout in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, layout).date(), "day"
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), "day"
    except ValueError:
        raise DateError(f"date illisible : « {text} »") from None


def describe(day: date | None, precision: str | None) -> str | None:
    """« mars 2025 » (a day or a month), « 2016 » (a year), None when unknown."""
    if day is None:
        return None
    if precision == "year":
        return str(day.year)
    return month_year(day)


def years_between(older: date, newer: date) -> int:
    """Whole years from `older` to `newer`."""
    return newer.year - older.year - ((newer.month, newer.day) < (older.month, older.day))


def is_stale(day: date | None, precision: str | None, today: date) -> bool:
    """True when the source is older than STALE_AFTER_YEARS, or its date is unknown.

    A year-only date counts from the end of that year, a month from the end of that month:
    « 2023 » is not yet two years old in June 2025.
    """
    if day is None:
        return True
    if precision == "year":
        day = date(day.year, 12, 31)
    elif precision == "month":
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return years_between(day, today) >= STALE_AFTER_YEARS


def french_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")
