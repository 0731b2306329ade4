"""A reply as the assistant sends it: French text and optional quick-reply buttons."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def intent_button(title: str, intent: str) -> dict[str, str]:
    """A quick reply that triggers an intent directly when clicked."""
    return {"title": title, "payload": f"/{intent}"}
