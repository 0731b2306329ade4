"""A service point as one source states it, checked before it is stored.

The seed, the DILA, ANCT and CSV importers all build `ServiceRecord`s; storing
them (bot/directory/storing.py) adds, updates or merges points. The record's
`fingerprint` leaves out the date it was copied, so re-importing the same file
another day changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date, time

from bot.directory.dates import PRECISIONS as DATE_PRECISIONS
from bot.directory.hours import Exception_, Interval
from bot.directory.schema import PRECISIONS
from bot.knowledge.service_types import SERVICE_TYPES
from bot.territory import LE_HAVRE_NAME

# Metropolitan France with Corsica; overseas rows (postcode or INSEE code 97x/98x) only need
# coordinates that exist on Earth.
_METROPOLE_LAT, _METROPOLE_LON = (41.0, 51.5), (-5.5, 10.0)
_POSTCODE = re.compile(r"^\d{5}$")
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
CONFIDENCES = ("confirmed", "probable", "stale", "unconfirmed")
# Fields that do not describe the place: the date the row was copied, the importer's warnings.
_NOT_FINGERPRINTED = ("checked", "warnings")


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
    city: str = LE_HAVRE_NAME
    commune: str | None = None  # INSEE code
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
    source_date_precision: str | None = None
    confirmed_on: date | None = None
    confirmed_by: str | None = None
    confidence: str | None = None
    hours: list[Interval] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)
    # What the importer had to leave out (an unreadable time slot...): reported, not stored.
    warnings: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        """The source's prefix: « anct » for « anct:2826 »."""
        return self.source_key.split(":", 1)[0]

    def check(self) -> None:
        """Raise RecordError when the row cannot be stored as it is."""
        if not (self.source_key or "").strip() or self.source_key.endswith(":"):
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
        if self.commune and not _INSEE.match(self.commune):
            raise RecordError(f"code INSEE invalide : « {self.commune} »")
        if self.source_date and self.source_date_precision not in DATE_PRECISIONS:
            raise RecordError(f"précision de date inconnue : « {self.source_date_precision} »")
        if self.confidence and self.confidence not in CONFIDENCES:
            raise RecordError(f"niveau de confiance inconnu : « {self.confidence} »")
        self._check_position()
        for text_field in ("name", "address", "phone", "email", "website", "kind"):
            value = getattr(self, text_field)
            if value and len(value) > 300:
                raise RecordError(f"champ {text_field} trop long ({len(value)} caractères)")

    @property
    def overseas(self) -> bool:
        return any((code or "").startswith(("97", "98")) for code in (self.postcode, self.commune))

    def _check_position(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise RecordError("latitude sans longitude (ou l'inverse)")
        if self.latitude is None or self.longitude is None:
            return
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise RecordError(f"coordonnées impossibles : {self.latitude}, {self.longitude}")
        if not self.overseas and not _in_metropole(self.latitude, self.longitude):
            swapped = " (latitude et longitude inversées ?)" if _in_metropole(self.longitude, self.latitude) else ""
            raise RecordError(
                f"coordonnées hors de France métropolitaine pour une adresse métropolitaine : "
                f"{self.latitude}, {self.longitude}{swapped}"
            )
        if self.geo_precision not in PRECISIONS:
            raise RecordError(f"précision des coordonnées inconnue : « {self.geo_precision} »")

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if k != "warnings"}
        return json.dumps(data, default=_encode, ensure_ascii=False, sort_keys=True)

    def fingerprint(self) -> str:
        """What the source says about the place, without the date it was copied."""
        data = {k: v for k, v in asdict(self).items() if k not in _NOT_FINGERPRINTED}
        data["hours"] = sorted((i["weekday"], str(i["opens"]), str(i["closes"])) for i in data["hours"])
        text = json.dumps(data, default=_encode, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> ServiceRecord:
        data = json.loads(text)
        for key in ("checked", "source_date", "confirmed_on"):
            if data.get(key):
                data[key] = date.fromisoformat(data[key])
        data["hours"] = [
            Interval(i["weekday"], time.fromisoformat(i["opens"]), time.fromisoformat(i["closes"]))
            for i in data.get("hours") or []
        ]
        data["exceptions"] = [
            Exception_(
                date.fromisoformat(e["day"]),
                e["closed"],
                time.fromisoformat(e["opens"]) if e.get("opens") else None,
                time.fromisoformat(e["closes"]) if e.get("closes") else None,
                e.get("label") or "",
            )
            for e in data.get("exceptions") or []
        ]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _in_metropole(lat: float, lon: float) -> bool:
    return _METROPOLE_LAT[0] <= lat <= _METROPOLE_LAT[1] and _METROPOLE_LON[0] <= lon <= _METROPOLE_LON[1]


def _encode(value):
    if isinstance(value, (date, time)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# The point's columns a record fills (hours and exceptions are rows of their own).
POINT_FIELDS = [f.name for f in fields(ServiceRecord) if f.name not in ("hours", "exceptions", "warnings")]
