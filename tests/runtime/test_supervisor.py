"""The supervisor of `make cluster`: a dead server is started again, quick deaths wait longer, stop stops all."""

from __future__ import annotations

import os
import sys
import time

from bot.runtime.supervisor import FIRST_PAUSE, Supervisor


def test_a_dead_server_is_started_again_and_quick_deaths_wait_longer(tmp_path):
    said: list[str] = []
    now = [0.0]
    supervisor = Supervisor(tmp_path, say=said.append, clock=lambda: now[0])
    supervisor.add("dies", [sys.executable, "-c", "import sys; sys.exit(3)"], dict(os.environ))
    supervisor.add("lives", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))
    for name in ("dies", "lives"):
        supervisor.start(name)
    first = supervisor.services["dies"].process
    first.wait(10)
    assert supervisor.check() == [] and "dies" in said[0] and "code 3" in said[0]
    now[0] += FIRST_PAUSE
    assert supervisor.check() == ["dies"]
    supervisor.services["dies"].process.wait(10)
    supervisor.check()  # died again at once: the next pause is twice as long
    assert supervisor.services["dies"].pause == 2 * FIRST_PAUSE
    now[0] += FIRST_PAUSE
    assert supervisor.check() == []
    now[0] += FIRST_PAUSE
    assert supervisor.check() == ["dies"]
    living = supervisor.pid("lives")
    assert living is not None and supervisor.services["lives"].restarts == 0
    started = time.monotonic()
    supervisor.stop()
    assert time.monotonic() - started < 10
    assert supervisor.pid("lives") is None
