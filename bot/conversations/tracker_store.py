"""The tracker store of the Rasa server: SQL, with identifiers masked before storage.

endpoints.yml names this class; bot/runtime/servers.py gives it TRACKER_STORE_URL
(a SQLite file by default, PostgreSQL in production). The assistant works
with the messages as typed; only what is written to the database is masked
(bot.conversations.masking). If the database does not answer at start, the server still
starts and logs a clear error; it retries at every message.
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

from bot.conversations.database import create_engine, describe
from bot.conversations.masking import mask_event
from bot.settings import tracker_store_url

logger = logging.getLogger(__name__)


class MaskedEvent:
    """What SQLTrackerStore.save reads of an event, with the personal data masked."""

    def __init__(self, event: Event) -> None:
        self.type_name = event.type_name
        self._data = mask_event(event.as_dict())

    def as_dict(self) -> dict:
        return self._data


class MaskingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore that masks identifiers and does not hang on a missing database."""

    def __init__(self, domain: Optional[Domain] = None, host: Optional[str] = None,
                 event_broker: Optional[EventBroker] = None, **kwargs: Any) -> None:
        url = host or tracker_store_url()
        self.engine = create_engine(url, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        self._tables_ready = False
        TrackerStore.__init__(self, domain, event_broker, **kwargs)
        self._ensure_tables()

    def _ensure_tables(self) -> bool:
        """Create the table if needed; False (and an error logged) if the database does not answer."""
        if self._tables_ready:
            return True
        try:
            self.Base.metadata.create_all(self.engine)
        except SQLAlchemyError as error:
            logger.error(
                "Base des conversations injoignable (%s, %s). L'assistant répond quand même mais les "
                "conversations ne sont pas enregistrées tant qu'elle ne répond pas : vérifiez "
                "TRACKER_STORE_URL dans .env.", describe(self.engine.url), type(error).__name__)
            return False
        self._tables_ready = True
        logger.info("Conversations enregistrées, identifiants masqués, dans %s.", describe(self.engine.url))
        return True

    @contextlib.contextmanager
    def session_scope(self) -> Iterator:
        if not self._ensure_tables():
            raise ConnectionError("base des conversations injoignable")
        with super().session_scope() as session:
            yield session

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator[MaskedEvent]:
        return (MaskedEvent(event) for event in super()._additional_events(session, tracker))
