"""Read the records of a large JSON file one by one, without loading the file.

Handles a top-level list (`[record, ...]`), an object holding the list under one of
the given keys (`{"service": [...]}`, `{"total_count": 2, "results": [...]}`), and
JSON lines (one record per line, files ending in .jsonl or .ndjson).
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator

CHUNK = 1 << 16
MAX_RECORD = 16 << 20  # a record larger than this is taken for broken JSON
_decoder = json.JSONDecoder()


class JsonStreamError(ValueError):
    """The file is not the JSON expected (French message)."""


class _Reader:
    def __init__(self, stream: io.BufferedIOBase):
        self._stream = stream
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer, self.position, self.eof = "", 0, False

    def _more(self) -> bool:
        if self.eof:
            return False
        data = self._stream.read(CHUNK)
        self.eof = not data
        text = self._utf8.decode(data, final=self.eof)
        self.buffer = self.buffer[self.position :] + text
        self.position = 0
        return bool(data) or bool(text)

    def peek(self) -> str:
        """The next character that is not a space ('' at the end)."""
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position] in " \t\r\n":
                self.position += 1
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if not self._more():
                return ""

    def take(self, expected: str) -> None:
        if self.peek() != expected:
            found = self.peek() or "fin du fichier"
            raise JsonStreamError(f"JSON inattendu : « {expected} » attendu, « {found} » trouvé")
        self.position += 1

    def value(self):
        """The next JSON value, reading more of the file until it is complete."""
        self.peek()
        while True:
            try:
                value, end = _decoder.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError as error:
                if len(self.buffer) - self.position > MAX_RECORD or not self._more():
                    raise JsonStreamError(f"JSON invalide : {error.msg}") from None
                continue
            if end == len(self.buffer) and self._more():
                continue  # a number cut at the end of the chunk: decode it whole
            self.position = end
            return value


def _array_items(reader: _Reader) -> Iterator:
    reader.take("[")
    if reader.peek() == "]":
        return
    while True:
        yield reader.value()
        following = reader.peek()
        if following == "]":
            return
        reader.take(",")


def records(stream: io.BufferedIOBase, keys: tuple[str, ...]) -> Iterator:
    """Each item of the list at the top or under one of `keys` of the top-level object."""
    reader = _Reader(stream)
    first = reader.peek()
    if first == "[":
        yield from _array_items(reader)
        return
    if first != "{":
        raise JsonStreamError("ni liste JSON, ni objet JSON")
    reader.take("{")
    while reader.peek() not in ("}", ""):
        key = reader.value()
        reader.take(":")
        if key in keys and reader.peek() == "[":
            yield from _array_items(reader)
            return
        reader.value()  # another field (total_count...): read and left aside
        if reader.peek() == ",":
            reader.take(",")
    raise JsonStreamError(f"aucune liste sous {', '.join(repr(k) for k in keys)}")


def json_lines(stream: io.BufferedIOBase) -> Iterator:
    """One JSON value per non-empty line; an unreadable line is given as its text (rejected alone)."""
    for raw in stream:
        line = raw.decode("utf-8-sig", errors="replace").strip()
        if line:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                yield line
