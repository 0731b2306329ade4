"""The retention job runs at start and then at its interval, in the background, and survives a failure."""

from __future__ import annotations

import threading
import time

from bot.runtime.schedule import Every


def test_the_job_runs_at_start_then_at_each_interval_until_stopped():
    runs = []
    job = Every(0.05, lambda: runs.append(time.monotonic()), "test").start()
    time.sleep(0.3)
    job.stop()
    count = len(runs)
    assert count >= 3
    time.sleep(0.15)
    assert len(runs) == count  # stopped


def test_a_failing_run_is_logged_and_the_next_one_still_happens(caplog):
    calls = []
    done = threading.Event()

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("base absente")
        done.set()

    job = Every(0.05, flaky, "purge").start()
    assert done.wait(2)
    job.stop()
    assert "La tâche purge a échoué" in caplog.text
