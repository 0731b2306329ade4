"""A message sent twice (a load balancer's retry) is answered once: the second time, with the stored replies.

HAProxy gives each request an id (X-Request-ID) and, when a Rasa instance dies before
answering, sends the same request, with the same id, to another instance. The id is kept
on the user's message (its `message_id`); if the dead instance had already stored the
turn, the retry finds it in the conversation and answers with the replies stored after it
(as stored: masked) instead of handling the message a second time.
"""

from __future__ import annotations

from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

REPLY_KEYS = ("buttons", "image", "attachment", "custom")


def stored_replies(tracker: DialogueStateTracker | None, message_id: str) -> list[dict] | None:
    """The replies stored after the user message `message_id`, in the REST format; None if it is not stored."""
    if tracker is None or not message_id:
        return None
    replies, found = [], False
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if found:
                break
            found = event.message_id == message_id
        elif found and isinstance(event, BotUttered):
            reply = {"recipient_id": tracker.sender_id, "text": event.text}
            reply.update({key: event.data[key] for key in REPLY_KEYS if (event.data or {}).get(key)})
            replies.append({key: value for key, value in reply.items() if value is not None})
    return replies if found else None
