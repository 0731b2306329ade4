"""Settings read from the environment and the project's .env file."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from dotenv import load_dotenv

from bot.paths import ROOT

DEFAULT_TRACKER_STORE_URL = "sqlite:///var/conversations.db"
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'directory.db'}"
DEFAULT_GEOCODER_URL = "https://data.geopf.fr/geocodage/search"
DEFAULT_RETENTION_DAYS = 90
DEFAULT_RULES_PORT = 5066
DEFAULT_RULES_TIMEOUT = 3.0
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
TRUE = ("1", "true", "oui", "yes")


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
    action_host: str = "127.0.0.1"
    telemetry: bool = False
    action_url: str = ""  # ACTION_SERVER_URL: set when the actions run elsewhere (another host, a cluster)
    rate_per_sender: int = 20  # messages a minute from one conversation (RATE_LIMIT_PER_SENDER)
    rate_per_address: int = 120  # messages a minute from one address (RATE_LIMIT_PER_ADDRESS)
    rules_host: str = "127.0.0.1"  # interface of the local rules engine (RULES_HOST)
    rules_port: int = DEFAULT_RULES_PORT
    rules_url: str = ""  # RULES_URL: set when the rules engine runs elsewhere (no local one is started)
    rules_timeout: float = DEFAULT_RULES_TIMEOUT  # seconds to wait for a calculation (RULES_TIMEOUT)

    @property
    def rules_engine_url(self) -> str:
        """Where the rules engine answers: RULES_URL, else the local one."""
        return self.rules_url or f"http://{self.rules_host}:{self.rules_port}"

    @property
    def web_url(self) -> str:
        """Where the chat's demo page and the agents' console are served (an allowed CORS origin)."""
        return f"http://{self.rasa_host}:{self.web_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def action_server_url(self) -> str:
        """Where the Rasa server calls the actions (ACTION_SERVER_URL, else the action server's own address)."""
        return self.action_url or f"http://{self.action_connect_host}:{self.action_port}/webhook"

    @property
    def action_connect_host(self) -> str:
        """The address to reach the local action server at (its interface, or loopback when it listens on all)."""
        return "127.0.0.1" if self.action_host in ("0.0.0.0", "::", "") else self.action_host


def load_settings(env_file=ROOT / ".env") -> Settings:
    """Read the settings; variables already in the environment win over .env."""
    load_dotenv(env_file, override=False)
    token = os.environ.get("RASA_AUTH_TOKEN", "")
    if not token or token == "change-me":
        raise SystemExit("RASA_AUTH_TOKEN manque dans .env : lancez `make setup` pour en créer un.")
    return Settings(
        auth_token=token,
        cors_origins=tuple(os.environ.get("CORS_ORIGINS", "").split()),
        rasa_host=os.environ.get("RASA_HOST", "127.0.0.1"),
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        log_level=log_level(),
        tracker_store_url=tracker_store_url(env_file),
        retention_days=retention_days(env_file),
        web_port=int(os.environ.get("WEB_PORT", "8080")),
        action_host=os.environ.get("ACTION_HOST", "127.0.0.1").strip() or "127.0.0.1",
        telemetry=os.environ.get("RASA_TELEMETRY", "").strip().lower() in TRUE,
        action_url=os.environ.get("ACTION_SERVER_URL", "").strip(),
        rate_per_sender=rate_limits()[0],
        rate_per_address=rate_limits()[1],
        rules_host=rules_host(),
        rules_port=_positive("RULES_PORT", DEFAULT_RULES_PORT),
        rules_url=rules_url(),
        rules_timeout=rules_timeout(),
    )


@dataclass(frozen=True)
class ClusterSettings:
    """`make cluster`: HAProxy in front of several Rasa instances and action servers (docs/deployment.md)."""

    host: str = "127.0.0.1"  # CLUSTER_HOST: where HAProxy serves the chat and its pages
    port: int = 5100  # CLUSTER_PORT
    public_url: str = ""  # PUBLIC_URL: the chat's address as browsers reach it
    internal_host: str = "127.0.0.1"  # CLUSTER_INTERNAL_HOST: the instances' interface and HAProxy's inner side
    instances: int = 2  # CLUSTER_INSTANCES: Rasa instances, and as many action servers
    workers: int = 0  # CLUSTER_WORKERS: Sanic workers per Rasa instance (0: as the cores allow)
    actions_port: int = 5150  # CLUSTER_ACTIONS_PORT: HAProxy's port for the action servers
    rasa_first_port: int = 5201  # CLUSTER_RASA_FIRST_PORT: Rasa instance n on this port + n - 1
    action_first_port: int = 5251  # CLUSTER_ACTION_FIRST_PORT: action server n on this port + n - 1
    web_port: int = 5290  # CLUSTER_WEB_PORT: the chat's web server, behind HAProxy
    tracker_store_url: str = "postgresql://postgres@127.0.0.1:5432/assistant"  # CLUSTER_TRACKER_STORE_URL
    lock_store_url: str = "redis://127.0.0.1:6379/1"  # LOCK_STORE_URL
    lock_lifetime: int = 20  # LOCK_LIFETIME: seconds a turn may hold its conversation

    @property
    def chat_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    @property
    def actions_url(self) -> str:
        """Where the Rasa instances call the actions (ACTION_SERVER_URL, else HAProxy's inner port)."""
        return (
            os.environ.get("ACTION_SERVER_URL", "").strip()
            or f"http://{self.internal_host}:{self.actions_port}/webhook"
        )

    def sanic_workers(self, cores: int | None = None) -> int:
        return self.workers or max(1, (cores or os.cpu_count() or 1) // self.instances)


def cluster_settings(env_file=ROOT / ".env") -> ClusterSettings:
    load_dotenv(env_file, override=False)
    return ClusterSettings(
        host=_text("CLUSTER_HOST", "127.0.0.1"),
        port=_positive("CLUSTER_PORT", 5100),
        public_url=_text("PUBLIC_URL", "").rstrip("/"),
        internal_host=_text("CLUSTER_INTERNAL_HOST", "127.0.0.1"),
        instances=_positive("CLUSTER_INSTANCES", 2),
        workers=int(_text("CLUSTER_WORKERS", "0")),
        actions_port=_positive("CLUSTER_ACTIONS_PORT", 5150),
        rasa_first_port=_positive("CLUSTER_RASA_FIRST_PORT", 5201),
        action_first_port=_positive("CLUSTER_ACTION_FIRST_PORT", 5251),
        web_port=_positive("CLUSTER_WEB_PORT", 5290),
        tracker_store_url=_text("CLUSTER_TRACKER_STORE_URL", ClusterSettings.tracker_store_url),
        lock_store_url=_text("LOCK_STORE_URL", ClusterSettings.lock_store_url),
        lock_lifetime=_positive("LOCK_LIFETIME", 20),
    )


def trusted_proxies() -> tuple[str, ...]:
    """TRUSTED_PROXIES: addresses or networks whose X-Forwarded-For is believed (the load balancer's)."""
    raw = os.environ.get("TRUSTED_PROXIES", "").split()
    for entry in raw:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise SystemExit(
                f"TRUSTED_PROXIES : « {entry} » n'est ni une adresse ni un réseau IP : voir .env."
            ) from None
    return tuple(raw)


def rules_engine(env_file=ROOT / ".env") -> tuple[str, float]:
    """Where the rules engine answers and how long to wait for it (for its clients, without the API token)."""
    load_dotenv(env_file, override=False)
    return rules_url() or f"http://{rules_host()}:{_positive('RULES_PORT', DEFAULT_RULES_PORT)}", rules_timeout()


def rules_host() -> str:
    """The interface of the local rules engine (RULES_HOST, 127.0.0.1 by default)."""
    return os.environ.get("RULES_HOST", "").strip() or "127.0.0.1"


def rules_url() -> str:
    """RULES_URL without its trailing slash ("" for the local rules engine)."""
    return os.environ.get("RULES_URL", "").strip().rstrip("/")


def rules_timeout() -> float:
    """Seconds to wait for the rules engine's answer (RULES_TIMEOUT, 3 by default)."""
    raw = os.environ.get("RULES_TIMEOUT", "").strip() or str(DEFAULT_RULES_TIMEOUT)
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise SystemExit(f"RULES_TIMEOUT doit être un nombre de secondes positif, pas « {raw} » : voir .env.")
    return value


def rate_limits() -> tuple[int, int]:
    """Messages a minute allowed from one conversation and from one address."""
    return _positive("RATE_LIMIT_PER_SENDER", 20), _positive("RATE_LIMIT_PER_ADDRESS", 120)


def _text(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{name} doit être un nombre entier positif, pas « {raw} » : voir .env.")
    return int(raw)


def log_level() -> str:
    """LOG_LEVEL (INFO by default). DEBUG writes what people type: refused unless ALLOW_DEBUG_LOGS is set."""
    level = os.environ.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise SystemExit(f"LOG_LEVEL doit valoir {', '.join(LOG_LEVELS)}, pas « {level} » : voir .env.")
    if level == "DEBUG" and os.environ.get("ALLOW_DEBUG_LOGS", "").strip().lower() not in TRUE:
        raise SystemExit(
            "LOG_LEVEL=DEBUG écrit dans les journaux ce que les personnes tapent : il est refusé. "
            "En développement seulement, ajoutez ALLOW_DEBUG_LOGS=true dans .env."
        )
    return level


def tracker_store_url(env_file=ROOT / ".env") -> str:
    """The SQLAlchemy URL of the conversation database (TRACKER_STORE_URL).

    A relative SQLite path is taken from the project root, so the servers and
    the `bot` commands find the same file wherever they are started.
    """
    load_dotenv(env_file, override=False)
    url = os.environ.get("TRACKER_STORE_URL", "").strip() or DEFAULT_TRACKER_STORE_URL
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix) :].startswith("/"):
        url = prefix + str(ROOT / url[len(prefix) :])
    return url


def retention_days(env_file=ROOT / ".env") -> int:
    """How many days conversations are kept (RETENTION_DAYS, 90 by default)."""
    load_dotenv(env_file, override=False)
    raw = os.environ.get("RETENTION_DAYS", "").strip() or str(DEFAULT_RETENTION_DAYS)
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"RETENTION_DAYS doit être un nombre de jours (au moins 1), pas « {raw} » : voir .env.")
    return int(raw)


def directory_database_url(env_file=ROOT / ".env") -> str:
    """DATABASE_URL (the directory database) as written; bot/directory/database.py resolves a relative path."""
    load_dotenv(env_file, override=False)
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


@dataclass(frozen=True)
class GeocoderSettings:
    """The optional online geocoder (bot/directory/geocoder.py)."""

    enabled: bool  # GEOCODER_ENABLED (off by default)
    url: str  # GEOCODER_URL
    timeout_s: float  # GEOCODER_TIMEOUT: seconds to wait for an answer


def geocoder_settings(env_file=ROOT / ".env") -> GeocoderSettings:
    """GEOCODER_ENABLED, GEOCODER_URL and GEOCODER_TIMEOUT, from the environment or .env."""
    load_dotenv(env_file, override=False)
    return GeocoderSettings(
        enabled=os.environ.get("GEOCODER_ENABLED", "false").strip().lower() in TRUE,
        url=os.environ.get("GEOCODER_URL") or DEFAULT_GEOCODER_URL,
        timeout_s=float(os.environ.get("GEOCODER_TIMEOUT", "2")),
    )
