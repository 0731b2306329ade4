"""Several servers sharing the conversation database: each event stored once, in order, at its position."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversations.database import create_engine
from bot.conversations.session_cache import SessionCache
from bot.conversations.tracker_store import MaskingSQLTrackerStore
from bot.paths import ROOT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(ROOT / "domain.yml")


def turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(BotUttered(f"réponse à {text}"))
    tracker.update(ActionExecuted("action_listen"))


def stored(url: str, sender: str) -> list[tuple[int, str, str | None]]:
    with create_engine(url).connect() as connection:
        rows = connection.execute(
            sa.text("SELECT position, type_name, data FROM events WHERE sender_id = :s ORDER BY position"),
            {"s": sender},
        )
        return [(position, kind, json.loads(data).get("text")) for position, kind, data in rows]


def texts(url: str, sender: str) -> list[str]:
    return [text for _, kind, text in stored(url, sender) if kind == "user"]


def alternate_two_servers(url: str, domain) -> None:
    """Turns of one conversation handled in turn by two stores (two Rasa servers), each with its cache."""
    first, second = MaskingSQLTrackerStore(domain=domain, host=url), MaskingSQLTrackerStore(domain=domain, host=url)
    sent = [f"message {n}" for n in range(12)]
    for index, text in enumerate(sent):
        store = (first, second)[index % 2]
        tracker = asyncio.run(store.get_or_create_tracker("conv"))
        turn(tracker, text)
        asyncio.run(store.save(tracker))
        asyncio.run(store.save(tracker))  # saving again writes nothing more
    assert texts(url, "conv") == sent
    positions = [position for position, _, _ in stored(url, "conv")]
    assert positions == list(range(len(positions)))
    # Each store's tracker holds the whole conversation, whichever wrote the last turns.
    for store in (first, second):
        again = asyncio.run(store.retrieve("conv"))
        assert [e.text for e in again.events if isinstance(e, UserUttered)] == sent


def test_two_servers_alternating_store_each_event_once_in_order_sqlite(tmp_path, domain):
    alternate_two_servers(f"sqlite:///{tmp_path}/conversations.db", domain)


def test_two_servers_alternating_store_each_event_once_in_order_postgresql(postgres_url, domain):
    alternate_two_servers(postgres_url, domain)


def test_a_raced_save_stores_nothing_twice_and_says_so(tmp_path, domain, caplog):
    """Without the lock, two servers read the same state and both save: positions taken are not rewritten."""
    url = f"sqlite:///{tmp_path}/conversations.db"
    first, second = MaskingSQLTrackerStore(domain=domain, host=url), MaskingSQLTrackerStore(domain=domain, host=url)
    tracker = asyncio.run(first.get_or_create_tracker("conv"))
    turn(tracker, "bonjour")
    asyncio.run(first.save(tracker))
    one, other = asyncio.run(first.retrieve("conv")), asyncio.run(second.retrieve("conv"))
    turn(one, "premier")
    turn(other, "second")
    asyncio.run(first.save(one))
    with caplog.at_level(logging.WARNING):
        asyncio.run(second.save(other))
    assert texts(url, "conv") == ["bonjour", "premier"]
    assert "en même temps" in caplog.text
    fresh = asyncio.run(second.retrieve("conv"))
    assert [e.text for e in fresh.events if isinstance(e, UserUttered)] == ["bonjour", "premier"]


def test_a_table_of_rasas_store_is_numbered_and_kept(tmp_path, domain):
    url = f"sqlite:///{tmp_path}/conversations.db"
    old = SQLTrackerStore(domain=domain, host=url)
    for sender in ("a", "b"):
        tracker = DialogueStateTracker(sender, domain.slots)
        tracker.update(ActionExecuted("action_listen"))
        turn(tracker, f"ancien {sender}")
        asyncio.run(old.save(tracker))
    old.engine.dispose()
    store = MaskingSQLTrackerStore(domain=domain, host=url)
    assert [position for position, _, _ in stored(url, "a")] == [0, 1, 2, 3]
    tracker = asyncio.run(store.retrieve("a"))
    turn(tracker, "nouveau")
    asyncio.run(store.save(tracker))
    assert texts(url, "a") == ["ancien a", "nouveau"] and texts(url, "b") == ["ancien b"]
    assert [position for position, _, _ in stored(url, "a")] == list(range(7))


def test_the_tracker_read_back_is_the_latest_session(tmp_path, domain):
    url = f"sqlite:///{tmp_path}/conversations.db"
    writer, reader = MaskingSQLTrackerStore(domain=domain, host=url), MaskingSQLTrackerStore(domain=domain, host=url)
    tracker = asyncio.run(writer.get_or_create_tracker("conv"))
    turn(tracker, "hier")
    asyncio.run(writer.save(tracker))
    assert asyncio.run(reader.retrieve("conv")) is not None  # the reader caches the first session
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    turn(tracker, "aujourd'hui")
    asyncio.run(writer.save(tracker))
    for store in (writer, reader):
        session = asyncio.run(store.retrieve("conv"))
        assert [e.text for e in session.events if isinstance(e, UserUttered)] == ["aujourd'hui"]
    full = asyncio.run(reader.retrieve_full_tracker("conv"))
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["hier", "aujourd'hui"]
    assert asyncio.run(reader.keys()) == ["conv"]


def test_the_cache_is_bounded_and_forgets_unused_conversations():
    now = [0.0]
    cache = SessionCache(size=2, ttl=60, clock=lambda: now[0])
    for sender in ("a", "b", "c"):
        cache.put(sender, [SessionStarted()], 1)
    assert cache.get("a") is None and len(cache) == 2  # the oldest went first
    now[0] = 61
    assert cache.get("b") is None  # unused for longer than its ttl: a purged conversation is not kept
