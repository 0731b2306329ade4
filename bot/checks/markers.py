"""Nothing half-done ships: no « À COMPLÉTER » marker left by `bot intent new`."""

from __future__ import annotations

from pathlib import Path

from bot.checks.problems import Problem, at
from bot.paths import DATA, DOMAIN, HELDOUT_NLU, INTENTS_DOC, TEST_CONVERSATIONS
from bot.text import fold

MARKER = "À COMPLÉTER"
_FOLDED_MARKER = fold(MARKER)


def scanned_files() -> list[Path]:
    """The files a trainer edits: domain, data, held-out examples, test conversations, intents doc."""
    files = [DOMAIN, INTENTS_DOC, *sorted(DATA.rglob("*.yml"))]
    files += sorted(HELDOUT_NLU.rglob("*.yml")) + sorted(TEST_CONVERSATIONS.rglob("*.yml"))
    return [path for path in files if path.exists()]


def marker_runs(path: Path) -> list[tuple[int, int]]:
    """(first, last) line numbers of each run of consecutive lines holding the marker."""
    runs: list[tuple[int, int]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if _FOLDED_MARKER in fold(line):
            if runs and runs[-1][1] == number - 1:
                runs[-1] = (runs[-1][0], number)
            else:
                runs.append((number, number))
    return runs


def check_markers(files: list[Path] | None = None) -> list[Problem]:
    problems = []
    for path in files if files is not None else scanned_files():
        for first, last in marker_runs(path):
            lines = f"ligne {first}" if first == last else f"lignes {first} à {last}"
            problems.append(
                Problem(
                    at(path, first),
                    f"« {MARKER} » reste à remplacer ({lines})",
                    f"remplacez chaque « {MARKER} » par le vrai contenu (voir docs/guide-formateurs.md)",
                )
            )
    return problems
