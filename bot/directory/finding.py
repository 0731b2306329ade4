"""Nearby services and service details, from the words of the conversation to a Reply.

The Rasa actions (actions/find_service.py) only pass slots and text here. Any
database failure becomes a polite French answer with the contacts to call.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.directory.answers import details_reply, nearest_reply, no_result_reply, outside_reply, type_label
from bot.directory.database import session_for
from bot.directory.geocoder import geocode
from bot.directory.locating import Location, PlaceIndex, resolve_text
from bot.directory.schema import ServicePoint
from bot.directory.search import by_name, by_type, nearest, without_position
from bot.knowledge.contacts import contacts_block
from bot.knowledge.service_types import SERVICE_TYPES
from bot.replies import Reply

PARIS = ZoneInfo("Europe/Paris")
UNAVAILABLE = ("L'annuaire des lieux est momentanément indisponible. En attendant, vous pouvez joindre :\n"
               + contacts_block(["hotel_de_ville", "caf_phone"]))


class DirectoryError(RuntimeError):
    """The directory could not answer (database down, unreadable file...)."""


def now_in_le_havre() -> datetime:
    return datetime.now(PARIS).replace(tzinfo=None)


@contextmanager
def _session():
    try:
        with session_for() as session:
            yield session
    except SQLAlchemyError as error:
        raise DirectoryError(type(error).__name__) from None


def unavailable_reply() -> Reply:
    return Reply(UNAVAILABLE)


def resolve_location(text: str | None) -> Location:
    with _session() as session:
        return resolve_text(text, PlaceIndex(session), geocode=geocode)


def location_needed(service_type: str | None) -> bool:
    """Asking where the person is only helps when the directory has several points of the type."""
    if service_type not in SERVICE_TYPES:
        return True
    with _session() as session:
        return session.execute(select(func.count()).select_from(ServicePoint).where(
            ServicePoint.service_type == service_type)).scalar_one() > 1


def find_nearest(service_type: str, location_text: str | None, now: datetime) -> Reply:
    """The nearest points of the type to the place said (or the whole city when none is needed)."""
    with _session() as session:
        if not location_text:
            points = by_type(session, service_type)
            if not points:
                return no_result_reply(service_type, Location("found", "Le Havre"))
            reply = details_reply(points, now)
            reply.text = f"Voici {type_label(service_type)} au Havre :\n{reply.text}"
            return reply
        where = resolve_text(location_text, PlaceIndex(session), geocode=geocode)
        if where.status == "outside":
            return outside_reply(where, service_type)
        if not where.found or where.latitude is None:
            return no_result_reply(service_type, where)
        located = nearest(session, service_type, where.latitude, where.longitude)
        unlocated = without_position(session, service_type, limit=max(0, 3 - len(located)))
        return nearest_reply(service_type, where, located, unlocated, now)


def service_details(text: str | None, service_type: str | None, now: datetime) -> Reply | None:
    """Hours, address and phone of the service named in the text (None: no match)."""
    with _session() as session:
        points = by_name(session, text or "")
        if service_type in SERVICE_TYPES:
            points = [p for p in points if p.service_type == service_type] or by_type(session, service_type)
        return details_reply(points, now) if points else None
