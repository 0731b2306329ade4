"""The words the training data uses, to tell a real message from keyboard mashing.

« azerty qsdf » or « lkjhg » share no word with anything the assistant was trained
on; the classifier would still pick some intent. A message is recognised when at
least one of its words is known: exactly, with letters repeated for emphasis
squeezed (« coucouuu »), or, for words of four letters or more, one letter away
(a typo: one letter missing, added or changed, found through deletions).
Words are compared folded (lowercase, no accents); numbers are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.text import fold

WORD = re.compile(r"[^\W\d_]+")
REPEATED_LETTERS = re.compile(r"(\w)\1{2,}")
FUZZY_MIN_LENGTH = 4
LONGEST_WORD = 30  # « anticonstitutionnellement » has 25 letters: longer is not a word


def words_of(text: str) -> list[str]:
    """The folded words of a text (letters only: numbers and symbols are left out)."""
    return WORD.findall(fold(text or ""))


def squeeze(word: str) -> str:
    """« coucouuu » → « coucou »: three or more of the same letter become one."""
    return REPEATED_LETTERS.sub(r"\1", word)


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self._deleted = frozenset(d for w in self.words if len(w) >= FUZZY_MIN_LENGTH for d in deletions(w))

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        return cls(w for text in texts for w in words_of(text))

    def knows(self, word: str) -> bool:
        if word in self.words or squeeze(word) in self.words:
            return True
        if not FUZZY_MIN_LENGTH <= len(word) <= LONGEST_WORD:
            return False
        # One letter missing, added or changed: a deletion of one side meets the other or its deletions.
        own = deletions(word)
        return word in self._deleted or bool(own & self.words) or bool(own & self._deleted)

    def recognises(self, text: str) -> bool:
        """False only when the text has words and none of them is known (numbers alone are recognised)."""
        found = words_of(text)
        return not found or any(self.knows(w) for w in found)
