"""Run a job at start and then at a fixed interval, in a background thread (the daily retention purge)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)


class Every:
    """`job()` now, then every `interval` seconds, until `stop()`; a failing run is logged, not fatal."""

    def __init__(self, interval: float, job: Callable[[], object], name: str = "job") -> None:
        self.interval, self.job, self.name = interval, job, name
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> Every:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                self.job()
            except Exception:
                logger.exception("La tâche %s a échoué ; nouvel essai à la prochaine échéance.", self.name)
            self._stopped.wait(self.interval)
