"""The decisions of the nearby-services conversation: find_service_form, its result, ask_horaires, inform.

The Rasa actions (actions/find_service.py) only read the tracker and pass plain data here: the latest
message as Rasa gives it (a dict with `text`, `intent`, `entities`, `metadata`) and the slot values
(a dict). A form method gets back the slots it sets; an action gets an `Outcome`: the replies to send,
the slots to set, the action to run next. The functions that read the directory database (or the
online geocoder, when it is on) say so in their docstring: the actions run them in a thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.directory.answers import INFORM_WITHOUT_QUESTION, ask_service_type, outside_reply
from bot.directory.answers import ask_location as ask_location_reply
from bot.directory.finding import (
    DirectoryError,
    available_types,
    find_nearest,
    location_needed,
    place_in_message,
    resolve_location,
    service_details,
    unavailable_reply,
)
from bot.knowledge.service_types import SERVICE_TYPES, service_type_in_text
from bot.knowledge.topic_answer import is_topic
from bot.replies import Reply
from bot.text import is_stop_request

FORM = "find_service_form"
REQUIRED = ["service_type", "location"]
# Set when the person stops the search or names a place outside Le Havre: the form ends, no result.
STOPPED = "service_search_stopped"
STOPPED_TEXT = "D'accord, j'arrête la recherche. Vous pouvez me poser une autre question."
WHICH_SERVICE = (
    "De quel service voulez-vous les horaires ? "
    "Par exemple : « horaires de la CAF » ou « le CCAS ferme à quelle heure »."
)
# A topic question at least this sure (« c'est quoi le RSA ») is answered, not taken for the place asked.
TOPIC_CONFIDENCE = 0.8
# The intents whose message may name the place by itself (« une crèche à Rouen »).
PLACE_INTENTS = ("find_service", "inform")


@dataclass
class Outcome:
    """What an action does: send these replies, set these slots, then run `followup` (an action's name)."""

    replies: list[Reply] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    followup: str | None = None


def intent_of(message: Mapping[str, Any]) -> str | None:
    return (message.get("intent") or {}).get("name")


def entity_value(message: Mapping[str, Any], entity: str) -> Any:
    """The first value of the entity in the message, without role or group (as Rasa's
    `Tracker.get_latest_entity_values`)."""
    return next(
        (
            found.get("value")
            for found in message.get("entities") or []
            if found.get("entity") == entity and found.get("role") is None and found.get("group") is None
        ),
        None,
    )


def device_position(metadata: Mapping[str, Any] | None) -> str | None:
    """« lat,lon » from the web page's `metadata.geo` (« Me localiser »), if well formed."""
    geo = (metadata or {}).get("geo")
    if not isinstance(geo, dict):
        return None
    try:
        return f"{float(geo['lat']):.6f},{float(geo['lon']):.6f}"
    except (KeyError, TypeError, ValueError):
        return None


def clearly_another_question(message: Mapping[str, Any]) -> bool:
    """A confident topic question (« c'est quoi le RSA ») is answered, not taken for a place."""
    intent = message.get("intent") or {}
    return is_topic(intent.get("name")) and (intent.get("confidence") or 0) >= TOPIC_CONFIDENCE


def _stopped_slots() -> dict[str, Any]:
    return {"service_type": None, "location": None, STOPPED: True, "requested_slot": None}


def stop_request(message: Mapping[str, Any], slots: Mapping[str, Any]) -> Outcome | None:
    """« stop », « laisse tomber » while the form asks a question: the search ends (None: it goes on)."""
    if slots.get("requested_slot") and is_stop_request(message.get("text")):
        return Outcome([Reply(STOPPED_TEXT)], _stopped_slots())
    return None


def unavailable() -> Outcome:
    """The directory failed during the form: the contacts to call instead, and the search ends."""
    return Outcome([unavailable_reply()], _stopped_slots())


def required_slots(slots: Mapping[str, Any]) -> list[str]:
    """The slots the form still needs: none after a stop; no place when the directory has a single
    point of the type (the CAF). Reads the directory."""
    if slots.get(STOPPED):
        return []
    service_type = slots.get("service_type")
    if service_type and not slots.get("location") and not location_needed(service_type):
        return ["service_type"]
    return list(REQUIRED)


def extract_location(message: Mapping[str, Any], slots: Mapping[str, Any]) -> dict[str, Any]:
    """The place the message gives beyond the NLU's entity: the device position; the whole answer when
    the form asked « où êtes-vous ? »; a place the question names by itself when the NLU tagged none
    (« une crèche à Rouen »). Reads the directory in that last case."""
    position = device_position(message.get("metadata"))
    if position:
        return {"location": position}
    if entity_value(message, "location"):
        return {}
    text = (message.get("text") or "").strip()
    if not text or text.startswith("/"):
        return {}
    if slots.get("requested_slot") == "location":
        return {} if clearly_another_question(message) else {"location": text}
    if intent_of(message) in PLACE_INTENTS and place_in_message(text) is not None:
        return {"location": text}
    return {}


def extract_service_type(message: Mapping[str, Any], slots: Mapping[str, Any]) -> dict[str, Any]:
    """The words of the message when the NLU tagged no known type (« une creche svp »), read only when
    the form asked the type or the message asks for a place."""
    asked = slots.get("requested_slot") == "service_type"
    if not asked and intent_of(message) != "find_service":
        return {}
    if entity_value(message, "service_type") in SERVICE_TYPES:
        return {}
    found = service_type_in_text(message.get("text"))
    return {"service_type": found} if found else {}


def validate_service_type(value: Any) -> dict[str, Any]:
    """A contract value, or the type its words name (None: not a type)."""
    return {"service_type": value if value in SERVICE_TYPES else service_type_in_text(str(value or ""))}


def validate_location(value: Any, message: Mapping[str, Any], slots: Mapping[str, Any]) -> Outcome:
    """The place, read in the whole message it came from and kept as what finds it again; else what
    to say (outside Le Havre ends the search; an unknown place or street is asked again). Reads the
    directory and, when it is on, the geocoder."""
    said = str(value) if value is not None else ""
    where = resolve_location(said, message.get("text"))
    service_type = slots.get("service_type")
    if where.found:
        return Outcome(slots={"location": where.key or said})
    if where.status == "outside":
        return Outcome([outside_reply(where, service_type)], {"location": None, "service_type": None, STOPPED: True})
    replies = []
    if where.status == "street_unknown":
        if location_needed(service_type):
            replies.append(ask_location_reply(street_unknown=True))
    elif where.status == "unknown":
        replies.append(ask_location_reply(where.suggestions, unknown=True))
    return Outcome(replies, {"location": None})


def service_type_question(intent: str = "inform") -> Reply:
    """« Quel type de lieu ? » with a button per type the directory has points of (every type when the
    directory cannot say). Reads the directory."""
    try:
        available: set[str] | None = available_types()
    except DirectoryError:
        available = None
    return ask_service_type(intent, available=available)


def location_question() -> Reply:
    """« Dans quel quartier êtes-vous ? » with the offer to share the position."""
    return ask_location_reply()


def results(slots: Mapping[str, Any], now: datetime) -> Outcome:
    """When the form ends: the nearest places (nothing after a stop), and the search's slots emptied for
    the next one. Reads the directory."""
    reset = {"service_type": None, "location": None, STOPPED: None}
    service_type = slots.get("service_type")
    if slots.get(STOPPED) or service_type not in SERVICE_TYPES:
        return Outcome(slots=reset)
    try:
        reply = find_nearest(service_type, slots.get("location"), now)
    except DirectoryError:
        reply = unavailable_reply()
    return Outcome([reply], reset)


def opening_hours(message: Mapping[str, Any], now: datetime) -> Outcome:
    """The week's hours, address and phone of the service the message names (its name or its type);
    none named: which service, with the types as buttons. Reads the directory."""
    text = message.get("text")
    service_type = entity_value(message, "service_type") or service_type_in_text(text)
    try:
        reply = service_details(text, service_type, now)
    except DirectoryError:
        reply = unavailable_reply()
    if reply is None:
        return Outcome([Reply(WHICH_SERVICE), service_type_question("ask_horaires")])
    return Outcome([reply], {"service_type": None})


def inform(message: Mapping[str, Any]) -> Outcome:
    """A piece of information without a question: a type of place starts the search, else ask the question."""
    entity = entity_value(message, "service_type")
    service_type = entity if entity in SERVICE_TYPES else service_type_in_text(message.get("text"))
    if service_type:
        return Outcome(slots={"service_type": service_type}, followup=FORM)
    return Outcome([Reply(INFORM_WITHOUT_QUESTION)])
