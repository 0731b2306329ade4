"""A reply as the assistant sends it: French text, quick-reply buttons, structured data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Reply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    custom: dict | None = None  # structured data for the web page (sent as `custom`)


def intent_button(title: str, intent: str, entities: dict | None = None) -> dict[str, str]:
    """A quick reply that triggers an intent (with entities) directly when clicked."""
    payload = f"/{intent}" + (json.dumps(entities, ensure_ascii=False) if entities else "")
    return {"title": title, "payload": payload}
