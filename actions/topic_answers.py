"""Answer any topic intent from the data (knowledge entries, interim topics)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from bot.audience import audience_of
from bot.clock import today
from bot.knowledge.fallback import fallback_reply
from bot.knowledge.topic_answer import answer_topic, is_topic
from bot.rights.dialogue import intro, wants_estimate
from bot.rights.facts import facts_of_conversation
from bot.rights.household import Household
from bot.rights.nudges import with_nudge

SCREENING_INTENT = "check_eligibility"


def conversation_household(tracker: Tracker) -> Household:
    """Every household fact the person stated in this conversation (entities of components/household_facts.py)."""
    return facts_of_conversation(
        [(e.get("parse_data") or {}).get("entities") or [] for e in tracker.events if e.get("event") == "user"]
    )


def latest_user_metadata(tracker: Tracker) -> dict:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata") or {}
    return {}


class ActionAnswerTopic(Action):
    def name(self) -> str:
        return "action_answer_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        if not is_topic(intent):
            send(dispatcher, fallback_reply(message.get("text"), []))
            return []
        audience = audience_of(latest_user_metadata(tracker), tracker.get_slot("audience"))
        events = [SlotSet("audience", audience)] if audience != tracker.get_slot("audience") else []
        facet = next(tracker.get_latest_entity_values("facet"), None)
        if intent == SCREENING_INTENT and facet is None:  # « à quoi ai-je droit ? »: the screening asks and computes
            return events + [
                SlotSet("screening", None),
                SlotSet("screening_confirmed", None),
                FollowupAction("screening_form"),
            ]
        if wants_estimate(intent, message.get("text"), facet):
            dispatcher.utter_message(text=intro(intent))
            return events + [SlotSet("estimate_benefit", intent), FollowupAction("estimate_form")]
        reply = answer_topic(intent, message.get("text"), facet, audience, today())
        send(dispatcher, with_nudge(reply, conversation_household(tracker), intent))
        return events
