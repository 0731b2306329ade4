"""Is a record from a new source a place the directory already has (from another source)?

The same office in the ANCT list and in the DILA annuaire must be one card, with
both sources. Two rows of one source are never merged: the source itself says
they are two places (two France services buses parked at the same address).

Rule: same service type, and
- the same place: within 100 m (both positions exact), within 2 km when the stored
  position is only approximate (a quartier's point), or the same street address;
- and the same organisation: names that share most of their meaningful words
  (or read alike), or the same phone number, or the same e-mail.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from bot.directory.geo import bounding_box, distance_m
from bot.directory.records import ServiceRecord
from bot.directory.schema import ServicePoint
from bot.text import fold

EXACT_RADIUS_M = 100
APPROXIMATE_RADIUS_M = 2_000
APPROXIMATE = ("quartier", "postcode", "commune")
# Words that say nothing about which office it is.
GENERIC_WORDS = {
    "le",
    "la",
    "les",
    "l",
    "de",
    "du",
    "des",
    "d",
    "a",
    "au",
    "aux",
    "et",
    "en",
    "sur",
    "the",
    "havre",
    "france",
    "services",
    "service",
    "bus",
    "espace",
    "maison",
    "centre",
    "accueil",
    "antenne",
    "point",
    "communal",
    "communale",
    "social",
    "sociale",
    "ville",
}


def _words(name: str) -> set[str]:
    return {w for w in fold(name).split() if w not in GENERIC_WORDS and len(w) > 1}


def names_match(first: str, second: str) -> bool:
    """Most meaningful words shared (Jaccard ≥ 0.5), or the names read alike (≥ 0.85)."""
    a, b = _words(first), _words(second)
    if a and b and len(a & b) / len(a | b) >= 0.5:
        return True
    return SequenceMatcher(None, fold(first), fold(second)).ratio() >= 0.85


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")


def same_organisation(point: ServicePoint, record: ServiceRecord) -> bool:
    if names_match(point.name, record.name):
        return True
    if record.phone and len(_digits(record.phone)) >= 10 and _digits(point.phone) == _digits(record.phone):
        return True
    return bool(record.email and point.email and point.email.lower() == record.email.lower())


def street_address(address: str | None, postcode: str | None) -> str:
    """A comparable form of an address line: folded, « av »/« bd » expanded."""
    folded = fold(address or "")
    folded = re.sub(r"\bav\b", "avenue", re.sub(r"\bbd\b", "boulevard", folded))
    return f"{folded}|{postcode or ''}" if folded else ""


def _close_enough(point: ServicePoint, record: ServiceRecord) -> bool:
    if point.latitude is None or record.latitude is None or record.longitude is None:
        return False
    radius = APPROXIMATE_RADIUS_M if point.geo_precision in APPROXIMATE else EXACT_RADIUS_M
    return distance_m(point.latitude, point.longitude, record.latitude, record.longitude) <= radius


def _candidates(session: Session, record: ServiceRecord) -> list[ServicePoint]:
    near = []
    if record.latitude is not None and record.longitude is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(record.latitude, record.longitude, APPROXIMATE_RADIUS_M)
        near.append(ServicePoint.latitude.between(min_lat, max_lat) & ServicePoint.longitude.between(min_lon, max_lon))
    if record.address:
        near.append(func.lower(ServicePoint.address) == record.address.lower())
    near.append(ServicePoint.latitude.is_(None))
    return list(
        session.execute(
            select(ServicePoint)
            .options(selectinload(ServicePoint.sources))
            .where(ServicePoint.service_type == record.service_type, or_(*near))
        ).scalars()
    )


def same_place(session: Session, record: ServiceRecord) -> ServicePoint | None:
    """The stored point (from other sources) that this record describes, if any."""
    address = street_address(record.address, record.postcode)
    for point in _candidates(session, record):
        if any(source.origin == record.origin for source in point.sources):
            continue
        same_spot = _close_enough(point, record) or (
            address and street_address(point.address, point.postcode) == address
        )
        unlocated = point.latitude is None or record.latitude is None
        if same_spot and same_organisation(point, record):
            return point
        if unlocated and not same_spot and SequenceMatcher(None, fold(point.name), fold(record.name)).ratio() >= 0.9:
            return point  # no position on one side: only a near-identical name is enough
    return None
