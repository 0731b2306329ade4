"""Answers rendered from a knowledge entry, for families and for front-desk agents.

One renderer serves every entry: adding a topic means adding data and examples.
"""

from __future__ import annotations

from datetime import date

from bot.formatting import long_date, number, short_date
from bot.knowledge.contacts import contacts_block
from bot.knowledge.entries import Entry, Figure, Row
from bot.knowledge.facets import DEFAULT_FACET, FACET_TITLES
from bot.knowledge.service_types import service_type_in_text
from bot.replies import Reply, intent_button

SUMMARY_AMOUNTS = 3
CAVEATS = {
    "computed": "* montant calculé d'après le barème officiel : à vérifier auprès de la CAF.",
    "unconfirmed": "** montant non confirmé par nos sources : à vérifier auprès de la CAF avant de vous y fier.",
}
MARKS = {"confirmed": "", "computed": "*", "unconfirmed": "**"}
SIMULATORS = ["mesdroitssociaux", "caf_online"]
PLACES = ["hotel_de_ville", "caf_phone", "monenfant"]


def figure_line(figure: Figure, row: Row) -> str:
    line = f"• {number(row.value)} {figure.unit} {figure.label}{MARKS[row.status]}"
    if row.income_year:
        line += f" (revenus {row.income_year})"
    return line


def figures_block(figures: list[Figure], day: date) -> list[str]:
    """Lines for the figures in force on `day`, the dates they apply from, and their caveats."""
    in_force = [(f, f.row_in_force(day)) for f in figures]
    shown = [(f, row) for f, row in in_force if row]
    if not shown:
        return []
    lines = [figure_line(f, row) for f, row in shown]
    dates = sorted({row.effective for _, row in shown})
    lines.append("En vigueur depuis le " + ", ".join(long_date(d) for d in dates) + ".")
    lines += [CAVEATS[status] for status in ("computed", "unconfirmed") if any(r.status == status for _, r in shown)]
    if any(f.is_stale(day) for f, _ in shown):
        lines.append(
            "Attention : ces chiffres datent de plus de 13 mois et ont pu changer depuis ; vérifiez sur caf.fr."
        )
    return lines


def source_line(entry: Entry) -> str:
    link = entry.official_link
    where = f"{link.title} — {link.url}" if link else "caf.fr — https://www.caf.fr"
    return f"Source : {where} (vérifié le {short_date(entry.checked)})."


def facet_lines(entry: Entry, facet: str, day: date) -> list[str]:
    if facet == "montants":
        amounts = figures_block(entry.figures_of("amount", family=True), day)
        if not amounts:
            return [
                "Il n'y a pas de montant fixe que je puisse vous donner pour ce sujet : il dépend de votre situation."
            ]
        return amounts + ([entry.amounts_note] if entry.amounts_note else [])
    if facet == "conditions":
        ceilings = figures_block(entry.figures_of("ceiling", family=True), day)
        return [f"• {c}" for c in entry.eligibility] + (["Plafonds de revenus :"] + ceilings if ceilings else [])
    if facet == "demande":
        steps = [f"{n}. {s}" for n, s in enumerate(entry.steps, 1)]
        online = [f"En ligne : {entry.online.title} — {entry.online.url}"] if entry.online else []
        return steps + online
    if facet == "pieces":
        return [f"• {d}" for d in entry.documents] or [
            "Nos sources ne donnent pas de liste de pièces pour cette démarche : la CAF vous dira lesquelles "
            "au moment de la demande (espace Mon Compte sur caf.fr ou 3230)."
        ]
    if facet == "simuler":
        return ["Seule la CAF calcule vos droits. Pour une estimation officielle :", contacts_block(SIMULATORS)]
    if facet == "lieu":
        return ["Pour être accompagné(e) dans la démarche :", contacts_block(PLACES)]
    amounts = figures_block(entry.figures_of("amount", family=True)[:SUMMARY_AMOUNTS], day)
    return [entry.summary] + amounts


def follow_up_buttons(entry: Entry, facet: str) -> list[dict[str, str]]:
    """The other facets; amounts and simulation only for topics that have figures."""
    without_figures = {"montants", "simuler"} if not entry.figures else set()
    return [
        intent_button(title, entry.intent, {"facet": name})
        for name, title in FACET_TITLES.items()
        if name != facet and name not in without_figures
    ]


def family_reply(entry: Entry, facet: str, day: date) -> Reply:
    """Short plain French first (the answer to the question asked), then follow-ups and the source."""
    heading = entry.title if facet == DEFAULT_FACET else f"{entry.title} — {FACET_TITLES[facet]}"
    lines = [heading, *facet_lines(entry, facet, day), source_line(entry)]
    link = entry.official_link
    custom = {
        "type": "benefit_answer",
        "intent": entry.intent,
        "facet": facet,
        "source": {"title": link.title, "url": link.url} if link else None,
        "checked": entry.checked.isoformat(),
    }
    buttons = follow_up_buttons(entry, facet)
    place_type = service_type_in_text(entry.body) if facet == "lieu" else None
    if place_type:
        buttons.insert(0, intent_button("Le lieu le plus proche", "find_service", {"service_type": place_type}))
    return Reply("\n".join(lines), buttons, custom)


def agent_card(entry: Entry, day: date) -> dict:
    """The script card as structured data, for the front-desk console."""
    figures = []
    for figure in entry.figures:
        row = figure.row_in_force(day)
        if row:
            figures.append(
                {
                    "id": figure.id,
                    "kind": figure.kind,
                    "label": figure.label,
                    "unit": figure.unit,
                    "value": row.value,
                    "effective": row.effective.isoformat(),
                    "status": row.status,
                    "income_year": row.income_year,
                    "stale": figure.is_stale(day),
                }
            )
    return {
        "type": "script_card",
        "intent": entry.intent,
        "title": entry.title,
        "body": entry.body,
        "say": list(entry.agent.get("say", [])),
        "ask": list(entry.agent.get("ask", [])),
        "documents": list(entry.documents),
        "send_to": list(entry.agent.get("send_to", [])),
        "legal": entry.agent.get("legal", ""),
        "figures": figures,
        "sources": [{"title": link.title, "url": link.url, "status": link.status} for link in entry.links],
        "checked": entry.checked.isoformat(),
    }


def agent_reply(entry: Entry, day: date) -> Reply:
    """The script card as text (points to say, questions, documents, where to send) plus its data."""
    card = agent_card(entry, day)
    sections = [
        ("À dire", card["say"]),
        ("À demander", card["ask"]),
        ("Pièces à préparer", card["documents"] or ["(aucune liste dans nos sources)"]),
        ("Orienter vers", card["send_to"]),
    ]
    lines = [f"Fiche agent — {entry.title} ({entry.body})"]
    for title, items in sections:
        lines.append(f"{title} :")
        lines += [f"• {item}" for item in items]
    amounts = figures_block(entry.figures_of("amount"), day)
    lines += ["Montants :", *amounts] if amounts else []
    lines.append(f"Référence : {card['legal']}")
    lines.append(source_line(entry))
    return Reply("\n".join(lines), [], card)
