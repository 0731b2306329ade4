"""A retried message already stored is answered with the replies stored after it, not handled again."""

from __future__ import annotations

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversations.replay import stored_replies


def test_the_replies_stored_after_the_message_are_given_back():
    tracker = DialogueStateTracker("conv", [])
    tracker.update(UserUttered("bonjour", message_id="req-1"))
    tracker.update(BotUttered("Bonjour !", {"buttons": [{"title": "Aides", "payload": "/aides"}]}))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("merci", message_id="req-2"))
    tracker.update(BotUttered("Avec plaisir.", {"custom": {"card": 1}}))
    assert stored_replies(tracker, "req-1") == [
        {"recipient_id": "conv", "text": "Bonjour !", "buttons": [{"title": "Aides", "payload": "/aides"}]}
    ]
    assert stored_replies(tracker, "req-2") == [
        {"recipient_id": "conv", "text": "Avec plaisir.", "custom": {"card": 1}}
    ]
    assert stored_replies(tracker, "req-3") is None  # not stored: the message is handled
    assert stored_replies(None, "req-1") is None
