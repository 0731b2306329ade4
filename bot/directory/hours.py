"""Opening hours: parse the formats we import, say today's hours and whether it is open.

Formats:
- OSM-like (seed YAML, generic CSV): « Mo-Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00 »
- one day as ANCT writes it: « 09:00 - 12:00 / 13:30 - 16:00 » (« 00:00 - 00:00 » = nothing)
- DILA `plage_ouverture` records (see bot/directory/importers/dila.py)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

DAY_CODES = ("mo", "tu", "we", "th", "fr", "sa", "su")
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_TIME = r"(\d{1,2})[:hH](\d{2})(?::\d{2})?"
_RANGE = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")


class HoursError(ValueError):
    """Opening hours that cannot be read; the message says what is wrong (French)."""


@dataclass(frozen=True)
class Interval:
    weekday: int  # 0 = Monday
    opens: time
    closes: time


@dataclass(frozen=True)
class Exception_:
    day: date
    closed: bool
    opens: time | None = None
    closes: time | None = None
    label: str = ""


def _time(hours: str, minutes: str) -> time:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        return time(23, 59)
    if not (0 <= h < 24 and 0 <= m < 60):
        raise HoursError(f"heure impossible : {hours}:{minutes}")
    return time(h, m)


def parse_range(text: str) -> tuple[time, time] | None:
    """« 08:30-12:00 » → (08:30, 12:00); « 00:00 - 00:00 » → None (no opening)."""
    match = _RANGE.match(text)
    if not match:
        raise HoursError(f"plage horaire illisible : « {text.strip()} »")
    opens, closes = _time(*match.group(1, 2)), _time(*match.group(3, 4))
    if opens == closes:
        return None
    if closes < opens:
        raise HoursError(f"la plage « {text.strip()} » ferme avant d'ouvrir")
    return opens, closes


def parse_day_ranges(text: str | None, separator: str = "/") -> list[tuple[time, time]]:
    """The ranges of one day: « 09:00 - 12:00 / 13:30 - 16:00 »; empty text = closed."""
    if not text or not text.strip():
        return []
    return [r for r in (parse_range(part) for part in text.split(separator)) if r]


def _days(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.lower().split(","):
        start, _, end = part.strip().partition("-")
        if start not in DAY_CODES or (end and end not in DAY_CODES):
            raise HoursError(f"jour inconnu dans « {spec} » (attendu : Mo Tu We Th Fr Sa Su)")
        first, last = DAY_CODES.index(start), DAY_CODES.index(end or start)
        if last < first:
            raise HoursError(f"période de jours à l'envers : « {part.strip()} »")
        days.extend(range(first, last + 1))
    return days


def parse_osm(text: str | None) -> list[Interval]:
    """« Mo-Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00 » → intervals."""
    intervals: list[Interval] = []
    for rule in (text or "").split(";"):
        rule = rule.strip()
        if not rule:
            continue
        days, _, ranges = rule.partition(" ")
        if not ranges.strip():
            raise HoursError(f"règle sans horaires : « {rule} »")
        for weekday in _days(days):
            for opens, closes in parse_day_ranges(ranges, ","):
                intervals.append(Interval(weekday, opens, closes))
    return intervals


def _fmt(moment: time) -> str:
    return moment.strftime("%H:%M")


def day_ranges(intervals: list[Interval], day: date, exceptions: Sequence[Exception_] = ()) -> list[tuple[time, time]]:
    """The opening ranges on `day`, taking exceptions into account."""
    for exception in exceptions:
        if exception.day == day:
            if exception.closed or not exception.opens or not exception.closes:
                return []
            return [(exception.opens, exception.closes)]
    return sorted((i.opens, i.closes) for i in intervals if i.weekday == day.weekday())


def describe_ranges(ranges: list[tuple[time, time]]) -> str:
    return " et ".join(f"{_fmt(o)}–{_fmt(c)}" for o, c in ranges) if ranges else "fermé"


def today_text(intervals: list[Interval], day: date, exceptions: Sequence[Exception_] = ()) -> str:
    return describe_ranges(day_ranges(intervals, day, exceptions))


def is_open(intervals: list[Interval], moment: datetime, exceptions: Sequence[Exception_] = ()) -> bool:
    ranges = day_ranges(intervals, moment.date(), exceptions)
    now = moment.time()
    return any(opens <= now < closes for opens, closes in ranges)


def week(intervals: list[Interval]) -> list[dict[str, str]]:
    """Monday to Sunday: [{"day": "lundi", "hours": "08:30–16:30"}, ...]."""
    return [
        {"day": name, "hours": describe_ranges(sorted((i.opens, i.closes) for i in intervals if i.weekday == weekday))}
        for weekday, name in enumerate(DAY_NAMES)
    ]


def to_osm(intervals: list[Interval]) -> str:
    """Back to the OSM-like text (one rule per weekday), e.g. for exports."""
    rules = []
    for weekday, code in enumerate(DAY_CODES):
        ranges = sorted((i.opens, i.closes) for i in intervals if i.weekday == weekday)
        if ranges:
            rules.append(f"{code.capitalize()} " + ",".join(f"{_fmt(o)}-{_fmt(c)}" for o, c in ranges))
    return "; ".join(rules)
