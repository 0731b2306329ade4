"""A PostgreSQL server of one's own (initdb in a temporary folder, a free port on 127.0.0.1), to restart at will.

The machine's server (127.0.0.1:5432) is shared with other work: the test that restarts
PostgreSQL midway restarts this one. It runs as the `postgres` user (PostgreSQL refuses root).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bot.runtime.servers import free_port

BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*command: str) -> subprocess.CompletedProcess:
    runner = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else []
    # No pipe: the server started would keep it open.
    return subprocess.run(
        [*runner, *command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=True
    )


class PrivatePostgres:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.data = folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *arguments: str) -> None:
        _as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *arguments)

    def start(self) -> None:
        self._ctl("-l", str(self.folder / "server.log"), "-o", f"-p {self.port} -k {self.folder} -h 127.0.0.1", "start")

    def restart(self, down_for: float = 0.0) -> None:
        """Stop (every connection cut), stay down `down_for` seconds, start again."""
        self._ctl("-m", "fast", "stop")
        time.sleep(down_for)
        self.start()

    def stop(self) -> None:
        self._ctl("-m", "immediate", "stop")


@contextmanager
def private_postgres():
    folder = Path(tempfile.mkdtemp(prefix="pg-"))
    shutil.chown(folder, "postgres", "postgres")
    server = PrivatePostgres(folder, free_port())
    _as_postgres(str(BIN / "initdb"), "-D", str(server.data), "-A", "trust", "-U", "postgres", "--no-sync")
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
