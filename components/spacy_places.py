"""NLU component: places found by spaCy's French named entities (LOC) become `location` entities.

It fills a gap only: when the other extractors found no place, a LOC entity of spaCy
(« rue de Paris », « Montivilliers ») that names no type of service becomes the
`location`. The model is shared with the masking of names (bot/nlu/french_ner.py).

Not in the pipeline (config.yml): measured in docs/pipeline.md, it found one more place on
one held-out set for 8 ms more per parse and the French model loaded in every Rasa instance.
It is kept for the pipeline comparison, whose « with spaCy places » variant adds it after DIET
(scripts/compare_pipelines.py, `make compare-pipelines`).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.service_types import service_type_in_text
from bot.nlu.french_ner import named_entities
from components.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class SpacyPlaces(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            entities = message.get(ENTITIES) or []
            if text.startswith("/") or any(e.get("entity") == "location" for e in entities):
                continue
            places = [
                {"entity": "location", "value": found, "start": start, "end": end, "extractor": type(self).__name__}
                for label, start, end, found in named_entities(text)
                if label == "LOC" and not service_type_in_text(found)
            ]
            if places:
                message.set(ENTITIES, entities + places, add_to_output=True)
        return messages
