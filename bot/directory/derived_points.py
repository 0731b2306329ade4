"""Points for quartiers and landmarks without a sourced one, derived from the address base.

After a BAN import, each quartier or landmark that has no point of its own gets the
centre (mean position) of the addresses of, in this order:
1. the streets whose BAN « ancienne commune » is the place (Sanvic, Bléville,
   Graville, Rouelles were communes; the BAN still names them);
2. the streets a public source places it on (`derivation_hints` of
   data/places/places.yml: « Rue Eugène Friot » for Les Neiges);
3. for a quartier, the streets named after it (« Rue de Tourneville », « Rue de
   Soquence »): a street carrying a quartier's name is usually in it or at its edge.
The point is approximate by nature: it is stored apart from sourced points
(`derived_*`), with how it was derived, and answers call it approximate.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.directory.schema import BanStreet, Place
from bot.directory.street_names import STREET_TYPES, street_key
from bot.paths import PLACES
from bot.text import fold


@lru_cache(maxsize=1)
def hints() -> dict[str, list[str]]:
    """Place name → streets a public source places it on."""
    with open(PLACES / "places.yml", encoding="utf-8") as handle:
        return {hint["place"]: hint["streets"] for hint in yaml.safe_load(handle).get("derivation_hints") or []}


def _centre(streets: list[BanStreet]) -> tuple[float, float]:
    weights = [max(street.numbers, 1) for street in streets]
    total = sum(weights)
    return (
        sum(s.latitude * w for s, w in zip(streets, weights)) / total,
        sum(s.longitude * w for s, w in zip(streets, weights)) / total,
    )


def _describe(streets: list[BanStreet], how: str) -> str:
    names = ", ".join(street.name for street in streets[:4]) + (" …" if len(streets) > 4 else "")
    return f"centre des adresses {how} ({names}) dans la Base Adresse Nationale"


def _streets_for(place: Place, by_key: dict[str, BanStreet], by_old: dict[str, list[BanStreet]]) -> tuple[list, str]:
    names = {fold(place.name)} | {alias.alias for alias in place.aliases}
    old = [street for name in names for street in by_old.get(name, [])]
    if old:
        return old, f"de l'ancienne commune {place.name}"
    hinted = [by_key[key] for key in (street_key(name) for name in hints().get(place.name, [])) if key in by_key]
    if hinted:
        return hinted, "des rues où une source le situe"
    if place.kind != "quartier":
        return [], ""  # a landmark is placed by a source's street only
    named = [by_key[key] for name in names for kind in STREET_TYPES if (key := street_key(f"{kind} {name}")) in by_key]
    if named:
        return named, "des rues qui portent son nom"
    return [], ""


def derive(session: Session, commune: str) -> list[str]:
    """Set or clear the derived point of every quartier and landmark; returns what was derived."""
    streets = session.execute(select(BanStreet).where(BanStreet.commune == commune)).scalars().all()
    by_key = {street.key: street for street in streets}
    by_old: dict[str, list[BanStreet]] = {}
    for street in streets:
        if street.old_commune:
            by_old.setdefault(fold(street.old_commune), []).append(street)
    derived = []
    places = session.execute(
        select(Place).options(selectinload(Place.aliases)).where(Place.kind.in_(("quartier", "landmark")))
    ).scalars()
    for place in places:
        found, how = ([], "") if place.latitude is not None else _streets_for(place, by_key, by_old)
        if not found:
            place.derived_latitude = place.derived_longitude = place.derived_source = None
            continue
        place.derived_latitude, place.derived_longitude = _centre(found)
        place.derived_source = _describe(found, how)
        derived.append(f"{place.name} : {place.derived_source}")
    session.flush()
    return derived
