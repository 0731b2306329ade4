"""`make bench`, the cost of a turn: CPU time per message of the Rasa and action servers, and where it goes.

Starts one Rasa server and one action server (as `make run` does, conversations in a throw-away
PostgreSQL database on 127.0.0.1:5432, no rules engine: the 20-turn conversation of bot/runtime/load.py
asks no estimate), plays 20-turn conversations one after the other, and prints the CPU time per turn
of each server (from /proc: user + system), the latency per turn and by position in the conversation.
With --profile, py-spy samples the Rasa server meanwhile and the CPU is split by stage (NLU, policies,
tracker store retrieve and save, masking, the action server round trip…); the raw samples are kept in
results/profile/. Bounded: `--conversations` × 20 messages, to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from dataclasses import replace
from pathlib import Path

from profile_stages import STAGES, split

from bot.nlu.training import ensure_model
from bot.paths import RESULTS, VENV_BIN
from bot.runtime.load import CONVERSATION, run_load
from bot.runtime.postgres import temporary_postgres
from bot.runtime.servers import free_port, start_servers
from bot.settings import load_settings

TICKS = os.sysconf("SC_CLK_TCK")
NO_ENGINE = "http://127.0.0.1:9"  # nothing listens there: no rules engine is started, none is needed


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and of its threads so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def measure(settings, conversations: int, profile: Path | None, model: Path | None = None) -> None:
    servers = start_servers(settings, model or ensure_model(), RESULTS / "logs" / "bench")
    url = f"{settings.rasa_url}/webhooks/rest/webhook"
    try:
        run_load(url, users=1, prefix="warmup")  # loads what the first messages load
        pids = {name: servers.processes[name].pid for name in ("rasa", "actions")}
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        spy = None
        if profile:
            spy = subprocess.Popen(
                [
                    str(VENV_BIN / "py-spy"),
                    "record",
                    "--pid",
                    str(pids["rasa"]),
                    "--format",
                    "raw",
                    "--rate",
                    "200",
                    "--output",
                    str(profile),
                    "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1)
        results = [run_load(url, users=1, prefix=f"turn{n}") for n in range(conversations)]
        after = {name: cpu_seconds(pid) for name, pid in pids.items()}
        if spy:
            spy.send_signal(2)  # py-spy writes its samples on SIGINT
            spy.wait(30)
    finally:
        servers.stop()
    turns = sum(len(r.turns) for r in results)
    failed = sum(len(r.failed) for r in results)
    print(
        f"Coût d'un tour ({conversations} conversations de {len(CONVERSATION)} messages, une à la fois, "
        f"{failed} en échec) :"
    )
    for name in pids:
        print(f"  CPU du serveur {name} : {(after[name] - before[name]) / turns * 1000:.1f} ms par message")
    latencies = sorted(t.ms for r in results for t in r.turns)
    print(f"  latence p50 {latencies[len(latencies) // 2]:.0f} ms, p95 {latencies[int(len(latencies) * 0.95)]:.0f} ms")
    by_position = [sorted(t.ms for r in results for t in r.turns if t.index == i) for i in (0, 9, 19)]
    print(
        "  latence médiane par position : "
        + ", ".join(f"message {i + 1} {times[len(times) // 2]:.0f} ms" for i, times in zip((0, 9, 19), by_position))
    )
    if profile and profile.exists():
        shares = split(profile.read_text())
        print(f"  Profil du serveur Rasa (py-spy, {profile}) : part du CPU par étape")
        for stage in (*STAGES, "autre"):
            print(f"    {stage:<45} {shares.get(stage, 0) * 100:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="échantillonner le serveur Rasa avec py-spy")
    parser.add_argument("--sqlite", action="store_true", help="conversations dans un fichier SQLite")
    parser.add_argument("--model", type=Path, help="ce modèle plutôt que celui des données actuelles")
    options = parser.parse_args()
    profile = RESULTS / "profile" / "turn.txt" if options.profile else None
    if profile:
        profile.parent.mkdir(parents=True, exist_ok=True)
    with temporary_postgres() as database:
        store = f"sqlite:///{RESULTS / 'profile' / f'bench-{os.getpid()}.db'}" if options.sqlite else database
        settings = replace(
            load_settings(),
            rasa_host="127.0.0.1",
            rasa_port=free_port(),
            action_port=free_port(),
            log_level="WARNING",
            tracker_store_url=store,
            rules_url=NO_ENGINE,
            rate_per_sender=10_000,
            rate_per_address=1_000_000,
        )
        measure(settings, options.conversations, profile, options.model)


if __name__ == "__main__":
    main()
