"""Small helpers on raw user text, shared by every package: folding, readability, « stop »."""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase, no accents, hyphens and apostrophes as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[-'’]", " ", text).split())


def visible(text: str) -> str:
    """The text with control and invisible formatting characters (NUL, terminal escapes, bidi
    overrides) shown as « � », so that it is safe in a terminal, a CSV file or a log line."""
    return "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n" else ch
                   for ch in text)


def has_readable_words(text: str | None) -> bool:
    """True when the text holds at least one letter or digit (not only spaces, emoji, symbols)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text or "")


STOP_WORDS = re.compile(r"^non( merci)?$|\b(stop|arrete[rz]?|arreter|annule[rz]?|laisse tomber|on arrete|pas maintenant|"
                        r"plus tard|je ne veux (plus|pas)|j ?veux (plus|pas)|abandonne[rz]?|quitter)\b")


def is_stop_request(text: str | None) -> bool:
    """'stop', 'annuler', 'laisse tomber', 'je ne veux plus'..."""
    return bool(STOP_WORDS.search(fold(text or "")))
