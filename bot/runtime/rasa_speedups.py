"""Three costs of Rasa 3.6 paid again at every turn, paid once instead (installed in the Rasa server only).

Measured with py-spy on a 20-turn conversation (docs/performance.md):
- the action server's answer is checked against its JSON schema with `jsonschema.validate`,
  which first checks the schema itself against the meta-schema: 22 % of the server's CPU.
  Here one validator is built per schema and reused; an invalid answer still raises the same
  ValidationError;
- the graph of the model (NLU, policies) is pruned and rebuilt for every prediction
  (`minimal_graph_schema`, `_build_dask_graph`): built once per set of targets;
- decoding a stored event looks its class up among every subclass of Event, walked again for each
  event: the class is remembered by its type name.
Behaviour is unchanged: same checks, same graph, same classes.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

_INSTALLED = False


def _validator_for(schema: dict, cache: dict = {}):  # noqa: B006 (the cache is meant to live with the function)
    key = json.dumps(schema, sort_keys=True)
    if key not in cache:
        from jsonschema.validators import validator_for

        cls = validator_for(schema)
        cls.check_schema(schema)
        cache[key] = cls(schema)
    return cache[key]


def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
    """RemoteAction._validate_action_result with a validator built once."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import DOCS_BASE_URL

    error = best_match(_validator_for(self.action_response_format_spec()).iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (". Failed to validate Action server response from API, make sure your response from the "
                      f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}"
                      "/custom-actions")
    raise error


def _run_graph(self, inputs: Optional[Dict[Text, Any]] = None, targets: Optional[List[Text]] = None) -> Dict:
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
        return dict(dask.get(run_graph, run_targets))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error


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

    def resolve_by_type(type_name: Text, default=None):
        if type_name not in known:
            found = resolve(type_name, None)
            if found is None:  # unknown (or « topic »): Rasa's own answer, default or error
                return resolve(type_name, default)
            known[type_name] = found
        return known[type_name]

    Event.resolve_by_type = staticmethod(resolve_by_type)
    _INSTALLED = True
