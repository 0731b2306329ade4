"""Nearby services and service details, from the words of the conversation to a Reply.

The nearby-services conversation's decisions (bot/directory/search_form.py, called by the Rasa actions
of actions/find_service.py) pass slots and text here. Any database failure becomes a polite French answer
with the contacts to call.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import PARIS
from bot.directory.answers import (
    ask_location,
    details_reply,
    far_reply,
    nearest_reply,
    no_result_reply,
    outside_reply,
    type_label,
)
from bot.directory.database import session_for
from bot.directory.geocoder import geocode
from bot.directory.locating import Location, PlaceIndex, resolve_text
from bot.directory.schema import ServicePoint
from bot.directory.search import (
    FAR_LIMIT_M,
    by_name,
    by_type,
    nearby,
    nearest,
    types_with_points,
    without_position,
)
from bot.knowledge.contacts import contacts_block
from bot.knowledge.service_types import SERVICE_TYPES
from bot.replies import Reply
from bot.territory import LE_HAVRE_NAME
from bot.text import fold

UNAVAILABLE = (
    "L'annuaire des lieux est momentanément indisponible. En attendant, vous pouvez joindre :\n"
    + contacts_block(["hotel_de_ville", "caf_phone"])
)


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


def _in_message(value: str, message: str | None) -> bool:
    """The value was typed in this message (not a button's payload)."""
    return bool(message and value and not message.startswith("/") and fold(value) in fold(message))


def resolve_location(text: str | None, message: str | None = None) -> Location:
    """Where the person is. When the value comes from the message (an entity the NLU cut out of
    it), the whole message is read: « j'habite rue de Paris » is a street, whatever the entity."""
    with _session() as session:
        index = PlaceIndex(session)
        if _in_message(text or "", message):
            located = resolve_text(message, index, geocode=geocode)
            if located.status not in ("unknown", "empty", "vague"):
                return located
        return resolve_text(text, index, geocode=geocode)


def place_in_message(message: str | None) -> Location | None:
    """A place the message names by itself (a quartier, a street, a town...), or None."""
    if not message or message.startswith("/"):
        return None
    with _session() as session:
        located = resolve_text(message, PlaceIndex(session), weak=False)
    return located if located.status in ("found", "outside", "street_unknown") else None


def location_needed(service_type: str | None) -> bool:
    """Asking where the person is only helps when the directory has several points of the type."""
    if service_type not in SERVICE_TYPES:
        return True
    with _session() as session:
        return (
            session.execute(
                select(func.count()).select_from(ServicePoint).where(ServicePoint.service_type == service_type)
            ).scalar_one()
            > 1
        )


def available_types() -> set[str]:
    """The service types the directory has points of (the « quel type de lieu ? » buttons)."""
    with _session() as session:
        return types_with_points(session)


def find_nearest(service_type: str, location_text: str | None, now: datetime) -> Reply:
    """The nearest points of the type to the place said (or the whole city when none is needed)."""
    with _session() as session:
        if not location_text:
            points = by_type(session, service_type)
            if not points:
                return no_result_reply(service_type, Location("found", LE_HAVRE_NAME))
            reply = details_reply(points, now)
            reply.text = f"Voici {type_label(service_type)} au Havre :\n{reply.text}"
            return reply
        where = resolve_text(location_text, PlaceIndex(session), geocode=geocode)
        if where.status == "outside":
            return outside_reply(where, service_type)
        if where.status == "street_unknown":
            return ask_location(street_unknown=True)
        if not where.found or where.latitude is None or where.longitude is None:
            return no_result_reply(service_type, where)
        places = nearby(session, service_type, where.latitude, where.longitude)
        if not places:
            far = nearest(session, service_type, where.latitude, where.longitude, limit=1, max_radius_m=FAR_LIMIT_M)
            if far:
                return far_reply(service_type, where, far[0], now)
        unlocated = without_position(session, service_type, limit=max(0, 3 - len(places)))
        return nearest_reply(service_type, where, places, unlocated, now)


def service_details(text: str | None, service_type: str | None, now: datetime) -> Reply | None:
    """Hours, address and phone of the service named in the text (None: no match)."""
    with _session() as session:
        points = by_name(session, text or "")
        if service_type in SERVICE_TYPES:
            points = [p for p in points if p.service_type == service_type] or by_type(session, service_type)
        return details_reply(points, now) if points else None
