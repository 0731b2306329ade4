"""The screening form's actions: each turn decided by bot.rights.screening, the rights computed at the end."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.screening_form import ActionAskScreeningAnswer, ActionScreenRights, ValidateScreeningForm
from bot.rights.household import Household
from bot.rights.screening import INTRO, STOPPED, Screening
from tests.fake_engine import FakeEngine

FORM = "screening_form"
FAMILY = Screening(Household(children_ages=(4, 9), couple=True, monthly_income=1500.0, housing="owner"))


def state_of(events) -> Screening:
    return Screening.from_slot(next(e["value"] for e in events if e == SlotSet("screening", e.get("value"))))


@pytest.fixture
def form_turn(tracker):
    """A message while the screening form is active: its state, and whether a question was asked already."""

    def turn(text: str, intent: str, screening: Screening, asked: bool = True):
        requested = "screening_answer" if asked else None
        slots = {"screening": screening.to_slot()}
        return tracker(text, intent=intent, active_loop=FORM, requested_slot=requested, slots=slots)

    return turn


def test_the_first_turn_says_what_the_screening_does(form_turn, run_action):
    message = form_turn("à quoi j'ai droit", "check_eligibility", Screening(), asked=False)
    events, messages = run_action(ValidateScreeningForm(), message)
    assert messages[0]["text"] == INTRO and SlotSet("requested_slot", "screening_answer") in events


def test_an_answer_is_kept_and_the_next_question_asked(tracker, form_turn, run_action):
    events, messages = run_action(ValidateScreeningForm(), form_turn("2 enfants de 4 et 9 ans", "inform", Screening()))
    assert messages == [] and state_of(events).household.children_ages == (4, 9)
    asked = tracker(slots={"screening": state_of(events).to_slot()})
    _, question = run_action(ActionAskScreeningAnswer(), asked)
    assert question[0]["text"].startswith("Vivez-vous en couple")
    assert [b["title"] for b in question[0]["buttons"]][-1] == "Je ne sais pas"


def test_stop_ends_the_form_and_yes_confirms_the_recap(form_turn, run_action):
    events, messages = run_action(ValidateScreeningForm(), form_turn("stop", "deny", FAMILY))
    assert messages[0]["text"] == STOPPED and SlotSet("screening", None) in events
    yes = form_turn("/affirm", "affirm", FAMILY)
    events, _ = run_action(ValidateScreeningForm(), yes)
    assert SlotSet("screening_confirmed", True) in events and SlotSet("requested_slot", None) in events


@pytest.fixture
def engine(monkeypatch):
    with FakeEngine.serving({"af": 152.25, "ppa": 210.0}) as fake:
        monkeypatch.setenv("RULES_URL", fake.url)
        yield fake


def test_the_confirmed_screening_is_computed_for_families_and_agents(tracker, run_action, engine):
    confirmed = {"screening": FAMILY.to_slot(), "screening_confirmed": True}
    events, messages = run_action(ActionScreenRights(), tracker("/affirm", slots=confirmed))
    assert events == [SlotSet("screening", None), SlotSet("screening_confirmed", None)]
    assert "Allocations familiales (AF) : environ 151 € par mois" in messages[0]["text"]  # 152,25 less the CRDS
    assert messages[1]["custom"]["type"] == "rights_results"
    _, card = run_action(ActionScreenRights(), tracker("/affirm", slots=confirmed, metadata={"audience": "agent"}))
    assert card[1]["custom"]["type"] == "rights_card" and "af" in engine.asked


def test_an_estimate_gives_the_estimate_and_nothing_is_computed_after_a_stop(tracker, run_action, engine):
    estimate = Screening(FAMILY.household, rights=("af",))
    confirmed = {"screening": estimate.to_slot(), "screening_confirmed": True}
    _, messages = run_action(ActionScreenRights(), tracker("/affirm", slots=confirmed))
    assert messages[0]["text"].startswith("Estimation indicative — Allocations familiales")
    asked = len(engine.asked)
    events, messages = run_action(ActionScreenRights(), tracker("stop", slots={"screening": None}))
    assert messages == [] and len(engine.asked) == asked
