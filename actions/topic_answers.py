"""Answer any topic intent from the data (data/knowledge/topics.yml)."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from bot.topics import topic_reply, topics
from bot.fallback import fallback_reply


class ActionAnswerTopic(Action):
    def name(self) -> Text:
        return "action_answer_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in topics():
            send(dispatcher, topic_reply(intent))
        else:
            send(dispatcher, fallback_reply(tracker.latest_message.get("text"), []))
        return []
