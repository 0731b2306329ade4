"""Evaluate the NLU on the held-out sets (tests/data/nlu/, never trained on).

The model is loaded once and every held-out message is parsed as the assistant
parses it (intent, entities after synonyms); bot/nlu/scoring.py turns the
predictions into figures per set, per category and per intent, and checks the
gates. The confusion matrix is drawn here for the report of `bot evaluate`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.nlu.heldout import SCORED_ENTITIES, HeldOutExample, entity_value, read_heldout
from bot.nlu.scoring import Figures, Prediction, by_category, by_set, gate_failures, overall, target_misses
from bot.paths import HELDOUT_NLU, RESULTS

EVALUATION_DIR = RESULTS / "evaluation"


@dataclass
class NluEvaluation:
    predictions: list[Prediction]
    out_dir: Path = EVALUATION_DIR
    per_intent: dict[str, dict] = field(default_factory=dict)
    parse_ms: list[float] = field(default_factory=list)  # time to parse each message, for the benchmarks

    def __post_init__(self) -> None:
        if not self.per_intent:
            self.per_intent = intent_scores(self.predictions)

    @property
    def overall(self) -> Figures:
        return overall(self.predictions)

    @property
    def accuracy(self) -> float:
        return self.overall.accuracy

    @property
    def sets(self) -> dict[str, Figures]:
        return by_set(self.predictions)

    @property
    def categories(self) -> dict[str, Figures]:
        return by_category(self.predictions)

    @property
    def failures(self) -> list[str]:
        return gate_failures(self.predictions)

    @property
    def misses(self) -> list[str]:
        """Where a set is under the targets (reported, not failing)."""
        return target_misses(self.predictions)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def errors(self) -> list[dict]:
        """The misunderstood messages, as the report lists them."""
        return [
            {
                "text": p.example.text,
                "intent": p.example.intent,
                "set": p.example.set,
                "intent_prediction": {"name": p.intent, "confidence": p.confidence},
            }
            for p in self.predictions
            if not p.correct
        ]

    @property
    def confusion_matrix(self) -> Path:
        return self.out_dir / "confusion_matrix.png"


def intent_scores(predictions: list[Prediction]) -> dict[str, dict]:
    """Precision, recall, F1 and support per expected intent."""
    rows: dict[str, dict] = {}
    for intent in sorted({p.example.intent for p in predictions}):
        support = sum(p.example.intent == intent for p in predictions)
        found = sum(p.intent == intent for p in predictions)
        right = sum(p.intent == intent and p.correct for p in predictions)
        precision = right / found if found else 0.0
        recall = right / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows[intent] = {"precision": precision, "recall": recall, "f1-score": f1, "support": support}
    return rows


def _entities(parse: dict) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            (e["entity"], entity_value(e["entity"], str(e.get("value", ""))))
            for e in parse.get("entities") or []
            if e.get("entity") in SCORED_ENTITIES
        )
    )


def predict(
    model: Path, examples: list[HeldOutExample], progress: bool = False, timings: list[float] | None = None
) -> list[Prediction]:
    """Parse every message with the model, as the running assistant does (each parse time into `timings`)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.getLogger("rasa").setLevel(logging.WARNING)
    from rasa.core.agent import Agent  # imported here: TensorFlow takes seconds to load
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # unconfigured, Rasa's structured logs print every parse

    agent = Agent.load(str(model))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(examples), desc="Évaluation", unit=" messages")

    async def parse_all() -> list[Prediction]:
        predictions = []
        for example in examples:
            started = time.perf_counter()
            parse = await agent.parse_message(example.text)
            if timings is not None:
                timings.append((time.perf_counter() - started) * 1000)
            intent = parse.get("intent") or {}
            predictions.append(
                Prediction(example, intent.get("name") or "?", float(intent.get("confidence") or 0), _entities(parse))
            )
            if bar is not None:
                bar.update()
        return predictions

    try:
        return asyncio.run(parse_all())
    finally:
        if bar is not None:
            bar.close()


def draw_confusion_matrix(predictions: list[Prediction], path: Path) -> None:
    """Expected intents as rows, understood intents as columns (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = sorted({p.example.intent for p in predictions} | {p.intent for p in predictions})
    index = {label: i for i, label in enumerate(labels)}
    counts = [[0] * len(labels) for _ in labels]
    for p in predictions:
        counts[index[p.example.intent]][index[p.intent]] += 1
    figure, axes = plt.subplots(figsize=(14, 12))
    axes.imshow(counts, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    axes.set_yticks(range(len(labels)), labels, fontsize=7)
    axes.set_xlabel("intention comprise")
    axes.set_ylabel("intention attendue")
    for row, values in enumerate(counts):
        for column, value in enumerate(values):
            if value:
                axes.text(
                    column,
                    row,
                    value,
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if row == column else "black",
                )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)


def evaluate_nlu(
    model: Path, root: Path = HELDOUT_NLU, out_dir: Path = EVALUATION_DIR, progress: bool = False
) -> NluEvaluation:
    """Parse every held-out message with the model and draw the confusion matrix."""
    timings: list[float] = []
    evaluation = NluEvaluation(predict(model, read_heldout(root), progress, timings), out_dir, parse_ms=timings)
    draw_confusion_matrix(evaluation.predictions, evaluation.confusion_matrix)
    return evaluation
