"""The servers' logs on disk: one file per server and per day, masked line by line, deleted after the retention.

Each server's output (stdout and stderr) is read by a thread of the process that
started it and written to `<logs>/<server>-<YYYY-MM-DD>.log`. Every line goes
through bot.conversations.log_masking first, a second net after the masking
inside each server (it also catches what is printed outside logging). Files older
than RETENTION_DAYS are deleted by `purge_logs`, which the daily retention job runs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import IO

from bot.conversations.log_masking import mask_log_text

DATED_LOG = re.compile(r"^(?P<server>[\w.-]+)-(?P<day>\d{4}-\d{2}-\d{2})\.log$")


class DailyLog:
    """Appends masked lines to today's file of one server."""

    def __init__(self, directory: Path, server: str, today: Callable[[], date] = date.today) -> None:
        self.directory, self.server, self._today = directory, server, today
        self._day: date | None = None
        self._handle: IO[str] | None = None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self.directory / f"{self.server}-{self._today().isoformat()}.log"

    def write(self, line: str) -> None:
        with self._lock:
            day = self._today()
            if day != self._day or self._handle is None:
                self.close()
                self.directory.mkdir(parents=True, exist_ok=True)
                self._handle, self._day = open(self.path, "a", encoding="utf-8"), day  # noqa: SIM115 (kept open, closed by close())
            self._handle.write(mask_log_text(line.rstrip("\n")) + "\n")
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def pump(stream: IO[bytes], log: DailyLog) -> threading.Thread:
    """Copy a server's output to its log, line by line, in a background thread."""

    def copy() -> None:
        for raw in iter(stream.readline, b""):
            log.write(raw.decode("utf-8", "replace"))
        log.close()

    thread = threading.Thread(target=copy, name=f"log-{log.server}", daemon=True)
    thread.start()
    return thread


def purge_logs(directory: Path, retention_days: int, today: date | None = None) -> list[Path]:
    """Delete the dated log files older than the retention period; the deleted paths."""
    limit = (today or date.today()) - timedelta(days=retention_days)
    deleted = []
    for path in sorted(directory.glob("*.log")) if directory.is_dir() else []:
        dated = DATED_LOG.match(path.name)
        if dated and date.fromisoformat(dated["day"]) < limit:
            path.unlink()
            deleted.append(path)
    return deleted
