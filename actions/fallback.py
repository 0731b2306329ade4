"""Reply when the NLU is unsure: rephrase and offer the likely topics."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from bot.knowledge.fallback import fallback_reply


class ActionOfferTopics(Action):
    def name(self) -> str:
        return "action_offer_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = tracker.latest_message
        send(dispatcher, fallback_reply(message.get("text"), message.get("intent_ranking", [])))
        return []
