"""Does a message ask which rights the person has? (« à quoi j'ai droit », « quelles aides »...)

A household described at length with that question at the end reads like an answer
(`inform`) to the classifier; the question decides (components/question_in_inform.py).
One alternation over the folded text: linear in its length.
"""

from __future__ import annotations

import re

from bot.text import fold

SUBJECT = (
    r"(j ?ai|ai je|on a|a t on|nous avons|avons nous|elle a|a t elle|il a|a t il|ils ont|ont ils|"
    r"je peux|j ?peux|on peut|je pourrais|on pourrait|elle peut|il peut|peut elle|peut il)"
)
RIGHTS_QUESTION = re.compile(
    rf"\ba quoi {SUBJECT} (droit|pretendre)\b"
    r"|\b(j ?ai|on a|elle a|il a|ai je|a t elle|a t il|avons nous|nous avons|ils ont) droit a "
    r"(quoi|quelque chose|des aides|une aide|quelles?)\b"
    r"|\bquelles? (aides?|allocs?|allocations?|prestations?)\b"
    r"|\b(mes|nos|ses|leurs) droits\b"
    r"|\bentitled\b|\bwhat (help|benefits|aid)\b|\bwhich benefits\b"
)


def asks_for_rights(text: str | None) -> bool:
    return bool(RIGHTS_QUESTION.search(fold(text or "")))
