"""`make cluster`: the assistant as several instances behind HAProxy on this machine (docs/deployment.md).

Checks what the cluster needs (HAProxy, the PostgreSQL database, Redis, free ports) and says in
French what is missing; then starts the cluster (bot.runtime.cluster), prints where to talk to it,
starts again any server that dies, purges old conversations every day, and stops everything on
Ctrl-C or SIGTERM, start-up included.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.conversations.database import create_engine, describe
from bot.conversations.store_schema import prepare
from bot.nlu.training import ensure_model
from bot.paths import ROOT
from bot.runtime.cluster import backends, busy_ports, start_cluster
from bot.runtime.haproxy import haproxy_executable
from bot.runtime.schedule import Every
from bot.runtime.serve import LOGS, RETENTION_INTERVAL_SECONDS, apply_retention, directory_ready
from bot.runtime.servers import ServerStartError
from bot.runtime.signals import stop_on_signals, stopping
from bot.settings import ClusterSettings, cluster_settings, load_settings

RUN_DIR = ROOT / "var" / "cluster"


def without_password(url: str) -> str:
    """A Redis URL safe to print."""
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


def problems(cluster: ClusterSettings) -> list[str]:
    """What keeps the cluster from starting, in French (empty when all is there)."""
    found = []
    if not haproxy_executable():
        found.append("HAProxy n'est pas installé : lancez `make setup` (paquet Debian haproxy).")
    url = cluster.tracker_store_url
    if make_url(url).get_backend_name() != "postgresql":
        found.append(
            f"CLUSTER_TRACKER_STORE_URL doit être une base PostgreSQL (partagée par les instances), "
            f"pas {describe(url)} : voir .env."
        )
    else:
        try:
            prepare(create_engine(url))
        except SQLAlchemyError as error:
            found.append(
                f"Base des conversations du cluster injoignable ({describe(url)}, {type(error).__name__}) : "
                "vérifiez CLUSTER_TRACKER_STORE_URL ; `make setup` crée la base sur le serveur local."
            )
    try:
        import redis

        redis.Redis.from_url(cluster.lock_store_url, socket_timeout=2).ping()
    except Exception as error:
        found.append(
            f"Redis injoignable à {without_password(cluster.lock_store_url)} ({type(error).__name__}) : "
            "vérifiez LOCK_STORE_URL."
        )
    busy = busy_ports(cluster)
    if busy:
        found.append(
            f"Ports déjà utilisés : {', '.join(map(str, busy))} (un autre `make cluster` ?) : voir CLUSTER_* dans .env."
        )
    return found


def main() -> int:
    try:
        stop_on_signals()
        return run()
    except KeyboardInterrupt:  # before anything was started
        print("\n==> Arrêté.", flush=True)
        return 0


def run() -> int:
    settings, cluster = load_settings(), cluster_settings()
    executable, found = haproxy_executable(), problems(cluster)
    if found or executable is None:  # problems() says when HAProxy is missing
        print("Le cluster ne peut pas démarrer :\n  " + "\n  ".join(found), file=sys.stderr)
        return 1
    if not directory_ready():
        return 1
    model = ensure_model()
    stored = replace(settings, tracker_store_url=cluster.tracker_store_url)
    retention = Every(RETENTION_INTERVAL_SECONDS, lambda: apply_retention(stored), "retention").start()
    running = None
    try:
        print(
            f"==> Démarrage du cluster : HAProxy, {cluster.instances} instances Rasa "
            f"({cluster.sanic_workers()} worker(s) chacune), {cluster.instances} serveurs d'actions, "
            "le moteur de règles et le serveur web…",
            flush=True,
        )
        started = time.monotonic()
        running = start_cluster(settings, cluster, model, LOGS, RUN_DIR, executable)
        lock = without_password(cluster.lock_store_url)
        print(
            f"""
Le cluster est prêt (démarré en {time.monotonic() - started:.0f} s).
  Chat (page de démonstration) :  {cluster.chat_url}/
  Console des agents d'accueil :  {cluster.chat_url}/console.html
  Canal REST (site web)        :  POST {cluster.chat_url}/webhooks/rest/webhook
  Instances Rasa               :  {", ".join(f"{h}:{p}" for _, h, p in backends(cluster)[0].servers)}
  Serveurs d'actions           :  {running.settings.action_server_url} ({cluster.instances} derrière HAProxy)
  Conversations                :  {describe(cluster.tracker_store_url)} ; verrou : {lock}
  Configuration HAProxy        :  {running.config_file}
  Journaux                     :  {LOGS} (un fichier par serveur et par jour, masqués)
Un serveur arrêté est redémarré. Ctrl-C pour tout arrêter.""",
            flush=True,
        )
        while True:
            running.watch()
            time.sleep(0.5)
    except ServerStartError as error:
        print(f"Échec du démarrage du cluster : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n==> Arrêt du cluster…", flush=True)
        return 0
    finally:
        stopping()
        retention.stop()
        if running is not None:
            running.stop()
        print("==> Arrêtés.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
