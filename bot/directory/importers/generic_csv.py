"""The documented generic CSV (docs/directory.md): one service point per line.

Required columns: id, name, service_type, source, checked. Optional: kind,
address, postcode, city, quartier, latitude, longitude, phone, email, website,
hours (« Mo-Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00 »), hours_note,
accessibility, verified (oui/non), caveat, source_date. `,` or `;` separated, UTF-8.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from bot.directory.hours import parse_osm
from bot.directory.importers.common import french_date, number, phone, text
from bot.directory.records import RecordError, ServiceRecord

REQUIRED = {"id", "name", "service_type", "source", "checked"}
YES = {"oui", "yes", "true", "1", "vrai"}


def to_record(row: dict, prefix: str) -> ServiceRecord:
    checked = french_date(row.get("checked"))
    if checked is None:
        raise RecordError("date de vérification (checked) manquante")
    latitude, longitude = number(row.get("latitude")), number(row.get("longitude"))
    return ServiceRecord(
        source_key=f"{prefix}:{text(row.get('id')) or ''}", name=text(row.get("name")) or "",
        service_type=(text(row.get("service_type")) or "").lower(), kind=text(row.get("kind")),
        address=text(row.get("address")), postcode=text(row.get("postcode")),
        city=text(row.get("city")) or "Le Havre", quartier=text(row.get("quartier")),
        latitude=latitude, longitude=longitude,
        geo_precision="address" if latitude is not None else None,
        geo_source=text(row.get("source")) if latitude is not None else None,
        phone=phone(row.get("phone")), email=text(row.get("email")), website=text(row.get("website")),
        accessibility=text(row.get("accessibility")), hours=parse_osm(text(row.get("hours"))),
        hours_verified=(text(row.get("verified")) or "").lower() in YES and bool(text(row.get("hours"))),
        hours_note=text(row.get("hours_note")),
        verified=(text(row.get("verified")) or "").lower() in YES, caveat=text(row.get("caveat")),
        source=text(row.get("source")) or "", source_date=french_date(row.get("source_date")),
        checked=checked,
    )


def rows(path: Path) -> Iterator[tuple[str, dict]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        missing = REQUIRED - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"colonnes obligatoires manquantes : {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, 2):
            yield f"ligne {line} (id {row.get('id') or '?'})", row
