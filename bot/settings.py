"""Settings read from the environment and the project's .env file."""
from __future__ import annotations

import os
from dataclasses import dataclass

from dotenv import load_dotenv

from bot.paths import ROOT

DEFAULT_TRACKER_STORE_URL = "sqlite:///var/conversations.db"
DEFAULT_RETENTION_DAYS = 90


@dataclass(frozen=True)
class Settings:
    auth_token: str
    cors_origins: tuple[str, ...]
    rasa_host: str
    rasa_port: int
    action_port: int
    log_level: str
    tracker_store_url: str
    retention_days: int
    web_port: int = 8080

    @property
    def web_url(self) -> str:
        """Where the chat's demo page and the agents' console are served (an allowed CORS origin)."""
        return f"http://{self.rasa_host}:{self.web_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def action_server_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}/webhook"


def load_settings(env_file=ROOT / ".env") -> Settings:
    """Read the settings; variables already in the environment win over .env."""
    load_dotenv(env_file, override=False)
    token = os.environ.get("RASA_AUTH_TOKEN", "")
    if not token or token == "change-me":
        raise SystemExit(
            "RASA_AUTH_TOKEN manque dans .env : lancez `make setup` pour en créer un."
        )
    return Settings(
        auth_token=token,
        cors_origins=tuple(os.environ.get("CORS_ORIGINS", "").split()),
        rasa_host=os.environ.get("RASA_HOST", "127.0.0.1"),
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        tracker_store_url=tracker_store_url(env_file),
        retention_days=retention_days(env_file),
        web_port=int(os.environ.get("WEB_PORT", "8080")),
    )


def tracker_store_url(env_file=ROOT / ".env") -> str:
    """The SQLAlchemy URL of the conversation database (TRACKER_STORE_URL).

    A relative SQLite path is taken from the project root, so the servers and
    the `bot` commands find the same file wherever they are started.
    """
    load_dotenv(env_file, override=False)
    url = os.environ.get("TRACKER_STORE_URL", "").strip() or DEFAULT_TRACKER_STORE_URL
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix):].startswith("/"):
        url = prefix + str(ROOT / url[len(prefix):])
    return url


def retention_days(env_file=ROOT / ".env") -> int:
    """How many days conversations are kept (RETENTION_DAYS, 90 by default)."""
    load_dotenv(env_file, override=False)
    raw = os.environ.get("RETENTION_DAYS", "").strip() or str(DEFAULT_RETENTION_DAYS)
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"RETENTION_DAYS doit être un nombre de jours (au moins 1), pas « {raw} » : voir .env.")
    return int(raw)
