"""Shared fixtures: the trained model and the real servers started on free ports."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.paths import RESULTS
from bot.servers import free_port, start_servers
from bot.settings import load_settings
from bot.training import model_path

TEST_ORIGIN = "https://www.lehavre.fr"


@pytest.fixture(scope="session")
def model():
    path = model_path()
    if not path.exists():
        pytest.fail("modèle absent ou périmé : lancez `make train` (make test le fait)")
    return path


@pytest.fixture(scope="session")
def servers(model, tmp_path_factory):
    database = tmp_path_factory.mktemp("conversations") / "conversations.db"
    settings = replace(load_settings(), rasa_host="127.0.0.1", rasa_port=free_port(),
                       action_port=free_port(), cors_origins=(TEST_ORIGIN,), log_level="INFO",
                       tracker_store_url=f"sqlite:///{database}")
    running = start_servers(settings, model, RESULTS / "logs" / "tests")
    yield running
    running.stop()


@pytest.fixture
def postgres_url():
    """A fresh PostgreSQL database on 127.0.0.1:5432, dropped afterwards."""
    import uuid

    import sqlalchemy as sa

    admin = sa.create_engine("postgresql://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 3})
    name = f"test_conversations_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f"CREATE DATABASE {name}"))
    except sa.exc.OperationalError as error:
        pytest.skip(f"PostgreSQL injoignable sur 127.0.0.1:5432 ({type(error).__name__})")
    yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as connection:
        connection.execute(sa.text(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        connection.execute(sa.text(f"DROP DATABASE {name}"))
    admin.dispose()
