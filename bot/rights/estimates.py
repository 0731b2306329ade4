"""The estimate of one right (the « Simuler » follow-up of a benefit), computed by the rules engine.

The estimate is the screening limited to the facts that right needs (bot/rights/screening.py); this
module says its result. The amounts come only from the engine (bot/rights/engine.py), never from rules
written here: when the engine is down or slow, or a fact was answered « je ne sais pas », the answer
says so and gives the published figures of the knowledge entry instead. Only the CAF decides.
"""

from __future__ import annotations

from datetime import date

from bot.formatting import euros, month_year
from bot.knowledge.answers import facet_lines, source_line
from bot.knowledge.entries import Entry, add_months, load_entries
from bot.rights.benefits import FACT_NAMES, Benefit, benefits
from bot.rights.engine import Simulation
from bot.rights.engine_payload import birth_date
from bot.rights.household import Household
from bot.rights.results import ENGINE_NAMES, engine_household, why
from bot.rights.screening import recap_lines

AF_AGE_REFORM_BIRTH = date(2012, 3, 1)  # born from this day: AF age supplement from 18, before: from 14 (entry)
ARS_CONFIRM_FROM = 16
WHO_DECIDES = (
    "Seule la CAF décide de vos droits. Simulation officielle : https://www.mesdroitssociaux.gouv.fr "
    "ou https://www.caf.fr (rubrique « Faire une simulation »)."
)


def _amount_line(benefit: Benefit, household: Household, simulation: Simulation) -> str:
    amount = simulation.amounts[benefit.engine]
    if not amount.value:
        return "• pas de droit d'après vos réponses"
    when = benefit.period_text(int(amount.period[:4]))
    if benefit.period == "month":
        when += f", soit {euros(round(amount.value * 12, 2))} par an"
    reason = why(benefit, household, simulation)
    return f"• environ {euros(amount.value)} {when} ({reason})"


def _notes(benefit: Benefit, household: Household, simulation: Simulation) -> list[str]:
    ages = sorted({a for a in household.children_ages or () if a >= 0})
    notes = []
    if benefit.engine == "af":
        for age in ages:
            earliest = add_months(simulation.month, 1 - 12 * (age + 1))  # the birth months possible
            latest = add_months(simulation.month, -12 * age)
            if 14 <= age < 18 and earliest < AF_AGE_REFORM_BIRTH <= latest:
                notes.append(
                    f"Pour l'enfant de {age} ans, le supplément pour âge dépend de sa date de naissance "
                    "(avant ou après le 1er mars 2012) : le calcul l'a supposé né en "
                    f"{month_year(birth_date(age, simulation.month))}."
                )
    if benefit.engine == "ars":
        if simulation.rentree_passed:
            notes.append(
                f"La rentrée {simulation.rentree} est passée : l'allocation a été versée en août. Pour la "
                f"rentrée {simulation.rentree + 1}, les montants et plafonds ne sont pas encore fixés."
            )
        if any(ARS_CONFIRM_FROM <= age <= 18 for age in ages):
            notes.append("De 16 à 18 ans, confirmez la scolarité de votre enfant sur caf.fr.")
    return notes


def _facts_used(household: Household) -> str:
    return " ; ".join(line.removeprefix("• ") for line in recap_lines(household)) or "aucune information"


def render_estimate(entry: Entry, benefit: Benefit, household: Household, simulation: Simulation) -> str:
    """The engine's estimate in plain French: amount, what was assumed, which engine and month, who decides."""
    lines = [f"Estimation indicative — {entry.title} :", _amount_line(benefit, household, simulation)]
    if not simulation.amounts[benefit.engine].value:
        lines += [f"• {condition}" for condition in entry.eligibility[:2]]
    lines += [f"• {note}" for note in _notes(benefit, household, simulation)]
    engine = ENGINE_NAMES.get(simulation.engine, simulation.engine)
    paid = " Montant versé, après la CRDS." if benefit.paid == "net_of_crds" else ""
    lines.append(
        f"Calculée pour {month_year(simulation.month)} avec vos réponses ({_facts_used(household)}), par le "
        f"moteur de règles {engine} (version {simulation.version}).{paid}"
    )
    lines.append(WHO_DECIDES)
    return "\n".join(lines)


def published_figures(entry: Entry, day: date, why_not: str) -> str:
    """When no estimate can be made: why, and the published figures instead."""
    return "\n".join([f"{why_not} Voici les montants publiés :", *facet_lines(entry, "montants", day), WHO_DECIDES])


ENGINE_DOWN = (
    "Le moteur de calcul ne répond pas pour le moment : je ne peux pas faire l'estimation maintenant. "
    "Vous pouvez réessayer dans quelques minutes."
)


def estimate_reply_text(name: str, household: Household, simulation: Simulation | None, day: date) -> str:
    """The estimate of the right `name`, or why there is none (engine down: `simulation` None; a fact
    not given), with the published figures then; the source line last."""
    benefit = benefits()[name]
    entry = load_entries()[benefit.intent]
    if simulation is None:
        text = published_figures(entry, day, ENGINE_DOWN)
    elif name in simulation.amounts:
        text = render_estimate(entry, benefit, engine_household(household), simulation)
    else:
        missing = simulation.not_computed[name].missing
        why_not = (
            f"Sans {' ni '.join(FACT_NAMES[f] for f in missing)}, je ne peux pas faire l'estimation."
            if missing
            else f"Je ne peux pas faire l'estimation : {simulation.not_computed[name].shown}"
        )
        text = published_figures(entry, day, why_not)
    return f"{text}\n{source_line(entry)}"
