"""The families' chat in a real browser, against the real Rasa and action servers."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.conftest import TEST_PAGE_PORT
from tests.web.support import DESKTOP, PHONE, Relay, ask, open_chat, page_server, screenshot, serious_violations

pytestmark = [pytest.mark.servers, pytest.mark.browser]

UNAVAILABLE = "Le service est momentanément indisponible. Vous pouvez appeler la CAF au 3230"
ARS_SOURCE = "https://www.service-public.fr/particuliers/vosdroits/F1878"


@pytest.fixture
def chat(page, servers):
    open_chat(page, servers.settings.web_url)
    return page


def last_answer(page):
    return page.locator(".lhc-from-bot").last


def test_a_typed_question_gets_its_answer_with_the_source_and_date(chat):
    ask(chat, "c koi l'allocation de rentree scolaire")
    answer = last_answer(chat)
    assert "Allocation de rentrée scolaire (ARS)" in answer.inner_text()
    source = answer.locator(".lhc-source")
    assert re.search(r"vérifiée le \d\d/\d\d/\d{4}", source.inner_text())
    assert source.get_by_role("link").get_attribute("href") == ARS_SOURCE
    assert "Source :" not in answer.locator(".lhc-bubble").inner_text()  # shown once, as the link


def test_a_quick_reply_answers_its_facet(chat):
    ask(chat, "allocation de rentrée scolaire")
    last_answer(chat).get_by_role("button", name="Montants").click()
    chat.locator(".lhc-from-bot").nth(1).wait_for(timeout=60_000)
    text = last_answer(chat).inner_text()
    assert "Montants" in text and "€" in text
    assert chat.locator(".lhc-from-user").last.inner_text().endswith("Montants")


def focused(page, expression: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def test_a_keyboard_only_conversation(page, servers):
    page.goto(servers.settings.web_url)
    for _ in range(15):
        page.keyboard.press("Tab")
        if focused(page, "el.classList.contains('lhc-launcher')"):
            break
    else:
        pytest.fail("le bouton d'ouverture du chat n'est pas atteignable au clavier")
    assert focused(page, "getComputedStyle(el).outlineStyle") == "solid"  # visible focus
    page.keyboard.press("Enter")
    assert focused(page, "el.getAttribute('id')").endswith("-input")
    page.keyboard.type("allocation de rentrée scolaire")
    page.keyboard.press("Enter")
    page.locator(".lhc-from-bot").first.wait_for(timeout=60_000)
    page.keyboard.press("Shift+Tab")  # from the input back to the last quick reply
    assert focused(page, "el.classList.contains('lhc-quick')")
    assert focused(page, "getComputedStyle(el).outlineStyle") == "solid"
    title = focused(page, "el.textContent")
    page.keyboard.press("Enter")
    page.locator(".lhc-from-bot").nth(1).wait_for(timeout=60_000)
    assert page.locator(".lhc-from-user").last.inner_text().endswith(title)
    page.keyboard.press("Escape")
    assert page.locator(".lhc-panel").is_hidden()
    assert focused(page, "el.classList.contains('lhc-launcher')")


def test_typed_html_is_shown_as_text_and_runs_nothing(chat):
    typed = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    ask(chat, typed)
    assert chat.locator(".lhc-from-user").last.inner_text().endswith(typed)
    assert chat.locator(".lhc-log img, .lhc-log script").count() == 0
    assert chat.evaluate("window.__pwned") is None
    assert "Traceback" not in last_answer(chat).inner_text()


def test_when_the_server_stops_the_chat_says_so_and_keeps_the_message(page, servers):
    relay = Relay(servers.settings.rasa_port)
    relay.start()
    try:
        with page_server(relay.url, port=TEST_PAGE_PORT) as base:
            open_chat(page, base)
            ask(page, "bonjour")
            relay.stop()
            page.get_by_label("Votre question").fill("allocations familiales")
            page.get_by_role("button", name="Envoyer").click()
            page.get_by_text(UNAVAILABLE).wait_for()
            assert page.get_by_label("Votre question").input_value() == "allocations familiales"
            assert page.get_by_role("link", name="3230").get_attribute("href") == "tel:3230"
            relay.start()  # the server is back: the kept message can be sent again
            page.get_by_role("button", name="Envoyer").click()
            page.locator(".lhc-from-bot").nth(1).wait_for(timeout=60_000)
            assert "Allocations familiales" in last_answer(page).inner_text()
    finally:
        relay.stop()


def test_a_page_of_an_origin_not_allowed_gets_no_answer(page, servers):
    with page_server(servers.settings.rasa_url) as base:  # a port that is not in CORS_ORIGINS
        open_chat(page, base)
        page.get_by_label("Votre question").fill("bonjour")
        page.get_by_role("button", name="Envoyer").click()
        page.get_by_text(UNAVAILABLE).wait_for()


def test_the_pages_and_requests_carry_no_token(page, servers):
    token = servers.settings.auth_token
    for path in ("/", "/console.html", "/chat.js", "/console.js"):
        with urllib.request.urlopen(servers.settings.web_url + path, timeout=10) as response:
            assert token not in response.read().decode()
    requests = []
    page.on("request", lambda request: requests.append(request.url + (request.post_data or "")))
    open_chat(page, servers.settings.web_url)
    ask(page, "bonjour")
    assert requests and not any(token in r or "token=" in r for r in requests)


def test_me_localiser_shows_the_nearest_services(browser, servers):
    """Geolocation granted by the browser: the nearest services from the directory, as cards."""
    context = browser.new_context(
        locale="fr-FR", geolocation={"latitude": 49.4938, "longitude": 0.1077}, permissions=["geolocation"]
    )
    page = context.new_page()
    try:
        open_chat(page, servers.settings.web_url)
        ask(page, "je cherche une crèche")
        page.get_by_role("button", name="Me localiser").last.click()
        page.locator(".lhc-card").first.wait_for(timeout=60_000)
        card = page.locator(".lhc-card").first.inner_text()
        assert " m" in card or " km" in card  # a distance from the position
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_chat_is_accessible_at_phone_and_desktop_widths(browser, servers, viewport):
    context = browser.new_context(locale="fr-FR", viewport=viewport)
    page = context.new_page()
    try:
        open_chat(page, servers.settings.web_url)
        notice = page.locator(".lhc-notice").inner_text()  # before the first message
        assert "90 jours" in notice and "02 35 19 45 45" in notice and "Aucun cookie" in notice
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert serious_violations(page) == []
        ask(page, "c'est quoi l'allocation de rentrée scolaire")
        name = "phone-360" if viewport is PHONE else "desktop-1280"
        screenshot(page, f"chat-{name}")
        assert serious_violations(page) == []
        page.get_by_role("button", name="Fermer").click()
        screenshot(page, f"chat-{name}-closed")
        assert serious_violations(page) == []
    finally:
        context.close()
