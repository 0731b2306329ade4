"""Compare NLU pipelines on the held-out test set (docs/pipeline.md).

Variants are derived from config.yml, so the comparison always measures the
project's own pipeline against the same pipeline with one change:
  - spacy:    config.yml as it is (spaCy fr_core_news_md tokens, lemmas, vectors)
  - no_spacy: WhitespaceTokenizer instead of spaCy, no spaCy dense features
Prints accuracy, macro F1, training time and model size for each.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.evaluation import evaluate_nlu  # noqa: E402
from bot.paths import RESULTS, ROOT  # noqa: E402
from bot.training import training_command  # noqa: E402

SPACY_COMPONENTS = {"SpacyNLP", "SpacyFeaturizer"}


def without_spacy(config: dict) -> dict:
    pipeline = []
    for component in config["pipeline"]:
        if component["name"] in SPACY_COMPONENTS:
            continue
        if component["name"] == "SpacyTokenizer":
            component = {"name": "WhitespaceTokenizer"}
        pipeline.append(component)
    return {**config, "pipeline": pipeline}


def run_variant(name: str, config: dict, out_dir: Path) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    config_path = out_dir / "config.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = out_dir / f"nlu-{name}.tar.gz"
    started = time.monotonic()
    subprocess.run(training_command(model, config=config_path, nlu_only=True), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    train_seconds = time.monotonic() - started
    evaluation = evaluate_nlu(model, out_dir=out_dir / "report")
    report = json.loads((out_dir / "report" / "intent_report.json").read_text())
    return {"variant": name, "accuracy": evaluation.accuracy, "macro_f1": report["macro avg"]["f1-score"],
            "errors": len(evaluation.errors), "train_s": train_seconds,
            "size_mb": model.stat().st_size / 1e6}


def main() -> None:
    base = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    variants = {"spacy": base, "no_spacy": without_spacy(base)}
    rows = [run_variant(name, config, RESULTS / "pipelines" / name) for name, config in variants.items()]
    print(f"{'variante':<10} {'exactitude':>10} {'F1 macro':>9} {'erreurs':>8} {'entraîn. (s)':>13} {'modèle (Mo)':>12}")
    for r in rows:
        print(f"{r['variant']:<10} {r['accuracy']:>10.3f} {r['macro_f1']:>9.3f} {r['errors']:>8} "
              f"{r['train_s']:>13.0f} {r['size_mb']:>12.1f}")
    (RESULTS / "pipelines" / "comparison.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
