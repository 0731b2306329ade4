"""The estimate form (allocations familiales, ARS, complément familial): Rasa glue over bot.rights.dialogue."""

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.clock import today
from bot.rights import dialogue

FORM_SLOTS = ["estimate_benefit", dialogue.CHILDREN, dialogue.INCOME, dialogue.HOUSEHOLD]


def _extracted(dispatcher: CollectingDispatcher, slot: str, result: dialogue.Extracted) -> dict[str, Any]:
    if result.message:
        dispatcher.utter_message(text=result.message)
    return {slot: result.value} if result.value is not None else {}


class ValidateEstimateForm(FormValidationAction):
    def name(self) -> str:
        return "validate_estimate_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        text, requested = tracker.latest_message.get("text"), tracker.get_slot("requested_slot")
        if requested and dialogue.wants_to_stop(text):
            dispatcher.utter_message(text=dialogue.STOPPED)
            return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("requested_slot", None)]
        events = await super().run(dispatcher, tracker, domain)
        filled = any(e.get("event") == "slot" and e.get("name") != "requested_slot" for e in events)
        if not filled and dialogue.answered_without_value(requested, text):
            # Keep the form going (its hint was sent) instead of treating the answer as another question.
            events.append(SlotSet("estimate_benefit", tracker.get_slot("estimate_benefit")))
        return events

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return dialogue.questions_for(tracker.get_slot("estimate_benefit"))

    def _requested(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot

    async def extract_children_ages(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = dialogue.extract_children(
            tracker.latest_message.get("text"),
            self._requested(tracker, dialogue.CHILDREN),
            tracker.get_slot(dialogue.CHILDREN),
        )
        return _extracted(dispatcher, dialogue.CHILDREN, result)

    async def extract_household_income(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = dialogue.extract_income(
            tracker.latest_message.get("text"),
            self._requested(tracker, dialogue.INCOME),
            tracker.get_slot(dialogue.INCOME),
            today(),
        )
        return _extracted(dispatcher, dialogue.INCOME, result)

    async def extract_household(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = dialogue.extract_household(
            tracker.latest_message.get("text"),
            next(tracker.get_latest_entity_values("household"), None),
            self._requested(tracker, dialogue.HOUSEHOLD),
        )
        return _extracted(dispatcher, dialogue.HOUSEHOLD, result)


class _AskQuestion:
    """Mixin for the form's `action_ask_<slot>` actions: send `question()` (text, buttons)."""

    def question(self) -> tuple[str, list[dict[str, str]]]:
        raise NotImplementedError

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        text, buttons = self.question()
        dispatcher.utter_message(text=text, buttons=buttons or None)
        return []


class ActionAskChildrenAges(_AskQuestion, Action):
    def name(self) -> str:
        return "action_ask_children_ages"

    def question(self) -> tuple[str, list[dict[str, str]]]:
        return dialogue.CHILDREN_QUESTION, []


class ActionAskHouseholdIncome(_AskQuestion, Action):
    def name(self) -> str:
        return "action_ask_household_income"

    def question(self) -> tuple[str, list[dict[str, str]]]:
        return dialogue.income_question(today()), []


class ActionAskHousehold(_AskQuestion, Action):
    def name(self) -> str:
        return "action_ask_household"

    def question(self) -> tuple[str, list[dict[str, str]]]:
        return dialogue.household_question()


class ActionGiveEstimate(Action):
    def name(self) -> str:
        return "action_give_estimate"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        benefit = tracker.get_slot("estimate_benefit")
        answers = {slot: tracker.get_slot(slot) for slot in dialogue.questions_for(benefit)}
        if answers and all(value is not None for value in answers.values()):  # not stopped midway
            # The rules engine is called over HTTP: off the event loop, so other conversations go on meanwhile.
            text = await asyncio.to_thread(
                dialogue.result_text,
                benefit,
                tracker.get_slot(dialogue.CHILDREN),
                tracker.get_slot(dialogue.INCOME),
                tracker.get_slot(dialogue.HOUSEHOLD),
                today(),
            )
            dispatcher.utter_message(text=text)
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
