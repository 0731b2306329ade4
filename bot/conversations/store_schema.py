"""The `events` table of the conversation database, with each event's position in its conversation.

Rasa's SQLTrackerStore decides what to write by counting the stored rows of the
session: two servers saving the same conversation lose or duplicate events. Here
every row carries its `position` (0, 1, 2… per conversation) under a unique index
(sender_id, position): a save writes the positions after the last one it read, in
one statement that skips positions already taken, so a write repeated or raced
never stores an event twice. `prepare` creates the table, or adds the column to a
table of Rasa's (existing rows numbered in their stored order) and the index.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

logger = logging.getLogger(__name__)

SESSION_STARTED = "session_started"
METADATA = sa.MetaData()
EVENTS = sa.Table(
    "events",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
    sa.Column("position", sa.Integer),
)
POSITION_INDEX = sa.Index("ix_events_sender_position", EVENTS.c.sender_id, EVENTS.c.position, unique=True)
# Existing rows numbered 0, 1, 2… per conversation in the order Rasa stored them (by id).
NUMBER_EXISTING_ROWS = """
UPDATE events SET position = numbered.position
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY sender_id ORDER BY id) - 1 AS position FROM events) AS numbered
WHERE events.id = numbered.id
"""


def prepare(engine: Engine) -> None:
    """Create the table, or bring a table of Rasa's SQLTrackerStore up to date; safe to run from several servers."""
    for attempt in range(2):  # a server starting at the same time may have just done it
        try:
            _prepare(engine)
            return
        except SQLAlchemyError:
            if attempt:
                raise


def _prepare(engine: Engine) -> None:
    inspector = sa.inspect(engine)
    if not inspector.has_table("events"):
        METADATA.create_all(engine)
        return
    if "position" not in {column["name"] for column in inspector.get_columns("events")}:
        with engine.begin() as connection:
            connection.execute(sa.text("ALTER TABLE events ADD COLUMN position INTEGER"))
            connection.execute(sa.text(NUMBER_EXISTING_ROWS))
        logger.info("Base des conversations : position de chaque événement ajoutée.")
    if POSITION_INDEX.name not in {index["name"] for index in sa.inspect(engine).get_indexes("events")}:
        POSITION_INDEX.create(engine)


def session_rows(connection: Connection, sender_id: str) -> list[tuple[int, str]]:
    """(position, data) of the conversation's latest session, from its `session_started` on (all if none)."""
    start = (
        sa.select(sa.func.max(EVENTS.c.position))
        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.type_name == SESSION_STARTED)
        .scalar_subquery()
    )
    query = (
        sa.select(EVENTS.c.position, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.position >= sa.func.coalesce(start, -1))
        .order_by(EVENTS.c.position)
    )
    return [tuple(row) for row in connection.execute(query)]


def rows_after(connection: Connection, sender_id: str, position: int) -> list[tuple[int, str]]:
    """(position, data) of the events stored after `position`."""
    query = (
        sa.select(EVENTS.c.position, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.position > position)
        .order_by(EVENTS.c.position)
    )
    return [tuple(row) for row in connection.execute(query)]


def all_rows(connection: Connection, sender_id: str) -> list[str]:
    """The data of every stored event of the conversation, all sessions."""
    query = sa.select(EVENTS.c.data).where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.position)
    return [row[0] for row in connection.execute(query)]


def stored_extent(connection: Connection, sender_id: str) -> tuple[int, int]:
    """(events in the latest session, last position; -1 when nothing is stored)."""
    rows = session_rows(connection, sender_id)
    return len(rows), rows[-1][0] if rows else -1


def senders(connection: Connection) -> list[str]:
    return [row[0] for row in connection.execute(sa.select(EVENTS.c.sender_id).distinct())]


def insert_new(connection: Connection, rows: list[dict]) -> int:
    """Insert the rows whose (sender_id, position) is free, in one statement; how many were inserted."""
    if not rows:
        return 0
    dialect = connection.dialect.name
    if dialect == "postgresql":
        statement = (
            postgresql.insert(EVENTS).values(rows).on_conflict_do_nothing(index_elements=["sender_id", "position"])
        )
    elif dialect == "sqlite":
        statement = sqlite.insert(EVENTS).values(rows).on_conflict_do_nothing(index_elements=["sender_id", "position"])
    else:
        statement = EVENTS.insert().values(rows)
    return connection.execute(statement).rowcount
