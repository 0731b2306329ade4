"""Keep a set of server processes running: start them, start again any that dies, stop them all.

Used by `make cluster` (bot.runtime.cluster). Each service is spawned like the servers of
`make run` (bot.runtime.servers: own process group, output masked to its daily log, SIGTERM
when the supervisor dies). A service that exits is started again after a pause that doubles
with each quick death (1 s, 2 s, 4 s… at most 30 s) and comes back to 1 s once it has run for
a minute; HAProxy's health checks keep it out of the rotation until it answers.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.runtime.log_files import DailyLog
from bot.runtime.servers import spawn

logger = logging.getLogger(__name__)

FIRST_PAUSE, LONGEST_PAUSE, STABLE_AFTER = 1.0, 30.0, 60.0


@dataclass
class Service:
    name: str
    command: list[str]
    env: dict
    process: subprocess.Popen | None = None
    log: DailyLog | None = None
    started: float = 0.0
    pause: float = FIRST_PAUSE
    restart_at: float | None = None
    restarts: int = 0


@dataclass
class Supervisor:
    log_dir: Path
    services: dict[str, Service] = field(default_factory=dict)
    say: Callable[[str], None] = print
    clock: Callable[[], float] = time.monotonic

    def add(self, name: str, command: list[str], env: dict) -> Service:
        self.services[name] = Service(name, command, env)
        return self.services[name]

    def start(self, name: str) -> None:
        service = self.services[name]
        service.process, service.log = spawn(name, service.command, service.env, self.log_dir)
        service.started, service.restart_at = self.clock(), None

    def check(self) -> list[str]:
        """Start again the services that died (after their pause); the names of those started again."""
        now, restarted = self.clock(), []
        for service in self.services.values():
            if service.process is None or service.process.poll() is None:
                continue
            if service.restart_at is None:
                quick = service.restarts and now - service.started < STABLE_AFTER
                service.pause = min(LONGEST_PAUSE, service.pause * 2) if quick else FIRST_PAUSE
                service.restart_at = now + service.pause
                self.say(
                    f"Le serveur {service.name} s'est arrêté (code {service.process.returncode}) : "
                    f"redémarrage dans {service.restart_at - now:.0f} s."
                )
            elif now >= service.restart_at:
                self.start(service.name)
                service.restarts += 1
                restarted.append(service.name)
        return restarted

    def pid(self, name: str) -> int | None:
        process = self.services[name].process
        return process.pid if process and process.poll() is None else None

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM to every service's process group, then SIGKILL to what is left after `timeout`."""
        running = [s.process for s in self.services.values() if s.process is not None]
        for process in running:
            if process.poll() is None:
                _signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
                process.wait()


def _signal_group(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)
