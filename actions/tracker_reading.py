"""What the actions read from a Rasa tracker: the household facts of the conversation, the latest metadata."""

from rasa_sdk import Tracker

from bot.rights.facts import facts_of_conversation
from bot.rights.household import Household


def conversation_household(tracker: Tracker) -> Household:
    """Every household fact the person stated in this conversation (entities of components/household_facts.py)."""
    return facts_of_conversation(
        [(e.get("parse_data") or {}).get("entities") or [] for e in tracker.events if e.get("event") == "user"]
    )


def latest_user_metadata(tracker: Tracker) -> dict:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata") or {}
    return {}
