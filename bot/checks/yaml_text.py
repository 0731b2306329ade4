"""Edit YAML files as text, so that their comments and layout survive."""

from __future__ import annotations

import json
import re


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _is_top_level(line: str) -> bool:
    return bool(line.strip()) and not line[0].isspace()


def _block_end(lines: list[str], start: int) -> int:
    """Index after the last line of the top-level block that starts at `start`."""
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _is_top_level(line):
            if not line.startswith("#"):
                break
            following = next((x for x in lines[index + 1 :] if x.strip() and not x.startswith("#")), "")
            if _is_top_level(following) or not following:
                break
        last = index
    return last + 1


def append_to_block(text: str, key: str, block: str) -> str:
    """Insert `block` at the end of the top-level `key:` mapping or list of a YAML text."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{re.escape(key)}:\s*(#.*)?$", line)), None)
    if start is None:
        raise ValueError(f"no top-level key {key!r}")
    end = _block_end(lines, start)
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + block + "".join(lines[end:])
