"""The Redis lock store of the cluster (the local Redis on 127.0.0.1:6379), shared by several servers."""

from __future__ import annotations

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.conversations.lock_store import AtomicRedisLockStore

URL = "redis://127.0.0.1:6379/15"  # a database of its own, keys of the tests only


@pytest.fixture
def stores():
    first, second = AtomicRedisLockStore(url=URL), AtomicRedisLockStore(url=URL)
    try:
        first.red.ping()
    except Exception as error:
        pytest.fail(f"Redis ne répond pas sur 127.0.0.1:6379 ({error})")
    return first, second


def test_tickets_issued_at_once_by_two_servers_are_all_different(stores):
    conversation = uuid.uuid4().hex
    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(lambda n: stores[n % 2].issue_ticket(conversation, 30), range(200)))
    assert sorted(tickets) == list(range(200))
    assert len(stores[0].get_lock(conversation).tickets) == 200


def test_turns_of_one_conversation_run_one_at_a_time_across_servers(stores):
    conversation, inside, overlaps = uuid.uuid4().hex, [0], []

    async def turn(store) -> None:
        async with store.lock(conversation, 30, wait_time_in_seconds=0.01):
            inside[0] += 1
            overlaps.append(inside[0])
            await asyncio.sleep(0.02)
            inside[0] -= 1

    async def both() -> None:
        await asyncio.gather(*(turn(stores[n % 2]) for n in range(10)))

    asyncio.run(both())
    assert max(overlaps) == 1
    assert stores[0].get_lock(conversation) is None  # the key goes with the last ticket


def seconds_until_served(store, conversation: str, lifetime: float, wait: float) -> float:
    """How long the next turn of the conversation waited for its lock on this server."""

    async def next_turn() -> float:
        started = time.monotonic()
        async with store.lock(conversation, lifetime, wait_time_in_seconds=wait):
            return time.monotonic() - started

    return asyncio.run(next_turn())


def test_a_server_killed_holding_a_conversation_frees_it_after_the_lifetime(stores):
    conversation = uuid.uuid4().hex
    stores[0].issue_ticket(conversation, 1)  # then the server dies: its ticket is never finished
    assert 0.5 < seconds_until_served(stores[1], conversation, lifetime=30, wait=0.1) < 3
    assert stores[0].red.ttl(stores[0].key_prefix + conversation) == -2  # gone after the turn


def test_a_turn_queued_behind_a_dead_servers_ticket_of_the_same_lifetime_is_served(stores):
    """The waiting ticket would expire a moment after the dead one: it is kept alive while it waits."""
    conversation = uuid.uuid4().hex
    stores[0].issue_ticket(conversation, 2)  # the server dies holding the conversation
    assert 1 < seconds_until_served(stores[1], conversation, lifetime=2, wait=1) < 5
    assert stores[0].red.ttl(stores[0].key_prefix + conversation) == -2  # gone after the turn
