"""A throw-away PostgreSQL database on the local server, for the database tests and the benchmarks."""

from __future__ import annotations

import uuid
from contextlib import contextmanager

from sqlalchemy import create_engine, text

POSTGRES_SERVER = "postgresql+psycopg2://postgres@127.0.0.1:5432"


@contextmanager
def temporary_postgres():
    """A fresh PostgreSQL database (dropped afterwards) on the local server (trust auth)."""
    name = f"test_directory_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{POSTGRES_SERVER}/postgres", isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        from bot.directory.database import engine_for

        engine_for(f"{POSTGRES_SERVER}/{name}").dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
