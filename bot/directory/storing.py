"""Store records as service points with their sources: add, update, merge, retire.

A point is what its sources say: the newest source (by the date of its data) gives
the point's fields, older sources fill what it leaves empty, and every source stays
listed. Re-importing a row that did not change is « unchanged » (its fingerprint
leaves out the import date); a source never goes back to older data than it holds
(the seed loaded again after a newer import). A record without a position gets
one from the offline data (bot/directory/positioning.py) after its fingerprint is
taken, so a new address base never makes a re-import look like a change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from bot.directory.merging import APPROXIMATE, same_place
from bot.directory.positioning import position_offline
from bot.directory.records import POINT_FIELDS, ServiceRecord
from bot.directory.schema import HoursException, OpeningHours, PointSource, ServicePoint

# Filled from an older source when the newest one leaves them empty.
FILLABLE = ("kind", "address", "postcode", "quartier", "phone", "email", "website", "accessibility")
POSITION = ("latitude", "longitude", "geo_precision", "geo_source")
HOURS = ("hours_verified", "hours_note")


def _newer_first(sources: list[PointSource]) -> list[tuple[PointSource, ServiceRecord]]:
    readable = [(source, ServiceRecord.from_json(source.record)) for source in sources if source.record]
    return sorted(
        readable, key=lambda pair: (pair[1].source_date or date.min, pair[0].imported_on, pair[0].id or 0), reverse=True
    )


def refresh(point: ServicePoint) -> None:
    """Rebuild the point's fields from its sources (newest first)."""
    ordered = _newer_first(point.sources)
    if not ordered:
        return  # sources migrated without their record: the point keeps its columns
    primary = ordered[0][1]
    for name in POINT_FIELDS:
        setattr(point, name, getattr(primary, name))
    for _, other in ordered[1:]:
        for name in FILLABLE:
            if getattr(point, name) is None and getattr(other, name) is not None:
                setattr(point, name, getattr(other, name))
        if point.latitude is None and other.latitude is not None:
            for name in POSITION:
                setattr(point, name, getattr(other, name))
    with_hours = next((record for _, record in ordered if record.hours), primary)
    for name in HOURS:
        setattr(point, name, getattr(with_hours, name))
    point.hours = [OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes) for i in with_hours.hours]
    point.exceptions = [
        HoursException(day=e.day, closed=e.closed, opens=e.opens, closes=e.closes, label=e.label)
        for e in with_hours.exceptions
    ]
    confirmations = [(record.confirmed_on, record) for _, record in ordered if record.confirmed_on]
    if confirmations:
        confirmed_on, newest = max(confirmations, key=lambda pair: pair[0])
        point.confirmed_on, point.confirmed_by = confirmed_on, newest.confirmed_by


def _fill_source(source: PointSource, record: ServiceRecord, fingerprint: str) -> None:
    source.origin = record.origin
    source.commune = record.commune
    source.source = record.source
    source.source_date = record.source_date
    source.record = record.to_json()
    source.fingerprint = fingerprint


def store(session: Session, record: ServiceRecord, today: date | None = None) -> str:
    """Add, update or merge the record: « added », « merged », « updated » or « unchanged »."""
    record.check()
    today = today or record.checked
    fingerprint = record.fingerprint()
    record = position_offline(session, record)
    source = session.execute(
        select(PointSource).where(PointSource.source_key == record.source_key)
    ).scalar_one_or_none()
    if source is not None:
        source.seen_on = today
        stored_date = source.source_date
        if source.fingerprint == fingerprint or (
            stored_date and record.source_date and record.source_date < stored_date
        ):
            return "unchanged"
        _fill_source(source, record, fingerprint)
        refresh(source.point)
        session.flush()
        return "updated"
    point = same_place(session, record)
    outcome = "merged" if point is not None else "added"
    if point is None:
        point = ServicePoint(source_key=record.source_key)
        session.add(point)
    source = PointSource(source_key=record.source_key, imported_on=today, seen_on=today)
    _fill_source(source, record, fingerprint)
    point.sources.append(source)
    refresh(point)
    session.flush()
    return outcome


def retire(session: Session, sources: list[PointSource]) -> list[str]:
    """Remove these sources; a point left without any source is removed. Returns the names retired."""
    names = []
    for source in sources:
        point = source.point
        point.sources.remove(source)  # delete-orphan: the source row goes with it
        if point.sources:
            refresh(point)
        else:
            names.append(point.name)
            session.delete(point)
    session.flush()
    return names


def reposition(session: Session) -> int:
    """Give the points without a precise position the best offline one (after a BAN import);
    returns how many points moved."""
    moved = 0
    points = (
        session.execute(
            select(ServicePoint)
            .options(selectinload(ServicePoint.sources))
            .where(or_(ServicePoint.latitude.is_(None), ServicePoint.geo_precision.in_(APPROXIMATE)))
        )
        .scalars()
        .all()
    )
    for point in points:
        changed = False
        for source in point.sources:
            if not source.record:
                continue
            record = ServiceRecord.from_json(source.record)
            positioned = position_offline(session, record)
            if (positioned.latitude, positioned.longitude) != (record.latitude, record.longitude):
                source.record = positioned.to_json()
                changed = True
        if changed:
            refresh(point)
            moved += 1
    session.flush()
    return moved
