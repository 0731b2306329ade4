"""action_give_contacts: the real people to reach, from data/knowledge/contacts.yml."""

from __future__ import annotations

from actions.contacts import ActionGiveContacts
from bot.knowledge.contacts import contact, human_contacts_text


def test_a_person_who_wants_a_human_gets_the_real_contacts(tracker, run_action):
    events, messages = run_action(ActionGiveContacts(), tracker("je veux parler à quelqu'un", intent="request_human"))
    assert events == [] and len(messages) == 1
    assert messages[0]["text"] == human_contacts_text()
    assert contact("caf_phone")["phone"] in messages[0]["text"]
    assert contact("hotel_de_ville")["phone"] in messages[0]["text"]
    assert messages[0]["buttons"] == [] and messages[0]["custom"] == {}
