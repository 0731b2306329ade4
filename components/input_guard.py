"""NLU component: messages with nothing readable, or no known word, go to the fallback.

An empty message, spaces, control characters or emoji alone, and keyboard mashing
(« azerty qsdf »: no word the training data uses, even one letter away) would
otherwise be classified into some intent with a misleading confidence. This
component marks them `nlu_fallback` with full confidence so the assistant asks to
rephrase. The vocabulary is learnt at training (bot/nlu/vocabulary.py) and stored
in the model.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.vocabulary import Vocabulary
from bot.text import has_readable_words
from components.stored import read_stored

VOCABULARY_FILE = "vocabulary.json"


def training_texts(training_data: TrainingData) -> list[str]:
    """Every text the model learns from: examples, lookup tables, synonyms."""
    texts = [m.get(TEXT) or "" for m in training_data.training_examples]
    texts += [str(element) for table in training_data.lookup_tables for element in table.get("elements") or []]
    texts += [f"{written} {value}" for written, value in training_data.entity_synonyms.items()]
    return texts


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnreadableMessageGuard(GraphComponent):
    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: Vocabulary | None = None):
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnreadableMessageGuard:
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        words = sorted(Vocabulary.from_texts(training_texts(training_data)).words)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnreadableMessageGuard:
        words = read_stored(
            model_storage,
            resource,
            lambda directory: json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8")),
        )
        # Not trained (an empty pipeline run): judge readability only.
        return cls(model_storage, resource, None if words is None else Vocabulary(words))

    def readable(self, text: str | None) -> bool:
        return has_readable_words(text) and (self.vocabulary is None or self.vocabulary.recognises(text or ""))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.readable(message.get(TEXT)):
                continue
            fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.set(INTENT, fallback, add_to_output=True)
            # The classifier's ranking stays after it, as FallbackClassifier does: `bot review` shows its guess.
            ranking = [
                r
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
            ]
            message.set(INTENT_RANKING_KEY, [fallback] + ranking, add_to_output=True)
            message.set(ENTITIES, [], add_to_output=True)
        return messages
