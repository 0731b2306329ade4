"""Run a Rasa command with a progress bar built from the progress it prints (tqdm)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import yaml
from tqdm import tqdm

# A tqdm line of Rasa: "Epochs:  45%|████▌     | 45/100 [00:30<...]".
EPOCHS = re.compile(rb"Epochs:\s+\d+%\|[^|]*\|\s*(\d+)/(\d+)")
ANY_BAR = re.compile(rb"\d+%\|[^|]*\|\s*(\d+)/(\d+)")


def configured_epochs(config: Path) -> int:
    """Total training epochs of the pipeline and policies of config.yml."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    return sum(int(part.get("epochs") or 0) for part in (data.get("pipeline") or []) + (data.get("policies") or []))


class BarTracker:
    """Turns the successive bars of Rasa's components into one position."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.done, self.current, self.current_total = pattern, 0, 0, 0

    def feed(self, line: bytes) -> int | None:
        """The overall position after this output line, or None when it holds no progress."""
        match = self.pattern.search(line)
        if not match:
            return None
        count, total = int(match.group(1)), int(match.group(2))
        if total != self.current_total or count < self.current:
            self.done += self.current  # a new component's bar started
            self.current_total = total
        self.current = count
        return self.done + count


def run_with_progress(
    command: list[str],
    cwd: Path,
    log_path: Path,
    label: str,
    unit: str,
    total: int | None = None,
    pattern: re.Pattern = ANY_BAR,
) -> None:
    """Run the command, its output in `log_path`, a bar on the terminal; raise when it fails.

    Without `total`, the bar takes the total of the first bar Rasa prints.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    tracker = BarTracker(pattern)
    with (
        open(log_path, "wb") as log,
        tqdm(total=total, desc=label, unit=f" {unit}", leave=True, dynamic_ncols=True) as bar,
    ):
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = process.stdout
        assert isinstance(output, io.BufferedReader)  # stdout=PIPE, unbuffered text off: a buffered byte stream
        pending = b""
        for chunk in iter(lambda: output.read1(4096), b""):
            log.write(chunk)
            *lines, pending = re.split(rb"[\r\n]", pending + chunk)
            for line in lines:
                position = tracker.feed(line)
                if position is not None:
                    if bar.total is None:
                        bar.total = tracker.current_total
                    bar.update(min(position, bar.total) - bar.n)
        if process.wait() != 0:
            raise subprocess.CalledProcessError(process.returncode, command)
        if bar.total:
            bar.update(bar.total - bar.n)
