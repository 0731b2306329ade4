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
