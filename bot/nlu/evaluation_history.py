"""The figures of each evaluation, kept to compare a run with the previous one.

One file per model (results/evaluation/history/<fingerprint>.json): evaluating
the same model again does not hide the previous model's figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.nlu.evaluation import EVALUATION_DIR, NluEvaluation
from bot.nlu.scoring import Figures

HISTORY_DIR = EVALUATION_DIR / "history"
F1_DROP_TOLERANCE = 0.02


def group_row(figures: Figures) -> dict:
    """What is kept of a set or a category."""
    return {
        "messages": figures.messages,
        "accuracy": figures.accuracy,
        "fallback": figures.fallback_rate,
        "out_of_scope": figures.out_of_scope_recall,
        "entities": {
            name: {"f1": e.f1, "recall": e.recall, "precision": e.precision, "messages": e.annotated}
            for name, e in figures.entities.items()
        },
    }


def run_figures(evaluation: NluEvaluation, fingerprint: str, when: str) -> dict:
    """What is kept of one run: accuracy, intent scores, each set and each category (a register)."""
    intents = {
        name: {"precision": row["precision"], "recall": row["recall"], "f1": row["f1-score"], "support": row["support"]}
        for name, row in evaluation.per_intent.items()
    }
    return {
        "fingerprint": fingerprint,
        "date": when,
        "accuracy": evaluation.accuracy,
        "intents": intents,
        "sets": {name: group_row(f) for name, f in evaluation.sets.items()},
        "categories": {name: group_row(f) for name, f in evaluation.categories.items()},
    }


def save_run(figures: dict, history_dir: Path = HISTORY_DIR) -> Path:
    history_dir.mkdir(parents=True, exist_ok=True)
    path = history_dir / f"{figures['fingerprint']}.json"
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def previous_run(fingerprint: str, history_dir: Path = HISTORY_DIR) -> dict | None:
    """The newest run of another model, or None."""
    runs = (
        [json.loads(path.read_text(encoding="utf-8")) for path in history_dir.glob("*.json")]
        if history_dir.exists()
        else []
    )
    others = [run for run in runs if run.get("fingerprint") != fingerprint]
    return max(others, key=lambda run: run["date"]) if others else None


@dataclass(frozen=True)
class Change:
    name: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass
class Comparison:
    previous: dict | None
    accuracy_before: float | None = None
    accuracy_after: float | None = None
    changes: dict[str, Change] = field(default_factory=dict)
    regressions: list[Change] = field(default_factory=list)
    new_intents: list[str] = field(default_factory=list)
    category_drops: list[Change] = field(default_factory=list)  # a register understood less well

    @property
    def accuracy_dropped(self) -> bool:
        before, after = self.accuracy_before, self.accuracy_after
        return before is not None and after is not None and round(after, 4) < round(before, 4)

    @property
    def has_regressions(self) -> bool:
        return self.accuracy_dropped or bool(self.regressions) or bool(self.category_drops)


def compare(current: dict, previous: dict | None) -> Comparison:
    """Per-intent F1 and per-category accuracy changes; a drop of more than 0.02 (or any accuracy drop)
    is a regression."""
    if previous is None:
        return Comparison(None)
    before = previous["intents"]
    changes = {
        name: Change(name, before[name]["f1"], row["f1"]) for name, row in current["intents"].items() if name in before
    }
    regressions = sorted((c for c in changes.values() if c.delta < -F1_DROP_TOLERANCE), key=lambda c: c.delta)
    categories_before = previous.get("categories", {})
    drops = sorted(
        (
            Change(name, categories_before[name]["accuracy"], row["accuracy"])
            for name, row in current.get("categories", {}).items()
            if name in categories_before
        ),
        key=lambda c: c.delta,
    )
    return Comparison(
        previous,
        previous["accuracy"],
        current["accuracy"],
        changes,
        regressions,
        sorted(set(current["intents"]) - set(before)),
        [c for c in drops if c.delta < -F1_DROP_TOLERANCE],
    )
