"""One line naming a right the facts of the conversation open, other than the one asked about."""

from __future__ import annotations

from bot.replies import Reply
from bot.rights.household import Household
from bot.rights.nudges import nudge_line, nudges, with_nudge


def test_each_rule_points_to_its_right():
    assert [n.intent for n in nudges(Household(couple=False, children_ages=(4,)), None)] == ["ask_asf"]
    assert [n.intent for n in nudges(Household(couple=True, children_ages=(3, 7, 12)), None)] == [
        "ask_complement_familial"
    ]
    assert [n.intent for n in nudges(Household(pregnancy=True), None)] == ["ask_prime_naissance"]
    assert [n.intent for n in nudges(Household(adult_age=22, working=True), None)] == ["ask_prime_activite"]


def test_no_nudge_for_the_right_asked_nor_without_the_facts():
    assert nudges(Household(couple=False, children_ages=(4,)), "ask_asf") == []
    assert nudges(Household(couple=False, children_ages=(4,), pension_received=True), None) == []
    assert nudges(Household(couple=True, children_ages=(0, 7, 12)), None)[0].intent == "ask_prime_naissance"
    assert nudges(Household(couple=True, children_ages=(1, 7, 12)), None) == []  # no longer a newborn
    assert nudge_line(Household(), "ask_rsa") is None


def test_the_nudge_ends_the_answer_before_its_source_with_the_screening_button():
    reply = Reply("Allocations familiales\nDès 2 enfants.\nSource : caf.fr (vérifié le 28/11/2026).", [])
    nudged = with_nudge(reply, Household(couple=False, children_ages=(4, 9)), "ask_allocations_familiales")
    lines = nudged.text.split("\n")
    assert lines[-1].startswith("Source :") and lines[-2].startswith("À savoir : Vous élevez seul(e)")
    assert nudged.buttons[-1] == {"title": "Vérifier mes droits", "payload": "/check_eligibility"}
    assert with_nudge(reply, Household(), "ask_allocations_familiales") is reply
