"""No message can stall the assistant: every function that reads what people type stays fast on hostile text.

Property tests (hypothesis): 2 000-character messages (the most the chat channel
passes on) built by repeating fragments chosen to defeat regular expressions
(bot/runtime/hostile_text.py: long runs of letters or digits, « @ » and dots, street
words, lists of numbers, dates, titles). Each function's time must grow linearly with the message: four
times the text may take at most LINEAR_GROWTH times as long (about 4 for a
linear pattern, 16 for a quadratic one, far more for an exponential one). The
times are the fastest of several runs, so that a busy machine does not make the
test fail; the test compares two lengths on the same machine at the same moment,
so a slower machine does not either. A function that handles the whole
message under FAST_ENOUGH_MS hides no super-linear pattern (a quadratic one
takes tens of milliseconds on such input) and is not timed further.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.conversations.log_masking import mask_log_text
from bot.conversations.masking import mask_text
from bot.knowledge.facets import detect_facet
from bot.knowledge.service_types import service_type_in_text
from bot.nlu.location_spans import repaired
from bot.nlu.vocabulary import Vocabulary
from bot.rights.facts import read_facts
from bot.rights.questions import asks_for_rights
from bot.rights.screening import QUESTIONS, read_answer
from bot.runtime.door import MAX_MESSAGE_CHARS
from bot.runtime.hostile_text import FRAGMENTS, hostile
from bot.text import fold, has_readable_words, is_stop_request, looks_english, visible

LINEAR_GROWTH = 9.0
FAST_ENOUGH_MS = 1.0


def fastest_ms(function, text: str) -> float:
    """The fastest of five runs after a warm-up one: a busy machine slows some runs, never all of them."""
    best = float("inf")
    for run in range(6):
        started = time.perf_counter()
        function(text)
        if run:
            best = min(best, (time.perf_counter() - started) * 1000)
    return best


def growth(function, fragments: list[str], rounds: int = 3) -> tuple[float, float]:
    """The time on the whole hostile message, and how many times the time on its first quarter that is.

    Up to three rounds a moment apart: a super-linear pattern grows in every one."""
    whole, quarter = hostile(fragments), hostile(fragments, MAX_MESSAGE_CHARS // 4)
    for _ in range(rounds):
        whole_ms = fastest_ms(function, whole)
        ratio = whole_ms / max(fastest_ms(function, quarter), 1e-6)
        if whole_ms <= FAST_ENOUGH_MS or ratio <= LINEAR_GROWTH:
            break
        time.sleep(0.2)
    return whole_ms, ratio


# A vocabulary that knows none of the fragments' words: every word is looked up, one letter away too.
recognised = Vocabulary.from_texts(["bonjour combien pour une crèche au Havre"]).recognises


def location_spans(text: str) -> list[dict]:
    """A service type at the start and a place at the end: every repair is tried."""
    end = len(text)
    return repaired(
        text,
        [
            {"entity": "service_type", "start": 0, "end": 1, "value": text[:1]},
            {"entity": "location", "start": max(1, end - 5), "end": end, "value": text[-5:]},
        ],
    )


def read_answers(text: str) -> list:
    """The text read as the answer to each screening question."""
    return [read_answer(question, text, ANSWER_DAY) for question in QUESTIONS]


ANSWER_DAY = date(2026, 11, 30)
TEXT_FUNCTIONS = [
    mask_text,
    mask_log_text,
    fold,
    has_readable_words,
    is_stop_request,
    visible,
    detect_facet,
    service_type_in_text,
    read_facts,
    read_answers,
    looks_english,
    recognised,
    asks_for_rights,
    location_spans,
]


@pytest.mark.parametrize("function", TEXT_FUNCTIONS, ids=lambda f: f.__name__)
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(fragments=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6))
@example(fragments=["a"])
@example(fragments=["1"])
@example(fragments=["1", " ", " "])
@example(fragments=["a", "."])
@example(fragments=["a", "@"])
@example(fragments=["message '"])
def test_hostile_text_takes_a_time_linear_in_its_length(function, fragments):
    whole_ms, ratio = growth(function, fragments)
    assert whole_ms <= FAST_ENOUGH_MS or ratio <= LINEAR_GROWTH, (function.__name__, "".join(fragments), whole_ms)


def test_a_quadratic_pattern_is_caught():
    """The control: a pattern that backtracks over the whole text from every position fails the test."""
    import re

    quadratic = re.compile(r"(?:\w\s*)+$").search
    whole_ms, ratio = growth(lambda text: quadratic(text + "!"), ["a", " "], rounds=1)
    assert whole_ms > FAST_ENOUGH_MS and ratio > LINEAR_GROWTH
