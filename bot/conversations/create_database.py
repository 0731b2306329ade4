"""Create the cluster's conversation database on its PostgreSQL server if it is missing (`make setup`).

    python -m bot.conversations.create_database    # CLUSTER_TRACKER_STORE_URL of .env

Connects to the server's `postgres` database with the same user and creates the database
named in the URL. A server that does not answer is only reported: `make run` does not need it.
"""

from __future__ import annotations

import sys

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.conversations.database import create_engine, describe


def ensure_database(url: str) -> bool:
    """True when the database exists (created now or before); False for another kind of database."""
    target = make_url(url)
    if target.get_backend_name() != "postgresql" or not target.database:
        return False
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).scalar()
            if not exists:
                quoted = connection.dialect.identifier_preparer.quote(target.database)
                connection.execute(sa.text(f"CREATE DATABASE {quoted}"))
    finally:
        admin.dispose()
    return True


def main() -> int:
    from bot.settings import cluster_settings

    url = cluster_settings().tracker_store_url
    try:
        if ensure_database(url):
            print(f"==> Base des conversations du cluster prête : {describe(url)}")
    except SQLAlchemyError as error:
        print(
            f"==> Base des conversations du cluster non créée ({describe(url)}, {type(error).__name__}) : "
            "`make cluster` en a besoin, pas `make run`."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
