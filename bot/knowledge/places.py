"""Place names of Le Havre and the spelling variants people type.

The quartier names come from data/places/quartiers_le_havre.csv (copied from
the researched reference, with sources); landmarks from data/places/landmarks.yml.
"""

from __future__ import annotations

import csv
import re

from bot.knowledge.files import load
from bot.paths import PLACES
from bot.text import fold

ABBREVIATIONS = ((r"\bsainte\b", "ste"), (r"\bsaint\b", "st"), (r"\bmont\b", "mt"))


def quartier_names() -> list[str]:
    """Each quartier name of the CSV, with the alternative names given in brackets."""
    names = []
    with open(PLACES / "quartiers_le_havre.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            if name.startswith("Le Havre ("):
                continue
            main, _, extra = name.partition("(")
            names.append(main.strip())
            for alias in extra.rstrip(")").split("/"):
                alias = re.sub(r"^ex-", "", alias.strip())
                if alias:
                    names.append(alias)
    return names


def landmark_names() -> list[str]:
    """The landmarks people name to say where they are (names only: their points are in places.yml)."""
    return load("landmarks", PLACES)["landmarks"]


def place_names() -> list[str]:
    """Every quartier name (alternative names included), then every landmark."""
    return quartier_names() + landmark_names()


def spelling_variants(name: str) -> set[str]:
    """The name as written, folded, and with the usual abbreviations (st, ste, mt)."""
    folded = fold(name)
    variants = {name, folded}
    abbreviated = folded
    for pattern, short in ABBREVIATIONS:
        abbreviated = re.sub(pattern, short, abbreviated)
    variants.add(abbreviated)
    return variants


def location_lookup() -> list[str]:
    """Every quartier and landmark spelling for the NLU lookup table."""
    entries: set[str] = set()
    for name in place_names():
        entries |= spelling_variants(name)
    return sorted(entries, key=lambda name: (fold(name), name))
