"""NLU component: a message read as `inform` that also asks something is that question.

By the contract, `inform` only gives the piece of information asked for. DIET often
reads a message full of facts as `inform` even when it asks:
- a type of service together with a place (« creche vers graville », « la caf la plus
  proche de Bléville ») is a search, `find_service`;
- a household described with « à quoi j'ai droit ? », « quelles aides ? »
  (bot/rights/questions.py) is the rights screening, `check_eligibility`.
The intent is changed, with the same confidence, and the ranking follows.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rights.questions import asks_for_rights

INFORM, SEARCH, SCREENING = "inform", "find_service", "check_eligibility"


def asked_intent(message: Message) -> str | None:
    """The intent an `inform` message really asks for, or None."""
    names = {e.get("entity") for e in message.get(ENTITIES) or []}
    if {"service_type", "location"} <= names:
        return SEARCH
    if asks_for_rights(message.get(TEXT)):
        return SCREENING
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class QuestionInInform(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "QuestionInInform":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            asked = asked_intent(message) if intent.get(INTENT_NAME_KEY) == INFORM else None
            if asked is None:
                continue
            message.set(INTENT, dict(intent, **{INTENT_NAME_KEY: asked}), add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY) or []
            rest = [r for r in ranking if r.get(INTENT_NAME_KEY) not in (INFORM, asked)]
            message.set(INTENT_RANKING_KEY, [{INTENT_NAME_KEY: asked, "confidence": intent.get("confidence")}] + rest,
                        add_to_output=True)
        return messages
