"""Interim topic answers built from data/knowledge/topics.yml.

One renderer serves every topic intent: adding a topic means adding data.
"""
from __future__ import annotations

from bot.contacts import contacts_block
from bot.knowledge import load
from bot.replies import Reply


def topics() -> dict[str, dict]:
    return load("topics")["topics"]


def topic_button_label(intent: str) -> str | None:
    topic = topics().get(intent)
    return topic["button"] if topic else None


def topic_reply(intent: str) -> Reply:
    """The honest interim answer for a topic without a knowledge entry: who can help today."""
    data = load("topics")
    topic = data["topics"][intent]
    kind = data["kinds"][topic["kind"]]
    lines = [kind["intro"].format(label=topic["label"]), contacts_block(kind["contacts"])]
    return Reply("\n".join(lines))
