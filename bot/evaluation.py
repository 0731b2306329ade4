"""Validate the training data and evaluate the NLU on the held-out test set.

`python -m bot.evaluation validate` runs `rasa data validate` with warnings as
failures; `python -m bot.evaluation nlu` evaluates the trained model on
tests/nlu/ and writes the report to results/nlu/ (not committed).
"""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.paths import HELDOUT_NLU, RESULTS, ROOT, TRAINING_DIRS, VENV_BIN

MIN_INTENT_ACCURACY = 0.93


def validate_command() -> list[str]:
    return [str(VENV_BIN / "rasa"), "data", "validate", "--fail-on-warnings",
            "--data", *map(str, TRAINING_DIRS), "--domain", str(ROOT / "domain.yml"),
            "--config", str(ROOT / "config.yml")]


@dataclass
class NluEvaluation:
    accuracy: float
    per_intent: dict[str, dict]
    errors: list[dict]
    out_dir: Path

    @property
    def passed(self) -> bool:
        return self.accuracy >= MIN_INTENT_ACCURACY


def evaluate_nlu(model: Path, test_data: Path = HELDOUT_NLU, out_dir: Path = RESULTS / "nlu") -> NluEvaluation:
    """Run `rasa test nlu` on the held-out set and write a readable summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(VENV_BIN / "rasa"), "test", "nlu", "--model", str(model),
                    "--nlu", str(test_data), "--out", str(out_dir)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    report = json.loads((out_dir / "intent_report.json").read_text(encoding="utf-8"))
    errors_file = out_dir / "intent_errors.json"
    errors = json.loads(errors_file.read_text(encoding="utf-8")) if errors_file.exists() else []
    per_intent = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
                  and k not in ("macro avg", "weighted avg", "micro avg")}
    evaluation = NluEvaluation(report["accuracy"], per_intent, errors, out_dir)
    (out_dir / "summary.md").write_text(render_summary(evaluation), encoding="utf-8")
    return evaluation


def render_summary(evaluation: NluEvaluation) -> str:
    """A Markdown report: accuracy, the weakest intents, every misclassified example."""
    verdict = "OK" if evaluation.passed else f"ÉCHEC (minimum {MIN_INTENT_ACCURACY:.2f})"
    lines = ["# Compréhension (jeu de test mis de côté)\n",
             f"Exactitude des intentions : **{evaluation.accuracy:.3f}** — {verdict}\n",
             "Matrice de confusion : intent_confusion_matrix.png\n",
             "| intention | précision | rappel | F1 | exemples |", "|---|---|---|---|---|"]
    for name, scores in sorted(evaluation.per_intent.items(), key=lambda kv: kv[1]["f1-score"]):
        lines.append(f"| {name} | {scores['precision']:.2f} | {scores['recall']:.2f} | "
                     f"{scores['f1-score']:.2f} | {scores['support']} |")
    lines += ["", f"## Exemples mal compris ({len(evaluation.errors)})", "",
              "| message | attendu | compris | confiance |", "|---|---|---|---|"]
    for error in evaluation.errors:
        predicted = error.get("intent_prediction") or {}
        text = error["text"].replace("|", "\\|")
        lines.append(f"| {text} | {error['intent']} | {predicted.get('name')} | "
                     f"{predicted.get('confidence', 0):.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from bot.training import model_path

    if argv[:1] == ["validate"]:
        return subprocess.run(validate_command(), cwd=ROOT).returncode
    if argv[:1] == ["nlu"]:
        evaluation = evaluate_nlu(model_path())
        print(f"Exactitude des intentions : {evaluation.accuracy:.3f} "
              f"(minimum {MIN_INTENT_ACCURACY}) ; rapport : {evaluation.out_dir / 'summary.md'}")
        return 0 if evaluation.passed else 1
    print("usage: python -m bot.evaluation validate|nlu", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
