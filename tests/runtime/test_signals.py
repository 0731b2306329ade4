"""Ctrl-C or SIGTERM during the start-up of `make run` and `make cluster` stops everything they started.

Each command is started for real, on free ports, and interrupted once some of its servers are
up and others still starting; then no process it started may be left, nor any port listening.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from bot.paths import ROOT, VENV_BIN
from bot.runtime.servers import free_port, free_ports

pytestmark = pytest.mark.servers


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (children, their children…)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def interrupt_during_start_up(command: list[str], env: dict, up_port: int, deliver, ports: list[int]) -> None:
    """Start `command`; once something answers on `up_port`, `deliver(process)` a signal; check all is gone."""
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 400
        while not listening(up_port):
            assert process.poll() is None, process.stdout.read().decode(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "le démarrage n'a pas atteint le point voulu"
            time.sleep(0.3)
        started = descendants(process.pid)
        assert len(started) >= 3  # several servers are running, the start-up is not over
        deliver(process)
        output, _ = process.communicate(timeout=60)
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert not [pid for pid in started if alive(pid)], output.decode(errors="replace")[-3000:]
        assert not [port for port in ports if listening(port)]
        assert "Arrêt" in output.decode(errors="replace")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_sigterm_to_make_run_during_start_up_stops_every_server(model, directory_url, tmp_path):
    ports = {name: free_port() for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT", "RULES_PORT")}
    env = dict(
        os.environ,
        **{name: str(port) for name, port in ports.items()},
        RULES_URL="",
        TRACKER_STORE_URL=f"sqlite:///{tmp_path}/conversations.db",
        DATABASE_URL=directory_url,
    )
    # SIGTERM to `make` alone, as a service manager or `kill` would send it, not to its process group.
    interrupt_during_start_up(
        ["make", "--no-print-directory", "run"],
        env,
        ports["ACTION_PORT"],
        lambda process: process.send_signal(signal.SIGTERM),
        list(ports.values()),
    )


def test_ctrl_c_during_make_cluster_start_up_stops_every_server(model, directory_url, rules, postgres_url):
    first = free_ports(8)
    ports = {
        "CLUSTER_PORT": first,
        "CLUSTER_ACTIONS_PORT": first + 1,
        "CLUSTER_RASA_FIRST_PORT": first + 2,
        "CLUSTER_ACTION_FIRST_PORT": first + 4,
        "CLUSTER_WEB_PORT": first + 6,
    }
    env = dict(
        os.environ,
        **{name: str(port) for name, port in ports.items()},
        CLUSTER_INSTANCES="2",
        CLUSTER_WORKERS="1",
        CLUSTER_TRACKER_STORE_URL=postgres_url,
        RULES_URL=rules.engine.url,
        LOCK_STORE_URL="redis://127.0.0.1:6379/14",
        DATABASE_URL=directory_url,
    )
    # Ctrl-C in a terminal: SIGINT to the foreground process group.
    interrupt_during_start_up(
        [str(VENV_BIN / "python"), "-m", "bot.runtime.serve_cluster"],
        env,
        first + 4,
        lambda process: os.killpg(process.pid, signal.SIGINT),
        [first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6],
    )
