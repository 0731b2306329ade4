"""The held-out sets as the evaluation reads them: each message with its intent, its entities and its set.

`tests/data/nlu/<set>/<category>.yml`: one folder per set (set_a, the project's own
held-out set; set_b and set_c, written blind by people who never saw the training
data), one file per category (a persona, a register or a purpose). Entity values
are taken after the synonyms of data/nlu/synonyms.yml, as the assistant maps them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.nlu.examples import ENTITY_MARKUP, read_examples
from bot.paths import HELDOUT_NLU, SYNONYMS
from bot.text import fold

SCORED_ENTITIES = ("service_type", "location")


@dataclass(frozen=True)
class HeldOutExample:
    text: str
    intent: str
    entities: tuple[tuple[str, str], ...]  # (entity, value after synonyms), sorted
    set: str  # the folder: set_a, set_b, set_c
    category: str  # the file name without .yml


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Folded spelling -> canonical value, from data/nlu/synonyms.yml."""
    mapping = {}
    with open(SYNONYMS, encoding="utf-8") as handle:
        for block in yaml.safe_load(handle)["nlu"]:
            if "synonym" in block:
                for line in block["examples"].splitlines():
                    mapping[fold(line.lstrip("- ").strip())] = block["synonym"]
    return mapping


LEADING_ARTICLE = re.compile(r"^(?:le|la|les|l) ")


def entity_value(entity: str, value: str) -> str:
    """The value compared: a service type as its canonical value, a place folded without a leading
    article (« la Mare Rouge » and « Mare Rouge » are the same place; annotators differ on the article)."""
    if entity == "service_type":
        return synonyms().get(fold(value), value)
    return LEADING_ARTICLE.sub("", fold(value))


def annotated_entities(markup: str) -> tuple[tuple[str, str], ...]:
    found = []
    for match in ENTITY_MARKUP.finditer(markup):
        if match.group("json"):
            data = json.loads(match.group("json"))
            entity, value = data.get("entity"), data.get("value", match.group("text"))
        else:
            entity, value = match.group("name"), match.group("text")
        if entity in SCORED_ENTITIES:
            found.append((entity, entity_value(entity, value)))
    return tuple(sorted(found))


def read_heldout(root: Path = HELDOUT_NLU) -> list[HeldOutExample]:
    examples = []
    for path in sorted(root.rglob("*.yml")):
        set_name = path.relative_to(root).parts[0] if len(path.relative_to(root).parts) > 1 else "set_a"
        for example in read_examples(path):
            examples.append(
                HeldOutExample(example.text, example.intent, annotated_entities(example.markup), set_name, path.stem)
            )
    return examples
