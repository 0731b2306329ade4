"""The tracker store of the Rasa server: SQL, every event masked before storage, written idempotently.

endpoints.yml names this class; bot/runtime/servers.py gives it TRACKER_STORE_URL
(a SQLite file by default, PostgreSQL in production). The assistant works
with the messages as typed; only what is written to the database is masked
(bot.conversations.events). Each event is stored at its position in the
conversation (bot.conversations.store_schema): a save writes the positions after
the last one the tracker was read with, so several servers sharing the database
(under the Redis lock store, one turn of a conversation at a time) never lose nor
duplicate an event. Database calls run in a thread, off the server's event loop.
Recent conversations are kept decoded (bot.conversations.session_cache), so a turn
reads only what was stored since. When the database does not answer, nothing is
kept anywhere else (no silent in-memory copy): the failure is recorded in
bot.conversations.availability and the chat channel says the service is down.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from bot.conversations import store_schema as schema
from bot.conversations.availability import STORE_HEALTH, ConversationStoreDown
from bot.conversations.database import create_engine, describe
from bot.conversations.events import mask_event, names_in
from bot.conversations.session_cache import SessionCache, latest_session
from bot.settings import tracker_store_url

logger = logging.getLogger(__name__)
T = TypeVar("T")
READ_WITH = "_masking_store_read"  # on a tracker: (its events when read, position of the last one)


def _decode(rows: Iterable[tuple[int, str]]) -> list[Event]:
    return [Event.from_parameters(json.loads(data)) for _, data in rows]


def _row(sender_id: str, position: int, data: dict) -> dict:
    return {
        "sender_id": sender_id,
        "position": position,
        "type_name": data.get("event"),
        "timestamp": data.get("timestamp"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
        "intent_name": ((data.get("parse_data") or {}).get("intent") or {}).get("name"),
    }


class MaskingSQLTrackerStore(SQLTrackerStore):
    """A SQL tracker store that masks every event, writes each at its position, and fails fast without its database."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        url = host or tracker_store_url()
        self.engine = create_engine(url)
        self._tables_ready = False
        self.health = STORE_HEALTH
        self.cache = SessionCache()
        TrackerStore.__init__(self, domain, event_broker, **kwargs)
        try:
            self._ensure_tables()
            logger.info("Conversations enregistrées, masquées, dans %s.", describe(self.engine.url))
        except ConversationStoreDown:
            pass  # already logged by the health record; the server starts and retries later

    def _ensure_tables(self) -> None:
        if self._tables_ready:
            return
        if self.health.is_down():
            raise ConversationStoreDown("base des conversations injoignable")
        try:
            schema.prepare(self.engine)
        except SQLAlchemyError as error:
            self.health.failed(describe(self.engine.url), error)
            raise ConversationStoreDown("base des conversations injoignable") from error
        self._tables_ready = True

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        """`work` in one transaction; a database failure marks the store down and raises ConversationStoreDown."""
        self._ensure_tables()
        if self.health.is_down():
            raise ConversationStoreDown("base des conversations injoignable")
        try:
            with self.engine.begin() as connection:
                result = work(connection)
        except SQLAlchemyError as error:
            self.health.failed(describe(self.engine.url), error)
            raise ConversationStoreDown("base des conversations injoignable") from error
        self.health.succeeded()
        return result

    async def _database(self, work: Callable[[Connection], T]) -> T:
        """The same, in a thread: a slow database does not stall the other conversations."""
        return await asyncio.to_thread(self._transaction, work)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session, from the cache and what was stored after it, else from the database."""
        cached = self.cache.get(sender_id)
        try:
            if cached:
                rows = await self._database(lambda c: schema.rows_after(c, sender_id, cached.last))
                events, last = cached.events + _decode(rows), rows[-1][0] if rows else cached.last
            else:
                rows = await self._database(lambda c: schema.session_rows(c, sender_id))
                events, last = _decode(rows), rows[-1][0] if rows else -1
        except ConversationStoreDown:
            return None  # the chat channel sees the store is down and says so
        events = latest_session(events)
        if not events or self.domain is None:
            return None
        self.cache.put(sender_id, events, last)
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        setattr(tracker, READ_WITH, (len(events), last))
        return tracker

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        try:
            stored = await self._database(lambda c: schema.all_rows(c, conversation_id))
        except ConversationStoreDown:
            return None
        if not stored or self.domain is None:
            return None
        return DialogueStateTracker.from_dict(conversation_id, [json.loads(data) for data in stored], self.domain.slots)

    async def keys(self) -> Iterable[str]:
        return await self._database(schema.senders)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store, masked, the events after those the tracker was read with, at the positions that follow."""
        await self.stream_events(tracker)
        sender = tracker.sender_id
        try:
            read_with: tuple[int, int] | None = getattr(tracker, READ_WITH, None)
            if read_with is None:
                read_with = await self._database(lambda c: schema.stored_extent(c, sender))
            read, last = read_with
            new = list(tracker.events)[read:]
            if not new:
                return
            raw = [event.as_dict() for event in new]
            names = names_in(raw)
            masked = [mask_event(event, names) for event in raw]
            rows = [_row(sender, last + 1 + index, data) for index, data in enumerate(masked)]
            inserted = await self._database(lambda c: schema.insert_new(c, rows))
        except ConversationStoreDown:
            return  # nothing kept elsewhere: Rasa's fail-safe store would keep it in memory, unmasked
        setattr(tracker, READ_WITH, (len(tracker.events), last + len(rows)))
        cached = self.cache.get(sender)
        if inserted != len(rows):
            logger.warning(
                "Conversation écrite en même temps par un autre serveur : %d événement(s) déjà à ces "
                "positions, non réécrits.",
                len(rows) - inserted,
            )
            self.cache.drop(sender)
        elif last == -1 or (cached and cached.last == last):
            self.cache.put(
                sender, (cached.events if cached else []) + [Event.from_parameters(m) for m in masked], last + len(rows)
            )
        else:
            self.cache.drop(sender)
