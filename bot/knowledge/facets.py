"""What aspect of a topic the person asks about: amounts, conditions, how to apply..."""

from __future__ import annotations

import re

from bot.text import fold

# Checked in this order: the first facet whose words appear wins. A word ending
# with * matches as a prefix ("simul*": simuler, simulation); others match whole.
FACET_WORDS = {
    "pieces": ("piece*", "papier*", "document*", "justificatif*"),
    "simuler": ("simul*", "estim*", "calcul*"),
    "montants": ("combien", "cb", "cmb", "montant*", "touch*", "euro*", "€", "prix", "somme*"),
    "demande": (
        "faire la demande",
        "faire une demande",
        "faire ma demande",
        "demander l",
        "demander la",
        "demander le",
        "deposer",
        "comment faire",
        "comment on fait",
        "inscri*",
        "dossier",
        "formulaire*",
        "demarche*",
    ),
    "conditions": ("droit*", "condition*", "eligible*", "plafond*", "qui peut", "age", "ages"),
    "lieu": ("ou aller", "ou se trouve", "adresse*", "guichet*"),
}
FACET_TITLES = {
    "montants": "Montants",
    "conditions": "Conditions",
    "demande": "Faire la demande",
    "pieces": "Pièces à fournir",
    "lieu": "Trouver un lieu d'accueil",
    "simuler": "Simuler",
}
DEFAULT_FACET = "resume"


def detect_facet(text: str | None, explicit: str | None = None) -> str:
    """The facet named by a button, else the first facet whose words the text contains."""
    if explicit in FACET_TITLES:
        return explicit
    folded = fold(text or "")
    for facet, pattern in _FACET_PATTERNS.items():
        if pattern.search(folded):
            return facet
    return DEFAULT_FACET


def _pattern(word: str) -> str:
    stem = re.escape(fold(word.rstrip("*")))
    return rf"(?<!\w){stem}" + ("" if word.endswith("*") else r"(?!\w)")


# One compiled alternation per facet: one pass over the text per facet.
_FACET_PATTERNS = {
    facet: re.compile("|".join(_pattern(word) for word in words)) for facet, words in FACET_WORDS.items()
}
