"""The answer to a topic intent from its knowledge entry (family answer or agent card)."""

from __future__ import annotations

from datetime import date

from bot.audience import AGENT
from bot.knowledge.answers import agent_reply, family_reply
from bot.knowledge.entries import load_entries
from bot.knowledge.facets import detect_facet
from bot.replies import Reply


def is_topic(intent: str | None) -> bool:
    """Topics answered by action_answer_topic: those with a knowledge entry."""
    return intent in load_entries()


def answer_topic(intent: str, text: str | None, facet: str | None, audience: str, day: date) -> Reply:
    entry = load_entries()[intent]
    if audience == AGENT:
        return agent_reply(entry, day)
    return family_reply(entry, detect_facet(text, facet), day)
