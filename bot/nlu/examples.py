"""Read Rasa NLU YAML files into plain examples (intent, text without markup, register), and write example blocks.

The training data holds one file per intent, `data/nlu/<group>/<intent>.yml`, with one block per register
(the kind of writer or message the examples were written for), given as the block's metadata:

    - intent: ask_ars
      metadata: {register: english}
      examples: |
        - how much is the back to school allowance

Held-out files (tests/data/nlu/<set>/<category>.yml) have no metadata: their category is the file's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.text import fold

# [text](entity) or [text]{"entity": ..., "value": ...}
ENTITY_MARKUP = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<name>[^)]+)\)|(?P<json>\{[^}]*\}))")
REGISTER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Example:
    intent: str
    text: str  # as the person writes it, markup removed
    markup: str  # as in the file
    path: Path
    line: int
    register: str | None = None  # the block's `metadata: {register: ...}`, None without one

    @property
    def folded(self) -> str:
        return folded(self.text)


def folded(text: str) -> str:
    """Case, accents and punctuation folded, to find duplicates."""
    return " ".join(re.sub(r"[^\w ]", " ", fold(text)).split())


def strip_markup(example: str) -> str:
    return ENTITY_MARKUP.sub(lambda m: m.group("text"), example)


def read_examples(path: Path) -> list[Example]:
    """Every intent example of one NLU file, with its line number and its block's register."""
    text = path.read_text(encoding="utf-8")
    raw_lines = text.splitlines()
    document = yaml.safe_load(text) or {}
    examples = []
    for block, start in zip(document.get("nlu", []), _block_lines(text)):
        if "intent" not in block:
            continue
        metadata = block.get("metadata")
        register = metadata.get("register") if isinstance(metadata, dict) else None
        line = start
        for markup in _example_lines(block["examples"]):
            found = _line_of(raw_lines, f"- {markup}", after=line)
            examples.append(Example(block["intent"], strip_markup(markup), markup, path, found, register))
            line = found or line
    return examples


def read_all(directory: Path) -> list[Example]:
    return [ex for path in sorted(directory.rglob("*.yml")) for ex in read_examples(path)]


def example_block(intent: str, register: str, lines: list[str]) -> str:
    """The text of one block of examples written for one register (`lines`: the examples, markup included)."""
    examples = "".join(f"    - {line}\n" for line in lines)
    return f"- intent: {intent}\n  metadata: {{register: {register}}}\n  examples: |\n{examples}"


def _line_of(raw_lines: list[str], stripped: str, after: int) -> int:
    """The 1-based number of the first line after line `after` that reads `stripped` once stripped, else 0."""
    return next((n for n in range(after + 1, len(raw_lines) + 1) if raw_lines[n - 1].strip() == stripped), 0)


def _block_lines(text: str) -> list[int]:
    """The 0-based line where each item of the `nlu:` list starts."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    items = next((value for key, value in root.value if key.value == "nlu"), None)
    return [item.start_mark.line for item in items.value] if isinstance(items, yaml.SequenceNode) else []


def _example_lines(block: str) -> list[str]:
    return [line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")]
