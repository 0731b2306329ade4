"""Load the application's own data files (data/knowledge/*.yml, or another folder of data/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.paths import KNOWLEDGE


@cache
def load(name: str, directory: Path = KNOWLEDGE) -> dict[str, Any]:
    """Parse <directory>/<name>.yml (data/knowledge/ by default) once per process."""
    with open(directory / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)
