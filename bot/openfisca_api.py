"""The rules engine's Web API (OpenFisca-France served by `openfisca serve`): JSON over HTTP with short
timeouts, and the value of a parameter on a date. Any failure raises EngineUnavailable.

Each call opens its own connection, so the functions are safe to call from several threads.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.settings import rules_engine

CONNECT_TIMEOUT = 1.0  # seconds to open the connection (the engine is local or near)


class EngineUnavailable(RuntimeError):
    """The rules engine did not answer in time, or answered with an error."""


@dataclass(frozen=True)
class Engine:
    """Where the engine answers, and how long to wait for an answer once connected."""

    url: str
    timeout: float = 3.0

    @classmethod
    def from_environment(cls) -> Engine:
        """RULES_URL (or RULES_HOST:RULES_PORT) and RULES_TIMEOUT, from the environment or .env."""
        url, timeout = rules_engine()
        return cls(url, timeout)


@dataclass(frozen=True)
class Answer:
    body: dict
    package: str  # the country package, e.g. "openfisca-france" (header Country-Package)
    version: str  # its version (header Country-Package-Version)


def call(engine: Engine, path: str, body: dict | None = None) -> Answer:
    """GET `path` (POST `body` as JSON when given); the decoded answer, or EngineUnavailable."""
    target = urllib.parse.urlsplit(engine.url)
    if not target.hostname:
        raise EngineUnavailable(f"{engine.url}: no host in the rules engine's address")
    started = time.monotonic()
    connection = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=CONNECT_TIMEOUT)
    try:
        connection.connect()
        connection.sock.settimeout(engine.timeout)
        data = json.dumps(body).encode() if body is not None else None
        connection.request(
            "POST" if data else "GET",
            target.path.rstrip("/") + path,
            body=data,
            headers={"Content-Type": "application/json"} if data else {},
        )
        response = connection.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException) as error:
        raise EngineUnavailable(
            f"{engine.url}{path}: {type(error).__name__} after {time.monotonic() - started:.1f} s"
        ) from error
    finally:
        connection.close()
    if response.status != 200:
        raise EngineUnavailable(f"{engine.url}{path}: HTTP {response.status} {raw[:300]!r}")
    if time.monotonic() - started > CONNECT_TIMEOUT + engine.timeout:
        raise EngineUnavailable(f"{engine.url}{path}: answered after {time.monotonic() - started:.1f} s")
    try:
        decoded = json.loads(raw)
    except ValueError as error:
        raise EngineUnavailable(f"{engine.url}{path}: not JSON") from error
    return Answer(decoded, response.getheader("Country-Package", ""), response.getheader("Country-Package-Version", ""))


@lru_cache(maxsize=256)
def parameter(engine: Engine, path: str) -> tuple[tuple[date, float | None], ...]:
    """The dated values of a parameter, oldest first (None: the parameter ended). Cached: they do not change
    while the engine runs; a failure is not cached."""
    values = call(engine, f"/parameter/{path}").body.get("values")
    if not isinstance(values, dict):
        raise EngineUnavailable(f"{path}: not a parameter with values")
    return tuple(sorted((date.fromisoformat(day), value) for day, value in values.items()))


def parameter_on(engine: Engine, path: str, day: date) -> float:
    """The value of a parameter in force on `day` (the newest start date on or before it)."""
    in_force = [value for start, value in parameter(engine, path) if start <= day]
    if not in_force or in_force[-1] is None:
        raise LookupError(f"{path}: no value in force on {day.isoformat()}")
    return in_force[-1]
