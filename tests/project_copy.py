"""A temporary copy of the project, and the `bot` command run on it (BOT_PROJECT_ROOT)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from bot.checks.markers import MARKER
from bot.paths import ROOT, VENV_BIN

IGNORED = shutil.ignore_patterns(
    ".venv", "models", "results", ".git", "__pycache__", ".pytest_cache", "*.egg-info", ".rasa", ".env", "var"
)


def copy_project(destination: Path) -> Path:
    """The project's sources and data, without the venv, models and results."""
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    (destination / "models").mkdir(exist_ok=True)
    return destination


def run_bot(project: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return run_in_copy(project, [str(VENV_BIN / "bot"), *args], timeout)


def run_in_copy(project: Path, command: list[str], timeout: int = 900) -> subprocess.CompletedProcess:
    """A command of this checkout's .venv run on the copy (BOT_PROJECT_ROOT), its output captured."""
    env = {**os.environ, "BOT_PROJECT_ROOT": str(project)}
    return subprocess.run(
        command,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def fill_markers(path: Path, contents: list[str]) -> None:
    """Do what a trainer does: replace each line holding the marker by the next content, keeping the layout."""
    lines, remaining = [], list(contents)
    for line in path.read_text(encoding="utf-8").splitlines():
        if MARKER in line:
            indent = line[: len(line) - len(line.lstrip())]
            prefix = "- " if line.lstrip().startswith("- ") else ""
            key = (
                line.lstrip().removeprefix("- ").split(":")[0] + ": "
                if line.lstrip().startswith(("- text:", "text:"))
                else ""
            )
            line = f"{indent}{prefix}{key}{remaining.pop(0)}"
        lines.append(line)
    assert not remaining, f"{len(remaining)} contenus non placés dans {path}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def with_few_epochs(project: Path, epochs: int = 5) -> None:
    """Train the copy's model for a few epochs: for tests of a path (train, evaluate, report), not of a model."""
    config_path = project / "config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for part in config.get("pipeline", []) + config.get("policies", []):
        if "epochs" in part:
            part["epochs"] = epochs
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
