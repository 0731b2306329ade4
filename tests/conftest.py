"""Shared fixtures: the trained model, the real servers started on free ports, the browser."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.paths import RESULTS
from bot.servers import free_port, start_servers
from bot.settings import load_settings
from bot.training import model_path

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


@pytest.fixture(scope="session")
def servers(model):
    settings = replace(load_settings(), rasa_host="127.0.0.1", rasa_port=free_port(),
                       action_port=free_port(), web_port=free_port(), log_level="INFO")
    settings = replace(settings, cors_origins=(TEST_ORIGIN, settings.web_url, TEST_PAGE_ORIGIN))
    running = start_servers(settings, model, RESULTS / "logs" / "tests", web=True)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from tests.web_support import CHROMIUM_ARGS, chromium_path

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
