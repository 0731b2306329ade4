"""The answer to « à quoi ai-je droit ? »: the rights the rules engine computes for the household, explained.

For families: each right that comes out positive with its estimated amount as the CAF pays
it, one line on why, how to apply; then the rights not computed and why; always marked as an
estimate with the engine, its version and the date. For front-desk agents: a card with the
facts used, each right with its rule reference, the documents to bring and where to send the
person (custom payload `rights_card`, copyable in the console). When the engine is down or
slow: an honest message and the published figures of the knowledge entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.formatting import long_date, month_year, number, short_date
from bot.knowledge.answers import figures_block
from bot.knowledge.contacts import contact
from bot.knowledge.entries import Entry, load_entries
from bot.replies import Reply, intent_button
from bot.rights.benefits import FACT_NAMES, Benefit, benefits
from bot.rights.engine import Simulation
from bot.rights.household import Household
from bot.rights.screening import recap_lines

# How an engine variable read with a right explains it (the `details` of data/knowledge/benefits.yml).
AF_TRANCHES = {
    1.0: "revenus sous le premier plafond : montant plein",
    0.5: "revenus entre les deux plafonds : montant divisé par 2",
    0.25: "revenus au-dessus du second plafond : montant divisé par 4",
}
MAX_APPLY_BUTTONS = 3
ENGINE_NAMES = {"openfisca-france": "OpenFisca-France"}
PER_MONTH = {"month": 1, "year": 12, "once": 12}  # to sort the rights by what they bring a month


def rights_to_compute(household: Household, names: tuple[str, ...] | None = None) -> list[str]:
    """The rights of `names` (every right of the table by default) whose condition the facts meet."""
    return [b.engine for b in benefits().values() if (names is None or b.engine in names) and b.applies(household)]


def engine_household(household: Household) -> Household:
    """The household as the engine receives it: children whose age was not said are left out."""
    ages = household.children_ages
    return replace(household, children_ages=tuple(a for a in ages if a >= 0)) if ages else household


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _detail_lines(simulation: Simulation, benefit: Benefit) -> list[str]:
    lines = []
    if "af_taux_modulation" in benefit.details:
        tranche = AF_TRANCHES.get(round(simulation.details.get("af_taux_modulation", 0), 2))
        lines += [tranche] if tranche else []
    if "af_majoration" in benefit.details and simulation.details.get("af_majoration"):
        lines.append("avec la majoration pour l'âge d'un enfant")
    if "af_complement_degressif" in benefit.details and simulation.details.get("af_complement_degressif"):
        lines.append("avec un complément dégressif : vos revenus dépassent de peu le plafond de la tranche précédente")
    return lines


def why(benefit: Benefit, household: Household, simulation: Simulation) -> str:
    """One line on why the right comes out: the table's line with the facts used, and what the engine adds."""
    ages = [a for a in household.children_ages or () if a >= 0]
    line = benefit.why.format(
        children=_plural(household.children, "enfant"),
        school_children=_plural(sum(6 <= a <= 18 for a in ages), "enfant"),
        rent=number(household.rent or 0),
    )
    return " ; ".join([line, *_detail_lines(simulation, benefit)])


@dataclass(frozen=True)
class Right:
    benefit: Benefit
    entry: Entry
    amount: float
    when: str  # « par mois », « pour la rentrée 2026 (…) », « une fois… »
    why: str

    @property
    def amount_text(self) -> str:
        return f"environ {number(round(self.amount))} € {self.when}"

    @property
    def payload(self) -> dict:
        return {
            "intent": self.entry.intent,
            "title": self.entry.title,
            "amount": round(self.amount, 2),
            "period": self.benefit.period,
            "when": self.when,
            "why": self.why,
        }


def positive_rights(household: Household, simulation: Simulation) -> list[Right]:
    entries, table = load_entries(), benefits()
    rights = [
        Right(
            table[name],
            entries[table[name].intent],
            amount.value,
            table[name].period_text(int(amount.period[:4])),
            why(table[name], household, simulation),
        )
        for name, amount in simulation.amounts.items()
        if amount.value > 0.5 and table[name].intent in entries
    ]
    return sorted(rights, key=lambda r: -r.amount / PER_MONTH[r.benefit.period])


def not_computed_lines(simulation: Simulation) -> list[str]:
    """The rights left out for lack of a fact, or because they need more than the screening asks."""
    entries, table, lines = load_entries(), benefits(), []
    for name, reason in simulation.not_computed.items():
        entry = entries.get(table[name].intent)
        title = entry.title if entry else table[name].label
        if reason.missing:
            missing = [FACT_NAMES[fact] for fact in reason.missing]
            lines.append(f"{title} : non calculé, il manque {' et '.join(missing)}.")
        elif reason.shown:
            lines.append(f"{title} : {reason.shown}")
    return lines


def estimate_line(simulation: Simulation, today: date) -> str:
    return (
        f"Estimation indicative pour {month_year(simulation.month)}, calculée le {short_date(today)} avec "
        f"{ENGINE_NAMES.get(simulation.engine, simulation.engine or 'OpenFisca-France')} {simulation.version}, "
        "le moteur de calcul officiel des aides sociales, sur ce que vous m'avez dit. Seule la CAF décide : "
        f"faites la demande sur caf.fr (espace Mon Compte) ou au {contact('caf_phone')['phone']}."
    )


def family_reply(household: Household, simulation: Simulation, today: date) -> Reply:
    rights = positive_rights(household, simulation)
    lines = [
        "Vos droits possibles, d'après ce que vous m'avez dit :"
        if rights
        else "D'après ce que vous m'avez dit, je ne trouve pas d'aide de la CAF pour vous ce mois-ci."
    ]
    lines += [f"• {r.entry.title} : {r.amount_text} — {r.why}." for r in rights]
    missing = not_computed_lines(simulation)
    if missing:
        lines += ["Non calculé :", *[f"• {line}" for line in missing]]
    lines.append(estimate_line(simulation, today))
    buttons = [
        intent_button(f"Demander : {r.benefit.label}", r.entry.intent, {"facet": "demande"})
        for r in rights[:MAX_APPLY_BUTTONS]
    ]
    custom = {
        "type": "rights_results",
        "month": simulation.month.isoformat(),
        "engine": simulation.engine,
        "version": simulation.version,
        "computed": today.isoformat(),
        "rights": [
            {
                **r.payload,
                "apply": {"title": r.entry.online.title, "url": r.entry.online.url} if r.entry.online else None,
            }
            for r in rights
        ],
        "not_computed": missing,
    }
    return Reply("\n".join(lines), buttons, custom)


def agent_reply(household: Household, simulation: Simulation, today: date) -> Reply:
    """The card for front-desk agents: facts used, rights with rule references, documents, where to send."""
    rights = positive_rights(household, simulation)
    facts = [line.removeprefix("• ") for line in recap_lines(household)]
    documents = list(dict.fromkeys(d for r in rights for d in r.entry.documents))
    send_to = list(dict.fromkeys(s for r in rights for s in r.entry.agent.get("send_to", [])))
    card = {
        "type": "rights_card",
        "title": "Droits possibles — estimation",
        "month": simulation.month.isoformat(),
        "engine": simulation.engine,
        "version": simulation.version,
        "computed": today.isoformat(),
        "facts": facts,
        "rights": [{**r.payload, "legal": r.entry.agent.get("legal", "")} for r in rights],
        "not_computed": not_computed_lines(simulation),
        "documents": documents,
        "send_to": send_to,
    }
    lines = [
        f"Fiche agent — droits possibles (estimation pour {month_year(simulation.month)})",
        "Situation retenue :",
        *[f"• {fact}" for fact in facts],
        "Droits possibles :",
    ]
    lines += [
        f"• {r.entry.title} : {r.amount_text} — {r.why}"
        + (f" (réf. {legal})" if (legal := r.entry.agent.get("legal")) else "")
        for r in rights
    ] or ["• aucun ce mois-ci"]
    if card["not_computed"]:
        lines += ["Non calculé :", *[f"• {line}" for line in card["not_computed"]]]
    lines += ["Pièces à préparer :", *[f"• {d}" for d in documents or ["(voir chaque aide sur caf.fr)"]]]
    lines += ["Orienter vers :", *[f"• {s}" for s in send_to or ["caf.fr, espace Mon Compte ; 3230"]]]
    lines.append(estimate_line(simulation, today))
    return Reply("\n".join(lines), [], card)


def _known_ages(household: Household) -> list[int]:
    return [a for a in household.children_ages or () if a >= 0]


# Without the engine, which rights the facts point to (for the published figures); a right of the table
# with no rule here is pointed to when its condition (`asked_when`) holds.
PLAUSIBLE = {
    "af": lambda h: h.children >= 2,
    "cf": lambda h: h.children >= 3 and len(_known_ages(h)) == h.children and all(a >= 3 for a in _known_ages(h)),
    "ars": lambda h: any(6 <= a <= 18 for a in _known_ages(h)),
    "asf": lambda h: h.couple is False and h.children > 0,
    "paje_naissance": lambda h: bool(h.pregnancy),
    "paje_base": lambda h: bool(h.pregnancy) or any(a < 3 for a in _known_ages(h)),
    "rsa": lambda h: h.monthly_income is not None and h.monthly_income < 1000,
    "ppa": lambda h: h.monthly_income is not None and h.monthly_income < 2000,
    "paje_cmg": lambda h: False,
}


def plausible_rights(household: Household) -> list[str]:
    """The knowledge entries (intents) of the rights the facts point to, without computing them."""
    return [b.intent for b in benefits().values() if _points_to(b, household)]


def _points_to(benefit: Benefit, household: Household) -> bool:
    rule = PLAUSIBLE.get(benefit.engine)
    return rule(household) if rule else bool(benefit.applies(household))


def unavailable_reply(household: Household, today: date) -> Reply:
    """The engine did not answer: say so, and give the published amounts of the rights the facts point to."""
    entries = load_entries()
    lines = [
        "Le calcul personnalisé est indisponible pour le moment, je ne peux pas estimer vos montants. "
        "Voici les montants publiés des aides qui pourraient vous concerner (à vérifier selon votre situation) :"
    ]
    buttons = []
    for intent in plausible_rights(household):
        entry = entries.get(intent)
        if entry is None:
            continue
        amounts = figures_block(entry.figures_of("amount", family=True)[:2], today)
        lines.append(f"{entry.title} :")
        lines += [line for line in amounts if line.startswith("•")] or ["• montant selon votre situation"]
        buttons.append(intent_button(entry.title.split(" (")[0], intent))
    lines.append(
        f"Réessayez dans quelques minutes, ou faites une simulation sur mesdroitssociaux.gouv.fr. "
        f"Montants publiés en vigueur le {long_date(today)}."
    )
    return Reply("\n".join(lines), buttons[:4], {"type": "rights_unavailable"})
