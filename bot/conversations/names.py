"""Mask the names of people in what someone typed, keeping the names of places readable.

Four signs of a person's name, each enough on its own:
- a civility or title before capitalised words: « Mme Fatima Benali », « M. Durand »;
- a relative before capitalised words: « mon fils Enzo », « ma fille Manon et Léa »;
- an introduction: « je m'appelle karim », « mon nom est Haddad », « moi c'est Inès »;
- a person (PER) found by spaCy's French named entities (fr_core_news_md, only its
  tok2vec and ner pipes are loaded), unless a street or institution word comes just
  before it (« rue Jean Macé », « école Jacques Prévert ») or it is a place the
  assistant knows (a quartier or landmark of Le Havre).
Each name becomes « [NOM] ». Measured on a table of French sentences in
tests/conversations/test_names.py (names caught, places kept). The model is shared with
the NLU (bot/nlu/french_ner.py); if it cannot be loaded, the rules still apply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.conversations.masking import NAME
from bot.knowledge.places import place_names
from bot.nlu.french_ner import named_entities
from bot.text import fold

CAPITALISED = r"(?-i:[A-ZÀ-Ý][a-zà-ÿ'\-]+|[A-ZÀ-Ý]{2,})"
TITLES = r"M\.|Mr\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Maître|Me"
TITLE = re.compile(
    rf"\b(?P<title>{TITLES})\s+"
    rf"(?P<name>{CAPITALISED}(?:[ \-]{CAPITALISED}){{0,2}})",
    re.IGNORECASE,
)
LEADING_TITLE = re.compile(rf"^(?:{TITLES})\s+", re.IGNORECASE)
NOT_NAMES = {
    "le",
    "la",
    "les",
    "l",
    "de",
    "du",
    "des",
    "et",
    "ou",
    "je",
    "j",
    "suis",
    "ai",
    "a",
    "mon",
    "ma",
    "mes",
    "un",
    "une",
    "pas",
    "ne",
    "c",
    "est",
    "qui",
    "que",
    "avec",
    "pour",
    "mais",
    "donc",
    "car",
    "au",
    "aux",
    "en",
    "sur",
    "dans",
    "maman",
    "papa",
    "mere",
    "pere",
    "enceinte",
    "seul",
    "seule",
    "allocataire",
    "madame",
    "monsieur",
    "bien",
    "tres",
    "perdu",
    "perdue",
    "malade",
    "ici",
    "nouveau",
    "nouvelle",
}
INTRODUCTION = re.compile(
    r"\b(?:je m ?['’ ]?appel+e?|j ?m ?['’]?appel+e?|mon nom (?:est|c ?['’]?est)|mon nom de famille (?:est|c ?['’]?est)|"
    r"moi c ?['’]?est|mon prenom (?:est|c ?['’]?est)|mon prénom (?:est|c ?['’]?est))\s+"
    r"(?P<name>[\w\-]+(?:\s+[\w\-]+)?)",
    re.IGNORECASE,
)
RELATIVE = re.compile(
    r"\b(?:mon|ma|mes|notre|nos)\s+(?:fils|filles?|enfants?|mari|femme|conjointe?|compagnon|compagne|ex|fr[èe]res?|"
    r"s(?:oe|œ)urs?|m[èe]re|p[èe]re|petits?[- ]fils|petites?[- ]filles?|voisine?|b[ée]b[ée]|ni[èe]ce|neveu|cousine?|"
    r"copine|copain|belle[- ]m[èe]re|beau[- ]p[èe]re)\s*,?\s+"
    rf"(?P<name>{CAPITALISED}(?:[ \-]{CAPITALISED})?(?:\s+et\s+{CAPITALISED})?)",
    re.IGNORECASE,
)
# Words after which a person's name is the name of a street or an institution.
PLACE_WORDS = {
    "rue",
    "ruelle",
    "avenue",
    "av",
    "boulevard",
    "bd",
    "allee",
    "impasse",
    "quai",
    "square",
    "place",
    "cours",
    "chemin",
    "route",
    "residence",
    "rond",
    "point",
    "esplanade",
    "parvis",
    "passage",
    "cite",
    "ecole",
    "college",
    "lycee",
    "groupe",
    "scolaire",
    "centre",
    "maison",
    "creche",
    "halte",
    "garderie",
    "hopital",
    "clinique",
    "stade",
    "parc",
    "salle",
    "espace",
    "gymnase",
    "mediatheque",
    "bibliotheque",
    "fondation",
    "association",
    "foyer",
    "institut",
    "universite",
    "faculte",
    "pole",
    "gare",
    "pont",
    "quartier",
    "hotel",
    "tour",
    "bassin",
    "jardin",
    "cimetiere",
    "eglise",
    "musee",
    "theatre",
    "mairie",
    "social",
    "sociale",
    "ehpad",
    "station",
    "arret",
    "tram",
    "ligne",
    "bus",
    "batiment",
}
LINKING_WORDS = {"de", "du", "des", "d", "la", "le", "l", "saint", "sainte", "st", "ste"}


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    return frozenset(fold(name) for name in place_names())


def _after_place_word(text: str, start: int) -> bool:
    """True when a street or institution word comes just before `start` (« rue », « école de »...)."""
    words = fold(text[max(0, start - 40) : start]).split()
    while words and words[-1] in LINKING_WORDS:
        words.pop()
    return bool(words) and words[-1] in PLACE_WORDS


def _person_spans(text: str) -> list[tuple[int, int]]:
    spans = [match.span("name") for pattern in (TITLE, RELATIVE) for match in pattern.finditer(text)]
    for match in INTRODUCTION.finditer(text):
        words = match.group("name").split()
        kept = []
        for word in words:
            if fold(word) in NOT_NAMES:
                break
            kept.append(word)
        if kept:
            start = match.start("name")
            spans.append((start, start + len(" ".join(kept))))
    for label, start, end, found in named_entities(text):
        if label != "PER" or _after_place_word(text, start):
            continue
        if fold(found) in _known_places() or fold(found) in NOT_NAMES:
            continue
        title = LEADING_TITLE.match(found)
        spans.append((start + (title.end() if title else 0), end))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


@lru_cache(maxsize=2048)
def _name_spans(text: str) -> tuple[tuple[int, int], ...]:
    if not isinstance(text, str) or not re.search(r"[^\W\d_]{2}", text):
        return ()
    return tuple(_merged(_person_spans(text)))


def person_names(text: str) -> set[str]:
    """The names of people written in the text, as written."""
    return {text[start:end] for start, end in _name_spans(text)}


def mask_names(text: str) -> str:
    """The text with each person's name replaced by « [NOM] » (places left as they are)."""
    for start, end in reversed(_name_spans(text)):
        text = text[:start] + NAME + text[end:]
    return text
