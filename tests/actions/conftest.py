"""Fixtures to test the custom actions of actions/ without any server, the way Rasa's reference assistants
(rasa-demo « Sara », financial-demo) do: a rasa_sdk `Tracker`, a `CollectingDispatcher`, the domain.

- `domain`: domain.yml as the Rasa server sends it to the action server (`Domain.as_dict()`: slots with
  their mappings, forms with their required slots), loaded once.
- `tracker(text, ...)`: builds the `Tracker` the action server receives when `text` is the latest message.
  Keywords, all optional:
    - `intent`, `confidence` (1.0), `intent_ranking` (default: the intent alone), `entities` (a dict
      `{entity: value}` or Rasa's list of `{"entity", "value", ...}`), `metadata` (the channel's, such as
      the web page's `geo` or `audience`). A payload `/intent{"entity": "value"}` gives its intent and
      entities by itself, as Rasa reads it.
    - `slots`: slot values (every slot of the domain is there, at its initial value otherwise);
      `requested_slot`; `active_loop` (a form's name).
    - `extracted`: the values Rasa's slot mappings took from this message (`action_extract_slots`), set in
      the slots and appended as `slot` events after the message, where a form's validation action finds
      them (`Tracker.slots_to_validate`).
    - `history`: earlier events, e.g. `user_event(...)` for actions that read past messages.
    - `sender_id` ("test-user").
- `user_event(text, ...)`: a `user` event as Rasa stores it (text, parse data, metadata), for `history`.
- `dispatcher`: a fresh `CollectingDispatcher`, for calling one method of an action by hand.
- `run_action(action, tracker, dispatcher=None)`: runs `action.run` (sync or async) with the domain and
  returns `(events, messages)`: the events as dicts (`SlotSet(...)` compares equal) and what the action
  sent, as `CollectingDispatcher.messages` (`text`, `buttons`, `custom`...).

The actions that read the directory take the session's seeded test database (`directory_url` in
tests/conftest.py), the one tests/directory uses.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import uuid
import warnings
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.paths import CODE_ROOT

SENDER = "test-user"
# A payload as a button sends it: /intent or /intent{"entity": "value"}.
PAYLOAD = re.compile(r"^/(?P<intent>[\w-]+)(?P<entities>\{.*\})?$", re.DOTALL)


def load_domain() -> dict[str, Any]:
    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():  # Rasa warns on every load that slot auto-fill left in 3.0
        warnings.simplefilter("ignore", UserWarning)
        return Domain.load(str(CODE_ROOT / "domain.yml")).as_dict()


def entity_list(entities: dict[str, Any] | list[dict[str, Any]] | None, text: str) -> list[dict[str, Any]]:
    """Rasa's entity dicts; a value found in the text gets its start and end."""
    if isinstance(entities, list):
        return entities
    found = []
    for name, value in (entities or {}).items():
        entity: dict[str, Any] = {"entity": name, "value": value}
        start = text.find(str(value))
        if start >= 0 and not text.startswith("/"):
            entity.update(start=start, end=start + len(str(value)))
        found.append(entity)
    return found


def parse_data(
    text: str,
    intent: str | None = None,
    confidence: float = 1.0,
    entities: dict[str, Any] | list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    intent_ranking: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The latest message as Rasa gives it to the actions."""
    payload = PAYLOAD.match(text)
    if payload and intent is None:
        intent = payload["intent"]
        if entities is None and payload["entities"]:
            entities = json.loads(payload["entities"])
    named = {"name": intent, "confidence": confidence} if intent else {}
    return {
        "text": text,
        "intent": named,
        "entities": entity_list(entities, text),
        "intent_ranking": intent_ranking if intent_ranking is not None else ([named] if named else []),
        "metadata": metadata or {},
        "message_id": uuid.uuid4().hex,
    }


def user_event(text: str, **parse: Any) -> dict[str, Any]:
    """A `user` event (the keywords of `parse_data`)."""
    data = parse_data(text, **parse)
    return {
        "event": "user",
        "timestamp": None,
        "text": text,
        "parse_data": data,
        "input_channel": "rest",
        "message_id": data["message_id"],
        "metadata": data["metadata"],
    }


def build_tracker(
    domain: dict[str, Any],
    text: str = "",
    *,
    slots: dict[str, Any] | None = None,
    requested_slot: str | None = None,
    active_loop: str | None = None,
    extracted: dict[str, Any] | None = None,
    history: list[dict[str, Any]] | None = None,
    sender_id: str = SENDER,
    **parse: Any,
) -> Tracker:
    message = user_event(text, **parse)
    values = {name: spec.get("initial_value") for name, spec in domain["slots"].items()}
    values["requested_slot"] = requested_slot
    values.update(slots or {})
    values.update(extracted or {})
    events = [*(history or []), ActionExecuted("action_listen"), message]
    events += [SlotSet(name, value) for name, value in (extracted or {}).items()]
    return Tracker(
        sender_id,
        values,
        message["parse_data"],
        events,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


def run(
    action: Action, tracker: Tracker, domain: dict[str, Any], dispatcher: CollectingDispatcher | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run the action as the action server does; (events, messages sent)."""
    dispatcher = dispatcher if dispatcher is not None else CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain)
    events = asyncio.run(result) if inspect.iscoroutine(result) else result
    return events, dispatcher.messages


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return load_domain()


@pytest.fixture
def tracker(domain):
    return lambda text="", **keywords: build_tracker(domain, text, **keywords)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def run_action(domain):
    return lambda action, tracker, dispatcher=None: run(action, tracker, domain, dispatcher)
