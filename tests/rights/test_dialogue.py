from datetime import date

import pytest

from bot.rights import dialogue
from bot.rights.engine import Engine
from bot.runtime.servers import free_port

DAY = date(2026, 11, 28)


def test_questions_depend_on_the_benefit():
    assert dialogue.questions_for("ask_ars") == ["children_ages", "household_income"]
    assert dialogue.questions_for("ask_complement_familial")[-1] == "household"
    assert dialogue.questions_for("ask_rsa") == []


def test_stop_and_answers_without_value():
    assert (
        dialogue.wants_to_stop("stop")
        and dialogue.wants_to_stop("laisse tomber")
        and not dialogue.wants_to_stop("25000")
    )
    assert dialogue.answered_without_value("household_income", "je sais pas")
    assert dialogue.answered_without_value("children_ages", "3 enfants")
    assert not dialogue.answered_without_value("children_ages", "c'est quoi l'asf")


def test_income_question_names_the_income_year_in_force():
    assert "en 2024" in dialogue.income_question(DAY) and "reçu en 2025" in dialogue.income_question(DAY)
    assert "en 2023" in dialogue.income_question(date(2025, 6, 1))


def test_children_answers_corrections_and_counts_without_ages():
    assert dialogue.extract_children("2, 7 et 15 ans", True, None).value == [2, 7, 15]
    corrected = dialogue.extract_children("non 3 enfants de 5, 8 et 15 ans", False, [5, 8])
    assert corrected.value == [5, 8, 15] and corrected.message.startswith("C'est corrigé")
    only_count = dialogue.extract_children("3 enfants", True, None)
    assert only_count.value is None and "chacun de vos 3 enfants" in only_count.message
    assert dialogue.extract_children("25000", False, [5, 8]).value is None


def test_income_answers_dont_know_and_no_confusion_with_children():
    assert dialogue.extract_income("2 500 par mois", True, None, DAY).value == 30_000
    assert "avis d'impôt" in dialogue.extract_income("je sais pas", True, None, DAY).message
    assert dialogue.extract_income("3 enfants de 5, 8 et 15 ans", False, 30_000, DAY).value is None
    assert dialogue.extract_income("non pardon 3 enfants de 5, 8 et 15 ans", True, None, DAY).value is None
    assert dialogue.extract_income("en fait 28 000 €", False, 30_000, DAY).message.startswith("C'est corrigé")


def test_household_from_buttons_or_words():
    assert dialogue.extract_household("", "single", True).value == "single"
    assert dialogue.extract_household("on a deux revenus", None, True).value == "two_incomes"
    assert dialogue.extract_household("bof", None, True).value is None


@pytest.mark.rules
def test_result_text_is_the_engines_estimate_with_its_source(rules):
    text = dialogue.result_text("ask_ars", [7], 20_000, None, DAY, rules.engine)
    assert "Estimation" in text and "OpenFisca-France" in text
    assert text.splitlines()[-1].startswith("Source : ") and "vérifié le" in text
    single = dialogue.result_text("ask_complement_familial", [4, 7, 15], 20_000, "single", DAY, rules.engine)
    assert "Complément familial" in single and "297,26" in single


def test_result_text_without_the_engine_gives_the_published_figures():
    text = dialogue.result_text("ask_ars", [7], 20_000, None, DAY, Engine(f"http://127.0.0.1:{free_port()}"))
    assert text.startswith("Le moteur de calcul ne répond pas") and text.splitlines()[-1].startswith("Source : ")
