"""What the directory covers, per type of place: the gaps `bot db check` shows the city."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.directory.dates import describe
from bot.directory.schema import BanAddress, BanStreet, ImportRun, Place, ServicePoint
from bot.knowledge.service_types import SERVICE_TYPES

EXACT = ("address",)


@dataclass
class TypeCoverage:
    service_type: str
    points: int = 0
    located: int = 0
    exact: int = 0
    with_hours: int = 0
    confirmed: int = 0
    undated: int = 0
    oldest: tuple[date, str | None] | None = None

    @property
    def confirmed_share(self) -> float:
        return self.confirmed / self.points if self.points else 0.0


def by_type(session: Session) -> list[TypeCoverage]:
    found = {service_type: TypeCoverage(service_type) for service_type in SERVICE_TYPES}
    rows = session.execute(
        select(
            ServicePoint.service_type,
            ServicePoint.latitude,
            ServicePoint.geo_precision,
            ServicePoint.confidence,
            ServicePoint.source_date,
            ServicePoint.source_date_precision,
            ServicePoint.id,
        )
    ).all()
    with_hours = set(session.execute(select(ServicePoint.id).join(ServicePoint.hours).distinct()).scalars())
    for service_type, latitude, precision, confidence, source_date, date_precision, point_id in rows:
        item = found.setdefault(service_type, TypeCoverage(service_type))
        item.points += 1
        item.located += latitude is not None
        item.exact += latitude is not None and precision in EXACT
        item.with_hours += point_id in with_hours
        item.confirmed += confidence == "confirmed"
        if source_date is None:
            item.undated += 1
        elif item.oldest is None or source_date < item.oldest[0]:
            item.oldest = (source_date, date_precision)
    return list(found.values())


def table(items: list[TypeCoverage]) -> str:
    """The coverage as a French text table."""
    lines = [
        f"{'type':<20} {'points':>6} {'positionnés':>11} {'exacts':>6} {'horaires':>8} {'confirmés':>9} "
        f"{'source la plus ancienne':<24}"
    ]
    for item in items:
        oldest = (describe(*item.oldest) if item.oldest else None) or "—"
        if item.undated:
            oldest += f" (+{item.undated} sans date)"
        share = f"{item.confirmed_share:.0%}" if item.points else "—"
        lines.append(
            f"{item.service_type:<20} {item.points:>6} {item.located:>11} {item.exact:>6} "
            f"{item.with_hours:>8} {share:>9} {oldest:<24}"
        )
    empty = [item.service_type for item in items if not item.points]
    if empty:
        lines.append(f"Aucun point pour : {', '.join(empty)} (l'assistant donne alors le lien officiel du type).")
    return "\n".join(lines)


def places_line(session: Session) -> str:
    counts: dict[str, tuple[int, int, int]] = {}
    for kind, latitude, derived in session.execute(select(Place.kind, Place.latitude, Place.derived_latitude)):
        total, sourced, from_ban = counts.get(kind, (0, 0, 0))
        counts[kind] = (
            total + 1,
            sourced + (latitude is not None),
            from_ban + (latitude is None and derived is not None),
        )
    parts = [
        f"{kind} : {total} ({sourced} avec un point sourcé, {derived} avec un point dérivé des adresses)"
        for kind, (total, sourced, derived) in sorted(counts.items())
        if kind in ("quartier", "landmark")
    ]
    return "Lieux — " + " ; ".join(parts)


def addresses_line(session: Session) -> str:
    streets = session.execute(select(func.count()).select_from(BanStreet)).scalar_one()
    if not streets:
        return "Base d'adresses (BAN) : non chargée (`bot import ban adresses-76.csv.gz`)."
    doors = session.execute(select(func.count()).select_from(BanAddress)).scalar_one()
    last = session.execute(
        select(ImportRun).where(ImportRun.kind == "ban").order_by(ImportRun.id.desc()).limit(1)
    ).scalar_one_or_none()
    when = f", importée le {last.finished:%d/%m/%Y} ({last.file})" if last and last.finished else ""
    return f"Base d'adresses (BAN) : {streets} voies, {doors} adresses numérotées{when}."
