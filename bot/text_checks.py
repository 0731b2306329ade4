"""Checks on raw user text, shared by the NLU guard and the fallback reply."""
from __future__ import annotations

import unicodedata


def has_readable_words(text: str | None) -> bool:
    """True when the text holds at least one letter or digit (not only spaces, emoji, symbols)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text or "")
