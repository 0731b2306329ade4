"""NLU component: a message that names a type of service and a place is a search, whatever DIET says.

« creche vers graville », « la caf la plus proche de Bléville »: without a verb, DIET often
reads them as `inform` (the person only gives a place). By the contract, `inform` only
gives the piece of information asked for; a type of service together with a place is
`find_service`. The intent is changed, with the same confidence, and the ranking follows.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

INFORM, SEARCH = "inform", "find_service"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SearchIntent(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "SearchIntent":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            names = {e.get("entity") for e in message.get(ENTITIES) or []}
            if intent.get(INTENT_NAME_KEY) != INFORM or not {"service_type", "location"} <= names:
                continue
            message.set(INTENT, dict(intent, **{INTENT_NAME_KEY: SEARCH}), add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY) or []
            rest = [r for r in ranking if r.get(INTENT_NAME_KEY) not in (INFORM, SEARCH)]
            message.set(INTENT_RANKING_KEY, [{INTENT_NAME_KEY: SEARCH, "confidence": intent.get("confidence")}] + rest,
                        add_to_output=True)
        return messages
