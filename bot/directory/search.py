"""Queries on the directory: nearest service points, and service points by name.

Nearest: an indexed bounding-box prefilter (service_type, latitude, longitude),
widened until enough points are found, then exact haversine distances.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.directory.geo import bounding_box, distance_m
from bot.directory.schema import ServicePoint
from bot.text import fold

FIRST_RADIUS_M = 2_000
# Words of a question that say nothing about which service is meant.
QUESTION_WORDS = set("""a au aux c ce cest de des du d est et elle il ils la le les l ou quand quel quelle
quelles quels qui quoi sont un une vers heure heures horaire horaires ouvert ouverte ouvre ferme fermee
adresse telephone tel numero joindre contacter jour jours aujourd hui demain samedi dimanche lundi mardi
mercredi jeudi vendredi matin soir midi apres pour svp merci bonjour comment se trouve trouver situe
ou est cest quoi le la du havre""".split())
MAX_RADIUS_M = 60_000


@dataclass(frozen=True)
class Found:
    point: ServicePoint
    distance_m: float | None  # None: the point has no known position


def _with_hours(query):
    return query.options(selectinload(ServicePoint.hours), selectinload(ServicePoint.exceptions))


def nearest(session: Session, service_type: str, lat: float, lon: float, limit: int = 3,
            max_radius_m: float = MAX_RADIUS_M) -> list[Found]:
    """The `limit` nearest points of a type within max_radius_m, nearest first.

    Only (id, latitude, longitude) are read while the box widens (the index covers
    them); the few winners are then loaded with their opening hours.
    """
    radius = FIRST_RADIUS_M
    while True:
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        candidates = session.execute(select(
            ServicePoint.id, ServicePoint.latitude, ServicePoint.longitude).where(
            ServicePoint.service_type == service_type,
            ServicePoint.latitude.between(min_lat, max_lat),
            ServicePoint.longitude.between(min_lon, max_lon),
        )).all()
        within = sorted((d, point_id) for point_id, p_lat, p_lon in candidates
                        if (d := distance_m(lat, lon, p_lat, p_lon)) <= min(radius, max_radius_m))
        if len(within) >= limit or radius >= max_radius_m:
            break
        radius = min(radius * 3, max_radius_m)
    winners = within[:limit]
    if not winners:
        return []
    points = {p.id: p for p in session.execute(select(ServicePoint).options(
        joinedload(ServicePoint.hours), joinedload(ServicePoint.exceptions)).where(
        ServicePoint.id.in_([point_id for _, point_id in winners]))).unique().scalars()}
    return [Found(points[point_id], d) for d, point_id in winners]


def without_position(session: Session, service_type: str, limit: int = 3) -> list[Found]:
    """Points of the type whose position is unknown (listed after the located ones)."""
    rows = session.execute(_with_hours(select(ServicePoint).where(
        ServicePoint.service_type == service_type, ServicePoint.latitude.is_(None),
    ).order_by(ServicePoint.verified.desc(), ServicePoint.name).limit(limit))).scalars().all()
    return [Found(p, None) for p in rows]


def by_type(session: Session, service_type: str, limit: int = 3) -> list[ServicePoint]:
    return list(session.execute(_with_hours(select(ServicePoint).where(
        ServicePoint.service_type == service_type).order_by(
        ServicePoint.verified.desc(), ServicePoint.name).limit(limit))).scalars().all())


def _name_score(query: str, name: str) -> float:
    """How well a folded query matches a folded name: shared words, then character similarity."""
    query_words, name_words = set(query.split()), set(name.split())
    if not query_words:
        return 0.0
    word_hits = sum(1 for w in query_words if any(
        w == n or (len(w) >= 4 and SequenceMatcher(None, w, n).ratio() >= 0.8) for n in name_words))
    return word_hits / len(query_words) * 0.7 + SequenceMatcher(None, query, name).ratio() * 0.3


def by_name(session: Session, text: str, limit: int = 3, threshold: float = 0.45) -> list[ServicePoint]:
    """Points of Le Havre whose name best matches the text (typos, missing accents tolerated)."""
    query = " ".join(w for w in fold(text).split() if w not in QUESTION_WORDS)
    if not query:
        return []
    candidates = session.execute(_with_hours(select(ServicePoint).where(
        func.lower(ServicePoint.city) == "le havre"))).scalars().all()
    scored = sorted(((_name_score(query, fold(p.name)), p) for p in candidates),
                    key=lambda pair: -pair[0])
    return [p for score, p in scored if score >= threshold][:limit]
