"""The masking SQL tracker store, on SQLite and PostgreSQL, without the servers."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversations.database import create_engine, read_events
from bot.conversations.tracker_store import MaskingSQLTrackerStore
from bot.paths import ROOT
from bot.runtime.servers import free_port

PHONE = "06 12 34 56 78"
TEXT = f"rappelez moi au {PHONE}, j'ai 3 enfants, 12 rue Jean Macé, chez Mme Fatima Benali"


@pytest.fixture(scope="module")
def domain():
    return Domain.load(ROOT / "domain.yml")


def user_message(text: str, metadata: dict | None = None) -> UserUttered:
    parse_data = {
        "text": text,
        "intent": {"name": "request_human", "confidence": 0.93},
        "entities": [{"entity": "location", "value": "49.491700,0.116875", "start": 0, "end": 4}],
    }
    return UserUttered(text, parse_data["intent"], parse_data["entities"], parse_data, metadata=metadata)


def conversation(domain, sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(user_message(TEXT, {"audience": "agent", "geo": {"lat": 49.4917003, "lon": 0.1168751}}))
    tracker.update(SlotSet("location", "49.491700,0.116875"))
    tracker.update(BotUttered("Appelez le 02 35 19 45 45, Fatima Benali", {"custom": {"distance_m": 1200}}))
    return tracker


def stored_rows(url: str) -> list[dict]:
    return [event.data for event in read_events(create_engine(url), kinds=("user", "slot", "bot", "action"))]


def check_masked_storage(url: str, domain) -> None:
    store = MaskingSQLTrackerStore(domain=domain, host=url)
    tracker = conversation(domain, "conv-1")
    asyncio.run(store.save(tracker))
    tracker.update(user_message("merci"))
    asyncio.run(store.save(tracker))

    rows = stored_rows(url)
    raw = json.dumps(rows, ensure_ascii=False)
    assert PHONE not in raw and "0.116875" not in raw and "49.4917003" not in raw
    assert "Fatima" not in raw and "Benali" not in raw
    users = [row for row in rows if row["event"] == "user"]
    assert [u["text"] for u in users] == [
        "rappelez moi au [TÉLÉPHONE], j'ai 3 enfants, [N°] rue Jean Macé, chez Mme [NOM]",
        "merci",
    ]
    assert users[0]["parse_data"]["text"] == users[0]["text"]
    assert users[0]["parse_data"]["intent"]["name"] == "request_human"
    assert users[0]["metadata"] == {"audience": "agent", "geo": {"lat": 49.49, "lon": 0.12}}
    assert [r["value"] for r in rows if r["event"] == "slot"] == ["49.49,0.12"]
    # The reply is masked too: numbers, and the names the person typed.
    assert [r["text"] for r in rows if r["event"] == "bot"] == ["Appelez le [TÉLÉPHONE], [NOM]"]
    assert len(rows) == 5  # saved twice, each event once

    # The tracker read back is the masked one, with the same events.
    again = asyncio.run(store.retrieve("conv-1"))
    assert [e.text for e in again.events if isinstance(e, UserUttered)][0].startswith("rappelez moi au [TÉLÉPHONE]")
    assert again.get_slot("location") == "49.49,0.12"
    # The tracker the assistant works with is not changed by saving.
    assert PHONE in tracker.events[1].text


def test_sqlite_store_masks_before_storing(tmp_path, domain):
    check_masked_storage(f"sqlite:///{tmp_path}/sub/dir/conversations.db", domain)


def test_postgresql_store_masks_before_storing(postgres_url, domain):
    check_masked_storage(postgres_url, domain)


def test_an_unreachable_database_gives_a_clear_error_keeps_nothing_and_fails_fast(domain, caplog, monkeypatch):
    from bot.conversations import availability

    health = availability.StoreHealth(retry_after=60)
    monkeypatch.setattr(availability, "STORE_HEALTH", health)
    monkeypatch.setattr("bot.conversations.tracker_store.STORE_HEALTH", health)
    url = f"postgresql://postgres:secret-password@127.0.0.1:{free_port()}/conversations"
    with caplog.at_level(logging.ERROR):
        store = MaskingSQLTrackerStore(domain=domain, host=url)
    assert "Base des conversations injoignable" in caplog.text and "TRACKER_STORE_URL" in caplog.text
    assert "secret-password" not in caplog.text
    assert health.is_down()
    started = time.monotonic()
    asyncio.run(store.save(conversation(domain, "conv-2")))  # nothing raised, nothing kept
    assert asyncio.run(store.retrieve("conv-2")) is None
    assert time.monotonic() - started < 0.5  # no connection timeout while the database is known down
    assert caplog.text.count("Base des conversations injoignable") == 1  # said once per outage


def test_the_health_record_retries_after_its_delay_and_says_when_it_is_back(caplog):
    from bot.conversations.availability import StoreHealth

    now = [100.0]
    health = StoreHealth(retry_after=10, clock=lambda: now[0])
    health.failed("db", OSError())
    assert health.is_down()
    now[0] += 11
    assert not health.is_down()  # time for one try
    with caplog.at_level(logging.WARNING):
        health.succeeded()
    assert "de nouveau joignable" in caplog.text and not health.is_down()
