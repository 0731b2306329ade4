"""ANCT « liste des structures France services » (CSV, Licence Ouverte 2.0).

Columns (liste-fs-20240801.csv): id_fs, insee_dep, lib_fs, adresse,
complement_adresse, insee_com, code_postal, lib_com, latitude, longitude, mail,
telephone, h_lundi … h_samedi (« 09:00 - 12:00 / 13:30 - 16:00 »), prise_rdv,
commentaire, type_fs, format_fs, groupe_fs, labellisation_fs.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Iterator

from bot.directory.hours import DAY_NAMES, Interval, parse_day_ranges
from bot.directory.importers.common import number, phone, text
from bot.directory.records import RecordError, ServiceRecord

DAY_COLUMNS = [f"h_{day}" for day in DAY_NAMES[:6]]
REQUIRED = {"id_fs", "lib_fs", "adresse", "code_postal", "lib_com", "latitude", "longitude", *DAY_COLUMNS}
SOURCE = "ANCT, liste des structures France services, Licence Ouverte 2.0"


def _hours(row: dict) -> list[Interval]:
    intervals = []
    for weekday, column in enumerate(DAY_COLUMNS):
        intervals += [Interval(weekday, o, c) for o, c in parse_day_ranges(row.get(column))]
    return intervals


def to_record(row: dict, checked: date, source_date: date | None) -> ServiceRecord:
    if not text(row.get("id_fs")):
        raise RecordError("id_fs manquant")
    latitude, longitude = number(row.get("latitude")), number(row.get("longitude"))
    is_bus = (text(row.get("format_fs")) or "").startswith("Bus")
    notes = []
    if (text(row.get("prise_rdv")) or "").lower() == "oui":
        notes.append("Sur rendez-vous.")
    if text(row.get("commentaire")):
        notes.append(text(row.get("commentaire")))
    return ServiceRecord(
        source_key=f"anct:{text(row['id_fs'])}", name=text(row.get("lib_fs")) or "",
        service_type="france_services",
        kind="France services (bus itinérant)" if is_bus else "France services",
        address=" ".join(filter(None, (text(row.get("adresse")), text(row.get("complement_adresse"))))) or None,
        postcode=text(row.get("code_postal")), city=text(row.get("lib_com")) or "",
        latitude=latitude, longitude=longitude,
        geo_precision="address" if latitude is not None else None,
        geo_source=f"Coordonnées de la liste ANCT (id_fs {text(row['id_fs'])})" if latitude is not None else None,
        phone=phone(row.get("telephone")), email=text(row.get("mail")),
        hours=_hours(row), hours_verified=True, hours_note=" ".join(notes)[:1000] or None,
        verified=True, source=f"{SOURCE} (id_fs {text(row['id_fs'])})",
        source_date=source_date, checked=checked,
    )


def rows(path: Path) -> Iterator[tuple[str, dict]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"colonnes manquantes dans le fichier ANCT : {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, 2):
            yield f"ligne {line} (id_fs {row.get('id_fs') or '?'})", row
