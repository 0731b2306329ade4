"""Start and stop the rules engine, the action server, the Rasa server and the chat's web server as child processes.

Used by `make run` (bot.runtime.serve) and by the test fixtures, so both start the
assistant the same way. Each server of the assistant runs through bot.runtime.launch
(logs masked, no secret on the command line); the rules engine (OpenFisca-France's
Web API) runs in its own environment, .venv-rules. Every output goes, masked, to one
log file per server and per day (bot.runtime.log_files). The action server listens on
ACTION_HOST (127.0.0.1 by default) and finds the rules engine at RULES_URL; Rasa's
telemetry is off unless RASA_TELEMETRY is set; the Rasa server refuses request
bodies over bot.runtime.door.MAX_BODY_BYTES.
"""

from __future__ import annotations

import ctypes
import os
import random
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import today
from bot.paths import ROOT, RULES_VENV_BIN, VENV_BIN
from bot.rights.benefits import benefits
from bot.rights.engine import Engine, EngineUnavailable, simulate
from bot.rights.household import Household
from bot.runtime.door import MAX_BODY_BYTES
from bot.runtime.log_files import DailyLog, pump
from bot.settings import Settings

LAUNCH = [str(VENV_BIN / "python"), "-m", "bot.runtime.launch"]
# One gunicorn worker: 17 s to start and 350 MB, against 28 s and 700 MB for two, on 2 cores that the
# Rasa and action servers share (measurements in docs/rules-engine.md).
RULES_WORKERS = 1
RULES_START_TIMEOUT = 180  # loading the tax-benefit system takes 15-30 s, more on a busy machine
WARM_UP = Household(
    couple=True, children_ages=(2, 7, 12), monthly_income=1500.0, working=True, housing="tenant", rent=550.0
)


IN_MEMORY_LOCK = "in_memory"
REDIS_LOCK = "bot.conversations.lock_store.AtomicRedisLockStore"
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Be sent SIGTERM when the parent dies, even by SIGKILL (Linux). In a child started by Popen, the parent
    is the thread that started it: servers are started from the main thread (make run, make cluster, tests)."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class ServerStartError(RuntimeError):
    """A server did not come up; the message says which and where its log is."""


@dataclass
class RunningServers:
    settings: Settings
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: dict[str, DailyLog] = field(default_factory=dict)

    def stop(self, timeout: float = 15) -> None:
        """Ask each server to stop (SIGTERM), then kill what is left."""
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def alive(self) -> bool:
        return all(p.poll() is None for p in self.processes.values())


LISTEN_PORTS_FROM = 20_000
_handed_out: set[int] = set()  # ports already given in this process, not yet bound by their server


def _ephemeral_range() -> tuple[int, int]:
    """The ports the kernel hands to outgoing connections (Linux's default when unreadable)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32_768, 60_999


def free_ports(count: int = 1) -> int:
    """The first of `count` consecutive TCP ports free on 127.0.0.1, for tests and benchmarks.

    Chosen below the ephemeral range: a port in it can be taken by any outgoing
    connection (to PostgreSQL, Redis…) between the choice and the server's bind.
    """
    low, _ = _ephemeral_range()
    top = low - count if low - count > LISTEN_PORTS_FROM else 60_000 - count
    while True:
        first = random.randint(LISTEN_PORTS_FROM, top)
        ports = range(first, first + count)
        if not _handed_out.intersection(ports) and all(_bindable(port) for port in ports):
            _handed_out.update(ports)
            return first


def free_port() -> int:
    """A TCP port free on 127.0.0.1 (for tests and benchmarks)."""
    return free_ports(1)


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def action_server_command(settings: Settings) -> list[str]:
    return [*LAUNCH, "rasa", "run", "actions", "--actions", "actions", "--port", str(settings.action_port)]


def rasa_server_command(settings: Settings, model: Path) -> list[str]:
    """The Rasa server; its API token comes from the environment (bot.runtime.launch), not from here."""
    command = [
        *LAUNCH,
        "rasa",
        "run",
        "--model",
        str(model),
        "--enable-api",
        "--interface",
        settings.rasa_host,
        "--port",
        str(settings.rasa_port),
        "--credentials",
        str(ROOT / "credentials.yml"),
        "--endpoints",
        str(ROOT / "endpoints.yml"),
    ]
    if settings.cors_origins:
        command += ["--cors", *settings.cors_origins]
    return command


def web_server_command(settings: Settings) -> list[str]:
    return [
        *LAUNCH,
        "web",
        "--host",
        settings.rasa_host,
        "--port",
        str(settings.web_port),
        "--bot-url",
        settings.rasa_url,
    ]


def rules_server_command(settings: Settings, workers: int = RULES_WORKERS) -> list[str]:
    """OpenFisca's Web API. `--bind HOST:PORT` alone: with `--port` and a bare `--bind`, gunicorn listens on 8000."""
    return [
        str(RULES_VENV_BIN / "openfisca"),
        "serve",
        "--country-package",
        "openfisca_france",
        "--bind",
        f"{settings.rules_host}:{settings.rules_port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
    ]


def spawn(name: str, command: list[str], env: dict, log_dir: Path) -> tuple[subprocess.Popen, DailyLog]:
    log = DailyLog(log_dir, name)
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )
    assert process.stdout is not None  # stdout=PIPE above
    pump(process.stdout, log)
    return process, log


def _wait_until_up(url: str, servers: RunningServers, name: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if servers.processes[name].poll() is not None:
            raise ServerStartError(f"{name} s'est arrêté au démarrage ; voir {servers.logs[name].path}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise ServerStartError(f"{name} ne répond pas après {timeout:.0f} s ; voir {servers.logs[name].path}")


def server_environment(settings: Settings, lock_store_url: str = "") -> dict:
    """What every server process reads: endpoints.yml's ACTION_SERVER_URL, TRACKER_STORE_URL and lock store
    (Rasa's in-memory lock, or the Redis one at `lock_store_url` for a cluster), the log level, the API token
    (read inside the Rasa process, never on its command line), telemetry off."""
    return dict(
        os.environ,
        ACTION_SERVER_URL=settings.action_server_url,
        LOG_LEVEL=settings.log_level,
        TRACKER_STORE_URL=settings.tracker_store_url,
        RASA_AUTH_TOKEN=settings.auth_token,
        RULES_URL=settings.rules_engine_url,
        RULES_TIMEOUT=str(settings.rules_timeout),
        LOCK_STORE_TYPE=REDIS_LOCK if lock_store_url else IN_MEMORY_LOCK,
        LOCK_STORE_URL=lock_store_url,
        RASA_TELEMETRY_ENABLED="true" if settings.telemetry else "false",
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONUNBUFFERED="1",
    )


def server_env(kind: str, settings: Settings, lock_store_url: str = "") -> dict:
    """The environment of one server: `kind` is rules, actions, rasa or web."""
    if kind == "rules":  # another environment, which needs none of the assistant's settings nor its token
        return {key: value for key, value in os.environ.items() if key != "RASA_AUTH_TOKEN"} | {"PYTHONUNBUFFERED": "1"}
    env = server_environment(settings, lock_store_url)
    if kind == "actions":
        env["SANIC_HOST"] = settings.action_host  # rasa-sdk reads its interface from SANIC_HOST
    elif kind == "rasa":
        env.update(
            SANIC_REQUEST_MAX_SIZE=str(MAX_BODY_BYTES),
            RATE_LIMIT_PER_SENDER=str(settings.rate_per_sender),
            RATE_LIMIT_PER_ADDRESS=str(settings.rate_per_address),
        )
    return env


def _environment(name: str, settings: Settings) -> dict:
    return server_env(name, settings)


def _launch(servers: RunningServers, name: str, command: list[str], log_dir: Path) -> None:
    servers.processes[name], servers.logs[name] = spawn(name, command, _environment(name, servers.settings), log_dir)


def _start(
    servers: RunningServers, name: str, command: list[str], health_url: str, log_dir: Path, timeout: float
) -> None:
    try:
        _launch(servers, name, command, log_dir)
        _wait_until_up(health_url, servers, name, timeout)
    except BaseException:
        servers.stop()
        raise


def _rules_ready(servers: RunningServers, timeout: float = RULES_START_TIMEOUT) -> None:
    """Wait for the rules engine (GET /entities: small; /spec is 8 MB), then compute one household so that
    the first person does not wait for the engine's own warm-up."""
    engine = Engine(servers.settings.rules_engine_url, timeout=60)
    try:
        _wait_until_up(f"{engine.url}/entities", servers, "rules", timeout)
        simulate(WARM_UP, today(), tuple(benefits()), engine=engine)
    except BaseException as error:
        servers.stop()
        if isinstance(error, EngineUnavailable):
            raise ServerStartError(
                f"rules : le calcul de mise en route a échoué ({error}) ; voir {servers.logs['rules'].path}"
            ) from error
        raise


def start_rules_server(
    settings: Settings, log_dir: Path, timeout: float = RULES_START_TIMEOUT, workers: int = RULES_WORKERS
) -> RunningServers:
    """Start the rules engine alone (tests, benchmarks, reports); return once it has computed a household."""
    servers = RunningServers(settings)
    _launch(servers, "rules", rules_server_command(settings, workers), log_dir)
    _rules_ready(servers, timeout)
    return servers


def _start_actions(servers: RunningServers, log_dir: Path, timeout: float = 60) -> None:
    settings = servers.settings
    _start(
        servers,
        "actions",
        action_server_command(settings),
        f"http://{settings.action_connect_host}:{settings.action_port}/health",
        log_dir,
        timeout,
    )


def start_action_server(settings: Settings, log_dir: Path, timeout: float = 60) -> RunningServers:
    """Start the action server alone (for `make shell`)."""
    servers = RunningServers(settings)
    _start_actions(servers, log_dir, timeout)
    return servers


def start_servers(
    settings: Settings, model: Path, log_dir: Path, timeout: float = 180, web: bool = False
) -> RunningServers:
    """Start the rules engine (unless RULES_URL names one elsewhere), the action and Rasa servers (and the chat's
    web server if `web`); return once each answers. The rules engine loads while the others start."""
    servers = RunningServers(settings)
    try:  # whatever stops the start-up (a failure, Ctrl-C, SIGTERM), what was started is stopped
        if not settings.rules_url:
            _launch(servers, "rules", rules_server_command(settings), log_dir)
        _start_actions(servers, log_dir)
        _start(servers, "rasa", rasa_server_command(settings, model), f"{settings.rasa_url}/", log_dir, timeout)
        if web:
            _start(servers, "web", web_server_command(settings), f"{settings.web_url}/health", log_dir, 30)
        if "rules" in servers.processes:
            _rules_ready(servers)
    except BaseException:
        servers.stop()
        raise
    return servers
