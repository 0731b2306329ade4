"""Answer any topic intent from the data (knowledge entries, interim topics)."""
from datetime import date
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from bot.audience import audience_of
from bot.knowledge.fallback import fallback_reply
from bot.knowledge.topic_answer import answer_topic, is_topic
from bot.rights.dialogue import intro, wants_estimate


def latest_user_metadata(tracker: Tracker) -> dict:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata") or {}
    return {}


class ActionAnswerTopic(Action):
    def name(self) -> Text:
        return "action_answer_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        if not is_topic(intent):
            send(dispatcher, fallback_reply(message.get("text"), []))
            return []
        audience = audience_of(latest_user_metadata(tracker), tracker.get_slot("audience"))
        events = [SlotSet("audience", audience)] if audience != tracker.get_slot("audience") else []
        facet = next(tracker.get_latest_entity_values("facet"), None)
        if wants_estimate(intent, message.get("text"), facet):
            dispatcher.utter_message(text=intro(intent))
            return events + [SlotSet("estimate_benefit", intent), FollowupAction("estimate_form")]
        send(dispatcher, answer_topic(intent, message.get("text"), facet, audience, date.today()))
        return events
