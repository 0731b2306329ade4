"""HAProxy as `make cluster` configures it, in front of small HTTP servers of the test's own.

- Checks: a Rasa instance answers its check (`GET /`) on its event loop, after the messages already
  there: under load it answers late. The last instance left keeps its traffic while it is slow.
- Retries: a request whose server dies before answering is sent to another one, even when it is as
  large as a Rasa instance's call to the actions in a long conversation.
"""

from __future__ import annotations

import socket
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
OBSERVED = 14.0  # longer than three checks given up after 3 s each, one second apart (the former setting)
# A call to the actions after 30 messages: the stored conversation of 30 messages weighed 63 KB, the domain 6 KB.
LONG_CONVERSATION_CALL = 70_000


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


class _Dying(_Instance):
    """A server that reads the request and dies before answering it."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.connection.shutdown(socket.SHUT_RDWR)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a check HAProxy gave up on: the late answer finds the connection closed


@contextmanager
def _serving(port: int, handler=_Instance):
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def _backend(name: str, health: str, ports: list[int]) -> haproxy.Backend:
    return haproxy.Backend(name, health, tuple((f"{name}-{n}", "127.0.0.1", p) for n, p in enumerate(ports, 1)))


@contextmanager
def _haproxy(tmp_path, chat: int, rasa: list[int], actions: list[int] | None = None):
    """HAProxy with `make cluster`'s configuration: the chat on `chat`, the actions' door on `chat + 1`."""
    executable = haproxy.haproxy_executable()
    if not executable:
        pytest.fail("haproxy manque : make setup l'installe (paquet Debian)")
    config_file = tmp_path / "haproxy.cfg"
    config_file.write_text(
        haproxy.config(
            ("127.0.0.1", chat),
            ("127.0.0.1", chat + 1),
            _backend("rasa", "/", rasa),
            _backend("actions", "/health", actions or rasa),
            _backend("web", "/health", rasa[:1]),
        )
    )
    process = subprocess.Popen(
        haproxy.haproxy_command(executable, config_file), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        time.sleep(0.5)
        yield
    finally:
        process.terminate()
        process.communicate(timeout=10)


def _post(url: str, body: bytes = b'{"sender": "s", "message": "bonjour"}') -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
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
    with _serving(first), _haproxy(tmp_path, first + 1, [first]):
        statuses = _statuses_for(f"http://127.0.0.1:{first + 1}/webhooks/rest/webhook", OBSERVED)
    assert statuses and set(statuses) == {200}, f"{statuses.count(503)} réponses 503 sur {len(statuses)}"


def test_a_dead_instance_beside_a_slow_one_costs_no_message(tmp_path):
    first = free_ports(4)
    dead = first + 3  # nothing listens there: its connections are refused
    with _serving(first), _haproxy(tmp_path, first + 1, [first, dead]):
        statuses = _statuses_for(f"http://127.0.0.1:{first + 1}/webhooks/rest/webhook", 3.0)
    assert statuses and set(statuses) == {200}, statuses


def test_a_call_to_the_actions_in_a_long_conversation_is_sent_again_when_its_server_dies(tmp_path):
    first = free_ports(4)
    dying, alive = first + 2, first + 3
    body = b'{"tracker": "' + b"x" * LONG_CONVERSATION_CALL + b'"}'
    with _serving(dying, _Dying), _serving(alive), _haproxy(tmp_path, first, [alive], [dying, alive]):
        statuses = [_post(f"http://127.0.0.1:{first + 1}/webhook", body) for _ in range(6)]
    assert statuses == [200] * 6, statuses  # round robin: every other call first went to the dying server
