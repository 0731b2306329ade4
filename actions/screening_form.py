"""The rights screening (« à quoi ai-je droit ? »): Rasa glue over bot.rights.screening and bot.rights.results."""

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.send import send
from actions.topic_answers import conversation_household, latest_user_metadata
from bot.audience import AGENT, audience_of
from bot.clock import today as today_in_paris
from bot.rights import results
from bot.rights.engine import EngineUnavailable, simulate
from bot.rights.screening import (
    CORRECT_HOW,
    INTRO,
    STOPPED,
    Screening,
    confirmation,
    question,
    read_answer,
    wants_to_stop,
)

STATE, ANSWER, CONFIRMED = "screening", "screening_answer", "screening_confirmed"


def conversation_facts(tracker: Tracker) -> Screening:
    """The screening so far, or a new one holding every fact the person already gave."""
    if tracker.get_slot(STATE):
        return Screening.from_slot(tracker.get_slot(STATE))
    return Screening(conversation_household(tracker))


class ValidateScreeningForm(FormValidationAction):
    """Reads each answer (any fact in it counts, a correction replaces), then asks what is still missing."""

    def name(self) -> str:
        return "validate_screening_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        text, requested = tracker.latest_message.get("text"), tracker.get_slot("requested_slot")
        if requested and wants_to_stop(text):
            dispatcher.utter_message(text=STOPPED)
            return [SlotSet(STATE, None), SlotSet(CONFIRMED, None), SlotSet("requested_slot", None)]
        screening = conversation_facts(tracker)
        if requested is None:  # the form starts
            dispatcher.utter_message(text=INTRO)
        elif screening.missing():
            answer = read_answer(screening.missing()[0], text, today_in_paris())
            screening = screening.with_facts(answer.facts)
            if answer.dont_know:
                screening = screening.skip(screening.missing()[0]) if screening.missing() else screening
            elif answer.hint:
                dispatcher.utter_message(text=answer.hint)
        else:  # the answer to « c'est bien ça ? »
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            answer = read_answer(None, text, today_in_paris())
            if not answer.facts.is_empty():
                screening = screening.with_facts(answer.facts)
            elif intent == "affirm" or (text or "").strip().lower() in ("oui", "ok", "d'accord", "yes"):
                return [SlotSet(STATE, screening.to_slot()), SlotSet(CONFIRMED, True), SlotSet("requested_slot", None)]
            else:
                dispatcher.utter_message(text=CORRECT_HOW)
        return [SlotSet(STATE, screening.to_slot()), SlotSet(ANSWER, None), SlotSet("requested_slot", ANSWER)]


class ActionAskScreeningAnswer(Action):
    """The next question, or the recap to confirm when nothing is missing."""

    def name(self) -> str:
        return "action_ask_screening_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        screening = conversation_facts(tracker)
        missing = screening.missing()
        send(dispatcher, question(missing[0]) if missing else confirmation(screening))
        return []


class ActionScreenRights(Action):
    """Compute the current month with the rules engine (off the event loop) and answer."""

    def name(self) -> str:
        return "action_screen_rights"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        done = [SlotSet(STATE, None), SlotSet(CONFIRMED, None)]
        if not tracker.get_slot(CONFIRMED):  # stopped midway
            return done
        household = Screening.from_slot(tracker.get_slot(STATE)).household
        today = today_in_paris()
        asked = results.engine_household(household)
        try:
            simulation = await asyncio.to_thread(simulate, asked, today, results.benefits_to_ask(asked))
        except EngineUnavailable:
            send(dispatcher, results.unavailable_reply(household, today))
            return done
        audience = audience_of(latest_user_metadata(tracker), tracker.get_slot("audience"))
        reply = results.agent_reply if audience == AGENT else results.family_reply
        send(dispatcher, reply(household, simulation, today))
        return done
