"""The n-gram intent model fitted in a second process while Rasa prepares and trains DIET.

Rasa's training graph runs one component after the other, and most of it (loading,
featurizers, the policies) keeps one core busy; the n-gram model needs only the
training texts. bot/nlu/rasa_train.py starts `python -m bot.nlu.ngram_prefit`
before the training: it reads the NLU data as Rasa does, fits the model and stores
it, with a key made of every (intent, text) pair in order and the settings.
IntentBlend.train (components/intent_blend.py) then takes that model when the key
matches its own training data, and otherwise fits its own: the same model either way.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bot.nlu import ngram_intents
from bot.nlu.ngram_intents import BLEND_DEFAULTS, NgramIntents

DIRECTORY_VARIABLE = "NGRAM_PREFIT_DIR"
BLEND = "components.intent_blend.IntentBlend"  # the component's name in a pipeline
DONE, FAILED, KEY = "done", "failed", "key"
WAIT_SECONDS = 600  # a safety only: bot/nlu/rasa_train.py marks a prefit that ended without a model


def training_key(texts: list[str], intents: list[str], settings: dict[str, Any]) -> str:
    """Every (intent, text) pair in order, the settings and the model's code: one key per possible result."""
    digest = hashlib.sha256(inspect.getsource(ngram_intents).encode())
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for intent, text in zip(intents, texts):
        digest.update(f"{intent}\t{text}\n".encode())
    return digest.hexdigest()


def fit(texts: list[str], intents: list[str], settings: dict[str, Any]) -> NgramIntents:
    return NgramIntents.fit(texts, intents, max_iter=settings["max_iter"])


def prefitted(texts: list[str], intents: list[str], settings: dict[str, Any]) -> NgramIntents | None:
    """The model fitted beforehand on exactly these examples, waiting for it if needed; None otherwise."""
    named = os.environ.get(DIRECTORY_VARIABLE)
    if not named:
        return None
    directory = Path(named)
    deadline = time.monotonic() + WAIT_SECONDS
    while not (directory / DONE).exists() and not (directory / FAILED).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    if not (directory / DONE).exists():
        return None
    if (directory / KEY).read_text(encoding="utf-8") != training_key(texts, intents, settings):
        return None
    return NgramIntents.load(directory)


def blend_settings(config_path: Path) -> dict[str, Any] | None:
    """The IntentBlend settings of a pipeline (its defaults included), or None when it has no blend."""
    import yaml

    pipeline = (yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}).get("pipeline") or []
    for component in pipeline:
        if component.get("name") == BLEND:
            settings = {**BLEND_DEFAULTS, **component}
            return {"max_iter": settings["max_iter"]}
    return None


def intent_examples(config: Path, domain: Path | None, data: list[str]) -> tuple[list[str], list[str]]:
    """The intent examples with a text, read and in the order Rasa gives them to IntentBlend.train."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(str(config), str(domain) if domain else None, data)
    language = importer.get_config().get("language")
    examples = [e for e in importer.get_nlu_data(language).intent_examples if e.get("text") and e.get("intent")]
    return [e.get("text") for e in examples], [e.get("intent") for e in examples]


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--domain", type=Path)
    parser.add_argument("--data", nargs="+", required=True)
    args = parser.parse_args(arguments)
    try:
        settings = blend_settings(args.config)
        if settings is None:
            raise SystemExit(f"{args.config}: no {BLEND} in the pipeline")
        texts, intents = intent_examples(args.config, args.domain, args.data)
        model = fit(texts, intents, settings)
        model.save(args.directory)
        (args.directory / KEY).write_text(training_key(texts, intents, settings), encoding="utf-8")
        (args.directory / DONE).touch()
    except BaseException:
        (args.directory / FAILED).touch()
        raise


if __name__ == "__main__":
    main(sys.argv[1:])
