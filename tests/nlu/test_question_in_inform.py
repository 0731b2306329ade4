"""The NLU component that turns an `inform` which also asks into the question asked."""

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.question_in_inform import QuestionInInform


def classified(text: str, intent: str, entities: list[str]) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.9})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.9}, {"name": "greet", "confidence": 0.1}])
    message.set(ENTITIES, [{"entity": name, "value": "x"} for name in entities])
    return QuestionInInform().process([message])[0]


def test_a_service_type_and_a_place_make_a_search():
    message = classified("creche vers graville", "inform", ["service_type", "location"])
    assert message.get(INTENT) == {"name": "find_service", "confidence": 0.9}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["find_service", "greet"]


def test_a_household_with_a_rights_question_is_the_screening():
    message = classified("seule avec 2 enfants, 900 euros par mois, a quoi j'ai droit ?", "inform", ["children"])
    assert message.get(INTENT)["name"] == "check_eligibility"


def test_a_plain_answer_and_other_intents_are_left_alone():
    assert classified("2 enfants de 3 et 8 ans", "inform", ["children"]).get(INTENT)["name"] == "inform"
    assert classified("a quoi j'ai droit pour la crèche", "ask_cmg", []).get(INTENT)["name"] == "ask_cmg"


def test_an_unsure_message_with_a_service_and_a_place_is_a_search_unless_it_looks_like_opening_hours():
    assert classified("caf fecamp", "nlu_fallback", ["service_type", "location"]).get(INTENT)["name"] == "find_service"
    unsure = Message(data={TEXT: "caf graville ouverte"})
    unsure.set(INTENT, {"name": "nlu_fallback", "confidence": 0.25})
    unsure.set(
        INTENT_RANKING_KEY, [{"name": "nlu_fallback", "confidence": 0.25}, {"name": "ask_horaires", "confidence": 0.2}]
    )
    unsure.set(ENTITIES, [{"entity": "service_type", "value": "caf"}, {"entity": "location", "value": "graville"}])
    assert QuestionInInform().process([unsure])[0].get(INTENT)["name"] == "nlu_fallback"
