"""The rules engine started for the tests: once per session, stoppable for the tests of its absence."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from bot.rights.engine import Engine
from bot.runtime.servers import RunningServers, start_rules_server
from bot.settings import Settings


class RulesEngine:
    """A running rules engine (OpenFisca-France's Web API) on its own port."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.settings, self.log_dir = settings, log_dir
        self.engine = Engine(settings.rules_engine_url, timeout=30)  # generous: the tests share 2 cores
        self._running: RunningServers | None = None

    def start(self) -> RulesEngine:
        self._running = start_rules_server(self.settings, self.log_dir)
        return self

    def stop(self) -> None:
        if self._running is not None:
            self._running.stop()
            self._running = None

    @contextmanager
    def stopped(self):
        """Nothing listens on the engine's port inside the block; started again after it."""
        self.stop()
        try:
            yield
        finally:
            self.start()
