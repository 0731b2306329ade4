"""Test conversations for the estimate forms, over the REST channel of the real servers."""

from __future__ import annotations

import uuid

import pytest

from bot.clock import today
from bot.formatting import euros
from bot.rights.estimates import BENEFIT_OF, Answers, estimate
from tests.rest import say

pytestmark = pytest.mark.servers


class Conversation:
    def __init__(self, servers):
        self.servers, self.sender = servers, uuid.uuid4().hex

    def __call__(self, text: str) -> str:
        return "\n".join(r.get("text", "") for r in say(self.servers, text, sender=self.sender))

    def start_estimate(self, benefit: str) -> str:
        """Click the « Simuler » follow-up of a benefit."""
        return self(f'/{benefit}{{"facet": "simuler"}}')


BENEFITS = ["ask_allocations_familiales", "ask_ars", "ask_complement_familial"]


def engine_amount(rules, benefit: str, ages: tuple, income: float, household: str | None = None) -> str:
    """The rules engine's amount for these answers today, as the form should show it."""
    simulation = estimate(benefit, Answers(ages, income, household), today(), rules.engine)
    return euros(simulation.amounts[BENEFIT_OF[benefit]].value)


def test_ars_estimate(servers, rules):
    talk = Conversation(servers)
    assert "quel âge" in talk.start_estimate("ask_ars")
    assert "revenu net catégoriel" in talk("3 enfants de 2, 7 et 15 ans")
    result = talk("25 000")
    assert engine_amount(rules, "ask_ars", (2, 7, 15), 25_000) in result
    assert "pour la rentrée" in result and "OpenFisca-France (version 176.1.8)" in result
    assert "Seule la CAF décide" in result


def test_allocations_familiales_estimate_with_a_correction_and_dont_know(servers, rules):
    talk = Conversation(servers)
    talk("je voudrais simuler mes allocations familiales")
    talk("2 enfants de 5 et 8 ans")
    assert "avis d'impôt" in talk("je sais pas")
    assert "C'est corrigé" in talk("non pardon 3 enfants de 5, 8 et 15 ans")
    result = talk("2 500 par mois")
    assert engine_amount(rules, "ask_allocations_familiales", (5, 8, 15), 30_000) in result
    assert "par mois" in result and "tranche 1" in result and "Estimation indicative" in result


def test_complement_familial_estimate_asks_the_household(servers, rules):
    talk = Conversation(servers)
    talk.start_estimate("ask_complement_familial")
    talk("4, 7 et 15 ans")
    assert "qui a des revenus" in talk("22 000")
    result = talk('/inform{"household": "one_income"}')
    assert engine_amount(rules, "ask_complement_familial", (4, 7, 15), 22_000, "one_income") in result


def test_with_the_engine_stopped_the_form_says_so_and_gives_the_published_figures(servers, rules):
    talk = Conversation(servers)
    talk.start_estimate("ask_ars")
    talk("2 enfants de 7 et 12 ans")
    with rules.stopped():
        result = talk("25 000")
    assert "Le moteur de calcul ne répond pas" in result and "Estimation" not in result
    assert "par enfant de 6 à 10 ans" in result and "Seule la CAF décide" in result


@pytest.mark.parametrize("benefit", BENEFITS)
def test_each_form_accepts_a_correction(servers, benefit):
    talk = Conversation(servers)
    talk.start_estimate(benefit)
    talk("2 enfants de 4 et 9 ans")
    assert "C'est corrigé" in talk("ah non 3 enfants de 4, 9 et 12 ans")
    reply = talk("aucun revenu")
    if benefit == "ask_complement_familial":
        reply = talk("je vis seule avec mes enfants")
    assert "Estimation indicative" in reply


@pytest.mark.parametrize("benefit,stop", zip(BENEFITS, ["stop", "laisse tomber", "annuler"]))
def test_each_form_can_be_refused_midway_then_the_conversation_goes_on(servers, benefit, stop):
    talk = Conversation(servers)
    talk.start_estimate(benefit)
    talk("3 enfants de 4, 9 et 12 ans")
    assert "j'arrête l'estimation" in talk(stop)
    assert "Estimation" not in talk("25000")
    assert "Allocation de rentrée scolaire" in talk("c'est quoi l'allocation de rentrée scolaire")
