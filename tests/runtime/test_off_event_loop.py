"""The actions call the directory database and the geocoder off the action server's event loop."""

from __future__ import annotations

import asyncio
import time

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.find_service as find_service
from bot.directory import search_form
from bot.replies import Reply

SLOW = 0.6


def tracker(slots: dict, text: str = "Graville") -> Tracker:
    return Tracker(
        "conv",
        slots,
        {"text": text, "intent": {"name": "inform", "confidence": 1.0}, "entities": []},
        [],
        False,
        None,
        {},
        "action_listen",
    )


def slow(result):
    def call(*_args, **_kwargs):
        time.sleep(SLOW)  # a database or a geocoder that takes its time
        return result

    return call


def loop_stall(work) -> float:
    """The longest the event loop was kept from running a 10 ms tick while `work` ran."""

    async def measure() -> float:
        longest, done = 0.0, asyncio.ensure_future(work())
        while not done.done():
            started = time.monotonic()
            await asyncio.sleep(0.01)
            longest = max(longest, time.monotonic() - started - 0.01)
        await done
        return longest

    return asyncio.run(measure())


def test_nearest_places_hours_and_locating_leave_the_event_loop_free(monkeypatch, directory_url):
    monkeypatch.setattr(search_form, "find_nearest", slow(Reply("Trois lieux.")))
    monkeypatch.setattr(search_form, "service_details", slow(Reply("Horaires.")))
    monkeypatch.setattr(search_form, "resolve_location", slow(search_form.resolve_location("Graville")))
    monkeypatch.setattr(search_form, "available_types", slow({"creche"}))
    monkeypatch.setattr(search_form, "place_in_message", slow(None))
    monkeypatch.setattr(search_form, "location_needed", slow(True))
    dispatcher = CollectingDispatcher()
    slots = {"service_type": "creche", "location": "Graville", "service_search_stopped": None, "requested_slot": None}
    unplaced = {**slots, "location": None}  # a type without a place: does the directory need one?
    calls = [
        lambda: find_service.ActionFindService().run(dispatcher, tracker(slots), {}),
        lambda: find_service.ActionGiveHoraires().run(dispatcher, tracker(slots, "horaires de la CAF"), {}),
        lambda: find_service.ValidateFindServiceForm().validate_location("Graville", dispatcher, tracker(slots), {}),
        lambda: find_service.ActionAskServiceType().run(dispatcher, tracker(slots), {}),
        lambda: find_service.ValidateFindServiceForm().extract_location(dispatcher, tracker(slots), {}),
        lambda: find_service.ValidateFindServiceForm().required_slots([], dispatcher, tracker(unplaced), {}),
    ]
    for call in calls:
        started = time.monotonic()
        assert loop_stall(call) < SLOW / 3
        assert time.monotonic() - started >= SLOW  # the slow call did run
    assert any(message.get("text") == "Trois lieux." for message in dispatcher.messages)
