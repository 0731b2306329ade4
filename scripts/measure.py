"""Measuring helpers shared by the benchmarks of scripts/: percentiles of latencies, memory of a process tree."""

from __future__ import annotations

import statistics
from pathlib import Path


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return f"p50 {statistics.median(samples):.0f} ms, p95 {cuts[94]:.0f} ms (n={len(samples)})"


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
            stat = (proc / "stat").read_text().split()
        except OSError:
            continue
        if int(proc.name) == pid or int(stat[3]) == pid:
            total += int(next(row.split()[1] for row in status.splitlines() if row.startswith("VmRSS")))
    return total / 1024
