"""The latest session of recent conversations, as stored (masked), kept by a Rasa server between turns.

Rebuilding a conversation from the database at every message costs more as it grows
(every event read and decoded again). The store keeps here the decoded events of the
conversations it served lately, with the position of the last one, and then reads
only the rows stored after it (by this server or another one). What is kept is what
the database holds, masked: the same as a fresh read. Bounded in number, and dropped
after `ttl` seconds unused, so that a conversation purged by the retention is not
kept in memory.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from rasa.shared.core.events import Event, SessionStarted

MAX_CONVERSATIONS = 500
TTL_SECONDS = 3600.0


@dataclass
class CachedSession:
    events: list[Event]
    last: int  # position of the last event
    used: float


def latest_session(events: list[Event]) -> list[Event]:
    """The events from the last SessionStarted on (all when there is none)."""
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], SessionStarted):
            return events[index:]
    return events


class SessionCache:
    def __init__(
        self, size: int = MAX_CONVERSATIONS, ttl: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.size, self.ttl, self._clock = size, ttl, clock
        self._sessions: OrderedDict[str, CachedSession] = OrderedDict()

    def get(self, sender_id: str) -> CachedSession | None:
        cached = self._sessions.get(sender_id)
        if cached is None:
            return None
        if self._clock() - cached.used > self.ttl:
            self.drop(sender_id)
            return None
        return cached

    def put(self, sender_id: str, events: list[Event], last: int) -> None:
        self._sessions.pop(sender_id, None)
        self._sessions[sender_id] = CachedSession(latest_session(events), last, self._clock())
        while len(self._sessions) > self.size:
            self._sessions.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._sessions.pop(sender_id, None)

    def __len__(self) -> int:
        return len(self._sessions)
