"""Who the assistant talks to: a family (default) or a front-desk agent."""

from __future__ import annotations

AGENT = "agent"
FAMILY = "family"


def audience_of(metadata: dict | None, remembered: str | None) -> str:
    """`metadata.audience` of the message wins; else what the conversation remembered."""
    declared = (metadata or {}).get("audience") if isinstance(metadata, dict) else None
    if declared in (AGENT, FAMILY):
        return declared
    return remembered if remembered in (AGENT, FAMILY) else FAMILY
