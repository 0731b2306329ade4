"""The screening: only the missing facts are asked, answers are read (« je ne sais pas », corrections), the recap."""

from __future__ import annotations

from datetime import date

import pytest

from bot.formatting import number
from bot.rights.facts import read_facts
from bot.rights.household import Household
from bot.rights.screening import (
    AGES,
    CHILD_SUPPORT,
    CHILDREN,
    COUPLE,
    HOUSING_Q,
    INCOME,
    INTRO,
    RENT,
    Screening,
    confirmation,
    intro,
    next_step,
    prompt,
    question,
    read_answer,
    recap_lines,
    wants_to_stop,
)

TODAY = date(2026, 11, 30)


def test_only_what_the_rights_need_and_the_conversation_did_not_say_is_asked():
    assert Screening().missing() == [CHILDREN, COUPLE, INCOME, HOUSING_Q]
    said = Screening(read_facts("j'ai 3 enfants de 4, 9 et 15 ans, on gagne 2500 euros par mois", TODAY))
    assert said.missing() == [COUPLE, HOUSING_Q]
    tenant = said.with_facts(Household(couple=False, housing="tenant"))
    assert tenant.missing() == [RENT, CHILD_SUPPORT]  # a single parent: the ASF needs the child support
    owner = said.with_facts(Household(couple=False, housing="owner"))
    assert owner.missing() == [CHILD_SUPPORT]
    assert said.with_facts(Household(couple=True, housing="owner")).missing() == []
    no_child = Screening(Household(children_ages=(), couple=False, monthly_income=900.0, housing="tenant"))
    assert no_child.missing() == [RENT]  # no child: no child support to ask


def test_the_estimate_of_one_right_asks_only_the_facts_it_needs():
    assert Screening(rights=("af",)).missing() == [CHILDREN, INCOME]
    assert Screening(rights=("cf",)).missing() == [CHILDREN, COUPLE, INCOME]
    said = Screening(read_facts("3 enfants de 4, 9 et 15 ans", TODAY), rights=("ars",))
    assert said.missing() == [INCOME] and said.estimate == "ars"
    assert Screening(Household(declared_income=28_000.0, children_ages=(7,)), rights=("ars",)).missing() == []
    assert Screening(Household(declared_income=28_000.0), rights=("rsa",)).missing() == [CHILDREN, COUPLE, INCOME]
    assert Screening().estimate is None and len(Screening().scope) >= 10


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
        (COUPLE, "En couple, deux salaires", {"couple": True, "earners": 2}),
        (COUPLE, "En couple, un seul salaire", {"couple": True, "earners": 1}),
        (CHILDREN, "trois enfants de deux, sept et quinze ans", {"children_ages": (2, 7, 15)}),
        (CHILDREN, "un bébé de 6 mois et une fille de 4 ans", {"children_ages": (0, 4)}),
        (CHILDREN, "aucun", {"children_ages": ()}),
        (AGES, "4, 9, 13", {"children_ages": (4, 9, 13)}),
        (INCOME, "25k", {"monthly_income": 2083.33}),
        (INCOME, "2 500 par mois", {"monthly_income": 2500.0}),
        (INCOME, "environ 31.500 euros", {"monthly_income": 2625.0}),
        (INCOME, "pas de revenus", {"monthly_income": 0.0}),
        (INCOME, "revenu net catégoriel 2024 : 28 000 €", {"declared_income": 28000.0}),
        (INCOME, "2500", {"monthly_income": 2500.0}),
        (INCOME, "environ 1 800 €", {"monthly_income": 1800.0}),
        (INCOME, "25000", {"monthly_income": 2083.33}),
        (INCOME, "Aucun revenu", {"monthly_income": 0.0}),
        (HOUSING_Q, "Locataire", {"housing": "tenant"}),
        (HOUSING_Q, "Hébergé", {"housing": "hosted"}),
        (RENT, "550", {"rent": 550.0, "housing": "tenant"}),
        (CHILD_SUPPORT, "Non, pas de pension", {"pension_received": False}),
        (CHILD_SUPPORT, "oui", {"pension_received": True}),
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
    for name in (CHILDREN, COUPLE, INCOME, HOUSING_Q, RENT, CHILD_SUPPORT):
        assert question(name).buttons[-1]["title"] == "Je ne sais pas"


def test_a_turn_starts_reads_an_answer_skips_or_stops():
    first = next_step(Screening(), False, "/check_eligibility", "check_eligibility", TODAY)
    assert first.replies[0].text == INTRO and first.screening == Screening()
    answered = next_step(Screening(), True, "2 enfants de 3 et 7 ans", "inform", TODAY)
    assert answered.replies == () and answered.screening.household.children_ages == (3, 7)
    bad = next_step(Screening(), True, "beaucoup", "inform", TODAY)
    assert "nombre d'enfants" in bad.replies[0].text and bad.screening == Screening()
    skipped = next_step(Screening(), True, "je sais pas", "inform", TODAY)
    assert skipped.screening.skipped == (CHILDREN,)
    stopped = next_step(Screening(), True, "laisse tomber", "inform", TODAY)
    assert stopped.screening is None and "j'arrête" in stopped.replies[0].text


def test_the_recap_is_confirmed_by_yes_and_corrected_by_any_fact():
    done = Screening(Household(children_ages=(), couple=True, monthly_income=1500.0, housing="owner"))
    assert done.missing() == [] and prompt(done).text.startswith("Voici ce que j'ai compris")
    assert next_step(done, True, "/affirm", "affirm", TODAY).confirmed
    assert next_step(done, True, "ok", "inform", TODAY).confirmed
    corrected = next_step(done, True, "en fait on est 3 enfants de 2, 5 et 9 ans", "inform", TODAY)
    assert not corrected.confirmed and corrected.screening.household.children_ages == (2, 5, 9)
    unclear = next_step(done, True, "hmm", "inform", TODAY)
    assert not unclear.confirmed and "Dites-moi ce qui change" in unclear.replies[0].text


def test_the_estimate_says_how_many_questions_remain():
    assert "2 questions" in intro(Screening(rights=("af",))).text
    said = Screening(Household(children_ages=(4, 8), monthly_income=2000.0), rights=("af",))
    assert "déjà ce qu'il me faut" in intro(said).text and "Allocations familiales" in intro(said).text
    assert prompt(said).text.startswith("Voici ce que j'ai compris")
