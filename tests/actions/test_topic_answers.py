"""action_answer_topic: a topic answered from its knowledge entry, or a screening started (all rights, or one)."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet

from actions.topic_answers import ActionAnswerTopic
from bot.rights.screening import Screening
from tests.actions.conftest import user_event


def started_screening(events) -> Screening:
    assert events[-1] == FollowupAction("screening_form")
    state = next(e["value"] for e in events if e == SlotSet("screening", e.get("value")))
    return Screening.from_slot(state)


def test_a_topic_question_gets_its_entry_and_the_audience_is_remembered(tracker, run_action):
    message = tracker("c'est quoi l'ARS", intent="ask_ars", metadata={"audience": "agent"})
    events, messages = run_action(ActionAnswerTopic(), message)
    assert events == [SlotSet("audience", "agent")]
    assert "Allocation de rentrée scolaire" in messages[0]["text"]


def test_a_question_on_rights_starts_the_screening_with_the_facts_already_given(tracker, run_action):
    said = user_event(
        "j'ai 2 enfants de 3 et 7 ans",
        intent="inform",
        entities=[
            {"entity": "children", "value": 2},
            {"entity": "child_age", "value": 3},
            {"entity": "child_age", "value": 7},
        ],
    )
    events, messages = run_action(
        ActionAnswerTopic(), tracker("à quoi j'ai droit ?", intent="check_eligibility", history=[said])
    )
    screening = started_screening(events)
    assert screening.household.children_ages == (3, 7) and screening.rights == () and messages == []


def test_simuler_starts_the_estimate_of_that_right_alone(tracker, run_action):
    events, _ = run_action(ActionAnswerTopic(), tracker('/ask_allocations_familiales{"facet": "simuler"}'))
    assert started_screening(events).rights == ("af",)


def test_a_nudge_ends_the_answer_when_the_facts_open_another_right(tracker, run_action):
    alone = user_event(
        "je suis seule avec mon fils",
        intent="inform",
        entities=[{"entity": "couple", "value": False}, {"entity": "children", "value": 1}],
    )
    _, messages = run_action(
        ActionAnswerTopic(), tracker("et la PAJE ?", intent="ask_allocation_base", history=[alone])
    )
    assert "allocation de soutien familial" in messages[0]["text"]
    assert {"title": "Vérifier mes droits", "payload": "/check_eligibility"} in messages[0]["buttons"]
