"""Read the answers people type to the estimate questions: children's ages, incomes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text import fold

NUMBER_WORDS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "dix sept": 17,
    "dix huit": 18,
    "dix neuf": 19,
    "vingt": 20,
}
DONT_KNOW = re.compile(r"\b(je (ne )?sais pas|j ?sais pas|jsp|sais pas|aucune idee|je ne connais pas|ne sait pas)\b")
NONE_WORDS = re.compile(
    r"^(aucun|aucune|aucuns|rien|zero|0|sans|pas d|pas de|non)"
    r"( (enfants?|revenus?|ressources?|salaires?|euros?|€|du tout))?$"
)
MAX_CHILDREN = 15


class DontKnow(Exception):
    """The person said they do not know the answer."""


@dataclass(frozen=True)
class Children:
    ages: tuple[int, ...] | None  # None when only the number was given
    count: int


def _normalise(text: str) -> str:
    folded = fold(text or "")
    for words, value in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
        folded = re.sub(rf"\b{words}\b", str(value), folded)
    return folded


AGE_TOKENS = re.compile(r"\d+|[a-z]+|[,/&+-]")
LIST_WORDS = ("et", "&", ",", "/", "-", "+")


def _ages_before_ans(norm: str) -> list[int]:
    """The numbers of each list that ends with « an(s) »: '2, 7 et 15 ans' -> [2, 7, 15].

    One pass over the tokens (a regex with nested repetition here was exponential
    on a run of « 1  1  1 … »)."""
    ages: list[int] = []
    run: list[int] = []
    for token in AGE_TOKENS.findall(norm):
        if token.isdigit() and len(token) <= 2:
            run.append(int(token))
        elif token in ("an", "ans"):
            ages += run
            run = []
        elif token not in LIST_WORDS:
            run = []
    return ages


def parse_children(text: str) -> Children | None:
    """'3 enfants de 2, 7 et 15 ans' -> ages (2, 7, 15); '2 enfants' -> count 2; 'aucun' -> none."""
    if DONT_KNOW.search(fold(text or "")):
        raise DontKnow
    norm = _normalise(text)
    if NONE_WORDS.match(norm.strip()):
        return Children((), 0)
    ages = [0 for _ in re.findall(r"\b\d{1,2} ?mois\b", norm)] + _ages_before_ans(norm)
    count_match = re.search(r"\b(\d{1,2}) ?(enfants?|gosses?|petits?|bebes?|filles?|garcons?|fils)\b", norm)
    if not ages and not count_match and re.fullmatch(r"[\d ,;/et+&-]+", norm.strip()):
        ages = [int(n) for n in re.findall(r"\d{1,2}", norm)]
    ages = [a for a in ages if 0 <= a <= 25]
    if ages and len(ages) <= MAX_CHILDREN:
        return Children(tuple(sorted(ages)), len(ages))
    if count_match and 0 < int(count_match.group(1)) <= MAX_CHILDREN:
        return Children(None, int(count_match.group(1)))
    return None


def parse_income(text: str) -> float | None:
    """Annual income in euros: '25 000', '25000€', '25k', '2 500 par mois' (x12), 'aucun' (0)."""
    folded = fold(text or "")
    if DONT_KNOW.search(folded):
        raise DontKnow
    if NONE_WORDS.match(folded.strip()):
        return 0.0
    compact = re.sub(r"(?<=\d)[ .\u202f](?=\d{3}\b)", "", folded)
    match = re.search(r"(\d+(?:[.,]\d+)?)\s*(k\b)?", compact)
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    if match.group(2):
        value *= 1000
    if re.search(r"\b(par mois|/ ?mois|mensuel|mois)\b", compact):
        value *= 12
    return value if 0 <= value <= 10_000_000 else None


SINGLE_WORDS = re.compile(
    r"\b(seule?|seul\(e\)|celibataire|parent isole|mere isolee|pere isole|isolee?|"
    r"maman solo|papa solo|separee?|divorcee?|veuve?|monoparental\w*)\b"
)
TWO_INCOMES_WORDS = re.compile(
    r"\b(2|deux) (revenus|salaires|payes)\b|\b(tous les deux|tous les 2) "
    r"(travaillons|bossons|on travaille|on bosse)?|\bon travaille (tous )?les (deux|2)\b"
)
ONE_INCOME_WORDS = re.compile(
    r"\b(un|1|seul|un seul) (revenu|salaire)\b|\bseul(e)? (mon|ma) (mari|femme|conjoint|"
    r"conjointe|compagnon|compagne) (travaille|bosse)|\bseulement (moi|lui|elle)\b|"
    r"\bseulement (mon|ma) \w+ (travaille|bosse)"
)
HOUSEHOLDS = ("one_income", "two_incomes", "single")


def parse_household(text: str | None) -> str | None:
    """'deux revenus' -> two_incomes; 'un seul salaire' -> one_income; 'je suis seule' -> single."""
    folded = fold(text or "")
    if TWO_INCOMES_WORDS.search(folded):
        return "two_incomes"
    if ONE_INCOME_WORDS.search(folded):
        return "one_income"
    if SINGLE_WORDS.search(folded):
        return "single"
    return None


def mentions_children(text: str | None) -> bool:
    folded = fold(text or "")
    return bool(
        re.search(r"\b(enfants?|ans|bebes?|gosses?|fils|filles?|garcons?|petits?)\b", folded)
        or re.search(r"(?<!\d )\b\d{1,2} ?mois\b", folded)
    )


def mentions_money(text: str | None) -> bool:
    folded = fold(text or "")
    return bool(re.search(r"(€|\beuros?\b|\brevenus?\b|\bsalaires?\b|par mois|\bk\b|\d{3,})", folded))
