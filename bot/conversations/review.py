"""What the assistant misunderstood in real conversations, grouped for the trainers.

A user message counts when the NLU sent it to `nlu_fallback` or when its top
intent has a confidence below LOW_CONFIDENCE. Near-identical messages (same
words once case, accents and punctuation are folded, or a difflib ratio of at
least SIMILARITY) form one group, counted, with the intent the model guessed.
"""

from __future__ import annotations

import csv
import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.conversations.database import StoredEvent
from bot.nlu.examples import folded
from bot.text import visible

FALLBACK_INTENT = "nlu_fallback"
LOW_CONFIDENCE = 0.6
SIMILARITY = 0.85
CSV_DELIMITER = ";"
CSV_COLUMNS = ("nombre", "message", "variantes", "intention_devinee", "confiance", "intent", "destination")


@dataclass(frozen=True)
class Misunderstood:
    text: str
    guessed_intent: str
    confidence: float
    fell_back: bool


@dataclass
class Group:
    key: str
    messages: list[Misunderstood] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.messages)

    @property
    def text(self) -> str:
        """The most frequent wording of the group."""
        return Counter(m.text for m in self.messages).most_common(1)[0][0]

    @property
    def variants(self) -> list[str]:
        return sorted({m.text for m in self.messages} - {self.text})

    @property
    def guessed_intent(self) -> str:
        return Counter(m.guessed_intent for m in self.messages).most_common(1)[0][0]

    @property
    def confidence(self) -> float:
        return sum(m.confidence for m in self.messages) / self.count


def misunderstood(events: Iterable[StoredEvent], threshold: float = LOW_CONFIDENCE) -> list[Misunderstood]:
    """The user messages that fell to the fallback or had a low confidence."""
    found = []
    for event in events:
        text = visible(event.data.get("text") or "").strip()
        if not text or text.startswith("/"):  # nothing typed, or a button
            continue
        parse_data = event.data.get("parse_data") or {}
        intent = parse_data.get("intent") or {}
        fell_back = intent.get("name") == FALLBACK_INTENT
        if not fell_back and (intent.get("confidence") or 0.0) >= threshold:
            continue
        guess = _best_guess(parse_data)
        found.append(Misunderstood(text, guess.get("name") or "?", guess.get("confidence") or 0.0, fell_back))
    return found


def _best_guess(parse_data: dict) -> dict:
    """The most likely real intent (the ranking puts nlu_fallback first when it fired)."""
    ranking = [r for r in parse_data.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    intent = parse_data.get("intent") or {}
    return ranking[0] if ranking else intent


def similar(a: str, b: str) -> bool:
    return a == b or set(a.split()) == set(b.split()) or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def group(messages: Iterable[Misunderstood]) -> list[Group]:
    """Near-identical messages together, the biggest groups first."""
    groups: list[Group] = []
    by_key: dict[str, Group] = {}
    for message in messages:
        key = folded(message.text)
        target = by_key.get(key) or next((g for g in groups if similar(g.key, key)), None)
        if target is None:
            target = Group(key)
            groups.append(target)
        by_key[key] = target
        target.messages.append(message)
    return sorted(groups, key=lambda g: (-g.count, g.key))


def table(groups: list[Group], limit: int | None = None) -> str:
    """The groups as a plain text table, in French."""
    lines = [f"{'nb':>4}  {'intention devinée':<28} {'conf.':>5}  message"]
    for g in groups[:limit]:
        more = f"  (+{len(g.variants)} variante{'s' if len(g.variants) > 1 else ''})" if g.variants else ""
        lines.append(f"{g.count:>4}  {g.guessed_intent:<28} {g.confidence:>5.2f}  {g.text}{more}")
    return "\n".join(lines)


def export(groups: list[Group], path: Path) -> Path:
    """A CSV file (UTF-8, « ; ») the trainers open in a spreadsheet and complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=CSV_DELIMITER)
        writer.writerow(CSV_COLUMNS)
        for g in groups:
            writer.writerow([g.count, g.text, " | ".join(g.variants), g.guessed_intent, f"{g.confidence:.2f}", "", ""])
    return path
