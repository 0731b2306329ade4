"""Read Rasa NLU YAML files into plain examples (intent, text without markup)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.text import fold

# [text](entity) or [text]{"entity": ..., "value": ...}
ENTITY_MARKUP = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<name>[^)]+)\)|(?P<json>\{[^}]*\}))")


@dataclass(frozen=True)
class Example:
    intent: str
    text: str  # as the person writes it, markup removed
    markup: str  # as in the file
    path: Path
    line: int

    @property
    def folded(self) -> str:
        return folded(self.text)


def folded(text: str) -> str:
    """Case, accents and punctuation folded, to find duplicates."""
    return " ".join(re.sub(r"[^\w ]", " ", fold(text)).split())


def strip_markup(example: str) -> str:
    return ENTITY_MARKUP.sub(lambda m: m.group("text"), example)


def read_examples(path: Path) -> list[Example]:
    """Every intent example of one NLU file, with its line number."""
    raw_lines = path.read_text(encoding="utf-8").splitlines()
    document = yaml.safe_load("\n".join(raw_lines)) or {}
    examples = []
    for block in document.get("nlu", []):
        if "intent" not in block:
            continue
        for markup in _example_lines(block["examples"]):
            line = next((n for n, raw in enumerate(raw_lines, 1) if raw.strip() == f"- {markup}"), 0)
            examples.append(Example(block["intent"], strip_markup(markup), markup, path, line))
    return examples


def read_all(directory: Path) -> list[Example]:
    return [ex for path in sorted(directory.rglob("*.yml")) for ex in read_examples(path)]


def _example_lines(block: str) -> list[str]:
    return [line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")]
