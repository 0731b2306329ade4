"""The chat's web server: only web/'s files, the assistant's address in the pages, strict headers."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from bot.runtime.web_server import WEB_ROOT, resolve
from tests.web.support import page_server

BOT_URL = "http://127.0.0.1:5999"


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def site():
    with page_server(BOT_URL) as base:
        yield base


def test_the_demo_page_embeds_the_chat_with_the_assistant_address(site):
    status, headers, body = get(site + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'<script src="chat.js" data-bot-url="{BOT_URL}"' in body and '<html lang="fr">' in body
    assert "{{BOT_URL}}" not in body


def test_pages_forbid_inline_scripts_and_third_parties(site):
    csp = get(site + "/console.html")[1]["Content-Security-Policy"]
    assert "script-src 'self';" in csp and f"connect-src 'self' {BOT_URL};" in csp
    assert "unsafe-inline" not in csp and "*" not in csp


def test_the_widget_files_are_served_with_their_types(site):
    assert get(site + "/chat.js")[1]["Content-Type"].startswith("text/javascript")
    assert get(site + "/chat.css")[1]["Content-Type"].startswith("text/css")


@pytest.mark.parametrize("path", ["/../bot/settings.py", "/%2e%2e/.env", "/nothing.html", "/web/"])
def test_nothing_outside_web_is_served(site, path):
    status, _, body = get(site + path)
    assert status == 404 and "RASA_AUTH_TOKEN" not in body


def test_resolve_stays_inside_web():
    assert resolve(WEB_ROOT, "/") == WEB_ROOT / "index.html"
    assert resolve(WEB_ROOT, "/../.env.example") is None
