"""The front-desk console in a real browser, against the real Rasa and action servers."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.web.support import DESKTOP, ask, screenshot, serious_violations

pytestmark = [pytest.mark.servers, pytest.mark.browser]

QUESTION = "Question de la personne"


@pytest.fixture
def console(browser, servers):
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(servers.settings.web_url + "/console.html")
    page.get_by_label(QUESTION).wait_for()
    yield page
    context.close()


def sender(page) -> str:
    return page.evaluate("JSON.parse(sessionStorage.getItem('lhc-chat-agent')).sender")


def test_the_console_says_it_is_an_aid(console):
    aid = console.locator(".console-aid").inner_text()
    assert "Vous restez responsable de ce que vous dites" in aid


def test_a_question_shows_the_script_card_for_agents(console, servers):
    ask(console, "une usagère me demande pour la prime de naissance", label=QUESTION)
    card = console.locator(".sc-card")
    assert card.count() == 1
    assert card.locator(".sc-title").inner_text().startswith("Prime à la naissance")
    headings = card.locator(".sc-heading").all_inner_texts()
    for expected in ("À DIRE", "À DEMANDER", "PIÈCES À PRÉPARER", "ORIENTER VERS", "SOURCES"):
        assert expected in [h.upper() for h in headings]
    assert card.locator(".sc-sources a").first.get_attribute("href").startswith("https://")
    # The card replaces the same content as text: shown once.
    assert console.locator(".lhc-from-bot .lhc-bubble", has_text="Fiche agent").count() == 0
    # The messages went with audience "agent" (read back from the conversation).
    url = f"{servers.settings.rasa_url}/conversations/{sender(console)}/tracker?token={servers.settings.auth_token}"
    with urllib.request.urlopen(url, timeout=10) as response:
        users = [e for e in json.load(response)["events"] if e["event"] == "user"]
    assert users[-1]["metadata"]["audience"] == "agent"


def test_copier_le_resume_puts_a_plain_text_summary_on_the_clipboard(console):
    ask(console, "allocation de rentrée scolaire", label=QUESTION)
    card = console.locator(".sc-card")
    card.get_by_role("button", name="Copier le résumé").click()
    card.get_by_text("Résumé copié").wait_for()
    summary = console.evaluate("navigator.clipboard.readText()")
    assert summary.startswith("Allocation de rentrée scolaire (ARS)")
    assert "À retenir :" in summary and "Où s'adresser :" in summary
    assert "https://www.service-public.fr/particuliers/vosdroits/F1878" in summary
    assert "<" not in summary and re.search(r"vérifiées le \d\d/\d\d/\d{4}", summary)


def test_nouvelle_personne_starts_a_clean_conversation(console):
    ask(console, "allocation de rentrée scolaire", label=QUESTION)
    first = sender(console)
    console.get_by_role("button", name="Nouvelle personne").click()
    assert console.locator(".lhc-turn").count() == 0 and sender(console) != first
    console.reload()
    assert console.locator(".lhc-turn").count() == 0


def test_the_console_is_accessible(console):
    assert serious_violations(console) == []
    ask(console, "une usagère me demande pour la prime de naissance", label=QUESTION)
    screenshot(console, "console-desktop-1280")
    assert serious_violations(console) == []
