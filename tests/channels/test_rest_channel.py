"""The assistant over its REST channel and HTTP API, as the web page will use it."""

from __future__ import annotations

import json
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.runtime.door import clean_sender
from tests.conftest import TEST_ORIGIN
from tests.rest import http, say

pytestmark = pytest.mark.servers

FRENCH_WORDS = re.compile(r"\b(je|vous|pour|les|de|la|le)\b", re.I)


def server_is_up(servers) -> bool:
    status, _, _ = http(f"{servers.settings.rasa_url}/")
    return status == 200 and servers.alive()


BAD_INPUTS = {
    "empty": "",
    "spaces": "     ",
    "huge": "allocation " * 1000,
    "emoji": "😀🙏👶",
    "html": "<script>alert('x')</script><b>bonjour</b>",
    "sql": "'; DROP TABLE services; --",
    "control": "\x00\x07\x1b[31m\u202e",
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gets_a_polite_french_reply_and_the_server_stays_up(servers, name):
    replies = say(servers, BAD_INPUTS[name])
    text = " ".join(r.get("text", "") for r in replies)
    assert FRENCH_WORDS.search(text), replies
    assert "<script>" not in text and "Traceback" not in text
    assert server_is_up(servers)


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "x"},
        {"sender": "x", "message": None},
        {"sender": "x", "message": 12},
        {"sender": "x", "message": "bonjour", "metadata": "agent"},
        {"message": "bonjour"},
    ],
)
def test_malformed_requests_get_a_french_reply(servers, body):
    status, _, payload = http(f"{servers.settings.rasa_url}/webhooks/rest/webhook", body)
    assert status == 200 and FRENCH_WORDS.search(" ".join(r.get("text", "") for r in json.loads(payload)))


def test_requests_without_sender_do_not_share_a_conversation(servers):
    url = f"{servers.settings.rasa_url}/webhooks/rest/webhook"
    first = json.loads(http(url, {"message": "bonjour"})[2])[0]["recipient_id"]
    second = json.loads(http(url, {"message": "bonjour"})[2])[0]["recipient_id"]
    assert first != second and first != "default"


def test_a_benefit_question_gets_a_sourced_dated_answer_and_follow_ups(servers):
    replies = say(servers, "c koi les conditions pour l'allocation de rentree scolaire svp")
    text = replies[0]["text"]
    assert text.startswith("Allocation de rentrée scolaire (ARS) — Conditions")
    assert "https://www.service-public.fr/particuliers/vosdroits/F1878" in text and "vérifié le" in text
    assert "Montants" in [b["title"] for b in replies[0]["buttons"]]
    assert replies[1]["custom"]["type"] == "benefit_answer"


def test_a_follow_up_button_answers_its_facet(servers):
    text = say(servers, '/ask_ars{"facet": "montants"}')[0]["text"]
    assert "Montants" in text.splitlines()[0] and "€" in text


def test_a_front_desk_agent_gets_the_script_card(servers):
    sender = uuid.uuid4().hex
    replies = say(
        servers, "une usagère me demande pour la prime de naissance", metadata={"audience": "agent"}, sender=sender
    )
    assert "À demander :" in replies[0]["text"]
    assert replies[1]["custom"]["type"] == "script_card"
    # The conversation remembers the audience for the next questions.
    assert "À dire :" in say(servers, "et pour l'allocation de rentrée scolaire ?", sender=sender)[0]["text"]


def test_request_human_gives_real_contacts(servers):
    text = say(servers, "je voudrais parler a un conseiller svp")[0]["text"]
    assert "3230" in text and "02 35 19 45 45" in text


def test_unsure_message_offers_topics_as_buttons(servers):
    replies = say(servers, "azerty qsdf")
    assert any("reformuler" in r.get("text", "") for r in replies)
    assert any(r.get("buttons") for r in replies)


def test_clicking_a_suggested_topic_answers_it(servers):
    text = say(servers, "/ask_asf")[0]["text"]
    assert "allocation de soutien familial" in text.lower()


def test_message_metadata_is_kept_on_the_conversation(servers):
    sender = uuid.uuid4().hex
    say(servers, "bonjour", metadata={"audience": "agent"}, sender=sender)
    token = servers.settings.auth_token
    status, _, payload = http(f"{servers.settings.rasa_url}/conversations/{sender}/tracker?token={token}")
    assert status == 200
    users = [e for e in json.loads(payload)["events"] if e["event"] == "user"]
    assert users[-1]["metadata"]["audience"] == "agent"


def test_http_api_needs_the_token(servers):
    url = f"{servers.settings.rasa_url}/model/parse"
    status, _, _ = http(url, {"text": "bonjour"})
    assert status == 401
    status, _, _ = http(f"{url}?token=wrong", {"text": "bonjour"})
    assert status == 401
    status, _, payload = http(f"{url}?token={servers.settings.auth_token}", {"text": "bonjour"})
    assert status == 200 and json.loads(payload)["intent"]["name"] == "greet"


def test_cors_allows_only_configured_origins(servers):
    url = f"{servers.settings.rasa_url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    _, allowed, _ = http(url, method="OPTIONS", headers={"Origin": TEST_ORIGIN, **preflight})
    assert allowed.get("Access-Control-Allow-Origin") == TEST_ORIGIN
    _, refused, _ = http(url, method="OPTIONS", headers={"Origin": "https://evil.example", **preflight})
    assert "Access-Control-Allow-Origin" not in refused


def timed_say(servers, text: str) -> tuple[float, int, list]:
    started = time.monotonic()
    status, _, payload = http(
        f"{servers.settings.rasa_url}/webhooks/rest/webhook", {"sender": uuid.uuid4().hex, "message": text}
    )
    return time.monotonic() - started, status, json.loads(payload)


@pytest.mark.parametrize("length, status", [(100_000, 413), (20_000, 200)])
def test_a_huge_message_gets_its_notice_quickly_and_does_not_delay_another_person(servers, length, status):
    say(servers, "bonjour")  # warm
    with ThreadPoolExecutor(2) as pool:
        huge = pool.submit(timed_say, servers, "allocation familiale " * (length // 21 + 1))
        time.sleep(0.05)
        hello = pool.submit(timed_say, servers, "bonjour")
        hello_seconds, hello_status, hello_replies = hello.result()
        huge_seconds, huge_status, huge_replies = huge.result()
    assert hello_status == 200 and "Bonjour" in hello_replies[0]["text"] and hello_seconds <= 1.0
    assert huge_status == status and huge_seconds <= 2.0
    assert "très long" in huge_replies[0]["text"] or "trop long" in huge_replies[0]["text"]
    if status == 200:  # cut to 2 000 characters, then answered
        assert "2 000 caractères" in huge_replies[0]["text"] and len(huge_replies) > 1


def test_a_body_over_the_limit_is_refused_with_a_french_notice(servers):
    status, _, payload = http(
        f"{servers.settings.rasa_url}/webhooks/rest/webhook",
        {"sender": "x", "message": "bonjour", "metadata": {"pad": "x" * 70_000}},
    )
    assert status == 413 and "trop long" in json.loads(payload)[0]["text"]


def test_too_many_messages_from_one_conversation_get_a_polite_pause(servers):
    sender, url = uuid.uuid4().hex, f"{servers.settings.rasa_url}/webhooks/rest/webhook"
    statuses = [http(url, {"sender": sender, "message": "/greet"}) for _ in range(35)]
    refused = [payload for status, _, payload in statuses if status == 429]
    assert refused and "beaucoup de messages" in json.loads(refused[0])[0]["text"]
    assert say(servers, "/greet")  # another conversation is not affected


def test_an_odd_sender_and_extra_metadata_are_not_stored_as_sent(servers):
    sender = "marie.dupont@example.fr"
    say(servers, "bonjour", metadata={"audience": "agent", "tracking": {"email": "x@y.fr"}}, sender=sender)
    token = servers.settings.auth_token
    stored = clean_sender(sender)
    assert stored.startswith("h-") and "@" not in stored
    status, _, payload = http(f"{servers.settings.rasa_url}/conversations/{stored}/tracker?token={token}")
    users = [e for e in json.loads(payload)["events"] if e["event"] == "user"]
    assert users[-1]["metadata"]["audience"] == "agent" and "tracking" not in users[-1]["metadata"]
