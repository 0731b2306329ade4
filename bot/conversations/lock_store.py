"""Rasa's RedisLockStore with atomic updates: one turn of a conversation at a time, whatever the instance.

Rasa's ticket lock reads the lock from Redis, changes it and writes it back: two
servers issuing a ticket for the same conversation at the same moment can both get
the same number, or one can drop the other's ticket. Here each change runs in a Redis
transaction on the lock's key (WATCH / MULTI, tried again when the key changed in
between), and the key expires with the last ticket, so a server killed while it held
a conversation frees it after LOCK_LIFETIME seconds. A ticket that waits its turn is
kept alive while it waits: otherwise a turn queued behind a dead server's ticket
(same lifetime, issued a moment later) expires with it, and Rasa gives up with a
LockError instead of serving it. endpoints.yml names this class
when LOCK_STORE_URL is set (`make cluster`); `make run` keeps Rasa's in-memory lock.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import WatchError

T = TypeVar("T")
SOCKET_TIMEOUT_SECONDS = 2


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, url: str | None = None) -> None:
        parts = urlsplit(url or (endpoint_config.url if endpoint_config else None) or "redis://127.0.0.1:6379/1")
        super().__init__(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 6379,
            db=int(parts.path.strip("/") or 1),
            password=parts.password,
            socket_timeout=SOCKET_TIMEOUT_SECONDS,
        )
        self._lifetimes: dict[tuple[str, int], float] = {}  # the tickets this server issued, while they live

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        """Read the lock, let `change` give the lock to write (None: delete it) and a result, all or nothing."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
                    pipe.multi()
                    if lock is None or not lock.tickets:
                        pipe.delete(key)
                    else:  # the key lives as long as its last ticket
                        expires = max(ticket.expires for ticket in lock.tickets)
                        pipe.set(key, lock.dumps(), ex=max(1, math.ceil(expires - time.time())))
                    pipe.execute()
                    return result
                except WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            lock.remove_expired_tickets()
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            ticket = self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        self._lifetimes[(conversation_id, ticket)] = lock_lifetime
        return ticket

    def keep_waiting(self, conversation_id: str, ticket_number: int) -> None:
        """Expired tickets out, and this waiting ticket's lifetime started again."""
        lifetime = self._lifetimes.get((conversation_id, ticket_number), LOCK_LIFETIME)

        def refresh(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock:
                lock.remove_expired_tickets()
                for ticket in lock.tickets:
                    if ticket.number == ticket_number:
                        ticket.expires = time.time() + lifetime
            return lock, None

        self._change(conversation_id, refresh)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        """Rasa's wait for this ticket's turn, the ticket kept alive meanwhile."""
        while True:
            lock = self.get_lock(conversation_id)
            if not lock or ticket not in {t.number for t in lock.tickets}:
                break
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)
            self.keep_waiting(conversation_id, ticket)
        raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock:
                lock.remove_ticket_for(ticket_number)
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish this ticket; the key goes with the last ticket (in the same transaction)."""
        self._lifetimes.pop((conversation_id, ticket_number), None)
        self.finish_serving(conversation_id, ticket_number)
