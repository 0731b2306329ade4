"""The tracker store of the Rasa server: SQL, with every event masked before storage.

endpoints.yml names this class; bot/runtime/servers.py gives it TRACKER_STORE_URL
(a SQLite file by default, PostgreSQL in production). The assistant works
with the messages as typed; only what is written to the database is masked
(bot.conversations.events). When the database does not answer, nothing is kept
anywhere else (no silent in-memory copy): the failure is recorded in
bot.conversations.availability and the chat channel says the service is down.
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Iterator, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from bot.conversations.availability import STORE_HEALTH, ConversationStoreDown
from bot.conversations.database import create_engine, describe
from bot.conversations.events import mask_event, names_in
from bot.settings import tracker_store_url

logger = logging.getLogger(__name__)


class MaskedEvent:
    """What SQLTrackerStore.save reads of an event, with the personal data masked."""

    def __init__(self, event: Event, names: set[str]) -> None:
        self.type_name = event.type_name
        self._data = mask_event(event.as_dict(), names)

    def as_dict(self) -> dict:
        return self._data


class MaskingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore that masks every event and fails fast, and visibly, without its database."""

    def __init__(self, domain: Optional[Domain] = None, host: Optional[str] = None,
                 event_broker: Optional[EventBroker] = None, **kwargs: Any) -> None:
        url = host or tracker_store_url()
        self.engine = create_engine(url, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        self._tables_ready = False
        self.health = STORE_HEALTH
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
            self.Base.metadata.create_all(self.engine)
        except SQLAlchemyError as error:
            self.health.failed(describe(self.engine.url), error)
            raise ConversationStoreDown("base des conversations injoignable") from error
        self._tables_ready = True

    @contextlib.contextmanager
    def session_scope(self) -> Iterator:
        self._ensure_tables()
        try:
            with super().session_scope() as session:
                yield session
        except SQLAlchemyError as error:
            self.health.failed(describe(self.engine.url), error)
            raise ConversationStoreDown("base des conversations injoignable") from error
        self.health.succeeded()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await super().retrieve(sender_id)
        except ConversationStoreDown:
            return None  # the chat channel sees the store is down and says so

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except ConversationStoreDown:
            pass  # nothing kept elsewhere: Rasa's fail-safe store would keep it in memory, unmasked

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator[MaskedEvent]:
        events = list(super()._additional_events(session, tracker))
        names = names_in(event.as_dict() for event in events)
        return (MaskedEvent(event, names) for event in events)
