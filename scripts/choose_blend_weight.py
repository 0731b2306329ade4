"""Choose the n-gram model's share in the intent blend by cross-validation on the training data.

The held-out sets never take part: the training examples are split into K folds
(by intent, in a fixed order); for each fold, DIET is trained (NLU only, the
pipeline of config.yml up to DIET) and the n-gram model fitted on the other
folds, then both read the fold's messages. The script prints the accuracy of
each share on every fold and the share that does best overall
(components/intent_blend.py, docs/pipeline.md round 6). About 3 minutes a fold.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import logging
import os
import subprocess
from pathlib import Path

import yaml

from bot.nlu.ngram_intents import NgramIntents, blend
from bot.nlu.training import training_command
from bot.paths import NLU_DATA, RESULTS, ROOT

SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.0)
DIET = "DIETClassifier"


def folds_of(examples: list, k: int) -> list[list]:
    """K folds with every intent spread evenly, in an order fixed by the texts (no random draw)."""
    folds = [[] for _ in range(k)]
    by_intent: dict[str, list] = {}
    for example in examples:
        by_intent.setdefault(example.get("intent"), []).append(example)
    for intent in sorted(by_intent):
        ordered = sorted(by_intent[intent], key=lambda m: hashlib.sha1(m.get("text").encode()).hexdigest())
        for index, example in enumerate(ordered):
            folds[index % k].append(example)
    return folds


def diet_config(out_dir: Path, epochs: int | None = None) -> Path:
    """config.yml's pipeline up to DIET, which reports its full ranking (`epochs`: DIET's, to compare)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    pipeline = config["pipeline"]
    config["pipeline"] = pipeline[: [c["name"] for c in pipeline].index(DIET) + 1]
    config["pipeline"][-1] = dict(config["pipeline"][-1], ranking_length=0, **({"epochs": epochs} if epochs else {}))
    config.pop("policies", None)
    path = out_dir / "config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def diet_rankings(model: Path, texts: list[str]) -> list[list[dict]]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # unconfigured, Rasa's structured logs print every parse
    agent = Agent.load(str(model))

    async def parse_all() -> list[list[dict]]:
        return [(await agent.parse_message(text))["intent_ranking"] for text in texts]

    return asyncio.run(parse_all())


def run_fold(index: int, train: list, test: list, data, out_dir: Path, epochs: int | None) -> dict[float, int]:
    """How many of the fold's messages each share gets right."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.training_data import TrainingData

    fold_dir = out_dir / f"fold_{index}"
    (fold_dir / "nlu").mkdir(parents=True, exist_ok=True)
    fold_data = TrainingData(
        training_examples=train,
        entity_synonyms=data.entity_synonyms,
        regex_features=data.regex_features,
        lookup_tables=data.lookup_tables,
    )
    RasaYAMLWriter().dump(fold_dir / "nlu" / "train.yml", fold_data)
    model = fold_dir / "diet.tar.gz"
    subprocess.run(
        training_command(model, config=diet_config(fold_dir, epochs), nlu_only=True, nlu=fold_dir / "nlu"),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    texts, expected = [m.get("text") for m in test], [m.get("intent") for m in test]
    ngrams = NgramIntents.fit([m.get("text") for m in train], [m.get("intent") for m in train])
    read = list(zip(diet_rankings(model, texts), ngrams.probabilities(texts), expected))
    return {
        share: sum(blend(ranking, ngrams.intents, row, share)[0]["name"] == intent for ranking, row, intent in read)
        for share in SHARES
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--epochs", type=int, help="DIET's epochs instead of config.yml's, to compare")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.getLogger("rasa").setLevel(logging.WARNING)
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(NLU_DATA))
    # One message per (text, intent): an example written for two registers differs only by its block's metadata,
    # and must not be in a fold and in the training of that fold.
    examples = list({(m.get("text"), m.get("intent")): m for m in data.intent_examples if m.get("text")}.values())
    folds = folds_of(examples, args.folds)
    out_dir = RESULTS / "blend_weight" / (f"{args.epochs}_epochs" if args.epochs else "config")
    totals = dict.fromkeys(SHARES, 0)
    for index, test in enumerate(folds):
        train = [m for other, fold in enumerate(folds) if other != index for m in fold]
        right = run_fold(index, train, test, data, out_dir, args.epochs)
        print(
            f"fold {index + 1}/{len(folds)} ({len(test)} messages): "
            + "  ".join(f"{share:.1f}: {right[share] / len(test):.4f}" for share in SHARES),
            flush=True,
        )
        for share in SHARES:
            totals[share] += right[share]
    best = max(SHARES, key=lambda share: (totals[share], -share))
    print("all folds: " + "  ".join(f"{share:.1f}: {totals[share] / len(examples):.4f}" for share in SHARES))
    print(f"best share of the n-gram model: {best:.1f}")


if __name__ == "__main__":
    main()
