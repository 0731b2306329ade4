"""Connection to the directory database (DATABASE_URL) and the start-up check."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.paths import ROOT
from bot.settings import directory_database_url

REQUIRED_TABLES = {"service_points", "opening_hours", "places", "place_aliases"}
POSTGRES_TIMEOUTS = {"connect_timeout": 3, "options": "-c statement_timeout=5000"}


class DirectoryUnavailable(RuntimeError):
    """The database cannot be used; the message says why and what to run."""


def database_url() -> str:
    """DATABASE_URL from the environment or .env; a relative SQLite path is relative to the project."""
    url = directory_database_url()
    parsed = make_url(url)
    if (
        parsed.get_backend_name() == "sqlite"
        and parsed.database
        and parsed.database != ":memory:"
        and not Path(parsed.database).is_absolute()
    ):
        url = f"sqlite:///{ROOT / parsed.database}"
    return url


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL; SQLite files get their folder and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, pool_pre_ping=True)
        event.listen(engine, "connect", _sqlite_foreign_keys)
        return engine
    # A connect timeout, and a statement timeout as the read timeout: the action server never waits long.
    options = {"connect_args": POSTGRES_TIMEOUTS} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(url, future=True, pool_pre_ping=True, **options)


def session_for(url: str | None = None) -> Session:
    return sessionmaker(engine_for(url or database_url()), future=True)()


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def check_ready(url: str | None = None) -> None:
    """Raise DirectoryUnavailable unless the database answers and has the directory tables."""
    url = url or database_url()
    parsed = make_url(url)
    local_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if local_file and not Path(parsed.database).exists():
        raise DirectoryUnavailable(f"la base de l'annuaire {parsed.database} n'existe pas : lancez `bot db init`.")
    try:
        tables = set(inspect(engine_for(url)).get_table_names())
    except SQLAlchemyError as error:
        raise DirectoryUnavailable(
            f"la base de l'annuaire ({describe(url)}) est illisible : {type(error).__name__}. "
            "Vérifiez DATABASE_URL dans .env, ou recréez-la avec `bot db init`."
        ) from None
    missing = REQUIRED_TABLES - tables
    if missing:
        raise DirectoryUnavailable(
            f"la base de l'annuaire ({describe(url)}) n'a pas les tables {', '.join(sorted(missing))} : "
            "lancez `bot db init`."
        )
