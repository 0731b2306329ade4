"""The engine down (nothing listening) or slow (a fake that sleeps): EngineUnavailable, quickly."""

from __future__ import annotations

import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.rights.engine import Engine, EngineUnavailable, simulate
from bot.rights.household import Household
from bot.runtime.servers import free_port

HOUSEHOLD = Household(couple=True, children_ages=(5, 8), monthly_income=2000.0, working=True)


class Sleepy(BaseHTTPRequestHandler):
    """Answers every request after five seconds, like an engine under load."""

    def do_GET(self):
        time.sleep(5)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_engine():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sleepy)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Engine(f"http://127.0.0.1:{server.server_address[1]}", timeout=0.5)
    server.shutdown()
    server.server_close()


def timed_failure(engine: Engine) -> float:
    started = time.monotonic()
    with pytest.raises(EngineUnavailable):
        simulate(HOUSEHOLD, date(2026, 11, 1), ("af",), engine=engine)
    return time.monotonic() - started


def test_nothing_listening_fails_at_once():
    assert timed_failure(Engine(f"http://127.0.0.1:{free_port()}", timeout=3)) < 1


def test_a_slow_engine_fails_after_the_read_timeout(slow_engine):
    assert 0.4 < timed_failure(slow_engine) < 2


def test_an_unknown_benefit_is_refused():
    with pytest.raises(ValueError, match="unknown benefits"):
        simulate(HOUSEHOLD, date(2026, 11, 1), ("allocations",), engine=Engine("http://127.0.0.1:9"))
