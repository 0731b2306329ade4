"""HAProxy's health checks, as `make cluster` writes them, against small HTTP servers of the test's own.

A Rasa instance answers its check (`GET /`) on its event loop, after the messages already there:
under load it answers late. The last instance left must keep its traffic while it is slow; a dead
one must still be taken out at once.
"""
from __future__ import annotations

import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.runtime import haproxy
from bot.runtime.servers import free_ports

SLOW_CHECK = 4.0  # seconds a busy instance took to answer its check in the cluster test (up to 7.6 s at 4× slower)
OBSERVED = 14.0   # longer than three checks given up after 3 s each, one second apart (the former setting)


class _Instance(BaseHTTPRequestHandler):
    """A Rasa instance that answers its check late and its messages at once."""

    def do_GET(self):
        if self.path == "/":
            time.sleep(SLOW_CHECK)
        self._answer(b'{"status": "ok"}')

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer(b"[]")

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a check HAProxy gave up on: the late answer finds the connection closed


@contextmanager
def _serving(port: int):
    server = _Server(("127.0.0.1", port), _Instance)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _haproxy(tmp_path, rasa_ports: list[int], port: int):
    executable = haproxy.haproxy_executable()
    if not executable:
        pytest.fail("haproxy manque : make setup l'installe (paquet Debian)")
    rasa = haproxy.Backend("rasa", "/", tuple((f"rasa-{n}", "127.0.0.1", p) for n, p in enumerate(rasa_ports, 1)))
    others = [haproxy.Backend(name, "/health", ((name, "127.0.0.1", rasa_ports[0]),)) for name in ("actions", "web")]
    config_file = tmp_path / "haproxy.cfg"
    config_file.write_text(haproxy.config(("127.0.0.1", port), ("127.0.0.1", port + 1), rasa, *others))
    process = subprocess.Popen(haproxy.haproxy_command(executable, config_file), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        yield process
    finally:
        process.terminate()
        process.communicate(timeout=10)


def _post(url: str) -> int:
    request = urllib.request.Request(url, data=b'{"sender": "s", "message": "bonjour"}', method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _statuses_for(url: str, seconds: float) -> list[int]:
    statuses, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        statuses.append(_post(url))
        time.sleep(0.25)
    return statuses


def test_the_last_instance_keeps_its_traffic_while_its_checks_answer_late(tmp_path):
    first = free_ports(3)
    with _serving(first), _haproxy(tmp_path, [first], first + 1):
        time.sleep(0.5)
        statuses = _statuses_for(f"http://127.0.0.1:{first + 1}/webhooks/rest/webhook", OBSERVED)
    assert statuses and set(statuses) == {200}, f"{statuses.count(503)} réponses 503 sur {len(statuses)}"


def test_a_dead_instance_beside_a_slow_one_costs_no_message(tmp_path):
    first = free_ports(4)
    dead = first + 3  # nothing listens there: its connections are refused
    with _serving(first), _haproxy(tmp_path, [first, dead], first + 1):
        time.sleep(0.5)
        statuses = _statuses_for(f"http://127.0.0.1:{first + 1}/webhooks/rest/webhook", 3.0)
    assert statuses and set(statuses) == {200}, statuses
