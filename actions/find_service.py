"""Nearby services (find_service form) and opening hours (ask_horaires): Rasa glue over bot.directory.finding.

Every call that reads the directory database or asks the online geocoder runs in a thread
(`asyncio.to_thread`), off the action server's event loop: a slow database or geocoder makes
that one person wait, not every conversation of the server.
"""

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.send import send
from bot.directory.answers import INFORM_WITHOUT_QUESTION, ask_location, ask_service_type, outside_reply
from bot.directory.finding import (
    DirectoryError,
    available_types,
    find_nearest,
    location_needed,
    now_in_le_havre,
    place_in_message,
    resolve_location,
    service_details,
    unavailable_reply,
)
from bot.knowledge.service_types import SERVICE_TYPES, service_type_in_text
from bot.knowledge.topic_answer import is_topic
from bot.text import is_stop_request

STOPPED = "service_search_stopped"
STOPPED_TEXT = "D'accord, j'arrête la recherche. Vous pouvez me poser une autre question."


def geo_from_metadata(metadata: dict | None) -> str | None:
    """« lat,lon » from the web page's `metadata.geo` (« Me localiser »), if well formed."""
    geo = (metadata or {}).get("geo")
    if not isinstance(geo, dict):
        return None
    try:
        return f"{float(geo['lat']):.6f},{float(geo['lon']):.6f}"
    except (KeyError, TypeError, ValueError):
        return None


def _clearly_another_question(message: dict) -> bool:
    """A confident topic question (« c'est quoi le RSA ») is answered, not taken for a place."""
    intent = message.get("intent") or {}
    return is_topic(intent.get("name")) and intent.get("confidence", 0) >= 0.8


def _stop(dispatcher: CollectingDispatcher, text: str | None = STOPPED_TEXT) -> list[dict[str, Any]]:
    if text:
        dispatcher.utter_message(text=text)
    return [
        SlotSet("service_type", None),
        SlotSet("location", None),
        SlotSet(STOPPED, True),
        SlotSet("requested_slot", None),
    ]


class ValidateFindServiceForm(FormValidationAction):
    def name(self) -> str:
        return "validate_find_service_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        if tracker.get_slot("requested_slot") and is_stop_request(tracker.latest_message.get("text")):
            return _stop(dispatcher)
        try:
            return await super().run(dispatcher, tracker, domain)
        except DirectoryError:
            send(dispatcher, unavailable_reply())
            return _stop(dispatcher, None)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot(STOPPED):
            return []
        service_type = tracker.get_slot("service_type")
        if service_type and not tracker.get_slot("location") and not location_needed(service_type):
            return ["service_type"]
        return ["service_type", "location"]

    async def extract_location(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The device position; the whole answer when the question was « où êtes-vous ? »; or a place
        the question names by itself when the NLU tagged none (« une crèche à Rouen »)."""
        position = geo_from_metadata(tracker.latest_message.get("metadata"))
        if position:
            return {"location": position}
        if next(tracker.get_latest_entity_values("location"), None):
            return {}
        text = (tracker.latest_message.get("text") or "").strip()
        if not text or text.startswith("/"):
            return {}
        if tracker.get_slot("requested_slot") == "location":
            return {} if _clearly_another_question(tracker.latest_message) else {"location": text}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in ("find_service", "inform") and await asyncio.to_thread(place_in_message, text) is not None:
            return {"location": text}
        return {}

    async def extract_service_type(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The words of the message when the NLU tagged no known type (« une creche svp »)."""
        message = tracker.latest_message
        asked = tracker.get_slot("requested_slot") == "service_type"
        if not asked and (message.get("intent") or {}).get("name") != "find_service":
            return {}
        if next(tracker.get_latest_entity_values("service_type"), None) in SERVICE_TYPES:
            return {}
        found = service_type_in_text(message.get("text"))
        return {"service_type": found} if found else {}

    def validate_service_type(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        value = value if value in SERVICE_TYPES else service_type_in_text(str(value or ""))
        return {"service_type": value}

    async def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The place, read in the whole message it came from; kept as what finds it again."""
        where = await asyncio.to_thread(
            resolve_location, str(value) if value is not None else "", tracker.latest_message.get("text")
        )
        if where.found:
            return {"location": where.key or str(value)}
        if where.status == "outside":
            send(dispatcher, outside_reply(where, tracker.get_slot("service_type")))
            return {"location": None, "service_type": None, STOPPED: True}
        if where.status == "street_unknown":
            if location_needed(tracker.get_slot("service_type")):
                send(dispatcher, ask_location(street_unknown=True))
        elif where.status == "unknown":
            send(dispatcher, ask_location(where.suggestions, unknown=True))
        return {"location": None}


class _AskWithReply(Action):
    """A form question sent as a bot.replies.Reply (text, buttons, custom payload)."""

    action_name = ""

    def reply(self):
        raise NotImplementedError

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        send(dispatcher, await asyncio.to_thread(self.reply))
        return []


def _types_with_points() -> set[str] | None:
    """The types the directory has points of (None when it cannot say: every button is offered)."""
    try:
        return available_types()
    except DirectoryError:
        return None


class ActionAskServiceType(_AskWithReply):
    action_name = "action_ask_service_type"

    def reply(self):
        return ask_service_type(available=_types_with_points())


class ActionAskLocation(_AskWithReply):
    action_name = "action_ask_location"

    def reply(self):
        return ask_location()


class ActionFindService(Action):
    """Runs when the form ends: the nearest places, or nothing after a stop."""

    def name(self) -> str:
        return "action_find_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        service_type, location = tracker.get_slot("service_type"), tracker.get_slot("location")
        reset = [SlotSet("service_type", None), SlotSet("location", None), SlotSet(STOPPED, None)]
        if tracker.get_slot(STOPPED) or service_type not in SERVICE_TYPES:
            return reset
        try:
            send(dispatcher, await asyncio.to_thread(find_nearest, service_type, location, now_in_le_havre()))
        except DirectoryError:
            send(dispatcher, unavailable_reply())
        return reset


class ActionGiveHoraires(Action):
    def name(self) -> str:
        return "action_give_horaires"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text")
        service_type = next(tracker.get_latest_entity_values("service_type"), None) or service_type_in_text(text)
        try:
            reply = await asyncio.to_thread(service_details, text, service_type, now_in_le_havre())
        except DirectoryError:
            reply = unavailable_reply()
        if reply is None:
            dispatcher.utter_message(
                text="De quel service voulez-vous les horaires ? "
                "Par exemple : « horaires de la CAF » ou « le CCAS ferme à quelle heure »."
            )
            available = await asyncio.to_thread(_types_with_points)
            send(dispatcher, ask_service_type("ask_horaires", available=available))
            return []
        send(dispatcher, reply)
        return [SlotSet("service_type", None)]


class ActionHandleInform(Action):
    """A piece of information without a question: a type of place starts the search, else ask."""

    def name(self) -> str:
        return "action_handle_inform"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        entity = next(tracker.get_latest_entity_values("service_type"), None)
        service_type = entity if entity in SERVICE_TYPES else service_type_in_text(tracker.latest_message.get("text"))
        if service_type:
            return [SlotSet("service_type", service_type), FollowupAction("find_service_form")]
        dispatcher.utter_message(text=INFORM_WITHOUT_QUESTION)
        return []
