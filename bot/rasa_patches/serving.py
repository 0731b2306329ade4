"""Costs of Rasa 3.6 paid again at every turn, paid once or not at all (installed in the Rasa server only,
by bot/runtime/launch.py).

Measured with py-spy on a 20-turn conversation (docs/performance.md):
- the action server's answer is checked against its JSON schema with `jsonschema.validate`,
  which first checks the schema itself against the meta-schema: 22 % of the server's CPU.
  Here one validator is built per schema and reused; an invalid answer still raises the same
  ValidationError;
- the graph of the model (NLU, policies) is pruned and rebuilt for every prediction
  (`minimal_graph_schema`, `_build_dask_graph`): built once per set of targets;
- decoding a stored event looks its class up among every subclass of Event, walked again for each
  event: the class is remembered by its type name;
- TED (the neural dialogue policy, a TensorFlow call: a third of the CPU left) is run for every
  prediction, even when RulePolicy or MemoizationPolicy predicts with confidence 1.0. The ensemble
  then always picks theirs: it takes the highest confidence, and at equal confidence the higher
  priority (Rule 6, Memoization 3, TED 1); TED could only win with an end-to-end prediction, which
  a TED trained without text features never makes. So those run first, and TED only when neither
  is certain (or when TED was trained on text).
Behaviour is unchanged: same checks, same graph, same classes, same predictions.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from bot.rasa_patches.version import patch

_INSTALLED = False


def _validator_for(spec, cache: dict = {}):  # noqa: B006 (the cache is meant to live with the function)
    """The validator of the schema a (static) spec function gives, built and checked once."""
    if spec not in cache:
        from jsonschema.validators import validator_for

        schema = spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        cache[spec] = cls(schema)
    return cache[spec]


def _validate_action_result(self, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with a validator built once."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import DOCS_BASE_URL

    error = best_match(_validator_for(type(self).action_response_format_spec).iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the "
        f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}"
        "/custom-actions"
    )
    raise error


def _run_graph(self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict:
    """DaskGraphRunner.run with the pruned graph built once per set of targets."""
    import dask
    from rasa.engine.exceptions import GraphRunError

    run_targets = targets if targets else self._graph_schema.target_names
    graphs = self.__dict__.setdefault("_graphs_by_targets", {})
    key = tuple(run_targets)
    if key not in graphs:
        graphs[key] = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    run_graph = dict(graphs[key])
    if inputs:
        self._add_inputs_to_graph(inputs, run_graph)
    try:
        _skip_ted_when_rules_are_certain(self, run_graph)
        return dict(dask.get(run_graph, run_targets))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error


CERTAIN_POLICIES = ("RulePolicy", "MemoizationPolicy", "AugmentedMemoizationPolicy")


def _same(value):
    return value


def _computed(value) -> tuple:
    """A dask task giving back a value already computed (a bare value holding a key would read as a dependency)."""
    return (partial(_same, value),)


def certain(predictions: list) -> bool:
    """One of these predictions wins over any TED prediction that is not end-to-end."""
    return any(p.max_confidence >= 1.0 for p in predictions)


def _policy_nodes(runner) -> tuple[str | None, list[str]]:
    """The TED node (None when absent or trained on text) and the Rule and Memoization nodes."""
    if "_policy_nodes" not in runner.__dict__:
        from rasa.shared.nlu.constants import TEXT

        nodes = runner._graph_schema.nodes
        ted = next((name for name, node in nodes.items() if node.uses.__name__ == "TEDPolicy"), None)
        component = getattr(runner._instantiated_nodes.get(ted), "_component", None) if ted else None
        if component is None or TEXT in (getattr(component, "fake_features", None) or {}):
            ted = None
        runner._policy_nodes = ted, [name for name, node in nodes.items() if node.uses.__name__ in CERTAIN_POLICIES]
    return runner._policy_nodes


def _skip_ted_when_rules_are_certain(runner, run_graph: dict) -> None:
    import dask
    from dask.optimization import cull
    from rasa.core.policies.policy import PolicyPrediction

    ted, sure = _policy_nodes(runner)
    if ted not in run_graph or not sure or not all(name in run_graph for name in sure):
        return
    needed, _ = cull(run_graph, sure)  # dask's local scheduler runs every task of the graph it is given
    early = dask.get(needed, sure)  # each node gives (its name, its prediction)
    run_graph.update({name: _computed(result) for name, result in zip(sure, early)})  # not computed twice
    predictions = [prediction for _, prediction in early]
    if certain(predictions):
        run_graph[ted] = _computed((ted, PolicyPrediction([0.0] * len(predictions[0].probabilities), "TEDPolicy", 1)))


@patch
def install() -> None:
    """Patch Rasa's classes in this process (idempotent)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.events import Event

    RemoteAction._validate_action_result = _validate_action_result
    DaskGraphRunner.run = _run_graph
    resolve = Event.resolve_by_type
    known: dict = {}

    def resolve_by_type(type_name: str, default=None):
        if type_name not in known:
            found = resolve(type_name, None)
            if found is None:  # unknown (or « topic »): Rasa's own answer, default or error
                return resolve(type_name, default)
            known[type_name] = found
        return known[type_name]

    Event.resolve_by_type = staticmethod(resolve_by_type)
    _INSTALLED = True
