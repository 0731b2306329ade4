"""Give a position to a service point whose source has none (or only an approximate one).

In this order: the point of its address in the national address base (BAN), when it
is loaded for the commune (precision « address », or « street » when only the
street is known); else the point of its quartier (sourced, or derived from the
BAN), precision « quartier ». Each borrowed position says where it comes from
(`geo_source`) and the answer calls it approximate unless it is an address.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.directory.addresses import door, find_street
from bot.directory.records import ServiceRecord
from bot.directory.schema import ImportRun, Place
from bot.directory.street_names import mentions
from bot.territory import LE_HAVRE_INSEE, LE_HAVRE_NAME
from bot.text import fold

PRECISE = ("address", "street")


def _ban_date(session: Session, commune: str) -> str:
    run = session.execute(
        select(ImportRun)
        .where(ImportRun.kind == "ban", ImportRun.commune.in_((commune, "toutes")))
        .order_by(ImportRun.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return run.finished.strftime("%d/%m/%Y") if run and run.finished else "date inconnue"


def _from_address(session: Session, record: ServiceRecord) -> ServiceRecord | None:
    commune = record.commune or (LE_HAVRE_INSEE if fold(record.city or "") == fold(LE_HAVRE_NAME) else None)
    if not record.address or not commune:
        return None
    for mention in mentions(record.address):
        street = find_street(session, mention, commune)
        if street is None:
            continue
        found = door(session, street, mention.number, mention.suffix) if mention.number is not None else None
        latitude, longitude = (found[0], found[1]) if found else (street.latitude, street.longitude)
        exact = bool(found and found[2])
        what = "de l'adresse" if exact else "de la rue"
        return replace(
            record,
            latitude=latitude,
            longitude=longitude,
            geo_precision="address" if exact else "street",
            geo_source=f"Position {what} dans la Base Adresse Nationale ({street.name}, import du "
            f"{_ban_date(session, commune)})",
        )
    return None


def quartier_point(session: Session, name: str | None) -> tuple[float, float, str] | None:
    """(lat, lon, source) of the quartier named `name` (its name or an alias), sourced or derived."""
    if not name:
        return None
    folded = fold(name)
    for place in session.execute(
        select(Place).options(selectinload(Place.aliases)).where(Place.kind == "quartier")
    ).scalars():
        if fold(place.name) == folded or any(alias.alias == folded for alias in place.aliases):
            if place.latitude is not None:
                return place.latitude, place.longitude, f"Point du quartier {place.name} : {place.source}"
            if place.derived_latitude is not None:
                return (
                    place.derived_latitude,
                    place.derived_longitude,
                    f"Point approché du quartier {place.name} : {place.derived_source}",
                )
            return None
    return None


def position_offline(session: Session, record: ServiceRecord) -> ServiceRecord:
    """The record with the best position the offline data gives (unchanged when it has an exact one)."""
    if record.latitude is not None and record.geo_precision in PRECISE:
        return record
    from_address = _from_address(session, record)
    if from_address is not None:
        return from_address
    if record.latitude is not None:
        return record
    found = quartier_point(session, record.quartier)
    if found is None:
        return record
    latitude, longitude, source = found
    return replace(record, latitude=latitude, longitude=longitude, geo_precision="quartier", geo_source=source[:1000])
