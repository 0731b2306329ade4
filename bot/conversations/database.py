"""The conversation database (Rasa's `events` table), as the `bot` commands read it.

The servers write it through bot.conversations.tracker_store; the commands read or purge it
with plain SQLAlchemy (no Rasa import, so they start fast).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

CONNECT_TIMEOUT_SECONDS = 3
STATEMENT_TIMEOUT_MS = 10_000  # a query (read or write) PostgreSQL has not finished by then is cancelled
EVENTS_TABLE = "events"
POSTGRES_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3}


class ConversationStoreError(RuntimeError):
    """The database cannot be reached or read; the message says which (without password)."""


def describe(url: str | URL) -> str:
    """The URL without its password, safe to print or log."""
    return make_url(url).render_as_string(hide_password=True)


def create_engine(url: str, **kwargs) -> Engine:
    """An engine that gives up quickly when the server does not answer, and checks a pooled connection
    before using it (a restarted PostgreSQL leaves dead ones in the pool).

    For SQLite, the folder of the database file is created if needed. For PostgreSQL: a connect
    timeout, a statement timeout (the read timeout: a query that hangs is cancelled by the server) and
    TCP keepalives (a server gone without closing the connection is noticed in seconds).
    """
    parsed = make_url(url)
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    elif parsed.get_backend_name() == "postgresql":
        connect = kwargs.setdefault("connect_args", {})
        connect.setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
        connect.setdefault("options", f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")
        connect.update({key: value for key, value in POSTGRES_KEEPALIVES.items() if key not in connect})
    return sa.create_engine(parsed, **kwargs)


@dataclass(frozen=True)
class StoredEvent:
    sender_id: str
    kind: str
    timestamp: float
    data: dict

    @property
    def time(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp)


def events_table(engine: Engine) -> sa.Table | None:
    """The `events` table, or None when nothing was ever stored."""
    try:
        if not sa.inspect(engine).has_table(EVENTS_TABLE):
            return None
        return sa.Table(EVENTS_TABLE, sa.MetaData(), autoload_with=engine)
    except SQLAlchemyError as error:
        raise ConversationStoreError(
            f"base des conversations injoignable ({describe(engine.url)}) : {type(error).__name__}"
        ) from error


def read_events(
    engine: Engine, since: datetime | None = None, until: datetime | None = None, kinds: tuple[str, ...] = ("user",)
) -> Iterator[StoredEvent]:
    """Stored events of the given kinds in [since, until), oldest first."""
    table = events_table(engine)
    if table is None:
        return
    query = (
        sa.select(table.c.sender_id, table.c.type_name, table.c.timestamp, table.c.data)
        .where(table.c.type_name.in_(kinds))
        .order_by(table.c.id)
    )
    if since is not None:
        query = query.where(table.c.timestamp >= since.timestamp())
    if until is not None:
        query = query.where(table.c.timestamp < until.timestamp())
    with engine.connect() as connection:
        for sender_id, kind, timestamp, data in connection.execute(query):
            yield StoredEvent(sender_id, kind, timestamp or 0.0, json.loads(data))
