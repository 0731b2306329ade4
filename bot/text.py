"""Small helpers on raw user text, shared by every package: folding, readability, « stop », English."""

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
    return "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n" else ch for ch in text)


def has_readable_words(text: str | None) -> bool:
    """True when the text holds at least one letter or digit (not only spaces, emoji, symbols)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text or "")


STOP_WORDS = re.compile(
    r"^non( merci)?$|\b(stop|arrete[rz]?|arreter|annule[rz]?|laisse tomber|on arrete|pas maintenant|"
    r"plus tard|je ne veux (plus|pas)|j ?veux (plus|pas)|abandonne[rz]?|quitter)\b"
)


def is_stop_request(text: str | None) -> bool:
    """'stop', 'annuler', 'laisse tomber', 'je ne veux plus'..."""
    return bool(STOP_WORDS.search(fold(text or "")))


ENGLISH_WORDS = frozenset(
    [
        "the",
        "is",
        "are",
        "was",
        "my",
        "i",
        "i'm",
        "im",
        "you",
        "your",
        "what",
        "how",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "with",
        "and",
        "to",
        "of",
        "it",
        "we",
        "our",
        "have",
        "has",
        "get",
        "need",
        "help",
        "please",
        "where",
        "when",
        "there",
        "this",
        "that",
        "will",
        "would",
        "should",
        "kids",
        "kid",
        "child",
        "children",
        "baby",
        "money",
        "near",
        "hello",
        "hi",
        "hey",
        "thanks",
        "thank",
        "yes",
        "bye",
        "goodbye",
        "which",
        "who",
        "much",
        "many",
        "pay",
        "paid",
        "apply",
        "benefit",
        "benefits",
        "allowance",
        "daughter",
        "son",
        "husband",
        "wife",
        "pregnant",
        "rent",
        "job",
        "work",
        "working",
        "school",
        "office",
        "open",
        "hours",
        "address",
        "phone",
        "number",
        "be",
        "been",
        "am",
        "an",
        "any",
        "some",
        "about",
        "from",
        "at",
        "in",
        "by",
        "or",
        "if",
        "not",
        "don't",
        "dont",
        "doesn't",
        "isn't",
        "young",
        "people",
        "me",
        "they",
        "their",
        "speak",
        "english",
        "tell",
        "know",
        "want",
        "looking",
        "find",
        "next",
        "month",
        "week",
        "day",
        "free",
        "cost",
        "much",
        "new",
    ]
)
FRENCH_WORDS = (
    frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "est",
            "je",
            "tu",
            "il",
            "elle",
            "nous",
            "vous",
            "mon",
            "ma",
            "mes",
            "ton",
            "ta",
            "tes",
            "son",
            "sa",
            "ses",
            "pour",
            "avec",
            "que",
            "qui",
            "quoi",
            "comment",
            "pas",
            "un",
            "une",
            "ai",
            "suis",
            "c",
            "j",
            "l",
            "d",
            "au",
            "aux",
            "en",
            "y",
            "ou",
            "sur",
            "dans",
            "ce",
            "cette",
            "ces",
            "mais",
            "donc",
            "car",
            "bonjour",
            "merci",
            "oui",
            "non",
            "combien",
            "quand",
            "quel",
            "quelle",
            "quels",
            "quelles",
            "mes",
            "enfants",
            "enfant",
            "bebe",
            "aide",
            "aides",
            "droit",
            "droits",
            "travail",
            "est-ce",
            "ça",
            "ca",
            "svp",
            "stp",
            "moi",
            "toi",
        ]
    )
    - ENGLISH_WORDS
)
SHORT_ENGLISH = frozenset(
    {
        "hello",
        "hi",
        "hey",
        "thanks",
        "thank you",
        "thx",
        "yes",
        "yes please",
        "yeah",
        "yep",
        "nope",
        "bye",
        "goodbye",
        "good morning",
        "good evening",
        "please",
        "sorry",
        "ok thanks",
        "cheers",
    }
)


def looks_english(text: str | None) -> bool:
    """True when the message is written in English (function words of English clearly outnumber French ones)."""
    words = re.findall(r"[a-z']+", (text or "").lower()[:2000])
    if not words:
        return False
    if " ".join(words) in SHORT_ENGLISH:
        return True
    english = sum(word in ENGLISH_WORDS for word in words)
    french = sum(fold(word) in FRENCH_WORDS for word in words)
    return english >= 2 and english > 2 * french
