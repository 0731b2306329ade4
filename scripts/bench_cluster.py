"""`make bench`, the cluster: throughput and p95 with 1 and 2 Rasa instances, for 20 and 50 users, in one table.

Starts `make cluster`'s topology (bench_turn's conditions: conversations in a throw-away PostgreSQL
database on 127.0.0.1:5432, Redis lock, no rules engine) once with one instance and once with two,
and sends through HAProxy the 20-turn conversation of bot/runtime/load.py by closed-loop users (each sends
its next message when the answer comes). Bounded: users × 20 messages per run, to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from measure import rss_mb

from bot.nlu.training import ensure_model
from bot.paths import RESULTS
from bot.runtime.cluster import start_cluster
from bot.runtime.haproxy import haproxy_executable
from bot.runtime.load import run_load
from bot.runtime.postgres import temporary_postgres
from bot.runtime.servers import free_ports
from bot.settings import ClusterSettings, load_settings

NO_ENGINE = "http://127.0.0.1:9"


def bench(instances: int, users: list[int], model: Path) -> dict[int, str]:
    first = free_ports(8)
    with temporary_postgres() as database:
        topology = ClusterSettings(
            port=first,
            actions_port=first + 1,
            rasa_first_port=first + 2,
            action_first_port=first + 4,
            web_port=first + 6,
            instances=instances,
            tracker_store_url=database,
            lock_store_url="redis://127.0.0.1:6379/14",
        )
        settings = replace(
            load_settings(),
            rules_url=NO_ENGINE,
            log_level="WARNING",
            rate_per_sender=10_000,
            rate_per_address=1_000_000,
        )
        cluster = start_cluster(
            settings,
            topology,
            model,
            RESULTS / "logs" / "bench-cluster",
            Path(tempfile.mkdtemp()),
            haproxy_executable(),
        )
        try:
            url = f"{cluster.url}/webhooks/rest/webhook"
            run_load(url, users=4, turns=5, prefix="warmup")
            results = {}
            for count in users:
                result = run_load(url, users=count, prefix=f"bench{count}")
                results[count] = (
                    f"{result.throughput:5.1f} messages/s, p50 {result.percentile(0.5):5.0f} ms, "
                    f"p95 {result.percentile(0.95):5.0f} ms, {len(result.failed)} en échec"
                )
                print(f"  {instances} instance(s), {count} utilisateurs : {results[count]}", flush=True)
            print(
                "  Mémoire après la charge : "
                + ", ".join(
                    f"{name} {rss_mb(cluster.supervisor.pid(name)):.0f} Mo"
                    for name in (*cluster.rasa_names(), *cluster.action_names())
                ),
                flush=True,
            )
            return results
        finally:
            cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--model", type=Path, help="ce modèle plutôt que celui des données actuelles")
    options = parser.parse_args()
    model = options.model or ensure_model()
    print("Cluster derrière HAProxy (conversation de 20 messages, utilisateurs en boucle fermée) :", flush=True)
    table = {instances: bench(instances, options.users, model) for instances in options.instances}
    print("\n| utilisateurs | " + " | ".join(f"{n} instance(s)" for n in options.instances) + " |")
    print("|---|" + "---|" * len(options.instances))
    for count in options.users:
        print(f"| {count} | " + " | ".join(table[n][count] for n in options.instances) + " |")


if __name__ == "__main__":
    main()
