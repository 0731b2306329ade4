"""NLU component: the household facts a message states, as entities (bot/rights/facts.py).

« j'ai 3 enfants de 4, 9 et 15 ans, on gagne 2500 euros par mois, a quoi j'ai droit ? »
keeps the intent DIET gives it (check_eligibility) and gains the entities
children=3, child_age=4, 9, 15 and income=2500 (net a month), which the rights
screening reads. Values are numbers and choices only, never the person's words.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rights.facts import fact_entities, read_facts
from components.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class HouseholdFacts(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):  # a button: its entities are given
                continue
            facts = [dict(entity, extractor=type(self).__name__) for entity in fact_entities(read_facts(text))]
            if facts:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + facts, add_to_output=True)
        return messages
