"""A test conversation for every topic, in both audiences, over the real servers."""

from __future__ import annotations

import uuid

import pytest

from bot.knowledge.entries import load_entries
from tests.rest import say

pytestmark = pytest.mark.servers
ENTRIES = load_entries()
SCREENING = "check_eligibility"  # its bare payload starts the rights screening (tests/rights/)


def payload(intent: str) -> str:
    """The topic's button: the entry itself (for the screening's topic, its summary button)."""
    return f'/{intent}{{"facet": "resume"}}' if intent == SCREENING else f"/{intent}"


@pytest.mark.parametrize("intent", sorted(ENTRIES))
def test_family_gets_the_entry_with_source_date_and_follow_ups(servers, intent):
    replies = say(servers, payload(intent), metadata={"audience": "family"})
    text = replies[0]["text"]
    assert text.startswith(ENTRIES[intent].title)
    assert "Source : " in text and "vérifié le" in text
    titles = [b["title"] for b in replies[0]["buttons"]]
    assert "Conditions" in titles and "Faire la demande" in titles
    assert ("Montants" in titles) == bool(ENTRIES[intent].figures)
    assert replies[1]["custom"] == {**replies[1]["custom"], "type": "benefit_answer", "intent": intent}


@pytest.mark.parametrize("intent", sorted(ENTRIES))
def test_agent_gets_the_script_card(servers, intent):
    sender = uuid.uuid4().hex
    replies = say(servers, payload(intent), metadata={"audience": "agent"}, sender=sender)
    assert replies[0]["text"].startswith(f"Fiche agent — {ENTRIES[intent].title}")
    card = replies[1]["custom"]
    assert card["type"] == "script_card" and card["intent"] == intent
    assert card["say"] and card["ask"] and card["send_to"] and card["sources"]


@pytest.mark.parametrize("audience", ["family", "agent"])
def test_the_screening_topic_without_a_facet_starts_the_screening(servers, audience):
    replies = say(servers, f"/{SCREENING}", metadata={"audience": audience})
    assert "Quelques questions courtes" in replies[0]["text"]
