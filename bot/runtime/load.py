"""Closed-loop users over the REST channel: each sends one message after the other (the cluster tests, `make bench`).

Bounded by construction: `users` threads, `turns` messages each, a timeout per request;
traffic only to the URL given (the tests and benchmarks give a loopback one).
"""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

# A 20-turn conversation of a family: greetings, benefits, nearby services, hours, a human. No estimate
# (the rules engine is measured by scripts/bench_rules.py), nothing to mask, so what is stored is what was sent.
CONVERSATION = (
    "bonjour, j'aurais une question",
    "c'est quoi le complément familial pour les familles de 3 enfants",
    "je cherche une crèche",
    "Graville",
    "le ccas il ferme à quelle heure",
    "comment demander l'apl pour mon appartement",
    "je travaille à temps partiel, j'ai droit à la prime d'activité ?",
    "merci",
    "je n'ai plus aucun revenu, est-ce que je peux toucher le rsa ?",
    "une crèche vers Sanvic",
    "je suis enceinte, quand est-ce que la caf verse la prime de naissance ?",
    "mon fils a 19 ans et cherche une formation",
    "je veux parler à un conseiller",
    "quel jour la caf paie les allocations ce mois-ci ?",
    "je viens de déménager, comment je le signale à la caf ?",
    "qu'est ce que tu sais faire",
    "combien ça coûte une place en crèche par mois ?",
    "je n'arrive plus à communiquer avec mon ado, où trouver de l'aide en tant que parent ?",
    "merci beaucoup",
    "au revoir et bonne journée",
)


@dataclass
class Turn:
    sender: str
    index: int
    text: str
    status: int  # 0: no HTTP answer (connection refused or reset, timeout)
    ms: float
    started: float
    replies: int = 0  # messages in the answer

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class LoadResult:
    turns: list[Turn] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def failed(self) -> list[Turn]:
        return [turn for turn in self.turns if not turn.ok]

    @property
    def unanswered(self) -> list[Turn]:
        """Messages accepted (200) whose answer holds no message: an answer lost on the way."""
        return [turn for turn in self.turns if turn.ok and not turn.replies]

    @property
    def throughput(self) -> float:
        return len(self.turns) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        times = sorted(turn.ms for turn in self.turns if turn.ok)
        if len(times) < 2:
            return times[0] if times else 0.0
        return statistics.quantiles(times, n=100)[round(share * 100) - 1]

    def sent(self) -> dict[str, list[str]]:
        """The messages answered with 200, per sender, in the order sent."""
        by_sender: dict[str, list[Turn]] = {}
        for turn in self.turns:
            if turn.ok:
                by_sender.setdefault(turn.sender, []).append(turn)
        return {sender: [t.text for t in sorted(turns, key=lambda t: t.index)] for sender, turns in by_sender.items()}

    def summary(self) -> str:
        return (
            f"{len(self.turns)} messages, {len(self.failed)} en échec, {self.throughput:.1f} messages/s, "
            f"p50 {self.percentile(0.5):.0f} ms, p95 {self.percentile(0.95):.0f} ms"
        )


def post(url: str, body: dict, timeout: float) -> tuple[int, int]:
    """(HTTP status, number of messages in the answer)."""
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, len(json.loads(response.read() or b"[]"))
    except urllib.error.HTTPError as error:
        return error.code, 0
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError):
        return 0, 0


def run_load(
    url: str,
    users: int,
    turns: int = len(CONVERSATION),
    messages: tuple[str, ...] = CONVERSATION,
    timeout: float = 60,
    prefix: str = "load",
    pause: float = 0.0,
    on_turn=None,
) -> LoadResult:
    """`users` conversations at once, each sending `turns` messages (cycling through `messages`)."""
    result, lock = LoadResult(), threading.Lock()
    run = uuid.uuid4().hex[:8]

    def user(number: int) -> None:
        sender = f"{prefix}-{run}-{number:03d}"
        for index in range(turns):
            text = messages[index % len(messages)]
            started = time.monotonic()
            status, replies = post(url, {"sender": sender, "message": text}, timeout)
            turn = Turn(sender, index, text, status, (time.monotonic() - started) * 1000, started, replies)
            with lock:
                result.turns.append(turn)
            if on_turn:
                on_turn(turn)
            if pause:
                time.sleep(pause)

    started = time.monotonic()
    with ThreadPoolExecutor(users) as pool:
        list(pool.map(user, range(users)))
    result.elapsed = time.monotonic() - started
    return result
