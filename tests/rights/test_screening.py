"""The screening: only the missing facts are asked, answers are read (« je ne sais pas », corrections), the recap."""

from __future__ import annotations

from datetime import date

import pytest

from bot.formatting import number
from bot.rights.facts import read_facts
from bot.rights.household import Household
from bot.rights.screening import (
    AGES,
    CHILDREN,
    COUPLE,
    HOUSING_Q,
    INCOME,
    PENSION,
    RENT,
    Screening,
    confirmation,
    question,
    read_answer,
    recap_lines,
    wants_to_stop,
)

TODAY = date(2026, 11, 30)


def test_only_what_is_missing_is_asked_at_most_five_questions():
    assert Screening().missing() == [CHILDREN, COUPLE, INCOME, HOUSING_Q]
    said = Screening(read_facts("j'ai 3 enfants de 4, 9 et 15 ans, on gagne 2500 euros par mois", TODAY))
    assert said.missing() == [COUPLE, HOUSING_Q]
    tenant = said.with_facts(Household(couple=False, housing="tenant"))
    assert tenant.missing() == [RENT]  # a tenant is asked the rent, not the child support (five questions at most)
    owner = said.with_facts(Household(couple=False, housing="owner"))
    assert owner.missing() == [PENSION]
    assert len(Screening().with_facts(Household(couple=False, housing="tenant")).missing()) <= 5


def test_ages_not_said_are_asked_and_je_ne_sais_pas_skips_a_question():
    two = Screening(Household(children_ages=(-1, -1), couple=True, monthly_income=1500.0, housing="owner"))
    assert two.missing() == [AGES]
    assert read_answer(AGES, "3 et 7", TODAY).facts.children_ages == (3, 7)
    assert read_answer(AGES, "45", TODAY).hint
    assert two.skip(AGES).missing() == []  # « je ne sais pas »: those children are left out of the calculation
    skipped = Screening().skip(INCOME)
    assert INCOME not in skipped.missing()
    assert read_answer(INCOME, "je sais pas", TODAY).dont_know


@pytest.mark.parametrize(
    "asked, text, expected",
    [
        (CHILDREN, "3", {"children_ages": (-1, -1, -1)}),
        (CHILDREN, "2 enfants de 3 et 7 ans", {"children_ages": (3, 7)}),
        (CHILDREN, "Pas d'enfant", {"children_ages": ()}),
        (CHILDREN, "J'attends un bébé", {"pregnancy": True, "children_ages": ()}),
        (COUPLE, "seule", {"couple": False}),
        (COUPLE, "En couple", {"couple": True}),
        (INCOME, "2500", {"monthly_income": 2500.0}),
        (INCOME, "environ 1 800 €", {"monthly_income": 1800.0}),
        (INCOME, "25000", {"monthly_income": 2083.33}),
        (INCOME, "Aucun revenu", {"monthly_income": 0.0}),
        (HOUSING_Q, "Locataire", {"housing": "tenant"}),
        (HOUSING_Q, "Hébergé", {"housing": "hosted"}),
        (RENT, "550", {"rent": 550.0, "housing": "tenant"}),
        (PENSION, "Non, pas de pension", {"pension_received": False}),
        (PENSION, "oui", {"pension_received": True}),
    ],
)
def test_answers_are_read_for_the_question_asked(asked, text, expected):
    answer = read_answer(asked, text, TODAY)
    assert answer.facts.known() == expected and answer.hint is None


def test_an_answer_with_other_facts_counts_and_a_bad_answer_gets_a_hint():
    answer = read_answer(COUPLE, "seule, et je suis locataire 600 € de loyer", TODAY)
    assert answer.facts.known() == {"couple": False, "housing": "tenant", "rent": 600.0}
    assert "1 800" in read_answer(INCOME, "beaucoup", TODAY).hint
    assert read_answer(CHILDREN, "40", TODAY).hint  # 40 children: asked again, never computed


def test_the_state_goes_through_a_slot_unchanged():
    screening = Screening(read_facts("enceinte de 5 mois, seule avec 2 enfants de 3 et 6 ans", TODAY)).skip(INCOME)
    assert Screening.from_slot(screening.to_slot()) == screening
    assert Screening.from_slot(None) == Screening() and Screening.from_slot("garbage") == Screening()


def test_the_recap_says_what_was_understood_and_offers_to_correct():
    household = Household(
        couple=False,
        children_ages=(0, 4, 9),
        monthly_income=1200.0,
        housing="tenant",
        rent=550.0,
        pension_received=False,
        pregnancy=True,
        expected_birth=date(2027, 3, 1),
    )
    lines = recap_lines(household)
    assert "• 3 enfants à charge (moins d'1 an, 4 ans et 9 ans)" in lines
    assert "• un bébé attendu (vers mars 2027)" in lines and "• locataire, loyer 550 € par mois" in lines
    assert f"• revenus du foyer : {number(1200)} € nets par mois" in lines
    reply = confirmation(Screening(household).skip(RENT))
    assert "C'est bien ça ?" in reply.text and "(Non précisé : le loyer.)" in reply.text
    assert [b["title"] for b in reply.buttons] == ["Oui, calculer", "Corriger"]


def test_stop_ends_the_screening_but_a_bare_non_is_an_answer():
    assert wants_to_stop("stop") and wants_to_stop("laisse tomber") and wants_to_stop("je ne veux plus")
    assert not wants_to_stop("non") and not wants_to_stop("Non merci.") and not wants_to_stop("2 enfants")


def test_every_question_offers_je_ne_sais_pas():
    for name in (CHILDREN, COUPLE, INCOME, HOUSING_Q, RENT, PENSION):
        assert question(name).buttons[-1]["title"] == "Je ne sais pas"
