"""Every fact of the knowledge, directory and place data has a source and a date; every figure is cross-checked
against the rules engine or says why not (data/knowledge/engine_checks.yml)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from bot.checks.problems import Problem, at, unreadable_yaml
from bot.paths import DIRECTORY, KNOWLEDGE, PLACES

SOURCE_FIX = "écrivez d'où vient l'information (texte officiel, page, document) dans « source: »"
FILE_SOURCE = "# Source:"  # the first line of a CSV whose rows all come from one dated or versioned source
ENGINE_CHECKS = "engine_checks.yml"


def _load(path: Path):
    """The YAML document with line numbers (ruamel keeps them, PyYAML does not)."""
    return YAML(typ="rt").load(path.read_text(encoding="utf-8")) or {}


def _line(node, key: str | None = None) -> int:
    """1-based line of a mapping (or of one of its keys)."""
    try:
        return (node.lc.key(key)[0] if key in node else node.lc.line) + 1
    except (AttributeError, KeyError, TypeError):
        return 0


def _is_date(value) -> bool:
    if isinstance(value, date):
        return True
    try:
        date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def _check_fact(path: Path, what: str, source, checked, date_key: str, lines: tuple[int, int]) -> list[Problem]:
    """One fact: a non-empty source and a valid date (YYYY-MM-DD); `lines`: where each is written."""
    problems = []
    if not str(source or "").strip():
        problems.append(Problem(at(path, lines[0]), f"{what} n'a pas de source", SOURCE_FIX))
    if not _is_date(checked):
        problems.append(
            Problem(
                at(path, lines[1]),
                f"{what} : « {date_key} » n'est pas une date ({checked!r})",
                f"écrivez « {date_key}: AAAA-MM-JJ », la date où l'information a été vérifiée",
            )
        )
    return problems


def _check_item(path: Path, node, what: str, date_key: str) -> list[Problem]:
    """One fact of a YAML file: a non-empty `source` and a valid `date_key`."""
    lines = (_line(node, "source"), _line(node, date_key))
    return _check_fact(path, what, node.get("source"), node.get(date_key), date_key, lines)


def engine_checked(knowledge: Path) -> set[str] | None:
    """The figure ids of data/knowledge/engine_checks.yml (with a formula or a reason), None without the file."""
    path = knowledge / ENGINE_CHECKS
    if not path.exists():
        return None
    data = _load(path)
    return {str(key) for section in ("figures", "not_in_engine") for key in (data.get(section) or {})}


def check_entry(path: Path, checked: set[str] | None = None) -> list[Problem]:
    """A knowledge entry: its `checked` date, a source and date on every figure row, and every figure in
    `checked` (the ids of engine_checks.yml) when given."""
    entry = _load(path)
    problems = []
    if not _is_date(entry.get("checked")):
        problems.append(
            Problem(
                at(path, _line(entry, "checked")),
                f"la fiche n'a pas de date de vérification valide ({entry.get('checked')!r})",
                "écrivez « checked: AAAA-MM-JJ », la date où la fiche a été vérifiée",
            )
        )
    for figure in entry.get("figures") or []:
        if checked is not None and figure.get("id") not in checked:
            problems.append(
                Problem(
                    at(path, _line(figure, "id")),
                    f"le chiffre {figure.get('id')} n'est pas comparé au moteur de règles",
                    f"ajoutez « {figure.get('id')} » à data/knowledge/{ENGINE_CHECKS} : sa formule sous « figures: », "
                    "ou sous « not_in_engine: » pourquoi le moteur ne peut pas le vérifier (docs/knowledge.md)",
                )
            )
        for row in figure.get("rows") or []:
            problems += _check_item(
                path, row, f"le chiffre {figure.get('id')} (ligne de {row.get('effective')})", "effective"
            )
    return problems


def check_named_items(path: Path, key: str, date_key: str = "checked") -> list[Problem]:
    """Items under `key:` (a mapping of named items or a list) each with a source and a date."""
    items = _load(path).get(key) or []
    named = (
        items.items() if hasattr(items, "items") else ((item.get("key") or item.get("name"), item) for item in items)
    )
    problems = []
    for name, item in named:
        problems += _check_item(path, item, f"« {name} »", date_key)
    return problems


def check_directory_file(path: Path) -> list[Problem]:
    """Each list of records (`services:`, `places:`…) of a directory file; lists of plain names hold no fact."""
    return [
        problem
        for key, value in _load(path).items()
        if isinstance(value, list) and value and all(hasattr(item, "get") for item in value)
        for problem in check_named_items(path, key)
    ]


def check_csv_file(path: Path) -> list[Problem]:
    """A CSV of places: a `source` and a `checked` date on every row, unless a first line `# Source: …` gives
    the source (and its version) of every row."""
    text = path.read_text(encoding="utf-8")
    if text.startswith(FILE_SOURCE):
        source = text.splitlines()[0].removeprefix(FILE_SOURCE).strip()
        return [] if source else [Problem(at(path, 1), "le fichier n'a pas de source", SOURCE_FIX)]
    reader = csv.DictReader(text.splitlines())
    problems = []
    for row in reader:
        what = f"« {row.get(reader.fieldnames[0]) if reader.fieldnames else '?'} »"
        line = reader.line_num
        problems += _check_fact(path, what, row.get("source"), row.get("checked"), "checked", (line, line))
    return problems


def _safely(check, path: Path, *args) -> list[Problem]:
    """Run one file's check; an unreadable file (syntax, impossible date) becomes a problem at its line."""
    try:
        return check(path, *args)
    except (MarkedYAMLError, ValueError) as error:
        return [unreadable_yaml(path, error)]


def check_facts(knowledge: Path = KNOWLEDGE, directory: Path = DIRECTORY, places: Path = PLACES) -> list[Problem]:
    checked = engine_checked(knowledge)
    problems = [
        p for path in sorted((knowledge / "entries").glob("*.yml")) for p in _safely(check_entry, path, checked)
    ]
    problems += _safely(check_named_items, knowledge / "contacts.yml", "contacts")
    for folder in (directory, places):
        for path in sorted(folder.glob("*.yml")) if folder.exists() else ():
            problems += _safely(check_directory_file, path)
    for path in sorted(places.glob("*.csv")) if places.exists() else ():
        problems += check_csv_file(path)
    return problems
