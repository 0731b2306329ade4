"""Towns people name that are not Le Havre (data/places/communes.csv).

A town is recognised when its name is written as whole words after a word that
places someone (« à Rouen », « sur Montivilliers », « j'habite Harfleur », « la CAF
de Caen »), or when it is the whole answer. Names that are also common words
(`ambiguous`: « Eu », « Sens ») need a stronger context (« j'habite à Eu », « ville
de Sens ») or to be the whole answer. A name right after a type of way is a street
of Le Havre, not the town: « rue de Paris », « boulevard de Strasbourg ».
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.directory.street_names import after_street_type
from bot.paths import PLACES
from bot.text import fold

MAX_NAME_WORDS = 6
_PLACING = (
    r"(?:a|au|aux|en|sur|vers|de|du|d|pres de|pres du|cote de|habite|habite a|habite au|habite sur|"
    r"habite en|suis a|suis au|suis sur|suis en|vis a|vis au|vis sur|vis en|ville de|commune de|secteur de|"
    r"region de)"
)
_STRONG = (
    r"(?:habite|habite a|habite au|habite sur|habite en|suis a|suis au|suis sur|vis a|vis au|vis sur|"
    r"ville de|commune de|je viens de)"
)
_ARTICLE = r"(?:le |la |les |l )?"


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    ambiguous: bool


@lru_cache(maxsize=1)
def towns() -> dict[str, Town]:
    """Folded name (article included, and without it) → Town."""
    found: dict[str, Town] = {}
    with open(PLACES / "communes.csv", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            town = Town(row["code"], row["name"], row["ambiguous"] == "1")
            folded = fold(town.name)
            # Several towns share a name: the most populous one is the one people mean.
            found.setdefault(folded, town)
            bare = re.sub(r"^(le|la|les|l) ", "", folded)
            found.setdefault(bare, town)
    return found


def _context(words: list[str], start: int) -> str:
    return " ".join(words[max(0, start - 3) : start])


def town_in_text(folded: str) -> Town | None:
    """The town named in the (folded) text, or None."""
    words = folded.split()
    if not words:
        return None
    known = towns()
    whole = " ".join(w for w in words if w not in ("a", "au", "sur", "vers", "en"))
    if whole in known:
        return known[whole]
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for start in range(0, len(words) - size + 1):
            town = known.get(" ".join(words[start : start + size]))
            if town is None or after_street_type(words, start):
                continue
            before = _context(words, start)
            pattern = _STRONG if town.ambiguous else _PLACING
            if re.search(rf"(?:^|\s){pattern} {_ARTICLE}$", before + " "):
                return town
    return None
