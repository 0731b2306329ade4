"""Is the conversation database answering? A small circuit breaker shared by the store and the chat channel.

When a read or a write fails, the database is taken as down for RETRY_AFTER
seconds: the store then fails at once instead of waiting for a connection
timeout at every message, and the chat channel answers with a clear message
instead of carrying on with a conversation it cannot remember. The first
message after that delay tries the database again.
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger(__name__)

RETRY_AFTER = 10.0


class ConversationStoreDown(ConnectionError):
    """The conversation database does not answer (recently failed)."""


class StoreHealth:
    def __init__(self, retry_after: float = RETRY_AFTER, clock=time.monotonic) -> None:
        self.retry_after = retry_after
        self._clock = clock
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def is_down(self) -> bool:
        """True while a recent failure is fresh (the next try is not due yet)."""
        return self._clock() < self._down_until

    def failed(self, where: str, error: BaseException) -> None:
        with self._lock:
            if not self._down:
                logger.error(
                    "Base des conversations injoignable (%s, %s) : l'assistant répond « service "
                    "indisponible » et réessaie toutes les %.0f s. Vérifiez TRACKER_STORE_URL et la base.",
                    where,
                    type(error).__name__,
                    self.retry_after,
                )
            self._down = True
            self._down_until = self._clock() + self.retry_after

    def succeeded(self) -> None:
        with self._lock:
            if self._down:
                logger.warning("Base des conversations de nouveau joignable : l'assistant reprend normalement.")
            self._down = False
            self._down_until = 0.0


STORE_HEALTH = StoreHealth()
