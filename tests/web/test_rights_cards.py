"""The rights screening's answer in a real browser: the families' cards and the agents' card, built by the same
Python code as the assistant (bot/rights/results.py) and served by a small fake assistant; axe scan."""

from __future__ import annotations

import pytest

from bot.rights.results import agent_reply, family_reply
from tests.rights.test_results import FAMILY, SIMULATION, TODAY
from tests.web.support import (
    DESKTOP,
    FakeAssistant,
    ask,
    open_chat,
    page_server,
    screenshot,
    serious_violations,
    serving,
)

pytestmark = pytest.mark.browser


def as_rest(reply) -> list[dict]:
    """The reply as the REST channel sends it: text and buttons, then the structured data."""
    return [
        {"recipient_id": "t", "text": reply.text, "buttons": reply.buttons},
        {"recipient_id": "t", "custom": reply.custom},
    ]


def test_families_see_one_card_per_right_with_amount_why_and_how_to_apply(page):
    fake = FakeAssistant(as_rest(family_reply(FAMILY, SIMULATION, TODAY)))
    with serving(fake), page_server(fake.url) as base:
        open_chat(page, base)
        ask(page, "à quoi j'ai droit ?")
        cards = page.locator(".lhc-right")
        assert cards.count() == 6
        birth = cards.filter(has_text="Prime à la naissance")
        assert "une fois, avant la naissance" in birth.locator(".lhc-right-amount").inner_text()  # not « par mois »
        first = cards.first
        assert first.locator(".lhc-card-title").inner_text() == "Allocations familiales (AF)"
        assert "environ 423 € par mois" in first.locator(".lhc-right-amount").inner_text()
        assert "estimation" in first.inner_text() and "revenus sous le premier plafond" in first.inner_text()
        assert page.get_by_text("Non calculé", exact=True).is_visible()
        bubble = page.locator(".lhc-from-bot .lhc-bubble").first.inner_text()
        assert "• " not in bubble and "Seule la CAF décide" in bubble  # the cards replace the « • » lines
        assert page.get_by_role("button", name="Demander : Allocations familiales").is_visible()
        assert serious_violations(page) == []
        screenshot(page, "droits-famille")


def test_agents_see_the_rights_card_and_copy_its_summary(browser):
    fake = FakeAssistant(as_rest(agent_reply(FAMILY, SIMULATION, TODAY)))
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        with serving(fake), page_server(fake.url) as base:
            page.goto(base + "/console.html")
            ask(
                page,
                "une dame, 3 enfants de 4, 9 et 15 ans, en couple, 2500 €, locataire 650 €",
                label="Question de la personne",
            )
            card = page.locator(".sc-card")
            headings = [h.upper() for h in card.locator(".sc-heading").all_inner_texts()]
            assert headings[:2] == ["SITUATION RETENUE", "DROITS POSSIBLES"] and "PIÈCES À PRÉPARER" in headings
            assert "Référence" in card.locator(".sc-rights").inner_text()
            card.get_by_role("button", name="Copier le résumé").click()
            card.get_by_text("Résumé copié").wait_for()
            summary = page.evaluate("navigator.clipboard.readText()")
            assert summary.startswith("Vos droits possibles (estimation)") and "Votre situation :" in summary
            assert "Allocations familiales (AF) : environ 423 € par mois" in summary and "<" not in summary
            assert serious_violations(page) == []
            screenshot(page, "droits-agent")
    finally:
        context.close()
