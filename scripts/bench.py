"""`make bench`: measure the assistant and print the figures.

Training time (a fresh training into a temporary folder), model size, server
start time and memory, /model/parse latency over the held-out set, and REST
round-trip latency with 20 concurrent conversations. Traffic goes to 127.0.0.1
only, bounded in count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from measure import percentiles, rss_mb

from bot.conversations.masking import mask_text
from bot.conversations.names import mask_names
from bot.nlu.examples import read_all
from bot.nlu.training import ensure_model, training_command
from bot.paths import HELDOUT_NLU, RESULTS, ROOT
from bot.runtime.door import MAX_MESSAGE_CHARS
from bot.runtime.hostile_text import FRAGMENTS, hostile
from bot.runtime.servers import free_port, start_servers
from bot.settings import load_settings

CONVERSATIONS = 20
MESSAGES_PER_CONVERSATION = 10


def post(url: str, body: dict) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def bench_training() -> None:
    """A full training from scratch: a new output folder and an empty Rasa training cache."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bench.tar.gz"
        env = dict(os.environ, RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache"))
        started = time.monotonic()
        subprocess.run(
            training_command(target),
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        print(f"Entraînement complet (NLU + dialogue) : {time.monotonic() - started:.0f} s")


def timed_ms(function, text: str) -> float:
    started = time.perf_counter()
    function(text)
    return (time.perf_counter() - started) * 1000


def bench_masking(texts: list[str]) -> None:
    """Masking cost per message: identifiers (regex), names (spaCy NER), and the worst hostile 2 000 characters."""
    started = time.perf_counter()
    for text in texts:
        mask_text(text)
    print(f"Masquage des identifiants : {(time.perf_counter() - started) / len(texts) * 1e6:.0f} µs par message")
    mask_names("Bonjour")  # loads the spaCy model
    names = [timed_ms(mask_names, f"{text} ({index})") for index, text in enumerate(texts[:300])]
    print("Masquage des noms (spaCy, message du jeu de test) :", percentiles(names))
    long = [timed_ms(mask_names, (f"{text} " * 80)[:MAX_MESSAGE_CHARS]) for text in texts[:20]]
    print(f"Masquage des noms, message de {MAX_MESSAGE_CHARS} caractères : max {max(long):.0f} ms")
    worst = max(min(timed_ms(mask_text, hostile([fragment])) for _ in range(3)) for fragment in FRAGMENTS)
    print(
        f"Masquage des identifiants, pire message hostile de {MAX_MESSAGE_CHARS} caractères "
        f"(meilleur de 3 essais) : {worst:.1f} ms"
    )


def main() -> None:
    skip_training = "--skip-training" in sys.argv
    model = ensure_model()
    if not skip_training:
        bench_training()
    print(f"Taille du modèle : {model.stat().st_size / 1e6:.1f} Mo")
    bench_masking([ex.text for ex in read_all(HELDOUT_NLU)])
    # The benchmark's conversations go to a throw-away SQLite file, not var/.
    database = Path(tempfile.mkdtemp()) / "conversations.db"
    settings = replace(
        load_settings(),
        rasa_port=free_port(),
        action_port=free_port(),
        log_level="WARNING",
        tracker_store_url=f"sqlite:///{database}",
        rate_per_sender=1000,
        rate_per_address=100_000,
    )
    started = time.monotonic()
    servers = start_servers(settings, model, RESULTS / "logs" / "bench")
    try:
        print(f"Démarrage des serveurs (actions + Rasa, modèle chargé) : {time.monotonic() - started:.1f} s")
        print(
            f"Mémoire : serveur Rasa {rss_mb(servers.processes['rasa'].pid):.0f} Mo, "
            f"serveur d'actions {rss_mb(servers.processes['actions'].pid):.0f} Mo"
        )
        texts = [ex.text for ex in read_all(HELDOUT_NLU)]
        parse_url = f"{settings.rasa_url}/model/parse?token={settings.auth_token}"
        post(parse_url, {"text": "bonjour"})  # warm-up
        print("/model/parse sur le jeu de test :", percentiles([post(parse_url, {"text": t}) for t in texts]))
        rest_url = f"{settings.rasa_url}/webhooks/rest/webhook"

        def conversation(index: int) -> list[float]:
            sender = uuid.uuid4().hex
            chosen = texts[index::CONVERSATIONS][:MESSAGES_PER_CONVERSATION]
            return [post(rest_url, {"sender": sender, "message": t}) for t in chosen]

        with ThreadPoolExecutor(CONVERSATIONS) as pool:
            started = time.monotonic()
            rounds = [ms for conv in pool.map(conversation, range(CONVERSATIONS)) for ms in conv]
            elapsed = time.monotonic() - started
        print(
            f"REST aller-retour, {CONVERSATIONS} conversations simultanées :",
            percentiles(rounds),
            f"; débit {len(rounds) / elapsed:.1f} messages/s",
        )
    finally:
        servers.stop()


if __name__ == "__main__":
    main()
