"""What is written to the conversation database: every event of a conversation, masked.

What the person typed (user messages, the NLU's copy of them, entity values,
message metadata, slot values) loses its identifiers (bot.conversations.masking)
and the names of people (bot.conversations.names). Every other event (the
assistant's replies and their buttons and cards, actions, forms) loses its
identifiers, and the names found in what the person typed in the same batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.conversations.masking import NAME, mask_text, mask_value
from bot.conversations.names import mask_names, person_names

# The fields of a serialised Rasa event that name things of the assistant, never typed text.
STRUCTURE = (
    "event",
    "timestamp",
    "name",
    "policy",
    "confidence",
    "input_channel",
    "message_id",
    "sender_id",
    "action_text",
    "hide_rule_turn",
)


def typed(text: str) -> str:
    """Identifiers and names out of what a person typed."""
    return mask_names(mask_text(text))


def names_in(events: Iterable[dict]) -> set[str]:
    """The names of people in what was typed in these events (to take them out of the replies too)."""
    found: set[str] = set()
    for event in events:
        if event.get("event") == "user" and isinstance(event.get("text"), str):
            found |= person_names(mask_text(event["text"]))
        elif event.get("event") == "slot" and isinstance(event.get("value"), str):
            found |= person_names(mask_text(event["value"]))
    return found


def without_names(names: set[str]) -> Callable[[str], str]:
    """A mask for replies: identifiers, then each known name (longest first)."""
    ordered = sorted(names, key=len, reverse=True)

    def mask(text: str) -> str:
        text = mask_text(text)
        for name in ordered:
            text = text.replace(name, NAME)
        return text

    return mask


def mask_event(event: dict, names: Iterable[str] = ()) -> dict:
    """A masked copy of a serialised Rasa event (the event the assistant works with is left as it is)."""
    kind = event.get("event")
    if kind == "user":
        text = event.get("text")
        masked = dict(
            event,
            text=typed(text) if text else text,
            metadata=mask_value(event.get("metadata"), typed),
        )
        if isinstance(event.get("parse_data"), dict):
            masked["parse_data"] = _mask_parse_data(event["parse_data"])
        return masked
    if kind == "slot":
        return dict(event, value=mask_value(event.get("value"), typed))
    if kind == "entities":
        return dict(event, entities=mask_value(event.get("entities"), typed))
    mask = without_names(set(names))
    return {key: value if key in STRUCTURE else mask_value(value, mask) for key, value in event.items()}


def _mask_parse_data(parse_data: dict) -> dict:
    text = parse_data.get("text")
    masked = dict(parse_data, text=typed(text) if isinstance(text, str) and text else text)
    if "metadata" in parse_data:  # Rasa copies the message metadata here too
        masked["metadata"] = mask_value(parse_data["metadata"], typed)
    if isinstance(parse_data.get("entities"), list):
        masked["entities"] = [
            dict(entity, value=mask_value(entity.get("value"), typed)) if isinstance(entity, dict) else entity
            for entity in parse_data["entities"]
        ]
    return masked
