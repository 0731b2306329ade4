"""The « Simuler » estimate of one right over the REST channel of the real servers: the screening limited to the
facts that right needs, pre-filled from the conversation, then computed by the real rules engine."""

from __future__ import annotations

import uuid

import pytest

from bot.clock import today
from bot.formatting import euros
from bot.rights.engine import simulate
from bot.rights.household import Household
from tests.rest import say

pytestmark = [pytest.mark.servers, pytest.mark.rules]


class Conversation:
    def __init__(self, servers):
        self.servers, self.sender = servers, uuid.uuid4().hex

    def __call__(self, text: str) -> str:
        return "\n".join(r.get("text", "") for r in say(self.servers, text, sender=self.sender))

    def start_estimate(self, benefit: str) -> str:
        """Click the « Simuler » follow-up of a benefit."""
        return self(f'/{benefit}{{"facet": "simuler"}}')


BENEFITS = ["ask_allocations_familiales", "ask_ars", "ask_complement_familial"]


def engine_amount(rules, name: str, household: Household) -> str:
    """The rules engine's amount for these facts today, as the estimate should show it."""
    return euros(simulate(household, today(), (name,), engine=rules.engine).amounts[name].value)


def test_ars_estimate(servers, rules):
    talk = Conversation(servers)
    first = talk.start_estimate("ask_ars")
    assert "Je vais vous poser 2 questions" in first and "quel âge" in first
    assert "Combien gagne votre foyer" in talk("3 enfants de 2, 7 et 15 ans")
    assert "Voici ce que j'ai compris" in talk("25 000")
    result = talk("/affirm")
    assert engine_amount(rules, "ars", Household(children_ages=(2, 7, 15), monthly_income=2083.33)) in result
    assert "pour la rentrée" in result and "OpenFisca-France (version 176.1.8)" in result
    assert "Seule la CAF décide" in result


def test_facts_already_said_are_not_asked_again(servers, rules):
    talk = Conversation(servers)
    talk("bonjour, j'ai 2 enfants de 5 et 8 ans")
    first = talk("je voudrais simuler mes allocations familiales")
    assert "Je vais vous poser 1 question" in first and "Combien gagne votre foyer" in first
    assert "2 enfants à charge (5 ans et 8 ans)" in talk("2 500 par mois")
    result = talk("oui")
    assert engine_amount(rules, "af", Household(children_ages=(5, 8), monthly_income=2500.0)) in result
    assert "par mois" in result and "revenus sous le premier plafond" in result


def test_allocations_familiales_with_je_ne_sais_pas_and_a_correction(servers, rules):
    talk = Conversation(servers)
    talk("je voudrais simuler mes allocations familiales")
    talk("2 enfants de 5 et 8 ans")
    assert "Non précisé : les revenus" in talk("je sais pas")
    corrected = talk("non pardon 3 enfants de 5, 8 et 15 ans, on gagne 2 500 par mois")
    assert "3 enfants à charge (5 ans, 8 ans et 15 ans)" in corrected and "C'est bien ça ?" in corrected
    result = talk("oui")
    assert engine_amount(rules, "af", Household(children_ages=(5, 8, 15), monthly_income=2500.0)) in result
    assert "Estimation indicative" in result


def test_an_estimate_without_the_income_gives_the_published_figures(servers):
    talk = Conversation(servers)
    talk.start_estimate("ask_allocations_familiales")
    talk("2 enfants de 5 et 8 ans")
    talk("je ne sais pas")
    result = talk("/affirm")
    assert "Sans les revenus, je ne peux pas faire l'estimation" in result and "Voici les montants publiés" in result


def test_complement_familial_estimate_asks_the_couple_and_its_salaries(servers, rules):
    talk = Conversation(servers)
    talk.start_estimate("ask_complement_familial")
    assert "Vivez-vous en couple" in talk("4, 7 et 15 ans")
    assert "Combien gagne votre foyer" in talk("En couple, un seul salaire")
    assert "en couple, un seul salaire" in talk("1 800")
    result = talk("/affirm")
    household = Household(children_ages=(4, 7, 15), couple=True, earners=1, monthly_income=1800.0)
    assert engine_amount(rules, "cf", household) in result


def test_with_the_engine_stopped_the_estimate_says_so_and_gives_the_published_figures(servers, rules):
    talk = Conversation(servers)
    talk.start_estimate("ask_ars")
    talk("2 enfants de 7 et 12 ans")
    talk("25 000")
    with rules.stopped():
        result = talk("/affirm")
    assert "Le moteur de calcul ne répond pas" in result and "Estimation" not in result
    assert "par enfant de 6 à 10 ans" in result and "Seule la CAF décide" in result


@pytest.mark.parametrize("benefit,stop", zip(BENEFITS, ["stop", "laisse tomber", "annuler"]))
def test_each_estimate_can_be_refused_midway_then_the_conversation_goes_on(servers, benefit, stop):
    talk = Conversation(servers)
    talk.start_estimate(benefit)
    talk("3 enfants de 4, 9 et 12 ans")
    assert "j'arrête" in talk(stop)
    assert "Estimation" not in talk("25000")
    assert "Allocation de rentrée scolaire" in talk("c'est quoi l'allocation de rentrée scolaire")
