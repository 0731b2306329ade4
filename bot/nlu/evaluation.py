"""Evaluate the NLU on the held-out test set (tests/data/nlu/, never trained on).

`rasa test nlu` writes its raw reports to results/evaluation/rasa/; this module
reads them back as figures (intents, entities, misclassified examples) for the
report of `bot evaluate` (bot/nlu/evaluation_report.py) and for the tests.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bot.nlu.progress import run_with_progress
from bot.paths import HELDOUT_NLU, RESULTS, ROOT, VENV_BIN

MIN_INTENT_ACCURACY = 0.93
EVALUATION_DIR = RESULTS / "evaluation"
AVERAGES = ("macro avg", "weighted avg", "micro avg")


@dataclass
class NluEvaluation:
    accuracy: float
    per_intent: dict[str, dict]
    errors: list[dict]
    raw_dir: Path
    entities: dict[str, dict] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.accuracy >= MIN_INTENT_ACCURACY

    @property
    def confusion_matrix(self) -> Path:
        return self.raw_dir / "intent_confusion_matrix.png"


def _scores(report: dict) -> dict[str, dict]:
    """The per-label rows of a Rasa report (precision, recall, f1-score, support)."""
    return {label: row for label, row in report.items()
            if isinstance(row, dict) and "f1-score" in row and label not in AVERAGES}


def _read_json(path: Path, default):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else default


def entity_scores(raw_dir: Path) -> dict[str, dict]:
    """Entity scores of every extractor Rasa reported (DIET, regex, …), keyed `extractor / entity`."""
    scores = {}
    for report in sorted(raw_dir.glob("*Extractor_report.json")) + sorted(raw_dir.glob("DIETClassifier_report.json")):
        extractor = report.name.removesuffix("_report.json")
        for entity, row in _scores(_read_json(report, {})).items():
            if entity != "no_entity":
                scores[f"{extractor} / {entity}"] = row
    return scores


def evaluation_command(model: Path, test_data: Path, raw_dir: Path) -> list[str]:
    return [str(VENV_BIN / "rasa"), "test", "nlu", "--model", str(model), "--nlu", str(test_data),
            "--out", str(raw_dir)]


def evaluate_nlu(model: Path, test_data: Path = HELDOUT_NLU, raw_dir: Path = EVALUATION_DIR / "rasa",
                 progress: bool = False) -> NluEvaluation:
    """Run `rasa test nlu` on the held-out set and read its reports."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    command = evaluation_command(model, test_data, raw_dir)
    if progress:
        run_with_progress(command, ROOT, RESULTS / "logs" / "evaluate.log", "Évaluation", "messages")
    else:
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = _read_json(raw_dir / "intent_report.json", {})
    return NluEvaluation(report["accuracy"], _scores(report), _read_json(raw_dir / "intent_errors.json", []),
                         raw_dir, entity_scores(raw_dir))
