"""The figures of each evaluation, kept to compare a run with the previous one.

One file per model (results/evaluation/history/<fingerprint>.json): evaluating
the same model again does not hide the previous model's figures.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.nlu.evaluation import EVALUATION_DIR, NluEvaluation

HISTORY_DIR = EVALUATION_DIR / "history"
F1_DROP_TOLERANCE = 0.02


def run_figures(evaluation: NluEvaluation, fingerprint: str, when: str) -> dict:
    """What is kept of one run: accuracy, intent and entity scores."""
    def rows(scores: dict[str, dict]) -> dict[str, dict]:
        return {name: {"precision": row["precision"], "recall": row["recall"], "f1": row["f1-score"],
                       "support": row["support"]} for name, row in scores.items()}
    return {"fingerprint": fingerprint, "date": when, "accuracy": evaluation.accuracy,
            "intents": rows(evaluation.per_intent), "entities": rows(evaluation.entities)}


def save_run(figures: dict, history_dir: Path = HISTORY_DIR) -> Path:
    history_dir.mkdir(parents=True, exist_ok=True)
    path = history_dir / f"{figures['fingerprint']}.json"
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def previous_run(fingerprint: str, history_dir: Path = HISTORY_DIR) -> dict | None:
    """The newest run of another model, or None."""
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in history_dir.glob("*.json")] \
        if history_dir.exists() else []
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

    @property
    def accuracy_dropped(self) -> bool:
        return self.accuracy_before is not None and round(self.accuracy_after, 4) < round(self.accuracy_before, 4)

    @property
    def has_regressions(self) -> bool:
        return self.accuracy_dropped or bool(self.regressions)


def compare(current: dict, previous: dict | None) -> Comparison:
    """Per-intent F1 changes; a drop of more than 0.02 (or any accuracy drop) is a regression."""
    if previous is None:
        return Comparison(None)
    before = previous["intents"]
    changes = {name: Change(name, before[name]["f1"], row["f1"])
               for name, row in current["intents"].items() if name in before}
    regressions = sorted((c for c in changes.values() if c.delta < -F1_DROP_TOLERANCE), key=lambda c: c.delta)
    return Comparison(previous, previous["accuracy"], current["accuracy"], changes, regressions,
                      sorted(set(current["intents"]) - set(before)))
