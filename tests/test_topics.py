"""Interim topic answers: every topic answered, only sourced facts shown."""
import re
from datetime import date

import pytest

from bot.contacts import human_contacts_text
from bot.data_checks import contract_intents
from bot.knowledge import load
from bot.topics import topic_reply, topics

CONVERSATION = {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge",
                "ask_capabilities", "request_human", "out_of_scope", "inform"}


def test_every_topic_intent_of_the_contract_has_an_entry():
    expected = set(contract_intents()) - CONVERSATION
    assert set(topics()) == expected


@pytest.mark.parametrize("intent", sorted(load("topics")["topics"]))
def test_topic_reply_names_the_topic_and_points_to_official_help(intent):
    reply = topic_reply(intent)
    assert topics()[intent]["label"] in reply.text
    assert "3230" in reply.text or "monenfant.fr" in reply.text
    for link in topics()[intent]["links"]:
        assert link["url"] in reply.text
    urls = re.findall(r"https?://\S+", reply.text)
    assert urls and all(u.startswith("https://") for u in urls)


def test_topic_replies_state_no_amount():
    for intent in topics():
        assert "€" not in topic_reply(intent).text


def test_every_contact_has_source_date_and_status():
    for key, contact in load("contacts")["contacts"].items():
        assert contact["source"].strip(), key
        assert isinstance(contact["checked"], date), key
        assert contact["status"] in {"confirmed", "to_check"}, key


def test_links_have_a_source_and_a_date():
    defaults = load("topics")["link_defaults"]
    assert defaults["source"] and isinstance(defaults["checked"], date)
    for intent, topic in topics().items():
        for link in topic["links"]:
            assert link["url"].startswith("https://"), intent


def test_unconfirmed_contact_is_flagged(monkeypatch):
    from bot import contacts

    data = {"contacts": {"x": {"label": "CCAS", "phone": "01", "status": "to_check"}}}
    monkeypatch.setattr(contacts, "load", lambda name: data)
    assert contacts.contact_line("x").endswith("à vérifier")


def test_human_contacts_give_the_caf_number_and_the_city():
    text = human_contacts_text()
    assert "3230" in text and "02 35 19 45 45" in text and "caf.fr" in text
