"""Shared fixtures: the trained model and the real servers started on free ports."""
from __future__ import annotations

import os
from dataclasses import replace

import pytest

from bot.directory import migrations
from bot.directory.database import session_for
from bot.directory.seed import seed_places, seed_services
from bot.paths import RESULTS
from bot.servers import free_port, start_servers
from bot.settings import load_settings
from bot.training import model_path
from tests.postgres import temporary_postgres

TEST_ORIGIN = "https://www.lehavre.fr"


@pytest.fixture(scope="session")
def model():
    path = model_path()
    if not path.exists():
        pytest.fail("modèle absent ou périmé : lancez `make train` (make test le fait)")
    return path


def seeded_database(url: str) -> str:
    """Create the schema with the migrations and load the Le Havre seed."""
    migrations.upgrade(url)
    with session_for(url) as session:
        seed_places(session)
        report = seed_services(session)
    assert not report.rejected, report.summary()
    return url


@pytest.fixture(scope="session")
def directory_url(tmp_path_factory):
    """A seeded SQLite directory for the whole session, also used by the servers."""
    url = seeded_database(f"sqlite:///{tmp_path_factory.mktemp('directory') / 'directory.db'}")
    os.environ["DATABASE_URL"] = url
    return url


@pytest.fixture(scope="session")
def servers(model, directory_url, tmp_path_factory):
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
    with temporary_postgres() as url:
        yield url
