"""Compare NLU pipelines on the four held-out sets (docs/pipeline.md).

Every variant is derived from config.yml, changing one thing at a time, trained
(NLU only) into results/pipelines/<variant>/ and evaluated with `bot evaluate`'s
own code: intent accuracy per set, the service_type and location entities,
in-scope messages sent to the fallback, out-of-scope recognised, parse time
(p95), training time and model size. `--only NAME[,NAME]` runs some variants.
"""

from __future__ import annotations

import copy
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bot.nlu.evaluation import evaluate_nlu
from bot.nlu.training import training_command
from bot.paths import RESULTS, ROOT

SPACY_HEAD = [{"name": "SpacyNLP", "model": "fr_core_news_md"}, {"name": "SpacyTokenizer"}, {"name": "SpacyFeaturizer"}]
SPACY_NAMES = {c["name"] for c in SPACY_HEAD}
SERVICE_TYPE_REGEX = {
    "name": "RegexEntityExtractor",
    "use_lookup_tables": True,
    "use_regexes": False,
    "use_word_boundaries": True,
    "case_sensitive": False,
}
SPACY_PLACES = {"name": "components.spacy_places.SpacyPlaces"}
INTENT_BLEND = "components.intent_blend.IntentBlend"


def _components(config: dict) -> list[dict]:
    return config["pipeline"]


def with_spacy(config: dict) -> dict:
    """spaCy's tokens, lemmas and word vectors in place of the whitespace tokenizer."""
    rest = [c for c in _components(config) if c["name"] not in SPACY_NAMES | {"WhitespaceTokenizer"}]
    return dict(config, pipeline=copy.deepcopy(SPACY_HEAD) + rest)


def without(config: dict, name: str) -> dict:
    return dict(config, pipeline=[c for c in _components(config) if c["name"] != name])


def inserted_after(config: dict, after: str, component: dict) -> dict:
    pipeline = []
    for c in _components(config):
        pipeline.append(c)
        if c["name"] == after:
            pipeline.append(copy.deepcopy(component))
    return dict(config, pipeline=pipeline)


def with_diet(config: dict, **settings) -> dict:
    return dict(
        config, pipeline=[dict(c, **settings) if c["name"] == "DIETClassifier" else c for c in _components(config)]
    )


def with_counts(config: dict, **settings) -> dict:
    """Settings changed on both CountVectorsFeaturizers (words and characters)."""
    return dict(
        config,
        pipeline=[dict(c, **settings) if c["name"] == "CountVectorsFeaturizer" else c for c in _components(config)],
    )


def variants(base: dict) -> dict[str, dict]:
    has_regex = any(c["name"] == "RegexEntityExtractor" for c in _components(base))
    has_places = any(c["name"] == SPACY_PLACES["name"] for c in _components(base))
    found = {"config.yml": base}
    if has_regex:
        found["without regex service_type"] = without(base, "RegexEntityExtractor")
    else:
        found["with regex service_type"] = inserted_after(base, "DIETClassifier", SERVICE_TYPE_REGEX)
    if has_places:
        found["without spaCy places"] = without(base, SPACY_PLACES["name"])
    else:
        found["with spaCy places"] = inserted_after(base, "DIETClassifier", SPACY_PLACES)
    found["with spaCy features"] = with_spacy(base)
    if any(c["name"] == INTENT_BLEND for c in _components(base)):
        found["DIET alone (no n-gram blend)"] = without(base, INTENT_BLEND)
    found["DIET 100 epochs"] = with_diet(base, epochs=100)
    found["DIET 70 epochs"] = with_diet(base, epochs=70)
    found["DIET batches of Rasa's default size"] = with_diet(base, batch_size=[64, 256])
    found["DIET on every n-gram (seen once too)"] = with_counts(base, min_df=1)
    found["DIET batches of 128 growing to 1024"] = with_diet(base, batch_size=[128, 1024])
    found["DIET dense layer of 64"] = with_diet(base, dense_dimension={"text": 64, "label": 20})
    found["DIET 2 transformer layers"] = with_diet(base, number_of_transformer_layers=2)
    return found


def run_variant(name: str, config: dict, out_dir: Path) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    config_path = out_dir / "config.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = out_dir / "nlu.tar.gz"
    started = time.monotonic()
    subprocess.run(
        training_command(model, config=config_path, nlu_only=True),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    train_seconds = time.monotonic() - started
    evaluation = evaluate_nlu(model, out_dir=out_dir)
    row = {
        "variant": name,
        "train_s": round(train_seconds),
        "size_mb": round(model.stat().st_size / 1e6, 1),
        "parse_p95_ms": round(statistics.quantiles(evaluation.parse_ms, n=100)[94], 1),
        "sets": {},
    }
    for set_name, f in evaluation.sets.items():
        row["sets"][set_name] = {
            "accuracy": f.accuracy,
            "service_type": f.entities["service_type"].f1,
            "location": f.entities["location"].f1,
            "fallback": f.fallback_rate,
            "out_of_scope": f.out_of_scope_recall,
        }
    return row


def print_rows(rows: list[dict]) -> None:
    print(
        f"\n{'variante':<28} {'jeu':<6} {'intentions':>10} {'service_type':>12} {'location':>9} "
        f"{'non compris':>11} {'hors sujet':>10} {'p95 (ms)':>9} {'entraîn. (s)':>12}"
    )
    for row in rows:
        for set_name, s in row["sets"].items():
            print(
                f"{row['variant']:<28} {set_name:<6} {s['accuracy']:>10.3f} {s['service_type']:>12.3f} "
                f"{s['location']:>9.3f} {s['fallback']:>11.3f} {s['out_of_scope']:>10.3f} "
                f"{row['parse_p95_ms']:>9} {row['train_s']:>12}"
            )


def main() -> None:
    base = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    chosen = variants(base)
    if "--only" in sys.argv:
        names = sys.argv[sys.argv.index("--only") + 1].split(",")
        chosen = {name: config for name, config in chosen.items() if name in names}
    rows = []
    for name, config in chosen.items():
        folder = RESULTS / "pipelines" / name.replace(" ", "_").replace(".", "_")
        rows.append(run_variant(name, config, folder))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    print_rows(rows)
    (RESULTS / "pipelines").mkdir(parents=True, exist_ok=True)
    (RESULTS / "pipelines" / "comparison.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
