"""DILA « Annuaire de l'administration » (Base de données locales, service-public).

Reads, as a stream, the bulk JSON (`{"service": [record, ...]}`), an API export
(a list of records, `{"total_count": n, "results": [...]}`, or JSON lines) where the
nested fields are JSON strings. Format: ../shared/reference/local/open_data_formats.md
§(b); `code_insee_commune` is a string or a list, `date_modification` is
« JJ/MM/AAAA HH:MM:SS » or ISO, each `plage_ouverture` may carry a `commentaire`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bot.directory.hours import DAY_NAMES, HoursError, Interval, parse_day_ranges
from bot.directory.importers.common import codes, keep_commune, number, phone, source_date, text
from bot.directory.importers.files import open_binary
from bot.directory.importers.json_stream import json_lines, records
from bot.directory.records import RecordError, ServiceRecord, SkipRow

# `type_service_local` codes → contract service types (only these are imported).
# cdas, edas, mds, sdsei: the Département's social action centres, where its PMI sits.
TYPE_MAP = {
    "mairie": "mairie",
    "ccas": "ccas",
    "caf": "caf",
    "cpam": "cpam",
    "pmi": "pmi",
    "cdas": "pmi",
    "edas": "pmi",
    "mds": "pmi",
    "sdsei": "pmi",
    "mission_locale": "mission_locale",
    "cij": "pij",
    "centre_social": "centre_social",
    "france_services": "france_services",
    "msap": "france_services",
}
KIND_LABELS = {
    "mairie": "Mairie",
    "ccas": "Centre communal d'action sociale",
    "caf": "Caisse d'allocations familiales",
    "cpam": "Caisse primaire d'assurance maladie",
    "pmi": "Protection maternelle et infantile",
    "cdas": "Centre départemental d'action sociale (PMI du Département)",
    "edas": "Espace départemental d'action sociale (PMI du Département)",
    "mds": "Maison départementale des solidarités (PMI du Département)",
    "sdsei": "Service départemental de solidarité (PMI du Département)",
    "mission_locale": "Mission Locale",
    "cij": "Information jeunesse",
    "centre_social": "Centre social",
    "france_services": "France services",
    "msap": "Maison de services au public",
}
SOURCE = "DILA, Annuaire de l'administration (service-public), Licence Ouverte 2.0"
CONFIRMED_BY = "l'Annuaire de l'administration (DILA)"
NESTED = ("pivot", "adresse", "telephone", "site_internet", "plage_ouverture", "adresse_courriel")
LIST_KEYS = ("service", "results")


def _decoded(record: dict) -> dict:
    """API exports carry the nested fields as JSON strings: decode them."""
    record = dict(record)
    for key in NESTED:
        value = record.get(key)
        if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            try:
                record[key] = json.loads(value)
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


def _communes(record: dict) -> list[str]:
    """The office's commune(s): `code_insee_commune` (a string or a list), else the pivot's."""
    found = codes(record.get("code_insee_commune"))
    if not found:
        found = [code for pivot in record.get("pivot") or [] for code in codes((pivot or {}).get("code_insee_commune"))]
    return found


def _physical_address(record: dict) -> dict:
    addresses = record.get("adresse") or []
    physical = [a for a in addresses if (a or {}).get("type_adresse") == "Adresse"]
    return (physical or addresses or [{}])[0] or {}


def _day_index(name) -> int:
    folded = (text(name) or "").lower()
    if folded not in DAY_NAMES:
        raise HoursError(f"jour inconnu : « {name} »")
    return DAY_NAMES.index(folded)


def _plage(plage: dict) -> list[Interval]:
    """One `plage_ouverture` entry: its days (nom_jour_debut..nom_jour_fin) and up to three slots."""
    first = _day_index(plage.get("nom_jour_debut"))
    last = _day_index(plage.get("nom_jour_fin") or plage.get("nom_jour_debut"))
    if last < first:
        raise HoursError(f"jours à l'envers : {plage.get('nom_jour_debut')} – {plage.get('nom_jour_fin')}")
    intervals = []
    for slot in (1, 2, 3):
        start, end = plage.get(f"valeur_heure_debut_{slot}"), plage.get(f"valeur_heure_fin_{slot}")
        if text(start) and text(end):
            for opens, closes in parse_day_ranges(f"{start} - {end}"):
                intervals += [Interval(day, opens, closes) for day in range(first, last + 1)]
    return intervals


def opening_hours(plages: list | None) -> tuple[list[Interval], list[str], list[str]]:
    """(intervals, comments, problems): an unreadable entry is left out alone, with its reason."""
    intervals, comments, problems = [], [], []
    for plage in plages or []:
        if not isinstance(plage, dict):
            problems.append("plage horaire qui n'est pas un objet")
            continue
        try:
            intervals += _plage(plage)
        except HoursError as problem:
            problems.append(str(problem))
        if comment := text(plage.get("commentaire")):
            comments.append(comment)
    return intervals, comments, problems


def source_key(record: dict) -> str:
    """`dila:<id>`; without an id, a key derived from the name, commune and street (stable)."""
    identifier = text((record or {}).get("id"))
    if identifier:
        return f"dila:{identifier}"
    address = _physical_address(_decoded(record))
    basis = "|".join(
        [text(record.get("nom")) or "", ",".join(_communes(record)), text(address.get("numero_voie")) or ""]
    )
    return f"dila:sans-id-{hashlib.sha1(basis.encode()).hexdigest()[:16]}"


def _hours_note(comments: list[str], problems: list[str]) -> str | None:
    notes = list(dict.fromkeys(comments))
    if problems:
        notes.append(
            "Certains horaires de la fiche officielle n'ont pas pu être lus : vérifiez-les avant de vous déplacer."
        )
    return " ".join(notes)[:1000] or None


def to_record(record: dict, checked: date, commune: str | None = None) -> ServiceRecord:
    """One record → ServiceRecord; other communes (INSEE code) and types are skipped."""
    if not isinstance(record, dict):
        raise RecordError("enregistrement qui n'est pas un objet JSON")
    record = _decoded(record)
    communes = _communes(record)
    keep_commune(communes, commune)
    code = _type_code(record)
    address = _physical_address(record)
    street = " ".join(filter(None, (text(address.get("numero_voie")), text(address.get("complement1")))))
    latitude, longitude = number(address.get("latitude")), number(address.get("longitude"))
    phones = [item for item in record.get("telephone") or [] if isinstance(item, dict)]
    sites = [item for item in record.get("site_internet") or [] if isinstance(item, dict)]
    emails = record.get("adresse_courriel")
    email = emails[0] if isinstance(emails, list) and emails else (text(emails) or "").split(";")[0] or None
    intervals, comments, problems = opening_hours(record.get("plage_ouverture"))
    if comment := text(record.get("commentaire_plage_ouverture")):
        comments.insert(0, comment)
    modified, precision = source_date(record.get("date_modification"))
    key = source_key(record)
    warnings = [f"horaire laissé de côté : {problem}" for problem in problems]
    if not text(record.get("id")):
        warnings.append("fiche sans identifiant : clé dérivée du nom, de la commune et de l'adresse")
    return ServiceRecord(
        source_key=key,
        name=text(record.get("nom")) or "",
        service_type=TYPE_MAP[code],
        kind=KIND_LABELS[code],
        address=street or None,
        postcode=text(address.get("code_postal")),
        city=text(address.get("nom_commune")) or "",
        commune=communes[0] if communes else None,
        latitude=latitude,
        longitude=longitude,
        geo_precision="address" if latitude is not None else None,
        geo_source="Coordonnées de l'Annuaire de l'administration" if latitude is not None else None,
        phone=phone(phones[0].get("valeur")) if phones else None,
        email=text(email),
        website=text(sites[0].get("valeur")) if sites else None,
        hours=intervals,
        hours_note=_hours_note(comments, problems),
        # « open now » is claimed only for complete hours without a comment that qualifies them.
        hours_verified=bool(intervals) and not problems and not comments,
        verified=True,
        confidence="confirmed",
        source=f"{SOURCE} — {text(record.get('url_service_public')) or 'fiche ' + key.split(':', 1)[1]}",
        source_date=modified,
        source_date_precision=precision,
        confirmed_on=modified,
        confirmed_by=CONFIRMED_BY if modified else None,
        checked=checked,
        warnings=warnings,
    )


def rows(path: Path, progress: bool = False) -> Iterator[tuple[str, dict]]:
    """(reference, record) for each record of the file, read as a stream."""
    path = Path(path)
    lines = path.name.removesuffix(".gz").endswith((".jsonl", ".ndjson"))
    with open_binary(path, progress, "Import DILA") as stream:
        items = json_lines(stream) if lines else records(stream, LIST_KEYS)
        for number_, record in enumerate(items, 1):
            label = text(record.get("nom")) if isinstance(record, dict) else None
            yield f"n°{number_} ({(label or '?')[:60]})", record
