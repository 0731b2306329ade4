"""`bot review --apply FILE`: add the examples the trainers labelled to the data.

Each row with an `intent` goes to the training data (the intent's file,
data/nlu/<group>/<intent>.yml, in its block of the register `review`, made at the
end of the file the first time) or, with `destination` = heldout, to the held-out
set (the tests/data/nlu/set_a file that holds the intent, right after its last
example). Rows whose message is already an example anywhere (compared folded:
case, accents, punctuation) are skipped, as are masked messages. An unknown intent
or destination refuses the whole file, so nothing is half applied.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.conversations.masking import has_mask
from bot.nlu.examples import Example, example_block, folded, read_all
from bot.paths import HELDOUT_NLU, NLU_DATA, PROJECT_HELDOUT, ROOT

REVIEW_REGISTER = "review"  # the register of the training examples taken from real conversations

DESTINATIONS = {
    "": "training",
    "training": "training",
    "entrainement": "training",
    "entraînement": "training",
    "heldout": "heldout",
    "test": "heldout",
}


class LabelError(ValueError):
    """The labelled file cannot be applied; the message says which line and why, in French."""


@dataclass(frozen=True)
class Label:
    line: int
    text: str
    intent: str
    destination: str  # training or heldout


@dataclass
class ApplyReport:
    added: list[tuple[Label, Path]] = field(default_factory=list)
    duplicates: list[Label] = field(default_factory=list)
    masked: list[Label] = field(default_factory=list)


def domain_intents(domain_file: Path = ROOT / "domain.yml") -> set[str]:
    intents = yaml.safe_load(domain_file.read_text(encoding="utf-8")).get("intents", [])
    return {next(iter(i)) if isinstance(i, dict) else i for i in intents}


def read_labels(path: Path, known_intents: set[str]) -> list[Label]:
    """The labelled rows of the file; LabelError on an unknown intent or destination."""
    if not path.is_file():
        raise LabelError(f"fichier introuvable : {path}")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = handle.readline()
        handle.seek(0)
        delimiter = ";" if header.count(";") >= header.count(",") else ","
        rows = list(csv.DictReader(handle, delimiter=delimiter))
    if rows and not {"message", "intent"} <= set(rows[0]):
        raise LabelError(f"{path} : il faut les colonnes « message » et « intent » (fichier de `bot review`)")
    labels, problems = [], []
    for number, row in enumerate(rows, start=2):
        intent, text = (row.get("intent") or "").strip(), " ".join((row.get("message") or "").split())
        destination = (row.get("destination") or "").strip().lower()
        if not intent or not text:
            continue
        if intent not in known_intents:
            problems.append(f"ligne {number} : intention inconnue « {intent} » (voir la liste dans domain.yml)")
        elif destination not in DESTINATIONS:
            problems.append(f"ligne {number} : destination « {destination} » : écrivez training ou heldout")
        else:
            labels.append(Label(number, text, intent, DESTINATIONS[destination]))
    if problems:
        raise LabelError("rien n'a été ajouté :\n  " + "\n  ".join(problems))
    return labels


def apply_labels(labels: list[Label], nlu_dir: Path = NLU_DATA, heldout_dir: Path = HELDOUT_NLU) -> ApplyReport:
    """Add the new examples to the files; return what was added and what was skipped.

    Held-out examples go to the project's own set (set_a), never to the blind sets."""
    training, heldout = read_all(nlu_dir), read_all(heldout_dir)
    seen = {example.folded for example in training + heldout}
    report = ApplyReport()
    additions: dict[Path, list[tuple[Example, Label]]] = defaultdict(list)
    new_blocks: dict[tuple[Path, str], list[Label]] = defaultdict(list)
    for label in labels:
        if has_mask(label.text) or "[" in label.text or "]" in label.text:
            report.masked.append(label)
            continue
        if folded(label.text) in seen:
            report.duplicates.append(label)
            continue
        seen.add(folded(label.text))
        path, anchor = _destination(label, training, heldout, nlu_dir, heldout_dir / PROJECT_HELDOUT.name)
        if anchor is None:
            new_blocks[(path, label.intent)].append(label)
        else:
            additions[path].append((anchor, label))
        report.added.append((label, path))
    for path, items in additions.items():
        _insert(path, items)
    for (path, intent), block in new_blocks.items():
        _append_block(path, intent, block)
    return report


def _destination(
    label: Label, training: list[Example], heldout: list[Example], nlu_dir: Path, heldout_dir: Path
) -> tuple[Path, Example | None]:
    """The file the label goes to, and the example to add it after (None: in a new block of the register review)."""
    if label.destination == "heldout":
        anchor = _last_example(heldout, label.intent, heldout_dir)
        if anchor is None:
            raise _no_file(heldout_dir, label.intent)
        return anchor.path, anchor
    files = sorted({e.path for e in training if e.intent == label.intent}, key=lambda p: (p.stem != label.intent, p))
    if not files:
        raise _no_file(nlu_dir, label.intent)
    reviewed = [e for e in training if e.register == REVIEW_REGISTER]
    return files[0], _last_example(reviewed, label.intent, files[0])


def _no_file(directory: Path, intent: str) -> LabelError:
    return LabelError(f"aucun fichier de {directory} ne contient encore l'intention « {intent} »")


def _last_example(examples: list[Example], intent: str, where: Path) -> Example | None:
    """The last example of the intent in the first file under `where` (a directory or a file) that holds it."""
    mine = [e for e in examples if e.intent == intent and e.path.is_relative_to(where) and e.line]
    if not mine:
        return None
    first_file = min(e.path for e in mine)
    return max((e for e in mine if e.path == first_file), key=lambda e: e.line)


def _append_block(path: Path, intent: str, labels: list[Label]) -> None:
    """A new block of the register `review` at the end of the intent's file."""
    text = path.read_text(encoding="utf-8")
    block = example_block(intent, REVIEW_REGISTER, [label.text for label in labels])
    path.write_text(text + ("" if text.endswith("\n") else "\n") + block, encoding="utf-8")


def _insert(path: Path, items: list[tuple[Example, Label]]) -> None:
    """Insert each label after its anchor line, keeping the anchor's indentation."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # From the bottom up, so line numbers stay right; same anchor: file order kept.
    for _, (anchor, label) in sorted(enumerate(items), key=lambda i: (i[1][0].line, i[0]), reverse=True):
        previous = lines[anchor.line - 1]
        lines[anchor.line - 1] = previous if previous.endswith("\n") else previous + "\n"
        indent = previous[: len(previous) - len(previous.lstrip())]
        lines.insert(anchor.line, f"{indent}- {label.text}\n")
    path.write_text("".join(lines), encoding="utf-8")
