"""`make cluster`'s topology under load: HAProxy, two Rasa instances and two action servers, one database.

Loopback only, bounded: 50 users × 20 messages per load. The cluster's conversations go to a
PostgreSQL server of the test's own (bot/runtime/private_postgres.py), so that it can be restarted.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.conversations.database import create_engine
from bot.paths import RESULTS
from bot.runtime.cluster import backends, start_cluster
from bot.runtime.haproxy import haproxy_executable
from bot.runtime.load import CONVERSATION, LoadResult, run_load
from bot.runtime.private_postgres import private_postgres
from bot.runtime.servers import free_ports
from bot.settings import ClusterSettings, load_settings

pytestmark = [pytest.mark.cluster, pytest.mark.rules]
USERS, TURNS = 50, len(CONVERSATION)
LOGS = RESULTS / "logs" / "tests-cluster"


@pytest.fixture(scope="module")
def postgres():
    with private_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def cluster(model, directory_url, rules, postgres, tmp_path_factory):
    first = free_ports(8)
    topology = ClusterSettings(
        port=first,
        actions_port=first + 1,
        rasa_first_port=first + 2,
        action_first_port=first + 4,
        web_port=first + 6,
        instances=2,
        workers=1,
        tracker_store_url=postgres.url,
        lock_store_url="redis://127.0.0.1:6379/14",
    )
    settings = replace(
        load_settings(),
        rules_url=rules.engine.url,
        log_level="INFO",
        rate_per_sender=10_000,
        rate_per_address=1_000_000,
    )
    running = start_cluster(settings, topology, model, LOGS, tmp_path_factory.mktemp("cluster"), haproxy_executable())
    yield running
    running.stop()


def webhook(cluster) -> str:
    return f"{cluster.url}/webhooks/rest/webhook"


def load_while(
    cluster, during=None, users: int = USERS, prefix: str = "load", pause: float = 0.0, on_turn=None
) -> LoadResult:
    """The load in a thread; meanwhile the test's thread keeps the cluster supervised and runs `during`."""
    result: list[LoadResult] = []
    thread = threading.Thread(
        target=lambda: result.append(
            run_load(webhook(cluster), users, TURNS, prefix=prefix, pause=pause, on_turn=on_turn)
        )
    )
    thread.start()
    while thread.is_alive():
        cluster.watch()
        if during:
            during()
        time.sleep(0.2)
    return result[0]


def stored_user_messages(cluster, prefix: str) -> dict[str, list[str]]:
    with create_engine(cluster.cluster.tracker_store_url).connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id LIKE :prefix "
                "ORDER BY sender_id, position"
            ),
            {"prefix": f"{prefix}-%"},
        )
        stored: dict[str, list[str]] = {}
        for sender, data in rows:
            stored.setdefault(sender, []).append(json.loads(data)["text"])
    return stored


def what_went_wrong(last: int = 20) -> str:
    """The servers' state changes and errors logged so far (HAProxy's and the instances'), for a failure's message."""
    marks = ("is DOWN", "is UP", "NOSRV", "no server available", "ERROR")
    lines = [
        line.strip()
        for log in sorted(LOGS.glob("*.log"))
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if any(mark in line for mark in marks) and not line.startswith("Server ")
    ]
    return "\n".join(lines[-last:])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_fifty_users_through_haproxy_every_message_stored_once_in_order(cluster):
    pids = [cluster.supervisor.pid(name) for name in cluster.rasa_names()]
    before = [cpu_seconds(pid) for pid in pids]
    result = load_while(cluster, prefix="exact")
    assert not result.failed, (Counter(turn.status for turn in result.failed), what_went_wrong())
    assert not result.unanswered, (result.unanswered[:5], what_went_wrong())
    assert stored_user_messages(cluster, "exact") == result.sent()
    assert len(result.sent()) == USERS and all(len(sent) == TURNS for sent in result.sent().values())
    # Both instances took their share: every conversation was served by the two of them in turn.
    assert all(cpu_seconds(pid) - cpu > 5 for pid, cpu in zip(pids, before))


def test_an_instance_and_an_action_server_killed_midway(cluster):
    victims = {name: cluster.supervisor.pid(name) for name in ("rasa-1", "actions-1")}
    killed: list[float] = []
    answered: list = []

    def kill_midway() -> None:  # a third of the way through the load, however fast the machine
        if not killed and len(answered) >= USERS * TURNS // 3:
            for pid in victims.values():
                os.kill(pid, signal.SIGKILL)
            killed.append(time.monotonic())

    result = load_while(cluster, kill_midway, prefix="killed", on_turn=answered.append)
    assert killed, "the load ended before the kill"
    assert len(result.failed) <= 0.01 * len(result.turns), (
        Counter(turn.status for turn in result.failed),
        what_went_wrong(),
    )
    # No answer lost on the way: an action server killed midway, its calls are sent to the other one.
    assert not result.unanswered, (result.unanswered[:5], what_went_wrong())
    # The conversations go on with their history: what was answered is stored, in order, once.
    stored = stored_user_messages(cluster, "killed")
    for sender, sent in result.sent().items():
        assert stored[sender] == sent or _answered_in_order(stored[sender], sent), (sender, stored[sender])
    # The dead come back and HAProxy sends them traffic again.
    rasa, actions, _ = backends(cluster.cluster)
    deadline = time.monotonic() + 300
    for name, url in (
        ("rasa-1", f"http://{rasa.servers[0][1]}:{rasa.servers[0][2]}/"),
        ("actions-1", f"http://{actions.servers[0][1]}:{actions.servers[0][2]}/health"),
    ):
        while not _answers(url):
            assert time.monotonic() < deadline, f"{name} n'est pas revenu"
            cluster.watch()
            time.sleep(0.5)
        assert cluster.supervisor.pid(name) not in (None, victims[name])
    again = run_load(webhook(cluster), 4, 4, prefix="after")
    assert not again.failed


def _answered_in_order(stored: list[str], sent: list[str]) -> bool:
    """Every answered message stored in order; a message whose answer was lost may be stored too, once."""
    remaining = iter(stored)
    return all(any(text == candidate for candidate in remaining) for text in sent) and max(
        Counter(stored).values()
    ) <= max(Counter(sent).values())


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_postgresql_restarted_midway_the_service_recovers_without_restart(cluster, postgres):
    pids = {name: cluster.supervisor.pid(name) for name in cluster.rasa_names()}
    restarted: list[float] = []

    def restart_midway() -> None:
        if not restarted and time.monotonic() - started > 5:
            postgres.restart(down_for=3)
            restarted.append(time.monotonic())

    started = time.monotonic()
    result = load_while(cluster, restart_midway, users=10, prefix="pg", pause=1.5)
    assert restarted
    # While the database is away: the French « service indisponible » notice, nothing else.
    assert result.failed and {turn.status for turn in result.failed} <= {503}
    # Then it answers again by itself, same processes, and the conversations carry on.
    back = [turn for turn in result.turns if turn.started > restarted[0] + 12]  # the store retries after 10 s
    assert back and all(turn.ok for turn in back)
    assert {name: cluster.supervisor.pid(name) for name in cluster.rasa_names()} == pids
    stored = stored_user_messages(cluster, "pg")
    for sender, sent in result.sent().items():
        assert _answered_in_order(stored[sender], sent), (sender, stored[sender], sent)
