"""Hostile messages: 2 000 characters (the most the chat channel passes on) made of fragments chosen
to defeat regular expressions (long runs of letters or digits, « @ » and dots, street words, lists
of numbers, dates, titles). Shared by the linear-time tests (tests/test_linear_text.py) and the
masking benchmark (scripts/bench.py).
"""

from __future__ import annotations

from bot.runtime.door import MAX_MESSAGE_CHARS

FRAGMENTS = [
    "a",
    "é",
    "1",
    "12",
    " ",
    "  ",
    "@",
    ".",
    "-",
    "/",
    ",",
    "'",
    "€",
    "😀",
    "\n",
    "rue ",
    "Rue ",
    "caf ",
    "allocataire ",
    "né le ",
    "12/03/",
    "1985",
    "1 ",
    "ans ",
    "et ",
    "mme ",
    "Mme ",
    "M. ",
    "point ",
    "arobase ",
    "gmail",
    "com",
    "06 ",
    "+33",
    "FR76 ",
    "bis ",
    "appartement ",
    "message '",
    "token=",
    "2 500 ",
    "par mois",
    "enfants ",
    "je ne sais pas ",
    "stop ",
    "creche ",
    "la caf ",
    "1er janvier ",
    "enceinte ",
    "de ",
    "loyer ",
    "seule ",
    "the ",
    "aged ",
    "mon ex ",
]


def hostile(fragments: list[str], length: int = MAX_MESSAGE_CHARS) -> str:
    """The fragments repeated up to `length` characters."""
    unit = "".join(fragments) or "a"
    return (unit * (length // len(unit) + 1))[:length]
