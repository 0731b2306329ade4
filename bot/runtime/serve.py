"""`make run`: start the assistant, print where to talk to it, stop on Ctrl-C or SIGTERM (start-up included)."""

from __future__ import annotations

import sys
import time

from bot.conversations.database import ConversationStoreError, create_engine, describe
from bot.conversations.retention import cutoff, purge
from bot.directory.database import DirectoryUnavailable, check_ready
from bot.nlu.training import ensure_model
from bot.paths import RESULTS
from bot.runtime.log_files import purge_logs
from bot.runtime.schedule import Every
from bot.runtime.servers import ServerStartError, start_servers
from bot.runtime.signals import stop_on_signals, stopping
from bot.settings import load_settings

RETENTION_INTERVAL_SECONDS = 24 * 3600
LOGS = RESULTS / "logs"


def apply_retention(settings) -> None:
    """Delete the conversations and the log files older than RETENTION_DAYS (at start, then every day)."""
    logs = purge_logs(LOGS, settings.retention_days)
    try:
        result = purge(create_engine(settings.tracker_store_url), cutoff(settings.retention_days))
    except ConversationStoreError as error:
        print(
            f"Attention : {error}. Les conversations anciennes seront supprimées au prochain passage (chaque jour).",
            file=sys.stderr,
            flush=True,
        )
        return
    print(
        f"==> Conservation {settings.retention_days} jours ({describe(settings.tracker_store_url)}) : "
        f"{result.conversations} conversation(s) et {len(logs)} journal(aux) plus ancien(s) supprimé(s).",
        flush=True,
    )


def main() -> int:
    try:
        stop_on_signals()
        return run()
    except KeyboardInterrupt:  # during start-up: what was started is already stopped
        print("\n==> Arrêté pendant le démarrage ; tous les serveurs démarrés sont arrêtés.", flush=True)
        return 0


def directory_ready() -> bool:
    """The directory database answers and has its tables; else say so in French."""
    try:
        check_ready()
    except DirectoryUnavailable as problem:
        print(f"Annuaire des lieux indisponible : {problem}", file=sys.stderr)
        return False
    return True


def run() -> int:
    settings = load_settings()
    if not directory_ready():
        return 1
    model = ensure_model()
    retention = Every(RETENTION_INTERVAL_SECONDS, lambda: apply_retention(settings), "retention").start()
    print("==> Démarrage du moteur de règles, du serveur d'actions, du serveur Rasa et du serveur web…", flush=True)
    started = time.monotonic()
    try:
        servers = start_servers(settings, model, LOGS, web=True)
    except ServerStartError as error:
        print(f"Échec du démarrage : {error}", file=sys.stderr)
        retention.stop()
        return 1
    except BaseException:  # Ctrl-C or SIGTERM during the start-up: start_servers stopped what it started
        retention.stop()
        raise
    print(
        f"""
L'assistant est prêt (démarré en {time.monotonic() - started:.0f} s).
  Chat (page de démonstration) :  {settings.web_url}/
  Console des agents d'accueil :  {settings.web_url}/console.html
  Discuter dans le terminal    :  make shell   (dans un autre terminal)
  Canal REST (site web)        :  POST {settings.rasa_url}/webhooks/rest/webhook
                                  {{"sender": "un-identifiant", "message": "bonjour"}}
  API Rasa (avec le jeton)     :  {settings.rasa_url}/model/parse?token=…  (jeton dans .env)
  Moteur de règles (OpenFisca) :  {settings.rules_engine_url}/entities
  Journaux                     :  {LOGS} (un fichier par serveur et par jour, masqués)
Ctrl-C pour tout arrêter.""",
        flush=True,
    )
    if settings.web_url not in settings.cors_origins:
        print(
            f"Attention : {settings.web_url} n'est pas dans CORS_ORIGINS (.env) : "
            "le navigateur refusera les réponses de l'assistant sur ces pages.",
            file=sys.stderr,
        )
    try:
        while servers.alive():
            time.sleep(1)
        print("Un des serveurs s'est arrêté ; voir les journaux.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n==> Arrêt des serveurs…", flush=True)
        return 0
    finally:
        stopping()
        retention.stop()
        servers.stop()
        print("==> Arrêtés.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
