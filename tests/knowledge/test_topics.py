"""Topic catalogue and interim answers: every topic answered, only sourced facts shown."""

from datetime import date

from bot.checks.examples import added_intents, contract_intents
from bot.knowledge.contacts import human_contacts_text
from bot.knowledge.entries import load_entries
from bot.knowledge.files import load
from bot.knowledge.topics import topics

CONVERSATION = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "ask_capabilities",
    "request_human",
    "out_of_scope",
    "inform",
}


def test_every_topic_intent_of_the_contract_is_in_the_catalogue():
    """Trainers' benefit topics (bot intent new --benefit) join the catalogue too."""
    assert set(contract_intents()) - CONVERSATION <= set(topics())
    assert set(topics()) <= set(contract_intents()) | set(added_intents())


def test_every_topic_has_a_knowledge_entry_or_is_answered_by_the_directory():
    for intent, topic in topics().items():
        assert (intent in load_entries()) != (topic.get("answered_by") == "directory"), intent


def test_every_contact_has_source_date_and_status():
    for key, contact in load("contacts")["contacts"].items():
        assert contact["source"].strip(), key
        assert isinstance(contact["checked"], date), key
        assert contact["status"] in {"confirmed", "to_check"}, key


def test_unconfirmed_contact_is_flagged(monkeypatch):
    from bot.knowledge import contacts

    data = {"contacts": {"x": {"label": "CCAS", "phone": "01", "status": "to_check"}}}
    monkeypatch.setattr(contacts, "load", lambda name: data)
    assert contacts.contact_line("x").endswith("à vérifier")


def test_human_contacts_give_the_caf_number_and_the_city():
    text = human_contacts_text()
    assert "3230" in text and "02 35 19 45 45" in text and "caf.fr" in text
