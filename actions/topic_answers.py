"""Answer any topic intent from the data, or start a screening: Rasa glue over bot.rights.conversation."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.send import send
from actions.tracker_reading import conversation_household, latest_user_metadata
from bot.audience import audience_of
from bot.clock import today
from bot.rights.conversation import topic_turn


class ActionAnswerTopic(Action):
    def name(self) -> str:
        return "action_answer_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        message, remembered = tracker.latest_message, tracker.get_slot("audience")
        audience = audience_of(latest_user_metadata(tracker), remembered)
        facet = next(tracker.get_latest_entity_values("facet"), None)
        intent = (message.get("intent") or {}).get("name")
        turn = topic_turn(intent, message.get("text"), facet, audience, conversation_household(tracker), today())
        events = [SlotSet("audience", audience)] if audience != remembered else []
        if turn.screening:
            start = [SlotSet("screening", turn.screening.to_slot()), SlotSet("screening_confirmed", None)]
            return events + start + [FollowupAction("screening_form")]
        send(dispatcher, turn.reply)
        return events
