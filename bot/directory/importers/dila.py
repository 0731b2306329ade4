"""DILA « Annuaire de l'administration » (Base de données locales, service-public).

Reads the bulk JSON (`{"service": [record, ...]}`) or an API export (a list of
records, or `{"results": [...]}`) where the nested fields are JSON strings.
Format: ../shared/reference/local/open_data_formats.md §(b).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Iterator

from bot.directory.hours import DAY_NAMES, Interval, parse_day_ranges
from bot.directory.importers.common import french_date, number, phone, text
from bot.directory.records import RecordError, ServiceRecord, SkipRow

# `type_service_local` codes → contract service types (only these are imported).
TYPE_MAP = {"mairie": "mairie", "ccas": "ccas", "caf": "caf", "cpam": "cpam", "pmi": "pmi",
            "mission_locale": "mission_locale", "cij": "pij", "centre_social": "centre_social",
            "france_services": "france_services", "msap": "france_services"}
KIND_LABELS = {"mairie": "Mairie", "ccas": "Centre communal d'action sociale",
               "caf": "Caisse d'allocations familiales", "cpam": "Caisse primaire d'assurance maladie",
               "pmi": "Protection maternelle et infantile", "mission_locale": "Mission Locale",
               "cij": "Information jeunesse", "centre_social": "Centre social",
               "france_services": "France services", "msap": "Maison de services au public"}
SOURCE = "DILA, Annuaire de l'administration (service-public), Licence Ouverte 2.0"
NESTED = ("pivot", "adresse", "telephone", "site_internet", "plage_ouverture")


def records(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if isinstance(data, dict):
        data = data.get("service") or data.get("results") or []
    if not isinstance(data, list):
        raise ValueError("fichier DILA inattendu : ni liste, ni {\"service\": [...]}")
    return data


def _decoded(record: dict) -> dict:
    """API exports carry the nested fields as JSON strings: decode them."""
    record = dict(record)
    for key in NESTED:
        if isinstance(record.get(key), str):
            try:
                record[key] = json.loads(record[key])
            except json.JSONDecodeError:
                raise RecordError(f"champ {key} illisible (JSON invalide)") from None
    return record


def _type_code(record: dict) -> str:
    for pivot in record.get("pivot") or []:
        code = (pivot or {}).get("type_service_local")
        if code in TYPE_MAP:
            return code
    if not record.get("pivot"):
        raise RecordError("pivot (type de service) manquant")
    raise SkipRow()


def _physical_address(record: dict) -> dict:
    addresses = record.get("adresse") or []
    physical = [a for a in addresses if (a or {}).get("type_adresse") == "Adresse"]
    return (physical or addresses or [{}])[0] or {}


def _day_index(name) -> int:
    folded = (text(name) or "").lower()
    if folded not in DAY_NAMES:
        raise RecordError(f"jour inconnu : « {name} »")
    return DAY_NAMES.index(folded)


def opening_hours(plages: list[dict]) -> list[Interval]:
    """`plage_ouverture` → intervals (each plage covers nom_jour_debut..nom_jour_fin)."""
    intervals = []
    for plage in plages or []:
        first = _day_index(plage.get("nom_jour_debut"))
        last = _day_index(plage.get("nom_jour_fin") or plage.get("nom_jour_debut"))
        for slot in (1, 2, 3):
            start, end = plage.get(f"valeur_heure_debut_{slot}"), plage.get(f"valeur_heure_fin_{slot}")
            if text(start) and text(end):
                for opens, closes in parse_day_ranges(f"{start} - {end}"):
                    intervals += [Interval(day, opens, closes) for day in range(first, last + 1)]
    return intervals


def to_record(record: dict, checked: date, commune: str | None = None) -> ServiceRecord:
    """One record → ServiceRecord; other communes (INSEE code) and types are skipped."""
    if not isinstance(record, dict):
        raise RecordError("enregistrement qui n'est pas un objet JSON")
    record = _decoded(record)
    if commune and text(record.get("code_insee_commune")) != commune:
        raise SkipRow()
    code = _type_code(record)
    address = _physical_address(record)
    street = " ".join(filter(None, (text(address.get("numero_voie")), text(address.get("complement1")))))
    latitude, longitude = number(address.get("latitude")), number(address.get("longitude"))
    phones = record.get("telephone") or []
    sites = record.get("site_internet") or []
    emails = record.get("adresse_courriel")
    email = (emails[0] if isinstance(emails, list) and emails else
             (text(emails) or "").split(";")[0] or None)
    intervals = opening_hours(record.get("plage_ouverture"))
    return ServiceRecord(
        source_key=f"dila:{text(record.get('id')) or ''}",
        name=text(record.get("nom")) or "", service_type=TYPE_MAP[code], kind=KIND_LABELS[code],
        address=street or None, postcode=text(address.get("code_postal")),
        city=text(address.get("nom_commune")) or "", latitude=latitude, longitude=longitude,
        geo_precision="address" if latitude is not None else None,
        geo_source="Coordonnées de l'Annuaire de l'administration" if latitude is not None else None,
        phone=phone((phones[0] or {}).get("valeur")) if phones else None,
        email=text(email), website=text((sites[0] or {}).get("valeur")) if sites else None,
        hours=intervals, hours_verified=bool(intervals), verified=True,
        source=f"{SOURCE} — {text(record.get('url_service_public')) or 'fiche ' + str(record.get('id'))}",
        source_date=french_date(record.get("date_modification")), checked=checked,
    )


def rows(path: Path) -> Iterator[tuple[str, dict]]:
    for number_, record in enumerate(records(path), 1):
        label = text((record or {}).get("nom")) or "?"
        yield f"n°{number_} ({label[:60]})", record
