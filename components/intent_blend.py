"""NLU component: DIET's intent confidences blended with a linear n-gram model's (bot/nlu/ngram_intents.py).

The Rasa glue of the model, whose fitting (or the one done beside the training,
bot/nlu/ngram_prefit.py), storage, blend and default settings live in bot/nlu/.
Placed right after DIET, whose full ranking it needs (`ranking_length: 0`); the
components after it (guards, fallback) see the blended intent and ranking.
`weight` is the n-gram model's share, chosen by cross-validation on the training
data (scripts/choose_blend_weight.py), never on the held-out sets.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import ngram_intents, ngram_prefit
from bot.nlu.ngram_intents import BLEND_DEFAULTS, NgramIntents, blend
from components.stored import read_stored

RANKING_SHOWN = 10
logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class IntentBlend(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return dict(BLEND_DEFAULTS)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Rasa's training cache knows this class's code, not the n-gram model's: a change there retrains."""
        return hashlib.sha256(inspect.getsource(ngram_intents).encode()).hexdigest()

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: NgramIntents | None = None
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource, self.model = model_storage, resource, model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentBlend:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if len({e.get(INTENT) for e in examples}) >= 2:
            texts, intents = [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
            settings = {"max_iter": self.config["max_iter"]}
            self.model = ngram_prefit.prefitted(texts, intents, settings)
            if self.model:
                logger.info("The n-gram model fitted beside the training is used.")
            else:
                self.model = ngram_prefit.fit(texts, intents, settings)
            with self._storage.write_to(self._resource) as directory:
                self.model.save(directory)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> IntentBlend:
        # None when trained on fewer than two intents: nothing to blend.
        return cls(config, model_storage, resource, read_stored(model_storage, resource, NgramIntents.load))

    def process(self, messages: list[Message]) -> list[Message]:
        readable = [m for m in messages if self.model and m.get(TEXT) and m.get(INTENT_RANKING_KEY)]
        if not readable:
            return messages
        probabilities = self.model.probabilities([m.get(TEXT) for m in readable])
        for message, row in zip(readable, probabilities):
            ranking = blend(message.get(INTENT_RANKING_KEY), self.model.intents, row, self.config["weight"])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:RANKING_SHOWN], add_to_output=True)
        return messages
