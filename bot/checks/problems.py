"""A problem found in the project's data: where (file:line), what, and how to fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.paths import relative


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where} : {self.message}\n    → {self.fix}"


def at(path: Path, line: int) -> str:
    """`file:line` as shown to trainers (line 0: the file as a whole)."""
    return f"{relative(path)}:{line}" if line else relative(path)


def line_of(path: Path, pattern: str, after: int = 0) -> int:
    """The first line (1-based) after line `after` matching the regex, else 0."""
    if not path.exists():
        return 0
    regex = re.compile(pattern)
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number > after and regex.search(text):
            return number
    return 0


def intent_line(path: Path, intent: str) -> int:
    """The line declaring an intent in domain.yml or naming it in an NLU file."""
    return line_of(path, rf"^\s*-\s+(intent:\s*)?{re.escape(intent)}\s*$")


def _impossible_date_line(path: Path) -> int:
    """The line of the first YYYY-MM-DD that is not a real date (YAML loaders fail on them)."""
    from datetime import date

    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for found in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text):
            try:
                date.fromisoformat(found)
            except ValueError:
                return number
    return 0


def unreadable_yaml(path: Path, error: Exception) -> Problem:
    """A YAML file that cannot be read (syntax error, impossible date), at its line."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return Problem(
            at(path, mark.line + 1),
            f"le fichier n'est pas du YAML valide ({getattr(error, 'problem', '')})",
            "corrigez l'indentation, ou mettez entre guillemets un texte qui contient « : »",
        )
    return Problem(
        at(path, _impossible_date_line(path)),
        f"date impossible ({error})",
        "écrivez une date réelle au format AAAA-MM-JJ",
    )
