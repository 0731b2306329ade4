"""Replies about service points: nearest places, one service's details, where-are-you questions.

Each reply is French text plus a `custom` payload for the web page
(`service_results`, `service_details`, `location_request`).
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import yaml

from bot.directory import hours as opening
from bot.directory.geo import describe_distance, osm_link
from bot.directory.locating import Location
from bot.directory.schema import ServicePoint
from bot.directory.search import Found
from bot.knowledge.contacts import contact
from bot.paths import DATA
from bot.replies import Reply, intent_button

SERVICE_PUBLIC_ANNUAIRE = "https://lannuaire.service-public.gouv.fr"
INFORM_WITHOUT_QUESTION = ("Merci pour cette précision. Quelle est votre question ? Par exemple : "
                           "« une crèche vers Sanvic » ou « l'allocation de rentrée scolaire ».")
PRECISION_WORDS = {"quartier": "position approchée : centre du quartier",
                   "postcode": "position approchée", "commune": "position approchée"}


@lru_cache(maxsize=1)
def _types() -> dict:
    with open(DATA / "directory" / "service_types.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def type_label(service_type: str, form: str = "one") -> str:
    return _types()["service_types"].get(service_type, {}).get(form, service_type)


def is_childcare(service_type: str | None) -> bool:
    return bool(_types()["service_types"].get(service_type or "", {}).get("childcare"))


def _intervals(point: ServicePoint) -> list[opening.Interval]:
    return [opening.Interval(h.weekday, h.opens, h.closes) for h in point.hours]


def _exceptions(point: ServicePoint) -> list[opening.Exception_]:
    return [opening.Exception_(e.day, e.closed, e.opens, e.closes, e.label or "")
            for e in point.exceptions]


def _caveat(point: ServicePoint) -> str | None:
    if point.verified:
        return None
    check = point.phone and f"appelez le {point.phone}" or point.website and f"consultez {point.website}" \
        or f"appelez l'Hôtel de Ville au {contact('hotel_de_ville')['phone']}"
    reason = (point.caveat or "informations non confirmées.").strip()
    return f"À vérifier : {reason if reason.endswith('.') else reason + '.'} " \
           f"{check[0].upper()}{check[1:]} avant de vous déplacer."


def card(point: ServicePoint, distance: float | None, now: datetime, week: bool = False) -> dict:
    """The structured description of one service point (the web page draws it as a card)."""
    intervals, exceptions = _intervals(point), _exceptions(point)
    has_hours = bool(intervals)
    item = {
        "name": point.name, "kind": point.kind, "service_type": point.service_type,
        "address": point.address, "postcode": point.postcode, "city": point.city,
        # Rounded to 100 m: exact distances from several places would give the person's position back.
        "distance_m": int(round(distance, -2)) if distance is not None else None,
        "position": PRECISION_WORDS.get(point.geo_precision or ""),
        "phone": point.phone, "email": point.email, "website": point.website,
        "hours_today": opening.today_text(intervals, now.date(), exceptions) if has_hours else None,
        "open_now": (opening.is_open(intervals, now, exceptions)
                     if has_hours and point.hours_verified else None),
        "hours_note": point.hours_note,
        "map_url": osm_link(point.latitude, point.longitude) if point.latitude is not None else None,
        "verified": bool(point.verified), "caveat": _caveat(point),
        "source": point.source, "source_date": point.source_date.isoformat() if point.source_date else None,
        "checked": point.checked.isoformat(),
    }
    if week:
        item["hours_week"] = opening.week(intervals) if has_hours else []
    return item


def _card_text(item: dict) -> list[str]:
    title = f"• {item['name']}"
    if item["distance_m"] is not None:
        title += f" — à {describe_distance(item['distance_m'])}"
        if item["position"]:
            title += f" ({item['position']})"
    lines = [title]
    place = ", ".join(p for p in (item["address"], " ".join(filter(None, (item["postcode"], item["city"])))) if p)
    lines.append(f"  {place}")
    if item["phone"]:
        lines.append(f"  Tél. {item['phone']}")
    if item["hours_today"]:
        state = {True: " (ouvert en ce moment)", False: " (fermé en ce moment)"}.get(item["open_now"], "")
        lines.append(f"  Aujourd'hui : {item['hours_today']}{state}")
    if item["hours_note"]:
        lines.append(f"  {item['hours_note']}")
    if item["map_url"]:
        lines.append(f"  Carte : {item['map_url']}")
    if item["caveat"]:
        lines.append(f"  {item['caveat']}")
    lines.append(f"  Source : {item['source'].split(' (')[0][:120]}, vérifiée le {_date(item['checked'])}.")
    return lines


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _links(service_type: str) -> list[dict]:
    links = []
    if is_childcare(service_type):
        links.append({"label": "Places et disponibilités en crèche ou chez une assistante maternelle : monenfant.fr",
                      "url": contact("monenfant")["url"]})
    return links


def nearest_reply(service_type: str, where: Location, located: list[Found],
                  unlocated: list[Found], now: datetime) -> Reply:
    """The nearest places (then those without position), as text and `service_results`."""
    results = [card(f.point, f.distance_m, now) for f in located + unlocated]
    links = _links(service_type)
    if not results:
        return no_result_reply(service_type, where, links)
    place = where.label if where.precision != "device" else "votre position"
    intro = f"Voici les {type_label(service_type, 'many')} les plus proches de {place} :"
    if where.approximate_because:
        intro = (f"Je connais le quartier {where.approximate_because} mais pas encore sa position : "
                 f"distances comptées depuis le centre du Havre.\n" + intro)
    lines = [intro]
    for item in results:
        lines += _card_text(item)
    if unlocated and located:
        lines.append("(Les derniers lieux n'ont pas de position connue : distance non calculée.)")
    lines += [f"{link['label']}" for link in links]
    custom = {"type": "service_results", "service_type": service_type,
              "place": {"label": place, "precision": where.precision}, "results": results,
              "links": links}
    return Reply("\n".join(lines), [], custom)


def no_result_reply(service_type: str, where: Location, links: list[dict] | None = None) -> Reply:
    hotel = contact("hotel_de_ville")
    lines = [f"Je n'ai pas encore {type_label(service_type, 'one')} dans mon annuaire près de {where.label or 'vous'}.",
             f"Le mieux : appeler l'Hôtel de Ville au {hotel['phone']}, qui vous orientera, "
             f"ou chercher dans l'annuaire national : {SERVICE_PUBLIC_ANNUAIRE}."]
    links = (links if links is not None else _links(service_type)) + [
        {"label": "Annuaire de l'administration (service-public)", "url": SERVICE_PUBLIC_ANNUAIRE}]
    lines += [link["label"] for link in links[:-1]]
    custom = {"type": "service_results", "service_type": service_type,
              "place": {"label": where.label, "precision": where.precision}, "results": [], "links": links}
    return Reply("\n".join(lines), [], custom)


def details_reply(points: list[ServicePoint], now: datetime) -> Reply:
    """Opening hours, address and phone of the named service(s)."""
    results = [card(point, None, now, week=True) for point in points]
    lines = []
    for item in results:
        lines += _card_text(item)
        if item["hours_week"]:
            lines.append("  Horaires de la semaine : " + " ; ".join(
                f"{d['day']} {d['hours']}" for d in item["hours_week"]))
    return Reply("\n".join(lines), [], {"type": "service_details", "results": results})


def ask_service_type(intent: str = "inform") -> Reply:
    buttons = [intent_button(type_label(t, "button"), intent, {"service_type": t})
               for t in _types()["ask_buttons"]]
    return Reply("Quel type de lieu cherchez-vous ? (crèche, CAF, CCAS, France services, mairie…)", buttons)


def ask_location(suggestions: list[str] | None = None, unknown: bool = False) -> Reply:
    """Where are you? With close known names as buttons, and the offer to share the position."""
    text = ("Dans quel quartier du Havre êtes-vous ? Donnez un quartier, un code postal ou une adresse, "
            "ou partagez votre position avec le bouton « Me localiser ».")
    if unknown:  # what was typed is not repeated: it may hold a name or an address
        text = "Je ne connais pas ce lieu au Havre. " + (
            "Vouliez-vous dire l'un de ces lieux ?" if suggestions else text)
    buttons = [intent_button(name, "inform", {"location": name}) for name in suggestions or []]
    return Reply(text, buttons, {"type": "location_request", "suggestions": suggestions or []})


def outside_reply(where: Location, service_type: str | None) -> Reply:
    lines = [f"Mon annuaire couvre seulement la ville du Havre{f' (et non {where.label[:60]})' if where.label and where.precision != 'device' else ''}."]
    links = []
    if is_childcare(service_type):
        links.append({"label": "Modes de garde partout en France : monenfant.fr", "url": contact("monenfant")["url"]})
    links.append({"label": "Services publics partout en France : l'annuaire de service-public",
                  "url": SERVICE_PUBLIC_ANNUAIRE})
    lines += [f"{link['label']} ({link['url']})" for link in links]
    return Reply("\n".join(lines), [], {"type": "service_results", "service_type": service_type,
                                         "place": {"label": where.label, "precision": "outside"},
                                         "results": [], "links": links})
