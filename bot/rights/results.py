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

from bot.formatting import long_date, number, short_date
from bot.knowledge.answers import figures_block
from bot.knowledge.contacts import contact
from bot.knowledge.entries import Entry, load_entries
from bot.replies import Reply, intent_button
from bot.rights.engine import Simulation
from bot.rights.household import Household
from bot.rights.screening import recap_lines

# The engine's variables and the knowledge entry (intent) of each right.
RIGHTS = {
    "af": "ask_allocations_familiales",
    "cf": "ask_complement_familial",
    "ars": "ask_ars",
    "asf": "ask_asf",
    "paje_base": "ask_allocation_base",
    "paje_naissance": "ask_prime_naissance",
    "rsa": "ask_rsa",
    "ppa": "ask_prime_activite",
    "aide_logement": "ask_aide_logement",
    "paje_cmg": "ask_cmg",
}
FACT_NAMES = {
    "couple": "la vie en couple",
    "children_ages": "les enfants",
    "monthly_income": "les revenus",
    "housing": "le logement",
    "rent": "le loyer",
    "pension_received": "la pension alimentaire",
}
MONTHS = (
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
AF_TRANCHES = {
    1.0: "revenus sous le premier plafond : montant plein",
    0.5: "revenus entre les deux plafonds : montant divisé par 2",
    0.25: "revenus au-dessus du second plafond : montant divisé par 4",
}
MAX_APPLY_BUTTONS = 3
ENGINE_NAMES = {"openfisca-france": "OpenFisca-France"}


def benefits_to_ask(household: Household) -> list[str]:
    """Every right the screening can compute; the engine's scope leaves out what obviously does not apply."""
    ages = [a for a in household.children_ages or () if a >= 0]
    wanted = ["rsa", "ppa"]
    if household.children or household.pregnancy:
        wanted += ["af", "cf", "ars", "asf", "paje_base", "paje_naissance"]
    if household.housing in (None, "tenant"):
        wanted.append("aide_logement")
    if any(a < 6 for a in ages):
        wanted.append("paje_cmg")
    return wanted


def engine_household(household: Household) -> Household:
    """The household as the engine receives it: children whose age was not said are left out."""
    ages = household.children_ages
    return replace(household, children_ages=tuple(a for a in ages if a >= 0)) if ages else household


def _month_name(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def why(benefit: str, household: Household, simulation: Simulation) -> str:
    """One line on why the right comes out, from the facts used."""
    ages = [a for a in household.children_ages or () if a >= 0]
    n = household.children
    if benefit == "af":
        older = " dont un de 14 ans ou plus" if any(a >= 14 for a in ages) else ""
        tranche = AF_TRANCHES.get(round(simulation.details.get("af_taux_modulation", 0), 2))
        return f"{n} enfants à charge{older}" + (f" ; {tranche}" if tranche else "")
    if benefit == "cf":
        return "3 enfants ou plus, tous de 3 ans ou plus, et des revenus sous le plafond"
    if benefit == "ars":
        school = sum(6 <= a <= 18 for a in ages)
        return (
            f"{school} enfant{'s' if school > 1 else ''} d'âge scolaire (6 à 18 ans) ; montant pour la rentrée "
            f"{simulation.rentree}" + (", versé en août" if simulation.rentree_passed else "")
        )
    if benefit == "asf":
        return "vous élevez seul(e) vos enfants et l'autre parent ne verse pas de pension"
    if benefit == "paje_base":
        return "un enfant de moins de 3 ans" + (" (ou à naître)" if household.pregnancy else "")
    if benefit == "paje_naissance":
        return "un bébé attendu : la prime est versée avant la naissance"
    if benefit == "rsa":
        return "les revenus du foyer sont sous le revenu minimum garanti pour votre famille"
    if benefit == "ppa":
        return "vous travaillez avec des revenus modestes"
    if benefit == "aide_logement":
        return "locataire" + (f", loyer de {number(household.rent)} € par mois" if household.rent else "")
    return ""


@dataclass(frozen=True)
class Right:
    benefit: str
    entry: Entry
    amount: float
    yearly: bool
    why: str

    @property
    def amount_text(self) -> str:
        return f"environ {number(round(self.amount))} € " + ("pour l'année" if self.yearly else "par mois")


def positive_rights(household: Household, simulation: Simulation) -> list[Right]:
    entries = load_entries()
    rights = [
        Right(b, entries[RIGHTS[b]], a.value, a.yearly, why(b, household, simulation))
        for b, a in simulation.amounts.items()
        if a.value > 0.5 and RIGHTS.get(b) in entries
    ]
    return sorted(rights, key=lambda r: -(r.amount / 12 if r.yearly else r.amount))


def not_computed_lines(simulation: Simulation) -> list[str]:
    """The rights left out for lack of a fact, or because they need more than the screening asks."""
    entries, lines = load_entries(), []
    for benefit, reason in simulation.not_computed.items():
        title = entries[RIGHTS[benefit]].title if RIGHTS.get(benefit) in entries else benefit
        if benefit == "paje_cmg":
            lines.append(
                f"{title} : il dépend de vos frais de garde (assistante maternelle, garde à domicile, "
                f"micro-crèche), que je ne connais pas ; simulateur sur monenfant.fr."
            )
        elif benefit == "asf" and "child support" in reason:
            lines.append(
                f"{title} : vous recevez une pension ; si elle est faible, l'ASF peut la compléter : demandez à la CAF."
            )
        elif reason.startswith("not known: "):
            missing = [FACT_NAMES.get(name.strip(), name.strip()) for name in reason[11:].split(",")]
            lines.append(f"{title} : non calculé, il manque {' et '.join(missing)}.")
    return lines


def estimate_line(simulation: Simulation, today: date) -> str:
    return (
        f"Estimation indicative pour {_month_name(simulation.month)}, calculée le {short_date(today)} avec "
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
        intent_button(f"Demander : {r.entry.title.split(' (')[0]}", r.entry.intent, {"facet": "demande"})
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
                "intent": r.entry.intent,
                "title": r.entry.title,
                "amount": round(r.amount, 2),
                "period": "year" if r.yearly else "month",
                "why": r.why,
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
        "rights": [
            {
                "intent": r.entry.intent,
                "title": r.entry.title,
                "amount": round(r.amount, 2),
                "period": "year" if r.yearly else "month",
                "why": r.why,
                "legal": r.entry.agent.get("legal", ""),
            }
            for r in rights
        ],
        "not_computed": not_computed_lines(simulation),
        "documents": documents,
        "send_to": send_to,
    }
    lines = [
        f"Fiche agent — droits possibles (estimation pour {_month_name(simulation.month)})",
        "Situation retenue :",
        *[f"• {fact}" for fact in facts],
        "Droits possibles :",
    ]
    lines += [
        f"• {r['title']} : environ {number(round(r['amount']))} € "
        f"{'pour l’année' if r['period'] == 'year' else 'par mois'} — {r['why']}"
        + (f" (réf. {r['legal']})" if r["legal"] else "")
        for r in card["rights"]
    ] or ["• aucun ce mois-ci"]
    if card["not_computed"]:
        lines += ["Non calculé :", *[f"• {line}" for line in card["not_computed"]]]
    lines += ["Pièces à préparer :", *[f"• {d}" for d in documents or ["(voir chaque aide sur caf.fr)"]]]
    lines += ["Orienter vers :", *[f"• {s}" for s in send_to or ["caf.fr, espace Mon Compte ; 3230"]]]
    lines.append(estimate_line(simulation, today))
    return Reply("\n".join(lines), [], card)


def plausible_rights(household: Household) -> list[str]:
    """The rights the facts point to, without computing them (for the published figures)."""
    ages = [a for a in household.children_ages or () if a >= 0]
    found = []
    if household.children >= 2:
        found.append("ask_allocations_familiales")
    if household.children >= 3 and len(ages) == household.children and all(a >= 3 for a in ages):
        found.append("ask_complement_familial")
    if any(6 <= a <= 18 for a in ages):
        found.append("ask_ars")
    if household.couple is False and household.children:
        found.append("ask_asf")
    if household.pregnancy or any(a < 3 for a in ages):
        found += ["ask_prime_naissance", "ask_allocation_base"] if household.pregnancy else ["ask_allocation_base"]
    if household.housing in (None, "tenant"):
        found.append("ask_aide_logement")
    if household.monthly_income is not None and household.monthly_income < 2000:
        found += ["ask_prime_activite"] + (["ask_rsa"] if household.monthly_income < 1000 else [])
    return found


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
