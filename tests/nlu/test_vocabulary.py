"""Telling a real message from keyboard mashing with the training data's words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlu.vocabulary import Vocabulary, squeeze

VOCABULARY = Vocabulary.from_texts(
    ["Bonjour, combien pour les allocations familiales ?", "une crèche à Graville", "coucou", "ok merci"]
)


def test_a_message_with_a_known_word_is_recognised_whatever_the_others():
    assert VOCABULARY.recognises("azerty allocations qsdf")
    assert VOCABULARY.recognises("CRECHE")  # folded: case and accents do not matter


def test_keyboard_mashing_is_not_recognised():
    for mashing in ("azerty qsdf", "lkjhg", "wxcv bn", "sdfsdf"):
        assert not VOCABULARY.recognises(mashing), mashing


def test_typos_one_letter_away_and_repeated_letters_are_recognised():
    assert VOCABULARY.recognises("alocations")  # a letter missing
    assert VOCABULARY.recognises("familliales")  # a letter added
    assert VOCABULARY.recognises("crache")  # a letter changed
    assert VOCABULARY.recognises("coucouuuu")  # repeated for emphasis
    assert squeeze("merciiii") == "merci"


def test_short_words_must_be_exact_and_numbers_alone_are_not_judged():
    assert not VOCABULARY.recognises("oj")
    assert VOCABULARY.recognises("650") and VOCABULARY.recognises("") and VOCABULARY.recognises("?!")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_judged_without_error(text):
    assert VOCABULARY.recognises(text) in (True, False)
