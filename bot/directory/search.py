"""Queries on the directory: nearest service points, and service points by name.

Nearest: an indexed bounding-box prefilter (service_type, latitude, longitude),
widened until enough points are found, then exact haversine distances. Nearby
places are grouped: points at the same spot (two buses parked at one address)
make one result, listed together. Beyond NEARBY_LIMIT_M nothing is « nearby ».
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.directory.geo import bounding_box, distance_m
from bot.directory.merging import street_address
from bot.directory.schema import ServicePoint
from bot.territory import LE_HAVRE_NAME
from bot.text import fold

FIRST_RADIUS_M = 2_000
# Words of a question that say nothing about which service is meant.
QUESTION_WORDS = {
    "a",
    "au",
    "aux",
    "c",
    "ce",
    "cest",
    "de",
    "des",
    "du",
    "d",
    "est",
    "et",
    "elle",
    "il",
    "ils",
    "la",
    "le",
    "les",
    "l",
    "ou",
    "quand",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "sont",
    "un",
    "une",
    "vers",
    "heure",
    "heures",
    "horaire",
    "horaires",
    "ouvert",
    "ouverte",
    "ouvre",
    "ferme",
    "fermee",
    "adresse",
    "telephone",
    "tel",
    "numero",
    "joindre",
    "contacter",
    "jour",
    "jours",
    "aujourd",
    "hui",
    "demain",
    "samedi",
    "dimanche",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "matin",
    "soir",
    "midi",
    "apres",
    "pour",
    "svp",
    "merci",
    "bonjour",
    "comment",
    "se",
    "trouve",
    "trouver",
    "situe",
    "havre",
}
MAX_RADIUS_M = 60_000
# Le Havre is about 10 km across: beyond this, a place is not « near » anyone in the city.
NEARBY_LIMIT_M = 10_000
# How far to look for « the nearest known, although far ».
FAR_LIMIT_M = 100_000
# Points closer than this, or at the same street address, are one place on the map.
SAME_SPOT_M = 30


@dataclass(frozen=True)
class Found:
    point: ServicePoint
    distance_m: float | None  # None: the point has no known position


def _with_hours(query):
    return query.options(selectinload(ServicePoint.hours), selectinload(ServicePoint.exceptions))


def _ranked(
    session: Session, service_type: str, lat: float, lon: float, wanted: int, max_radius_m: float
) -> list[tuple[float, int, float, float]]:
    """(distance, id, lat, lon) of the points of a type within max_radius_m, nearest first.

    Only (id, latitude, longitude) are read while the box widens (the index covers them),
    until `wanted` points are in range."""
    radius: float = FIRST_RADIUS_M
    while True:
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        candidates = session.execute(
            select(ServicePoint.id, ServicePoint.latitude, ServicePoint.longitude).where(
                ServicePoint.service_type == service_type,
                ServicePoint.latitude.between(min_lat, max_lat),
                ServicePoint.longitude.between(min_lon, max_lon),
            )
        ).all()
        within = sorted(
            (d, point_id, p_lat, p_lon)
            for point_id, p_lat, p_lon in candidates
            if (d := distance_m(lat, lon, p_lat, p_lon)) <= min(radius, max_radius_m)
        )
        if len(within) >= wanted or radius >= max_radius_m:
            return within
        radius = min(radius * 3, max_radius_m)


def _load(session: Session, ids: list[int]) -> dict[int, ServicePoint]:
    """The points with their opening hours, in one query."""
    if not ids:
        return {}
    return {
        p.id: p
        for p in session.execute(
            select(ServicePoint)
            .options(joinedload(ServicePoint.hours), joinedload(ServicePoint.exceptions))
            .where(ServicePoint.id.in_(ids))
        )
        .unique()
        .scalars()
    }


def nearest(
    session: Session, service_type: str, lat: float, lon: float, limit: int = 3, max_radius_m: float = MAX_RADIUS_M
) -> list[Found]:
    """The `limit` nearest points of a type within max_radius_m, nearest first."""
    winners = _ranked(session, service_type, lat, lon, limit, max_radius_m)[:limit]
    points = _load(session, [point_id for _, point_id, _, _ in winners])
    return [Found(points[point_id], d) for d, point_id, _, _ in winners]


@dataclass(frozen=True)
class Nearby:
    """One place of the answer: the nearest point there, and the others at the same spot."""

    found: Found
    also_here: tuple[ServicePoint, ...] = ()


def nearby(
    session: Session, service_type: str, lat: float, lon: float, limit: int = 3, max_radius_m: float = NEARBY_LIMIT_M
) -> list[Nearby]:
    """The `limit` nearest distinct places of a type within max_radius_m (points at one spot grouped).

    Grouping reads only positions and addresses; the points of the chosen places are then
    loaded with their hours."""
    ranked = _ranked(session, service_type, lat, lon, limit * 3, max_radius_m)[: limit * 3]
    addresses = {
        point_id: street_address(address, postcode)
        for point_id, address, postcode in session.execute(
            select(ServicePoint.id, ServicePoint.address, ServicePoint.postcode).where(
                ServicePoint.id.in_([point_id for _, point_id, _, _ in ranked])
            )
        )
    }
    groups: list[list[tuple[float, int, float, float]]] = []
    for item in ranked:
        _, point_id, p_lat, p_lon = item
        group = next(
            (
                g
                for g in groups
                if (addresses[point_id] and addresses[point_id] == addresses[g[0][1]])
                or distance_m(g[0][2], g[0][3], p_lat, p_lon) <= SAME_SPOT_M
            ),
            None,
        )
        if group is not None:
            group.append(item)
        elif len(groups) < limit:
            groups.append([item])
    points = _load(session, [point_id for group in groups for _, point_id, _, _ in group])
    return [
        Nearby(Found(points[group[0][1]], group[0][0]), tuple(points[item[1]] for item in group[1:]))
        for group in groups
    ]


def types_with_points(session: Session) -> set[str]:
    """The service types the directory has at least one point of."""
    return set(session.execute(select(ServicePoint.service_type).distinct()).scalars())


def without_position(session: Session, service_type: str, limit: int = 3) -> list[Found]:
    """Points of the type whose position is unknown (listed after the located ones)."""
    rows = (
        session.execute(
            _with_hours(
                select(ServicePoint)
                .where(
                    ServicePoint.service_type == service_type,
                    ServicePoint.latitude.is_(None),
                )
                .order_by(ServicePoint.verified.desc(), ServicePoint.name)
                .limit(limit)
            )
        )
        .scalars()
        .all()
    )
    return [Found(p, None) for p in rows]


def by_type(session: Session, service_type: str, limit: int = 3) -> list[ServicePoint]:
    return list(
        session.execute(
            _with_hours(
                select(ServicePoint)
                .where(ServicePoint.service_type == service_type)
                .order_by(ServicePoint.verified.desc(), ServicePoint.name)
                .limit(limit)
            )
        )
        .scalars()
        .all()
    )


def _name_score(query: str, name: str) -> float:
    """How well a folded query matches a folded name: shared words, then character similarity."""
    query_words, name_words = set(query.split()), set(name.split())
    if not query_words:
        return 0.0
    word_hits = sum(
        1
        for w in query_words
        if any(w == n or (len(w) >= 4 and SequenceMatcher(None, w, n).ratio() >= 0.8) for n in name_words)
    )
    return word_hits / len(query_words) * 0.7 + SequenceMatcher(None, query, name).ratio() * 0.3


def by_name(session: Session, text: str, limit: int = 3, threshold: float = 0.45) -> list[ServicePoint]:
    """Points of Le Havre whose name best matches the text (typos, missing accents tolerated)."""
    query = " ".join(w for w in fold(text).split() if w not in QUESTION_WORDS)
    if not query:
        return []
    candidates = (
        session.execute(_with_hours(select(ServicePoint).where(func.lower(ServicePoint.city) == LE_HAVRE_NAME.lower())))
        .scalars()
        .all()
    )
    scored = sorted(((_name_score(query, fold(p.name)), p) for p in candidates), key=lambda pair: -pair[0])
    return [p for score, p in scored if score >= threshold][:limit]
