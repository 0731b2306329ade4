"""Load the Le Havre seed (data/directory/*.yml and the quartiers CSV) into the database."""
from __future__ import annotations

import csv
import re
from datetime import date

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.hours import parse_osm
from bot.directory.importing import ImportReport, import_rows
from bot.directory.records import ServiceRecord
from bot.directory.schema import Place, PlaceAlias
from bot.knowledge.places import spelling_variants
from bot.paths import DATA, KNOWLEDGE
from bot.text import fold

DIRECTORY_DATA = DATA / "directory"
QUARTIERS_CSV = KNOWLEDGE / "quartiers_le_havre.csv"
QUARTIERS_CHECKED = date(2026, 11, 28)  # date the quartier list was copied from the reference


def _load(name: str) -> list[dict]:
    with open(DIRECTORY_DATA / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)[name]


def _quartier_points(session: Session) -> dict[str, Place]:
    places = session.execute(select(Place).where(Place.kind == "quartier",
                                                 Place.latitude.is_not(None))).scalars()
    return {place.name: place for place in places}


def _position_from_quartier(item: dict, quartiers: dict[str, Place]) -> dict:
    """A seed row located only by its quartier gets that quartier's point (precision quartier)."""
    place = quartiers.get(item.get("quartier") or "")
    if item.get("geo_precision") != "quartier" or item.get("latitude") is not None or not place:
        return item
    return {**item, "latitude": place.latitude, "longitude": place.longitude,
            "geo_source": f"Point du quartier {place.name} : {place.source}"}


def service_record(item: dict) -> ServiceRecord:
    """A seed YAML item → ServiceRecord (hours parsed from the OSM-like text)."""
    values = {k: v for k, v in item.items() if k not in ("key", "hours")}
    for text_key in ("postcode", "phone"):
        if values.get(text_key) is not None:
            values[text_key] = str(values[text_key])
    return ServiceRecord(source_key=item["key"], hours=parse_osm(item.get("hours")), **values)


def seed_services(session: Session, progress: bool = False) -> ImportReport:
    quartiers = _quartier_points(session)
    rows = [(item.get("key", "?"), _position_from_quartier(item, quartiers))
            for item in _load("services")]
    return import_rows(session, rows, service_record, total=len(rows), progress=progress,
                       label="Annuaire (amorce)")


def _quartier_places() -> list[dict]:
    """Quartiers of the CSV: main name, bracketed alternative names as aliases."""
    places = []
    with open(QUARTIERS_CSV, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["name"].startswith("Le Havre ("):
                continue
            main, _, extra = row["name"].partition("(")
            aliases = [re.sub(r"^ex-", "", a.strip()) for a in extra.rstrip(")").split("/") if a.strip()]
            has_point = bool(row["lat"] and row["lon"])
            places.append({
                "kind": "quartier", "name": main.strip(), "aliases": aliases,
                "postcode": row["postcode"] or None,
                "latitude": float(row["lat"]) if has_point else None,
                "longitude": float(row["lon"]) if has_point else None,
                "geo_precision": "quartier" if has_point else None,
                "source": row["source"], "checked": QUARTIERS_CHECKED,
            })
    return places


def _aliases(name: str, extra: list[str]) -> set[str]:
    spellings: set[str] = set()
    for spelling in [name, *extra]:
        spellings |= {fold(v) for v in spelling_variants(spelling)}
    return spellings


def seed_places(session: Session) -> int:
    """Add or update every place with its aliases; return how many places are stored."""
    items = _quartier_places() + _load("places")
    for item in items:
        place = session.execute(select(Place).where(
            Place.kind == item["kind"], Place.name == str(item["name"]))).scalar_one_or_none()
        if place is None:
            place = Place(kind=item["kind"], name=str(item["name"]))
            session.add(place)
        for key in ("postcode", "latitude", "longitude", "geo_precision", "source", "checked"):
            setattr(place, key, str(item[key]) if key == "postcode" and item.get(key) else item.get(key))
        place.aliases = [PlaceAlias(alias=a) for a in sorted(_aliases(str(item["name"]),
                                                                      item.get("aliases", [])))]
    session.commit()
    return len(items)
