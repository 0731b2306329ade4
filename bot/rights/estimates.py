"""The estimate of the allocations familiales, the ARS or the complément familial, computed by the rules engine.

The amounts come only from the engine (bot/rights/engine.py), never from rules written here: when
the engine is down or slow, the answer says so and gives the published figures of the knowledge
entry instead of an amount of ours. Only the CAF decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.formatting import euros, month_year
from bot.knowledge.answers import facet_lines
from bot.knowledge.entries import Entry, add_months
from bot.rights.engine import DeclaredIncome, Engine, EngineUnavailable, Simulation, simulate
from bot.rights.engine_payload import birth_date
from bot.rights.household import Household

BENEFIT_OF = {"ask_allocations_familiales": "af", "ask_ars": "ars", "ask_complement_familial": "cf"}
TRANCHES = {1.0: "tranche 1 (montant plein)", 0.5: "tranche 2 (moitié)", 0.25: "tranche 3 (quart)"}
AF_AGE_REFORM_BIRTH = date(2012, 3, 1)  # born from this day: AF age supplement from 18, before: from 14 (entry)
ARS_CONFIRM_FROM = 16
WHO_DECIDES = (
    "Seule la CAF décide de vos droits. Simulation officielle : https://www.mesdroitssociaux.gouv.fr "
    "ou https://www.caf.fr (rubrique « Faire une simulation »)."
)


@dataclass(frozen=True)
class Answers:
    """What the person answered to the form."""

    ages: tuple[int, ...]
    income: float  # revenu net catégoriel of year N-2 of the household, euros a year
    household: str | None  # one_income, two_incomes or single (asked for the complément familial only)

    def household_facts(self) -> tuple[Household, DeclaredIncome]:
        """The engine's household (a couple unless « single »: AF and ARS do not depend on it)."""
        facts = Household(couple=self.household != "single", children_ages=self.ages)
        return facts, DeclaredIncome(self.income, earners=2 if self.household == "two_incomes" else 1)


def estimate(benefit: str, answers: Answers, day: date, engine: Engine | None = None) -> Simulation:
    """The engine's amount of `benefit` (an intent of BENEFIT_OF) for the month of `day`; EngineUnavailable."""
    household, declared = answers.household_facts()
    return simulate(household, day, (BENEFIT_OF[benefit],), declared, engine)


def _amount_line(benefit: str, simulation: Simulation) -> str:
    amount = simulation.amounts[BENEFIT_OF[benefit]]
    if not amount.value:
        return "• pas de droit d'après vos réponses"
    if amount.yearly:
        return (
            f"• environ {euros(amount.value)} pour la rentrée {simulation.rentree} "
            f"(versée une fois, en août {simulation.rentree})"
        )
    line = f"• environ {euros(amount.value)} par mois, soit {euros(round(amount.value * 12, 2))} par an"
    tranche = TRANCHES.get(simulation.details.get("af_taux_modulation"))
    if tranche and simulation.details.get("af_complement_degressif"):
        tranche += ", avec un complément dégressif : vos revenus dépassent de peu le plafond de la tranche précédente"
    return f"{line}, {tranche}" if tranche else line


def _notes(benefit: str, answers: Answers, simulation: Simulation) -> list[str]:
    notes = []
    if benefit == "ask_allocations_familiales":
        for age in sorted(set(answers.ages)):
            earliest = add_months(simulation.month, 1 - 12 * (age + 1))  # the birth months possible
            latest = add_months(simulation.month, -12 * age)
            if 14 <= age < 18 and earliest < AF_AGE_REFORM_BIRTH <= latest:
                notes.append(
                    f"Pour l'enfant de {age} ans, le supplément pour âge dépend de sa date de naissance "
                    "(avant ou après le 1er mars 2012) : le calcul l'a supposé né en "
                    f"{month_year(birth_date(age, simulation.month))}."
                )
    if benefit == "ask_ars":
        if simulation.rentree_passed:
            notes.append(
                f"La rentrée {simulation.rentree} est passée : l'allocation a été versée en août. Pour la "
                f"rentrée {simulation.rentree + 1}, les montants et plafonds ne sont pas encore fixés."
            )
        if any(ARS_CONFIRM_FROM <= age <= 18 for age in answers.ages):
            notes.append("De 16 à 18 ans, confirmez la scolarité de votre enfant sur caf.fr.")
    return notes


def render_estimate(entry: Entry, answers: Answers, simulation: Simulation) -> str:
    """The engine's estimate in plain French: amount, what was assumed, which engine and month, who decides."""
    benefit = entry.intent
    ages = ", ".join(map(str, answers.ages)) or "aucun"
    lines = [f"Estimation indicative — {entry.title} :", _amount_line(benefit, simulation)]
    if not simulation.amounts[BENEFIT_OF[benefit]].value:
        lines += [f"• {condition}" for condition in entry.eligibility[:2]]
    lines += [f"• {note}" for note in _notes(benefit, answers, simulation)]
    lines.append(
        f"Calculée pour {month_year(simulation.month)} avec vos réponses (enfants : {ages} ans ; revenu net "
        f"catégoriel {simulation.month.year - 2} du foyer : {euros(answers.income)}), par le moteur de "
        f"règles OpenFisca-France (version {simulation.version}). Montant versé, après la CRDS."
    )
    lines.append(WHO_DECIDES)
    return "\n".join(lines)


def render_unavailable(entry: Entry, day: date) -> str:
    """When the engine does not answer: say so, and give the published figures instead of an estimate."""
    return "\n".join(
        [
            "Le moteur de calcul ne répond pas pour le moment : je ne peux pas faire l'estimation maintenant. "
            "Voici les montants publiés :",
            *facet_lines(entry, "montants", day),
            "Vous pouvez réessayer dans quelques minutes.",
            WHO_DECIDES,
        ]
    )


def estimate_text(entry: Entry, answers: Answers, day: date, engine: Engine | None = None) -> str:
    """The estimate, or the published figures when the engine is down or slow."""
    try:
        return render_estimate(entry, answers, estimate(entry.intent, answers, day, engine))
    except EngineUnavailable:
        return render_unavailable(entry, day)
