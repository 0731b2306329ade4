"""Telling a rights question inside a message full of facts."""

import pytest

from bot.rights.questions import asks_for_rights


@pytest.mark.parametrize(
    "text",
    [
        "seule avec 2 enfants de 3 et 8 ans, 900 euros par mois, a quoi j'ai droit ?",
        "on est en couple, 3 enfants, jai droit a quoi",
        "A quoi peut-elle prétendre ?",
        "quelles aides pour nous",
        "je voudrais connaître mes droits",
        "my wife is pregnant, what help can we get",
        "what am I entitled to",
    ],
)
def test_rights_questions_are_recognised(text):
    assert asks_for_rights(text)


@pytest.mark.parametrize(
    "text",
    [
        "2 enfants de 3 et 8 ans",
        "900 euros par mois",
        "j'habite à Graville",
        "locataire, 500 de loyer",
        "droits de l'enfant",
        "",
        None,
    ],
)
def test_facts_alone_are_not_questions(text):
    assert not asks_for_rights(text)
