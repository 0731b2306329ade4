"""Reply when the NLU is unsure: rephrase and offer the likely topics."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from bot.knowledge.fallback import fallback_reply


class ActionOfferTopics(Action):
    def name(self) -> Text:
        return "action_offer_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        message = tracker.latest_message
        send(dispatcher, fallback_reply(message.get("text"), message.get("intent_ranking", [])))
        return []
