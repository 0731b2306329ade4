"""Knowledge entries (data/knowledge/entries/<intent>.yml): dated, sourced figures.

Amounts change every 1 April, income ceilings every 1 January (income of year
N-2), housing aid every 1 October: each figure keeps one row per effective date
and the assistant uses the row in force on the day of the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from bot.paths import KNOWLEDGE

ENTRIES_DIR = KNOWLEDGE / "entries"
STALE_AFTER_MONTHS = 13
STATUSES = ("confirmed", "computed", "unconfirmed")


@dataclass(frozen=True)
class Row:
    value: float
    effective: date
    status: str
    source: str
    legal: str = ""
    why: str = ""
    income_year: int | None = None


@dataclass(frozen=True)
class Figure:
    id: str
    kind: str  # amount | ceiling
    label: str
    unit: str
    depends_on: str
    rows: tuple[Row, ...]
    family: bool = True  # False: detail shown to agents only (families get `amounts_note`)

    def row_in_force(self, day: date) -> Row | None:
        """The newest row whose effective date is on or before `day`."""
        in_force = [row for row in self.rows if row.effective <= day]
        return max(in_force, key=lambda row: row.effective) if in_force else None

    def is_stale(self, day: date) -> bool:
        """True when the newest row is more than 13 months old on `day`."""
        newest = max(row.effective for row in self.rows)
        return day > add_months(newest, STALE_AFTER_MONTHS)


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    status: str = "confirmed"


@dataclass(frozen=True)
class Entry:
    intent: str
    title: str
    body: str
    checked: date
    summary: str
    eligibility: tuple[str, ...]
    figures: tuple[Figure, ...]
    steps: tuple[str, ...]
    online: Link | None
    documents: tuple[str, ...]
    links: tuple[Link, ...]
    agent: dict = field(default_factory=dict)
    amounts_note: str = ""  # shown to families after the amounts (e.g. how the hidden detail works)
    path: Path | None = None

    @property
    def official_link(self) -> Link | None:
        """The first confirmed official page: the source shown with every answer."""
        return next((link for link in self.links if link.status == "confirmed"), None)

    def figures_of(self, kind: str, family: bool = False) -> list[Figure]:
        """Figures of one kind; with family=True, only those shown to families."""
        return [f for f in self.figures if f.kind == kind and (f.family or not family)]

    def stale_figures(self, day: date) -> list[Figure]:
        return [figure for figure in self.figures if figure.is_stale(day)]


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it does not exist)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _row(data: dict) -> Row:
    return Row(
        value=float(data["value"]),
        effective=data["effective"],
        status=data["status"],
        source=data.get("source") or "",
        legal=data.get("legal") or "",
        why=data.get("why") or "",
        income_year=data.get("income_year"),
    )


def _figure(data: dict) -> Figure:
    rows = tuple(sorted((_row(r) for r in data["rows"]), key=lambda r: r.effective))
    return Figure(
        id=data["id"],
        kind=data["kind"],
        label=data["label"],
        unit=data["unit"],
        depends_on=data.get("depends_on") or "",
        rows=rows,
        family=data.get("family", True),
    )


def _link(data: dict) -> Link:
    return Link(title=data["title"], url=data["url"], status=data.get("status", "confirmed"))


def parse_entry(data: dict, path: Path | None = None) -> Entry:
    apply = data.get("apply") or {}
    return Entry(
        intent=data["intent"],
        title=data["title"],
        body=data["body"],
        checked=data["checked"],
        summary=" ".join(data["summary"].split()),
        eligibility=tuple(data.get("eligibility") or ()),
        figures=tuple(_figure(f) for f in data.get("figures") or ()),
        steps=tuple(apply.get("steps") or ()),
        online=_link(apply["online"]) if apply.get("online") else None,
        documents=tuple(data.get("documents") or ()),
        links=tuple(_link(link) for link in data.get("links") or ()),
        agent=data.get("agent") or {},
        amounts_note=" ".join((data.get("amounts_note") or "").split()),
        path=path,
    )


@cache
def load_entries(directory: Path = ENTRIES_DIR) -> dict[str, Entry]:
    """Every knowledge entry, keyed by its intent."""
    entries = {}
    for path in sorted(directory.glob("*.yml")):
        entry = parse_entry(yaml.safe_load(path.read_text(encoding="utf-8")), path)
        entries[entry.intent] = entry
    return entries


def stale_report(day: date, entries: dict[str, Entry] | None = None) -> list[str]:
    """Lines naming each entry whose newest figure row is more than 13 months old."""
    lines = []
    for intent, entry in sorted((entries or load_entries()).items()):
        for figure in entry.stale_figures(day):
            newest = max(row.effective for row in figure.rows)
            lines.append(f"{intent} / {figure.id}: dernière valeur du {newest.isoformat()}")
    return lines
