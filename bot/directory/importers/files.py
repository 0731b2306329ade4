"""Open an import file as a stream, plain or gzip-compressed, with a progress bar on its bytes.

Files are read as they are parsed (a département's BAN is hundreds of megabytes):
the bar follows the bytes read from disk, so it is right for compressed files too.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm


class _Counting(io.RawIOBase):
    """A binary file that moves a progress bar as it is read."""

    def __init__(self, handle, bar: tqdm):
        self._handle, self._bar = handle, bar

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = self._handle.readinto(buffer)
        self._bar.update(size or 0)
        return size

    def close(self) -> None:
        self._handle.close()
        super().close()


@contextmanager
def open_binary(
    path: Path, progress: bool = False, label: str = "Lecture"
) -> Iterator[gzip.GzipFile | io.BufferedReader[_Counting]]:
    """The file's bytes (decompressed when it ends in .gz), read progressively."""
    path = Path(path)
    bar = tqdm(total=path.stat().st_size, desc=label, unit="o", unit_scale=True, disable=not progress, file=sys.stderr)
    raw = io.BufferedReader(_Counting(open(path, "rb"), bar), buffer_size=1 << 20)  # noqa: SIM115 (closed below)
    stream = gzip.GzipFile(fileobj=raw) if path.suffix == ".gz" else raw
    try:
        yield stream
    finally:
        stream.close()
        raw.close()
        bar.close()


@contextmanager
def open_text(path: Path, progress: bool = False, label: str = "Lecture") -> Iterator[io.TextIOWrapper]:
    """The file as UTF-8 text (a byte-order mark is dropped), for the csv module."""
    with open_binary(path, progress, label) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            yield text
        finally:
            text.detach()
