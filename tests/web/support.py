"""Helpers of the browser tests: the browser, a page server, a fake assistant, a stoppable relay.

Playwright drives Debian's chromium (`executable_path`); Playwright's own browser
download is never used.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.paths import RESULTS
from bot.runtime.servers import free_port
from bot.runtime.web_server import make_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = RESULTS / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def chromium_path() -> str:
    path = shutil.which("chromium")
    if not path:
        raise RuntimeError("chromium manque : lancez `make setup` (il installe le paquet Debian chromium)")
    return path


@contextmanager
def serving(server):
    """Run an http.server in a thread for the duration of the block."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def page_server(bot_url: str, port: int | None = None):
    """The chat's pages (web/) served on 127.0.0.1, talking to the assistant at bot_url; yields the base URL."""
    port = port or free_port()
    with serving(make_server("127.0.0.1", port, bot_url)):
        yield f"http://127.0.0.1:{port}"


class FakeAssistant(ThreadingHTTPServer):
    """Answers the REST route with canned replies (after `delay` seconds) and records the requests."""

    daemon_threads = True

    def __init__(
        self, replies: list, allowed_origin: str = "*", delay: float = 0, status: int = 200, notice: bool = False
    ):
        super().__init__(("127.0.0.1", 0), _FakeHandler)
        self.replies, self.allowed_origin, self.delay, self.status = replies, allowed_origin, delay, status
        self.notice = notice  # an error status whose body is the assistant's French notice (413, 429, 503)
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _FakeHandler(BaseHTTPRequestHandler):
    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", self.server.allowed_origin)
        self.send_header("Access-Control-Allow-Headers", "content-type")
        self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
        time.sleep(self.server.delay)
        as_json = self.server.status == 200 or self.server.notice
        body = (
            json.dumps(self.server.replies).encode()
            if as_json
            else b"Traceback (most recent call last):\n  File \"server.py\", line 1\nKeyError: 'boom'"
        )
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json" if as_json else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self._cors()
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the page gave up waiting (timeout test)
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class Relay:
    """A TCP relay to a real server, stopped and restarted on the same port to play a server outage."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones (the browser keeps connections alive)."""
        if self._listener:
            _close(self._listener)  # shutdown() wakes the thread blocked in accept()
            self._listener = None
        for sock in self._connections:
            _close(sock)
        self._connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _close(source)
            _close(sink)


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def open_chat(page, base_url: str, path: str = "/") -> None:
    """Load the demo page and open the chat with its button."""
    page.goto(base_url + path)
    page.get_by_role("button", name="Une question ? Discutez avec l'assistant").click()
    page.get_by_label("Votre question").wait_for()


def ask(page, text: str, label: str = "Votre question") -> None:
    """Type a question and send it, then wait for the assistant's answer."""
    before = page.locator(".lhc-from-bot").count()
    page.get_by_label(label).fill(text)
    page.get_by_role("button", name="Envoyer").click()
    page.locator(".lhc-from-bot").nth(before).wait_for(timeout=60_000)


def serious_violations(page) -> list[dict]:
    """axe-core violations of impact serious or critical (axe.min.js bundled by axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
