"""The topic catalogue of data/knowledge/topics.yml: labels and button titles."""

from __future__ import annotations

from bot.knowledge.files import load


def topics() -> dict[str, dict]:
    return load("topics")["topics"]


def topic_button_label(intent: str) -> str | None:
    topic = topics().get(intent)
    return topic["button"] if topic else None
