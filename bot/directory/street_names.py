"""Street names as people write them and as the address base (BAN) writes them.

`street_key` reduces a name to a comparable key: folded, the type of way spelled in
full (« bd » → boulevard), articles and « de » left out: « Boulevard de Strasbourg »,
« bd strasbourg » and « BOULEVARD DE STRASBOURG » share the key « boulevard strasbourg ».

`mentions` finds where a message names a street: a type of way followed by words
(« j'habite rue de Paris », « près du 45 rue Gustave Brindeau »), with the house
number when there is one. The words after the type are candidates of decreasing
length (« rue de paris et je cherche… » tries « rue paris et je cherche », …,
« rue paris »): the address base says which one exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text import fold

# Type of way → the spellings people use (folded). « cote » and « r » are left out: « du côté de »
# and a lone « r » are too often something else.
STREET_TYPES = {
    "rue": ("rue", "rues"),
    "avenue": ("avenue", "av", "ave"),
    "boulevard": ("boulevard", "bd", "bld", "boul", "blvd"),
    "place": ("place", "pl"),
    "allee": ("allee", "all"),
    "impasse": ("impasse", "imp"),
    "chemin": ("chemin", "chem", "che"),
    "route": ("route", "rte"),
    "quai": ("quai",),
    "cours": ("cours", "crs"),
    "square": ("square", "sq"),
    "chaussee": ("chaussee", "chs"),
    "passage": ("passage",),
    "sente": ("sente",),
    "sentier": ("sentier",),
    "esplanade": ("esplanade",),
    "parvis": ("parvis",),
    "residence": ("residence", "res"),
    "cite": ("cite",),
    "villa": ("villa",),
    "hameau": ("hameau",),
    "escalier": ("escalier",),
    "promenade": ("promenade", "prom"),
    "rond point": ("rond point",),
    "voie": ("voie",),
    "venelle": ("venelle",),
    "rampe": ("rampe",),
    "digue": ("digue",),
    "jetee": ("jetee",),
    "carrefour": ("carrefour",),
}
SPELLINGS = {spelling: canonical for canonical, spellings in STREET_TYPES.items() for spelling in spellings}
# Types that make a message name a street even when the address base does not know it
# (« place », « cité », « voie »... are too often other words: « une place en crèche »).
STRONG_TYPES = frozenset(
    {
        "rue",
        "avenue",
        "boulevard",
        "impasse",
        "allee",
        "chemin",
        "route",
        "quai",
        "cours",
        "square",
        "chaussee",
        "sente",
        "sentier",
        "esplanade",
        "venelle",
        "rond point",
    }
)
# Words left out of keys; « st »/« ste » are spelled out.
LINK_WORDS = frozenset(["de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et"])
ABBREVIATIONS = {
    "st": "saint",
    "ste": "sainte",
    "gal": "general",
    "mal": "marechal",
    "pdt": "president",
    "dr": "docteur",
    "prof": "professeur",
}
MAX_NAME_WORDS = 8
# Where the street name stops for sure: punctuation, a postcode, the city, a new clause.
_STOP = re.compile(r"[,.;:!?()]|\b76\d{3}\b|\ble havre\b|\bau havre\b|\bsvp\b|\bstp\b|\bs il vous plait\b")
_TYPES = "|".join(sorted((re.escape(s) for s in SPELLINGS), key=len, reverse=True))
_MENTION = re.compile(
    rf"(?:\b(?P<number>\d{{1,4}})\s*(?P<suffix>bis|ter|quater|[a-d](?![a-z]))?\s*,?\s*)?"
    rf"\b(?P<type>{_TYPES})\b\s+(?P<rest>[a-z0-9 ]+)"
)


@dataclass(frozen=True)
class Mention:
    """A street named in a message: candidate keys (longest first), house number, where it starts."""

    keys: tuple[str, ...]
    number: int | None
    suffix: str | None
    start: int
    end: int

    @property
    def strong(self) -> bool:
        """A number or a type that only names ways (« rue », « avenue »...)."""
        kind = next(k for k in STREET_TYPES if self.keys[0] == k or self.keys[0].startswith(k + " "))
        return self.number is not None or kind in STRONG_TYPES


def _words(name: str) -> list[str]:
    return [ABBREVIATIONS.get(word, word) for word in fold(name).split() if word not in LINK_WORDS]


def street_key(name: str) -> str:
    """« Boulevard de Strasbourg » → « boulevard strasbourg »."""
    words = _words(name)
    if words:
        first_two = " ".join(words[:2])
        if first_two in SPELLINGS:
            words = [SPELLINGS[first_two]] + words[2:]
        elif words[0] in SPELLINGS:
            words = [SPELLINGS[words[0]]] + words[1:]
    return " ".join(words)


def mentions(text: str) -> list[Mention]:
    """Every street named in the message (folded text), in order."""
    folded = fold(text or "")[:300]
    found = []
    for match in _MENTION.finditer(folded):
        rest = _STOP.split(match["rest"], maxsplit=1)[0]
        words = list(_words(rest))[:MAX_NAME_WORDS]
        if not words:
            continue
        kind = SPELLINGS[match["type"]]
        keys = tuple(" ".join([kind, *words[:size]]) for size in range(len(words), 0, -1))
        number = int(match["number"]) if match["number"] else None
        end = match.start("rest") + len(rest)
        found.append(Mention(keys, number, match["suffix"], match.start(), end))
    return found


def after_street_type(words: list[str], start: int) -> bool:
    """True when the words before `start` are a type of way (link words skipped): « rue de | paris »
    names a street of Le Havre, not the town."""
    index = start - 1
    while index >= 0 and words[index] in LINK_WORDS:
        index -= 1
    if index < 0:
        return False
    return words[index] in SPELLINGS or " ".join(words[max(0, index - 1) : index + 1]) in SPELLINGS
