"""NLU component: the type of service written in plain words, when the model found none.

DIET misses some spellings it has seen little (« assmat », « la sécu », « maison de
quartier »). The spellings of data/nlu/synonyms.yml and data/directory/service_types.yml
(bot/knowledge/service_types.py) fill the gap: the longest one written as whole words
becomes the `service_type` entity, with its canonical value. Measured in docs/pipeline.md
(Rasa's RegexEntityExtractor did the same but also re-extracted every place of the
location lookup, which lowered the location scores).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.service_types import service_type_span
from components.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ServiceTypeSpellings(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            entities = message.get(ENTITIES) or []
            if text.startswith("/") or any(e.get("entity") == "service_type" for e in entities):
                continue
            found = service_type_span(text)
            if found:
                value, start, end = found
                message.set(
                    ENTITIES,
                    entities
                    + [
                        {
                            "entity": "service_type",
                            "value": value,
                            "start": start,
                            "end": end,
                            "extractor": type(self).__name__,
                        }
                    ],
                    add_to_output=True,
                )
        return messages
