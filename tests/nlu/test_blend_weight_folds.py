"""The folds of scripts/choose_blend_weight.py: every example once, every intent spread evenly, no random draw."""

import importlib.util
from collections import Counter

from rasa.shared.nlu.training_data.message import Message

from bot.paths import ROOT


def choose_blend_weight():
    spec = importlib.util.spec_from_file_location("choose_blend_weight", ROOT / "scripts" / "choose_blend_weight.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_folds_hold_every_example_once_with_each_intent_spread_evenly():
    examples = [
        Message(data={"text": f"message {n}", "intent": intent})
        for intent, count in (("greet", 7), ("ask_rsa", 9), ("ask_ars", 2))
        for n in range(count)
    ]
    folds = choose_blend_weight().folds_of(examples, 3)
    assert sorted(id(m) for fold in folds for m in fold) == sorted(id(m) for m in examples)
    for intent in ("greet", "ask_rsa", "ask_ars"):
        counts = [sum(m.get("intent") == intent for m in fold) for fold in folds]
        assert max(counts) - min(counts) <= 1, (intent, counts)
    again = choose_blend_weight().folds_of(list(reversed(examples)), 3)
    assert [Counter(m.get("text") for m in fold) for fold in again] == [
        Counter(m.get("text") for m in fold) for fold in folds
    ]
