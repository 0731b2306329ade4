"""Compare NLU pipelines on the held-out test set (docs/pipeline.md).

Every variant is derived from config.yml, changing one thing at a time:
  - spaCy: fr_core_news_md tokens, lemmas and word vectors (SpacyNLP,
    SpacyTokenizer, SpacyFeaturizer) or a WhitespaceTokenizer without them;
  - DIET's transformer: 2 layers (Rasa's default) or none.
The rest (regex/lookup, lexical, word and character n-gram features, DIET's
other settings) stays as in config.yml. Prints accuracy, macro F1, errors,
training time and model size; `--quick` skips the slow transformer variants.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.nlu.evaluation import evaluate_nlu  # noqa: E402
from bot.nlu.training import training_command  # noqa: E402
from bot.paths import RESULTS, ROOT  # noqa: E402

SPACY_HEAD = [{"name": "SpacyNLP", "model": "fr_core_news_md"}, {"name": "SpacyTokenizer"},
              {"name": "SpacyFeaturizer"}]
SPACY_NAMES = {c["name"] for c in SPACY_HEAD}


def variant(base: dict, spacy: bool, transformer_layers: int) -> dict:
    config = copy.deepcopy(base)
    rest = [c for c in config["pipeline"] if c["name"] not in SPACY_NAMES | {"WhitespaceTokenizer"}]
    head = copy.deepcopy(SPACY_HEAD) if spacy else [{"name": "WhitespaceTokenizer"}]
    for component in rest:
        if component["name"] == "DIETClassifier":
            component["number_of_transformer_layers"] = transformer_layers
    config["pipeline"] = head + rest
    return config


def run_variant(name: str, config: dict, out_dir: Path) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    config_path = out_dir / "config.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = out_dir / f"nlu-{name}.tar.gz"
    started = time.monotonic()
    subprocess.run(training_command(model, config=config_path, nlu_only=True), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    train_seconds = time.monotonic() - started
    evaluation = evaluate_nlu(model, raw_dir=out_dir / "report")
    report = json.loads((out_dir / "report" / "intent_report.json").read_text())
    return {"variant": name, "accuracy": evaluation.accuracy, "macro_f1": report["macro avg"]["f1-score"],
            "errors": len(evaluation.errors), "train_s": train_seconds,
            "size_mb": model.stat().st_size / 1e6}


def main() -> None:
    base = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    layers = [0] if "--quick" in sys.argv else [0, 2]
    rows = []
    for spacy in (True, False):
        for n in layers:
            name = f"{'spacy' if spacy else 'no_spacy'}-transformer{n}"
            rows.append(run_variant(name, variant(base, spacy, n), RESULTS / "pipelines" / name))
            print(f"{name}: {rows[-1]['accuracy']:.3f}", flush=True)
    print(f"\n{'variante':<22} {'exactitude':>10} {'F1 macro':>9} {'erreurs':>8} {'entraîn. (s)':>13} {'modèle (Mo)':>12}")
    for r in rows:
        print(f"{r['variant']:<22} {r['accuracy']:>10.3f} {r['macro_f1']:>9.3f} {r['errors']:>8} "
              f"{r['train_s']:>13.0f} {r['size_mb']:>12.1f}")
    (RESULTS / "pipelines" / "comparison.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
