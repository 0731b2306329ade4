"""Give real contacts to a person who wants a human."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from bot.knowledge.contacts import human_contacts_text
from bot.replies import Reply


class ActionGiveContacts(Action):
    def name(self) -> str:
        return "action_give_contacts"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        send(dispatcher, Reply(human_contacts_text()))
        return []
