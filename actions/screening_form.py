"""The rights screening and the estimate of one right: Rasa glue over bot.rights.screening and .conversation."""

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.send import send
from actions.tracker_reading import conversation_household, latest_user_metadata
from bot.audience import audience_of
from bot.clock import today
from bot.rights.conversation import screening_result
from bot.rights.screening import Screening, Step, next_step, prompt

STATE, ANSWER, CONFIRMED = "screening", "screening_answer", "screening_confirmed"


def current_screening(tracker: Tracker) -> Screening:
    """The screening so far (started by action_answer_topic), or one holding every fact already given."""
    state = tracker.get_slot(STATE)
    return Screening.from_slot(state) if state else Screening(conversation_household(tracker))


def step_events(step: Step) -> list[dict[str, Any]]:
    if step.screening is None:  # stopped
        return [SlotSet(STATE, None), SlotSet(CONFIRMED, None), SlotSet("requested_slot", None)]
    if step.confirmed:
        return [SlotSet(STATE, step.screening.to_slot()), SlotSet(CONFIRMED, True), SlotSet("requested_slot", None)]
    return [SlotSet(STATE, step.screening.to_slot()), SlotSet(ANSWER, None), SlotSet("requested_slot", ANSWER)]


class ValidateScreeningForm(FormValidationAction):
    """Each turn of the form: bot.rights.screening.next_step decides, this sends and records it."""

    def name(self) -> str:
        return "validate_screening_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        message, started = tracker.latest_message, tracker.get_slot("requested_slot") is not None
        intent = (message.get("intent") or {}).get("name")
        step = next_step(current_screening(tracker), started, message.get("text"), intent, today())
        for reply in step.replies:
            send(dispatcher, reply)
        return step_events(step)


class ActionAskScreeningAnswer(Action):
    """The next question, or the recap to confirm when nothing is missing."""

    def name(self) -> str:
        return "action_ask_screening_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        send(dispatcher, prompt(current_screening(tracker)))
        return []


class ActionScreenRights(Action):
    """Compute the rights of the confirmed screening with the rules engine (off the event loop) and answer."""

    def name(self) -> str:
        return "action_screen_rights"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        done = [SlotSet(STATE, None), SlotSet(CONFIRMED, None)]
        if not tracker.get_slot(CONFIRMED):  # stopped midway
            return done
        audience = audience_of(latest_user_metadata(tracker), tracker.get_slot("audience"))
        reply = await asyncio.to_thread(screening_result, current_screening(tracker), audience, today())
        send(dispatcher, reply)
        return done
