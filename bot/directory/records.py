"""A service point as read from any source, checked, then added or updated in the database.

The seed, the DILA, ANCT and CSV importers all build `ServiceRecord`s and call
`upsert`: the `source_key` (e.g. « anct:2826 ») makes a re-import update the row
instead of adding a second one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.hours import Exception_, Interval
from bot.directory.schema import PRECISIONS, HoursException, OpeningHours, ServicePoint
from bot.knowledge.service_types import SERVICE_TYPES

# A generous box around Le Havre and its neighbours; imported national files keep
# rows anywhere in France, so only the coordinates' sanity is checked here.
_LAT, _LON = (41.0, 51.5), (-5.5, 10.0)
_POSTCODE = re.compile(r"^\d{5}$")


class RecordError(ValueError):
    """Why a row is rejected (French, shown in the import report)."""


class SkipRow(Exception):
    """A well-formed row the assistant does not use (another commune, another type)."""


@dataclass
class ServiceRecord:
    source_key: str
    name: str
    service_type: str
    source: str
    checked: date
    kind: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str = "Le Havre"
    quartier: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None
    geo_source: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    accessibility: str | None = None
    hours_note: str | None = None
    hours_verified: bool = False
    verified: bool = False
    caveat: str | None = None
    source_date: date | None = None
    hours: list[Interval] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)

    def check(self) -> None:
        """Raise RecordError when the row cannot be stored as it is."""
        if not (self.source_key or "").strip():
            raise RecordError("identifiant de la source manquant")
        if not (self.name or "").strip():
            raise RecordError("nom manquant")
        if self.service_type not in SERVICE_TYPES:
            raise RecordError(f"type de service inconnu : « {self.service_type} »")
        if not (self.source or "").strip():
            raise RecordError("source manquante")
        if not isinstance(self.checked, date):
            raise RecordError("date de vérification manquante")
        if self.postcode and not _POSTCODE.match(self.postcode):
            raise RecordError(f"code postal invalide : « {self.postcode} »")
        if (self.latitude is None) != (self.longitude is None):
            raise RecordError("latitude sans longitude (ou l'inverse)")
        if self.latitude is not None:
            if not (_LAT[0] <= self.latitude <= _LAT[1] and _LON[0] <= self.longitude <= _LON[1]):
                raise RecordError(f"coordonnées hors de France : {self.latitude}, {self.longitude}")
            if self.geo_precision not in PRECISIONS:
                raise RecordError(f"précision des coordonnées inconnue : « {self.geo_precision} »")
        for text_field in ("name", "address", "phone", "email", "website", "kind"):
            value = getattr(self, text_field)
            if value and len(value) > 300:
                raise RecordError(f"champ {text_field} trop long ({len(value)} caractères)")


_COPIED = [f.name for f in fields(ServiceRecord) if f.name not in ("hours", "exceptions")]


def _hours_rows(record: ServiceRecord) -> list[OpeningHours]:
    return [OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes) for i in record.hours]


def _exception_rows(record: ServiceRecord) -> list[HoursException]:
    return [HoursException(day=e.day, closed=e.closed, opens=e.opens, closes=e.closes,
                           label=e.label) for e in record.exceptions]


def _same(point: ServicePoint, record: ServiceRecord) -> bool:
    stored_hours = sorted((h.weekday, h.opens, h.closes) for h in point.hours)
    new_hours = sorted((i.weekday, i.opens, i.closes) for i in record.hours)
    return stored_hours == new_hours and all(
        getattr(point, name) == getattr(record, name) for name in _COPIED)


def upsert(session: Session, record: ServiceRecord) -> str:
    """Add or update the row with the record's source_key: "added", "updated" or "unchanged"."""
    record.check()
    point = session.execute(
        select(ServicePoint).where(ServicePoint.source_key == record.source_key)
    ).scalar_one_or_none()
    if point is not None and _same(point, record):
        return "unchanged"
    outcome = "updated" if point is not None else "added"
    if point is None:
        point = ServicePoint()
        session.add(point)
    for name in _COPIED:
        setattr(point, name, getattr(record, name))
    point.hours = _hours_rows(record)
    point.exceptions = _exception_rows(record)
    session.flush()
    return outcome
