"""Recognise a service type written in plain words (« une creche », « la sécu ») without the NLU.

Used when the form asked « quel type de lieu ? » and the NLU tagged no entity.
Spellings come from the entity synonyms of data/nlu/synonyms.yml and the labels
of data/directory/service_types.yml.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

from bot.paths import DATA, SYNONYMS
from bot.text import fold

# The service types of the contract (shared/spec/intents.md), the `service_type` entity's values.
SERVICE_TYPES = (
    "caf",
    "cpam",
    "ccas",
    "mairie",
    "france_services",
    "creche",
    "rpe",
    "laep",
    "pmi",
    "centre_social",
    "mission_locale",
    "pij",
    "mediation_familiale",
)


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    spellings = {fold(value.replace("_", " ")): value for value in SERVICE_TYPES}
    with open(SYNONYMS, encoding="utf-8") as handle:
        for block in yaml.safe_load(handle)["nlu"]:
            if block.get("synonym") in SERVICE_TYPES:
                for line in block["examples"].splitlines():
                    spellings[fold(line.lstrip("- ").strip())] = block["synonym"]
    with open(DATA / "directory" / "service_types.yml", encoding="utf-8") as handle:
        for value, labels in yaml.safe_load(handle)["service_types"].items():
            for label in labels.values():
                if isinstance(label, str):
                    spellings[fold(label)] = value
    spellings.pop("", None)
    return spellings


def service_type_spellings() -> dict[str, str]:
    """Every spelling of a service type, as written and folded (plurals too) -> its canonical value."""
    spellings = dict(_spellings())
    with open(SYNONYMS, encoding="utf-8") as handle:
        for block in yaml.safe_load(handle)["nlu"]:
            if block.get("synonym") in SERVICE_TYPES:
                for line in block["examples"].splitlines():
                    if line.strip():
                        spellings[line.lstrip("- ").strip()] = block["synonym"]
    for spelling, value in list(spellings.items()):
        if " " not in spelling and not spelling.endswith(("s", "x")) and len(spelling) > 4:
            spellings.setdefault(spelling + "s", value)  # « creches », « mairies »
    return spellings


def service_type_in_text(text: str | None) -> str | None:
    """The service type whose longest spelling appears as whole words in the text."""
    found = service_type_span(text)
    return found[0] if found else None


@lru_cache(maxsize=1)
def _spelling_pattern() -> re.Pattern:
    """One alternation of every folded spelling, longest first (a plural « s » allowed)."""
    spellings = sorted(_spellings(), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(s) for s in spellings) + r")s?(?![a-z0-9])")


def _plain(text: str) -> str:
    """Lowercase, accents and hyphens/apostrophes gone, one character for one: positions stay those of the text."""
    return "".join(" " if ch in "-'’" else (unicodedata.normalize("NFKD", ch)[:1] or ch) for ch in text.lower())


def service_type_span(text: str | None) -> tuple[str, int, int] | None:
    """(canonical value, start, end) of the longest service-type spelling in the first 300 characters."""
    raw = (text or "")[:300]
    matches = list(_spelling_pattern().finditer(_plain(raw)))
    if not matches:
        return None
    best = max(matches, key=lambda m: len(m.group(1)))
    return _spellings()[best.group(1)], best.start(), best.end()
