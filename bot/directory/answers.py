"""Replies about service points: nearest places, one service's details, where-are-you questions.

Each reply is French text plus a `custom` payload for the web page
(`service_results`, `service_details`, `location_request`). Cards are built by
bot/directory/cards.py; the official pointers of each type come from
data/directory/service_types.yml.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import yaml

from bot.directory.cards import card, card_text
from bot.directory.geo import describe_distance
from bot.directory.locating import Location
from bot.directory.schema import ServicePoint
from bot.directory.search import Found, Nearby
from bot.knowledge.contacts import contact
from bot.paths import DATA
from bot.replies import Reply, intent_button

INFORM_WITHOUT_QUESTION = (
    "Merci pour cette précision. Quelle est votre question ? Par exemple : "
    "« une crèche vers Sanvic » ou « l'allocation de rentrée scolaire »."
)
ASK_PLACE = (
    "Donnez un quartier, un code postal ou une adresse, ou partagez votre position avec le bouton « Me localiser »."
)


@lru_cache(maxsize=1)
def _types() -> dict:
    with open(DATA / "directory" / "service_types.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def type_label(service_type: str, form: str = "one") -> str:
    return _types()["service_types"].get(service_type, {}).get(form, service_type)


def is_childcare(service_type: str | None) -> bool:
    return bool(_types()["service_types"].get(service_type or "", {}).get("childcare"))


def pointers(service_type: str | None, with_results: bool) -> list[dict]:
    """The official pointers for the type: {label, url}."""
    return [
        {"label": p["label"], "url": p["url"]}
        for p in _types().get("pointers") or []
        if service_type in p["types"] and (not with_results or not p.get("without_results"))
    ]


def _place_words(where: Location) -> str:
    return "votre position" if where.precision == "device" else where.label


def _results(
    service_type: str,
    where: Location,
    items: list[dict],
    lines: list[str],
    links: list[dict],
    unlocated_from: int | None = None,
) -> Reply:
    """The reply: `lines` (introduction), each card as text, then the links; `unlocated_from` is the
    first card without a position (announced by a line of its own)."""
    lines = list(lines)
    for number, result in enumerate(items):
        if number == unlocated_from and number:
            lines.append("(Les lieux suivants n'ont pas de position connue : distance non calculée.)")
        lines += card_text(result)
    lines += [f"{link['label']} : {link['url']}" for link in links]
    custom = {
        "type": "service_results",
        "service_type": service_type,
        "place": {"label": _place_words(where), "precision": where.precision},
        "results": items,
        "links": links,
    }
    return Reply("\n".join(lines), [], custom)


def _intro(where: Location) -> list[str]:
    if where.approximate_because:
        return [
            f"Je connais « {where.approximate_because} » mais pas encore sa position : distances comptées "
            f"depuis le centre du Havre."
        ]
    if where.derived:
        return [f"Position de {where.label} approximative (déduite des adresses de la Base Adresse Nationale)."]
    return []


def nearest_reply(
    service_type: str, where: Location, places: list[Nearby], unlocated: list[Found], now: datetime
) -> Reply:
    """The nearest places (points at one spot shown once), then those without position."""
    items = [card(place.found.point, place.found.distance_m, now, also_here=place.also_here) for place in places]
    items += [card(found.point, None, now) for found in unlocated]
    links = pointers(service_type, with_results=True)
    if not items:
        return no_result_reply(service_type, where)
    lines = _intro(where) + [
        f"Voici les {type_label(service_type, 'many')} les plus proches de {_place_words(where)} :"
    ]
    return _results(service_type, where, items, lines, links, unlocated_from=len(places))


def far_reply(service_type: str, where: Location, found: Found, now: datetime) -> Reply:
    """Nothing nearby: the nearest known place, said to be far, with the phone and the national links."""
    item = card(found.point, found.distance_m, now)
    phone = f"au {item['phone']}" if item["phone"] else f"l'Hôtel de Ville au {contact('hotel_de_ville')['phone']}"
    lines = _intro(where) + [
        f"Je n'ai pas {type_label(service_type, 'one')} près de {_place_words(where)} : le plus proche que je "
        f"connaisse est loin, à {describe_distance(item['distance_m'])}.",
        f"Appelez {phone} avant de vous déplacer, ou cherchez plus près avec les liens officiels ci-dessous.",
    ]
    return _results(service_type, where, [item], lines, pointers(service_type, with_results=False))


def no_result_reply(service_type: str, where: Location) -> Reply:
    hotel = contact("hotel_de_ville")
    near = f" près de {_place_words(where)}" if where.found and where.label else ""
    lines = [
        f"Je n'ai pas encore {type_label(service_type, 'one')} dans mon annuaire{near}.",
        f"Le mieux : appeler l'Hôtel de Ville au {hotel['phone']}, qui vous orientera, ou voir ces liens officiels :",
    ]
    return _results(service_type, where, [], lines, pointers(service_type, with_results=False))


def details_reply(points: list[ServicePoint], now: datetime) -> Reply:
    """Opening hours, address and phone of the named service(s)."""
    results = [card(point, None, now, week=True) for point in points]
    lines = []
    for item in results:
        lines += card_text(item)
        if item["hours_week"]:
            lines.append(
                "  Horaires de la semaine : " + " ; ".join(f"{d['day']} {d['hours']}" for d in item["hours_week"])
            )
    return Reply("\n".join(lines), [], {"type": "service_details", "results": results})


def ask_service_type(intent: str = "inform", available: set[str] | None = None) -> Reply:
    """« Quel type de lieu ? » with a button per type the directory has points of."""
    types = [t for t in _types()["ask_buttons"] if available is None or t in available]
    buttons = [intent_button(type_label(t, "button"), intent, {"service_type": t}) for t in types]
    return Reply("Quel type de lieu cherchez-vous ? (crèche, CAF, CCAS, France services, mairie…)", buttons)


def ask_location(suggestions: list[str] | None = None, unknown: bool = False, street_unknown: bool = False) -> Reply:
    """Where are you? With close known names as buttons, and the offer to share the position."""
    text = f"Dans quel quartier du Havre êtes-vous ? {ASK_PLACE}"
    if street_unknown:  # the street is not said back: it may be the person's address
        text = f"Je ne trouve pas cette rue dans ma base d'adresses du Havre. {ASK_PLACE}"
    elif unknown:  # what was typed is not repeated: it may hold a name or an address
        text = "Je ne connais pas ce lieu au Havre. " + (
            "Vouliez-vous dire l'un de ces lieux ?" if suggestions else text
        )
    buttons = [intent_button(name, "inform", {"location": name}) for name in suggestions or []]
    return Reply(text, buttons, {"type": "location_request", "suggestions": suggestions or []})


def outside_reply(where: Location, service_type: str | None) -> Reply:
    """A place outside Le Havre: what the directory covers, and the national directories for that town."""
    what = type_label(service_type, "many") if service_type else "services publics"
    if where.precision == "device":
        lines = [
            "Votre position est en dehors du Havre, et mon annuaire couvre seulement la ville du Havre.",
            f"Pour trouver des {what} près de vous :",
        ]
    elif where.label.isdigit():
        lines = [
            f"Le code postal {where.label} n'est pas celui du Havre, et mon annuaire couvre seulement la "
            "ville du Havre.",
            f"Pour trouver des {what} dans le {where.label} :",
        ]
    else:
        lines = [
            f"{where.label} n'est pas au Havre : mon annuaire couvre seulement la ville du Havre.",
            f"Pour trouver des {what} à {where.label} :",
        ]
    links = pointers(service_type, with_results=False) or pointers("mairie", with_results=False)
    lines += [f"{link['label']} : {link['url']}" for link in links]
    return Reply(
        "\n".join(lines),
        [],
        {
            "type": "service_results",
            "service_type": service_type,
            "place": {"label": where.label, "precision": "outside"},
            "results": [],
            "links": links,
        },
    )
