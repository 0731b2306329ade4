"""`bot stats`: what people asked over a period, as a table and a PNG chart."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from bot.conversations.database import StoredEvent
from bot.conversations.review import FALLBACK_INTENT
from bot.knowledge.places import place_names, spelling_variants
from bot.text import fold

TOP = 10


@dataclass
class Stats:
    since: datetime | None
    until: datetime | None
    conversations: set[str] = field(default_factory=set)
    messages: int = 0
    fallbacks: int = 0
    intents: Counter = field(default_factory=Counter)
    service_types: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)

    @property
    def fallback_rate(self) -> float:
        return self.fallbacks / self.messages if self.messages else 0.0


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    """Folded spelling → the quartier or landmark name as written in the data."""
    names: dict[str, str] = {}
    for name in place_names():
        for variant in spelling_variants(name):
            names.setdefault(fold(variant), name)
    return names


def place_name(value: str) -> str:
    return _place_names().get(fold(value), value.strip())


def compute(events: Iterable[StoredEvent], since: datetime | None = None, until: datetime | None = None) -> Stats:
    """Counts over the stored user messages."""
    stats = Stats(since, until)
    for event in events:
        parse_data = event.data.get("parse_data") or {}
        intent = (parse_data.get("intent") or {}).get("name")
        stats.conversations.add(event.sender_id)
        stats.messages += 1
        stats.fallbacks += intent == FALLBACK_INTENT
        if intent:
            stats.intents[intent] += 1
        for entity in parse_data.get("entities") or []:
            value = entity.get("value")
            if not isinstance(value, str) or not value.strip():
                continue
            if entity.get("entity") == "service_type":
                stats.service_types[value] += 1
            elif entity.get("entity") == "location":
                stats.places[place_name(value)] += 1
    return stats


def _period(stats: Stats) -> str:
    start = stats.since.strftime("%d/%m/%Y") if stats.since else "le début"
    end = stats.until.strftime("%d/%m/%Y %H:%M") if stats.until else "maintenant"
    return f"du {start} à {end}"


def table(stats: Stats) -> str:
    """The figures as plain text, in French."""
    lines = [
        f"Conversations {_period(stats)}",
        f"  conversations          {len(stats.conversations):>6}",
        f"  messages               {stats.messages:>6}",
        f"  taux d'incompréhension {stats.fallback_rate:>6.1%}  ({stats.fallbacks} messages en nlu_fallback)",
    ]
    for title, counter in (
        ("Intentions les plus fréquentes", stats.intents),
        ("Types de service cherchés", stats.service_types),
        ("Quartiers et lieux cherchés", stats.places),
    ):
        lines.append(f"\n{title}")
        lines += [f"  {count:>6}  {name}" for name, count in counter.most_common(TOP)] or ["  (aucun)"]
    return "\n".join(lines)


def chart(stats: Stats, path: Path) -> Path:
    """A PNG with the top intents, service types and places."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    panels = (
        ("Intentions", stats.intents),
        ("Types de service", stats.service_types),
        ("Quartiers et lieux", stats.places),
    )
    figure, axes = plt.subplots(1, 3, figsize=(16, 6))
    for axis, (title, counter) in zip(axes, panels):
        top = counter.most_common(TOP)[::-1]
        axis.barh([name for name, _ in top], [count for _, count in top], color="#2b6cb0")
        axis.set_title(title)
        axis.set_xlabel("messages")
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        if not top:
            axis.set_xticks([])
            axis.set_yticks([])
            axis.text(0.5, 0.5, "aucun", ha="center", va="center", transform=axis.transAxes)
    figure.suptitle(
        f"{len(stats.conversations)} conversations, {stats.messages} messages, "
        f"{stats.fallback_rate:.1%} non compris — {_period(stats)}"
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
