"""A conversation that types every kind of identifier, a name and an address: nothing of it in clear,
neither in the conversation database nor in any log file of the servers."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from bot.conversations.database import create_engine
from bot.paths import RESULTS
from tests.rest import say

pytestmark = pytest.mark.servers

# What is typed, and the pieces of it that must never be found in clear afterwards.
TYPED = [
    (
        "bonjour je m'appelle Karim Haddad, mon numéro de sécu est 2 91 05 76 351 042 17",
        ["Karim", "Haddad", "2 91 05 76 351 042 17"],
    ),
    ("je cherche une crèche", []),
    (
        "j'habite 12 bis rue Jules Lecesne chez Mme Fatima Benali, tel 06 12 34 56 78",
        ["12 bis", "Fatima", "Benali", "06 12 34 56 78"],
    ),
    ('/ask_allocations_familiales{"facet": "simuler"}', []),
    (
        "3 enfants de 2, 7 et 15 ans, je suis née le 14/02/1987, mon portable 06/98/76/54/32",
        ["14/02/1987", "06/98/76/54/32"],
    ),
    (
        "2500 par mois, écrivez-moi à marie.dupont76@gmail.com ou karim point haddad arobase orange point fr",
        ["marie.dupont76", "haddad arobase"],
    ),
    (
        "mon iban FR76 3000 6000 0112 3456 7890 189 et mon numéro allocataire 7654321, appelez le +33 7 81 23 45 67",
        ["3000 6000 0112", "7654321", "7 81 23 45 67"],
    ),
]
SECRETS = [secret for _, secrets in TYPED for secret in secrets]


@pytest.fixture(scope="module")
def typed_conversation(servers):
    sender = uuid.uuid4().hex
    replies = [say(servers, text, sender=sender) for text, _ in TYPED]
    return sender, replies


def test_the_assistant_answered_every_message(typed_conversation):
    _, replies = typed_conversation
    assert all(reply and reply[0].get("text") for reply in replies)


def test_nothing_typed_is_stored_in_clear(servers, typed_conversation):
    sender, _ = typed_conversation
    with create_engine(servers.settings.tracker_store_url).connect() as connection:  # every column of every row
        stored = [
            dict(row._mapping)
            for row in connection.execute(sa.text("SELECT * FROM events WHERE sender_id = :sender"), {"sender": sender})
        ]
    for row in stored:
        row["data"] = json.loads(row["data"])  # stored as ASCII-escaped JSON: read it as text
    raw = json.dumps(stored, ensure_ascii=False, default=str)
    assert len(stored) > 2 * len(TYPED)
    found = [secret for secret in SECRETS if secret.lower() in raw.lower()]
    assert not found, found
    assert "[NOM]" in raw and "[TÉLÉPHONE]" in raw and "rue Jules Lecesne" in raw  # masked, and still useful


def test_nothing_typed_reaches_any_log_file(servers, typed_conversation):
    logs = {
        path: path.read_text(encoding="utf-8", errors="replace") for path in (RESULTS / "logs" / "tests").glob("*.log")
    }
    assert {"actions", "rasa"} <= {path.name.split("-")[0] for path in logs}
    found = [
        (path.name, secret)
        for path, text in logs.items()
        for secret in SECRETS + [servers.settings.auth_token]
        if secret.lower() in text.lower()
    ]
    assert not found, found
