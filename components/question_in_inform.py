"""NLU component: a message read as `inform` (or not understood) that asks something is that question.

By the contract, `inform` only gives the piece of information asked for. DIET often
reads a message full of facts as `inform`, or is unsure of it (the fallback), even when it asks:
- a type of service together with a place (« creche vers graville », « la caf la plus
  proche de Bléville ») is a search, `find_service`;
- a household described with « à quoi j'ai droit ? », « quelles aides ? »
  (bot/rights/questions.py) is the rights screening, `check_eligibility`.
The intent is changed, with the same confidence, and the ranking follows.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rights.questions import asks_for_rights
from components.stateless import StatelessComponent

INFORM, SEARCH, SCREENING = "inform", "find_service", "check_eligibility"
FALLBACK = "nlu_fallback"
# When unsure (the fallback) and its best guess is the opening hours of a place, the question is not a search.
KEEP_UNSURE = ("ask_horaires",)


def best_guess(ranking: list[dict]) -> str | None:
    """The classifier's best intent other than the fallback."""
    return next((r.get(INTENT_NAME_KEY) for r in ranking if r.get(INTENT_NAME_KEY) != FALLBACK), None)


def asked_intent(message: Message) -> str | None:
    """The intent an `inform` message really asks for, or None."""
    names = {e.get("entity") for e in message.get(ENTITIES) or []}
    if {"service_type", "location"} <= names:
        return SEARCH
    if asks_for_rights(message.get(TEXT)):
        return SCREENING
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class QuestionInInform(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            asked = asked_intent(message) if intent.get(INTENT_NAME_KEY) in (INFORM, FALLBACK) else None
            ranking = message.get(INTENT_RANKING_KEY) or []
            if asked is None or (intent.get(INTENT_NAME_KEY) == FALLBACK and best_guess(ranking) in KEEP_UNSURE):
                continue
            message.set(INTENT, dict(intent, **{INTENT_NAME_KEY: asked}), add_to_output=True)
            rest = [r for r in ranking if r.get(INTENT_NAME_KEY) not in (INFORM, FALLBACK, asked)]
            message.set(
                INTENT_RANKING_KEY,
                [{INTENT_NAME_KEY: asked, "confidence": intent.get("confidence")}] + rest,
                add_to_output=True,
            )
        return messages
