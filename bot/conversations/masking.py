"""Mask personal identifiers in a text, before it is stored or logged.

What is masked (docs/privacy.md gives the rules and examples):
- NIR (numéro de sécurité sociale), 13 or 15 digits, any separators → [NIR]
- IBAN (FR76 3000 6000 …) → [IBAN]
- e-mail addresses, also spelled out (« marie point dupont arobase gmail point com ») → [EMAIL]
- French phone numbers (06 12 34 56 78, 06.12…, 06/12/…, 0612345678, +33 6 …) → [TÉLÉPHONE]
- numéro allocataire: 7 digits alone, or 6 to 8 digits after « allocataire »,
  « alloc », « CAF » or « dossier » → [N° ALLOCATAIRE]
- any other run of 11 digits or more (other account or file numbers) → [NUMÉRO]
- dates of birth: a full date (day, month, year) after « né(e) le », « naissance »…,
  and any full date of a past year → [DATE]
- house, building and flat numbers of a postal address; the street name and
  the postcode stay: « 12 bis rue Jean Macé » → « [N°] rue Jean Macé »
- GPS coordinates: rounded to 2 decimals (about 1 km).
Person names are masked by bot.conversations.names.

Every pattern is linear in the length of the text (no nested repetition, each
repetition bounded or anchored at the start of a run), so a long or hostile
message cannot stall the server (tests/conversations/test_masking_speed.py).

Left alone: small numbers, amounts (« 25 000 € », « 2 500 par mois »),
postcodes (« 76620 »), short numbers (« 3230 »), years, months, dates of this year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from bot.formatting import MONTHS
from bot.text import fold

NIR = "[NIR]"
IBAN = "[IBAN]"
EMAIL = "[EMAIL]"
PHONE = "[TÉLÉPHONE]"
ALLOCATAIRE = "[N° ALLOCATAIRE]"
NUMBER = "[NUMÉRO]"
HOUSE_NUMBER = "[N°]"
DATE = "[DATE]"
NAME = "[NOM]"
MASKS = (NIR, IBAN, EMAIL, PHONE, ALLOCATAIRE, NUMBER, HOUSE_NUMBER, DATE, NAME)

SEP = r"[ .\-]?"
PHONE_SEP = r"[ .\-/]?"
COORDINATE_DECIMALS = 2

COORDINATES = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})(?![\d.])")
# The local part starts where a run of such characters starts (the look-behind), so a
# long run without « @ » is read once, not once per character.
EMAIL_PATTERN = re.compile(r"(?<![\w.+\-])[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8}", re.UNICODE)
DOT_WORD = r"(?:\s*(?:\.|\(?\bpoint\b\)?|\(?\bdot\b\)?)\s*)"
SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+\-])[\w+\-]{{1,40}}(?:{DOT_WORD}[\w+\-]{{1,40}}){{0,3}}\s*"
    rf"(?:@|\(?\b(?:arobase|arrobase|at)\b\)?)\s*[\w\-]{{1,40}}(?:{DOT_WORD}[\w\-]{{1,40}}){{0,2}}"
    rf"{DOT_WORD}(?:com|fr|net|org|eu|info|be|ch|ca|io)\b",
    re.IGNORECASE,
)
IBAN_PATTERN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[0-9A-Za-z]{4}){2,7}(?:[ ]?[0-9A-Za-z]{1,3})?\b")
NIR_PATTERN = re.compile(
    rf"(?<![\d\w])[1-478]{SEP}\d{{2}}{SEP}\d{{2}}{SEP}(?:\d{{2}}|2[abAB]){SEP}\d{{3}}{SEP}\d{{3}}(?:{SEP}\d{{2}})?(?!\d)"
)
PHONE_PATTERN = re.compile(rf"(?<![\d\w+])(?:(?:\+|00)33{SEP}(?:\(0\){SEP})?|0)[1-9](?:{PHONE_SEP}\d{{2}}){{4}}(?!\d)")
ALLOCATAIRE_CONTEXT = re.compile(
    r"(?P<label>\b(?:allocataire|alloc|caf|dossier)\b[^\d\n]{0,25}?)"
    r"(?P<number>\d{6,8}|\d{3}[ .]\d{2}[ .]\d{2})(?![\d\w])",
    re.IGNORECASE,
)
SEVEN_DIGITS = re.compile(r"(?<![\d\w.,])\d{7}(?![\d\w]|[.,]\d)")
# The usual abbreviations of the month names (« 3 fév. 1990 »), after the names themselves.
MONTH_ABBREVIATIONS = ("janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc")


def _accents_optional(word: str) -> str:
    """A pattern of the word with each accented letter also matched without its accent: « f[ée]v »."""
    return "".join(f"[{letter}{fold(letter)}]" if fold(letter) != letter else re.escape(letter) for letter in word)


MONTH_WORDS = "|".join(_accents_optional(word) for word in (*MONTHS, *MONTH_ABBREVIATIONS))
FULL_DATE = re.compile(
    r"(?<![\d\w])(?:(?P<d1>0?[1-9]|[12]\d|3[01])\s?[/.\-]\s?(?:0?[1-9]|1[0-2])\s?[/.\-]\s?(?P<y1>(?:19|20)\d{2}|\d{2})"
    rf"|(?P<d2>1er|0?[1-9]|[12]\d|3[01])\s+(?:{MONTH_WORDS})\.?\s+(?P<y2>(?:19|20)\d{{2}}))(?![\d\w])",
    re.IGNORECASE,
)
BIRTH_CONTEXT = re.compile(
    r"\b(?:n[ée]e?s?|naissance|ddn|anniversaire|naquit|venue? au monde)\b[^\n]{0,20}$", re.IGNORECASE
)
LONG_NUMBER = re.compile(r"(?<![\d\w])\d(?:[ .\-]?\d){10,}(?![\d\w])")

# Street words that are only ever street words, and those that are also
# common words (« 1 place en crèche », « 3 cours de français »): after the
# latter, the street name must start with a capital letter.
STREET_WORDS = (
    r"rue|ruelle|avenue|av|boulevard|bd|bld|all[ée]e|impasse|quai|square|r[ée]sidence|"
    r"rond[- ]point|esplanade|parvis|lotissement"
)
AMBIGUOUS_STREET_WORDS = r"place|pl|cours|cour|chemin|route|rte|voie|passage|sentier|hameau|cit[ée]|villa|clos|mail"
NAME_START = r"(?:(?:de la|de l'|du|des|de|d'|l')\s?)?(?-i:[A-ZÀ-Ý])"
HOUSE_NUMBER_PATTERN = re.compile(
    rf"(?<![\d\w])\d{{1,4}}(?:\s?(?:bis|ter|quater|[a-d])\b)?(?P<tail>\s*,?\s*"
    rf"(?:(?:{STREET_WORDS})\b\.?|(?:{AMBIGUOUS_STREET_WORDS})\b\.?(?=\s+{NAME_START})))",
    re.IGNORECASE,
)
DWELLING_PATTERN = re.compile(
    r"(?P<label>\b(?:appartement|appart|appt|apt|logement|b[âa]timent|b[âa]t|escalier|esc|[ée]tage)\b\.?\s*"
    r"(?:n°|no|num[ée]ro)?\s*)(?P<number>\d{1,4}(?-i:[A-Z])?|(?-i:[A-Z]))(?![\w])",
    re.IGNORECASE,
)
FLOOR_PATTERN = re.compile(r"(?<![\d\w])\d{1,2}\s?(?:e|è|ème|eme|er|ère)\s+[ée]tage\b", re.IGNORECASE)


def round_coordinates(match: re.Match) -> str:
    lat, lon = (round(float(value), COORDINATE_DECIMALS) for value in match.groups())
    return f"{lat:.{COORDINATE_DECIMALS}f},{lon:.{COORDINATE_DECIMALS}f}"


def _date(match: re.Match) -> str:
    """A date of birth, or any full date of a past year: masked. Dates of this year stay."""
    year = int(match.group("y1") or match.group("y2"))
    if year < 100:
        year += 2000 if year <= date.today().year % 100 else 1900
    before = match.string[max(0, match.start() - 40) : match.start()]
    return DATE if year < date.today().year or BIRTH_CONTEXT.search(before) else match.group()


def _iban(match: re.Match) -> str:
    """An IBAN has mostly digits; a code like « AB12 CDEF GHIJ » is not one."""
    digits = sum(ch.isdigit() for ch in match.group())
    return IBAN if digits >= 10 else match.group()


# Order matters: the most specific patterns first, so that a phone number is
# not taken for a NIR and the digits of an IBAN are not taken for a phone.
RULES: tuple[tuple[re.Pattern, str | Callable[[re.Match], str]], ...] = (
    (COORDINATES, round_coordinates),
    (EMAIL_PATTERN, EMAIL),
    (SPELLED_EMAIL, EMAIL),
    (IBAN_PATTERN, _iban),
    (PHONE_PATTERN, PHONE),
    (NIR_PATTERN, NIR),
    (FULL_DATE, _date),
    (ALLOCATAIRE_CONTEXT, lambda m: m.group("label") + ALLOCATAIRE),
    (LONG_NUMBER, NUMBER),
    (SEVEN_DIGITS, ALLOCATAIRE),
    (FLOOR_PATTERN, f"{HOUSE_NUMBER} étage"),
    (HOUSE_NUMBER_PATTERN, lambda m: HOUSE_NUMBER + m.group("tail")),
    (DWELLING_PATTERN, lambda m: m.group("label") + HOUSE_NUMBER),
)


def mask_text(text: str) -> str:
    """The text with every personal identifier replaced by its mask."""
    if not isinstance(text, str) or not text:
        return text
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def has_mask(text: str) -> bool:
    return any(mask in text for mask in MASKS)


def mask_value(value: Any, mask: Callable[[str], str] = mask_text) -> Any:
    """Apply `mask` to every string inside a JSON-like value; round `lat`/`lon` numbers."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [mask_value(item, mask) for item in value]
    if isinstance(value, dict):
        return {key: _mask_field(key, item, mask) for key, item in value.items()}
    return value


def _mask_field(key: str, value: Any, mask: Callable[[str], str]) -> Any:
    if (
        key.lower() in ("lat", "lon", "lng", "latitude", "longitude")
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        return round(value, COORDINATE_DECIMALS)
    return mask_value(value, mask)
