"""NLU component: `location` entities repaired from the message (bot/nlu/location_spans.py).

A house number and a type of way before the place are taken in (« 12 rue Jules
Lecesne », « cours de la République »), pieces of one place are joined (« Bois de
Bléville »), and a search with no preposition gets its place (« caf fecamp »).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.location_spans import repaired
from components.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LocationSpans(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            fixed = repaired(message.get(TEXT) or "", entities)
            if fixed != entities:
                message.set(ENTITIES, fixed, add_to_output=True)
        return messages
