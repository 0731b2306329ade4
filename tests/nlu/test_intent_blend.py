"""The n-gram intent model and the component that blends it with DIET's ranking."""

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ngram_intents import NgramIntents, blend
from components.intent_blend import IntentBlend

EXAMPLES = {
    "ask_rsa": ["c'est quoi le rsa", "le rsa c combien", "comment demander le rsa", "j'ai droit au rsa ?"],
    "ask_ars": [
        "la prime de rentrée scolaire",
        "ars c'est quand",
        "allocation de rentree pour mon fils",
        "combien l'ars cette annee",
    ],
    "greet": ["bonjour", "salut", "coucou", "bonsoir"],
}
TEXTS = [text for texts in EXAMPLES.values() for text in texts]
INTENTS = [intent for intent, texts in EXAMPLES.items() for _ in texts]


@pytest.fixture(scope="module")
def model() -> NgramIntents:
    return NgramIntents.fit(TEXTS, INTENTS)


def test_the_ngram_model_reads_new_spellings_of_what_it_learnt(model):
    probabilities = model.probabilities(["le rsa c koi", "bonjoour", "rentrée scolaire"])
    assert np.allclose(probabilities.sum(axis=1), 1)
    assert [model.intents[i] for i in probabilities.argmax(axis=1)] == ["ask_rsa", "greet", "ask_ars"]


def test_the_column_sums_are_the_regression_over_the_counts(model):
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import CountVectorizer

    from bot.nlu.ngram_intents import CHARACTERS, WORDS

    texts = ["le rsa c combien combien", "", "zzz", "bonjour l'ars"]
    counts = hstack(
        [
            CountVectorizer(**WORDS, vocabulary=model.word_columns).transform(texts),
            CountVectorizer(
                **CHARACTERS, vocabulary={g: c - len(model.word_columns) for g, c in model.character_columns.items()}
            ).transform(texts),
        ]
    )
    scores = counts @ model.weights.T + model.bias
    expected = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    assert np.allclose(model.probabilities(texts), expected)


def test_the_saved_model_reads_as_the_trained_one_without_pickle(model, tmp_path):
    model.save(tmp_path)
    loaded = NgramIntents.load(tmp_path)
    texts = ["rsa svp", "ars", "hello"]
    assert loaded.intents == model.intents
    assert np.allclose(loaded.probabilities(texts), model.probabilities(texts), atol=1e-5)


def test_two_intents_are_enough():
    two = NgramIntents.fit(TEXTS[:8], INTENTS[:8])
    assert two.intents == ["ask_ars", "ask_rsa"]
    assert [two.intents[i] for i in two.probabilities(["rsa", "rentree scolaire"]).argmax(axis=1)] == [
        "ask_rsa",
        "ask_ars",
    ]


def test_the_blend_weighs_each_side_and_leaves_the_fallback_out():
    diet = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "ask_rsa", "confidence": 0.6},
        {"name": "greet", "confidence": 0.4},
    ]
    intents, ngram = ["ask_ars", "ask_rsa", "greet"], np.array([0.0, 0.1, 0.9])
    assert [r["name"] for r in blend(diet, intents, ngram, 0.0)] == ["ask_rsa", "greet", "ask_ars"]
    assert [r["name"] for r in blend(diet, intents, ngram, 1.0)] == ["greet", "ask_rsa", "ask_ars"]
    mixed = blend(diet, intents, ngram, 0.5)
    assert mixed[0] == {"name": "greet", "confidence": pytest.approx(0.65)}
    assert mixed[1] == {"name": "ask_rsa", "confidence": pytest.approx(0.35)}


def classified(text: str, ranking: list[dict]) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, ranking[0])
    message.set(INTENT_RANKING_KEY, ranking)
    return message


def trained_component(tmp_path, weight: float) -> IntentBlend:
    storage, resource = LocalModelStorage(tmp_path), Resource("intent_blend")
    component = IntentBlend.create({"weight": weight}, storage, resource, None)
    component.train(TrainingData([Message(data={TEXT: t, INTENT: i}) for t, i in zip(TEXTS, INTENTS)]))
    return IntentBlend.load({"weight": weight}, storage, resource, None)


def test_the_component_learns_saves_and_sways_an_unsure_diet(tmp_path):
    component = trained_component(tmp_path, 0.5)
    unsure = [
        {"name": "greet", "confidence": 0.35},
        {"name": "ask_rsa", "confidence": 0.3},
        {"name": "ask_ars", "confidence": 0.35},
    ]
    message = component.process([classified("le rsa c combien pour moi", unsure)])[0]
    assert message.get(INTENT)["name"] == "ask_rsa"
    assert message.get(INTENT)["confidence"] == message.get(INTENT_RANKING_KEY)[0]["confidence"]
    assert {r["name"] for r in message.get(INTENT_RANKING_KEY)} == {"ask_rsa", "ask_ars", "greet"}


def test_with_no_share_the_component_keeps_diets_choice(tmp_path):
    component = trained_component(tmp_path, 0.0)
    ranking = [{"name": "greet", "confidence": 0.5}, {"name": "ask_rsa", "confidence": 0.4}]
    assert component.process([classified("le rsa c combien", ranking)])[0].get(INTENT)["name"] == "greet"


def test_a_message_without_text_or_ranking_is_left_alone(tmp_path):
    component = trained_component(tmp_path, 0.5)
    empty = Message(data={TEXT: ""})
    assert component.process([empty])[0].get(INTENT) is None


def test_trained_on_a_single_intent_it_blends_nothing(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("intent_blend")
    single = TrainingData([Message(data={TEXT: "bonjour", INTENT: "greet"})])
    IntentBlend.create({}, storage, resource, None).train(single)
    component = IntentBlend.load({}, storage, resource, None)
    ranking = [{"name": "greet", "confidence": 0.9}]
    assert component.process([classified("bonjour", ranking)])[0].get(INTENT_RANKING_KEY) == ranking


def test_a_change_of_the_ngram_model_code_is_not_served_from_rasas_cache(monkeypatch):
    import inspect

    from bot.nlu import ngram_intents

    before = IntentBlend.fingerprint_addon({})
    source = inspect.getsource(ngram_intents)
    monkeypatch.setattr(inspect, "getsource", lambda module: source + "\n# changed")
    assert IntentBlend.fingerprint_addon({}) != before
