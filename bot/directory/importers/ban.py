"""Base Adresse Nationale (BAN), « adresses » CSV (adresses-76.csv or .csv.gz), Licence Ouverte 2.0.

Columns (schema adresses-csv of BaseAdresseNationale/adresse.data.gouv.fr):
id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;
code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;
nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;
certification_commune — `;` separated, UTF-8; lon/lat in WGS 84. The file of a
département is read as a stream and only the rows of one commune are kept.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.directory.importers.common import number, text
from bot.directory.importers.files import open_text
from bot.directory.records import RecordError

REQUIRED = {"numero", "rep", "nom_voie", "code_postal", "code_insee", "lon", "lat"}
# The BAN numbers places without a house number (lieux-dits) 99999 and up: a position, not a door.
NO_NUMBER = 99999


@dataclass(frozen=True)
class BanRow:
    commune: str
    street: str
    number: int | None
    suffix: str | None
    postcode: str | None
    old_commune: str | None
    latitude: float
    longitude: float


def to_row(row: dict) -> BanRow:
    """One CSV row → BanRow; RecordError with the reason for an unusable row."""
    street = text(row.get("nom_voie"))
    if not street:
        raise RecordError("nom_voie manquant")
    latitude, longitude = number(row.get("lat")), number(row.get("lon"))
    if latitude is None or longitude is None:
        raise RecordError("lat/lon manquants")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise RecordError(f"coordonnées impossibles : {latitude}, {longitude}")
    raw_number = text(row.get("numero"))
    try:
        house = int(raw_number) if raw_number else None
    except ValueError:
        raise RecordError(f"numéro illisible : « {raw_number} »") from None
    if house is not None and (house < 0 or house >= NO_NUMBER):
        house = None
    return BanRow(
        commune=text(row.get("code_insee")) or "",
        street=street,
        number=house,
        suffix=(text(row.get("rep")) or None),
        postcode=text(row.get("code_postal")),
        old_commune=text(row.get("nom_ancienne_commune")),
        latitude=latitude,
        longitude=longitude,
    )


def rows(path: Path, commune: str | None, progress: bool = False) -> Iterator[tuple[int, dict | None]]:
    """(line, row) for the rows of `commune` (all when None); other communes give (line, None)
    so that the caller can count them without keeping them."""
    with open_text(path, progress, "Import BAN") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = REQUIRED - set(reader.fieldnames or [])
        if missing:
            raise ValueError(
                f"colonnes manquantes dans le fichier BAN : {', '.join(sorted(missing))} "
                "(attendu : le CSV « adresses » de adresse.data.gouv.fr, séparateur « ; »)"
            )
        for line, row in enumerate(reader, 2):
            yield line, row if commune is None or row.get("code_insee") == commune else None
