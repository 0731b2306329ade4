"""The cluster of `make cluster`, on one machine: HAProxy in front of several Rasa instances and action servers.

    HAProxy (CLUSTER_HOST:CLUSTER_PORT) ─┬─ /webhooks, API ─▶ Rasa 1..N (CLUSTER_RASA_FIRST_PORT…)
                                         └─ pages ─────────▶ web server (CLUSTER_WEB_PORT)
    Rasa n ─▶ HAProxy (CLUSTER_INTERNAL_HOST:CLUSTER_ACTIONS_PORT) ─▶ action servers 1..N
    Rasa n ─▶ PostgreSQL (CLUSTER_TRACKER_STORE_URL), Redis lock (LOCK_STORE_URL)
    action servers ─▶ one rules engine (RULES_URL, or the local one)

Every process is supervised (bot.runtime.supervisor): one that dies is started again, and
HAProxy's health checks keep it out until it answers. `start_cluster` returns once HAProxy
answers and every server behind it is up; `Cluster.stop()` stops them all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from bot.clock import today
from bot.rights.benefits import benefits
from bot.rights.engine import Engine, EngineUnavailable, simulate
from bot.runtime import haproxy
from bot.runtime.servers import (
    LAUNCH,
    RULES_START_TIMEOUT,
    WARM_UP,
    ServerStartError,
    action_server_command,
    rasa_server_command,
    rules_server_command,
    server_env,
)
from bot.runtime.supervisor import Supervisor
from bot.settings import ClusterSettings, Settings, trusted_proxies


@dataclass
class Cluster:
    settings: Settings  # the settings every instance shares (tracker store, action URL…)
    cluster: ClusterSettings
    supervisor: Supervisor
    config_file: Path

    @property
    def url(self) -> str:
        """HAProxy's chat address on this machine (the tests and benchmarks call it)."""
        return f"http://{self.cluster.host}:{self.cluster.port}"

    def rasa_names(self) -> list[str]:
        return [f"rasa-{n}" for n in range(1, self.cluster.instances + 1)]

    def action_names(self) -> list[str]:
        return [f"actions-{n}" for n in range(1, self.cluster.instances + 1)]

    def watch(self) -> list[str]:
        """Start again what died; the names started again."""
        return self.supervisor.check()

    def stop(self) -> None:
        self.supervisor.stop()


def instance_settings(settings: Settings, cluster: ClusterSettings) -> Settings:
    """What the instances share: the cluster's conversation database, the actions through HAProxy."""
    origins = settings.cors_origins + ((cluster.chat_url,) if cluster.chat_url not in settings.cors_origins else ())
    return replace(
        settings,
        tracker_store_url=cluster.tracker_store_url,
        action_url=cluster.actions_url,
        rasa_host=cluster.internal_host,
        action_host=cluster.internal_host,
        cors_origins=origins,
    )


def _rasa_env(shared: Settings, cluster: ClusterSettings, trusted: str) -> dict:
    env = server_env("rasa", shared, cluster.lock_store_url)
    env.update(
        SANIC_WORKERS=str(cluster.sanic_workers()),
        TICKET_LOCK_LIFETIME=str(cluster.lock_lifetime),
        TRUSTED_PROXIES=" ".join(filter(None, (trusted, cluster.internal_host))),
    )
    return env


def backends(cluster: ClusterSettings) -> tuple[haproxy.Backend, haproxy.Backend, haproxy.Backend]:
    numbers = range(1, cluster.instances + 1)
    host = cluster.internal_host
    rasa = haproxy.Backend("rasa", "/", tuple((f"rasa-{n}", host, cluster.rasa_first_port + n - 1) for n in numbers))
    actions = haproxy.Backend(
        "actions", "/health", tuple((f"actions-{n}", host, cluster.action_first_port + n - 1) for n in numbers)
    )
    web = haproxy.Backend("web", "/health", (("web", host, cluster.web_port),))
    return rasa, actions, web


def plan(
    settings: Settings,
    cluster: ClusterSettings,
    model: Path,
    log_dir: Path,
    run_dir: Path,
    executable: str,
    with_rules: bool,
) -> Cluster:
    """The services of the cluster (nothing started yet) and HAProxy's configuration file."""
    shared = instance_settings(settings, cluster)
    supervisor = Supervisor(log_dir)
    if with_rules:
        supervisor.add("rules", rules_server_command(shared), server_env("rules", shared))
    for n in range(1, cluster.instances + 1):
        own = replace(shared, action_port=cluster.action_first_port + n - 1)
        supervisor.add(f"actions-{n}", action_server_command(own), server_env("actions", own))
    for n in range(1, cluster.instances + 1):
        own = replace(shared, rasa_port=cluster.rasa_first_port + n - 1)
        supervisor.add(
            f"rasa-{n}", rasa_server_command(own, model), _rasa_env(own, cluster, " ".join(trusted_proxies()))
        )
    supervisor.add(
        "web",
        [
            *LAUNCH,
            "web",
            "--host",
            cluster.internal_host,
            "--port",
            str(cluster.web_port),
            "--bot-url",
            cluster.chat_url,
        ],
        server_env("web", shared),
    )
    run_dir.mkdir(parents=True, exist_ok=True)
    config_file = run_dir / "haproxy.cfg"
    config_file.write_text(
        haproxy.config((cluster.host, cluster.port), (cluster.internal_host, cluster.actions_port), *backends(cluster)),
        encoding="utf-8",
    )
    checked = subprocess.run(haproxy.check_config(executable, config_file), capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise ServerStartError(f"configuration HAProxy refusée ({config_file}) : {checked.stderr.strip()[:500]}")
    supervisor.add("haproxy", haproxy.haproxy_command(executable, config_file), _only_path())
    return Cluster(shared, cluster, supervisor, config_file)


def _only_path() -> dict:
    """HAProxy's environment: nothing of the assistant's (no token)."""
    return {key: value for key, value in os.environ.items() if key == "PATH"}


def busy_ports(cluster: ClusterSettings) -> list[int]:
    """The cluster's ports that something already listens on."""
    rasa, actions, web = backends(cluster)
    wanted = [
        (cluster.host, cluster.port),
        (cluster.internal_host, cluster.actions_port),
        *[(host, port) for backend in (rasa, actions, web) for _, host, port in backend.servers],
    ]
    busy = []
    for host, port in wanted:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((host, port)) == 0:
                busy.append(port)
    return busy


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _wait(cluster: Cluster, name: str, url: str, deadline: float) -> None:
    service = cluster.supervisor.services[name]
    assert service.log is not None  # the service was started before it is waited for
    while time.monotonic() < deadline:
        if service.process is not None and service.process.poll() is not None:
            raise ServerStartError(f"{name} s'est arrêté au démarrage ; voir {service.log.path}")
        if _up(url):
            return
        time.sleep(0.5)
    raise ServerStartError(f"{name} ne répond pas après le délai de démarrage ; voir {service.log.path}")


def start_cluster(
    settings: Settings,
    cluster: ClusterSettings,
    model: Path,
    log_dir: Path,
    run_dir: Path,
    executable: str,
    timeout: float = 300,
) -> Cluster:
    """Start every service, then wait for each to answer (the rules engine computes one household)."""
    running = plan(settings, cluster, model, log_dir, run_dir, executable, with_rules=not settings.rules_url)
    try:  # whatever stops the start-up (a failure, Ctrl-C, SIGTERM), what was started is stopped
        for name in running.supervisor.services:
            running.supervisor.start(name)
        deadline = time.monotonic() + timeout
        rasa, actions, web = backends(cluster)
        for backend in (actions, rasa, web):
            for name, host, port in backend.servers:
                _wait(running, name, f"http://{host}:{port}{backend.health}", deadline)
        _wait(running, "haproxy", f"{running.url}/webhooks/rest/", deadline)
        if "rules" in running.supervisor.services:
            engine = Engine(running.settings.rules_engine_url, timeout=60)
            _wait(running, "rules", f"{engine.url}/entities", time.monotonic() + RULES_START_TIMEOUT)
            try:
                simulate(WARM_UP, today(), tuple(benefits()), engine=engine)
            except EngineUnavailable as error:
                raise ServerStartError(f"rules : le calcul de mise en route a échoué ({error})") from error
    except BaseException:
        running.stop()
        raise
    return running
