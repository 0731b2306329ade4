"""Load the Le Havre seed into the database: the services of data/directory/, the places of data/places/."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.dates import parse_source_date
from bot.directory.hours import parse_osm
from bot.directory.importing import ImportReport, import_rows
from bot.directory.records import ServiceRecord
from bot.directory.schema import Place, PlaceAlias
from bot.knowledge.places import spelling_variants
from bot.paths import DIRECTORY, PLACES
from bot.territory import LE_HAVRE_INSEE
from bot.text import fold

QUARTIERS_CSV = PLACES / "quartiers_le_havre.csv"


def _load(name: str, directory: Path = DIRECTORY) -> list[dict]:
    with open(directory / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)[name]


def service_record(item: dict) -> ServiceRecord:
    """A seed YAML item → ServiceRecord (hours parsed, the date of the data with its precision)."""
    values = {k: v for k, v in item.items() if k not in ("key", "hours", "source_date")}
    for text_key in ("postcode", "phone"):
        if values.get(text_key) is not None:
            values[text_key] = str(values[text_key])
    source_date, precision = parse_source_date(item.get("source_date"))
    values.setdefault("commune", LE_HAVRE_INSEE)
    return ServiceRecord(
        source_key=item["key"],
        hours=parse_osm(item.get("hours")),
        source_date=source_date,
        source_date_precision=precision,
        **values,
    )


def seed_services(session: Session) -> ImportReport:
    """Every row of services.yml, stored like an import (positions from the quartier or the BAN)."""
    rows = [(item.get("key", "?"), item) for item in _load("services")]
    return import_rows(session, rows, service_record)


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
            places.append(
                {
                    "kind": "quartier",
                    "name": main.strip(),
                    "aliases": aliases,
                    "postcode": row["postcode"] or None,
                    "latitude": float(row["lat"]) if has_point else None,
                    "longitude": float(row["lon"]) if has_point else None,
                    "geo_precision": "quartier" if has_point else None,
                    "source": row["source"],
                    "checked": date.fromisoformat(row["checked"]),
                }
            )
    return places


def _aliases(names: list[str]) -> set[str]:
    spellings: set[str] = set()
    for spelling in names:
        spellings |= {fold(v) for v in spelling_variants(spelling)}
    return spellings


def seed_places(session: Session) -> int:
    """Add or update every place with its aliases; return how many places are stored.
    Points derived from the address base (`derived_*`) are left as they are."""
    items = _quartier_places() + _load("places", PLACES)
    for item in items:
        place = session.execute(
            select(Place).where(Place.kind == item["kind"], Place.name == str(item["name"]))
        ).scalar_one_or_none()
        if place is None:
            place = Place(kind=item["kind"], name=str(item["name"]))
            session.add(place)
        for key in ("postcode", "latitude", "longitude", "geo_precision", "source", "checked"):
            setattr(place, key, str(item[key]) if key == "postcode" and item.get(key) else item.get(key))
        strong = _aliases([str(item["name"]), *item.get("aliases", [])])
        weak = _aliases(item.get("weak_aliases", [])) - strong
        place.aliases = [PlaceAlias(alias=a, weak=False) for a in sorted(strong)] + [
            PlaceAlias(alias=a, weak=True) for a in sorted(weak)
        ]
    session.commit()
    return len(items)
