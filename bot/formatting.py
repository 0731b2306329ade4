"""French formatting of amounts and dates."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NBSP = "\u202f"  # narrow no-break space, the French thousands separator


def number(value: float) -> str:
    """1084.43 -> '1 084,43'; whole numbers without decimals (28444 -> '28 444')."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", NBSP)
    return f"{value:,.2f}".replace(",", NBSP).replace(".", ",")


def euros(value: float) -> str:
    return f"{number(value)}{NBSP}€"


def long_date(day: date) -> str:
    """date(2026, 4, 1) -> '1er avril 2026'."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date) -> str:
    """date(2026, 11, 1) -> 'novembre 2026'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")
