"""Every stored event is masked: what the person typed, and the assistant's replies."""

from __future__ import annotations

from bot.conversations.events import mask_event, names_in


def test_a_user_event_is_masked_everywhere_the_text_appears():
    text = "mon tel 06 12 34 56 78 et j'ai 3 enfants"
    event = {
        "event": "user",
        "text": text,
        "timestamp": 1.0,
        "metadata": {"geo": {"lat": 49.12345, "lon": 0.1}},
        "parse_data": {
            "text": text,
            "intent": {"name": "request_human", "confidence": 0.9},
            "entities": [{"entity": "location", "value": "49.491700,0.116875", "start": 0, "end": 3}],
        },
    }
    masked = mask_event(event)
    assert masked["text"] == masked["parse_data"]["text"] == "mon tel [TÉLÉPHONE] et j'ai 3 enfants"
    assert masked["parse_data"]["entities"][0]["value"] == "49.49,0.12"
    assert masked["parse_data"]["intent"] == event["parse_data"]["intent"]
    assert masked["metadata"]["geo"] == {"lat": 49.12, "lon": 0.1}
    assert event["text"] == text  # the event the assistant works with is untouched


def test_slot_values_are_masked_names_included():
    assert mask_event({"event": "slot", "name": "location", "value": "49.491700,0.116875"})["value"] == "49.49,0.12"
    assert mask_event({"event": "slot", "name": "children_ages", "value": [3, 7]})["value"] == [3, 7]
    assert (
        mask_event({"event": "slot", "name": "location", "value": "chez Mme Fatima Benali"})["value"]
        == "chez Mme [NOM]"
    )


def test_replies_and_actions_are_masked_with_the_names_typed_in_the_same_batch():
    typed = [
        {"event": "user", "text": "je m'appelle Karim Haddad, tel 0612345678"},
        {"event": "slot", "name": "location", "value": "chez Mme Fatima Benali"},
    ]
    names = names_in(typed)
    assert names == {"Karim Haddad", "Fatima Benali"}
    bot = {
        "event": "bot",
        "text": "Bonjour Karim Haddad, appelez le 02 35 19 45 45",
        "timestamp": 1.5,
        "data": {"buttons": [{"title": "Fatima Benali", "payload": "/inform"}], "custom": {"n": 3}},
    }
    masked = mask_event(bot, names)
    assert masked["text"] == "Bonjour [NOM], appelez le [TÉLÉPHONE]"
    assert masked["data"] == {"buttons": [{"title": "[NOM]", "payload": "/inform"}], "custom": {"n": 3}}
    assert masked["timestamp"] == 1.5 and bot["text"].startswith("Bonjour Karim")
    action = {"event": "action", "name": "action_find_service", "policy": "RulePolicy", "confidence": 1.0}
    assert mask_event(action, names) == action
