"""Delete the conversations older than the retention period (RETENTION_DAYS).

A conversation whose last message is older than the cut-off is deleted
entirely. In a conversation still going on, the events older than the
cut-off are deleted only if they belong to an earlier session (Rasa starts a
new session after an hour of silence), so the stored current session stays
whole and Rasa keeps saving it correctly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.conversations.database import ConversationStoreError, describe, events_table

SESSION_STARTED = "session_started"


@dataclass(frozen=True)
class PurgeResult:
    conversations: int  # deleted entirely
    events: int  # deleted in all


def cutoff(days: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now()) - timedelta(days=days)


def purge(engine: Engine, before: datetime, dry_run: bool = False) -> PurgeResult:
    """Delete what is older than `before`; with dry_run, only count it."""
    table = events_table(engine)
    if table is None:
        return PurgeResult(0, 0)
    limit = before.timestamp()
    every = table.alias("every")  # aliases: the sub-queries read the table, not the row being deleted
    old_senders = (
        sa.select(every.c.sender_id).group_by(every.c.sender_id).having(sa.func.max(every.c.timestamp) < limit)
    )
    earlier = table.alias("earlier")
    latest_session_start = (
        sa.select(sa.func.max(earlier.c.timestamp))
        .where(earlier.c.sender_id == table.c.sender_id, earlier.c.type_name == SESSION_STARTED)
        .scalar_subquery()
    )
    doomed = sa.or_(
        table.c.sender_id.in_(old_senders), sa.and_(table.c.timestamp < limit, table.c.timestamp < latest_session_start)
    )
    try:
        with engine.begin() as connection:
            conversations = connection.execute(sa.select(sa.func.count()).select_from(old_senders.subquery())).scalar()
            events = connection.execute(sa.select(sa.func.count()).select_from(table).where(doomed)).scalar()
            if not dry_run:
                connection.execute(table.delete().where(doomed))
    except SQLAlchemyError as error:
        raise ConversationStoreError(
            f"suppression impossible dans {describe(engine.url)} : {type(error).__name__}"
        ) from error
    return PurgeResult(conversations, events)
