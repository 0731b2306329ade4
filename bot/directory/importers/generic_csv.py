"""The documented generic CSV (docs/directory.md): one service point per line.

Required columns: id, name, service_type, source, checked. Optional: kind,
address, postcode, city, code_insee, quartier, latitude, longitude, phone, email,
website, hours (« Mo-Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00 »), hours_note,
accessibility, verified (oui/non), caveat, source_date, confirmed_on, confirmed_by,
confidence. `,` or `;` separated, UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from bot.directory.hours import parse_osm
from bot.directory.importers.common import (
    french_date,
    keep_commune,
    number,
    phone,
    source_date,
    text,
)
from bot.directory.importers.files import open_text
from bot.directory.records import RecordError, ServiceRecord
from bot.territory import LE_HAVRE_INSEE, LE_HAVRE_NAME
from bot.text import fold

REQUIRED = {"id", "name", "service_type", "source", "checked"}
YES = {"oui", "yes", "true", "1", "vrai"}


def _commune(row: dict) -> str | None:
    """`code_insee`, or Le Havre's code when the city is Le Havre (the default city)."""
    code = text(row.get("code_insee"))
    if code:
        return code
    return LE_HAVRE_INSEE if fold(text(row.get("city")) or LE_HAVRE_NAME) == fold(LE_HAVRE_NAME) else None


def source_key(row: dict, prefix: str) -> str | None:
    identifier = text(row.get("id"))
    return f"{prefix}:{identifier}" if identifier else None


def to_record(row: dict, prefix: str, commune: str | None = None) -> ServiceRecord:
    code = _commune(row)
    keep_commune([code or ""], commune)
    checked = french_date(row.get("checked"))
    if checked is None:
        raise RecordError("date de vérification (checked) manquante")
    latitude, longitude = number(row.get("latitude")), number(row.get("longitude"))
    data_date, precision = source_date(row.get("source_date"))
    verified = (text(row.get("verified")) or "").lower() in YES
    confirmed_on = french_date(row.get("confirmed_on"))
    return ServiceRecord(
        source_key=source_key(row, prefix) or "",
        name=text(row.get("name")) or "",
        service_type=(text(row.get("service_type")) or "").lower(),
        kind=text(row.get("kind")),
        address=text(row.get("address")),
        postcode=text(row.get("postcode")),
        city=text(row.get("city")) or LE_HAVRE_NAME,
        commune=code,
        quartier=text(row.get("quartier")),
        latitude=latitude,
        longitude=longitude,
        geo_precision="address" if latitude is not None else None,
        geo_source=text(row.get("source")) if latitude is not None else None,
        phone=phone(row.get("phone")),
        email=text(row.get("email")),
        website=text(row.get("website")),
        accessibility=text(row.get("accessibility")),
        hours=parse_osm(text(row.get("hours"))),
        hours_verified=verified and bool(text(row.get("hours"))),
        hours_note=text(row.get("hours_note")),
        verified=verified,
        caveat=text(row.get("caveat")),
        confidence=text(row.get("confidence")),
        source=text(row.get("source")) or "",
        source_date=data_date,
        source_date_precision=precision,
        confirmed_on=confirmed_on,
        confirmed_by=text(row.get("confirmed_by")) if confirmed_on else None,
        checked=checked,
    )


def rows(path: Path, progress: bool = False) -> Iterator[tuple[str, dict]]:
    with open_text(path, progress, "Import CSV") as handle:
        header = handle.readline()  # the file is a stream: the delimiter is read off the header
        delimiter = ";" if header.count(";") > header.count(",") else ","
        reader = csv.DictReader(chain([header], handle), delimiter=delimiter)
        missing = REQUIRED - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"colonnes obligatoires manquantes : {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, 2):
            yield f"ligne {line} (id {row.get('id') or '?'})", row
