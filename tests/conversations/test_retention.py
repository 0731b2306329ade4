"""`bot conversations purge`: conversations older than the retention period, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.commands.cli import main
from bot.conversations.database import create_engine, events_table
from bot.conversations.retention import cutoff, purge

NOW = datetime(2026, 6, 1, 12, 0)


def store(url: str) -> sa.engine.Engine:
    """A database with three conversations of different ages."""
    engine = create_engine(url)
    metadata = sa.MetaData()
    table = sa.Table(
        "events",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255)),
        sa.Column("type_name", sa.String(255)),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )
    metadata.create_all(engine)
    rows = []
    for sender, kind, days_ago in [
        ("old", "session_started", 120),
        ("old", "user", 120),
        ("old", "bot", 100),
        ("both", "session_started", 95),
        ("both", "user", 95),
        ("both", "session_started", 2),
        ("both", "user", 2),
        ("long", "session_started", 91),
        ("long", "user", 1),
        ("new", "session_started", 1),
        ("new", "user", 1),
    ]:
        timestamp = (NOW - timedelta(days=days_ago)).timestamp()
        rows.append(
            {
                "sender_id": sender,
                "type_name": kind,
                "timestamp": timestamp,
                "data": json.dumps({"event": kind, "timestamp": timestamp}),
            }
        )
    with engine.begin() as connection:
        connection.execute(table.insert(), rows)
    return engine


def remaining(engine) -> list[tuple[str, str]]:
    table = events_table(engine)
    with engine.connect() as connection:
        return [
            tuple(r) for r in connection.execute(sa.select(table.c.sender_id, table.c.type_name).order_by(table.c.id))
        ]


def check_purge(url: str) -> None:
    engine = store(url)
    before = remaining(engine)
    counted = purge(engine, cutoff(90, NOW), dry_run=True)
    assert (counted.conversations, counted.events) == (1, 5) and remaining(engine) == before
    assert purge(engine, cutoff(90, NOW)) == counted
    # "old" is gone; "both" loses its earlier session; the current sessions stay whole.
    assert remaining(engine) == [
        ("both", "session_started"),
        ("both", "user"),
        ("long", "session_started"),
        ("long", "user"),
        ("new", "session_started"),
        ("new", "user"),
    ]
    assert purge(engine, cutoff(90, NOW)).events == 0


def test_purge_on_sqlite(tmp_path):
    check_purge(f"sqlite:///{tmp_path}/conversations.db")


def test_purge_on_postgresql(postgres_url):
    check_purge(postgres_url)


def test_purge_of_an_empty_database_deletes_nothing(tmp_path):
    assert purge(create_engine(f"sqlite:///{tmp_path}/empty.db"), NOW).events == 0


def test_purge_command_uses_retention_days(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/conversations.db"
    store(url)  # NOW is in 2026-06; from today every conversation is older than 30 days
    monkeypatch.setenv("RETENTION_DAYS", "30")
    assert main(["conversations", "purge", "--db", url, "--dry-run"]) == 0
    assert "(30 jours)" in capsys.readouterr().out
    monkeypatch.setenv("RETENTION_DAYS", "trois mois")
    with pytest.raises(SystemExit, match="RETENTION_DAYS"):
        main(["conversations", "purge", "--db", url])
