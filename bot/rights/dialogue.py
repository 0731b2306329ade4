"""The estimate conversation: which questions to ask, how to read the answers, the result.

Rasa glue (the form and its validation action) lives in actions/estimate_form.py;
everything it says and decides is here, testable without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.formatting import number
from bot.knowledge.answers import source_line
from bot.knowledge.entries import load_entries
from bot.knowledge.facets import detect_facet
from bot.replies import intent_button
from bot.rights.engine import Engine
from bot.rights.estimates import Answers, estimate_text
from bot.rights.parsing import (
    HOUSEHOLDS,
    DontKnow,
    mentions_children,
    mentions_money,
    parse_children,
    parse_household,
    parse_income,
)
from bot.text import is_stop_request

CHILDREN, INCOME, HOUSEHOLD = "children_ages", "household_income", "household"
QUESTIONS = {
    "ask_allocations_familiales": [CHILDREN, INCOME],
    "ask_ars": [CHILDREN, INCOME],
    "ask_complement_familial": [CHILDREN, INCOME, HOUSEHOLD],
}
CHILDREN_QUESTION = (
    "Combien d'enfants avez-vous à charge, et quel âge a chacun ? Par exemple : « 3 enfants de 2, 7 et 15 ans »."
)
HOUSEHOLD_BUTTONS = [
    ("Un seul revenu dans le couple", "one_income"),
    ("Deux revenus dans le couple", "two_incomes"),
    ("Je vis seul(e) avec mes enfants", "single"),
]


@dataclass
class Extracted:
    value: object = None
    message: str | None = None  # what to tell the person (a correction, a hint)


def can_estimate(intent: str | None) -> bool:
    return intent in QUESTIONS


def wants_estimate(intent: str | None, text: str | None, facet: str | None) -> bool:
    """The « Simuler » follow-up of a benefit the assistant can estimate."""
    return can_estimate(intent) and detect_facet(text, facet) == "simuler"


STOPPED = "D'accord, j'arrête l'estimation. Vous pouvez me poser une autre question."


def questions_for(benefit: str | None) -> list[str]:
    """The questions (form slots) for a benefit."""
    return QUESTIONS.get(benefit, [])


def wants_to_stop(text: str | None) -> bool:
    return is_stop_request(text)


def answered_without_value(requested: str | None, text: str | None) -> bool:
    """The person answered the question asked without a usable value ("je ne sais pas", "3 enfants").

    The form then shows its hint and asks again, instead of treating the message as
    a different question."""
    try:
        if requested == CHILDREN:
            children = parse_children(text or "")
            return children is not None and children.ages is None
        if requested == INCOME:
            parse_income(text or "")
    except DontKnow:
        return True
    return False


def intro(benefit: str) -> str:
    title = load_entries()[benefit].title
    return (
        f"Je peux faire une estimation indicative pour : {title}. Je vais vous poser "
        f"{len(QUESTIONS[benefit])} questions. Écrivez « stop » pour arrêter à tout moment."
    )


def income_year(day: date) -> int:
    """The income year (N-2) of the ceilings in force on `day`."""
    entry = load_entries()["ask_allocations_familiales"]
    rows = [f.row_in_force(day) for f in entry.figures_of("ceiling")]
    return max(row.income_year for row in rows if row and row.income_year)


def income_question(day: date) -> str:
    year = income_year(day)
    return (
        f"Quel était le revenu net catégoriel de votre foyer en {year} ? Il figure sur votre avis d'impôt "
        f"reçu en {year + 1}. Par exemple : « 25 000 » ou « 2 100 par mois ». "
        "Vous pouvez répondre « je ne sais pas »."
    )


def household_question() -> tuple[str, list[dict]]:
    buttons = [intent_button(title, "inform", {"household": value}) for title, value in HOUSEHOLD_BUTTONS]
    return "Dans votre foyer, qui a des revenus ?", buttons


def extract_children(text: str | None, requested: bool, current: list | None) -> Extracted:
    """Ages of the children, from the answer or from a correction at a later question."""
    if not requested and not mentions_children(text):
        return Extracted()
    try:
        children = parse_children(text or "")
    except DontKnow:
        return (
            Extracted(message="Indiquez l'âge de chaque enfant à charge, par exemple « 2, 7 et 15 ans », ou « aucun ».")
            if requested
            else Extracted()
        )
    if children is None:
        return Extracted()
    if children.ages is None:
        return Extracted(message=f"Quel âge a chacun de vos {children.count} enfants ? Par exemple « 2, 7 et 15 ans ».")
    ages = list(children.ages)
    if current is not None and ages != current:
        return Extracted(ages, f"C'est corrigé : enfants de {', '.join(map(str, ages))} ans.")
    return Extracted(ages)


def extract_income(text: str | None, requested: bool, current: float | None, day: date) -> Extracted:
    """The household's yearly income, from the answer or from a correction."""
    about_money = mentions_money(text) and not mentions_children(text)
    if not about_money and (not requested or mentions_children(text)):
        return Extracted()  # not an answer about income (e.g. a correction of the children)
    try:
        income = parse_income(text or "")
    except DontKnow:
        year = income_year(day)
        return Extracted(
            message=(
                f"C'est le revenu net catégoriel {year} du foyer : il est indiqué sur l'avis d'impôt sur les revenus "
                f"{year}, reçu en {year + 1}. Si vous ne l'avez pas, donnez une estimation (par exemple « 25 000 » "
                "ou « 2 000 par mois »), ou écrivez « stop »."
            )
        )
    if income is None:
        return Extracted()
    if current is not None and income != current:
        return Extracted(income, f"C'est corrigé : revenus de {number(income)} € par an.")
    return Extracted(income)


def extract_household(text: str | None, entity: str | None, requested: bool) -> Extracted:
    value = entity if entity in HOUSEHOLDS else parse_household(text)
    return Extracted(value)


def result_text(
    benefit: str,
    ages: list | None,
    income: float | None,
    household: str | None,
    day: date,
    engine: Engine | None = None,
) -> str:
    """The estimate from the answers, computed by the rules engine (the form only ends with every answer,
    or on a stop); the published figures when the engine does not answer."""
    entry = load_entries()[benefit]
    answers = Answers(tuple(ages or ()), float(income or 0), household)
    return f"{estimate_text(entry, answers, day, engine)}\n{source_line(entry)}"
