"""ANCT « liste des structures France services » (CSV, Licence Ouverte 2.0).

Columns (liste-fs-20240801.csv): id_fs, insee_dep, lib_fs, adresse,
complement_adresse, insee_com, code_postal, lib_com, latitude, longitude, mail,
telephone, h_lundi … h_samedi (« 09:00 - 12:00 / 13:30 - 16:00 »), prise_rdv,
commentaire, type_fs, format_fs, groupe_fs, labellisation_fs. The file covers all of
France (overseas included): rows are kept for one commune (INSEE `insee_com`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bot.directory.hours import DAY_NAMES, Interval, parse_day_ranges
from bot.directory.importers.common import keep_commune, number, phone, text
from bot.directory.importers.files import open_text
from bot.directory.records import RecordError, ServiceRecord

DAY_COLUMNS = [f"h_{day}" for day in DAY_NAMES[:6]]
REQUIRED = {"id_fs", "lib_fs", "adresse", "insee_com", "code_postal", "lib_com", "latitude", "longitude", *DAY_COLUMNS}
SOURCE = "ANCT, liste des structures France services, Licence Ouverte 2.0"
_FILE_DATE = re.compile(r"(20\d{2})(\d{2})(\d{2})")


def file_date(path: Path) -> date | None:
    """The date in the published file name (liste-fs-20240801.csv → 2024-08-01), if any."""
    match = _FILE_DATE.search(Path(path).name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _hours(row: dict) -> list[Interval]:
    intervals = []
    for weekday, column in enumerate(DAY_COLUMNS):
        intervals += [Interval(weekday, o, c) for o, c in parse_day_ranges(row.get(column))]
    return intervals


def source_key(row: dict) -> str | None:
    identifier = text(row.get("id_fs"))
    return f"anct:{identifier}" if identifier else None


def to_record(row: dict, checked: date, source_date: date | None, commune: str | None = None) -> ServiceRecord:
    keep_commune([text(row.get("insee_com")) or ""], commune)
    key = source_key(row)
    if not key:
        raise RecordError("id_fs manquant")
    identifier = key.split(":", 1)[1]
    latitude, longitude = number(row.get("latitude")), number(row.get("longitude"))
    is_bus = (text(row.get("format_fs")) or "").startswith("Bus")
    notes = []
    if (text(row.get("prise_rdv")) or "").lower() == "oui":
        notes.append("Sur rendez-vous.")
    if comment := text(row.get("commentaire")):
        notes.append(comment)
    return ServiceRecord(
        source_key=key,
        name=text(row.get("lib_fs")) or "",
        service_type="france_services",
        kind="France services (bus itinérant)" if is_bus else "France services",
        address=" ".join(filter(None, (text(row.get("adresse")), text(row.get("complement_adresse"))))) or None,
        postcode=text(row.get("code_postal")),
        city=text(row.get("lib_com")) or "",
        commune=text(row.get("insee_com")),
        latitude=latitude,
        longitude=longitude,
        geo_precision="address" if latitude is not None else None,
        geo_source=f"Coordonnées de la liste ANCT (id_fs {identifier})" if latitude is not None else None,
        phone=phone(row.get("telephone")),
        email=text(row.get("mail")),
        hours=_hours(row),
        hours_verified=True,
        hours_note=" ".join(notes)[:1000] or None,
        verified=True,
        confidence="confirmed",
        source=f"{SOURCE} (id_fs {identifier})",
        source_date=source_date,
        source_date_precision="day" if source_date else None,
        checked=checked,
    )


def rows(path: Path, progress: bool = False) -> Iterator[tuple[str, dict]]:
    with open_text(path, progress, "Import France services") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"colonnes manquantes dans le fichier ANCT : {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, 2):
            yield f"ligne {line} (id_fs {row.get('id_fs') or '?'})", row
