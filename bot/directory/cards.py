"""One service point as a card: the structured data the web page draws, and its lines of text.

Dates are said as honestly as they are known: « Source : …, mars 2025 » is the date
of the source's data; « Vérifié le … » only when a person or an official dataset
confirmed it that day; a source more than two years old (or undated) is said to be
so, with the phone number to check. An approximate position is called approximate
and its map link shows the area, without a pin that would pretend to be exact.
"""

from __future__ import annotations

from datetime import datetime

from bot.directory import hours as opening
from bot.directory.dates import describe, french_day, is_stale
from bot.directory.geo import describe_distance, osm_area_link, osm_link
from bot.directory.records import ServiceRecord
from bot.directory.schema import ServicePoint
from bot.knowledge.contacts import contact

POSITION_WORDS = {
    "street": "position approximative : milieu de la rue",
    "quartier": "position approximative : centre du quartier",
    "postcode": "position approximative",
    "commune": "position approximative",
}


def _intervals(point: ServicePoint) -> list[opening.Interval]:
    return [opening.Interval(h.weekday, h.opens, h.closes) for h in point.hours]


def _exceptions(point: ServicePoint) -> list[opening.Exception_]:
    return [opening.Exception_(e.day, e.closed, e.opens, e.closes, e.label or "") for e in point.exceptions]


def _how_to_check(point: ServicePoint) -> str:
    if point.phone:
        return f"appelez le {point.phone}"
    if point.website:
        return f"consultez {point.website}"
    return f"appelez l'Hôtel de Ville au {contact('hotel_de_ville')['phone']}"


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _caveat(point: ServicePoint) -> str | None:
    if point.verified:
        return None
    reason = (point.caveat or "informations non confirmées.").strip()
    check = _how_to_check(point)
    return f"À vérifier : {_sentence(reason)} {check[0].upper()}{check[1:]} avant de vous déplacer."


def _short(source: str) -> str:
    return source.split(" (")[0].split(" — ")[0][:120]


def _sources(point: ServicePoint) -> list[dict]:
    """Each source of the point, newest first: its short name and the date of its data."""
    listed = []
    for source in point.sources or []:
        precision = ServiceRecord.from_json(source.record).source_date_precision if source.record else "day"
        listed.append(
            {
                "source": _short(source.source),
                "date": describe(source.source_date, precision),
                "iso": source.source_date.isoformat() if source.source_date else None,
            }
        )
    if not listed:
        listed.append(
            {
                "source": _short(point.source),
                "date": describe(point.source_date, point.source_date_precision),
                "iso": point.source_date.isoformat() if point.source_date else None,
            }
        )
    return sorted(listed, key=lambda s: s["iso"] or "", reverse=True)


def _source_text(sources: list[dict]) -> str:
    return " ; ".join(f"{s['source']}, {s['date'] or 'date inconnue'}" for s in sources)


def _stale_note(point: ServicePoint, today, caveat: str | None) -> str | None:
    if not is_stale(point.source_date, point.source_date_precision, today):
        return None
    check = "" if caveat else f" {_how_to_check(point)[0].upper()}{_how_to_check(point)[1:]} pour vérifier."
    if point.source_date is None:
        return "La date de cette information est inconnue : elle a pu changer." + check
    return f"Information de {point.source_date.year} : elle date de plus de deux ans et a pu changer." + check


def _confirmation(point: ServicePoint) -> str | None:
    if not point.confirmed_on:
        return None
    by = f" ({point.confirmed_by})" if point.confirmed_by else ""
    return f"Vérifié le {french_day(point.confirmed_on)}{by}."


def card(
    point: ServicePoint,
    distance: float | None,
    now: datetime,
    week: bool = False,
    also_here: tuple[ServicePoint, ...] = (),
) -> dict:
    """The structured description of one service point (the web page draws it as a card)."""
    intervals, exceptions = _intervals(point), _exceptions(point)
    has_hours = bool(intervals)
    exact = point.geo_precision == "address"
    located = point.latitude is not None
    caveat = _caveat(point)
    sources = _sources(point)
    item = {
        "name": point.name,
        "kind": point.kind,
        "service_type": point.service_type,
        "address": point.address,
        "postcode": point.postcode,
        "city": point.city,
        # Rounded to 100 m: exact distances from several places would give the person's position back.
        "distance_m": int(round(distance, -2)) if distance is not None else None,
        "position": POSITION_WORDS.get(point.geo_precision or "") if located else None,
        "phone": point.phone,
        "email": point.email,
        "website": point.website,
        "hours_today": opening.today_text(intervals, now.date(), exceptions) if has_hours else None,
        "open_now": (opening.is_open(intervals, now, exceptions) if has_hours and point.hours_verified else None),
        "hours_note": point.hours_note,
        "map_url": (osm_link if exact else osm_area_link)(point.latitude, point.longitude) if located else None,
        "map_exact": exact if located else None,
        "verified": bool(point.verified),
        "caveat": caveat,
        "stale_note": _stale_note(point, now.date(), caveat),
        "source": point.source,
        "source_date": point.source_date.isoformat() if point.source_date else None,
        "source_text": _source_text(sources),
        "sources": [{k: s[k] for k in ("source", "date")} for s in sources],
        "confirmed_on": point.confirmed_on.isoformat() if point.confirmed_on else None,
        "confirmation": _confirmation(point),
        "confidence": point.confidence,
        "also_here": [{"name": other.name, "phone": other.phone} for other in also_here],
        "checked": point.checked.isoformat(),
    }
    if week:
        item["hours_week"] = opening.week(intervals) if has_hours else []
    return item


def card_text(item: dict) -> list[str]:
    """The card as lines of text (for channels without cards, and the conversation log)."""
    title = f"• {item['name']}"
    if item["distance_m"] is not None:
        title += f" — à {describe_distance(item['distance_m'])}"
        if item["position"]:
            title += f" ({item['position']})"
    lines = [title]
    place = ", ".join(p for p in (item["address"], " ".join(filter(None, (item["postcode"], item["city"])))) if p)
    if place:
        lines.append(f"  {place}")
    if item["phone"]:
        lines.append(f"  Tél. {item['phone']}")
    if item["hours_today"]:
        state = {True: " (ouvert en ce moment)", False: " (fermé en ce moment)"}.get(item["open_now"], "")
        lines.append(f"  Aujourd'hui : {item['hours_today']}{state}")
    if item["hours_note"]:
        lines.append(f"  {item['hours_note']}")
    for other in item["also_here"]:
        lines.append(f"  Au même endroit : {other['name']}" + (f" (tél. {other['phone']})" if other["phone"] else ""))
    if item["map_url"]:
        lines.append(
            ("  Carte : " if item["map_exact"] else "  Carte du secteur (position approximative) : ") + item["map_url"]
        )
    for key in ("caveat", "stale_note"):
        if item[key]:
            lines.append(f"  {item[key]}")
    lines.append(f"  Source : {item['source_text']}." + (f" {item['confirmation']}" if item["confirmation"] else ""))
    return lines
