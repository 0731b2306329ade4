"""The Rasa server's speed-ups change nothing but the cost: same validation, same predictions."""

from __future__ import annotations

from functools import partial

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.policy import PolicyPrediction
from rasa.shared.core.events import Event, SlotSet

from bot.rasa_patches import serving

serving.install()


def prediction(confidence: float, name: str, priority: int) -> PolicyPrediction:
    return PolicyPrediction([confidence, 1 - confidence], name, priority)


def test_an_invalid_action_answer_is_still_refused():
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


def test_events_are_decoded_to_the_same_classes():
    assert isinstance(Event.from_parameters({"event": "slot", "name": "a", "value": 1}), SlotSet)
    with pytest.raises(ValueError):
        Event.from_parameters({"event": "no_such_event"})


class FakeRunner:
    """Three policy nodes as Rasa's graph runner holds them: (name, prediction) from each."""

    def __init__(self, rule: float) -> None:
        self.calls: list[str] = []
        names = {"rule": "RulePolicy", "memo": "MemoizationPolicy", "ted": "TEDPolicy", "other": "Ensemble"}
        self._graph_schema = type(
            "Schema", (), {"nodes": {n: type("Node", (), {"uses": type(names[n], (), {})})() for n in names}}
        )()
        self._instantiated_nodes = {
            "ted": type("GraphNode", (), {"_component": type("Ted", (), {"fake_features": {}})()})()
        }
        self.graph = {
            "rule": (partial(self.node, "rule", rule, 6),),
            "memo": (partial(self.node, "memo", 0.4, 3),),
            "ted": (partial(self.node, "ted", 0.9, 1),),
        }

    def node(self, name: str, confidence: float, priority: int):
        self.calls.append(name)
        return name, prediction(confidence, name, priority)


def test_ted_is_skipped_only_when_a_rule_or_a_memory_is_certain():
    import dask

    sure = FakeRunner(rule=1.0)
    serving._skip_ted_when_rules_are_certain(sure, sure.graph)
    results = dict(dask.get(sure.graph, ["rule", "memo", "ted"]))
    assert "ted" not in sure.calls and results["ted"].max_confidence == 0.0
    assert sorted(sure.calls) == ["memo", "rule"]  # computed once each

    unsure = FakeRunner(rule=0.3)
    serving._skip_ted_when_rules_are_certain(unsure, unsure.graph)
    results = dict(dask.get(unsure.graph, ["rule", "memo", "ted"]))
    assert results["ted"].max_confidence == 0.9 and sorted(unsure.calls) == ["memo", "rule", "ted"]
