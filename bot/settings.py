"""Settings read from the environment and the project's .env file."""
from __future__ import annotations

import os
from dataclasses import dataclass

from dotenv import load_dotenv

from bot.paths import ROOT


@dataclass(frozen=True)
class Settings:
    auth_token: str
    cors_origins: tuple[str, ...]
    rasa_host: str
    rasa_port: int
    action_port: int
    log_level: str
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
        web_port=int(os.environ.get("WEB_PORT", "8080")),
    )
