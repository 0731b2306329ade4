"""« À quoi ai-je droit ? » and « Simuler »: the facts still missing, the short questions, the answers, the recap.

A screening is limited to some rights: all those of data/knowledge/benefits.yml for « à quoi ai-je
droit ? », one for the « Simuler » follow-up of a benefit (the estimate). It starts with every fact
the conversation already gave (bot/rights/facts.py), asks only what those rights still need — one
short question at a time, each with buttons and « Je ne sais pas » — then shows what it understood
and lets the person correct it before computing. `next_step` decides each turn, `prompt` what to ask
next; the Rasa glue is actions/screening_form.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.formatting import month_year, number
from bot.knowledge.entries import load_entries
from bot.replies import Reply, intent_button
from bot.rights.benefits import FACT_NAMES, benefits, in_scope
from bot.rights.facts import YEARLY_THRESHOLD, read_facts
from bot.rights.household import HOUSING, MAX_CHILD_AGE, MAX_CHILDREN, MAX_MONTHLY_INCOME, Household
from bot.text import fold, is_stop_request

CHILDREN, AGES, COUPLE, INCOME = "children", "ages", "couple", "income"
HOUSING_Q, RENT, CHILD_SUPPORT = "housing", "rent", "child_support"
QUESTIONS = (CHILDREN, AGES, COUPLE, INCOME, HOUSING_Q, RENT, CHILD_SUPPORT)
NUMBER_LIST = re.compile(r"^\s*\d{1,2}(?:\s*(?:,|et|and|&|/|-|\s)\s*\d{1,2})*\s*(?:ans?|years?)?\s*$")
DONT_KNOW = re.compile(
    r"\b(?:je (?:ne )?sais pas|j ?sais pas|jsp|sais pas|aucune idee|je ne sais plus|"
    r"prefere ne pas (?:dire|repondre)|i don ?t know|dont know|not sure)\b"
)
YES = re.compile(r"(?:oui|ok|okay|d accord|yes|exact|c est (?:bon|ca|juste)|oui calculer|parfait)")
BARE_NUMBER = re.compile(
    r"^\s*(?:environ|a peu pres|about|around)?\s*(\d{1,3}(?:[ .\u202f]\d{3})+|\d{1,6})"
    r"(?:[.,](\d{1,2}))?\s*(k)?\s*(?:€|euros?|eur|net)?\s*$"
)
DONT_KNOW_BUTTON = {"title": "Je ne sais pas", "payload": "Je ne sais pas"}

STOPPED = "D'accord, j'arrête. Vous pouvez me poser une autre question quand vous voulez."
INTRO = (
    "Je vais estimer les aides de la CAF auxquelles vous pourriez avoir droit. Quelques questions courtes "
    "(répondez « je ne sais pas » si besoin, « stop » pour arrêter) :"
)


@dataclass
class Screening:
    """The state of a screening, kept in the conversation: the facts, the questions answered « je ne sais
    pas », and the rights it is limited to (engine variables; none: every right of the table)."""

    household: Household = field(default_factory=Household)
    skipped: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()

    def to_slot(self) -> dict:
        known = {
            name: (value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value)
            for name, value in self.household.known().items()
        }
        return {"facts": known, "skipped": list(self.skipped), "rights": list(self.rights)}

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
            tuple(r for r in value.get("rights") or [] if r in benefits()),
        )

    def with_facts(self, newer: Household) -> Screening:
        return Screening(self.household.merged(newer), self.skipped, self.rights)

    def skip(self, question: str) -> Screening:
        return Screening(self.household, self.skipped + (question,), self.rights)

    @property
    def scope(self) -> tuple[str, ...]:
        """The rights this screening computes (engine variables)."""
        return self.rights or tuple(benefits())

    @property
    def estimate(self) -> str | None:
        """The one right estimated alone (the « Simuler » follow-up), or None for « à quoi ai-je droit ? »."""
        return self.rights[0] if len(self.rights) == 1 else None

    def missing(self) -> list[str]:
        """The questions still to ask, in order: the facts the rights in scope need and the household does not
        state (the ages only when the number of children came without them)."""
        h = self.household
        needed = {fact for benefit in in_scope(h, self.scope) for fact in benefit.missing(h)}
        if CHILDREN in needed and h.children_ages is not None:
            needed = (needed - {CHILDREN}) | {AGES}
        return [q for q in QUESTIONS if q in needed and q not in self.skipped]


def wants_to_stop(text: str | None) -> bool:
    """« stop », « laisse tomber »… but not a bare « non », which answers a yes/no question or the recap."""
    return is_stop_request(text) and not re.fullmatch(r"(?:non|no|nan)(?: merci)?", fold(text or "").strip(" .!"))


QUESTION_TEXTS = {
    CHILDREN: (
        "Combien d'enfants avez-vous à charge, et quel âge ont-ils ? Par exemple : « 2 enfants de 3 et 7 ans ». "
        "Si un bébé est attendu, dites-le aussi.",
        [("Pas d'enfant", "Pas d'enfant"), ("J'attends un bébé", "J'attends un bébé")],
    ),
    AGES: ("Quel âge a chacun de vos enfants ? Par exemple : « 3 et 7 ans ».", []),
    COUPLE: (
        "Vivez-vous en couple (marié, pacsé ou non) ou seul(e) ? En couple, dites-moi s'il y a un ou deux salaires.",
        [
            ("En couple, un seul salaire", "En couple, un seul salaire"),
            ("En couple, deux salaires", "En couple, deux salaires"),
            ("Seul(e)", "Je vis seul"),
        ],
    ),
    INCOME: (
        "Combien gagne votre foyer par mois, en net (salaires, indemnités chômage…) ? Par exemple : « 1 800 € ». "
        "Une estimation suffit.",
        [("Aucun revenu", "Aucun revenu")],
    ),
    HOUSING_Q: (
        "Êtes-vous locataire, propriétaire, ou hébergé(e) chez quelqu'un ?",
        [("Locataire", "Locataire"), ("Propriétaire", "Propriétaire"), ("Hébergé(e)", "Hébergé")],
    ),
    RENT: ("Quel est votre loyer par mois, charges comprises ? Par exemple : « 550 € ».", []),
    CHILD_SUPPORT: (
        "L'autre parent verse-t-il une pension alimentaire pour les enfants ?",
        [("Oui", "Oui, il verse une pension"), ("Non", "Non, pas de pension")],
    ),
}


def question(name: str) -> Reply:
    """The question for a missing fact, with its buttons (and always « Je ne sais pas »)."""
    text, buttons = QUESTION_TEXTS[name]
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


def _bare_children(folded: str, amount: float | None, facts: Household) -> Household | None:
    """A bare answer to « combien d'enfants ? »: « 3 », « aucun », or « j'attends un bébé » (none yet)."""
    if amount is not None and amount.is_integer() and 0 <= amount <= MAX_CHILDREN:
        return Household(children_ages=tuple([-1] * int(amount)))
    if re.fullmatch(r"(?:aucun|aucune|0|non|pas d ?enfants?|none|no)", folded.strip()) or facts.pregnancy:
        return Household(children_ages=())
    return None


def _bare_answer(asked: str, folded: str, facts: Household) -> Household | None:
    """What a short answer means for the question asked, when the facts reader found nothing for it."""
    amount = _bare_amount(folded)
    if asked == CHILDREN and facts.children_ages is None:
        return _bare_children(folded, amount, facts)
    if asked == AGES and NUMBER_LIST.match(folded):
        ages = tuple(sorted(int(n) for n in re.findall(r"\d{1,2}", folded)))
        return Household(children_ages=ages) if all(0 <= a <= MAX_CHILD_AGE for a in ages) else None
    if asked == INCOME and facts.monthly_income is None and amount is not None:
        monthly = amount / 12 if amount > YEARLY_THRESHOLD else amount
        return Household(monthly_income=round(monthly, 2)) if 0 <= monthly <= MAX_MONTHLY_INCOME else None
    if asked == RENT and facts.rent is None and amount is not None and 0 < amount <= 10_000:
        return Household(rent=amount, housing="tenant")
    if asked == CHILD_SUPPORT and facts.pension_received is None:
        if re.match(r"^(?:oui|yes|ouais|il verse|elle verse)", folded):
            return Household(pension_received=True)
        return Household(pension_received=False) if re.match(r"^(?:non|no|nan|pas de pension|rien)", folded) else None
    if asked == COUPLE and facts.couple is None and re.fullmatch(r"(?:seule?|seul\(e\)|celibataire|single)", folded):
        return Household(couple=False)
    if asked == HOUSING_Q and facts.housing is None and folded in ("heberge", "hebergee", "heberge(e)"):
        return Household(housing="hosted")
    return None


def read_answer(asked: str | None, text: str | None, today: date) -> Answer:
    """What an answer to `asked` says: the facts of the text, plus a bare number or word read for that question."""
    folded = fold(text or "")
    facts = read_facts(text, today)
    if asked and DONT_KNOW.search(folded):
        return Answer(facts, dont_know=True)
    bare = _bare_answer(asked, folded, facts) if asked else None
    facts = facts.merged(bare) if bare else facts
    if asked is None or _answers(asked, facts):
        return Answer(facts)
    return Answer(facts, hint=HINTS[asked])


def _answers(asked: str, facts: Household) -> bool:
    return {
        CHILDREN: facts.children_ages is not None,
        AGES: facts.children_ages is not None and -1 not in facts.children_ages,
        COUPLE: facts.couple is not None,
        INCOME: facts.monthly_income is not None or facts.declared_income is not None,
        HOUSING_Q: facts.housing in HOUSING,
        RENT: facts.rent is not None,
        CHILD_SUPPORT: facts.pension_received is not None,
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
    CHILD_SUPPORT: "Répondez « oui » ou « non », ou « je ne sais pas ».",
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


def _couple_line(household: Household) -> str | None:
    if household.couple is None:
        return None
    if not household.couple:
        return "seul(e) (sans conjoint)"
    return {1: "en couple, un seul salaire", 2: "en couple, deux salaires"}.get(household.earners or 0, "en couple")


def _income_lines(household: Household) -> list[str]:
    h, lines = household, []
    if h.monthly_income is not None:
        lines.append(
            "aucun revenu"
            if h.monthly_income == 0
            else f"revenus du foyer : {number(h.monthly_income)} € nets par mois"
        )
    if h.declared_income is not None:
        lines.append(f"revenu net catégoriel de l'avis d'impôt : {number(h.declared_income)} € par an")
    if h.working is not None:
        lines.append("au moins une personne travaille" if h.working else "sans emploi")
    return lines


def recap_lines(household: Household) -> list[str]:
    """What the assistant understood, in plain French (one line per fact)."""
    h = household
    lines = [_children_line(h)]
    if h.pregnancy:
        lines.append("un bébé attendu" + (f" (vers {month_year(h.expected_birth)})" if h.expected_birth else ""))
    lines += [_couple_line(h), *_income_lines(h)]
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


SKIPPED_NAMES = {**FACT_NAMES, AGES: "l'âge des enfants"}
CORRECT_HOW = (
    "Dites-moi ce qui change, en quelques mots : par exemple « 4 enfants », « en couple », "
    "« 1 500 € par mois » ou « propriétaire »."
)


def intro(screening: Screening) -> Reply:
    """What the screening says first: what it does, how many questions, how to stop."""
    if not screening.estimate:
        return Reply(INTRO)
    title = load_entries()[benefits()[screening.estimate].intent].title
    count = len(screening.missing())
    asks = (
        f"Je vais vous poser {count} question{'s' if count > 1 else ''}."
        if count
        else "J'ai déjà ce qu'il me faut dans ce que vous m'avez dit."
    )
    return Reply(f"Je peux faire une estimation indicative pour : {title}. {asks} Écrivez « stop » pour arrêter.")


def prompt(screening: Screening) -> Reply:
    """The next question, or the recap to confirm when nothing is missing."""
    missing = screening.missing()
    return question(missing[0]) if missing else confirmation(screening)


@dataclass(frozen=True)
class Step:
    """What a turn of the screening does: the replies to send before the next prompt, the new state (None:
    the person stopped), and whether the recap was confirmed (then the rights are computed)."""

    replies: tuple[Reply, ...]
    screening: Screening | None
    confirmed: bool = False


def is_yes(text: str | None, intent: str | None) -> bool:
    return intent == "affirm" or bool(YES.fullmatch(fold(text or "").strip(" .!")))


def next_step(screening: Screening, started: bool, text: str | None, intent: str | None, today: date) -> Step:
    """One turn: the first (the intro), an answer to the question asked, or the answer to the recap."""
    if not started:
        return Step((intro(screening),), screening)
    if wants_to_stop(text):
        return Step((Reply(STOPPED),), None)
    missing = screening.missing()
    if missing:
        answer = read_answer(missing[0], text, today)
        screening = screening.with_facts(answer.facts)
        if answer.dont_know:
            return Step((), screening.skip(missing[0]))
        return Step((Reply(answer.hint),) if answer.hint else (), screening)
    answer = read_answer(None, text, today)
    if not answer.facts.is_empty():
        return Step((), screening.with_facts(answer.facts))
    if is_yes(text, intent):
        return Step((), screening, confirmed=True)
    return Step((Reply(CORRECT_HOW),), screening)
