"""« À quoi ai-je droit ? »: which facts are still missing, the short questions, reading the answers, the recap.

The screening takes every fact already given (bot/rights/facts.py, in this message or
earlier ones), asks only what is missing — at most five short questions, each with
buttons and « Je ne sais pas » — then shows what it understood and lets the person
correct it before computing. Rasa glue: actions/screening_form.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.formatting import number
from bot.replies import Reply, intent_button
from bot.rights.facts import read_facts
from bot.rights.household import HOUSING, MAX_CHILD_AGE, MAX_CHILDREN, MAX_MONTHLY_INCOME, Household
from bot.text import fold, is_stop_request

CHILDREN, AGES, COUPLE, INCOME = "children", "ages", "couple", "income"
HOUSING_Q, RENT, PENSION = "housing", "rent", "pension"
QUESTIONS = (CHILDREN, AGES, COUPLE, INCOME, HOUSING_Q, RENT, PENSION)
NUMBER_LIST = re.compile(r"^\s*\d{1,2}(?:\s*(?:,|et|and|&|/|-|\s)\s*\d{1,2})*\s*(?:ans?|years?)?\s*$")
DONT_KNOW = re.compile(
    r"\b(?:je (?:ne )?sais pas|j ?sais pas|jsp|sais pas|aucune idee|je ne sais plus|"
    r"prefere ne pas (?:dire|repondre)|i don ?t know|dont know|not sure)\b"
)
BARE_NUMBER = re.compile(
    r"^\s*(?:environ|a peu pres|about|around)?\s*(\d{1,3}(?:[ .\u202f]\d{3})+|\d{1,6})"
    r"(?:[.,](\d{1,2}))?\s*(k)?\s*(?:€|euros?|eur|net)?\s*$"
)
YEARLY_THRESHOLD = 10_000  # a bare amount above this is read as yearly (« 25 000 » is 25 000 a year)
DONT_KNOW_BUTTON = {"title": "Je ne sais pas", "payload": "Je ne sais pas"}

STOPPED = "D'accord, j'arrête. Vous pouvez me poser une autre question quand vous voulez."
INTRO = (
    "Je vais estimer les aides de la CAF auxquelles vous pourriez avoir droit. Quelques questions courtes "
    "(répondez « je ne sais pas » si besoin, « stop » pour arrêter) :"
)


@dataclass
class Screening:
    """The state of a screening, kept in the conversation: the facts, and the questions answered « je ne sais pas »."""

    household: Household = field(default_factory=Household)
    skipped: tuple[str, ...] = ()

    def to_slot(self) -> dict:
        known = {
            name: (value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value)
            for name, value in self.household.known().items()
        }
        return {"facts": known, "skipped": list(self.skipped)}

    @classmethod
    def from_slot(cls, value: object) -> Screening:
        if not isinstance(value, dict):
            return cls()
        facts = dict(value.get("facts") or {})
        if isinstance(facts.get("children_ages"), list):
            facts["children_ages"] = tuple(facts["children_ages"])
        if isinstance(facts.get("expected_birth"), str):
            facts["expected_birth"] = date.fromisoformat(facts["expected_birth"])
        allowed = set(Household.__dataclass_fields__)
        return cls(
            Household(**{k: v for k, v in facts.items() if k in allowed}),
            tuple(q for q in value.get("skipped") or [] if q in QUESTIONS),
        )

    def with_facts(self, newer: Household) -> Screening:
        return Screening(self.household.merged(newer), self.skipped)

    def skip(self, question: str) -> Screening:
        return Screening(self.household, self.skipped + (question,))

    def missing(self) -> list[str]:
        """The questions still to ask, in order: at most five in practice (rent and pension are never both
        asked; the ages only when the number of children came without them)."""
        h = self.household
        needed = {
            CHILDREN: h.children_ages is None,
            AGES: h.children_ages is not None and -1 in h.children_ages,
            COUPLE: h.couple is None,
            INCOME: h.monthly_income is None,
            HOUSING_Q: h.housing is None,
            RENT: h.housing == "tenant" and h.rent is None,
            PENSION: h.couple is False and h.children > 0 and h.pension_received is None and h.housing != "tenant",
        }
        return [q for q in QUESTIONS if needed[q] and q not in self.skipped]


def wants_to_stop(text: str | None) -> bool:
    """« stop », « laisse tomber »… but not a bare « non », which answers a yes/no question or the recap."""
    return is_stop_request(text) and not re.fullmatch(r"(?:non|no|nan)(?: merci)?", fold(text or "").strip(" .!"))


def question(name: str) -> Reply:
    """The question for a missing fact, with its buttons (and always « Je ne sais pas »)."""
    texts = {
        CHILDREN: (
            "Combien d'enfants avez-vous à charge, et quel âge ont-ils ? Par exemple : « 2 enfants de 3 et "
            "7 ans ». Si un bébé est attendu, dites-le aussi.",
            [("Pas d'enfant", "Pas d'enfant"), ("J'attends un bébé", "J'attends un bébé")],
        ),
        AGES: ("Quel âge a chacun de vos enfants ? Par exemple : « 3 et 7 ans ».", []),
        COUPLE: (
            "Vivez-vous en couple (marié, pacsé ou non) ou seul(e) ?",
            [("En couple", "En couple"), ("Seul(e)", "Je vis seul")],
        ),
        INCOME: (
            "Combien gagne votre foyer par mois, en net (salaires, indemnités chômage…) ? Par exemple : "
            "« 1 800 € ». Une estimation suffit.",
            [("Aucun revenu", "Aucun revenu")],
        ),
        HOUSING_Q: (
            "Êtes-vous locataire, propriétaire, ou hébergé(e) chez quelqu'un ?",
            [("Locataire", "Locataire"), ("Propriétaire", "Propriétaire"), ("Hébergé(e)", "Hébergé")],
        ),
        RENT: ("Quel est votre loyer par mois, charges comprises ? Par exemple : « 550 € ».", []),
        PENSION: (
            "L'autre parent verse-t-il une pension alimentaire pour les enfants ?",
            [("Oui", "Oui, il verse une pension"), ("Non", "Non, pas de pension")],
        ),
    }
    text, buttons = texts[name]
    return Reply(text, [{"title": title, "payload": payload} for title, payload in buttons] + [DONT_KNOW_BUTTON])


@dataclass(frozen=True)
class Answer:
    facts: Household  # what the answer states (possibly facts other than the one asked)
    dont_know: bool = False  # « je ne sais pas »
    hint: str | None = None  # the answer could not be read: what to say again


def _bare_amount(folded: str) -> float | None:
    match = BARE_NUMBER.match(folded)
    if not match:
        return None
    value = float(re.sub(r"[ .\u202f]", "", match.group(1)) + ("." + match.group(2) if match.group(2) else ""))
    return value * 1000 if match.group(3) else value


def read_answer(asked: str | None, text: str | None, today: date) -> Answer:
    """What an answer to `asked` says: the facts of the text, plus a bare number or word read for that question."""
    folded = fold(text or "")
    facts = read_facts(text, today)
    if asked and DONT_KNOW.search(folded):
        return Answer(facts, dont_know=True)
    amount = _bare_amount(folded)
    if asked == CHILDREN and facts.children_ages is None:
        if amount is not None and amount.is_integer() and 0 <= amount <= MAX_CHILDREN:
            facts = facts.merged(Household(children_ages=tuple([-1] * int(amount))))
        elif re.fullmatch(r"(?:aucun|aucune|0|non|pas d ?enfants?|none|no)", folded.strip()) or facts.pregnancy:
            facts = facts.merged(Household(children_ages=()))
    if asked == AGES and NUMBER_LIST.match(folded):
        ages = tuple(sorted(int(n) for n in re.findall(r"\d{1,2}", folded)))
        if all(0 <= a <= MAX_CHILD_AGE for a in ages):
            facts = facts.merged(Household(children_ages=ages))
    if asked == INCOME and facts.monthly_income is None and amount is not None:
        monthly = amount / 12 if amount > YEARLY_THRESHOLD else amount
        if 0 <= monthly <= MAX_MONTHLY_INCOME:
            facts = facts.merged(Household(monthly_income=round(monthly, 2)))
    if asked == RENT and facts.rent is None and amount is not None and 0 < amount <= 10_000:
        facts = facts.merged(Household(rent=amount, housing="tenant"))
    if asked == PENSION and facts.pension_received is None:
        if re.match(r"^(?:oui|yes|ouais|il verse|elle verse)", folded):
            facts = facts.merged(Household(pension_received=True))
        elif re.match(r"^(?:non|no|nan|pas de pension|rien)", folded):
            facts = facts.merged(Household(pension_received=False))
    if asked == COUPLE and facts.couple is None and re.fullmatch(r"(?:seule?|seul\(e\)|celibataire|single)", folded):
        facts = facts.merged(Household(couple=False))
    if asked == HOUSING_Q and facts.housing is None and folded in ("heberge", "hebergee", "heberge(e)"):
        facts = facts.merged(Household(housing="hosted"))
    answered = asked is None or _answers(asked, facts)
    return Answer(facts, hint=None if answered else HINTS.get(asked))


def _answers(asked: str, facts: Household) -> bool:
    return {
        CHILDREN: facts.children_ages is not None,
        AGES: facts.children_ages is not None and -1 not in facts.children_ages,
        COUPLE: facts.couple is not None,
        INCOME: facts.monthly_income is not None,
        HOUSING_Q: facts.housing in HOUSING,
        RENT: facts.rent is not None,
        PENSION: facts.pension_received is not None,
    }[asked]


HINTS = {
    AGES: "Écrivez l'âge de chaque enfant, par exemple « 3 et 7 ans » (« 0 » pour un bébé de moins d'un an), "
    "ou « je ne sais pas ».",
    CHILDREN: "Je n'ai pas compris le nombre d'enfants. Écrivez par exemple « 2 enfants de 3 et 7 ans », "
    "« pas d'enfant » ou « je ne sais pas ».",
    COUPLE: "Répondez « en couple » ou « seul(e) », ou « je ne sais pas ».",
    INCOME: "Je n'ai pas compris le montant. Écrivez un nombre, par exemple « 1 800 » (par mois, en net), "
    "« aucun revenu » ou « je ne sais pas ».",
    HOUSING_Q: "Répondez « locataire », « propriétaire » ou « hébergé(e) », ou « je ne sais pas ».",
    RENT: "Écrivez le loyer en euros par mois, par exemple « 550 », ou « je ne sais pas ».",
    PENSION: "Répondez « oui » ou « non », ou « je ne sais pas ».",
}


def _children_line(household: Household) -> str | None:
    if household.children_ages is None:
        return None
    if not household.children_ages:
        return "pas d'enfant à charge"
    ages = sorted(a for a in household.children_ages if a >= 0)
    count = household.children
    line = f"{count} enfant{'s' if count > 1 else ''} à charge"
    if ages:
        shown = [("moins d'1 an" if a == 0 else f"{a} an{'s' if a > 1 else ''}") for a in ages]
        line += " (" + (", ".join(shown[:-1]) + " et " + shown[-1] if len(shown) > 1 else shown[0])
        line += ", âge d'un autre enfant non précisé)" if len(ages) < count else ")"
    return line


def recap_lines(household: Household) -> list[str]:
    """What the assistant understood, in plain French (one line per fact)."""
    h = household
    months = (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    )
    lines = [_children_line(h)]
    if h.pregnancy:
        lines.append(
            "un bébé attendu"
            + (f" (vers {months[h.expected_birth.month - 1]} {h.expected_birth.year})" if h.expected_birth else "")
        )
    if h.couple is not None:
        lines.append("en couple" if h.couple else "seul(e) (sans conjoint)")
    if h.monthly_income is not None:
        lines.append(
            "aucun revenu"
            if h.monthly_income == 0
            else f"revenus du foyer : {number(h.monthly_income)} € nets par mois"
        )
    if h.working is not None:
        lines.append("au moins une personne travaille" if h.working else "sans emploi")
    if h.housing:
        lines.append(
            {"tenant": "locataire", "owner": "propriétaire", "hosted": "hébergé(e)", "homeless": "sans logement"}[
                h.housing
            ]
            + (f", loyer {number(h.rent)} € par mois" if h.rent and h.housing == "tenant" else "")
        )
    if h.pension_received is not None:
        lines.append(
            "l'autre parent verse une pension alimentaire"
            if h.pension_received
            else "l'autre parent ne verse pas de pension alimentaire"
        )
    if h.adult_age is not None:
        lines.append(f"vous avez {h.adult_age} ans")
    return [f"• {line}" for line in lines if line]


def confirmation(screening: Screening) -> Reply:
    lines = ["Voici ce que j'ai compris :", *recap_lines(screening.household)]
    if screening.skipped:
        lines.append("(Non précisé : " + ", ".join(SKIPPED_NAMES[q] for q in screening.skipped) + ".)")
    lines.append(
        "C'est bien ça ? Si quelque chose est faux, écrivez-le simplement (par exemple « 3 enfants » "
        "ou « je vis seule »)."
    )
    return Reply(
        "\n".join(lines),
        [intent_button("Oui, calculer", "affirm"), {"title": "Corriger", "payload": "Je veux corriger"}],
    )


SKIPPED_NAMES = {
    CHILDREN: "les enfants",
    AGES: "l'âge des enfants",
    COUPLE: "la vie en couple",
    INCOME: "les revenus",
    HOUSING_Q: "le logement",
    RENT: "le loyer",
    PENSION: "la pension alimentaire",
}
CORRECT_HOW = (
    "Dites-moi ce qui change, en quelques mots : par exemple « 4 enfants », « en couple », "
    "« 1 500 € par mois » ou « propriétaire »."
)
