"""Real conversations with the assistant are stored masked, then reviewed, counted and purged."""

from __future__ import annotations

import csv
import json
import time
import uuid

import pytest

from bot.commands.cli import main
from bot.conversations.database import create_engine, read_events
from tests.rest import http, say

pytestmark = pytest.mark.servers

NONSENSE = ["zorglub flimp wazaa", "Zorglub, flimp wazaa !", "zorglub flimp wazaaa", "ZORGLUB FLIMP WAZAA"]
PERSONAL = "mon numéro allocataire 1234567, rappelez moi au 06 12 34 56 78"
GEO = {"lat": 49.4917003, "lon": 0.1168751}


@pytest.fixture(scope="module")
def conversations(servers):
    """Talk to the assistant; return the database URL and the senders used."""
    senders = [uuid.uuid4().hex for _ in range(3)]
    for text in NONSENSE:
        say(servers, text, sender=senders[0])
    replies = say(servers, PERSONAL, metadata={"audience": "family", "geo": GEO}, sender=senders[1])
    say(servers, "je cherche la PMI la plus proche de Sanvic", sender=senders[2])
    say(servers, "bonjour", sender=senders[2])
    return servers.settings.tracker_store_url, senders, replies


def mine(url: str, senders: list[str]):
    return [e for e in read_events(create_engine(url), kinds=("user", "slot", "bot")) if e.sender_id in senders]


def test_the_assistant_understands_but_stores_only_masked_identifiers(conversations):
    url, senders, replies = conversations
    assert replies and replies[0].get("text")  # it answered the message as typed
    stored = mine(url, senders)
    raw = json.dumps([e.data for e in stored], ensure_ascii=False)
    assert "1234567" not in raw and "06 12 34 56 78" not in raw and "0.1168751" not in raw
    personal = [e.data for e in stored if e.kind == "user" and e.sender_id == senders[1]][0]
    assert personal["text"] == "mon numéro allocataire [N° ALLOCATAIRE], rappelez moi au [TÉLÉPHONE]"
    assert personal["metadata"]["geo"] == {"lat": 49.49, "lon": 0.12}
    assert personal["metadata"]["audience"] == "family"
    assert [e.data["text"] for e in stored if e.kind == "user" and e.sender_id == senders[0]] == NONSENSE


def test_review_lists_misunderstood_messages_grouped_and_counted(conversations, tmp_path, capsys):
    url, _, _ = conversations
    out = tmp_path / "revue.csv"
    assert main(["review", "--db", url, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Fichier à compléter" in printed
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    nonsense = [r for r in rows if r["message"] in NONSENSE]
    assert len(nonsense) == 1, rows
    assert int(nonsense[0]["nombre"]) == len(NONSENSE)
    assert len(nonsense[0]["variantes"].split(" | ")) == len(NONSENSE) - 1
    assert nonsense[0]["intention_devinee"] and nonsense[0]["intention_devinee"] != "nlu_fallback"
    assert not any(r["message"] == "bonjour" for r in rows)  # understood messages are not listed
    assert nonsense[0]["message"] in printed


def test_stats_count_the_real_conversations_and_draw_a_chart(conversations, tmp_path, capsys):
    url, _, _ = conversations
    chart = tmp_path / "stats.png"
    assert main(["stats", "--db", url, "--chart", str(chart)]) == 0
    printed = capsys.readouterr().out
    assert chart.read_bytes().startswith(b"\x89PNG")
    conversations_line = next(line for line in printed.splitlines() if line.strip().startswith("conversations"))
    assert int(conversations_line.split()[-1]) >= 3
    assert "Sanvic" in printed and "pmi" in printed and "nlu_fallback" in printed


def test_purge_keeps_recent_conversations(conversations, capsys):
    url, senders, _ = conversations
    assert main(["conversations", "purge", "--db", url, "--days", "1"]) == 0
    assert "0 conversation(s)" in capsys.readouterr().out
    assert {e.sender_id for e in mine(url, senders)} == set(senders)


def test_an_unreachable_database_gets_a_clear_answer_quickly_and_the_address_limit_holds(model, servers, tmp_path):
    from dataclasses import replace

    from bot.runtime.servers import free_port, start_servers

    url = f"postgresql://postgres:motdepasse@127.0.0.1:{free_port()}/conversations"
    settings = replace(
        servers.settings, rasa_port=free_port(), action_port=free_port(), tracker_store_url=url, rate_per_address=4
    )
    running = start_servers(settings, model, tmp_path / "logs")
    webhook = f"{settings.rasa_url}/webhooks/rest/webhook"
    try:
        answers = []
        for text in ["bonjour", "je voudrais parler a un conseiller svp", "bonjour"]:
            started = time.monotonic()
            status, _, payload = http(webhook, {"sender": uuid.uuid4().hex, "message": text})
            answers.append((status, json.loads(payload)[0]["text"], time.monotonic() - started))
    finally:
        running.stop()
    assert [status for status, _, _ in answers[:2]] == [503] * 2
    assert all("momentanément indisponible" in text and "3230" in text for _, text, _ in answers[:2])
    assert all(seconds < 1.5 for _, _, seconds in answers[:2])  # no connection timeout at every message
    assert answers[2][0] == 429 and "beaucoup de messages" in answers[2][1]  # 4 a minute, bursts of 2
    log = "".join(path.read_text() for path in (tmp_path / "logs").glob("rasa-*.log"))
    assert log.count("Base des conversations injoignable") == 1 and "TRACKER_STORE_URL" in log
    assert "motdepasse" not in log and "conseiller" not in log
