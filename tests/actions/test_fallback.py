"""action_offer_topics: rephrase, with the likely topics of the NLU ranking as buttons."""

from __future__ import annotations

from actions.fallback import ActionOfferTopics

HUMAN = {"title": "Parler à quelqu'un", "payload": "/request_human"}
DEFAULTS = [
    {"title": "À quoi ai-je droit ?", "payload": "/check_eligibility"},
    {"title": "Modes de garde", "payload": "/ask_modes_garde"},
    {"title": "Trouver un lieu", "payload": "/find_service"},
    HUMAN,
]


def offer(tracker, run_action, text, ranking):
    events, messages = run_action(
        ActionOfferTopics(), tracker(text, intent="nlu_fallback", confidence=0.3, intent_ranking=ranking)
    )
    assert events == [] and len(messages) == 1
    return messages[0]


def test_the_likely_topics_are_offered_most_likely_first(tracker, run_action):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "ask_rsa", "confidence": 0.22},
        {"name": "greet", "confidence": 0.2},  # a conversation intent: not a topic
        {"name": "ask_prime_activite", "confidence": 0.1},
        {"name": "ask_ars", "confidence": 0.01},  # too unlikely
    ]
    message = offer(tracker, run_action, "le truc du rsa la", ranking)
    assert message["text"].startswith("Je ne suis pas sûr d'avoir bien compris. Pouvez-vous reformuler")
    assert message["buttons"] == [
        {"title": "RSA", "payload": "/ask_rsa"},
        {"title": "Prime d'activité", "payload": "/ask_prime_activite"},
        HUMAN,
    ]


def test_without_a_likely_topic_the_main_ones_are_offered(tracker, run_action):
    message = offer(tracker, run_action, "azerty", [{"name": "nlu_fallback", "confidence": 0.9}])
    assert message["buttons"] == DEFAULTS


def test_a_message_without_words_is_said_unreadable(tracker, run_action):
    message = offer(tracker, run_action, "🙂🙂", [{"name": "ask_rsa", "confidence": 0.5}])
    assert message["text"].startswith("Je n'ai pas reçu de question que je puisse lire.")
    assert message["buttons"] == DEFAULTS
