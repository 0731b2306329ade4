"""Nearby services (find_service form), opening hours (ask_horaires), information (inform): Rasa glue over
bot.directory.search_form, which decides every step.

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
from bot.directory import search_form
from bot.directory.finding import DirectoryError, now_in_le_havre
from bot.directory.search_form import Outcome


def _send_all(dispatcher: CollectingDispatcher, outcome: Outcome) -> None:
    for reply in outcome.replies:
        send(dispatcher, reply)


def _events(dispatcher: CollectingDispatcher, outcome: Outcome) -> list[dict[str, Any]]:
    """Send the outcome's replies; its slots and follow-up action as events."""
    _send_all(dispatcher, outcome)
    events = [SlotSet(slot, value) for slot, value in outcome.slots.items()]
    return events + ([FollowupAction(outcome.followup)] if outcome.followup else [])


class ValidateFindServiceForm(FormValidationAction):
    def name(self) -> str:
        return "validate_find_service_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        stop = search_form.stop_request(tracker.latest_message, tracker.slots)
        if stop:
            return _events(dispatcher, stop)
        try:
            return await super().run(dispatcher, tracker, domain)
        except DirectoryError:
            return _events(dispatcher, search_form.unavailable())

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return await asyncio.to_thread(search_form.required_slots, tracker.slots)

    async def extract_location(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await asyncio.to_thread(search_form.extract_location, tracker.latest_message, tracker.slots)

    def extract_service_type(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return search_form.extract_service_type(tracker.latest_message, tracker.slots)

    def validate_service_type(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return search_form.validate_service_type(value)

    async def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        outcome = await asyncio.to_thread(search_form.validate_location, value, tracker.latest_message, tracker.slots)
        _send_all(dispatcher, outcome)
        return outcome.slots


class ActionAskServiceType(Action):
    def name(self) -> str:
        return "action_ask_service_type"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        send(dispatcher, await asyncio.to_thread(search_form.service_type_question))
        return []


class ActionAskLocation(Action):
    def name(self) -> str:
        return "action_ask_location"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        send(dispatcher, search_form.location_question())
        return []


class ActionFindService(Action):
    """Runs when the form ends: the nearest places, or nothing after a stop."""

    def name(self) -> str:
        return "action_find_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        outcome = await asyncio.to_thread(search_form.results, tracker.slots, now_in_le_havre())
        return _events(dispatcher, outcome)


class ActionGiveHoraires(Action):
    def name(self) -> str:
        return "action_give_horaires"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        outcome = await asyncio.to_thread(search_form.opening_hours, tracker.latest_message, now_in_le_havre())
        return _events(dispatcher, outcome)


class ActionHandleInform(Action):
    """A piece of information without a question: a type of place starts the search, else ask."""

    def name(self) -> str:
        return "action_handle_inform"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return _events(dispatcher, search_form.inform(tracker.latest_message))
