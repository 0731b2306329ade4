"""Shared fixtures: the trained model, the real servers on free ports, the browser, the directory (seeded, broken)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from bot.directory import migrations
from bot.directory.database import session_for
from bot.directory.seed import seed_places, seed_services
from bot.nlu.training import model_path
from bot.paths import RESULTS
from bot.runtime.postgres import temporary_postgres
from bot.runtime.servers import free_port, start_servers
from bot.settings import load_settings
from tests.directory.ban_fixture import load_test_addresses
from tests.rules import RulesEngine

TEST_ORIGIN = "https://www.lehavre.fr"
# A port for pages the browser tests serve themselves; its origin is allowed by CORS.
TEST_PAGE_PORT = free_port()
TEST_PAGE_ORIGIN = f"http://127.0.0.1:{TEST_PAGE_PORT}"


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
    """A seeded SQLite directory for the whole session, also used by the servers, with the test
    address base (street-level locating is tested end to end)."""
    url = seeded_database(f"sqlite:///{tmp_path_factory.mktemp('directory') / 'directory.db'}")
    load_test_addresses(url)
    os.environ["DATABASE_URL"] = url
    return url


@pytest.fixture(scope="session")
def rules():
    """The rules engine, started once for the session (the servers below use it too)."""
    settings = replace(load_settings(), rules_host="127.0.0.1", rules_port=free_port(), rules_url="")
    engine = RulesEngine(settings, RESULTS / "logs" / "tests").start()
    yield engine
    engine.stop()


@pytest.fixture(scope="session")
def servers(model, directory_url, rules, tmp_path_factory):
    database = tmp_path_factory.mktemp("conversations") / "conversations.db"
    settings = replace(
        load_settings(),
        rasa_host="127.0.0.1",
        rasa_port=free_port(),
        action_port=free_port(),
        web_port=free_port(),
        log_level="INFO",
        tracker_store_url=f"sqlite:///{database}",
        rate_per_sender=60,
        rate_per_address=100_000,
        rules_url=rules.engine.url,
    )
    settings = replace(settings, cors_origins=(TEST_ORIGIN, settings.web_url, TEST_PAGE_ORIGIN))
    running = start_servers(settings, model, RESULTS / "logs" / "tests", web=True)
    yield running
    running.stop()


@pytest.fixture
def postgres_url():
    """A fresh PostgreSQL database on 127.0.0.1:5432, dropped afterwards."""
    with temporary_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from tests.web.support import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser context (own sessionStorage), French, closed after the test."""
    created = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    yield created
    created.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def broken_directory(monkeypatch, tmp_path):
    """DATABASE_URL names a file that is not a database: every directory call fails."""
    garbage = tmp_path / "broken.db"
    garbage.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{garbage}")
